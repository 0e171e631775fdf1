/**
 * Word counting without `Intl.Segmenter`, for text in Latin, Greek and
 * Cyrillic script.
 *
 * `Intl.Segmenter` costs some 100 ns per character even on plain ASCII: every
 * segment is an object of its own, made by a call into ICU. For the characters
 * below, the word-break rules of UAX #29 (the ones ICU applies) are simple
 * enough to follow here, one table lookup per character: a word is a run of
 * letters, digits and `_`, which also holds across one middle character
 * between two letters or two digits. The count is the number of word-like
 * segments that `Intl.Segmenter` would give; text with any other character is
 * left to it (`-1`).
 *
 * Covered: U+0000–U+052F (Latin, Greek, Cyrillic) but the marks the rules
 * look through (soft hyphen, combining marks), and general punctuation,
 * super- and subscripts and currency signs (U+2000–U+20CF) but the joiners
 * and direction marks among them. The tests compare every one of these
 * characters with `Intl.Segmenter`, in the contexts that matter to the rules.
 */

/** Word_Break classes (UAX #29), as far as counting needs them. */
const OTHER = 0;
const LETTER = 1;
const NUMERIC = 2;
/** ExtendNumLet: `_`. */
const CONNECTOR = 3;
/** MidLetter: joins two letters (`:`, `·`, `‧`). */
const MID_LETTER = 4;
/** MidNumLet and Single_Quote: joins two letters or two digits (`.`, `'`, `‘`, `’`, `․`). */
const MID_NUM_LET = 5;
/** MidNum: joins two digits (`,`, `;`). */
const MID_NUM = 6;
/** Not covered: the text goes to `Intl.Segmenter`. */
const UNKNOWN = 7;

/**
 * The classes of U+0000–U+052F and U+2000–U+20CF, as ranges: everything not
 * listed is OTHER. Spaces are OTHER too (they group, but never into a word).
 */
const RANGES: readonly (readonly [from: number, to: number, kind: number])[] = [
  [0x27, 0x27, MID_NUM_LET], // '
  [0x2c, 0x2c, MID_NUM], // ,
  [0x2e, 0x2e, MID_NUM_LET], // .
  [0x30, 0x39, NUMERIC], // 0–9
  [0x3a, 0x3a, MID_LETTER], // :
  [0x3b, 0x3b, MID_NUM], // ;
  [0x41, 0x5a, LETTER], // A–Z
  [0x5f, 0x5f, CONNECTOR], // _
  [0x61, 0x7a, LETTER], // a–z
  [0xaa, 0xaa, LETTER], // ª
  [0xad, 0xad, UNKNOWN], // soft hyphen: Format, which the rules look through
  [0xb5, 0xb5, LETTER], // µ
  [0xb7, 0xb7, MID_LETTER], // ·
  [0xb8, 0xb8, LETTER], // ¸
  [0xba, 0xba, LETTER], // º
  [0xc0, 0xd6, LETTER], // À–Ö
  [0xd8, 0xf6, LETTER], // Ø–ö
  [0xf8, 0x2d7, LETTER], // ø–ˇ: Latin Extended-A and -B, IPA, modifier letters
  [0x2de, 0x2ff, LETTER], // ˞–˿
  [0x300, 0x36f, UNKNOWN], // combining marks: Extend
  [0x370, 0x374, LETTER], // Greek
  [0x376, 0x377, LETTER],
  [0x37a, 0x37d, LETTER],
  [0x37e, 0x37e, MID_NUM], // Greek question mark
  [0x37f, 0x37f, LETTER],
  [0x386, 0x386, LETTER],
  [0x387, 0x387, MID_LETTER], // Greek ano teleia
  [0x388, 0x38a, LETTER],
  [0x38c, 0x38c, LETTER],
  [0x38e, 0x3a1, LETTER],
  [0x3a3, 0x3f5, LETTER],
  [0x3f7, 0x481, LETTER], // Greek and Cyrillic
  [0x483, 0x489, UNKNOWN], // Cyrillic combining marks: Extend
  [0x48a, 0x52f, LETTER],
  [0x200c, 0x200f, UNKNOWN], // joiners and direction marks: Extend, Format
  [0x2018, 0x2019, MID_NUM_LET], // ‘ ’
  [0x2024, 0x2024, MID_NUM_LET], // ․
  [0x2027, 0x2027, MID_LETTER], // ‧
  [0x202a, 0x202e, UNKNOWN], // direction embeddings: Format
  [0x202f, 0x202f, CONNECTOR], // narrow no-break space
  [0x203f, 0x2040, CONNECTOR], // ‿ ⁀
  [0x2044, 0x2044, MID_NUM], // ⁄
  [0x2054, 0x2054, CONNECTOR], // ⁔
  [0x2060, 0x2064, UNKNOWN], // word joiner, invisible operators: Format
  [0x2066, 0x206f, UNKNOWN], // direction isolates, deprecated format characters
  [0x2071, 0x2071, LETTER], // ⁱ
  [0x207f, 0x207f, LETTER], // ⁿ
  [0x2090, 0x209c, LETTER], // subscript letters
];

