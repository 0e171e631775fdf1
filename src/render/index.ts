/** Renderers: an Article to mdast, Markdown, hast and HTML. */
export {};
