import { parseDocument } from 'htmlparser2';
import { expect } from 'vitest';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { findAll } from 'domutils';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes as MdastNodes, PhrasingContent, Root as MdastRoot } from 'mdast';
import type { Article, Block, Inline } from '../src/index.js';
import { mediaLinks, toHtml, toMarkdown, type ToHtmlOptions, type ToMarkdownOptions } from '../src/render/index.js';

/**
 * What a reader of the rendered Article must find again, computed from the
 * Article alone (not from the renderers): each top-level unit with its text,
 * and every URL in order.
 */
export type Unit =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'quote'; texts: string[] }
  | { kind: 'list'; ordered: boolean; start: number | null; items: string[] }
  | { kind: 'code'; text: string; language: string | null };

/** A code span's line breaks are breaks between spans. */
function inlineText(inlines: readonly Inline[]): string {
  let text = '';
  for (const inline of inlines) {
    if (inline.type === 'text' || inline.type === 'code') text += inline.value;
    else if (inline.type === 'break') text += '\n';
    else text += inlineText(inline.children);
  }
  return text;
}

function captionUnit(caption: string | null, credit: string | null): Unit[] {
  const text = [caption, credit].filter((part) => part !== null).join(' ');
  return text === '' ? [] : [{ kind: 'paragraph', text }];
}

/**
 * Units in Markdown: a heading of level 3 to 6 is one line (ATX), so a break
 * in one reads as a space; levels 1 and 2 with a break are written as setext
 * headings, which keep it.
 */
export function expectedUnits(article: Article, target: 'markdown' | 'html' | 'html-elements'): Unit[] {
  const units: Unit[] = [{ kind: 'heading', text: article.header.title }];
  if (article.dateline !== null) units.push({ kind: 'paragraph', text: article.dateline.text });
  if (article.lead !== null) units.push({ kind: 'paragraph', text: article.lead.text });
  for (const block of article.body) units.push(...blockUnits(block, target));
  return units;
}

function blockUnits(block: Block, target: 'markdown' | 'html' | 'html-elements'): Unit[] {
  switch (block.type) {
    case 'paragraph':
      return [{ kind: 'paragraph', text: block.text }];
    case 'heading':
      return [{ kind: 'heading', text: target === 'markdown' && block.level > 2 ? block.text.replaceAll('\n', ' ') : block.text }];
    case 'quote':
      return [{ kind: 'quote', texts: block.blocks.map((paragraph) => paragraph.text) }];
    case 'list': {
      // Markdown numbers items from the start, and reads at most nine digits: the last item is at most 999999999 (README).
      const start = !block.ordered ? null : target === 'markdown' ? Math.min(block.start ?? 1, 999_999_999 - (block.items.length - 1)) : block.start;
      return [{ kind: 'list', ordered: block.ordered, start, items: block.items.map((item) => item.text) }];
    }
    case 'code':
      return [{ kind: 'code', text: block.text, language: block.language }];
    case 'image':
      return [...(target === 'markdown' ? [{ kind: 'paragraph' as const, text: '' }] : []), ...captionUnit(block.caption, block.credit)];
    default: {
      const links = target === 'html-elements' ? [] : mediaLinks(block);
      // A link shown as an image (a data: poster) has no text: its label is the image's alt.
      const line: Unit[] = links.length === 0 ? [] : [{ kind: 'paragraph', text: links.map((link) => (link.image ? '' : link.label)).join(' · ') }];
      return [...line, ...captionUnit(block.caption, null)];
    }
  }
}

/** Every URL of the Article in the order the renderers write them. */
export function expectedUrls(article: Article): string[] {
  const urls = [article.header.url];
  // Each piece of text belongs to the innermost link around it: a link's URL is written again after a
  // link inside it (Markdown and HTML cannot nest links; the renderers cut the outer one around it).
  const fromInlines = (inlines: readonly Inline[]) => {
    let current: Inline | null = null;
    const walk = (nodes: readonly Inline[], link: Extract<Inline, { type: 'link' }> | null) => {
      for (const inline of nodes) {
        if ('children' in inline) {
          walk(inline.children, inline.type === 'link' ? inline : link);
        } else {
          if (link !== null && link !== current) urls.push(link.href);
          current = link;
        }
      }
    };
    walk(inlines, null);
  };
  if (article.lead !== null) fromInlines(article.lead.inlines);
  for (const block of article.body) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        fromInlines(block.inlines);
        break;
      case 'quote':
        for (const paragraph of block.blocks) fromInlines(paragraph.inlines);
        break;
      case 'list':
        for (const item of block.items) fromInlines(item.inlines);
        break;
      case 'code':
        break;
      case 'image':
        if (block.link !== null) urls.push(block.link);
        urls.push(block.src);
        break;
      default:
        urls.push(...mediaLinks(block).map((link) => link.url));
    }
  }
  return urls;
}

/** As the Markdown renderer writes a URL: tabs and line breaks removed, a leading `<` as `%3C`. */
export function markdownUrl(url: string): string {
  const cleaned = url.replace(/[\t\n\r]/g, '');
  return cleaned.startsWith('<') ? `%3C${cleaned.slice(1)}` : cleaned;
}

// --- Markdown read back ---------------------------------------------------------

function mdText(node: MdastNodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    default:
      return 'children' in node ? (node.children as MdastNodes[]).map(mdText).join('') : '';
  }
}

