import { decodeHTML } from 'entities';
import { unsafeScheme } from '../text/urls.js';
import { collapseWhitespace, makeSafe } from '../text/whitespace.js';

/**
 * The three header lines, each read on its own:
 * `<!--1684512901000-->`, `[Title](url)` and `------`.
 * Each reader reads the line `source[start, end)` (without its line break;
 * the source may hold more lines) and returns what it found, or why the line
 * is not that construct. Indexes returned are indexes in the source.
 */

/** The last millisecond of the year 9999, UTC. */
export const MAX_TIMESTAMP = 253402300799999;

export type TimestampLine =
  | { kind: 'timestamp'; value: number }
  | { kind: 'not-a-comment' }
  | { kind: 'invalid'; content: string; /** Index of the content's first character. */ contentIndex: number };

const DIGITS = /^[0-9]+$/;
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const SPACE = 0x20;
const DEL = 0x7f;
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;

/** A line that is exactly one comment holding decimal digits (spaces around them allowed). */
export function readTimestampLine(source: string, lineStart: number, lineEnd: number): TimestampLine {
  const start = skipSpaces(source, lineStart, lineEnd);
  const end = skipSpacesBack(source, start, lineEnd);
  if (end - start < 7 || !source.startsWith('<!--', start) || !source.startsWith('-->', end - 3)) {
    return { kind: 'not-a-comment' };
  }
  // Digits between spaces and tabs, the usual form, are read in one scan; anything else below.
  const contentEnd = end - 3;
  let index = skipSpaces(source, start + 4, contentEnd);
  const digitsStart = index;
  let value = 0;
  for (; index < contentEnd; index++) {
    const code = source.charCodeAt(index);
    if (code < DIGIT_ZERO || code > DIGIT_NINE) break;
    // Exact: the value stays below 2^53 until it is past MAX_TIMESTAMP, and it only grows.
    value = value * 10 + (code - DIGIT_ZERO);
  }
  if (index > digitsStart && value <= MAX_TIMESTAMP && skipSpaces(source, index, contentEnd) === contentEnd) {
    return { kind: 'timestamp', value };
  }
  return readTimestampContent(source.slice(start + 4, contentEnd), start + 4);
}

/** The content of a timestamp comment that is not just spaces and digits: trimmed of any white space, then read. */
function readTimestampContent(content: string, contentIndex: number): TimestampLine {
  const digits = content.trim();
  if (!DIGITS.test(digits)) return { kind: 'invalid', content, contentIndex };
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value > MAX_TIMESTAMP) return { kind: 'invalid', content, contentIndex };
  return { kind: 'timestamp', value };
}

const MS_PER_DAY = 86400000;
/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
const DAYS_TO_EPOCH = 719468;
const DAYS_PER_400_YEARS = 146097;

/**
 * `new Date(value).toISOString()` for a timestamp the header accepts (0 to
 * {@link MAX_TIMESTAMP}: years 1970 to 9999, always four digits). Computed by
 * integer arithmetic (days to civil date, H. Hinnant's algorithm): the Date
 * round trip costs more than the rest of a timestamp line.
 */
export function isoDate(value: number): string {
  const days = Math.floor(value / MS_PER_DAY);
  let rest = value - days * MS_PER_DAY;
  const shifted = days + DAYS_TO_EPOCH;
  const era = Math.floor(shifted / DAYS_PER_400_YEARS);
  const dayOfEra = shifted - era * DAYS_PER_400_YEARS;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  // Months counted from March, so that February's leap day ends the year.
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const milliseconds = rest % 1000;
  rest = (rest - milliseconds) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  // `YYYY-MM-DDTHH:mm:ss.sssZ` made as one string, not joined from thirteen pieces.
  return String.fromCharCode(
    digit(year, 1000), digit(year, 100), digit(year, 10), digit(year, 1), HYPHEN,
    digit(month, 10), digit(month, 1), HYPHEN,
    digit(day, 10), digit(day, 1), LATIN_T,
    digit(hours, 10), digit(hours, 1), COLON,
    digit(minutes, 10), digit(minutes, 1), COLON,
    digit(seconds, 10), digit(seconds, 1), FULL_STOP,
    digit(milliseconds, 100), digit(milliseconds, 10), digit(milliseconds, 1), LATIN_Z,
  );
}

const COLON = 0x3a;
const FULL_STOP = 0x2e;
const LATIN_T = 0x54;
const LATIN_Z = 0x5a;

/** The character code of the decimal digit of `value` (a non-negative integer) worth `place` (1, 10, 100 or 1000). */
function digit(value: number, place: number): number {
  return DIGIT_ZERO + (Math.floor(value / place) % 10);
}

export type TitleLinkLine =
  | { kind: 'link'; title: string; url: string; /** Index in the line of the destination's first character. */ urlIndex: number }
  | { kind: 'not-a-link'; reason: string };

