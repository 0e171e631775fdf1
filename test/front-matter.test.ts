import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../src/header/front-matter.js';
import { checkOptions } from './chunks.js';

/** What the `yaml` package makes of a source: the value, or an error. */
function yamlReading(source: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const document = parseDocument(source, { uniqueKeys: true, logLevel: 'silent' });
    if (document.errors.length > 0) return { ok: false };
    const value: unknown = document.toJS() ?? {};
    return typeof value === 'object' && !Array.isArray(value) ? { ok: true, value } : { ok: false };
  } catch {
    return { ok: false };
  }
}

const scalar = fc.oneof(
  fc.constantFrom('post', 'True', 'false', 'NULL', '~', 'null', '12', '-3', '0o17', '0x1F', '1e3', '.5', '.inf', '-.Inf', '.nan', '2021-07-16T07:48:38.000Z',
    'https://x.example/a?b=c#d', 'a: b', 'a #b', 'a#b', '-a', '- a', '?x', ':x', 'x:', '@x', '`x', '%x', '!x', '&x', '*x', '|', '>', "it's", 'say "hi"', '…', '中文', 'a\tb', '', ' ',
    '\t', ' \t', '\u00a0', 'x\u00a0', '\u00a0x', '\u2028x', 'x\u2029', '\u3000', 'x\u3000', '\u0085', 'a:b', 'a:', 'a#', '#a'),
  fc.string({ maxLength: 12 }),
);
const value = fc.oneof(
  scalar,
  scalar.map((text) => `"${text}"`),
  scalar.map((text) => `'${text}'`),
  fc.array(scalar, { maxLength: 4 }).map((items) => `[ ${items.join(', ')} ]`),
  fc.array(scalar, { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
);
const key = fc.oneof(fc.constantFrom('layout', 'title', 'date', 'tags', '__proto__', 'constructor', 'true', 'null', '1', 'a-b', 'a b', '_x'), fc.string({ maxLength: 6 }));
const line = fc.oneof(
  fc.tuple(key, fc.constantFrom(': ', ':', ':  ', ' : '), value).map(([k, separator, v]) => `${k}${separator}${v}`),
  fc.constantFrom('', '  ', '# comment', '  nested: 1', '- item', 'key:', '\t'),
);

describe('front matter', () => {
  it('reads every source exactly as the yaml package does (the simple-subset reader included)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines, newline) => {
        const source = lines.join(newline);
        const ours = parseFrontMatter(source);
        const theirs = yamlReading(source);
        expect(ours.ok).toBe(theirs.ok);
        if (ours.ok && theirs.ok) {
          // toStrictEqual would read an own `constructor` key as the type: compare keys, values and prototypes instead.
          expect(ours.value).toEqual(theirs.value);
          expect(Object.keys(ours.value)).toEqual(Object.keys(theirs.value as object));
          expect(JSON.stringify(ours.value)).toBe(JSON.stringify(theirs.value));
          expect(Object.getPrototypeOf(ours.value)).toBe(Object.getPrototypeOf(theirs.value));
        }
      }),
      checkOptions(2000),
    );
  });

  it('reads typical front matter with the simple-subset reader', () => {
    const result = parseFrontMatter('layout: post\ntitle: "A “quoted” title"\ncomments: True\ntags: [ Solidot, news ]\nempty:\n__proto__: x');
    expect(result).toEqual({
      ok: true,
      warnings: [],
      value: { layout: 'post', title: 'A “quoted” title', comments: true, tags: ['Solidot', 'news'], empty: null, ['__proto__']: 'x' },
    });
    expect(Object.getPrototypeOf(result.ok && result.value)).toBe(Object.prototype);
  });
});
