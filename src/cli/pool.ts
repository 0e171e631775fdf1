import type { Piscina } from 'piscina';
import { stopMemory } from './stop.js';

export type Pool = Piscina;

/** What each worker posts once its module is loaded (src/cli/worker.ts). */
export const WORKER_LOADED = 'seed-parser: worker loaded';
/** How long a pool that is closed may take to load its workers before it is destroyed anyway. */
const LOAD_WAIT_MS = 10_000;

const loading = new WeakMap<Pool, Promise<void>>();

/**
 * Starts a pool of `workers` worker threads. Piscina is loaded here, by the
 * runs that use threads only; the workers begin to boot at once.
 */
export async function startPool(workers: number): Promise<Pool> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: new URL('./cli-worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Infinity,
    workerData: { stop: stopMemory() },
  });
  loading.set(
    pool,
    new Promise((resolve) => {
      let loaded = 0;
      pool.on('message', (message) => {
        if (message === WORKER_LOADED && ++loaded === workers) resolve();
      });
    }),
  );
  return pool;
}

/**
 * Closes a pool once its workers have loaded their module. A worker ended
 * while Node 20 loads an ES module into it (`require` of an ES module, as
 * Piscina does) can abort the whole process ("IsGraphAsync must be used on
 * an instantiated module"): a run that ends before they are loaded (a batch
 * that failed at once) waits for them, at most {@link LOAD_WAIT_MS}. So the
 * pool is started only by a run that uses it, never ahead of the walk.
 */
export async function closePool(pending: Promise<Pool> | null): Promise<void> {
  if (pending === null) return;
  const pool = await pending.catch(() => null);
  if (pool === null) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([loading.get(pool), new Promise((resolve) => (timer = setTimeout(resolve, LOAD_WAIT_MS)))]);
  clearTimeout(timer);
  await pool.destroy();
}
