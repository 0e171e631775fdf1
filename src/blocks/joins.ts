/**
 * Rule 10, in one place: how texts join. A break reads as a line feed; the
 * items of a list join with a line feed; the paragraphs of a quote, and the
 * text blocks of an Article, with a blank line.
 */

export const LINE_BREAK = '\n';
export const ITEM_SEPARATOR = '\n';
export const BLOCK_SEPARATOR = '\n\n';

/** The texts of `entries` joined by `separator`. */
export function joinTexts(entries: readonly { text: string }[], separator: string): string {
  if (entries.length === 1) return (entries[0] as { text: string }).text;
  let text = '';
  for (let index = 0; index < entries.length; index++) {
    if (index > 0) text += separator;
    text += (entries[index] as { text: string }).text;
  }
  return text;
}
