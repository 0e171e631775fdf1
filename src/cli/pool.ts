import type { Piscina } from 'piscina';

export type Pool = Piscina;

/**
 * Starts a pool of `workers` worker threads. Piscina is loaded here, by the
 * runs that use threads only; the workers begin to boot at once.
 */
export async function startPool(workers: number): Promise<Pool> {
  const { Piscina } = await import('piscina');
  return new Piscina({
    filename: new URL('./cli-worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Infinity,
  });
}
