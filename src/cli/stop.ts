/**
 * A run ended by a signal stops between two writes on every thread, never
 * inside one (src/cli/main.ts): each write of an `--out` file says it begins
 * and ends in memory all threads share, and once a stop is asked for no write
 * begins, no batch reads another file, and standard output gets nothing more
 * than the whole records it holds. The main thread makes the memory; the pool
 * hands it to each worker (`workerData.stop`).
 */

/** The two counters: whether a stop was asked for, and how many writes are under way. */
const STOPPING = 0;
const WRITING = 1;

let state = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));

/** The shared memory, for the workers. */
export function stopMemory(): SharedArrayBuffer {
  return state.buffer as SharedArrayBuffer;
}

/** In a worker: the main thread's memory. */
export function shareStopMemory(memory: SharedArrayBuffer): void {
  state = new Int32Array(memory);
}

/** A write of an output file begins, unless a stop was asked for (then false: nothing is to be written). */
export function beginWrite(): boolean {
  Atomics.add(state, WRITING, 1);
  if (Atomics.load(state, STOPPING) === 0) return true;
  Atomics.sub(state, WRITING, 1);
  return false;
}

export function endWrite(): void {
  Atomics.sub(state, WRITING, 1);
}

/** How often the main thread looks whether the writes under way have ended. */
const POLL_MS = 2;

/** Whether a stop was asked for: batches end before their next file, and no more output is sent. */
export function isStopping(): boolean {
  return Atomics.load(state, STOPPING) !== 0;
}

const hooks: (() => void)[] = [];

/** `hook` runs on this thread when a stop is asked for (the output hands over the whole records it holds). */
export function whenStopping(hook: () => void): void {
  hooks.push(hook);
}

/** Asks every thread to stop writing, and resolves once no write is under way. */
export async function stopWrites(): Promise<void> {
  Atomics.store(state, STOPPING, 1);
  for (const hook of hooks.splice(0)) hook();
  while (Atomics.load(state, WRITING) !== 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
}