/** Why a title line that does not start with `[` (after spaces and tabs) is no title link. */
export const TITLE_LINE_START = 'a line starting with "["';

/**
 * `[title](destination)`: the destination is the final parenthesized group
 * (balanced), directly preceded by `]`; the title is everything between the
 * first `[` and that `]`. The destination is kept as written, without
 * surrounding white space and `<>`, and made safe (NUL and lone surrogates
 * become U+FFFD).
 */
export function readTitleLinkLine(source: string, lineStart: number, lineEnd: number): TitleLinkLine {
  const start = skipSpaces(source, lineStart, lineEnd);
  const end = skipSpacesBack(source, start, lineEnd);
  if (source.charCodeAt(start) !== 0x5b /* [ */ || start === end) {
    return { kind: 'not-a-link', reason: TITLE_LINE_START };
  }
  if (end - start < 4 || source.charCodeAt(end - 1) !== 0x29 /* ) */) {
    return { kind: 'not-a-link', reason: 'a line ending with ")"' };
  }
  const open = matchingOpenParen(source, end - 1, start);
  if (open === -1 || source.charCodeAt(open - 1) !== 0x5d /* ] */ || open - 1 <= start) {
    return { kind: 'not-a-link', reason: 'a link "[title](url)"' };
  }
  const title = readTitle(source.slice(start + 1, open - 1));
  let url: string;
  let urlIndex: number;
  if (end - 2 > open && isPrintable(source.charCodeAt(open + 1)) && isPrintable(source.charCodeAt(end - 2))) {
    // Nothing to trim: the usual destination, read without trimming copies.
    const angled = end - 2 > open + 1 && source.charCodeAt(open + 1) === LESS_THAN && source.charCodeAt(end - 2) === GREATER_THAN;
    urlIndex = angled ? open + 2 : open + 1;
    url = source.slice(urlIndex, angled ? end - 2 : end - 1);
  } else {
    const written = source.slice(open + 1, end - 1);
    url = written.trim();
    urlIndex = open + 1 + (written.length - written.trimStart().length);
    if (url.length >= 2 && url.startsWith('<') && url.endsWith('>')) {
      url = url.slice(1, -1);
      urlIndex++;
    }
  }
  if (title === '') return { kind: 'not-a-link', reason: 'a link with a non-empty title' };
  // `< >` holds white space only: no more a destination than `<>` (trim stops at the first other character).
  if (url.trim() === '') return { kind: 'not-a-link', reason: 'a link with a non-empty destination' };
  return { kind: 'link', title, url: makeSafe(url), urlIndex };
}

/**
 * The unsafe scheme of a title link destination (rule 9, use `link`), or
 * null. The destination is kept as written, but whoever renders it as
 * Markdown or HTML may remove its backslash escapes and decode its entities:
 * it is vetted both as written and as read that way. What follows a `<` in
 * the line is vetted by {@link unsafeInLine}.
 */
export function unsafeDestination(url: string): string | null {
  // The usual destination: http: or https:. No escape or entity can change that scheme.
  if (url.startsWith('https://') || url.startsWith('http://')) return null;
  return unsafeReading(url);
}

/** An unsafe URL that Markdown could read in the title line: its scheme, and where it starts in the line. */
export interface UnsafeInLine {
  scheme: string;
  index: number;
}

/**
 * Markdown may read URLs in the title line besides its destination: what
 * follows a `<` (from the destination on: the destination of `(<dest>)`, or
 * an autolink when the line does not read as a link; in the title: an
 * autolink `<scheme:…>`, which Markdown reads inside a link's text too, and
 * which may run on across the brackets), and what follows each `](` (a title
 * that holds `[t](javascript:x)` holds a link of its own). From
 * `destinationStart` on, what follows a `<` is vetted up to the next `<` or
 * `>` (white space around a URL does not make it safe); before it, only an
 * autolink as CommonMark writes one (a scheme, `:`, then no white space, `<`
 * or `>` up to the `>`), so that a title like `Growth < Data: 2024` stands.
 * What follows a `](` (inside `<…>` too) is vetted up to the next `](`, and
 * an escaped `\](` too (on the safe side). Each is vetted as written and decoded. The pieces
 * of each kind do not overlap, so the line is read twice, however many of
 * them it holds.
 */
