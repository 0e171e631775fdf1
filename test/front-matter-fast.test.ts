import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FRONT_MATTER_ALIAS_VALUES, parseFrontMatter, parseWithYaml, readSimpleFrontMatter } from '../src/header/front-matter.js';
import { checkOptions } from './chunks.js';
import { corpusFiles } from './helpers.js';

/**
 * The simple-subset reader against the `yaml` reading it stands in for:
 * wherever the fast reader gives a mapping, `yaml` gives the same one, with
 * no warning. Where the fast reader declines (`undefined`), `yaml` decides.
 */

/** Strictly the same plain data: same types, `Object.is` scalars, same keys in the same order, plain prototypes. */
function expectSameData(ours: unknown, theirs: unknown, path = '$'): void {
  if (Array.isArray(theirs)) {
    expect(Array.isArray(ours), path).toBe(true);
    expect(Object.getPrototypeOf(ours), path).toBe(Array.prototype);
    expect((ours as unknown[]).length, path).toBe(theirs.length);
    theirs.forEach((item, index) => expectSameData((ours as unknown[])[index], item, `${path}[${index}]`));
    return;
  }
  if (typeof theirs === 'object' && theirs !== null) {
    expect(typeof ours === 'object' && ours !== null && !Array.isArray(ours), path).toBe(true);
    expect(Object.getPrototypeOf(ours), path).toBe(Object.prototype);
    const keys = Object.keys(theirs);
    expect(Object.keys(ours as object), path).toEqual(keys);
    for (const key of keys) {
      expect(Object.getOwnPropertyDescriptor(ours, key), `${path}.${key}`).toMatchObject({ enumerable: true, writable: true, configurable: true });
      expectSameData((ours as Record<string, unknown>)[key], (theirs as Record<string, unknown>)[key], `${path}.${key}`);
    }
    return;
  }
  expect(Object.is(ours, theirs), `${path}: ${String(ours)} vs ${String(theirs)}`).toBe(true);
}

/**
 * Whether the fast reader agrees with `yaml` on `source`: the same mapping
 * and no warning, or the same problem at the same offset. Returns whether
 * it read the source at all.
 */
function expectAgreement(source: string): boolean {
  const fast = readSimpleFrontMatter(source);
  if (fast === undefined) return false;
  const yaml = parseWithYaml(source);
  if (!fast.ok) {
    expect(yaml, JSON.stringify(source)).toEqual({ ok: false, problem: fast.problem });
    return true;
  }
  if (!yaml.ok) throw new Error(`the fast reader accepted what yaml refuses (${yaml.problem.message}): ${JSON.stringify(source)}`);
  expect(yaml.warnings, JSON.stringify(source)).toEqual([]);
  expectSameData(fast.value, yaml.value);
  expect(JSON.stringify(fast.value)).toBe(JSON.stringify(yaml.value));
  return true;
}

/** The YAML source of a seed's front matter, as the header scanner hands it over: the lines between the fences, without their line breaks, joined by line feeds. */
function frontMatterOf(seed: string): string | null {
  const lines = seed.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return null;
  const close = lines.findIndex((line, index) => index > 0 && /^---[ \t]*$/.test(line));
  return close === -1 ? null : lines.slice(1, close).join('\n');
}

