import fc from 'fast-check';
import { parse, parseAllDocuments, type Tags } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  MAX_FRONT_MATTER_DEPTH,
  MAX_FRONT_MATTER_ALIAS_VALUES,
  parseFrontMatter,
  parseWithYaml,
  type FrontMatterResult,
} from '../src/header/front-matter.js';
import { checkOptions } from './chunks.js';
import { stringsOf } from './invariants.js';

/**
 * One documented difference is made here, in the reference too: YAML 1.2's core float pattern makes
 * the fraction optional, so `!!float 12` is the float 12, where yaml's float tags want a point or an
 * exponent (and warn that the tag does not fit).
 */
const FLOAT_OF_INTEGER = { tag: 'tag:yaml.org,2002:float', default: true, test: /^[-+]?[0-9]+$/, resolve: (source: string) => Number(source) };
const CORE = {
  version: '1.2',
  schema: 'core',
  resolveKnownTags: false,
  uniqueKeys: true,
  logLevel: 'silent',
  customTags: (tags: Tags) => [...tags, FLOAT_OF_INTEGER],
} as const;

/** What the `yaml` package itself makes of a source under the core schema: the value, or an error. */
function yamlReading(source: string): { ok: true; value: unknown; tagWarnings: number } | { ok: false } {
  try {
    const documents = parseAllDocuments(source, CORE);
    if ('empty' in documents) return documents.errors.length > 0 ? { ok: false } : { ok: true, value: {}, tagWarnings: 0 };
    const [document] = documents;
    if (documents.length > 1 || document === undefined || document.errors.length > 0) return { ok: false };
    const value: unknown = document.toJS({ maxAliasCount: -1 }) ?? {};
    const tagWarnings = document.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED' || warning.code === 'BAD_COLLECTION_TYPE').length;
    return typeof value === 'object' && !Array.isArray(value) ? { ok: true, value, tagWarnings } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/**
 * Our value against yaml's, by the documented differences: numbers that are
 * not finite stay the string written (yaml reads that string back as the
 * number), -0 is 0, NUL and lone surrogates are U+FFFD.
 */
function expectSameReading(ours: unknown, theirs: unknown): void {
  if (typeof theirs === 'number') {
    if (Number.isFinite(theirs)) {
      expect(Object.is(ours, theirs === 0 ? 0 : theirs)).toBe(true);
    } else {
      expect(typeof ours).toBe('string');
      expect(parse(ours as string, CORE)).toBe(theirs);
    }
    return;
  }
  if (typeof theirs === 'string') {
    expect(ours).toBe(theirs.replace(/\0/g, '\ufffd').toWellFormed());
    return;
  }
  if (Array.isArray(theirs)) {
    expect(Array.isArray(ours)).toBe(true);
    expect((ours as unknown[]).length).toBe(theirs.length);
    theirs.forEach((item, index) => expectSameReading((ours as unknown[])[index], item));
    return;
  }
  if (typeof theirs === 'object' && theirs !== null) {
    expect(Object.getPrototypeOf(ours)).toBe(Object.prototype);
    const ourKeys = Object.keys(ours as object);
    const theirKeys = Object.keys(theirs);
    expect(ourKeys).toEqual(theirKeys.map((key) => key.replace(/\0/g, '\ufffd').toWellFormed()));
    theirKeys.forEach((key, index) =>
      expectSameReading((ours as Record<string, unknown>)[ourKeys[index] as string], (theirs as Record<string, unknown>)[key]),
    );
    return;
  }
  expect(ours).toBe(theirs);
}


/** Plain JSON data: no Map, Set, Date, typed array, class instance, -0, NaN or Infinity. */
function expectPlainData(value: unknown): void {
  if (typeof value === 'number') {
    expect(Number.isFinite(value) && !Object.is(value, -0)).toBe(true);
  } else if (Array.isArray(value)) {
    expect(Object.getPrototypeOf(value)).toBe(Array.prototype);
    value.forEach(expectPlainData);
  } else if (typeof value === 'object' && value !== null) {
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    Object.values(value).forEach(expectPlainData);
  } else {
    expect(['string', 'boolean'].includes(typeof value) || value === null).toBe(true);
  }
}

const scalar = fc.oneof(
  fc.constantFrom('post', 'True', 'false', 'NULL', '~', 'null', '12', '-3', '-0', '+0', '0012', '-0.0', '0o17', '0x1F', '1e3', '.5', '.inf', '-.Inf', '.nan', '1e400',
    '123456789012345678901', '9007199254740993', '2021-07-16T07:48:38.000Z', '2001-12-14',
    'https://x.example/a?b=c#d', 'a: b', 'a #b', 'a#b', '-a', '- a', '?x', ':x', 'x:', '@x', '`x', '%x', '!x', '&x', '*x', '|', '>', "it's", 'say "hi"', '…', '中文', 'a\tb', '', ' ',
    '\t', ' \t', '\u00a0', 'x\u00a0', '\u00a0x', '\u2028x', 'x\u2029', '\u3000', 'x\u3000', '\u0085', 'a:b', 'a:', 'a#', '#a', '\\0', '\\ud800', 'a\\x00b', '\0', '\ud800x', 'x\udc00',
    '!!timestamp 2001-12-14', '!!binary aGVsbG8=', '!!set {a, b}', '!!omap [a: 1]', '!!pairs [a: 1]', '!custom 12', '!custom "12"', '!!str 12', '!!int 12', '!!int x', '!!float 12', '! 12',
    '!!null ~', '!!bool yes', '!<tag:yaml.org,2002:str> 1', '&a 1', '*a', '&b [1, *a]', '{a: 1, b: [2]}', '[[1], {a: b}]'),
  fc.string({ maxLength: 12 }),
);
const value = fc.oneof(
  scalar,
  scalar.map((text) => `"${text}"`),
  scalar.map((text) => `'${text}'`),
  fc.array(scalar, { maxLength: 4 }).map((items) => `[ ${items.join(', ')} ]`),
  fc.array(scalar, { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
);
const key = fc.oneof(
  fc.constantFrom('layout', 'title', 'date', 'tags', '__proto__', 'constructor', 'true', 'null', '~', '""', "''", '1', '"1"', '01', '-0', '0', 'a-b', 'a b', '_x', '&k a', '*k', '[a]', '{a: 1}', '? a', '"\\0"'),
  fc.string({ maxLength: 6 }),
);
const line = fc.oneof(
  fc.tuple(key, fc.constantFrom(': ', ':', ':  ', ' : '), value).map(([k, separator, v]) => `${k}${separator}${v}`),
  fc.constantFrom('', '  ', '# comment', '  nested: 1', '  - 1', '- item', 'key:', '\t', '...', '--- ', '--- a', '%YAML 1.2', '&k a: 1', 'b: *k'),
);
const source = fc.tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, newline]) => lines.join(newline));

function expectSameResult(ours: FrontMatterResult, theirs: FrontMatterResult): void {
  expect(ours.ok).toBe(theirs.ok);
  if (ours.ok && theirs.ok) {
    // toStrictEqual would read an own `constructor` key as the type: compare keys, values and prototypes instead.
    expect(ours.value).toEqual(theirs.value);
    expect(Object.keys(ours.value)).toEqual(Object.keys(theirs.value));
    expect(JSON.stringify(ours.value)).toBe(JSON.stringify(theirs.value));
    expect(ours.warnings).toEqual(theirs.warnings);
  }
}

describe('front matter, against the yaml package', () => {
  it('the simple-subset reader gives exactly what the yaml reading gives', () => {
    fc.assert(
      fc.property(source, (text) => {
        expectSameResult(parseFrontMatter(text), parseWithYaml(text));
      }),
      checkOptions(2000),
    );
  });

  it("reads every source as yaml's core schema does, but for the documented differences", () => {
    fc.assert(
      fc.property(source, (text) => {
        const ours = parseFrontMatter(text);
        const theirs = yamlReading(text);
        if (ours.ok && !theirs.ok) throw new Error(`accepted what yaml refuses: ${JSON.stringify(text)}`);
        if (!ours.ok && theirs.ok) {
          // Our refusals beyond yaml's: keys that become the same string, collection keys, aliases inside their
          // node, and a directive with no document after it (yaml's parseAllDocuments reads that as no document).
          expect(ours.problem.message).toMatch(/twice|as a key|inside the node|Missing directives-end/);
          return;
        }
        if (ours.ok && theirs.ok) {
          // A tag yaml could not resolve: yaml reads the node as a string, we read it as if untagged (tested below).
          expect(ours.warnings.filter((warning) => warning.message.startsWith('Unresolved tag')).length).toBe(theirs.tagWarnings);
          if (theirs.tagWarnings === 0) expectSameReading(ours.value, theirs.value);
        }
      }),
      checkOptions(2000),
    );
  });

  it('every value is plain data and every string clean, warnings included', () => {
    fc.assert(
      fc.property(source, (text) => {
        const result = parseFrontMatter(text);
        if (result.ok) {
          expectPlainData(result.value);
          for (const text of [...stringsOf(result.value), ...result.warnings.map((warning) => warning.message)]) {
            expect(text.includes('\0')).toBe(false);
            expect(text.isWellFormed()).toBe(true);
          }
        } else {
          expect(result.problem.message.includes('\0')).toBe(false);
        }
      }),
      checkOptions(1000),
    );
  });
});

describe('front matter rules', () => {
  it('reads typical front matter with the simple-subset reader', () => {
    const result = parseFrontMatter('layout: post\ntitle: "A “quoted” title"\ncomments: True\ntags: [ Solidot, news ]\nempty:\n__proto__: x');
    expect(result).toEqual({
      ok: true,
      warnings: [],
      value: { layout: 'post', title: 'A “quoted” title', comments: true, tags: ['Solidot', 'news'], empty: null, ['__proto__']: 'x' },
    });
    expect(Object.getPrototypeOf(result.ok && result.value)).toBe(Object.prototype);
  });

  it('refuses a second document: nothing may follow a "..." line', () => {
    expect(parseFrontMatter('a: 1\n...\nb: 2')).toEqual({
      ok: false,
      problem: { message: 'a second YAML document (only one is read: nothing may follow a "..." line)', offset: 9 },
    });
    expect(parseFrontMatter('a: 1\n--- # x\nb: 2')).toMatchObject({ ok: false, problem: { offset: 5 } });
    expect(parseFrontMatter('a: 1\n...\n')).toEqual({ ok: true, value: { a: 1 }, warnings: [] });
    expect(parseFrontMatter('a: 1\n...\n# a comment\n')).toEqual({ ok: true, value: { a: 1 }, warnings: [] });
  });

  it('makes any YAML error an error, never a partial value', () => {
    expect(parseFrontMatter('a: 1\nb: [2\nc: 3')).toMatchObject({ ok: false });
    expect(parseFrontMatter('a: 1\n b: 2')).toMatchObject({ ok: false });
    expect(parseFrontMatter('a: "\\q"')).toMatchObject({ ok: false });
    expect(parseFrontMatter('a: *nothing')).toEqual({
      ok: false,
      problem: { message: 'the alias *nothing with no anchor &nothing before it', offset: 3 },
    });
  });

  it('reads tags outside the core schema as if untagged, with a warning at the tag', () => {
    const source = [
        'a: !!timestamp 2001-12-14T21:59:43.10-05:00',
        'b: !!set {x, y}',
        'c: !!binary aGVsbG8=',
        'd: !!omap [x: 1, y: 2]',
        'e: !custom 12',
        'f: !custom "12"',
        'g: !!float 12',
        'l: !!float -3',
        'h: !!int x',
        'i: !!str 12',
        'j: ! 12',
        'k: !!pairs [x: 1]',
      ].join('\n');
    const result = parseFrontMatter(source);
    const at = (text: string) => source.indexOf(text);
    expect(result).toEqual({
      ok: true,
      value: {
        a: '2001-12-14T21:59:43.10-05:00',
        b: { x: null, y: null },
        c: 'aGVsbG8=',
        d: [{ x: 1 }, { y: 2 }],
        e: 12,
        f: '12',
        g: 12,
        h: 'x',
        i: '12',
        j: '12',
        k: [{ x: 1 }],
        l: -3,
      },
      warnings: [
        { message: 'Unresolved tag: tag:yaml.org,2002:timestamp; the node is read as if untagged', offset: at('!!timestamp') },
        { message: 'Unresolved tag: tag:yaml.org,2002:set; the node is read as if untagged', offset: at('!!set') },
        { message: 'Unresolved tag: tag:yaml.org,2002:binary; the node is read as if untagged', offset: at('!!binary') },
        { message: 'Unresolved tag: tag:yaml.org,2002:omap; the node is read as if untagged', offset: at('!!omap') },
        { message: 'Unresolved tag: !custom; the node is read as if untagged', offset: at('!custom 12') },
        { message: 'Unresolved tag: !custom; the node is read as if untagged', offset: at('!custom "12"') },
        { message: 'Unresolved tag: tag:yaml.org,2002:int; the node is read as if untagged', offset: at('!!int x') },
        { message: 'Unresolved tag: tag:yaml.org,2002:pairs; the node is read as if untagged', offset: at('!!pairs') },
      ],
    });
    expectPlainData(result.ok && result.value);
  });

  it('gives its warnings in the order of the source, those of yaml and those of the reading alike', () => {
    const source = ['a: !!set {x}', 'b: .inf', 'c: !!int x', 'd: 1e400'].join('\n');
    const result = parseFrontMatter(source);
    expect(result.ok && result.warnings.map((warning) => warning.offset)).toEqual([
      source.indexOf('!!set'),
      source.indexOf('.inf'),
      source.indexOf('!!int'),
      source.indexOf('1e400'),
    ]);
  });
  it('keeps numbers JSON can hold; .inf, .nan and overflowing numbers stay the string written, with a warning; -0 is 0', () => {
    const source = 'a: .inf\nb: -.Inf\nc: .NaN\nd: 1e400\ne: -0\nf: -0.0\ng: 0x1F\nh: 0o17\ni: 1.5e3\n.inf: x';
    const result = parseFrontMatter(source);
    expect(result).toEqual({
      ok: true,
      value: { a: '.inf', b: '-.Inf', c: '.NaN', d: '1e400', e: 0, f: 0, g: 31, h: 15, i: 1500, '.inf': 'x' },
      warnings: [
        { message: '".inf" is not a finite number; it is kept as a string', offset: 3 },
        { message: '"-.Inf" is not a finite number; it is kept as a string', offset: 11 },
        { message: '".NaN" is not a finite number; it is kept as a string', offset: 20 },
        { message: '"1e400" is not a finite number; it is kept as a string', offset: source.indexOf('1e400') },
        { message: '".inf" is not a finite number; it is kept as a string', offset: source.lastIndexOf('.inf') },
      ],
    });
    expect(Object.is(result.ok ? result.value.e : undefined, 0)).toBe(true);
  });

  it('writes scalar keys as strings, and refuses keys that give the same string and collection keys', () => {
    expect(parseFrontMatter('1: a\ntrue: b\n~: c\n0x10: d\n-0: e')).toMatchObject({ ok: true, value: { '1': 'a', true: 'b', '': 'c', '16': 'd', '0': 'e' } });
    expect(parseFrontMatter('1: a\n"1": b')).toEqual({ ok: false, problem: { message: 'the key "1" twice (keys must be unique)', offset: 5 } });
    expect(parseFrontMatter('~: a\n"": b')).toMatchObject({ ok: false, problem: { offset: 5 } });
    expect(parseFrontMatter('a: 1\na: 2')).toMatchObject({ ok: false, problem: { offset: 5 } });
    expect(parseFrontMatter('[a]: 1')).toEqual({ ok: false, problem: { message: 'a mapping or sequence as a key (keys are strings)', offset: 0 } });
  });

  it('copies aliases (no shared objects) and refuses an alias inside the node it names', () => {
    const result = parseFrontMatter('a: &x {b: [1]}\nc: *x\n&k d: 2\ne: {*k : 3}');
    expect(result).toMatchObject({ ok: true, value: { a: { b: [1] }, c: { b: [1] }, d: 2, e: { d: 3 } } });
    expect(parseFrontMatter('&k d: 2\n*k : 3')).toMatchObject({ ok: false, problem: { message: 'the key "d" twice (keys must be unique)' } });
    const value = result.ok ? (result.value as { a: object; c: object }) : { a: 0, c: 1 };
    expect(value.a).not.toBe(value.c);
    expect(parseFrontMatter('a: &x [1, *x]')).toEqual({ ok: false, problem: { message: 'the alias *x inside the node it names', offset: 10 } });
  });

  it('makes NUL and lone surrogates U+FFFD in keys and strings, nested ones too', () => {
    expect(parseFrontMatter('a: "x\\0y\\ud800"\n"k\\0": [{"\\udc00": "\\0"}]')).toEqual({
      ok: true,
      value: { a: 'x\ufffdy\ufffd', 'k\ufffd': [{ '\ufffd': '\ufffd' }] },
      warnings: [],
    });
  });

  it('nests collections at most 64 deep, the top-level mapping included, aliases included', () => {
    const flow = (depth: number) => `a: ${'['.repeat(depth)}${']'.repeat(depth)}`;
    const flowMaps = (depth: number) => `a: ${'{b: '.repeat(depth)}1${'}'.repeat(depth)}`;
    const block = (depth: number) => Array.from({ length: depth }, (_, index) => `${' '.repeat(index)}a:`).join('\n') + ' 1';
    const compact = (depth: number) => `a:\n${'- '.repeat(depth)}1`;
    const limit = MAX_FRONT_MATTER_DEPTH;
    for (const [make, atLimit] of [[flow, limit - 1], [flowMaps, limit - 1], [block, limit], [compact, limit - 1]] as const) {
      expect(parseFrontMatter(make(atLimit)).ok).toBe(true);
      const over = parseFrontMatter(make(atLimit + 1));
      expect(over).toMatchObject({ ok: false, problem: { message: 'collections nested more than 64 deep (the limit, aliases included)' } });
      const far = parseFrontMatter(make(atLimit + 5000));
      expect(far).toMatchObject({ ok: false, problem: { message: 'collections nested more than 64 deep (the limit, aliases included)' } });
    }
    // 63 nested sequences under `a`, then an alias one level deeper: 65.
    const deep = `a: &x ${'['.repeat(limit - 1)}${']'.repeat(limit - 1)}\n`;
    expect(parseFrontMatter(`${deep}b: *x`).ok).toBe(true);
    expect(parseFrontMatter(`${deep}b: [*x]`)).toMatchObject({ ok: false, problem: { message: 'collections nested more than 64 deep (the limit, aliases included)', offset: 3 + deep.length + 1 } });
  });

  it(`refuses aliases that copy more than ${MAX_FRONT_MATTER_ALIAS_VALUES} values in all (no billion laughs)`, () => {
    const laughs = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      laughs.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(', ')}]`);
    }
    const result = parseFrontMatter(laughs.join('\n'));
    expect(result).toMatchObject({
      ok: false,
      problem: { message: `aliases that copy more than ${MAX_FRONT_MATTER_ALIAS_VALUES} keys and values in all (the limit)` },
    });
    // a: 10 values; b copies 100; c copies 910: 1010 in all.
    expect(parseFrontMatter(laughs.slice(0, 2).join('\n')).ok).toBe(true);
    expect(parseFrontMatter(laughs.slice(0, 3).join('\n')).ok).toBe(false);
    const many = ['a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]', ...Array.from({ length: 100 }, (_, index) => `k${index}: *a`)].join('\n');
    expect(parseFrontMatter(many)).toMatchObject({ ok: true, value: { k99: [1, 2, 3, 4, 5, 6, 7, 8, 9] } });
    expect(parseFrontMatter(`${many}\nlast: *a`)).toMatchObject({ ok: false, problem: { offset: many.length + 7 } });
  });
});
