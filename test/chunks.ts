import fc from 'fast-check';

/** Splits a string or bytes at the given cut points (clamped, deduplicated, sorted). */
function cut<T extends string | Uint8Array>(input: T, cuts: readonly number[], take: (from: number, to?: number) => T): T[] {
  const points = [...new Set(cuts.map((point) => Math.min(Math.max(point, 0), input.length)))].sort((a, b) => a - b);
  const chunks: T[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(take(from, point));
    from = point;
  }
  chunks.push(take(from));
  return chunks;
}

export function splitAt(text: string, cuts: readonly number[]): string[] {
  return cut(text, cuts, (from, to) => text.slice(from, to));
}

export function splitBytes(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  return cut(bytes, cuts, (from, to) => bytes.subarray(from, to));
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

/** Every way to cut a text once: `[before, after]` at each index (one at a time, so that a failure names the cut). */
export function everyCut(text: string): [number, string[]][] {
  return Array.from({ length: text.length + 1 }, (_, index) => [index, [text.slice(0, index), text.slice(index)]]);
}

/**
 * Bodies rich in diagnostics at every kind of position: media without a source or with an unsafe
 * URL (in `<source>` too), figures (also nested too deep), stray end tags, unclosed elements,
 * tags and white space split across lines (LF and CRLF), NUL and lone surrogates in tag names.
 */
export const diagnosticBody: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<figure>', '</figure>', '<img>', '<img\nsrc="">', '<img src="javascript:x">', '<figcaption>c</figcaption>',
        '<video><source src="javascript:alert(1)"></video>', '<video>\n<source\nsrc="vbscript:x">\n</video>', '<iframe></iframe>',
        '<a href="javascript:x">l</a>', '</span>', '</x\0y>', '</\ud800>', '<b>', '<div>', '</div>', '<p>', 'text', '&amp;',
        '<!-- c\n-->', '<figure>' + '<div>'.repeat(65) + '<img>', '</p>', '<br/>', '<p\nclass="lead">',
      ),
      fc.constantFrom('\n', '\r\n', ' ', '\n\n'),
    ),
    { maxLength: 40, size: 'max' },
  )
  .map((parts) => parts.join(''));