describe('the fast front matter reader against yaml', () => {
  const corpus = corpusFiles()
    .map(({ name, text }) => ({ name, source: frontMatterOf(text) }))
    .filter((file): file is { name: string; source: string } => file.source !== null);

  it('reads every front matter of the corpus, and gives what yaml gives', () => {
    expect(corpus.length).toBeGreaterThan(0);
    for (const { name, source } of corpus) {
      expect(expectAgreement(source), name).toBe(true);
      // The same lines with CRLF breaks, trailing spaces, and blank lines between them.
      expect(expectAgreement(source.replace(/\n/g, '\r\n')), name).toBe(true);
      expect(expectAgreement(source.replace(/\n/g, '  \n\n')), name).toBe(true);
    }
  });

  /** Inputs at the borders of the subset: each is read the same by both, or left to yaml. `true`: the fast reader must read it. */
  const borders: [string, boolean][] = [
    ['title: "a: b"', true],
    ["title: 'it''s'", false],
    ["title: 'say \"hi\"'", true],
    ['title: "say \\"hi\\""', false],
    ['title: "tab\\tin"', false],
    ['title: "a # b"', true],
    ['title: a # comment', false],
    ['title: a#b', true],
    ['title: a: b', false],
    ['title: a:b', true],
    ['title: a:', false],
    ['title: https://example.com/a?b=c#d', true],
    ['title:value', false],
    ['title:', true],
    ['title:   ', true],
    ['n: 0x1', false],
    ['n: 0o17', false],
    ['n: 1e3', false],
    ['n: 1.5', false],
    ['n: .5', false],
    ['n: .inf', false],
    ['n: -.Inf', false],
    ['n: .nan', false],
    ['n: 12', true],
    ['n: +12', true],
    ['n: -12', false],
    ['n: 0012', true],
    ['n: 9007199254740991', true],
    ['n: 9007199254740993', false],
    ['n: 12a', true],
    ['n: 1_000', true],
    ['n: 1,000', true],
    ['n: +', true],
    ['n: 2001-12-14', true],
    ['n: 2021-07-16T07:48:38.000Z', true],
    ['n: 2001-12-14 21:59:43.10 -5', true],
    ['n: 12:30', true],
    ['k: ~', true],
    ['k: null', true],
    ['k: Null', true],
    ['k: NULL', true],
    ['k: nULL', true],
    ['k: true', true],
    ['k: True', true],
    ['k: TRUE', true],
    ['k: tRUE', true],
    ['k: false', true],
    ['k: yes', true],
    ['k: [ true, ~, 1, 0x1 ]', false],
    ['k: [ true, ~, 1, a b ]', true],
    ['k: [a,b]', true],
    ['k: []', true],
    ['k: [ ]', true],
    ['k: [a, ]', false],
    ['k: [, a]', false],
    ['k: [a:b]', false],
    ['k: [a] b', false],
    ['k: [a] # c', false],
    ['k: ["a"]', false],
    ['k: [[a]]', false],
    ['k: {a: b}', false],
    ['k: [a,\n  b]', false],
    ['a: 1\na: 2', false],
    ['a: 1\nb: 2\n', true],
    ['a: 1\r\nb: 2\r\n', true],
    ['a: 1\rb: 2', false],
    ['a: x\r', false],
    ['a: x\r\r\n', false],
    ['a:\r', false],
    ['a: 1\n\n   \nb: 2', true],
    ['a: 1\n\t\nb: 2', false],
    ['a:\t1', false],
    ['a: 1\t', false],
    ['a: "1"\t', false],
    ['a: 1 ', true],
    [' a: 1', false],
    ['a: b\n  c: d', false],
    ['- a', false],
    ['# comment\na: 1', false],
    ['a: 1\n...', false],
    ['a: 1\n---', false],
    ['\ufeffa: 1', false],
    ['a: \ufeff', false],
    ['a: x\u0085y', false],
    ['a: x\u2028y', false],
    ['a: \ud800', false],
    ['a: "\ud800"', false],
    ['a: 中文\nb: "中文“引号”"\nc: [ 中文, 日本語 ]', true],
    ['a: 😀', false],
    ['a: x\u00a0y', true],
    ['a: \u00a0', true],
    ['true: 1', false],
    ['null: 1', false],
    ['nULL: 1', true],
    ['__proto__: x', true],
    ['constructor: x\ntoString: y', true],
    ['a-b_c9: 1\n_x: 2', true],
    [`${'k'.repeat(1024)}: 1`, true],
    [`${'k'.repeat(1025)}: 1`, false],
    [`a: 1\r\n\r\n${'k'.repeat(1025)}: *x`, false],
    [`a: &a [${Array(1000).fill('x').join(', ')}]\nb: *a\n${'k'.repeat(1025)}: 1`, false],
    ['9a: 1', false],
    ['-a: 1', false],
    ['"a": 1', false],
    ['a b: 1', false],
    ['a : 1', false],
    ['&a k: 1', false],
    ['k: &a 1', true],
    ['k: *a', false],
    ['a: &x 1\nb: *x', true],
    ['a: &x-1_Y "q: r"\nb: *x-1_Y  \nc: *x-1_Y', true],
    ["a: &x 'q'\nb: *x", true],
    ['a: &x [p, 2, ~]\nb: *x\nc: *x', true],
    ['a: &x []\nb: *x', true],
    ['a: &x null\nb: *x', true],
    ['a: &x 1.5\nb: *x', false],
    ['a: &x\nb: *x', false],
    ['a: &x\n  c: 1\nb: *x', false],
    ['a: &x  1\nb: *x', true],
    ['a: &x\t1', false],
    ['a: &x 1\nb: &x 2\nc: *x', true],
    ['a: &x 1\nb: *x\nc: &x [2]\nd: *x\ne: &x 3\nf: *x', true],
    ['a: &x 1\nb: *y', false],
    ['a: *x\nb: &x 1', false],
    ['a: &x 1\nb: *x 2', false],
    ['a: &x 1\nb: *x # c', false],
    ['a: &x 1\nb: [*x]', false],
    ['a: &x &y 1', false],
    ['a: &x *y', false],
    ['a: &x: 1', false],
    ['a: &x:y 1\nb: *x:y', false],
    ['a: &x 1\nb: *x\r\nc: *x', true],
    ['a: &', false],
    ['a: & 1', false],
    ['a: *', false],
    ['k: !!str 1', false],
    ['k: |\n  x', false],
    ['k: >', false],
    ['k: @x', false],
    ['k: `x', false],
    ['k: %x', false],
    ['k: ?x', false],
    ['k: -x', false],
    ['k: x-', true],
    ["k: ''", true],
    ['k: ""', true],
    ['k: "', false],
    ['k: "a" "b"', false],
    ['k: "a"  ', true],
    ['k: "a" b', false],
    ['', true],
    ['\n\n', true],
  ];

  it('agrees at the borders of the subset, and reads the inputs it is meant to', () => {
    for (const [source, read] of borders) {
      expect(expectAgreement(source), JSON.stringify(source)).toBe(read);
    }
  });

  const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/);
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('layout', 'title', 'date', 'author', 'from', 'tags', 'categories', 'comments') },
    { weight: 4, arbitrary: identifier },
    { weight: 1, arbitrary: fc.constantFrom('true', 'True', 'null', 'NULL', 'false', 'nULL', '__proto__', 'constructor', 'a b', '"a"', '1', '-a', 'a-', '_') },
  );
  /** Characters near the subset's borders, and ordinary ones. */
  const character = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...'abcxyzABC019+-._/?=&%@`!*|>~'.split('')) },
    { weight: 3, arbitrary: fc.constantFrom(' ', ' ', ':', '#', ',', '[', ']', '{', '}', '"', "'", '\\') },
    { weight: 1, arbitrary: fc.constantFrom('\t', '\r', '\u0085', '\u00a0', '\u2028', '\ufeff', '\ud800', '\udc00', '中', '“', '😀', '\0') },
  );
  const text = fc.array(character, { minLength: 1, maxLength: 12 }).map((characters) => characters.join(''));
  const scalar = fc.oneof(
    { weight: 4, arbitrary: text },
    {
      weight: 2,
      arbitrary: fc.constantFrom('post', 'Solidot', '12', '+3', '-3', '0', '-0', '0012', '1e3', '0x1F', '0o7', '.5', '1.', '.inf', '-.Inf', '.NaN', '~', 'null', 'Null', 'TRUE', 'True', 'false', 'yes', '2020-07-30T13:50:00.000Z', '2001-12-14', 'https://www.solidot.org/story?sid=65102', '9007199254740993'),
    },
  );
  const value = fc.oneof(
    { weight: 5, arbitrary: scalar },
    { weight: 2, arbitrary: text.map((inner) => `"${inner}"`) },
    { weight: 1, arbitrary: text.map((inner) => `'${inner}'`) },
    { weight: 2, arbitrary: fc.tuple(fc.array(scalar, { maxLength: 3 }), fc.constantFrom(', ', ',', ' , ')).map(([items, comma]) => `[ ${items.join(comma)} ]`) },
    { weight: 1, arbitrary: fc.constant('') },
  );
  /** Few names, so that aliases often find their anchor, and some names that the subset leaves to yaml. */
  const name = fc.constantFrom('a', 'b', 'x-1', 'a_B', '', 'a:b', 'a.b');
  const anchored = fc.oneof(
    { weight: 6, arbitrary: value },
    { weight: 2, arbitrary: fc.tuple(name, fc.constantFrom(' ', '  ', '', '\t'), value).map(([n, space, v]) => `&${n}${space}${v}`) },
    { weight: 2, arbitrary: name.map((n) => `*${n}`) },
  );
  const line = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(key, fc.constantFrom(': ', ':  ', ':', ' : '), anchored, fc.constantFrom('', '', ' ', '\t', ' # c')).map(([k, colon, v, after]) => `${k}${colon}${v}${after}`) },
    { weight: 1, arbitrary: fc.constantFrom('', '  ', '\t', '# comment', '  nested: 1', '- item', '...', '---') },
  );
  const mapping = fc.tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, newline]) => lines.join(newline));

  it('agrees on generated mappings, and reads a good share of them', () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(mapping, (source) => {
        runs++;
        if (expectAgreement(source)) read++;
      }),
      checkOptions(3000),
    );
    // The generator reaches inside the subset, not only around it.
    expect(read / runs).toBeGreaterThan(0.05);
  });

  it('agrees at the limit of values copied by aliases, and stops copying past it', () => {
    const aliases = (count: number, tail = '') =>
      ['base: &base value', ...Array.from({ length: count }, (_, index) => `key${index}: *base`)].join('\n') + tail;
    expect(expectAgreement(aliases(MAX_FRONT_MATTER_ALIAS_VALUES))).toBe(true);
    expect(readSimpleFrontMatter(aliases(MAX_FRONT_MATTER_ALIAS_VALUES))).toMatchObject({ ok: true });
    const over = aliases(MAX_FRONT_MATTER_ALIAS_VALUES + 1);
    expect(expectAgreement(over)).toBe(true);
    expect(readSimpleFrontMatter(over)).toEqual({
      ok: false,
      problem: {
        message: `aliases that copy more than ${MAX_FRONT_MATTER_ALIAS_VALUES} keys and values in all (the limit)`,
        offset: over.lastIndexOf('*base'),
      },
    });
    // A sequence copies itself and its items: 201 aliases of four items copy 1,005 values.
    const sequences = ['base: &base [a, b, c, d]', ...Array.from({ length: 201 }, (_, index) => `key${index}: *base`)].join('\n');
    expect(expectAgreement(sequences)).toBe(true);
    expect(readSimpleFrontMatter(sequences)).toMatchObject({ ok: false });
    // After the limit the rest is still read: a line outside the subset leaves the whole to yaml,
    // which reports the alias limit when the rest is sound YAML, and its own error when it is not.
    const limit = { ok: false, problem: { message: expect.stringContaining('aliases that copy more than') as string } };
    for (const tail of ['\nlast: 1.5', '\nlast: [a, ]', '\nlast: {a: b}']) {
      expect(expectAgreement(aliases(MAX_FRONT_MATTER_ALIAS_VALUES + 5, tail)), tail).toBe(false);
      expect(parseFrontMatter(aliases(MAX_FRONT_MATTER_ALIAS_VALUES + 5, tail)), tail).toMatchObject(limit);
    }
    for (const tail of ['\nlast: [a', '\nlast: "a', `\n${'k'.repeat(1025)}: 1`]) {
      expect(expectAgreement(aliases(MAX_FRONT_MATTER_ALIAS_VALUES + 5, tail)), tail).toBe(false);
      expect(parseFrontMatter(aliases(MAX_FRONT_MATTER_ALIAS_VALUES + 5, tail)), tail).toMatchObject({
        ok: false,
        problem: { message: expect.stringMatching(/^a YAML error: /) as string },
      });
    }
  });

  it('agrees on generated mappings shaped like the corpus ones', () => {
    const corpusLike = fc
      .record({
        title: fc.oneof(text.map((inner) => `"${inner}"`), text),
        date: fc.date({ min: new Date(0), max: new Date(253402300799999), noInvalidDate: true }).map((date) => date.toISOString()),
        tags: fc.array(text, { maxLength: 3 }),
      })
      .map(({ title, date, tags }) => `layout: post\ntitle: ${title}\ndate: ${date}\nauthor: Solidot\nfrom: https://www.solidot.org/story?sid=1\ntags: [ ${tags.join(', ')} ]\ncategories: [ news, Solidot ]`);
    fc.assert(
      fc.property(corpusLike, (source) => {
        expectAgreement(source);
      }),
      checkOptions(1000),
    );
  });
});
