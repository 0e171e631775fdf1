import type {
  Blockquote,
  Code as MdastCode,
  Heading as MdastHeading,
  List as MdastList,
  Paragraph as MdastParagraph,
  PhrasingContent,
  Root,
  RootContent,
} from 'mdast';
import type { Article, Block, Inline } from '../types.js';
import { checkArticle } from '../article/shape.js';
import { liftNestedLinks } from './links.js';
import { LINK_SEPARATOR, linksOf } from './media-links.js';
import { appendAll } from './append.js';

/**
 * An Article as an mdast tree: the title as a level-1 heading linked to the
 * URL, the dateline and the lead as paragraphs, then each block. One handler
 * per block and inline type, picked from a table.
 *
 * URLs are the Article's, except that tabs and line breaks inside one are
 * removed (the WHATWG URL parser removes them too; Markdown cannot hold them)
 * and a leading `<` is written `%3C` (a Markdown destination cannot start
 * with it unless bracketed, which `mdast-util-to-markdown` does not do).
 */
export function toMdast(article: Article): Root {
  return mdastOf(article, 'toMdast');
}

/** `toMdast`, naming `who` in its errors (`toMarkdown` calls it too). */
export function mdastOf(article: Article, who: string): Root {
  // Rendered from the checked copy: every value read once (src/article/shape.ts).
  const checked = checkArticle(article, who);
  const children: RootContent[] = [
    { type: 'heading', depth: 1, children: [{ type: 'link', url: markdownUrl(checked.header.url), title: null, children: [{ type: 'text', value: checked.header.title }] }] },
  ];
  if (checked.dateline !== null) children.push({ type: 'paragraph', children: [{ type: 'text', value: checked.dateline.text }] });
  if (checked.lead !== null) children.push(paragraph(checked.lead.inlines));
  for (const block of checked.body) {
    const handler = blockHandlers[block.type] as BlockHandler<Block>;
    appendAll(children, handler(block));
  }
  return { type: 'root', children };
}

const URL_WHITE_SPACE = /[\t\n\r]/g;
const MAX_MARKDOWN_START = 999_999_999;

function markdownUrl(url: string): string {
  const cleaned = url.replace(URL_WHITE_SPACE, '');
  return cleaned.startsWith('<') ? `%3C${cleaned.slice(1)}` : cleaned;
}

/** Alt text and titles are one-line text in Markdown: runs of white space become one space. */
function oneLine(text: string | null): string | null {
  return text === null ? null : text.replace(/[ \t\n\r\f]+/g, ' ');
}

/** A title in Markdown: one line, and none when empty (`[x](u "")` is written, and reads back, without one). */
function markdownTitle(title: string | null): string | null {
  return title === '' ? null : oneLine(title);
}

// --- inlines ------------------------------------------------------------------

type InlineHandler<T extends Inline> = (inline: T) => PhrasingContent[];

const inlineHandlers: { [K in Inline['type']]: InlineHandler<Extract<Inline, { type: K }>> } = {
  text: (inline) => [{ type: 'text', value: inline.value }],
  break: () => [{ type: 'break' }],
  // A code span cannot hold a line break (it would read as a space): one span per line. An empty
  // line makes no span: an empty code span is written as bare backticks, which pair with the next.
  code: (inline) => inline.value.split('\n').flatMap((line, index): PhrasingContent[] => {
    const code: PhrasingContent[] = line === '' ? [] : [{ type: 'inlineCode', value: line }];
    return index === 0 ? code : [{ type: 'break' }, ...code];
  }),
  strong: (inline) => [{ type: 'strong', children: phrasing(inline.children) }],
  emphasis: (inline) => [{ type: 'emphasis', children: phrasing(inline.children) }],
  link: (inline) => [{ type: 'link', url: markdownUrl(inline.href), title: markdownTitle(inline.title), children: phrasing(inline.children) }],
};

const isMdastLink = (node: PhrasingContent): boolean => node.type === 'link';

function phrasing(inlines: readonly Inline[]): PhrasingContent[] {
  const result: PhrasingContent[] = [];
  for (const inline of inlines) appendAll(result, (inlineHandlers[inline.type] as InlineHandler<Inline>)(inline));
  return result;
}

type Attention = Extract<PhrasingContent, { type: 'strong' | 'emphasis' }>;

/**
 * Attention as Markdown can say it: emphasis inside emphasis and strong
 * inside strong are unwrapped (`***x***` would read as both), and adjacent
 * runs of the same kind are joined (`**a****b**` would not read as two).
 * The text stays the same, and so does what is bold and what is italic.
 */
