/**
 * Rule 1, in one place: what counts as white space, how runs of it collapse,
 * what is trimmed at the ends of text, and how text is made safe (no NUL, no
 * lone surrogate).
 */

const SPACE = 0x20;
const TAB = 0x09;
const LINE_FEED = 0x0a;
const FORM_FEED = 0x0c;
const CARRIAGE_RETURN = 0x0d;
const NO_BREAK_SPACE = 0xa0;
const IDEOGRAPHIC_SPACE = 0x3000;

/** Space, tab, LF, CR, form feed and U+00A0: a run of them becomes one space. */
export function isCollapsibleSpace(code: number): boolean {
  return code === SPACE || code === LINE_FEED || code === TAB || code === CARRIAGE_RETURN || code === FORM_FEED || code === NO_BREAK_SPACE;
}

/**
 * White space at the ends of text: the collapsible spaces and U+3000 (the
 * ideographic space that indents Chinese paragraphs). Inside text, U+3000 is
 * kept as it is.
 */
export function isEdgeSpace(code: number): boolean {
  return isCollapsibleSpace(code) || code === IDEOGRAPHIC_SPACE;
}

const UNSAFE_CHARACTER = /[\0\ud800-\udfff]/;
const NUL = /\0/g;
const SURROGATE_START = 0xd800;
const SURROGATE_END = 0xdfff;

/** NUL becomes U+FFFD, and so does a lone surrogate; nothing else changes. */
export function makeSafe(raw: string): string {
  if (!UNSAFE_CHARACTER.test(raw)) return raw;
  const text = raw.indexOf('\0') === -1 ? raw : raw.replace(NUL, '\ufffd');
  return text.isWellFormed() ? text : text.toWellFormed();
}

const LINE_ENDING = /\r\n?/g;

/** CR LF and a lone CR become LF, as HTML reads its input before it reads any markup. */
export function lineFeeds(raw: string): string {
  return raw.indexOf('\r') === -1 ? raw : raw.replace(LINE_ENDING, '\n');
}

/** Anything that {@link normalizeText} would change; a space before white space is the first branch, which measured faster (bench/README.md). */
const NEEDS_NORMALIZING = / [ \t\n\f\r\u00a0]|[\t\n\f\r\u00a0\0\ud800-\udfff]/;
/**
 * A run of white space that collapsing changes: two or more characters, or one that is not a space.
 * A lone space is left alone, so text with single spaces between words costs no replacements
 * (measured: bench/README.md).
 */
const CHANGED_SPACE_RUN = / [ \t\n\f\r\u00a0]+|[\t\n\f\r\u00a0][ \t\n\f\r\u00a0]*/g;

/** Shorter text is checked by one character scan: a regular expression call costs more than the scan. */
const SHORT_TEXT = 64;

/** Whether {@link normalizeText} would change `raw` (a surrogate, even in a pair, is checked the long way). */
function needsNormalizing(raw: string): boolean {
  const length = raw.length;
  if (length >= SHORT_TEXT) return NEEDS_NORMALIZING.test(raw);
  let afterSpace = false;
  for (let index = 0; index < length; index++) {
    const code = raw.charCodeAt(index);
    if (code === SPACE) {
      if (afterSpace) return true;
      afterSpace = true;
    } else if (code < SPACE || code === NO_BREAK_SPACE || (code >= SURROGATE_START && code <= SURROGATE_END)) {
      return true;
    } else {
      afterSpace = false;
    }
  }
  return false;
}

/**
 * Makes text safe and collapses white space, without trimming: NUL becomes
 * U+FFFD, a lone surrogate becomes U+FFFD, each run of white space one space.
 */
export function normalizeText(raw: string): string {
  if (!needsNormalizing(raw)) return raw;
  return makeSafe(raw).replace(CHANGED_SPACE_RUN, ' ');
}

/** Whether the text is empty or only white space (U+3000 included). */
export function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (!isEdgeSpace(text.charCodeAt(index))) return false;
  }
  return true;
}

/** {@link normalizeText}, then trimmed of white space (U+3000 included). */
export function collapseWhitespace(raw: string): string {
  const text = normalizeText(raw);
  let start = 0;
  let end = text.length;
  while (start < end && isEdgeSpace(text.charCodeAt(start))) start++;
  while (end > start && isEdgeSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
