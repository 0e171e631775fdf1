/** Renderers: an Article to mdast, Markdown, hast and HTML. */
export { toMdast } from './mdast.js';
export { toMarkdown, type ToMarkdownOptions } from './markdown.js';
export { toHast, type ToHastOptions } from './hast.js';
export { toHtml, type ToHtmlOptions } from './html.js';
export { mediaLinks, type MediaLink } from './media-links.js';
