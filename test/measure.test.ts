import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWordsByRules } from '../src/text/latin-words.js';
import { countCodePoints, countWords } from '../src/text/measure.js';
import { parseSeed } from '../src/index.js';
import { checkOptions } from './chunks.js';

function wholeCount(text: string): number {
  let words = 0;
  for (const segment of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) if (segment.isWordLike) words++;
  return words;
}

const piece = fc.oneof(
  fc.constantFrom('word', 'Word', 'a', '1', '1,000', '3.14', "don't", 'e.g.', 'U.S.A.', ' ', '  ', '\n', '\n\n', ',', '.', '—', '-', ':', "'",
    '中文', '本文第一段', '。', '、', '，', '新しい', 'カタカナ', '한국어', '😀', '👍🏽', '👨‍👩‍👧', '🇫🇷', '\u0301', '\u200d', '\u00a0', '\t', 'ǅ', 'ß', 'İ',
    'Ελλάδα', 'Москва', '’', '‘', '€', 'e\u0301', '\u00ad', '\u202f', '·', '·', '_', ';', '\u037e', '⁄', 'µ', '¸', '×'),
  fc.string({ maxLength: 3 }),
);

describe('word count', () => {
  it('counted in pieces equals counted at once, for any text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), fc.integer({ min: 2, max: 40 }), (pieces, size) => {
        const text = pieces.join('');
        expect(countWords(text, size)).toBe(wholeCount(text));
      }),
      checkOptions(3000),
    );
  });

  it('stays linear on long text', () => {
    const text = 'The lights — on, again. 本文第一段。新しい路線が開業した。\n'.repeat(20_000);
    expect(countWords(text)).toBe(20_000 * countWords('The lights — on, again. 本文第一段。新しい路線が開業した。\n'));
  });

  it('counts Latin, Greek and Cyrillic text by the word-break rules, exactly as Intl.Segmenter does', () => {
    // One or two characters of every class the rules tell apart, in every string of up to four of them.
    const alphabet = ['a', 'Z', 'é', 'ж', '1', '_', '\u202f', ':', '·', '.', "'", '’', ',', ';', ' ', '\n', '-', '—', '"', '×'];
    let strings = [''];
    for (let length = 1; length <= 4; length++) {
      strings = strings.flatMap((text) => alphabet.map((character) => text + character));
      for (const text of strings) {
        expect(countWordsByRules(text, 0, text.length), JSON.stringify(text)).toBe(wholeCount(text));
      }
    }
  });

  it('gives every character it covers the class Intl.Segmenter gives it', () => {
    const covered: number[] = [];
    for (let code = 0; code < 0x530; code++) covered.push(code);
    for (let code = 0x2000; code < 0x20d0; code++) covered.push(code);
    // Marks that the rules look through are left to Intl.Segmenter.
    const marks = /^[\u00ad\u0300-\u036f\u0483-\u0489\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f]$/;
    const contexts = ['X', 'XX', 'XXX', 'aXa', '1X1', 'aX1', '1Xa', 'Xa', 'aX', 'X1', '1X', '_X', 'X_', 'a.X', 'X.a', '1,X', 'X,1', 'a:X', 'X:a', "X'X", 'X,X', 'X:X', 'X_X'];
    let checked = 0;
    for (const code of covered) {
      const character = String.fromCharCode(code);
      for (const context of contexts) {
        const text = context.replaceAll('X', character);
        const counted = countWordsByRules(text, 0, text.length);
        if (marks.test(character)) {
          expect(counted, `U+${code.toString(16)}`).toBe(-1);
        } else {
          expect(counted, `U+${code.toString(16)} in ${JSON.stringify(text)}`).toBe(wholeCount(text));
          checked++;
        }
      }
    }
    expect(checked).toBe(23 * (0x530 + 0xd0 - 0x1 - 0x70 - 0x7 - 0x4 - 0x5 - 0x5 - 0xa));
  });

  it('counts the words of every fixture as Intl.Segmenter does', () => {
    const folder = join(import.meta.dirname, 'fixtures');
    const names = readdirSync(folder).filter((name) => name.endsWith('.seed.md'));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) {
      const { text, stats } = parseSeed(readFileSync(join(folder, name), 'utf8'));
      expect(stats.words, name).toBe(wholeCount(text));
      // Cut finely, the text goes through both ways of counting.
      for (const size of [16, 40, 256]) expect(countWords(text, size), `${name} in pieces of ${size}`).toBe(wholeCount(text));
    }
  });

  it('leaves any other text to Intl.Segmenter', () => {
    const latin = 'Don’t stop: 3.14, 1,000 e.g. a_b _ Ελλάδα Москва — €5';
    // Don’t, stop, 3.14, 1,000, e.g, a_b, Ελλάδα, Москва, 5
    expect(countWordsByRules(latin, 0, latin.length)).toBe(9);
    for (const text of ['本文', 'a😀', 'e\u0301', 'co\u00adop', 'ا', 'ก', '\u3000']) expect(countWordsByRules(text, 0, text.length)).toBe(-1);
    expect(countWordsByRules('ab 本文', 0, 3)).toBe(1);
  });

  it('counts code points', () => {
    expect(countCodePoints('a😀b\ud800')).toBe(4);
  });
});