export function unsafeInLine(line: string, destinationStart = 0): UnsafeInLine | null {
  let close = -1;
  for (let open = line.indexOf('<'); open !== -1; ) {
    const next = line.indexOf('<', open + 1);
    if (open + 1 < destinationStart) {
      AUTOLINK.lastIndex = open + 1;
      const autolink = AUTOLINK.exec(line);
      const scheme = autolink === null ? null : unsafeReading(autolink[1] as string);
      if (scheme !== null) return { scheme, index: open + 1 };
    } else {
      // The next `>` after this `<`, found again only once the last one found is behind.
      if (close !== line.length && close <= open) {
        close = line.indexOf('>', open + 1);
        if (close === -1) close = line.length;
      }
      const scheme = unsafeReading(line.slice(open + 1, next === -1 ? close : Math.min(next, close)));
      if (scheme !== null) return { scheme, index: open + 1 };
    }
    open = next;
  }
  for (let open = line.indexOf(LINK_MIDDLE); open !== -1; ) {
    const next = line.indexOf(LINK_MIDDLE, open + 2);
    const destination = line.slice(open + 2, next === -1 ? line.length : next);
    // `](<dest>)`: a destination in brackets, which may hold white space (to Markdown, this is one
    // even where the title line's own destination is a later `(…)`).
    const bracketed = destination.trimStart();
    // Reported where the URL starts: after `(`, white space and a `<`.
    const at = open + 2 + destination.length - bracketed.length;
    const scheme = unsafeReading(destination);
    if (scheme !== null) return { scheme, index: at };
    const inBrackets = bracketed.startsWith('<') ? unsafeReading(bracketed.slice(1)) : null;
    if (inBrackets !== null) return { scheme: inBrackets, index: at + 1 };
    open = next;
  }
  return null;
}

/** An autolink's URL, right after its `<` (CommonMark: a scheme of 2 to 32 characters, `:`, no control, space, `<` or `>`). */
const AUTOLINK = /([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\0- <>\x7f]*)>/y;

/** Where a Markdown link's text ends and its destination begins. */
const LINK_MIDDLE = '](';

/** The unsafe scheme of a destination as written, or once its escapes and entities are decoded. */
function unsafeReading(url: string): string | null {
  const unsafe = unsafeScheme(url, 'link');
  if (unsafe !== null) return unsafe;
  const decoded = decodeEscapes(url);
  // Most destinations hold neither escapes nor entities: read that way, they are the same URL.
  return decoded === url ? null : unsafeScheme(decoded, 'link');
}

/** Index of the `(` that balances the `)` at `close`, or -1. */
function matchingOpenParen(line: string, close: number, floor: number): number {
  const last = line.lastIndexOf('(', close);
  if (last <= floor) return -1;
  // No `)` between the last `(` and `close`: they balance, as in most destinations.
  if (line.indexOf(')', last) === close) return last;
  let depth = 0;
  for (let index = close; index > floor; index--) {
    const code = line.charCodeAt(index);
    if (code === 0x29) depth++;
    else if (code === 0x28 && --depth === 0) return index;
  }
  return -1;
}

const ESCAPED_PUNCTUATION = /\\([!-/:-@[-`{-~])/g;

/** Backslash escapes removed, then entities decoded, then white space collapsed. */
export function readTitle(raw: string): string {
  return collapseWhitespace(decodeEscapes(raw));
}

/** Backslash escapes of ASCII punctuation removed, then entities decoded. */
function decodeEscapes(raw: string): string {
  const unescaped = raw.includes('\\') ? raw.replace(ESCAPED_PUNCTUATION, '$1') : raw;
  return unescaped.includes('&') ? decodeHTML(unescaped) : unescaped;
}

const HYPHEN = 0x2d;

/** Three or more `-`, trailing spaces allowed. */
export function isUnderlineLine(source: string, start: number, end: number): boolean {
  let index = start;
  while (index < end && source.charCodeAt(index) === HYPHEN) index++;
  return index - start >= 3 && skipSpaces(source, index, end) === end;
}

/** `---` alone (trailing spaces allowed): opens and closes front matter. */
export function isFrontMatterFence(source: string, start: number, end: number): boolean {
  return (
    skipSpacesBack(source, start, end) - start === 3 &&
    source.charCodeAt(start) === HYPHEN &&
    source.charCodeAt(start + 1) === HYPHEN &&
    source.charCodeAt(start + 2) === HYPHEN
  );
}

export function isBlankLine(source: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (!isTrimmedSpace(source.charCodeAt(index))) return false;
  return true;
}

const NO_BREAK_SPACE = 0xa0;

/** White space as `String.prototype.trim` reads it: a line of nothing else is blank. */
export function isTrimmedSpace(code: number): boolean {
  if (code <= SPACE) return code === SPACE || (code >= 0x09 && code <= 0x0d);
  if (code < NO_BREAK_SPACE) return false;
  return (
    code === NO_BREAK_SPACE || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Printable ASCII: no white space that `trim` would remove. */
function isPrintable(code: number): boolean {
  return code > SPACE && code < DEL;
}

/** The first index from `from` on that is not a space or tab (at most `end`). */
export function skipSpaces(source: string, from: number, end: number): number {
  let index = from;
  while (index < end && (source.charCodeAt(index) === 0x20 || source.charCodeAt(index) === 0x09)) index++;
  return index;
}

/** The end of `source[start, end)` without trailing spaces and tabs. */
function skipSpacesBack(source: string, start: number, end: number): number {
  let index = end;
  while (index > start && (source.charCodeAt(index - 1) === 0x20 || source.charCodeAt(index - 1) === 0x09)) index--;
  return index;
}
