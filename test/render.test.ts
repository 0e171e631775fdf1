import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import fc from 'fast-check';
import type { Root as MdastRoot } from 'mdast';
import { toMarkdown as serialize } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { formatSeed, parseSeed, type Article, type Inline, type SeedInput } from '../src/index.js';
import { inlineCode } from '../src/render/inline-code.js';
import { toHast, toHtml, toMarkdown, toMdast } from '../src/render/index.js';
import { corpusFiles, corpusManifestSize, seed, sharedFiles } from './helpers.js';
import { doublingRatio, DOUBLING_BOUND, wallTime } from './linear.js';
import { allElements, expectedUrls, expectHtml, expectMarkdownReadBack, markdownUrls, readMarkdown } from './render-helpers.js';

const HEADER = { timestamp: 1700000000000, title: 'Night trains', url: 'https://news.example/rail/1' };

/** An Article built through the writer and the parser, so it is one parseSeed returns. */
function article(input: Omit<SeedInput, 'header'>): Article {
  return parseSeed(formatSeed({ header: HEADER, ...input }));
}

const text = (value: string) => ({ type: 'text' as const, value });

/** Every block type, built by hand (the renderers take any Article). */
const everyBlock: Article = {
  header: { timestamp: 1700000000000, published: '2023-11-14T22:13:20.000Z', title: 'Night trains', url: 'https://news.example/rail/1', frontMatter: null },
  dateline: { text: '19/05/2023 - 18:08', iso: '2023-05-19T18:08' },
  lead: { type: 'paragraph', text: 'Sleepers return.', inlines: [{ type: 'strong', children: [text('Sleepers return.')] }] },
  body: [
    {
      type: 'paragraph',
      text: 'See the line.',
      inlines: [text('See '), { type: 'link', href: 'https://rail.example/', title: 'Rail', children: [{ type: 'emphasis', children: [text('the line')] }] }, text('.')],
    },
    { type: 'heading', level: 2, text: 'Times', inlines: [text('Times')] },
    { type: 'list', ordered: true, start: 3, text: 'Mon\nTue', items: [{ text: 'Mon', inlines: [text('Mon')] }, { text: 'Tue', inlines: [text('Tue')] }] },
    { type: 'quote', text: 'A quote', blocks: [{ type: 'paragraph', text: 'A quote', inlines: [text('A quote')] }] },
    { type: 'code', text: 'let x = 1;', language: 'js' },
    { type: 'image', src: 'https://img.example/a.jpg', alt: 'A train', title: 'At night', width: 640, height: 480, caption: 'The train', credit: 'Photo: L. H.', link: 'https://img.example/full.jpg' },
    { type: 'video', src: 'https://v.example/a.mp4', poster: 'https://v.example/p.jpg', sources: [{ src: 'https://v.example/a.webm', type: 'video/webm' }], caption: 'Departure' },
    { type: 'audio', src: 'https://v.example/a.mp3', sources: [], caption: null },
    { type: 'embed', src: 'https://www.youtube.com/embed/x', provider: 'youtube', caption: null },
  ],
  media: [],
  links: [],
  text: '',
  stats: { paragraphs: 2, media: 4, characters: 0, words: 0 },
  diagnostics: [],
};

describe('toMdast / toMarkdown: exact output', () => {
  it('a title and a paragraph', () => {
    const value = article({ body: [{ type: 'paragraph', text: 'Hello *world*' }] });
    expect(toMdast(value)).toEqual({
      type: 'root',
      children: [
        { type: 'heading', depth: 1, children: [{ type: 'link', url: 'https://news.example/rail/1', title: null, children: [{ type: 'text', value: 'Night trains' }] }] },
        { type: 'paragraph', children: [{ type: 'text', value: 'Hello *world*' }] },
      ],
    });
    expect(toMarkdown(value)).toBe('# [Night trains](https://news.example/rail/1)\n\nHello \\*world\\*\n');
  });

  it('every block', () => {
    expect(toMarkdown(everyBlock)).toBe(
      [
        '# [Night trains](https://news.example/rail/1)',
        '19/05/2023 - 18:08',
        '**Sleepers return.**',
        'See [*the line*](https://rail.example/ "Rail").',
        '## Times',
        '3. Mon\n4. Tue',
        '> A quote',
        '```js\nlet x = 1;\n```',
        '[![A train](https://img.example/a.jpg "At night")](https://img.example/full.jpg)',
        'The train *Photo: L. H.*',
        '[Video](https://v.example/a.mp4) · [Video (video/webm)](https://v.example/a.webm) · [Poster](https://v.example/p.jpg)',
        'Departure',
        '[Audio](https://v.example/a.mp3)',
        '[Embed (youtube)](https://www.youtube.com/embed/x)',
      ].join('\n\n') + '\n',
    );
    expectMarkdownReadBack(everyBlock);
  });

  it('passes options to mdast-util-to-markdown', () => {
    const value = article({ body: [{ type: 'list', text: 'a' }, { type: 'paragraph', inlines: [{ type: 'emphasis', children: [{ type: 'text', value: 'b' }] }] }] });
    expect(toMarkdown(value, { bullet: '*', emphasis: '_' })).toBe('# [Night trains](https://news.example/rail/1)\n\n* a\n\n_b_\n');
  });

  it('a code span with a line break is one span per line; a break in a heading of level 3 to 6 reads as a space, levels 1 and 2 keep it (setext)', () => {
    const value = article({
      body: [
        { type: 'paragraph', inlines: [{ type: 'code', value: 'a\nb' }] },
        { type: 'heading', level: 3, text: 'one\ntwo' },
        { type: 'heading', level: 2, text: 'three\nfour' },
      ],
    });
    expect(toMarkdown(value)).toBe('# [Night trains](https://news.example/rail/1)\n\n`a`\\\n`b`\n\n### one two\n\nthree\\\nfour\n----\n');
    expectMarkdownReadBack(value);
  });

  it('URLs: tabs and line breaks removed, a leading < encoded, spaces and parentheses kept', () => {
    const value = parseSeed(seed('<p><a href="x&#10;y">a</a> <a href="<z>">b</a> <a href="c d)">c</a></p>', { url: 'base' }));
    expect(expectedUrls(value)).toEqual(['base', 'x\ny', '<z>', 'c d)']);
    const tree = expectMarkdownReadBack(value);
    expect(markdownUrls(tree)).toEqual(['base', 'xy', '%3Cz>', 'c d)']);
  });
});

