import fc from 'fast-check';

/** Splits text at the given (sorted, deduplicated) cut points. */
export function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => Math.min(Math.max(cut, 0), text.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(text.slice(from, point));
    from = point;
  }
  chunks.push(text.slice(from));
  return chunks;
}

export function splitBytes(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => Math.min(Math.max(cut, 0), bytes.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/** Cut points for a text of this length: a few anywhere, sometimes many. */
export function cutsFor(length: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: Math.max(length, 0) }), { maxLength: Math.min(64, length + 1) });
}

/**
 * fast-check settings. The seed is fixed in CI and may be set with FC_SEED (the fuzzer does);
 * FC_SCALE multiplies the number of runs. fast-check prints the seed and path of a failure.
 */
export function checkOptions(runs: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED === undefined ? (process.env.CI ? 20261124 : undefined) : Number(process.env.FC_SEED);
  const scale = Number(process.env.FC_SCALE ?? 1);
  return { numRuns: Math.max(1, Math.round(runs * scale)), ...(seed === undefined ? {} : { seed }), verbose: 1 };
}
