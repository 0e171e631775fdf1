/** A worker of the command line's pool: parses one batch of inputs per task. */
import { parentPort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { runBatch, type BatchResult, type BatchSettings } from './batch.js';
import { createByteBuffer } from './bytes.js';
import type { Entry } from './inputs.js';
import { WORKER_LOADED } from './pool.js';
import { shareStopMemory } from './stop.js';

const output = createByteBuffer();
// Writes of --out files stop with the main thread's on a signal.
shareStopMemory((workerData as { stop: SharedArrayBuffer }).stop);

/** A batch of inputs and what the run asks of them. */
export interface WorkerTask {
  settings: BatchSettings;
  entries: Entry[];
  /** Memory of earlier output, written and moved back: the worker fills it again. */
  spares: ArrayBuffer[];
}

/** What a worker hands back: the batch's counts and its output as UTF-8 bytes, in chunks. */
export interface WorkerResult extends BatchResult {
  output: Uint8Array[];
}

/**
 * Parses a batch and hands its output back as UTF-8 bytes, moved rather than
 * copied: the encoding is done here, in parallel, instead of on the thread
 * that writes the output.
 */
export default async function parseBatch({ settings, entries, spares }: WorkerTask): Promise<object> {
  for (const spare of spares) output.reuse(new Uint8Array(spare));
  const result = await runBatch(entries, settings, output.put);
  const chunks = output.take();
  return move({
    get [transferableSymbol]() {
      return chunks.map((chunk) => chunk.buffer);
    },
    get [valueSymbol](): WorkerResult {
      return { ...result, output: chunks };
    },
  });
}

// Loaded: the pool may now end this thread safely (src/cli/pool.ts, closePool).
parentPort?.postMessage(WORKER_LOADED);