describe('toMarkdown: bold and italic next to CJK punctuation', () => {
  const paragraph = (body: string, marker: '*' | '_' = '*') => toMarkdown(parseSeed(seed(body)), { emphasis: marker, strong: marker }).split('\n\n')[1];

  it('a letter outside and punctuation inside: the letter is written as a character reference', () => {
    expect(paragraph('<p>中文<b>「强调」</b>中文</p>')).toBe('中&#x6587;**「强调」**&#x4E2D;文\n');
    expect(paragraph('<p>会议<b>成功举行。</b>各方</p>')).toBe('会议**成功举行。**&#x5404;方\n');
  });

  it('punctuation on both sides, or a letter inside: nothing to encode', () => {
    expect(paragraph('<p>他说：<b>“你好”</b>。</p>')).toBe('他说：**“你好”**。\n');
    expect(paragraph('<p><i>習近平</i>，在西安</p>')).toBe('*習近平*，在西安\n');
  });

  it('underscores, which never form inside words: letters on both sides are encoded', () => {
    expect(paragraph('<p>会议<b>成功举行。</b>各方</p>', '_')).toBe('会&#x8BAE;__&#x6210;功举行。__&#x5404;方\n');
    expect(paragraph('<p>他说：<b>“你好”</b>。</p>', '_')).toBe('他说：__“你好”__。\n');
  });

  it('reads back as the same strong and emphasis with the same text', () => {
    for (const marker of ['*', '_'] as const) {
      const value = parseSeed(seed('<p>中文<b>「强调」</b>中文<i>，斜体。</i>文字</p>'));
      const tree = expectMarkdownReadBack(value, { emphasis: marker, strong: marker });
      expect(tree.children[1]).toMatchObject({
        type: 'paragraph',
        children: [
          { type: 'text', value: '中文' },
          { type: 'strong', children: [{ type: 'text', value: '「强调」' }] },
          { type: 'text', value: '中文' },
          { type: 'emphasis', children: [{ type: 'text', value: '，斜体。' }] },
          { type: 'text', value: '文字' },
        ],
      });
    }
  });

  it('emphasis inside emphasis is unwrapped and adjacent runs joined, which Markdown cannot tell apart', () => {
    const value = parseSeed(seed('<p><i><i>』</i>中文</i><b>a</b><b>b</b></p>'));
    expect(toMdast(value).children[1]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'emphasis', children: [{ type: 'text', value: '』中文' }] },
        { type: 'strong', children: [{ type: 'text', value: 'ab' }] },
      ],
    });
    expectMarkdownReadBack(value);
  });
});

describe('toMdast: adjacent runs joined where they meet', () => {
  it('joins bold runs, and the italic (or code, or text) where two of them meet, as one', () => {
    const bold = parseSeed(seed('<p><b>a<i>b</i></b><b><i>c</i>d</b><b><i>e<b>f</b></i></b>g</p>'));
    expect(toMdast(bold).children[1]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'strong', children: [text('a'), { type: 'emphasis', children: [text('bc')] }, text('d'), { type: 'emphasis', children: [text('ef')] }] },
        text('g'),
      ],
    });
    expect(toMarkdown(bold).split('\n')[2]).toBe('**a*bc*&#x64;_&#x65;f_**&#x67;');
    expectMarkdownReadBack(bold);
    const italic = parseSeed(seed('<p><i>a<b>b</b></i><i><b>c</b><code>x</code></i><i><code>y</code></i></p>'));
    expect(toMdast(italic).children[1]).toEqual({
      type: 'paragraph',
      children: [{ type: 'emphasis', children: [text('a'), { type: 'strong', children: [text('bc')] }, { type: 'inlineCode', value: 'xy' }] }],
    });
    expect(toMarkdown(italic).split('\n')[2]).toBe('*a**bc**`xy`*');
    expectMarkdownReadBack(italic);
  });
});