/** The top-level units of Markdown read back; the empty comment `<!---->` that keeps two blocks apart (README: `fences`) is none. */
export function markdownUnits(tree: MdastRoot): Unit[] {
  const nodes = tree.children.filter((node) => !(node.type === 'html' && node.value === '<!---->'));
  return nodes.map((node): Unit => {
    switch (node.type) {
      case 'heading':
        return { kind: 'heading', text: mdText(node) };
      case 'paragraph':
        return { kind: 'paragraph', text: mdText(node) };
      case 'blockquote':
        return { kind: 'quote', texts: node.children.map(mdText) };
      case 'list':
        return { kind: 'list', ordered: node.ordered === true, start: node.ordered === true ? (node.start ?? null) : null, items: node.children.map(mdText) };
      case 'code':
        return { kind: 'code', text: node.value, language: node.lang ?? null };
      default:
        throw new Error(`unexpected ${node.type} at the top level`);
    }
  });
}

export function markdownUrls(tree: MdastRoot): string[] {
  const urls: string[] = [];
  const visit = (node: MdastNodes) => {
    if (node.type === 'link' || node.type === 'image') urls.push(node.url);
    if ('children' in node) for (const child of node.children as MdastNodes[]) visit(child);
  };
  visit(tree);
  return urls;
}

export function readMarkdown(markdown: string): MdastRoot {
  return fromMarkdown(markdown);
}

/** Phrasing with adjacent text joined: the shape of bold, italic, code and links. */
export function phrasingShape(nodes: readonly PhrasingContent[]): unknown[] {
  const shape: unknown[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const last = shape[shape.length - 1];
      if (typeof last === 'string') shape[shape.length - 1] = last + node.value;
      else shape.push(node.value);
    } else if ('children' in node) {
      shape.push({ [node.type]: phrasingShape(node.children as PhrasingContent[]) });
    } else if (node.type === 'inlineCode') {
      shape.push({ inlineCode: node.value });
    } else {
      shape.push(node.type);
    }
  }
  return shape;
}

// --- HTML read back -------------------------------------------------------------

export function htmlText(nodes: readonly ChildNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (isText(node)) text += node.data;
    else if (isTag(node)) text += node.name === 'br' ? '\n' : htmlText(node.children);
  }
  return text;
}

export function elements(nodes: readonly ChildNode[]): Element[] {
  return nodes.filter((node): node is Element => isTag(node));
}

/** Every element below the nodes, in document order. */
export function allElements(nodes: readonly ChildNode[]): Element[] {
  return findAll(() => true, nodes as ChildNode[]);
}

/** Units of an `<article>`: its header's title, dateline and lead, then each block element. */
export function htmlUnits(article: Element): Unit[] {
  const [header, ...blocks] = elements(article.children);
  const units: Unit[] = [];
  for (const element of elements((header as Element).children)) units.push(htmlUnit(element));
  for (const element of blocks) {
    if (element.name === 'figure') {
      for (const child of elements(element.children)) {
        if (child.name === 'p' || child.name === 'figcaption') units.push({ kind: 'paragraph', text: htmlText(child.children) });
      }
    } else {
      units.push(htmlUnit(element));
    }
  }
  return units;
}

function htmlUnit(element: Element): Unit {
  switch (element.name) {
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
      return { kind: 'heading', text: htmlText(element.children) };
    case 'p':
      return { kind: 'paragraph', text: htmlText(element.children) };
    case 'blockquote':
      return { kind: 'quote', texts: elements(element.children).map((child) => htmlText(child.children)) };
    case 'ol':
    case 'ul':
      return {
        kind: 'list',
        ordered: element.name === 'ol',
        start: element.attribs.start === undefined ? null : Number(element.attribs.start),
        items: elements(element.children).map((child) => htmlText(child.children)),
      };
    case 'pre': {
      const code = elements(element.children)[0] as Element;
      const language = /^language-(.*)$/.exec(code.attribs.class ?? '');
      return { kind: 'code', text: htmlText(code.children), language: language === null ? null : (language[1] as string) };
    }
    default:
      throw new Error(`unexpected <${element.name}> in the article`);
  }
}

export function parseHtml(html: string) {
  return parseDocument(html);
}

// --- the read-back assertions ---------------------------------------------------

/** Markdown read back by mdast-util-from-markdown gives the same units and URLs. */
export function expectMarkdownReadBack(value: Article, options?: ToMarkdownOptions): MdastRoot {
  const markdown = toMarkdown(value, options);
  const tree = readMarkdown(markdown);
  expect(markdownUnits(tree), markdown).toEqual(expectedUnits(value, 'markdown'));
  expect(markdownUrls(tree), markdown).toEqual(expectedUrls(value).map(markdownUrl));
  return tree;
}

/** HTML parsed by htmlparser2: the structure, no script, style or event attribute, only the Article's URLs, the same text. */
export function expectHtml(value: Article, options: ToHtmlOptions = {}): Element {
  const html = toHtml(value, options);
  const document = parseHtml(html);
  const all = allElements(document.children);
  for (const element of all) {
    expect(['script', 'style'], html).not.toContain(element.name);
    for (const name of Object.keys(element.attribs)) {
      expect(name.startsWith('on') || name === 'style', `${name} in ${html}`).toBe(false);
    }
  }
  const urls = all.flatMap((element) => ['href', 'src', 'poster'].flatMap((name) => (element.attribs[name] === undefined ? [] : [element.attribs[name] as string])));
  const allowed = new Set(expectedUrls(value));
  for (const url of urls) expect(allowed.has(url), `${url} is not a URL of the Article`).toBe(true);
  if (options.media !== 'elements') expect(urls).toEqual(expectedUrls(value));
  const articles = all.filter((element) => element.name === 'article');
  expect(articles).toHaveLength(1);
  const main = articles[0] as Element;
  expect(htmlUnits(main)).toEqual(expectedUnits(value, options.media === 'elements' ? 'html-elements' : 'html'));
  return main;
}

