import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createSeedParser, parseSeed, safeParseSeed } from '../src/index.js';
import { checkOptions } from './chunks.js';

/**
 * A front matter whose closing fence is in the same write is read at once
 * (the simple reader counts its lines); otherwise, or outside the simple
 * subset, line by line. Both must give the same Article or the same error.
 */

const TAIL = '<!--1684512901000-->\n[Title](https://example.com/a)\n------\n\n<p>Body</p>\n';

/** The whole result of a parse, as JSON: the Article, or the error with its code, message and position. */
function outcome(chunks: readonly string[]): string {
  const parser = createSeedParser();
  try {
    for (const chunk of chunks) parser.write(chunk);
    return JSON.stringify(parser.end());
  } catch (error) {
    const { code, message, offset, line, column } = error as { code: string; message: string; offset: number; line: number; column: number };
    return JSON.stringify({ code, message, offset, line, column });
  }
}

/** One character per write: every line is assembled from pieces, so none is read at once. */
function byCharacter(text: string): string[] {
  return [...text];
}

const frontMatters = [
  'layout: post\ntitle: "A title"\ntags: [ a ]\n',
  'layout: post\r\ntitle: "A title"\r\ntags: [ a, b ]\r\n',
  'a: x\r\r\nb: 1\r\r\n',
  'a: 1\n\n  \nb: 2\n',
  '',
  '\n',
  'a: 1\n--- \nb: 2\n',
  'a: 1\n---\t\r\nb: 2\n',
  'a: --- b\n',
  'a: 1\n---x\nb: 2\n',
  'a: 1\n----\n',
  'a: 1\n ---\n',
  'a: 1\n...\n',
  'a: 1\na: 2\n',
  'a: [1\n',
  'n: 0x1F\nd: 2001-12-14\nt: !!str 1\n',
  '# comment\na: 1 # c\n',
  'a: "\\u00e9"\n',
  'a: \ufeff\n',
];

describe('front matter read at once or line by line', () => {
  it('gives the same Article or error either way', () => {
    for (const frontMatter of frontMatters) {
      for (const fence of ['---\n', '---\r\n', '---  \n']) {
        const seed = `---\n${frontMatter}${fence}${TAIL}`;
        const whole = outcome([seed]);
        expect(outcome(byCharacter(seed)), JSON.stringify(seed)).toBe(whole);
        // The opening fence alone in the first write: the rest is read line by line.
        expect(outcome(['---\n', seed.slice(4)]), JSON.stringify(seed)).toBe(whole);
      }
    }
  });

  it('places the errors after a front matter read at once where the lines are', () => {
    const result = safeParseSeed('---\na: 1\r\nb: [ x, y ]\n\n---\n\n<!--x-->\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'INVALID_TIMESTAMP', offset: 32, line: 7, column: 5 });
  });

  it('gives the same Article or error on generated front matters, cut anywhere', () => {
    const line = fc.oneof(
      fc.constantFrom('a: 1', 'title: "x"', 'tags: [ a, b ]', '', '  ', '---', '--- ', '---x', 'b: x\r', 'c: "y"\r', '# c', 'a: 2', 'd:', 'e: 1e3'),
      fc.string({ maxLength: 6 }).map((text) => `k: ${text}`),
    );
    const seed = fc
      .tuple(fc.array(line, { maxLength: 6 }), fc.constantFrom('\n', '\r\n'))
      .map(([lines, newline]) => `---${newline}${lines.map((text) => text + newline).join('')}---${newline}${TAIL}`);
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 200 }), (text, cut) => {
        const whole = outcome([text]);
        expect(outcome([text.slice(0, cut), text.slice(cut)])).toBe(whole);
        expect(outcome(byCharacter(text))).toBe(whole);
      }),
      checkOptions(500),
    );
  });
});

describe('the front matter is the text between the fences, its last line break included', () => {
  it('keeps the final line breaks of a block scalar that keeps them (|+, >+), last key or not, LF or CRLF, whole or in pieces', () => {
    const sources = [
      'a: |+\n  x\n\n\n',
      'b: 1\na: |+\n  x\n\n',
      'a: >+\n  x\n  y\n\n',
      'a: |+\n  x\n',
      'a: |\n  x\n\n',
      'a: |-\n  x\n\n',
      'a: |+\n  x\nb: |+\n  y\n\n\n\n',
      'a: |2+\n   x\n\n',
    ];
    for (const source of sources) {
      const expected = parse(source) as Record<string, unknown>;
      for (const newline of ['\n', '\r\n']) {
        const seed = `---${newline}${source.replaceAll('\n', newline)}---${newline}${TAIL}`;
        expect(parseSeed(seed).header.frontMatter, JSON.stringify(seed)).toEqual(expected);
        expect(outcome(byCharacter(seed))).toBe(outcome([seed]));
      }
    }
  });
});