describe('what Markdown and HTML cannot nest', () => {
  it('a link inside a link: the outer one is cut around the inner one, formatting kept, as a browser reads it', () => {
    const value = parseSeed(seed('<p><a href="/a">x <b>bold<span><a href="/b">y</a></span> more</b> end</a></p>', { url: 'https://e.example/' }));
    expect(toMarkdown(value).split('\n')[2]).toBe('[x **bold**](https://e.example/a)**[y](https://e.example/b)**[**&#x20;more** end](https://e.example/a)');
    expect(toHtml(value)).toContain(
      '<p><a href="https://e.example/a">x <strong>bold</strong></a><strong><a href="https://e.example/b">y</a></strong><a href="https://e.example/a"><strong> more</strong> end</a></p>',
    );
    expectMarkdownReadBack(value);
    expectHtml(value);
    const deeper = parseSeed(seed('<p><a href="/a">1<i><a href="/b">2<span><a href="/c">3</a></span>4</a>5</i>6</a></p>', { url: 'https://e.example/' }));
    expectMarkdownReadBack(deeper);
    expectHtml(deeper);
  });

  it('the pieces of a cut link are nodes of their own: no object is in the tree twice, so a plugin edits one piece only', () => {
    /** The objects (nodes, `properties`, class lists) reachable more than once from `tree`. */
    const shared = (tree: unknown): unknown[] => {
      const seen = new Set<unknown>();
      const twice: unknown[] = [];
      const walk = (value: unknown): void => {
        if (typeof value !== 'object' || value === null) return;
        if (seen.has(value)) {
          twice.push(value);
          return;
        }
        seen.add(value);
        for (const child of Object.values(value)) walk(child);
      };
      walk(tree);
      return twice;
    };
    const value = parseSeed(seed('<p><a href="/a"><em>x<span><a href="/b">y</a></span>z</em></a></p>', { url: 'https://e.example/' }));
    const hast = toHast(value);
    expect(shared(hast)).toEqual([]);
    expect(shared(toMdast(value))).toEqual([]);
    // Nor between frames, nor between calls: each frame has a sandbox list of its own.
    const embeds = parseSeed(seed('<iframe src="https://www.youtube.com/embed/a"></iframe><iframe src="https://www.youtube.com/embed/b"></iframe><iframe src="/c"></iframe><iframe src="/d"></iframe>'));
    expect(shared([toHast(embeds, { media: 'elements' }), toHast(embeds, { media: 'elements' })])).toEqual([]);
    type Element = { type: string; tagName?: string; properties?: { href?: string; className?: string[] }; children?: Element[] };
    const anchors: Element[] = [];
    const collect = (node: Element): void => {
      if (node.tagName === 'a') anchors.push(node);
      for (const child of node.children ?? []) collect(child);
    };
    collect(hast as unknown as Element);
    // The title's link, then the three pieces of the paragraph.
    expect(anchors.map((anchor) => anchor.properties?.href)).toEqual(['https://e.example/', 'https://e.example/a', 'https://e.example/b', 'https://e.example/a']);
    anchors[1]!.properties!.className = ['ext'];
    expect(anchors[3]!.properties!.className).toBeUndefined();
  });

  it('cutting a link keeps its breaks, code and formatting; a break at an edge of italic or bold stands outside it in Markdown', () => {
    for (const body of [
      '<p><a href="/a">x<br>y<span><a href="/b">z</a></span>w</a></p>',
      '<p><a href="/a"><em>x<br><a href="/b">y</a></em></a></p>',
      '<p><a href="/a"><code>c<br>d</code><span><a href="/b">z</a></span><br>e</a></p>',
      '<p>q <em>x<br></em>y <b><br>z</b> <a href="/c"><i>w<br></i></a></p>',
    ]) {
      const value = parseSeed(seed(body, { url: 'https://e.example/' }));
      expectMarkdownReadBack(value);
      const main = expectHtml(value);
      // A break, or a line feed in a code span (HTML writes each as <br>).
      const breaks = (inlines: readonly Inline[]): number =>
        inlines.reduce((sum, inline) => sum + (inline.type === 'break' ? 1 : inline.type === 'code' ? inline.value.split('\n').length - 1 : 'children' in inline ? breaks(inline.children) : 0), 0);
      const paragraph = value.body[0] as Extract<Article['body'][number], { type: 'paragraph' }>;
      expect(allElements(main.children).filter((element) => element.name === 'br').length, body).toBe(breaks(paragraph.inlines));
    }
    expect(toHtml(parseSeed(seed('<p><a href="/a">x<br>y<span><a href="/b">z</a></span>w</a></p>', { url: 'https://e.example/' })))).toContain(
      '<p><a href="https://e.example/a">x<br>y</a><a href="https://e.example/b">z</a><a href="https://e.example/a">w</a></p>',
    );
  });

  it('cuts links nested 62 deep in time proportional to their content', () => {
    const values = [16000, 32000].map((units) => parseSeed(seed(`<p>${'<a href="/a">x<span>'.repeat(62)}${'<i>w</i> '.repeat(units)}</p>`)));
    const ratio = doublingRatio((scale) =>
      wallTime(() => {
        toHtml(values[scale - 1]!);
        toMdast(values[scale - 1]!);
      }),
    );
    expect(ratio).toBeLessThanOrEqual(DOUBLING_BOUND);
  });

  it('checks the Article first: a value parseSeed never gives is a TypeError naming where, in every renderer', () => {
    const value = parseSeed(seed('<h2>x</h2><p><a href="/l">y</a></p>', { url: 'https://e.example/' }));
    const renderers = { toHtml, toHast, toMarkdown, toMdast } as const;
    const cases: [unknown, string][] = [
      // Markup nobody wrote: an event attribute through the heading level, a script through a URL.
      [{ ...value, body: [{ type: 'heading', level: '1 onclick=alert(1)', text: 'x', inlines: [] }] }, 'body[0].level must be a heading level from 1 to 6, got "1 onclick=alert(1)"'],
      [{ ...value, header: { ...value.header, url: 'javascript:alert(1)' } }, 'header.url is a javascript: URL, which rule 9 never lets through'],
      [{ ...value, body: [{ type: 'paragraph', text: 'y', inlines: [{ type: 'link', href: 'java\tscript:x', title: null, children: [] }] }] }, 'body[0].inlines[0].href is a javascript: URL'],
      [{ ...value, body: [{ type: 'video', src: 'data:text/html,x', sources: [], poster: null, caption: null }] }, 'body[0].src is a data: URL'],
      // Types from Object.prototype, missing fields, deep trees.
      [{ ...value, body: [{ type: 'valueOf' }] }, 'body[0].type is no block type: "valueOf"'],
      [{ ...value, body: [{ type: 'paragraph', text: 'x' }] }, 'body[0].inlines must be an array, got undefined'],
      [{ ...value, lead: { type: 'paragraph', text: 'x', inlines: [{ type: 'hasOwnProperty' }] } }, 'lead.inlines[0].type is no inline type: "hasOwnProperty"'],
      [{ ...value, header: null }, 'header must be an object, got null'],
      // An Article has every field, null where it has none: one left out is missing, not none.
      [{ ...value, dateline: undefined }, 'dateline must be an object or null, got undefined'],
      [{ ...value, lead: undefined }, 'lead must be a paragraph or null, got undefined'],
      [{ ...value, body: undefined }, 'body must be an array, got undefined'],
      [{ ...value, dateline: { text: '19/05/2023 - 18:08' } }, 'dateline.iso must be a string or null, got undefined'],
      [{ ...value, body: [{ type: 'paragraph', text: 'y', inlines: [{ type: 'link', href: 'https://e.example/', children: [] }] }] }, 'body[0].inlines[0].title must be a string or null, got undefined'],
      [{ ...value, body: [{ type: 'image', src: 'https://e.example/i.png' }] }, 'body[0].alt must be a string or null, got undefined'],
      [{ ...value, body: [{ type: 'list', ordered: false, text: 'x', items: [] }] }, 'body[0].start must be a whole number or null, got undefined'],
      [{ ...value, body: [{ type: 'video', src: null, sources: [], caption: null }] }, 'body[0].poster must be a string or null, got undefined'],
    ];
    for (const [article, message] of cases) {
      for (const [name, render] of Object.entries(renderers)) {
        expect(() => render(article as Article), `${name}: ${message}`).toThrow(TypeError);
        expect(() => render(article as Article), `${name}: ${message}`).toThrow(`${name}: ${message}`);
      }
    }
    let deep: unknown = { type: 'text', value: 'x' };
    for (let depth = 0; depth < 50_000; depth++) deep = { type: 'emphasis', children: [deep] };
    expect(() => toHtml({ ...value, body: [{ type: 'paragraph', text: 'x', inlines: [deep] }] } as Article)).toThrow(/nests inlines more than 64 deep/);
    // A field left out as an object without it, as with it given as undefined.
    const { dateline: _, ...withoutDateline } = value;
    expect(() => toHtml(withoutDateline as Article)).toThrow(new TypeError('toHtml: dateline must be an object or null, got undefined'));
    // Fields the renderers do not read are not checked: the header's timestamp, published and front matter, media, links, text, stats, diagnostics.
    const { media: _m, links: _l, text: _t, stats: _s, diagnostics: _d, ...read } = value;
    expect(toHtml({ ...read, header: { title: value.header.title, url: value.header.url } } as unknown as Article)).toBe(toHtml(value));
    // What parseSeed gives, also read back from JSON, renders as it is.
    const fromJson = JSON.parse(JSON.stringify(value)) as Article;
    expect(toHtml(fromJson)).toBe(toHtml(value));
    expect(toMarkdown(fromJson)).toBe(toMarkdown(value));
  });

  it('takes options left out, null or undefined alike: an option given as undefined keeps its default', () => {
    const value = parseSeed(seed('<ul><li><a href="https://e.example/x">https://e.example/x</a></li></ul>', { url: 'https://e.example/' }));
    const markdown = toMarkdown(value);
    expect(markdown).toContain('- [https://e.example/x](https://e.example/x)');
    expect(toMarkdown(value, { bullet: undefined, resourceLink: undefined, emphasis: undefined })).toBe(markdown);
    // null is this package's default too, not mdast-util-to-markdown's (`*`, and an autolink).
    expect(toMarkdown(value, { bullet: null, resourceLink: null, emphasis: null })).toBe(markdown);
    expect(toMarkdown(value, null)).toBe(markdown);
    expect(toHtml(value, null)).toBe(toHtml(value));
    expect(toHast(value, { media: undefined, document: undefined })).toEqual(toHast(value));
    expect(() => toHtml(value, { media: 'video' as never })).toThrow(new TypeError('toHtml: options.media must be \'links\' or \'elements\', got "video"'));
    // Values JSON cannot write are named too.
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const [media, described] of [[1n, 'bigint'], [cyclic, 'an object ([object Object])'], [Symbol('m'), 'symbol'], [() => 0, 'function']] as const) {
      expect(() => toHtml(value, { media: media as never })).toThrow(new TypeError(`toHtml: options.media must be 'links' or 'elements', got ${described}`));
    }
    expect(() => toHtml(value, { document: 'yes' as never })).toThrow(new TypeError('toHtml: options.document must be true or false, got "yes"'));
    expect(() => toHast(value, 5 as never)).toThrow(new TypeError('toHast: options must be an object, got 5'));
  });

  it('checks the options of mdast-util-to-markdown before writing: a bad value is a TypeError naming it', () => {
    const value = parseSeed(seed('<p>x</p>'));
    for (const [options, message] of [
      [{ quote: 'x' }, `options.quote must be '"' or "'", got "x"`],
      [{ join: 5 }, 'options.join must be an array of functions, got 5'],
      [{ join: [() => undefined, 1] }, 'options.join must be an array of functions, got an array'],
      [{ extensions: [null] }, 'options.extensions must be an array of objects (option sets), got an array'],
      [{ unsafe: [{ before: 'a' }] }, 'options.unsafe[0].character must be one character, got undefined'],
      [{ unsafe: [{ character: '' }] }, 'options.unsafe[0].character must be one character, got ""'],
      [{ extensions: [{ join: [5] }] }, 'options.extensions[0].join must be an array of functions, got an array'],
      [{ extensions: [{ extensions: [{ bullet: '.' }] }] }, `options.extensions[0].extensions[0].bullet must be '*', '+' or '-', got "."`],
      [{ handlers: { text: 5 } }, 'options.handlers must be an object of functions, got an object ([object Object])'],
      [{ bullet: '.' }, "options.bullet must be '*', '+' or '-', got \".\""],
      [{ emphasis: '~' }, "options.emphasis must be '*' or '_', got \"~\""],
      [{ fences: 'yes' }, 'options.fences must be true or false, got "yes"'],
      [{ ruleRepetition: 2 }, 'options.ruleRepetition must be a whole number from 3, got 2'],
      [{ listItemIndent: 1 }, "options.listItemIndent must be 'mixed', 'one' or 'tab', got 1"],
      [{ handlers: [] }, 'options.handlers must be an object of functions, got an array'],
      // The default bullet is '-': a list after a list needs another marker.
      [{ bulletOther: '-' }, 'options.bulletOther must differ from options.bullet, both "-"'],
      [{ bullet: '*', bulletOther: '*' }, 'options.bulletOther must differ from options.bullet, both "*"'],
      ['str', 'options must be an object, got "str"'],
    ] as const) {
      expect(() => toMarkdown(value, options as never), message).toThrow(new TypeError(`toMarkdown: ${message}`));
    }
    // Null means the default of mdast-util-to-markdown, as there; an option it does not know is passed on.
    expect(toMarkdown(value, { quote: null, bullet: null, join: null })).toBe(toMarkdown(value));
    // A handler given as undefined keeps the default one, at the top level and in an extension.
    expect(toMarkdown(value, { handlers: { text: undefined, paragraph: undefined } } as never)).toBe(toMarkdown(value));
    expect(toMarkdown(value, { extensions: [{ handlers: { text: undefined } }] } as never)).toBe(toMarkdown(value));
    expect(toMarkdown(value, { someExtensionOption: 1 } as never)).toBe(toMarkdown(value));
    expect(toMarkdown(value, { bullet: '+', bulletOther: '-' })).toBe(toMarkdown(value));
    const looped: { extensions: object[] } = { extensions: [] };
    looped.extensions.push(looped);
    expect(() => toMarkdown(value, { extensions: [looped] })).toThrow(new TypeError('toMarkdown: options.extensions[0].extensions[0] holds itself'));
    // One extension held twice at each of 30 levels would be applied 2^30 times: refused at once; 2^8 in all is taken.
    const held = (levels: number): object => {
      let extension: object = { bullet: '+' };
      for (let level = 0; level < levels; level++) extension = { extensions: [extension, extension] };
      return extension;
    };
    expect(() => toMarkdown(value, held(30) as never)).toThrow(/^toMarkdown: options\.extensions\[0\].*\.extensions\[0\] makes more than 1024 option sets, extensions counted in each place they are held$/);
    expect(toMarkdown(value, held(8) as never)).toBe(toMarkdown(value, { bullet: '+' }));
    // A chain of extensions inside extensions: 32 levels are taken; deeper is a TypeError, never the stack's RangeError.
    const chain = (levels: number): object => {
      let extension: object = { bullet: '+' };
      for (let level = 0; level < levels; level++) extension = { extensions: [extension] };
      return extension;
    };
    expect(toMarkdown(value, chain(32) as never)).toBe(toMarkdown(value, { bullet: '+' }));
    for (const levels of [33, 1024, 5000, 100_000]) {
      expect(() => toMarkdown(value, chain(levels) as never)).toThrow(/^toMarkdown: options\.extensions\[0\].*\.extensions\[0\] is nested more than 32 extensions deep$/);
    }
    // A bad value, or a loop, at the deepest level allowed is named by a path cut to 141 characters.
    let deep: { extensions?: object[]; quote?: string } = { quote: 'x' };
    for (let level = 0; level < 32; level++) deep = { extensions: [deep] };
    expect(() => toMarkdown(value, deep as never)).toThrow(/^toMarkdown: options\.extensions\[0\]\.extensions\[0\]\.ext.{31}….{64}\.quote must be '"' or "'", got "x"$/);
    // Well-formed values of the list and handler options pass.
    expect(toMarkdown(value, { extensions: [{ bullet: '+' }], join: [() => undefined], unsafe: [{ character: '#', inConstruct: 'phrasing' }], handlers: { text: (node: { value: string }) => node.value.toUpperCase() } } as never)).toBe(toMarkdown(value).replace('A title', 'A TITLE').replace('\nx\n', '\nX\n'));
  });

  it('checks the options as mdast-util-to-markdown merges them with their extensions: bulletOther against the bullet in effect', () => {
    // Two lists in a row: the second is written with bulletOther.
    const value = parseSeed(seed('<ul><li>a</li></ul><ul><li>b</li></ul>'));
    const lists = (options: object) => toMarkdown(value, options as never).split('\n\n').slice(1).join(' ').trim();
    expect(lists({})).toBe('- a * b');
    for (const [options, message] of [
      // The default bullet is '-', under any extension's.
      [{ extensions: [{ bulletOther: '-' }] }, 'options.extensions[0].bulletOther must differ from options.bullet, both "-"'],
      [{ bullet: '+', extensions: [{ extensions: [{ bulletOther: '+' }] }] }, 'options.extensions[0].extensions[0].bulletOther must differ from options.bullet, both "+"'],
      // A later extension's value is the one in effect.
      [{ extensions: [{ bulletOther: '*' }, { bulletOther: '-' }] }, 'options.extensions[1].bulletOther must differ from options.bullet, both "-"'],
      // An extension's own value over its extensions'.
      [{ extensions: [{ bulletOther: '-', extensions: [{ bulletOther: '+' }] }] }, 'options.extensions[0].bulletOther must differ from options.bullet, both "-"'],
      // A null bullet is this package's default, '-' (mdast-util-to-markdown's own is '*').
      [{ bullet: null, bulletOther: '-' }, 'options.bulletOther must differ from options.bullet, both "-"'],
      [{ bullet: null, extensions: [{ bulletOther: '-' }] }, 'options.extensions[0].bulletOther must differ from options.bullet, both "-"'],
    ] as const) {
      expect(() => toMarkdown(value, options as never), message).toThrow(new TypeError(`toMarkdown: ${message}`));
    }
    // Values overridden by one that fits pass, and the one in effect is used.
    expect(lists({ extensions: [{ bulletOther: '-' }, { bulletOther: '+' }] })).toBe(lists({ bulletOther: '+' }));
    expect(lists({ bulletOther: '+', extensions: [{ bulletOther: '-' }] })).toBe(lists({ bulletOther: '+' }));
    expect(lists({ extensions: [{ bulletOther: '+', extensions: [{ bulletOther: '-' }] }] })).toBe(lists({ bulletOther: '+' }));
    expect(lists({ extensions: [{ bulletOther: '-' }, { bulletOther: undefined }] })).toBe(lists({}));
    expect(lists({ bulletOther: '+' })).toBe('- a + b');
    expect(lists({ bullet: null, extensions: [{ bulletOther: '+' }] })).toBe('- a + b');
    // This package's defaults give way to an extension's options, and an extension's to the options' own.
    expect(lists({ extensions: [{ bullet: '+' }] })).toBe('+ a * b');
    expect(lists({ extensions: [{ bullet: '+', bulletOther: '-' }] })).toBe('+ a - b');
    expect(lists({ bullet: '*', extensions: [{ bullet: '+', bulletOther: '-' }] })).toBe('* a - b');
    // An extension's null or undefined keeps this package's default, as at the top level.
    expect(lists({ extensions: [{ bullet: null, bulletOther: '*' }] })).toBe('- a * b');
    expect(() => lists({ extensions: [{ bullet: undefined, bulletOther: '-' }] })).toThrow(new TypeError('toMarkdown: options.extensions[0].bulletOther must differ from options.bullet, both "-"'));
    const linked = parseSeed(seed('<p><a href="https://x.example/">https://x.example/</a></p>'));
    expect(toMarkdown(linked, { extensions: [{ resourceLink: undefined }] } as never)).toBe(toMarkdown(linked));
    const code = parseSeed(seed('<p><em>x</em></p><pre>c</pre>'));
    expect(toMarkdown(code, { extensions: [{ emphasis: '_', fences: false }] }).split('\n\n').slice(1)).toEqual(['_x_', '    c\n']);
    // fences: false indents what indentation can hold: a language, or a blank first line, keeps the fence.
    const codes = parseSeed(seed('<pre class="language-js">code js</pre><pre>plain</pre><pre>\n\nafter a blank line</pre>'));
    expect(codes.body.map((block) => block.type === 'code' && [block.language, block.text])).toEqual([['js', 'code js'], [null, 'plain'], [null, '\nafter a blank line']]);
    const indented = toMarkdown(codes, { fences: false });
    expect(indented.slice(indented.indexOf('\n\n') + 2)).toBe('```js\ncode js\n```\n\n    plain\n\n```\n\nafter a blank line\n```\n');
    // The other options an extension sets are checked wherever it stands.
    for (const [options, message] of [
      [{ extensions: [{ rule: '=' }] }, `options.extensions[0].rule must be '*', '-' or '_', got "="`],
      [{ extensions: [{}, { extensions: [{ strong: '~' }] }] }, `options.extensions[1].extensions[0].strong must be '*' or '_', got "~"`],
      [{ extensions: [{ fence: "'" }] }, "options.extensions[0].fence must be '`' or '~', got \"'\""],
      [{ extensions: [{ quote: '`' }] }, `options.extensions[0].quote must be '"' or "'", got "\`"`],
      [{ extensions: [{ bulletOrdered: '-' }] }, `options.extensions[0].bulletOrdered must be '.' or ')', got "-"`],
      // A hole is no option set: mdast-util-to-markdown would fail on it.
      [{ extensions: [, {}] }, 'options.extensions must be an array of objects (option sets), got an array'],
      // A field named __proto__ (JSON.parse makes one) would become the prototype of the library's options, unchecked.
      [JSON.parse('{"extensions":[{"__proto__":{"bulletOther":"."}}]}'), 'options.extensions[0].__proto__ is not an option'],
      [JSON.parse('{"__proto__":{"bulletOther":"."}}'), 'options.__proto__ is not an option'],
    ] as const) {
      expect(() => toMarkdown(value, options as never), message).toThrow(new TypeError(`toMarkdown: ${message}`));
    }
  });

  it('checks every field of an unsafe pattern: before and after compile as mdast-util-to-markdown compiles them', () => {
    const value = parseSeed(seed('<p>ax1 # b</p>'));
    for (const [unsafe, message] of [
      [[{ character: '#', before: '(' }], 'options.unsafe[0].before must be the source of a regular expression, got "("'],
      [[{ character: '#', after: '[' }], 'options.unsafe[0].after must be the source of a regular expression, got "["'],
      [[{ character: '#', atBreak: true, before: ')' }], 'options.unsafe[0].before must be the source of a regular expression, got ")"'],
      // Compiles only inside the library's group, which it escapes: an empty match, where the library loops for ever.
      [[{ character: 'h', after: ')|(?:' }], 'options.unsafe[0].after must be the source of a regular expression, got ")|(?:"'],
      [[{ character: 'h', before: '))|((?:' }], 'options.unsafe[0].before must be the source of a regular expression, got "))|((?:"'],
      // Each compiles alone, not together: one group name twice.
      [[{ character: '#', before: '(?<a>x)', after: '(?<a>y)' }], 'options.unsafe[0].after must be the source of a regular expression, got "(?<a>y)"'],
      [[{ character: '#', after: '\\p{', unicode: true }], 'options.unsafe[0].after must be the source of a regular expression, got "\\\\p{"'],
      // Where the library writes `^` for before, not before: after is still compiled.
      [[{ character: '#', beforeNode: 'text', after: '+' }], 'options.unsafe[0].after must be the source of a regular expression, got "+"'],
      [[{ character: '#', before: 5 }], 'options.unsafe[0].before must be a string (the source of a regular expression), got 5'],
      [[{ character: '#', inConstruct: 5 }], 'options.unsafe[0].inConstruct must be a string or an array of strings, got 5'],
      [[{ character: '#', notInConstruct: ['phrasing', 1] }], 'options.unsafe[0].notInConstruct must be a string or an array of strings, got an array'],
      [[{ character: '#', beforeNode: true }], 'options.unsafe[0].beforeNode must be a string or an array of strings, got true'],
      // The library reads a group of `before` that `beforeNode` leaves out.
      [[{ character: '#', before: 'a', beforeNode: 'strong' }], 'options.unsafe[0].before cannot be set with beforeNode, which matches from the start of the node'],
      [[{ character: '#', atBreak: true, beforeNode: ['strong'] }], 'options.unsafe[0].atBreak cannot be set with beforeNode, which matches from the start of the node'],
      [[{ character: '#', atBreak: 'yes' }], 'options.unsafe[0].atBreak must be true or false, got "yes"'],
      [[{ character: '#', unicode: 1 }], 'options.unsafe[0].unicode must be true or false, got 1'],
      [[{ character: '##' }], 'options.unsafe[0].character must be one character, got "##"'],
      [[{ character: '#' }, 5], 'options.unsafe must be an array of objects (unsafe patterns), got an array'],
    ] as const) {
      expect(() => toMarkdown(value, { unsafe } as never), message).toThrow(new TypeError(`toMarkdown: ${message}`));
      expect(() => toMarkdown(value, { extensions: [{ extensions: [{ unsafe }] }] } as never), message).toThrow(new TypeError(`toMarkdown: ${message.replace('options.', 'options.extensions[0].extensions[0].')}`));
    }
    // Well-formed patterns pass and are used.
    const paragraph = (options: object) => toMarkdown(value, options as never).split('\n\n')[1];
    expect(paragraph({})).toBe('ax1 # b\n');
    expect(paragraph({ unsafe: [{ character: 'x', before: '[a-z]', after: '\\d', inConstruct: ['phrasing'], notInConstruct: 'link' }] })).toBe('a&#x78;1 # b\n');
    expect(paragraph({ unsafe: [{ character: '#', before: '\\p{L}\\d ', unicode: true }] })).toBe('ax1 \\# b\n');
    expect(paragraph({ extensions: [{ unsafe: [{ character: 'b', atBreak: false, before: '# ' }] }] })).toBe('ax1 # &#x62;\n');
    // The expression the library caches on a pattern is not taken: it compiles the checked fields.
    const pattern = { character: 'x', _compiled: 5 };
    expect(paragraph({ unsafe: [pattern] })).toBe('a&#x78;1 # b\n');
    expect(pattern).toEqual({ character: 'x', _compiled: 5 });
  });

  it('reads each option once: what is checked is what mdast-util-to-markdown is given', () => {
    const value = parseSeed(seed('<ul><li>a</li></ul><ul><li>b</li></ul><p>a # b</p>'));
    const reads = new Map<string, number>();
    /** `fields`, each read through a getter that counts its reads and gives a bad value after the first. */
    const twoFaced = (name: string, fields: Record<string, [unknown, unknown]>): object =>
      Object.defineProperties(
        {},
        Object.fromEntries(
          Object.entries(fields).map(([field, [good, bad]]) => [
            field,
            {
              enumerable: true,
              get: () => {
                const count = (reads.get(`${name}.${field}`) ?? 0) + 1;
                reads.set(`${name}.${field}`, count);
                return count === 1 ? good : bad;
              },
            },
          ]),
        ),
      );
    const pattern = twoFaced('pattern', { character: ['#', ''], before: ['a ', '('], inConstruct: ['phrasing', 5] });
    const extension = twoFaced('extension', { bulletOther: ['+', '-'], unsafe: [[pattern], [{ character: '' }]] });
    const options = twoFaced('options', { bullet: ['*', '.'], extensions: [[extension], [{ bulletOther: '*' }]], quote: ["'", 'x'] });
    const markdown = toMarkdown(value, options as never);
    expect(markdown).toBe(toMarkdown(value, { bullet: '*', quote: "'", extensions: [{ bulletOther: '+', unsafe: [{ character: '#', before: 'a ', inConstruct: 'phrasing' }] }] }));
    expect(markdown.split('\n\n').slice(1)).toEqual(['* a', '+ b', 'a \\# b\n']);
    expect(Object.fromEntries(reads)).toEqual({
      'options.bullet': 1,
      'options.extensions': 1,
      'options.quote': 1,
      'extension.bulletOther': 1,
      'extension.unsafe': 1,
      'pattern.character': 1,
      'pattern.before': 1,
      'pattern.inConstruct': 1,
    });
    // A list is read once too: each entry, through a proxy that counts.
    let entryReads = 0;
    const extensions = new Proxy([{ bulletOther: '+' }], {
      get: (target, key, receiver) => {
        if (key === '0') entryReads++;
        return entryReads > 1 && key === '0' ? { bulletOther: '-' } : Reflect.get(target, key, receiver);
      },
    });
    expect(toMarkdown(value, { extensions })).toBe(toMarkdown(value, { bulletOther: '+' }));
    expect(entryReads).toBe(1);
  });

  it('inline code is written as mdast-util-to-markdown writes it (the fence the shortest run of backticks the code does not hold, padding as it pads), in linear time', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[`a \t\n\r]{0,14}$/), (value) => {
        const tree: MdastRoot = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'x' }, { type: 'inlineCode', value }, { type: 'text', value: 'y' }] }] };
        expect(serialize(tree, { handlers: { inlineCode } })).toBe(serialize(tree));
      }),
      { numRuns: 5000 },
    );
    const code = (value: string) => toMarkdown(parseSeed(seed(`<p><code>${value}</code></p>`))).split('\n\n')[1];
    expect(code('a`b')).toBe('``a`b``\n');
    expect(code('a`b``c')).toBe('```a`b``c```\n');
    expect(code('``a')).toBe('` ``a `\n');
    expect(code('`')).toBe('`` ` ``\n');
  });

  it('adjacent code spans are one span in Markdown (`a``b` would read as one span with a backtick pair)', () => {
    const value = parseSeed(seed('<p><code>a</code><code>b</code> and <b><code>c`</code><code>d</code></b></p>'));
    expect(toMarkdown(value).split('\n')[2]).toBe('`ab` and **``c`d``**');
    expectMarkdownReadBack(value);
  });

  it('an ordered list numbered past nine digits starts lower, so that its last item is 999999999, the largest number CommonMark reads', () => {
    for (const [start, items, first] of [
      [1000000000, 2, 999999998],
      [999999999, 2, 999999998],
      [999999999, 1, 999999999],
      [999999990, 3, 999999990],
      [999999998, 3, 999999997],
    ] as const) {
      const value = parseSeed(seed(`<ol start="${start}">${'<li>a</li>'.repeat(items)}</ol>`));
      const markdown = toMarkdown(value);
      expect(markdown.split('\n').slice(2, 2 + items)).toEqual(Array.from({ length: items }, (_, index) => `${first + index}. a`));
      expect(readMarkdown(markdown).children[1]).toMatchObject({ type: 'list', ordered: true, start: first, children: Array.from({ length: items }, () => ({ type: 'listItem' })) });
      expect(toMdast(value).children[1]).toMatchObject({ type: 'list', start: first });
      expectMarkdownReadBack(value);
    }
  });

  it('a poster given as a data: URL is an image, never a link', () => {
    const value = parseSeed(seed('<video src="/v.mp4" poster="data:image/png;base64,iVBORw0KGgo="></video>', { url: 'https://e.example/' }));
    expect(toMarkdown(value).split('\n')[2]).toBe('[Video](https://e.example/v.mp4) · ![Poster](data:image/png;base64,iVBORw0KGgo=)');
    expect(toHtml(value)).toContain('<a href="https://e.example/v.mp4">Video</a> · <img src="data:image/png;base64,iVBORw0KGgo=" alt="Poster">');
    expectMarkdownReadBack(value);
    expectHtml(value);
  });

  it('a poster is a data: URL as a browser reads its scheme: tabs and line breaks inside it, any case, controls and spaces before it', () => {
    const parsed = parseSeed(seed('<video src="/v.mp4" poster="da&#10;ta:image/png;base64,iVBORw0KGgo="></video>', { url: 'https://e.example/' }));
    expect(parsed.body[0]).toMatchObject({ poster: 'da\nta:image/png;base64,iVBORw0KGgo=' });
    expect(toMarkdown(parsed).split('\n')[2]).toBe('[Video](https://e.example/v.mp4) · ![Poster](data:image/png;base64,iVBORw0KGgo=)');
    expect(toHtml(parsed)).toContain('<a href="https://e.example/v.mp4">Video</a> · <img src="da\nta:image/png;base64,iVBORw0KGgo=" alt="Poster">');
    const video = parsed.body[0] as Extract<Article['body'][number], { type: 'video' }>;
    const withPoster = (poster: string): Article => ({ ...parsed, body: [{ ...video, poster }] });
    for (const poster of ['d\tata:image/png,x', 'da\nta:image/png,x', 'dat\ra:image/png,x', 'data\r\n:image/png,x', 'DaTa:image/png,x', 'DATA:image/png,x', '  data:image/png,x', '\u0001\u001f data:image/png,x', '\t\ndata:image/png,x']) {
      const value = withPoster(poster);
      expect(toMarkdown(value), JSON.stringify(poster)).toContain('![Poster](');
      expect(toMarkdown(value), JSON.stringify(poster)).not.toMatch(/ · \[Poster\]\(/);
      const image = { type: 'element', tagName: 'img', properties: { src: poster, alt: 'Poster' }, children: [] };
      expect(JSON.stringify(toHast(value)), JSON.stringify(poster)).toContain(`· "},${JSON.stringify(image)}]`);
      expectMarkdownReadBack(value);
      expectHtml(value);
    }
    // No data: URL as a browser reads it (a vertical tab or a no-break space is no white space there): a link, as any other URL.
    for (const poster of ['d\u000bata:image/png,x', 'data\u00a0:image/png,x', 'https://e.example/p.jpg']) {
      expect(toMarkdown(withPoster(poster)), JSON.stringify(poster)).toMatch(/ · \[Poster\]\(/);
      expect(toHtml(withPoster(poster)), JSON.stringify(poster)).toContain('>Poster</a>');
    }
  });
});

describe('toHast / toHtml: exact output', () => {
  it('semantic HTML of every block', () => {
    expect(toHtml(everyBlock)).toBe(
      '<article>\n<header><h1><a href="https://news.example/rail/1">Night trains</a></h1><p><time datetime="2023-05-19T18:08">19/05/2023 - 18:08</time></p>' +
        '<p class="lead"><strong>Sleepers return.</strong></p></header>\n' +
        '<p>See <a href="https://rail.example/" title="Rail"><em>the line</em></a>.</p>\n' +
        '<h2>Times</h2>\n' +
        '<ol start="3"><li>Mon</li><li>Tue</li></ol>\n' +
        '<blockquote><p>A quote</p></blockquote>\n' +
        '<pre><code class="language-js">let x = 1;</code></pre>\n' +
        '<figure><a href="https://img.example/full.jpg"><img src="https://img.example/a.jpg" alt="A train" title="At night" width="640" height="480"></a>' +
        '<figcaption>The train <small>Photo: L. H.</small></figcaption></figure>\n' +
        '<figure><p><a href="https://v.example/a.mp4">Video</a> · <a href="https://v.example/a.webm">Video (video/webm)</a> · <a href="https://v.example/p.jpg">Poster</a></p>' +
        '<figcaption>Departure</figcaption></figure>\n' +
        '<figure><p><a href="https://v.example/a.mp3">Audio</a></p></figure>\n' +
        '<figure><p><a href="https://www.youtube.com/embed/x">Embed (youtube)</a></p></figure>\n' +
        '</article>',
    );
    expectHtml(everyBlock);
  });

  it('players and iframes only when asked', () => {
    const html = toHtml(everyBlock, { media: 'elements' });
    expect(html).toContain(
      '<figure><video controls src="https://v.example/a.mp4" poster="https://v.example/p.jpg"><source src="https://v.example/a.webm" type="video/webm"></video><figcaption>Departure</figcaption></figure>',
    );
    expect(html).toContain('<figure><audio controls src="https://v.example/a.mp3"></audio></figure>');
    expect(html).toContain(
      '<figure><iframe src="https://www.youtube.com/embed/x" title="Embed (youtube)" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" loading="lazy" allowfullscreen></iframe></figure>',
    );
    expect(toHtml(everyBlock)).not.toContain('<iframe');
    expectHtml(everyBlock, { media: 'elements' });
  });

  it('mediaLinks checks the block it is given, as the renderers check an Article, and makes the links of the copy it checked', async () => {
    const { mediaLinks } = await import('../src/render/index.js');
    expect(mediaLinks({ type: 'video', src: 'https://v.example/a.mp4', sources: [{ src: 'https://v.example/a.webm', type: 'video/webm' }], poster: 'data:image/png;base64,AA', caption: null })).toEqual([
      { url: 'https://v.example/a.mp4', label: 'Video', image: false },
      { url: 'https://v.example/a.webm', label: 'Video (video/webm)', image: false },
      { url: 'data:image/png;base64,AA', label: 'Poster', image: true },
    ]);
    expect(() => mediaLinks({ type: 'video', src: 'javascript:alert(1)', sources: [], poster: null, caption: null })).toThrow(
      new TypeError('mediaLinks: block.src is a javascript: URL, which rule 9 never lets through'),
    );
    expect(() => mediaLinks({ type: 'audio', src: null, sources: [{ src: 'vbscript:x', type: null }], caption: null })).toThrow(
      new TypeError('mediaLinks: block.sources[0].src is a vbscript: URL, which rule 9 never lets through'),
    );
    expect(() => mediaLinks({ type: 'paragraph', text: 'x', inlines: [] } as never)).toThrow(
      new TypeError('mediaLinks: block must be a video, audio or embed block, got a block of type "paragraph"'),
    );
    expect(() => mediaLinks(null as never)).toThrow(new TypeError('mediaLinks: block must be a block, got null'));
    // Read once: a getter that gives a safe URL to the check and an unsafe one later cannot pass it.
    let reads = 0;
    const block = { type: 'embed', get src() { return reads++ === 0 ? 'https://www.youtube.com/embed/x' : 'javascript:alert(1)'; }, provider: 'youtube', caption: null };
    expect(mediaLinks(block as never)).toEqual([{ url: 'https://www.youtube.com/embed/x', label: 'Embed (youtube)', image: false }]);
  });

  it('an embed of no provider (a relative src, another host) gets a frame without its origin: a page of the same origin could lift its sandbox', () => {
    const sandboxOf = (src: string, provider: string | null): string | undefined =>
      /sandbox="([^"]*)"/.exec(toHtml({ ...article({}), body: [{ type: 'embed', src, provider, caption: null }] }, { media: 'elements' }))?.[1];
    expect(sandboxOf('https://www.youtube.com/embed/x', 'youtube')).toBe('allow-scripts allow-same-origin allow-presentation allow-popups');
    expect(sandboxOf('/embed/x', null)).toBe('allow-scripts allow-presentation allow-popups');
    expect(sandboxOf('https://maps.example/embed', null)).toBe('allow-scripts allow-presentation allow-popups');
    // The provider is read from the URL again: a hand-made block naming one for a relative URL gets none.
    expect(sandboxOf('/embed/x', 'youtube')).toBe('allow-scripts allow-presentation allow-popups');
    expect(sandboxOf('https://evil.example/www.youtube.com/', 'youtube')).toBe('allow-scripts allow-presentation allow-popups');
  });

  it('a whole document with charset and title', () => {
    const value = article({ body: [{ type: 'paragraph', text: 'x' }] });
    expect(toHtml(value, { document: true })).toBe(
      '<!doctype html><html><head><meta charset="utf-8"><title>Night trains</title></head><body><article>\n' +
        '<header><h1><a href="https://news.example/rail/1">Night trains</a></h1></header>\n<p>x</p>\n</article></body></html>',
    );
    expect(toHast(value, { document: true }).children[0]).toEqual({ type: 'doctype' });
  });

  it('escapes text and attributes; a dateline that is not a real date has no datetime', () => {
    const value = parseSeed(seed('<p>31/02/2024 - 10:00</p><p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="https://a.example/?q=&quot;x&quot;&amp;y" title="&quot; onclick=&quot;x">l</a></p>', { title: '<b> &amp;' }));
    expect(toHtml(value)).toBe(
      '<article>\n<header><h1><a href="https://news.example/story/1">&#x3C;b> &#x26;</a></h1><p><time>31/02/2024 - 10:00</time></p></header>\n' +
        '<p>&#x3C;script>alert(1)&#x3C;/script> <a href="https://a.example/?q=&#x22;x&#x22;&#x26;y" title="&#x22; onclick=&#x22;x">l</a></p>\n</article>',
    );
    expectHtml(value);
  });
});

