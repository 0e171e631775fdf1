import { toHtml as serialize } from 'hast-util-to-html';
import type { Article } from '../types.js';
import { hastOf, type ToHastOptions } from './hast.js';

export type ToHtmlOptions = ToHastOptions;

/** An Article as HTML (see `toHast`), serialized by `hast-util-to-html`, which escapes every text and attribute value. */
export function toHtml(article: Article, options?: ToHtmlOptions | null): string {
  return keepCarriageReturns(serialize(hastOf(article, options, 'toHtml')));
}

const CARRIAGE_RETURN = /\r/g;

/**
 * An HTML parser reads a carriage return as a line feed (a CR LF pair as one),
 * as it reads the input; written as a character reference, it reads back as
 * itself. An Article holds one in an `alt` or a `title` (and one built by
 * hand, in any text), and `hast-util-to-html` has no option to escape it.
 * The tree holds no raw-text element (`<script>`, `<style>`) and no comment,
 * so a carriage return can stand only in text (`<title>` decodes references
 * too) or in a quoted attribute value, where the reference is exact.
 */
function keepCarriageReturns(html: string): string {
  return html.includes('\r') ? html.replace(CARRIAGE_RETURN, '&#xD;') : html;
}
