import { toHtml as serialize } from 'hast-util-to-html';
import type { Article } from '../types.js';
import { hastOf, type ToHastOptions } from './hast.js';

export type ToHtmlOptions = ToHastOptions;

/** An Article as HTML (see `toHast`), serialized by `hast-util-to-html`, which escapes every text and attribute value. */
export function toHtml(article: Article, options?: ToHtmlOptions | null): string {
  return serialize(hastOf(article, options, 'toHtml'));
}