describe('toHtml reads back exactly in an HTML parser', () => {
  // parse5 (through cheerio) reads as browsers do: a raw carriage return is a line feed there.
  const reading = (html: string) => load(html);
  const withCarriageReturns = (value: string) => `a\r${value}\r\nb\r`;

  it('a carriage return in an alt, a title or a text is written as a reference, so it reads back as itself', () => {
    const parsed = parseSeed(seed('<p><a href="https://e.example/x" title="a&#13;b">t</a></p><img src="/a.png" alt="x&#13;&#10;y&#13;">', { url: 'https://e.example/' }));
    expect(parsed.body).toMatchObject([{ inlines: [{ title: 'a\rb' }] }, { alt: 'x\r\ny\r' }]);
    const html = toHtml(parsed);
    expect(html).toContain('<a href="https://e.example/x" title="a&#xD;b">t</a>');
    expect(html).toContain('<img src="https://e.example/a.png" alt="x&#xD;\ny&#xD;">');
    const $ = reading(html);
    expect($('a[title]').attr('title')).toBe('a\rb');
    expect($('img').attr('alt')).toBe('x\r\ny\r');
  });

  it('every attribute and text of an Article built by hand, with carriage returns anywhere they can stand', () => {
    const value: Article = {
      ...everyBlock,
      header: { ...everyBlock.header, title: withCarriageReturns('title') },
      body: [
        { type: 'paragraph', text: '', inlines: [text(withCarriageReturns('text')), { type: 'link', href: 'https://rail.example/', title: withCarriageReturns('link'), children: [text('l')] }] },
        { type: 'code', text: withCarriageReturns('code'), language: null },
        { type: 'image', src: 'https://img.example/a.jpg', alt: withCarriageReturns('alt'), title: withCarriageReturns('image'), width: null, height: null, caption: withCarriageReturns('caption'), credit: null, link: null },
      ],
    };
    for (const options of [{ document: true }, { document: true, media: 'elements' as const }]) {
      const html = toHtml(value, options);
      expect(html).not.toContain('\r');
      const $ = reading(html);
      expect($('title').text()).toBe(withCarriageReturns('title'));
      expect($('article > p').first().text()).toBe(`${withCarriageReturns('text')}l`);
      expect($('a[title]').attr('title')).toBe(withCarriageReturns('link'));
      expect($('code').text()).toBe(withCarriageReturns('code'));
      expect($('img').attr('alt')).toBe(withCarriageReturns('alt'));
      expect($('img').attr('title')).toBe(withCarriageReturns('image'));
      expect($('figcaption').text()).toBe(withCarriageReturns('caption'));
    }
  });
});

const fixtures = readdirSync(join(import.meta.dirname, 'fixtures'))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8') }));
const examples = sharedFiles('seeds', '').map((file) => ({ name: file.name, text: readFileSync(file.path, 'utf8') }));
const documents = [...corpusFiles(), ...fixtures, ...examples];

describe('read back: corpus, fixtures and the example seed', () => {
  it('covers the corpus and the example', () => {
    const listed = corpusManifestSize();
    if (listed !== null) expect(documents.length).toBe(listed + fixtures.length + examples.length);
    if (process.env.CI) expect(examples.length).toBeGreaterThan(0);
  });

  it.each(documents.map((file) => [file.name, file.text] as const))('%s: Markdown reads back the same text and URLs; HTML is clean', (_, text) => {
    const value = parseSeed(text);
    expectMarkdownReadBack(value);
    expectMarkdownReadBack(value, { emphasis: '_', strong: '_' });
    expectHtml(value);
    expectHtml(value, { media: 'elements', document: true });
  });
});
