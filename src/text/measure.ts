/**
 * Text rule 11: how `stats.characters` and `stats.words` are counted.
 *
 * Words are counted by the library, the same in every runtime: the classes come
 * from a table generated once (src/text/word-table.ts, by scripts/word-table.mjs),
 * not from the runtime's own Unicode data or its word segmentation.
 */

import {
  CONNECTOR,
  DIGIT,
  IDEOGRAPH,
  LETTER,
  MID_BOTH,
  MID_LETTER,
  MID_NUMBER,
  OTHER,
  WORD_CLASS_RUNS,
} from './word-table.js';

const CHAR_0 = 0x30;
const CHAR_A = 0x41;
const CHAR_LOWER_A = 0x61;
const CHAR_PLUS = 0x2b;

const HIGH_SURROGATE_START = 0xd800;
const LOW_SURROGATE_START = 0xdc00;
const LOW_SURROGATE_END = 0xdfff;

/**
 * The classes of all code points. `BMP_CLASSES` holds those of U+0000–U+FFFF
 * one byte each (64 KB: the common case in one lookup; see HIGH_SURROGATE). Above it, a two-level
 * table: `BLOCK_INDEX` gives each block of 128 code points a block of
 * `CLASSES`. The first eight blocks of `CLASSES` hold one class each and stand
 * for every block wholly of that class; the others are the blocks where
 * classes mix.
 */
const BLOCK_BITS = 7;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const CLASS_COUNT = 8;
const CODE_POINTS = 0x110000;
const BMP_END = 0x10000;
/**
 * In `BMP_CLASSES` only: a high surrogate, whose class is that of the pair it
 * starts (OTHER when it stands alone). Marking it in the table keeps the common
 * case to one lookup and one comparison.
 */
const HIGH_SURROGATE = CLASS_COUNT;
const { BMP_CLASSES, BLOCK_INDEX, CLASSES } = buildTable(WORD_CLASS_RUNS);

function buildTable(encoded: string): { BMP_CLASSES: Uint8Array; BLOCK_INDEX: Uint16Array; CLASSES: Uint8Array } {
  const runs = decodeRuns(encoded);
  // Blocks where a run starts inside the block hold more than one class.
  const mixed = new Int32Array(CODE_POINTS >> BLOCK_BITS).fill(-1);
  let mixedCount = 0;
  let start = 0;
  for (let index = 0; index < runs.length; index += 2) {
    if ((start & (BLOCK_SIZE - 1)) !== 0 && mixed[start >> BLOCK_BITS] === -1) mixed[start >> BLOCK_BITS] = CLASS_COUNT + mixedCount++;
    start += runs[index] as number;
  }
  const bmp = new Uint8Array(BMP_END);
  const blockIndex = new Uint16Array(CODE_POINTS >> BLOCK_BITS);
  const classes = new Uint8Array((CLASS_COUNT + mixedCount) * BLOCK_SIZE);
  for (let kind = 0; kind < CLASS_COUNT; kind++) classes.fill(kind, kind * BLOCK_SIZE, (kind + 1) * BLOCK_SIZE);
  start = 0;
  for (let index = 0; index < runs.length; index += 2) {
    const end = start + (runs[index] as number);
    const kind = runs[index + 1] as number;
    if (start < BMP_END) bmp.fill(kind, start, Math.min(end, BMP_END));
    for (let block = start >> BLOCK_BITS; block <= (end - 1) >> BLOCK_BITS; block++) {
      const slot = mixed[block] as number;
      if (slot === -1) {
        blockIndex[block] = kind;
      } else {
        blockIndex[block] = slot;
        const blockStart = block << BLOCK_BITS;
        classes.fill(kind, slot * BLOCK_SIZE + Math.max(start, blockStart) - blockStart, slot * BLOCK_SIZE + Math.min(end, blockStart + BLOCK_SIZE) - blockStart);
      }
    }
    start = end;
  }
  bmp.fill(HIGH_SURROGATE, HIGH_SURROGATE_START, LOW_SURROGATE_START);
  return { BMP_CLASSES: bmp, BLOCK_INDEX: blockIndex, CLASSES: classes };
}

/** The runs of the table's string as length, class, length, class, … (see word-table.ts). */
function decodeRuns(encoded: string): number[] {
  const runs: number[] = [];
  let value = 0;
  let scale = 1;
  for (let index = 0; index < encoded.length; index++) {
    const digit = digitOf(encoded.charCodeAt(index));
    value += (digit & 31) * scale;
    if (digit >= 32) {
      scale *= 32;
      continue;
    }
    runs.push(Math.floor(value / CLASS_COUNT), value % CLASS_COUNT);
    value = 0;
    scale = 1;
  }
  return runs;
}

