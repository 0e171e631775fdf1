import { decodeHTML } from 'entities';
import { parseDocument } from 'htmlparser2';
import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { parseSeed, type Article } from '../src/index.js';
import { corpusFiles } from './helpers.js';

const files = corpusFiles();

const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'title', 'input', 'select', 'textarea', 'button']);
const MEDIA = new Set(['img', 'video', 'audio', 'iframe']);
const WHITE_SPACE = /[ \t\n\r\f\u00a0]+/g;
/** Rule 11 read directly: each Han, Hiragana or Katakana character is a word; so is each run of word characters, joined across one middle character. */
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/gu;
const WORD_RUN =
  /[\p{L}\p{M}\p{Nd}\p{Pc}]+(?:(?:(?<=[\p{L}\p{M}])['‘’.:·](?=[\p{L}\p{M}])|(?<=\p{Nd})['‘’.,;](?=\p{Nd}))[\p{L}\p{M}\p{Nd}\p{Pc}]+)*/gu;
function ruleWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  return cjk + (text.replace(CJK, ' ').match(WORD_RUN)?.length ?? 0);
}

function isDropped(element: Element): boolean {
  return DROPPED.has(element.name) || Object.keys(element.attribs).some((name) => name.startsWith('data-selfpromo'));
}

/** The body as htmlparser2 sees it: visible text (without rule-6 elements and media content) and image sources. */
function readBody(html: string): { text: string; images: string[] } {
  let text = '';
  const images: string[] = [];
  const visit = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (isText(node)) text += node.data;
      if (!isTag(node) || isDropped(node)) continue;
      if (node.name === 'img') {
        const { src, width, height } = node.attribs;
        const pixel = (value: string | undefined) => value !== undefined && /^\s*(\d+(\.\d*)?|\.\d+)(px)?\s*$/i.test(value) && parseFloat(value) <= 1;
        const lazy = ['data-src', 'data-original', 'data-lazy-src'].map((name) => node.attribs[name]?.trim()).find((value) => value);
        const source = src !== undefined && src.trim() !== '' && !/^\s*data:/i.test(src) ? src.trim() : (lazy ?? src?.trim());
        if (source !== undefined && !(pixel(width) && pixel(height))) images.push(source);
      }
      if (!MEDIA.has(node.name)) visit(node.children);
    }
  };
  visit(parseDocument(html).children);
  return { text, images };
}

/** Everything the Article says in words. */
function articleWords(article: Article): string {
  const parts: string[] = [];
  if (article.dateline) parts.push(article.dateline.text);
  if (article.lead) parts.push(article.lead.text);
  for (const block of article.body) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
      case 'quote':
        parts.push(block.text);
        break;
      case 'list':
        parts.push(...block.items.map((item) => item.text));
        break;
      case 'image':
        parts.push(block.caption ?? '', block.credit ?? '');
        break;
      case 'code':
        parts.push(block.text);
        break;
      default:
        parts.push(block.caption ?? '');
    }
  }
  return parts.join('');
}

describe('the real corpus', () => {
  it('is present', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [file.name, file.text] as const))('%s', (_name, text) => {
    const article = parseSeed(text);
    const lines = text.split('\n');
    const stamp = lines.findIndex((line) => line.startsWith('<!--'));
    const link = /^\[(.*)\]\((.*)\)$/.exec(lines[stamp + 1] as string);

    // Header fields equal what the header lines say.
    expect(article.header.timestamp).toBe(Number(/^<!--(\d+)-->$/.exec(lines[stamp] as string)?.[1]));
    expect(article.header.published).toBe(new Date(article.header.timestamp).toISOString());
    expect(article.header.url).toBe(link?.[2]);
    expect(article.header.title).toBe(decodeHTML((link?.[1] ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1')).replace(WHITE_SPACE, ' ').trim());
    expect(article.header.frontMatter).toMatchObject({ layout: 'post', author: 'Solidot' });

    const body = lines.slice(stamp + 3).join('\n');
    const seen = readBody(body);
    // Every image of the body is an image of the Article.
    expect(article.media.filter((media) => media.type === 'image').map((media) => media.src)).toEqual(seen.images);
    // No text is lost or invented.
    expect(articleWords(article).replace(WHITE_SPACE, '')).toBe(seen.text.replace(WHITE_SPACE, ''));

    // The Article is consistent with itself.
    expect(article.media).toEqual(article.body.filter((block) => ['image', 'video', 'audio', 'embed'].includes(block.type)));
    expect(article.stats.characters).toBe([...article.text].length);
    expect(article.stats.words).toBe(ruleWords(article.text));
    expect(article.stats.media).toBe(article.media.length);
    expect(article.stats.paragraphs).toBe(article.body.filter((block) => block.type === 'paragraph').length + (article.lead ? 1 : 0));
    expect(JSON.parse(JSON.stringify(article))).toEqual(article);
  });
});

const ALL_WHITE_SPACE = /[\s\u00a0\u3000]+/g;

describe('the real corpus, cut short at every character of the body (as an archive cuts a file)', () => {
  /** The text a browser (parse5, through cheerio) reads from a body, white space aside. */
  const visible = (body: string): string => {
    const $ = load(body, null, false);
    $('script, style, noscript, template, title').remove();
    return $.root().text().replace(ALL_WHITE_SPACE, '');
  };
  it.each(files.map((file) => [file.name, file.text] as const))('%s: the text of every prefix is the text parse5 reads in it, no markup read as text', (_name, text) => {
    const start = text.indexOf('\n------\n') + '\n------\n'.length;
    for (let cut = start; cut <= text.length; cut++) {
      const article = parseSeed(text.slice(0, cut));
      const ours = `${article.dateline?.text ?? ''}${article.text}`.replace(ALL_WHITE_SPACE, '');
      if (ours !== visible(text.slice(start, cut))) expect(ours, `cut at ${cut}: …${JSON.stringify(text.slice(cut - 20, cut))}`).toBe(visible(text.slice(start, cut)));
    }
  });
});
