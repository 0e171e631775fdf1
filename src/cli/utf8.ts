/**
 * Where UTF-8 goes wrong. `TextDecoder` with `fatal: true` says whether the
 * bytes are valid but not where; this walks the bytes again (only for a file
 * already known to be broken) to name the line and column of the first bad
 * sequence, counted like the parser's positions: line feeds only, columns in
 * UTF-16 code units, after a leading byte-order mark.
 */

const LINE_FEED = 0x0a;
const CONTINUATION_MIN = 0x80;
const CONTINUATION_MAX = 0xbf;
const TWO_BYTE_MIN = 0xc2;
const THREE_BYTE_MIN = 0xe0;
const FOUR_BYTE_MIN = 0xf0;
const FOUR_BYTE_MAX = 0xf4;
/** After E0 the next byte is at least A0 (no overlong forms); after ED at most 9F (no surrogates). */
const AFTER_E0_MIN = 0xa0;
const AFTER_ED_MAX = 0x9f;
/** After F0 the next byte is at least 90 (no overlong forms); after F4 at most 8F (up to U+10FFFF). */
const AFTER_F0_MIN = 0x90;
const AFTER_F4_MAX = 0x8f;
const BOM = [0xef, 0xbb, 0xbf] as const;

export interface Utf8Position {
  line: number;
  column: number;
}

/** The state of the walk between chunks. */
export interface Utf8Locator {
  /** Reads the next chunk; returns the position of the first bad sequence once one is found. */
  write(chunk: Uint8Array): Utf8Position | null;
  /** Ends the input: a sequence cut short at the end is bad. */
  end(): Utf8Position | null;
}

export function createUtf8Locator(): Utf8Locator {
  let line = 1;
  let column = 1;
  /** Continuation bytes still expected, and the range allowed for the next one. */
  let needed = 0;
  let lower = CONTINUATION_MIN;
  let upper = CONTINUATION_MAX;
  /** UTF-16 code units the sequence being read adds to the column. */
  let units = 1;
  /** Bytes seen so far, for the byte-order mark. */
  let seen = 0;
  let bomBytes = 0;
  let found: Utf8Position | null = null;

  function lead(byte: number): boolean {
    if (byte < CONTINUATION_MIN) {
      if (byte === LINE_FEED) {
        line++;
        column = 1;
      } else {
        column++;
      }
      return true;
    }
    lower = CONTINUATION_MIN;
    upper = CONTINUATION_MAX;
    if (byte >= TWO_BYTE_MIN && byte < THREE_BYTE_MIN) {
      needed = 1;
      units = 1;
    } else if (byte >= THREE_BYTE_MIN && byte < FOUR_BYTE_MIN) {
      needed = 2;
      units = 1;
      if (byte === THREE_BYTE_MIN) lower = AFTER_E0_MIN;
      if (byte === 0xed) upper = AFTER_ED_MAX;
    } else if (byte >= FOUR_BYTE_MIN && byte <= FOUR_BYTE_MAX) {
      needed = 3;
      units = 2;
      if (byte === FOUR_BYTE_MIN) lower = AFTER_F0_MIN;
      if (byte === FOUR_BYTE_MAX) upper = AFTER_F4_MAX;
    } else {
      return false;
    }
    return true;
  }

  return {
    write(chunk) {
      if (found !== null) return found;
      for (const byte of chunk) {
        // A leading byte-order mark takes no column, as in the parser's positions.
        if (seen < BOM.length && bomBytes === seen && byte === BOM[seen]) bomBytes++;
        seen++;
        if (needed === 0) {
          if (!lead(byte)) return (found = { line, column });
          continue;
        }
        if (byte < lower || byte > upper) return (found = { line, column });
        lower = CONTINUATION_MIN;
        upper = CONTINUATION_MAX;
        needed--;
        if (needed === 0 && !(bomBytes === BOM.length && seen === BOM.length)) column += units;
      }
      return null;
    },
    end() {
      if (found === null && needed > 0) found = { line, column };
      return found;
    },
  };
}

/** The position of the first bad sequence of `bytes`, or null when they are valid UTF-8. */
export function locateInvalidUtf8(bytes: Uint8Array): Utf8Position | null {
  const locator = createUtf8Locator();
  return locator.write(bytes) ?? locator.end();
}
