import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCodePoints, countWords } from '../src/text/measure.js';
import { checkOptions } from './chunks.js';

function wholeCount(text: string): number {
  let words = 0;
  for (const segment of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) if (segment.isWordLike) words++;
  return words;
}

const piece = fc.oneof(
  fc.constantFrom('word', 'Word', 'a', '1', '1,000', '3.14', "don't", 'e.g.', 'U.S.A.', ' ', '  ', '\n', '\n\n', ',', '.', '—', '-', ':', "'",
    '中文', '本文第一段', '。', '、', '，', '新しい', 'カタカナ', '한국어', '😀', '👍🏽', '👨‍👩‍👧', '🇫🇷', '\u0301', '\u200d', '\u00a0', '\t', 'ǅ', 'ß', 'İ'),
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

  it('counts code points', () => {
    expect(countCodePoints('a😀b\ud800')).toBe(4);
  });
});
