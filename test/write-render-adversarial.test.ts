import fc from 'fast-check';
import type { Nodes as MdastNodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { formatSeed, parseSeed, type Article, type Block, type Inline, type InlineInput, type BlockInput } from '../src/index.js';
import { toHast, toHtml, toMarkdown, toMdast, type ToMarkdownOptions } from '../src/render/index.js';
import { checkOptions } from './chunks.js';
import { readMarkdown } from './render-helpers.js';

/** An Article built by hand around `body` (the renderers take any Article in shape). */
function handBuilt(body: unknown): Article {
  return {
    header: { timestamp: 0, published: '1970-01-01T00:00:00.000Z', title: 'T', url: 'https://e.example/', frontMatter: null },
    dateline: null,
    lead: null,
    body: body as Block[],
    media: [],
    links: [],
    text: '',
    stats: { paragraphs: 0, media: 0, characters: 0, words: 0 },
    diagnostics: [],
  };
}

const text = (value: string): Inline => ({ type: 'text', value });

/** An array whose `length` gives `length`, as only a proxy can. */
function lyingLength(length: unknown): unknown[] {
  return new Proxy([], { get: (target, key) => (key === 'length' ? length : Reflect.get(target, key)) });
}

/** A tree without the positions `mdast-util-from-markdown` adds. */
function withoutPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutPositions);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'position').map(([key, value]) => [key, withoutPositions(value)]));
}

describe('renderers: a link without content inside a link', () => {
  const inlines: Inline[] = [
    text('a '),
    {
      type: 'link',
      href: 'https://a.example/',
      title: null,
      children: [{ type: 'strong', children: [text('x'), { type: 'link', href: 'https://b.example/', title: null, children: [] }] }, text('y')],
    },
  ];
  const article = handBuilt([{ type: 'paragraph', text: 'a xy', inlines }]);

  it('toHtml cuts the outer link around it, as around one with content: no <a> inside an <a>', () => {
    expect(toHtml(article)).toBe(
      '<article>\n<header><h1><a href="https://e.example/">T</a></h1></header>\n' +
        '<p>a <a href="https://a.example/"><strong>x</strong></a><strong><a href="https://b.example/"></a></strong><a href="https://a.example/">y</a></p>\n</article>',
    );
  });

  it('toHast gives the same tree, the empty link under the bold it stood in', () => {
    const main = toHast(article).children[0] as { children: { type: string; tagName?: string; children?: unknown[] }[] };
    expect(main.children.find((node) => node.tagName === 'p')?.children).toEqual([
      { type: 'text', value: 'a ' },
      { type: 'element', tagName: 'a', properties: { href: 'https://a.example/' }, children: [{ type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: 'x' }] }] },
      { type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'element', tagName: 'a', properties: { href: 'https://b.example/' }, children: [] }] },
      { type: 'element', tagName: 'a', properties: { href: 'https://a.example/' }, children: [{ type: 'text', value: 'y' }] },
    ]);
  });

  it('toMarkdown writes no link inside a link, and reads back as toMdast gives it', () => {
    const markdown = toMarkdown(article);
    expect(markdown).toBe('# [T](https://e.example/)\n\na [**x**](https://a.example/)**[](https://b.example/)**[y](https://a.example/)\n');
    const read = withoutPositions(readMarkdown(markdown).children[1]) as { children: unknown[] };
    expect(read.children).toEqual((toMdast(article).children[1] as { children: unknown[] }).children);
  });
});

describe('an array whose length is no array length (a proxy), anywhere in the tree', () => {
  it.each([
    [1e12, '1000000000000'],
    [-1, '-1'],
    ['x', '"x"'],
    [1.5, '1.5'],
  ])('length %s in front matter: the same TypeError from the writer', (length, shown) => {
    const input = { header: { timestamp: 0, title: 'T', url: 'https://e.example/', frontMatter: { tags: lyingLength(length) } }, body: [] };
    expect(() => formatSeed(input as never)).toThrow(
      new TypeError(`formatSeed: header.frontMatter.tags.length must be the length of an array (a whole number from 0 to 4294967295), got ${shown}`),
    );
  });

  it.each([
    [1e12, '1000000000000'],
    [-1, '-1'],
    ['x', '"x"'],
    [1.5, '1.5'],
  ])('length %s: a TypeError naming it, from the writer and every renderer', (length, shown) => {
    const message = `body.length must be the length of an array (a whole number from 0 to 4294967295), got ${shown}`;
    expect(() => formatSeed(handBuilt(lyingLength(length)))).toThrow(new TypeError(`formatSeed: ${message}`));
    expect(() => toHtml(handBuilt(lyingLength(length)))).toThrow(new TypeError(`toHtml: ${message}`));
    expect(() => toHast(handBuilt(lyingLength(length)))).toThrow(new TypeError(`toHast: ${message}`));
    expect(() => toMarkdown(handBuilt(lyingLength(length)))).toThrow(new TypeError(`toMarkdown: ${message}`));
    expect(() => toMdast(handBuilt(lyingLength(length)))).toThrow(new TypeError(`toMdast: ${message}`));
  });

  it('the inlines of a paragraph: named where they are', () => {
    const article = handBuilt([{ type: 'paragraph', text: '', inlines: lyingLength('x') }]);
    expect(() => toHtml(article)).toThrow(new TypeError('toHtml: body[0].inlines.length must be the length of an array (a whole number from 0 to 4294967295), got "x"'));
  });

  it('a proxy that tells its length truly is read as the array it stands for', () => {
    const body = new Proxy([{ type: 'paragraph', text: 'Hi', inlines: [text('Hi')] }], {});
    expect(toHtml(handBuilt(body))).toBe('<article>\n<header><h1><a href="https://e.example/">T</a></h1></header>\n<p>Hi</p>\n</article>');
  });
});

