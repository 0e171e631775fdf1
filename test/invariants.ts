import type { Article, Block, Inline, Link, Media } from '../src/index.js';

/**
 * Checks that an Article is well formed, throwing an Error that names the first broken rule.
 * Usable from tests and from the fuzzer alike.
 */
export function assertWellFormed(article: Article, input?: string): void {
  const fail = (message: string): never => {
    throw new Error(`Article not well formed: ${message}`);
  };
  const isString = (value: unknown): value is string => typeof value === 'string';
  const isNullableString = (value: unknown) => value === null || isString(value);
  const isWholeNumber = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  const checkKeys = (value: object, keys: string[], where: string) => {
    const actual = Object.keys(value).sort();
    if (actual.join() !== [...keys].sort().join()) fail(`${where} has keys ${actual.join()} instead of ${keys.join()}`);
    for (const key of keys) if ((value as Record<string, unknown>)[key] === undefined) fail(`${where}.${key} is undefined`);
  };

  checkKeys(article, ['header', 'dateline', 'lead', 'body', 'media', 'links', 'text', 'stats', 'diagnostics'], 'article');
  const { header } = article;
  checkKeys(header, ['timestamp', 'published', 'title', 'url', 'frontMatter'], 'header');
  if (!isWholeNumber(header.timestamp)) fail('header.timestamp');
  if (header.published !== new Date(header.timestamp).toISOString()) fail('header.published');
  if (!isString(header.title) || header.title === '' || !isString(header.url) || header.url === '') fail('header title/url');
  if (header.frontMatter !== null && (typeof header.frontMatter !== 'object' || Array.isArray(header.frontMatter))) fail('frontMatter');

  if (article.dateline !== null) {
    checkKeys(article.dateline, ['text', 'iso'], 'dateline');
    if (!isString(article.dateline.text) || !isNullableString(article.dateline.iso)) fail('dateline types');
  }

  const links: Link[] = [];
  const texts: string[] = [];
  const collectLinks = (inlines: Inline[], where: string): string => {
    let text = '';
    for (const inline of inlines) {
      switch (inline.type) {
        case 'text':
          checkKeys(inline, ['type', 'value'], where);
          if (!isString(inline.value) || inline.value === '') fail(`${where}: empty text inline`);
          text += inline.value;
          break;
        case 'code':
          checkKeys(inline, ['type', 'value'], where);
          text += inline.value;
          break;
        case 'break':
          checkKeys(inline, ['type'], where);
          text += '\n';
          break;
        case 'link':
          checkKeys(inline, ['type', 'href', 'title', 'children'], where);
          if (!isString(inline.href) || !isNullableString(inline.title)) fail(`${where}: link types`);
          links.push({ href: inline.href, text: '' });
          {
            const index = links.length - 1;
            const inner = collectLinks(inline.children, where);
            (links[index] as Link).text = inner.replace(/[ \t\n\r\f\u00a0]+/g, ' ').replace(/^[ \u3000]+|[ \u3000]+$/g, '');
            text += inner;
          }
          break;
        case 'strong':
        case 'emphasis':
          checkKeys(inline, ['type', 'children'], where);
          if (inline.children.length === 0) fail(`${where}: empty ${inline.type}`);
          text += collectLinks(inline.children, where);
          break;
        default:
          fail(`${where}: unknown inline ${(inline as { type: string }).type}`);
      }
    }
    return text;
  };
  const checkTextBlock = (text: string, inlines: Inline[], where: string) => {
    if (!isString(text) || text === '') fail(`${where}: empty text`);
    if (/^[ \t\n\r\f\u00a0\u3000]|[ \t\n\r\f\u00a0\u3000]$/.test(text)) fail(`${where}: text not trimmed`);
    if (/[ \t\r\f\u00a0]{2}|[\t\r\f\u00a0]/.test(text)) fail(`${where}: white space not collapsed in ${JSON.stringify(text)}`);
    if (/\0/.test(text) || !text.isWellFormed()) fail(`${where}: NUL or lone surrogate in text`);
    if (collectLinks(inlines, where) !== text) fail(`${where}: text is not the text of its inlines`);
  };
  const checkParagraph = (block: Block, where: string) => {
    if (block.type !== 'paragraph') fail(`${where}: not a paragraph`);
    checkKeys(block, ['type', 'text', 'inlines'], where);
    checkTextBlock((block as { text: string }).text, (block as { inlines: Inline[] }).inlines, where);
  };

  if (article.lead !== null) {
    checkParagraph(article.lead, 'lead');
    texts.push(article.lead.text);
  }
  // Rule 10: the lead's links stand where the lead stood: among the links of the media blocks that
  // open the body (a linked image placed after the lead comes after its links), before the rest.
  const leadLinks = links.splice(0);
  let leadingMedia = true;
  let leadingLinks = 0;
  const media: Media[] = [];
  let paragraphs = article.lead === null ? 0 : 1;
  article.body.forEach((block, index) => {
    const where = `body[${index}]`;
    if (leadingMedia && block.type !== 'image' && block.type !== 'video' && block.type !== 'audio' && block.type !== 'embed') {
      leadingMedia = false;
      leadingLinks = links.length;
    }
    switch (block.type) {
      case 'paragraph':
        checkParagraph(block, where);
        paragraphs++;
        texts.push(block.text);
        break;
      case 'heading':
        checkKeys(block, ['type', 'level', 'text', 'inlines'], where);
        if (![1, 2, 3, 4, 5, 6].includes(block.level)) fail(`${where}: level`);
        checkTextBlock(block.text, block.inlines, where);
        texts.push(block.text);
        break;
      case 'quote':
        checkKeys(block, ['type', 'text', 'blocks'], where);
        if (block.blocks.length === 0) fail(`${where}: empty quote`);
        block.blocks.forEach((paragraph, inner) => checkParagraph(paragraph, `${where}.blocks[${inner}]`));
        if (block.text !== block.blocks.map((paragraph) => paragraph.text).join('\n\n')) fail(`${where}: quote text`);
        texts.push(block.text);
        break;
      case 'list':
        checkKeys(block, ['type', 'ordered', 'start', 'text', 'items'], where);
        if (typeof block.ordered !== 'boolean' || block.items.length === 0) fail(`${where}: list`);
        block.items.forEach((item, inner) => {
          checkKeys(item, ['text', 'inlines'], `${where}.items[${inner}]`);
          checkTextBlock(item.text, item.inlines, `${where}.items[${inner}]`);
        });
        if (block.text !== block.items.map((item) => item.text).join('\n')) fail(`${where}: list text`);
        if (block.start !== null && (!block.ordered || !isWholeNumber(block.start))) fail(`${where}: list start`);
        texts.push(block.text);
        break;
      case 'code':
        checkKeys(block, ['type', 'text', 'language'], where);
        if (!isString(block.text) || block.text === '' || /[ \t\n\r\f\u00a0\u3000]$/.test(block.text)) fail(`${where}: code text`);
        if (/\0/.test(block.text) || !block.text.isWellFormed()) fail(`${where}: NUL or lone surrogate in code`);
        if (block.language !== null && (!isString(block.language) || block.language === '' || /\s/.test(block.language))) fail(`${where}: code language`);
        texts.push(block.text);
        break;
      case 'image':
        checkKeys(block, ['type', 'src', 'alt', 'title', 'width', 'height', 'caption', 'credit', 'link'], where);
        if (!isString(block.src) || block.src === '') fail(`${where}: src`);
        if (!isNullableString(block.alt) || !isNullableString(block.title) || !isNullableString(block.caption) || !isNullableString(block.credit)) {
          fail(`${where}: image strings`);
        }
        if ((block.width !== null && !isWholeNumber(block.width)) || (block.height !== null && !isWholeNumber(block.height))) fail(`${where}: size`);
        if (block.width !== null && block.height !== null && block.width <= 1 && block.height <= 1) fail(`${where}: tracking pixel kept`);
        if (!isNullableString(block.link) || block.link === '') fail(`${where}: link`);
        // A link's text is one line (rule 10): the alt with its white space collapsed and trimmed.
        if (block.link !== null) links.push({ href: block.link, text: (block.alt ?? '').replace(/[ \t\n\f\r\u00a0]+/g, ' ').replace(/^[ \u3000]+|[ \u3000]+$/g, '') });
        media.push(block);
        break;
      case 'video':
      case 'audio':
        checkKeys(block, block.type === 'video' ? ['type', 'src', 'sources', 'poster', 'caption'] : ['type', 'src', 'sources', 'caption'], where);
        if (!isNullableString(block.src) || !isNullableString(block.caption)) fail(`${where}: player strings`);
        for (const source of block.sources) {
          checkKeys(source, ['src', 'type'], `${where}.sources`);
          if (!isString(source.src) || !isNullableString(source.type)) fail(`${where}: source`);
        }
        media.push(block);
        break;
      case 'embed':
        checkKeys(block, ['type', 'src', 'provider', 'caption'], where);
        if (!isString(block.src) || !isNullableString(block.provider) || !isNullableString(block.caption)) fail(`${where}: embed`);
        media.push(block);
        break;
      default:
        fail(`${where}: unknown block type ${(block as { type: string }).type}`);
    }
  });

  if (leadingMedia) leadingLinks = links.length;
  const at =
    leadLinks.length === 0 || leadingLinks === 0
      ? 0
      : Array.from({ length: leadingLinks + 1 }, (_, index) => index).find((index) =>
          JSON.stringify(article.links) === JSON.stringify([...links.slice(0, index), ...leadLinks, ...links.slice(index)]),
        );
  if (at === undefined) links.splice(leadingLinks, 0, ...leadLinks);
  else links.splice(at, 0, ...leadLinks);
  if (article.media.length !== media.length || article.media.some((block, index) => block !== media[index])) fail('media is not the media blocks of body');
  if (JSON.stringify(article.links) !== JSON.stringify(links)) fail(`links are not the links of lead and body: ${JSON.stringify(article.links)} vs ${JSON.stringify(links)}`);
  if (article.text !== texts.join('\n\n')) fail('text is not the text blocks joined');
  checkKeys(article.stats, ['paragraphs', 'media', 'characters', 'words'], 'stats');
  if (article.stats.paragraphs !== paragraphs) fail('stats.paragraphs');
  if (article.stats.media !== media.length) fail('stats.media');
  if (article.stats.characters !== [...article.text].length) fail('stats.characters');
  if (!isWholeNumber(article.stats.words) || article.stats.words > article.stats.characters) fail('stats.words');
  for (const key of ['paragraphs', 'media', 'characters', 'words']) {
    if (!('value' in (Object.getOwnPropertyDescriptor(article.stats, key) ?? {}))) fail(`stats.${key} is not a plain data property`);
  }

  const length = input?.replace(/^\ufeff/, '').length;
  for (const diagnostic of article.diagnostics) {
    checkKeys(diagnostic, ['code', 'message', 'severity', 'offset', 'line', 'column'], 'diagnostic');
    if (!isString(diagnostic.code) || (diagnostic.code as string) === '' || !isString(diagnostic.message) || diagnostic.message === '') fail('diagnostic text');
    if (diagnostic.severity !== 'warning' && diagnostic.severity !== 'info') fail('diagnostic severity');
    if (!isWholeNumber(diagnostic.offset) || diagnostic.line < 1 || diagnostic.column < 1) fail('diagnostic position');
    if (length !== undefined) {
      if (diagnostic.offset > length) fail(`diagnostic offset ${diagnostic.offset} beyond the input (${length})`);
      const before = input!.replace(/^\ufeff/, '').slice(0, diagnostic.offset);
      const line = before.split('\n').length;
      const column = diagnostic.offset - (before.lastIndexOf('\n') + 1) + 1;
      if (diagnostic.line !== line || diagnostic.column !== column) {
        fail(`diagnostic ${diagnostic.code} at ${diagnostic.line}:${diagnostic.column}, offset ${diagnostic.offset} is ${line}:${column}`);
      }
    }
  }
  if (JSON.stringify(JSON.parse(JSON.stringify(article))) !== JSON.stringify(article)) fail('not plain data');
}

