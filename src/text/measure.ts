/** Text rule 11: how `stats.characters` and `stats.words` are counted. */

const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

/** Length in code points. */
export function countCodePoints(text: string): number {
  let pairs = 0;
  SURROGATE_PAIR.lastIndex = 0;
  while (SURROGATE_PAIR.exec(text) !== null) pairs++;
  return text.length - pairs;
}

let segmenter: Intl.Segmenter | undefined;

/** Word-like segments, as `Intl.Segmenter` with granularity `word` finds them. */
export function countWords(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let words = 0;
  for (const segment of segmenter.segment(text)) {
    if (segment.isWordLike) words++;
  }
  return words;
}