describe('toMarkdown options: lists', () => {
  const article = handBuilt([{ type: 'paragraph', text: 'Hi', inlines: [text('Hi')] }]);

  it('a list of 2^32 - 1 holes is a TypeError at once, not a walk over every hole', () => {
    const holes: unknown[] = [];
    holes.length = 2 ** 32 - 1;
    expect(() => toMarkdown(article, { join: holes as never })).toThrow(new TypeError('toMarkdown: options.join must be an array of functions, got an array'));
    expect(() => toMarkdown(article, { extensions: holes as never })).toThrow(new TypeError('toMarkdown: options.extensions must be an array of objects (option sets), got an array'));
    expect(() => toMarkdown(article, { unsafe: [{ character: 'x', inConstruct: holes }] as never })).toThrow(
      new TypeError('toMarkdown: options.unsafe[0].inConstruct must be a string or an array of strings, got an array'),
    );
  });

  it('a list whose length is no array length (a proxy) is a TypeError naming it', () => {
    expect(() => toMarkdown(article, { extensions: lyingLength(1e12) as never })).toThrow(
      new TypeError('toMarkdown: options.extensions.length must be the length of an array (a whole number from 0 to 4294967295), got 1000000000000'),
    );
    expect(() => toMarkdown(article, { extensions: [{ unsafe: [{ character: 'x', inConstruct: lyingLength(-1) }] }] as never })).toThrow(
      new TypeError('toMarkdown: options.extensions[0].unsafe[0].inConstruct.length must be the length of an array (a whole number from 0 to 4294967295), got -1'),
    );
  });

  it('joins and unsafe patterns: at most 10000 in one list (mdast-util-to-markdown spreads a list into the arguments of one call)', () => {
    const joins = new Array<() => undefined>(10_000).fill(() => undefined);
    expect(toMarkdown(article, { join: joins })).toBe('# [T](https://e.example/)\n\nHi\n');
    expect(() => toMarkdown(article, { join: [...joins, () => undefined] })).toThrow(new TypeError('toMarkdown: options.join holds 10001 entries, more than the 10000 it may hold'));
    const patterns = new Array<object>(200_000).fill({ character: 'q' });
    expect(() => toMarkdown(article, { extensions: [{ unsafe: patterns }] })).toThrow(
      new TypeError('toMarkdown: options.extensions[0].unsafe holds 200000 entries, more than the 10000 it may hold'),
    );
  });

  it('joins and unsafe patterns: at most 10000 in all, a list counted in each place it is held (the library joins them into one)', () => {
    const patterns = new Array<object>(5_000).fill({ character: 'q' });
    expect(toMarkdown(article, { unsafe: patterns, extensions: [{ unsafe: patterns.slice(1) }] })).toBe('# [T](https://e.example/)\n\nHi\n');
    const shared = { unsafe: patterns };
    expect(() => toMarkdown(article, { extensions: new Array(1_000).fill(shared) })).toThrow(
      new TypeError('toMarkdown: options.extensions[2].unsafe makes more than 10000 unsafe patterns and joins in all, extensions counted in each place they are held'),
    );
    expect(() => toMarkdown(article, { join: new Array(6_000).fill(() => undefined), extensions: [{ unsafe: patterns }] })).toThrow(
      new TypeError('toMarkdown: options.extensions[0].unsafe makes more than 10000 unsafe patterns and joins in all, extensions counted in each place they are held'),
    );
  });

  it('unsafe patterns given add to those of the renderer', () => {
    const code = handBuilt([{ type: 'code', text: 'x', language: '~js' }]);
    expect(toMarkdown(code, { fence: '~', unsafe: [{ character: 'j', inConstruct: 'codeFencedLangTilde' }] })).toBe('# [T](https://e.example/)\n\n~~~\\~&#x6A;s\nx\n~~~\n');
  });
});

