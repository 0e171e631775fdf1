import { describe, expect, it } from 'vitest';
import { MAX_FRONT_MATTER_LENGTH, readSimpleFrontMatter } from '../src/header/front-matter.js';
import { createSeedParser, parseSeed, safeParseSeed, SeedParseError } from '../src/index.js';
import { seed } from './helpers.js';
import { bestRatio, DOUBLING_BOUND, median } from './linear.js';

/** `n` front matter lines made by `line`. */
function lines(n: number, line: (index: number) => string): string {
  return Array.from({ length: n }, (_, index) => line(index)).join('\n');
}

/** Milliseconds per call of each run, the median of interleaved samples. */
function timesOf(runs: (() => unknown)[], samples: number): number[] {
  // Enough calls per sample that one sample of each run takes about 20 ms (warming it up too).
  const calls = runs.map((run) => {
    for (let count = 1; ; count *= 2) {
      const start = performance.now();
      for (let call = 0; call < count; call++) run();
      if (performance.now() - start >= 20 || count >= 4096) return count;
    }
  });
  const times: number[][] = runs.map(() => []);
  for (let sample = 0; sample < samples; sample++) {
    runs.forEach((run, index) => {
      const count = calls[index] as number;
      const start = performance.now();
      for (let call = 0; call < count; call++) run();
      (times[index] as number[]).push((performance.now() - start) / count);
    });
  }
  return times.map(median);
}

/** Work whose own growth from n to 2n is divided out of a front matter's (see {@link expectLinear}). */
type Baseline = (n: number) => () => unknown;

/**
 * V8's own work for a flat mapping of n keys: one object given n properties,
 * as the reader builds it. An object of thousands of keys grows in more than
 * linear time by itself (bench/README.md, "Front matter anchors").
 */
const objectOfKeys: Baseline = (n) => {
  const keys = Array.from({ length: n }, (_, index) => `k${index}`);
  return () => {
    const object: Record<string, unknown> = {};
    for (const key of keys) object[key] = key;
    return object;
  };
};

/** The parse of a front matter, as a baseline. */
const parseOf =
  (frontMatter: (n: number) => string): Baseline =>
  (n) => {
    const text = seed('<p>x</p>', { frontMatter: frontMatter(n) });
    return () => parseSeed(text);
  };

/**
 * Time at 2n is at most 2.5 times the time at n (test/linear.ts: the best of
 * up to five rounds of interleaved medians). With `baseline`, timed beside
 * it: the growth of that work beyond linear is divided out, so that only what
 * the input adds on top is held to the bound.
 */
function expectLinear(frontMatter: (n: number) => string, n: number, baseline?: Baseline): void {
  const small = seed('<p>x</p>', { frontMatter: frontMatter(n) });
  const large = seed('<p>x</p>', { frontMatter: frontMatter(2 * n) });
  expect(large.length).toBeLessThan(MAX_FRONT_MATTER_LENGTH);
  // Both are read in full, not refused by a limit.
  expect(parseSeed(small).header.frontMatter).not.toBeNull();
  expect(parseSeed(large).header.frontMatter).not.toBeNull();
  const runs = [() => parseSeed(small), () => parseSeed(large), ...(baseline === undefined ? [] : [baseline(n), baseline(2 * n)])];
  const best = bestRatio(() => {
    const [atN, at2n, baseAtN, baseAt2n] = timesOf(runs, 5) as [number, number, number?, number?];
    const growth = baseAtN === undefined || baseAt2n === undefined ? 1 : Math.max(1, baseAt2n / baseAtN / 2);
    return at2n / atN / growth;
  });
  expect(best).toBeLessThanOrEqual(DOUBLING_BOUND);
}

/** A block sequence under one key: many nodes without many keys in one object. */
function items(n: number, item: (index: number) => string): string {
  return `s:\n${lines(n, (i) => `  - ${item(i)}`)}`;
}

