// The floor: the least that any parser returning this contract's Article has to spend, measured by
// building a copy of an Article that `parseSeed` made, with none of the parsing rules applied. Every
// object and array is new and of the Article's final shape; a string is either copied once (an own
// string, as the Article holds: a view would keep the input alive) or taken as it is (which no
// parser gets for free, so that variant is a looser bound still).
//
// Text that a parser could join from other strings when it is first read (`Article.text`, a quote's
// or a list's text, the text of a block made of several inlines) is not made again: the copy takes the original
// string (for the time floor), or leaves it empty (for the memory floor). The front matter is taken
// as it is. So it is a lower bound: it counts only the objects, arrays and leaf strings of the
// header and body that the contract asks for, and none of the work of finding them.
import { Buffer } from 'node:buffer';

/** A new string equal to `text`, not a view of it (V8 cuts views from 13 characters on). */
export function ownString(text) {
  if (text.length < 2) return text;
  if (text.length < 13) return text.slice(0, 1) + text.slice(1);
  return [text.slice(0, 1), text.slice(1)].join('');
}

/** As {@link ownString}, one byte per character when every character fits in one. */
export function ownCompactString(text) {
  return /[^\0-\xff]/.test(text) ? ownString(text) : Buffer.from(text, 'latin1').toString('latin1');
}

const sameString = (text) => text;

/**
 * A copy of `article` made of new objects and arrays, its strings passed through `copy` (nullable
 * ones as they are when null). Text that could be joined from other strings is the original string,
 * or '' with `joined: false` (the copy is then no longer equal to the Article).
 */
export function copyArticle(article, copy = ownString, { joined = true } = {}) {
  const string = (value) => (value === null ? null : copy(value));
  const derived = (text) => (joined ? text : '');
  const inlines = (list) => {
    const result = new Array(list.length);
    for (let index = 0; index < list.length; index++) result[index] = inline(list[index]);
    return result;
  };
  const inline = (node) => {
    switch (node.type) {
      case 'text':
        return { type: 'text', value: copy(node.value) };
      case 'code':
        return { type: 'code', value: copy(node.value) };
      case 'break':
        return { type: 'break' };
      case 'link':
        return { type: 'link', href: copy(node.href), title: string(node.title), children: inlines(node.children) };
      default:
        return { type: node.type, children: inlines(node.children) };
    }
  };
  // One text inline: the block's text is that very string. Several: left to be joined when read.
  const textOf = (text, list) => (list.length === 1 && list[0].type === 'text' ? list[0].value : derived(text));
  const paragraph = (block) => {
    const list = inlines(block.inlines);
    return { type: 'paragraph', text: textOf(block.text, list), inlines: list };
  };
  const sources = (list) => list.map((source) => ({ src: copy(source.src), type: string(source.type) }));
  const block = (node) => {
    switch (node.type) {
      case 'paragraph':
        return paragraph(node);
      case 'heading': {
        const list = inlines(node.inlines);
        return { type: 'heading', level: node.level, text: textOf(node.text, list), inlines: list };
      }
      case 'quote':
        return { type: 'quote', text: derived(node.text), blocks: node.blocks.map(paragraph) };
      case 'list':
        return {
          type: 'list',
          ordered: node.ordered,
          start: node.start,
          text: derived(node.text),
          items: node.items.map((item) => {
            const list = inlines(item.inlines);
            return { text: textOf(item.text, list), inlines: list };
          }),
        };
      case 'code':
        return { type: 'code', text: copy(node.text), language: string(node.language) };
      case 'image':
        return {
          type: 'image', src: copy(node.src), alt: string(node.alt), title: string(node.title), width: node.width,
          height: node.height, caption: string(node.caption), credit: string(node.credit), link: string(node.link),
        };
      case 'video':
        return { type: 'video', src: string(node.src), sources: sources(node.sources), poster: string(node.poster), caption: string(node.caption) };
      case 'audio':
        return { type: 'audio', src: string(node.src), sources: sources(node.sources), caption: string(node.caption) };
      default:
        return { type: 'embed', src: copy(node.src), provider: string(node.provider), caption: string(node.caption) };
    }
  };
  const { header, dateline, lead, stats } = article;
  const body = article.body.map(block);
  return {
    header: { timestamp: header.timestamp, published: copy(header.published), title: copy(header.title), url: copy(header.url), frontMatter: header.frontMatter },
    dateline: dateline === null ? null : { text: copy(dateline.text), iso: string(dateline.iso) },
    lead: lead === null ? null : paragraph(lead),
    body,
    media: body.filter((node) => node.type === 'image' || node.type === 'video' || node.type === 'audio' || node.type === 'embed'),
    links: article.links.map((link) => ({ href: copy(link.href), text: copy(link.text) })),
    text: derived(article.text),
    stats: { paragraphs: stats.paragraphs, media: stats.media, characters: stats.characters, words: stats.words },
    diagnostics: article.diagnostics.map((entry) => ({ ...entry, message: copy(entry.message) })),
  };
}

export const stringCopies = { own: ownString, compact: ownCompactString, same: sameString };