describe('toMarkdown: a code block whose language holds a tilde', () => {
  it.each(['~', '~js', 'js~', '~~~', 'a~b'])('language %j reads back as itself, fenced with tildes or backticks', (language) => {
    const article = parseSeed(formatSeed({ header: { timestamp: 0, title: 'T', url: 'https://e.example/' }, body: [{ type: 'code', text: 'x', language }] }));
    expect(article.body).toEqual([{ type: 'code', text: 'x', language }]);
    for (const fence of ['~', '`'] as const) {
      expect(readMarkdown(toMarkdown(article, { fence })).children[1]).toMatchObject({ type: 'code', lang: language, value: 'x' });
    }
  });

  it('fenced with tildes, its tildes are escaped', () => {
    const article = handBuilt([{ type: 'code', text: 'x', language: '~js' }]);
    expect(toMarkdown(article, { fence: '~' })).toBe('# [T](https://e.example/)\n\n~~~\\~js\nx\n~~~\n');
    expect(toMarkdown(article)).toBe('# [T](https://e.example/)\n\n```~js\nx\n```\n');
  });
});

describe('formatSeed: front matter that only looks like a Date', () => {
  const write = (frontMatter: Record<string, unknown>) => formatSeed({ header: { timestamp: 0, title: 'T', url: 'https://e.example/', frontMatter } });

  it('an object made from Date.prototype, or a proxy of a Date, is no Date: a TypeError naming it', () => {
    const message = 'must be JSON data (a string, number, boolean, null, array or plain object), got an object ([object Object])';
    expect(() => write({ a: Object.create(Date.prototype) })).toThrow(new TypeError(`formatSeed: header.frontMatter.a ${message}`));
    expect(() => write({ a: [new Proxy(new Date(0), {})] })).toThrow(new TypeError(`formatSeed: header.frontMatter.a[0] ${message}`));
  });

  it('a Date of a subclass is a Date: written as its ISO string', () => {
    class Day extends Date {}
    expect(write({ a: new Day(0) })).toBe('---\na: 1970-01-01T00:00:00.000Z\n---\n<!--0-->\n[T](https://e.example/)\n------\n');
  });
});

describe('toMarkdown: a link title that is empty', () => {
  it('toMdast gives no title, as Markdown reads it back', () => {
    const article = parseSeed(
      formatSeed({
        header: { timestamp: 0, title: 'T', url: 'https://e.example/' },
        body: [
          { type: 'paragraph', inlines: [{ type: 'link', href: 'https://a.example/', title: '', children: [text('a')] }] },
          { type: 'image', src: 'https://i.example/a.png', title: '' },
        ],
      }),
    );
    expect(article.body[0]).toMatchObject({ inlines: [{ type: 'link', title: '' }] });
    expect(article.body[1]).toMatchObject({ type: 'image', title: '' });
    const tree = toMdast(article);
    expect(tree.children[1]).toEqual({ type: 'paragraph', children: [{ type: 'link', url: 'https://a.example/', title: null, children: [text('a')] }] });
    expect(tree.children[2]).toEqual({ type: 'paragraph', children: [{ type: 'image', url: 'https://i.example/a.png', alt: null, title: null }] });
    expect(toMarkdown(article)).toBe('# [T](https://e.example/)\n\n[a](https://a.example/)\n\n![](https://i.example/a.png)\n');
  });
});

/**
 * An mdast tree as Markdown can tell it: no positions, adjacent text joined, fields a reader
 * leaves out as the renderer sets them. A break in a heading of level 3 to 6 (one line) is a space;
 * an image's alt null is `''`; the list and item fields of layout are left out.
 */
function comparable(node: MdastNodes, inLineHeading = false): unknown {
  if (inLineHeading && node.type === 'break') return { type: 'text', value: ' ' };
  const { position: _position, ...fields } = node as MdastNodes & Record<string, unknown>;
  const copy: Record<string, unknown> = { ...fields };
  if ('children' in node) {
    const lineHeading = inLineHeading || (node.type === 'heading' && node.depth > 2);
    const children: Record<string, unknown>[] = [];
    for (const child of node.children as MdastNodes[]) {
      const entry = comparable(child, lineHeading) as Record<string, unknown>;
      const last = children[children.length - 1];
      if (entry.type === 'text' && last?.type === 'text') last.value = `${last.value as string}${entry.value as string}`;
      else children.push(entry);
    }
    copy.children = children;
  }
  if (node.type === 'list' || node.type === 'listItem') {
    delete copy.spread;
    delete copy.checked;
    if (node.type === 'list' && node.ordered !== true) copy.start = null;
  }
  if (node.type === 'code') {
    copy.lang = node.lang ?? null;
    copy.meta = node.meta ?? null;
  }
  if (node.type === 'link' || node.type === 'image') copy.title = node.title ?? null;
  if (node.type === 'image') copy.alt = node.alt ?? '';
  return copy;
}