const UNSAFE_SCHEMES = new Set(['javascript:', 'vbscript:', 'data:']);

/** Every URL in the Article, with what it is used for. */
export function urlsOf(article: Article): { url: string; use: 'link' | 'image' | 'poster' | 'other' }[] {
  const urls: { url: string; use: 'link' | 'image' | 'poster' | 'other' }[] = article.links.map((link) => ({ url: link.href, use: 'link' as const }));
  const visit = (inlines: Inline[]) => {
    for (const inline of inlines) {
      if (inline.type === 'link') urls.push({ url: inline.href, use: 'link' });
      if ('children' in inline) visit(inline.children);
    }
  };
  for (const block of [article.lead, ...article.body]) {
    if (block === null) continue;
    if ('inlines' in block) visit(block.inlines);
    if (block.type === 'quote') for (const paragraph of block.blocks) visit(paragraph.inlines);
    if (block.type === 'list') for (const item of block.items) visit(item.inlines);
    if (block.type === 'image') {
      urls.push({ url: block.src, use: 'image' });
      if (block.link !== null) urls.push({ url: block.link, use: 'link' });
    }
    if (block.type === 'embed') urls.push({ url: block.src, use: 'other' });
    if (block.type === 'video' || block.type === 'audio') {
      if (block.src !== null) urls.push({ url: block.src, use: 'other' });
      for (const source of block.sources) urls.push({ url: source.src, use: 'other' });
      if (block.type === 'video' && block.poster !== null) urls.push({ url: block.poster, use: 'poster' });
    }
  }
  return urls;
}

/** Throws when a URL of the Article would run script or load a document: the scheme a browser's URL parser finds decides. */
export function assertNoUnsafeUrl(article: Article): void {
  for (const { url, use } of urlsOf(article)) {
    let protocol: string;
    try {
      protocol = new URL(url, 'https://base.example/').protocol;
    } catch {
      continue; // not a URL a browser would follow
    }
    if (!UNSAFE_SCHEMES.has(protocol)) continue;
    const imageData = protocol === 'data:' && (use === 'image' || use === 'poster') && /^data:\s*image\//i.test(url.replace(/[\t\n\r]/g, '').trim());
    if (!imageData) throw new Error(`unsafe URL survived as ${use}: ${JSON.stringify(url)}`);
  }
}

/** Every string of a value (keys included). */
export function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsOf(item, out);
    }
  }
  return out;
}
