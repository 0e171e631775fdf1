/**
 * Text rule 1, in one place: what counts as white space, how runs of it
 * collapse, and how text is made safe (no NUL, no lone surrogate).
 */

/** Space, tab, LF, CR, form feed and U+00A0; not U+3000. */
export function isCollapsibleSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c || code === 0xa0;
}

const UNSAFE_CHARACTER = /[\0\ud800-\udfff]/;
const NUL = /\0/g;

/** NUL becomes U+FFFD, and so does a lone surrogate; nothing else changes. */
export function makeSafe(raw: string): string {
  if (!UNSAFE_CHARACTER.test(raw)) return raw;
  const text = raw.indexOf('\0') === -1 ? raw : raw.replace(NUL, '\ufffd');
  return text.isWellFormed() ? text : text.toWellFormed();
}

/** Anything that {@link normalizeText} would change. */
const NEEDS_NORMALIZING = /[\t\n\f\r\u00a0\0\ud800-\udfff]| {2}/;
const SPACE_RUN = /[ \t\n\f\r\u00a0]+/g;

/**
 * Makes text safe and collapses white space, without trimming: NUL becomes
 * U+FFFD, a lone surrogate becomes U+FFFD, each run of white space one space.
 */
export function normalizeText(raw: string): string {
  if (!NEEDS_NORMALIZING.test(raw)) return raw;
  return makeSafe(raw).replace(SPACE_RUN, ' ');
}

/** Whether the text is empty or only white space. */
export function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    if (!isCollapsibleSpace(text.charCodeAt(index))) return false;
  }
  return true;
}

/** {@link normalizeText}, then trimmed of white space. */
export function collapseWhitespace(raw: string): string {
  const text = normalizeText(raw);
  const start = text.charCodeAt(0) === 0x20 ? 1 : 0;
  const end = text.length > start && text.charCodeAt(text.length - 1) === 0x20 ? text.length - 1 : text.length;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
