import { toMarkdown as serialize, type Options } from 'mdast-util-to-markdown';
import type { Article } from '../types.js';
import { mdastOf } from './mdast.js';

/** Options of `mdast-util-to-markdown` (its `bullet`, `emphasis`, `strong`, `fence`, …), over these defaults. */
export type ToMarkdownOptions = Options;

const DEFAULTS: Options = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  fence: '`',
  fences: true,
  listItemIndent: 'one',
  // `[url](url)`, never `<url>`: an autolink reads back with other text.
  resourceLink: true,
};

/**
 * An Article as CommonMark. Read back by `mdast-util-from-markdown`, it gives
 * the same text for the title, the dateline, the lead, every block, list
 * item and caption, and the same URLs in order. Attention next to
 * punctuation (CJK text included) is kept by `mdast-util-to-markdown`, which
 * writes the neighbouring character as a character reference where
 * CommonMark's flanking rules would otherwise not read `**…**` as strong.
 */
export function toMarkdown(article: Article, options?: ToMarkdownOptions | null): string {
  return serialize(mdastOf(article, 'toMarkdown'), withDefaults(options));
}

/** The options over the defaults; an option given as `undefined` keeps its default, as one left out does. */
function withDefaults(options: ToMarkdownOptions | null | undefined): Options {
  const merged: Record<string, unknown> = { ...DEFAULTS };
  if (options !== null && options !== undefined) {
    for (const [name, value] of Object.entries(options)) if (value !== undefined) merged[name] = value;
  }
  return merged as Options;
}
