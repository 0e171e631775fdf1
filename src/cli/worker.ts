/** A worker of the command line's pool: parses one batch of inputs per task. */
import { workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { runBatch, type BatchSettings } from './batch.js';
import type { Entry } from './inputs.js';

const settings = workerData as BatchSettings;
const encoder = new TextEncoder();

/**
 * Parses a batch and hands its output back as UTF-8 bytes, moved rather than
 * copied: the encoding is done here, in parallel, instead of on the thread
 * that writes the output.
 */
export default async function parseBatch(entries: Entry[]): Promise<object> {
  const result = await runBatch(entries, settings);
  const output = typeof result.output === 'string' ? encoder.encode(result.output) : result.output;
  return move({
    get [transferableSymbol]() {
      return [output.buffer];
    },
    get [valueSymbol]() {
      return { ...result, output };
    },
  });
}