/** The value of one character of `0-9A-Za-z+/`. */
function digitOf(code: number): number {
  if (code >= CHAR_LOWER_A) return code - CHAR_LOWER_A + 36;
  if (code >= CHAR_A) return code - CHAR_A + 10;
  if (code >= CHAR_0) return code - CHAR_0;
  return code === CHAR_PLUS ? 62 : 63;
}

function astralClassOf(codePoint: number): number {
  return CLASSES[((BLOCK_INDEX[codePoint >> BLOCK_BITS] as number) << BLOCK_BITS) | (codePoint & (BLOCK_SIZE - 1))] as number;
}

/**
 * Rule 11 as a state machine over the classes of word-table.ts. The states:
 * between words; in a word whose last character is a letter or mark, a digit,
 * or connector punctuation; and in a word followed by one joining character
 * that joins it to a letter (after a letter) or to a digit (after a digit).
 * A joining character that can join nothing there ends the word.
 */
const BETWEEN = 0;
const AFTER_LETTER = 1;
const AFTER_DIGIT = 2;
const AFTER_CONNECTOR = 3;
const LETTER_JOINER = 4;
const DIGIT_JOINER = 5;
const STATES = 6;

/**
 * `TRANSITIONS[row + class]`, where `row` is the state × CLASS_COUNT: the next
 * state's row × 2, plus 1 when the character starts a word (an ideograph is a
 * word of its own). The state is kept as its row so that the step from one
 * character to the next is one lookup and one shift (bench/README.md, "Word counts").
 */
const TRANSITIONS = buildTransitions();

function buildTransitions(): Uint8Array {
  const table = new Uint8Array(STATES * CLASS_COUNT);
  for (let state = 0; state < STATES; state++) {
    const inWord = state === AFTER_LETTER || state === AFTER_DIGIT || state === AFTER_CONNECTOR;
    const set = (kind: number, next: number, starts: boolean) => {
      table[state * CLASS_COUNT + kind] = next * CLASS_COUNT * 2 + (starts ? 1 : 0);
    };
    set(OTHER, BETWEEN, false);
    set(IDEOGRAPH, BETWEEN, true);
    set(LETTER, AFTER_LETTER, !inWord && state !== LETTER_JOINER);
    set(DIGIT, AFTER_DIGIT, !inWord && state !== DIGIT_JOINER);
    set(CONNECTOR, AFTER_CONNECTOR, !inWord);
    set(MID_LETTER, state === AFTER_LETTER ? LETTER_JOINER : BETWEEN, false);
    set(MID_NUMBER, state === AFTER_DIGIT ? DIGIT_JOINER : BETWEEN, false);
    set(MID_BOTH, state === AFTER_LETTER ? LETTER_JOINER : state === AFTER_DIGIT ? DIGIT_JOINER : BETWEEN, false);
  }
  return table;
}

/** The two counts of rule 11. */
export interface TextMeasure {
  /** Code points (a surrogate pair is one, a lone surrogate one). */
  characters: number;
  words: number;
}

/**
 * Words and code points of `text`, in one pass. Words by rule 11: each Han,
 * Hiragana or Katakana character is one word; any other word is a maximal run
 * of letters, marks, decimal digits and connector punctuation, which goes on
 * across one joining character standing between two letters or marks, or
 * between two digits (see word-table.ts). One table lookup per code point and
 * one state transition.
 */
export function measureText(text: string): TextMeasure {
  let words = 0;
  let pairs = 0;
  let row = BETWEEN * CLASS_COUNT;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    let kind = BMP_CLASSES[text.charCodeAt(index)] as number;
    if (kind === HIGH_SURROGATE) {
      const low = index + 1 < length ? text.charCodeAt(index + 1) : 0;
      if (low >= LOW_SURROGATE_START && low <= LOW_SURROGATE_END) {
        kind = astralClassOf(((text.charCodeAt(index) - HIGH_SURROGATE_START) << 10) + (low - LOW_SURROGATE_START) + 0x10000);
        index++;
        pairs++;
      } else {
        // A lone surrogate is no character of any word.
        kind = OTHER;
      }
    }
    const step = TRANSITIONS[row + kind] as number;
    words += step & 1;
    row = step >> 1;
  }
  return { characters: length - pairs, words };
}

/** Words of `text` by rule 11 (see {@link measureText}). */
export function countWords(text: string): number {
  return measureText(text).words;
}

/** Length in code points. */
export function countCodePoints(text: string): number {
  return measureText(text).characters;
}
