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

/**
 * Pieces of about this many characters are segmented one at a time. The cost
 * per character grows with the piece even at this scale: on article text,
 * pieces of 2,048 characters take 1.3–1.4× the time of pieces of 256, and
 * smaller pieces gain nothing more.
 */
const PIECE = 256;
/** A piece with no safe break in this many characters is cut where it stands. */
const MAX_PIECE = 65536;

/**
 * Word-like segments, as `Intl.Segmenter` with granularity `word` finds them.
 *
 * Segmenting a long string at once costs time quadratic in its length (and
 * falls off a cliff past some 50,000 characters), so the text is segmented in
 * pieces, cut only where UAX #29 always breaks whatever stands around: after a
 * line feed, between a space and an ASCII letter or digit, and after an
 * ideographic full stop or comma (U+3002, U+3001). The count is the same as in one go; only a
 * run of more than 65,536 characters without any such break is cut where it
 * stands (which can split one word).
 */
export function countWords(text: string, piece = PIECE): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let words = 0;
  let start = 0;
  while (start < text.length) {
    const end = text.length - start <= piece ? text.length : safeCut(text, start, piece);
    for (const segment of segmenter.segment(end === text.length && start === 0 ? text : text.slice(start, end))) {
      if (segment.isWordLike) words++;
    }
    start = end;
  }
  return words;
}

/** Where to end the piece that starts at `start`: a safe break near `start + piece`. */
function safeCut(text: string, start: number, piece: number): number {
  const target = start + piece;
  for (let index = target; index > start + (piece >> 1); index--) if (isSafeBreak(text, index)) return index;
  const limit = Math.min(text.length, start + Math.max(MAX_PIECE, piece * 2));
  for (let index = target + 1; index < limit; index++) if (isSafeBreak(text, index)) return index;
  return limit;
}

/** Whether a word boundary before `index` holds whatever comes before or after. */
function isSafeBreak(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  if (before === 0x0a) return true;
  const after = text.charCodeAt(index);
  const alphanumeric = (after >= 0x30 && after <= 0x39) || ((after | 0x20) >= 0x61 && (after | 0x20) <= 0x7a);
  if (before === 0x20) return alphanumeric;
  if (before === 0x3002 || before === 0x3001) return alphanumeric || (after >= 0x4e00 && after <= 0x9fff);
  return false;
}