describe('toMarkdown, for any Article of hostile text: read back, the same tree as toMdast', () => {
  // Text of the characters Markdown gives a meaning to, at any place; no control character next to
  // bold or italic (README: it reads back as U+FFFD) and no `]` in code (see the README, toMarkdown).
  const piece = fc.constantFrom(
    '*', '_', '`', '``', '[', ']', '<', '>', '&', '#', '1.', '1)', '+', '-', '|', '~', '\\', ' ', '  ', '\t', '\u00a0', '\r', '\n',
    'a', '!', '(', ')', '&amp;', '&#42;', '<b>', 'http://x', '=', '---', '\u3000', '中', '.', '"', "'", '```', '~~~', '    ', '> ', '***', ':',
  );
  const value = fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
  const href = fc.array(fc.constantFrom('a b', '(', ')', '<', '>', '\\', '"', '%', '`', '*', '#', '[', ']', '&amp;', '\u00a0'), { maxLength: 4 }).map((parts) => `https://e.example/${parts.join('')}`);
  const inline: fc.Arbitrary<InlineInput> = fc.letrec<{ node: InlineInput }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      value.map((text): InlineInput => ({ type: 'text', value: text })),
      value.map((code): InlineInput => ({ type: 'code', value: code.replaceAll(']', '') || 'c' })),
      fc.constant<InlineInput>({ type: 'break' }),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((children): InlineInput => ({ type: 'strong', children })),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((children): InlineInput => ({ type: 'emphasis', children })),
      fc.tuple(href, fc.option(value), fc.array(tie('node'), { maxLength: 3 })).map(([url, title, children]): InlineInput => ({ type: 'link', href: url, title, children })),
    ),
  })).node;
  const inlines = fc.array(inline, { minLength: 1, maxLength: 4 });
  const block: fc.Arbitrary<BlockInput> = fc.oneof(
    inlines.map((content): BlockInput => ({ type: 'paragraph', inlines: content })),
    fc.tuple(fc.constantFrom(1, 2, 3, 6 as const), inlines).map(([level, content]): BlockInput => ({ type: 'heading', level, inlines: content })),
    fc.array(inlines, { minLength: 1, maxLength: 2 }).map((paragraphs): BlockInput => ({ type: 'quote', blocks: paragraphs.map((content) => ({ type: 'paragraph', inlines: content })) })),
    fc
      .tuple(fc.boolean(), fc.option(fc.integer({ min: 0, max: 2e9 })), fc.array(inlines, { minLength: 1, maxLength: 3 }))
      .map(([ordered, start, items]): BlockInput => ({ type: 'list', ordered, start, items: items.map((content) => ({ inlines: content })) })),
    fc.tuple(value, fc.option(fc.stringMatching(/^[a-z`~{}]{1,5}$/))).map(([code, language]): BlockInput => ({ type: 'code', text: code, language })),
    fc.tuple(href, fc.option(value), fc.option(value), fc.option(value), fc.option(href)).map(([src, alt, caption, credit, link]): BlockInput => ({ type: 'image', src, alt, caption, credit, link })),
  );
  const options: fc.Arbitrary<ToMarkdownOptions> = fc.record(
    { bullet: fc.constantFrom('*', '+', '-'), emphasis: fc.constantFrom('*', '_'), strong: fc.constantFrom('*', '_'), fence: fc.constantFrom('`', '~'), bulletOrdered: fc.constantFrom('.', ')'), setext: fc.boolean() },
    { requiredKeys: [] },
  );

  it('Articles the parser gives (written, then read)', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 3 }), fc.option(inlines), options, (body, lead, given) => {
        const article = parseSeed(formatSeed({ header: { timestamp: 0, title: 'T', url: 'https://e.example/' }, lead: lead === null ? null : { type: 'paragraph', inlines: lead }, body }));
        const markdown = toMarkdown(article, given);
        expect(comparable(readMarkdown(markdown)), markdown).toEqual(comparable(toMdast(article)));
      }),
      checkOptions(300),
    );
  });
});