describe('front matter in linear time: time at 2n ≤ 2.5 × time at n', () => {
  // Flat mappings start at 4,000 keys: below that, V8 itself adds properties to one object in more than linear time.
  /** For the simple-subset reader: each input is one it reads (yaml is not asked). */
  function expectLinearSubset(frontMatter: (n: number) => string, n: number, baseline?: Baseline): void {
    expect(readSimpleFrontMatter(frontMatter(n))).toMatchObject({ ok: true });
    expect(readSimpleFrontMatter(frontMatter(2 * n))).toMatchObject({ ok: true });
    expectLinear(frontMatter, n, baseline);
  }
  const words = (n: number) => lines(n, (i) => `k${i}: v${i}`);
  // A flat mapping of thousands of keys: V8's own growth of one such object is divided out; for
  // anchored keys, that of the parse of as many plain keys (the anchors are what is held to the bound).
  it('keys with words (the simple-subset reader)', () => expectLinearSubset(words, 4000, objectOfKeys));
  it('keys with numeric values (the simple-subset reader)', () => expectLinearSubset((n) => lines(n, (i) => `k${i}: ${i}`), 4000, objectOfKeys));
  it('keys with anchored values (the simple-subset reader)', () => expectLinearSubset((n) => lines(n, (i) => `k${i}: &${i} x`), 4000, parseOf(words)));
  it('keys with anchored values, then an alias of the first (the simple-subset reader)', () =>
    expectLinearSubset((n) => `${lines(n, (i) => `k${i}: &${i} x`)}\nz: *0`, 4000, parseOf(words)));
  it('keys with aliases, up to the alias limit (the simple-subset reader)', () => expectLinearSubset((n) => `a: &a x\n${lines(n, (i) => `k${i}: *a`)}`, 500));
  it('keys with numeric values in quotes (yaml)', () => expectLinear((n) => lines(n, (i) => `"k${i}": ${i}`), 4000, objectOfKeys));
  it('floats', () => expectLinear((n) => items(n, (i) => `${i}.5e3`), 1500));
  it('anchors', () => expectLinear((n) => items(n, (i) => `&a${i} ${i}`), 1500));
  it('aliases', () => expectLinear((n) => `a: &a x\n${items(n, () => '*a')}`, 400));
  it('anchors and aliases, each alias naming the latest anchor', () => expectLinear((n) => items(n, (i) => (i % 2 === 0 ? `&a ${i}` : '*a')), 800));
  it('nested flow collections', () => expectLinear((n) => items(n, () => '{a: [1, "2"], b: {c: d}}'), 600));
  it('nested block collections', () => expectLinear((n) => items(n, () => 'a:\n      - 1\n      - b: 2'), 600));
  it('one long double-quoted string with escapes', () => expectLinear((n) => `s: "${'ab\\n\\u00e9 '.repeat(n)}"`, 5000));
  it('one long plain string', () => expectLinear((n) => `s: ${'word '.repeat(n)}x`, 10000));
  // yaml splits a block scalar with one regular expression, whose result array costs more per line
  // past about 90 KB (a step, not growth; the 128 KiB limit bounds it): compared below that.
  it('one long block scalar', () => expectLinear((n) => `s: |\n${lines(n, () => '  line of text')}`, 2000));
  it('one long flow sequence', () => expectLinear((n) => `s: [${Array.from({ length: n }, (_, i) => i).join(', ')}]`, 4000));
  it('tags outside the core schema (warnings)', () => expectLinear((n) => items(n, () => '!!set {x}'), 1000));
});

describe('front matter work is bounded', () => {
  const cases: [string, string][] = [
    ['40,000 keys with numeric values', lines(40_000, (i) => `k${i}: ${i}`)],
    ['20,000 keys with numeric values, CRLF', lines(20_000, (i) => `k${i}: ${i}\r`)],
    ['200,000 keys with numeric values', lines(200_000, (i) => `k${i}: ${i}`)],
    ['40,000 anchors', lines(40_000, (i) => `k${i}: &a${i} ${i}`)],
    ['40,000 aliases', `a: &a x\n${lines(40_000, (i) => `k${i}: *a`)}`],
    ['one line of 1,000,000 characters', `s: ${'x'.repeat(1_000_000)}`],
    ['100,000 nested flow sequences', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ];
  it.each(cases)('%s: INVALID_FRONT_MATTER naming the length limit, at the first character beyond it, at once', (_name, frontMatter) => {
    const text = `---\n${frontMatter}\n---\n<!--1-->\n[t](u)\n---\n<p>x</p>`;
    const start = performance.now();
    const result = safeParseSeed(text);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const offset = '---\n'.length + MAX_FRONT_MATTER_LENGTH;
    const before = text.slice(0, offset);
    expect(result.error).toMatchObject({
      code: 'INVALID_FRONT_MATTER',
      offset,
      line: before.split('\n').length,
      column: offset - before.lastIndexOf('\n'),
    });
    expect(result.error.message).toContain(`more than ${MAX_FRONT_MATTER_LENGTH} characters of front matter (the limit`);
  });

  it(`reads front matter of exactly ${MAX_FRONT_MATTER_LENGTH} characters, line breaks included, and refuses one more`, () => {
    const body = `s: ${'x'.repeat(MAX_FRONT_MATTER_LENGTH - 4)}\n`;
    expect(body.length).toBe(MAX_FRONT_MATTER_LENGTH);
    const text = (frontMatter: string) => `---\n${frontMatter}---\n<!--1-->\n[t](u)\n---\n`;
    expect(parseSeed(text(body)).header.frontMatter).toEqual({ s: 'x'.repeat(MAX_FRONT_MATTER_LENGTH - 4) });
    expect(safeParseSeed(text(`x${body}`))).toMatchObject({ ok: false, error: { code: 'INVALID_FRONT_MATTER', offset: 4 + MAX_FRONT_MATTER_LENGTH } });
    // CRLF: the CR counts as a character.
    const crlf = `s: ${'x'.repeat(MAX_FRONT_MATTER_LENGTH - 5)}\r\n`;
    expect(parseSeed(text(crlf)).header.frontMatter).toEqual({ s: 'x'.repeat(MAX_FRONT_MATTER_LENGTH - 5) });
    expect(safeParseSeed(text(`x${crlf}`)).ok).toBe(false);
  });

  it('gives the same limit error however the input is chunked', () => {
    const text = `---\n${lines(20_000, (i) => `k${i}: ${i}`)}\n---\n<!--1-->\n[t](u)\n---\n`;
    const whole = safeParseSeed(text);
    expect(whole.ok).toBe(false);
    const expected = whole.ok ? null : { ...whole.error, message: whole.error.message };
    for (const size of [1, 7, 64, 4096, 65536]) {
      const parser = createSeedParser();
      let thrown: unknown = null;
      try {
        for (let at = 0; at < text.length; at += size) parser.write(text.slice(at, at + size));
        parser.end();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SeedParseError);
      expect({ ...(thrown as SeedParseError), message: (thrown as SeedParseError).message }).toEqual(expected);
    }
  });
});
