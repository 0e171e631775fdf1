/** A worker of the command line's pool: parses one batch of inputs per task. */
import { workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { runBatch, type BatchResult, type BatchSettings } from './batch.js';
import { createByteBuffer } from './bytes.js';
import type { Entry } from './inputs.js';

const settings = workerData as BatchSettings;
const output = createByteBuffer();

/** What a worker hands back: the batch's counts and its output as UTF-8 bytes. */
export interface WorkerResult extends BatchResult {
  output: Uint8Array;
}

/**
 * Parses a batch and hands its output back as UTF-8 bytes, moved rather than
 * copied: the encoding is done here, in parallel, instead of on the thread
 * that writes the output.
 */
export default async function parseBatch(entries: Entry[]): Promise<object> {
  const result = await runBatch(entries, settings, output.put);
  const bytes = output.take();
  return move({
    get [transferableSymbol]() {
      return [bytes.buffer];
    },
    get [valueSymbol](): WorkerResult {
      return { ...result, output: bytes };
    },
  });
}