function normalizeAttention(nodes: PhrasingContent[], inStrong: boolean, inEmphasis: boolean): PhrasingContent[] {
  const result: PhrasingContent[] = [];
  for (const node of nodes) {
    if ((node.type === 'strong' && inStrong) || (node.type === 'emphasis' && inEmphasis)) {
      for (const child of normalizeAttention(node.children, inStrong, inEmphasis)) push(result, child);
      continue;
    }
    if (!('children' in node)) {
      push(result, node);
      continue;
    }
    const strong = inStrong || node.type === 'strong';
    const emphasis = inEmphasis || node.type === 'emphasis';
    const children = normalizeAttention(node.children as PhrasingContent[], strong, emphasis);
    // A break at either end of bold, italic or a link text stands outside it: `*x\⏎*` would not
    // read back as italic (nor `[x\⏎](…)` as a link text) without the backslash. Bold or italic
    // left empty goes; a link stays, for its URL.
    let first = 0;
    while (first < children.length && children[first]!.type === 'break') first++;
    let last = children.length;
    while (last > first && children[last - 1]!.type === 'break') last--;
    for (const child of children.slice(0, first)) push(result, child);
    (node as { children: PhrasingContent[] }).children = children.slice(first, last);
    if (first < last || node.type === 'link') push(result, node);
    for (const child of children.slice(last)) push(result, child);
  }
  return result;
}

/**
 * Appends `node` to a list already normalized, joining it with the last node
 * where Markdown cannot tell them apart. Both are normalized, so only where
 * they meet can anything join: adjacent runs of the same kind are joined by
 * pushing the children of the second one by one onto the first, which joins
 * them at that one place again (two lists of normalized children are
 * normalized everywhere else). So each child moves once, however many runs
 * join: a paragraph of n adjacent bold runs takes time in n, not n².
 */
function push(result: PhrasingContent[], node: PhrasingContent): void {
  const last = result[result.length - 1];
  if (last !== undefined && last.type === node.type && (node.type === 'strong' || node.type === 'emphasis')) {
    const children = (last as Attention).children;
    for (const child of (node as Attention).children) push(children, child);
    return;
  }
  // Adjacent texts join; so do adjacent code spans (`` `a``b` `` would read as one span holding a backtick pair).
  if (last !== undefined && ((last.type === 'text' && node.type === 'text') || (last.type === 'inlineCode' && node.type === 'inlineCode'))) {
    last.value += node.value;
    return;
  }
  result.push(node);
}

function paragraph(inlines: readonly Inline[]): MdastParagraph {
  return { type: 'paragraph', children: markdownPhrasing(inlines) };
}

function markdownPhrasing(inlines: readonly Inline[]): PhrasingContent[] {
  // Markdown cannot nest links: a link inside a link is cut out of it (links.ts).
  return normalizeAttention(liftNestedLinks(phrasing(inlines), isMdastLink), false, false);
}

// --- blocks -------------------------------------------------------------------

type BlockHandler<T extends Block> = (block: T) => RootContent[];

/** A caption (and an image's credit, as emphasis) as a paragraph of its own. */
function captionParagraph(caption: string | null, credit: string | null): RootContent[] {
  const children: PhrasingContent[] = [];
  if (caption !== null) children.push({ type: 'text', value: credit === null ? caption : `${caption} ` });
  if (credit !== null) children.push({ type: 'emphasis', children: [{ type: 'text', value: credit }] });
  return children.length === 0 ? [] : [{ type: 'paragraph', children }];
}

function linksParagraph(block: Parameters<typeof linksOf>[0]): RootContent[] {
  const children: PhrasingContent[] = [];
  for (const link of linksOf(block)) {
    if (children.length > 0) children.push({ type: 'text', value: LINK_SEPARATOR });
    children.push(
      link.image
        ? { type: 'image', url: markdownUrl(link.url), alt: link.label, title: null }
        : { type: 'link', url: markdownUrl(link.url), title: null, children: [{ type: 'text', value: link.label }] },
    );
  }
  return children.length === 0 ? [] : [{ type: 'paragraph', children }];
}

const blockHandlers: { [K in Block['type']]: BlockHandler<Extract<Block, { type: K }>> } = {
  paragraph: (block) => [paragraph(block.inlines)],
  heading: (block): MdastHeading[] => [{ type: 'heading', depth: block.level, children: markdownPhrasing(block.inlines) }],
  quote: (block): Blockquote[] => [{ type: 'blockquote', children: block.blocks.map((entry) => paragraph(entry.inlines)) }],
  list: (block): MdastList[] => [
    {
      type: 'list',
      ordered: block.ordered,
      // CommonMark reads at most nine digits as a list item's number, and items are numbered from the start:
      // a start that would number the last item past nine digits is lowered until it does not.
      start: block.ordered ? Math.max(0, Math.min(block.start ?? 1, MAX_MARKDOWN_START - (block.items.length - 1))) : null,
      spread: false,
      children: block.items.map((item) => ({ type: 'listItem', spread: false, children: [paragraph(item.inlines)] })),
    },
  ],
  code: (block): MdastCode[] => [{ type: 'code', lang: block.language, meta: null, value: block.text }],
  image: (block) => {
    const image: PhrasingContent = { type: 'image', url: markdownUrl(block.src), alt: oneLine(block.alt), title: markdownTitle(block.title) };
    const content: PhrasingContent = block.link === null ? image : { type: 'link', url: markdownUrl(block.link), title: null, children: [image] };
    return [{ type: 'paragraph', children: [content] }, ...captionParagraph(block.caption, block.credit)];
  },
  video: (block) => [...linksParagraph(block), ...captionParagraph(block.caption, null)],
  audio: (block) => [...linksParagraph(block), ...captionParagraph(block.caption, null)],
  embed: (block) => [...linksParagraph(block), ...captionParagraph(block.caption, null)],
};