const LOW_END = 0x530;
const PUNCTUATION_START = 0x2000;
const PUNCTUATION_END = 0x20d0;
const CLASSES = buildClasses();

/** One byte per covered code point: U+0000–U+052F, then U+2000–U+20CF. */
function buildClasses(): Uint8Array {
  const classes = new Uint8Array(LOW_END + PUNCTUATION_END - PUNCTUATION_START);
  for (const [from, to, kind] of RANGES) {
    const at = from < LOW_END ? from : from - PUNCTUATION_START + LOW_END;
    classes.fill(kind, at, at + to - from + 1);
  }
  return classes;
}

function classOf(code: number): number {
  if (code < LOW_END) return CLASSES[code] as number;
  if (code < PUNCTUATION_START || code >= PUNCTUATION_END) return UNKNOWN;
  return CLASSES[code - PUNCTUATION_START + LOW_END] as number;
}

function isWordPart(kind: number): boolean {
  return kind === LETTER || kind === NUMERIC || kind === CONNECTOR;
}

/** Whether `middle` joins the character before it to the one after it (WB6/7, WB11/12). */
function joins(before: number, middle: number, after: number): boolean {
  if (before === LETTER && after === LETTER) return middle === MID_LETTER || middle === MID_NUM_LET;
  if (before === NUMERIC && after === NUMERIC) return middle === MID_NUM || middle === MID_NUM_LET;
  return false;
}

/**
 * The word-like segments of `text[start, end)`, as `Intl.Segmenter` finds
 * them in that slice, or -1 when it holds a character the table does not cover.
 */
export function countWordsByRules(text: string, start: number, end: number): number {
  let words = 0;
  let index = start;
  while (index < end) {
    const kind = classOf(text.charCodeAt(index));
    if (kind === UNKNOWN) return -1;
    index++;
    if (!isWordPart(kind)) continue;
    // In a word: letters, digits and `_` never break apart (WB5, WB8–WB10, WB13a/b).
    let last = kind;
    let length = 1;
    while (index < end) {
      const next = classOf(text.charCodeAt(index));
      if (isWordPart(next)) {
        last = next;
        length++;
        index++;
        continue;
      }
      if (next === UNKNOWN) return -1;
      if (next === OTHER || index + 1 >= end) break;
      const after = classOf(text.charCodeAt(index + 1));
      if (after === UNKNOWN) return -1;
      if (!joins(last, next, after)) break;
      last = after;
      length += 2;
      index += 2;
    }
    // A lone `_` is a segment, but not a word-like one.
    if (length > 1 || last !== CONNECTOR) words++;
  }
  return words;
}
