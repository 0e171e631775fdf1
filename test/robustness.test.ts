import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeedParser, parseSeed, safeParseSeed, SeedParseError, type Article } from '../src/index.js';
import { checkOptions, cutsFor, diagnosticBody, splitAt, splitBytes } from './chunks.js';
import { corpusFiles, image, parseBody, seed } from './helpers.js';
import { assertNoUnsafeUrl, assertWellFormed } from './invariants.js';

/** parseSeed's whole promise: an Article, or a SeedParseError. */
function parseOrError(text: string): Article | SeedParseError {
  try {
    return parseSeed(text);
  } catch (error) {
    if (error instanceof SeedParseError) return error;
    throw error;
  }
}

function parseChunks(chunks: readonly (string | Uint8Array)[]): Article | SeedParseError {
  try {
    const parser = createSeedParser();
    for (const chunk of chunks) parser.write(chunk);
    return parser.end();
  } catch (error) {
    if (error instanceof SeedParseError) return error;
    throw error;
  }
}

/** Diagnostic messages quote the input (tag names): never a NUL or a lone surrogate in them. */
function assertCleanDiagnostics(article: Article): void {
  for (const diagnostic of article.diagnostics) {
    expect(diagnostic.message.includes('\0') || !diagnostic.message.isWellFormed(), diagnostic.message).toBe(false);
  }
}

/** HTML-ish text: tags, attributes, entities, comments and stray markup, mixed with anything. */
const htmlish = fc.stringMatching(
  /^(?:<\/?(?:p|div|b|i|a|img|br|h[1-6]|ul|ol|li|blockquote|figure|figcaption|video|source|iframe|script|svg|table|td|span|code|small|hr)(?: (?:href|src|class|width|height|data-selfpromo|poster|srcset)(?:="[^"<]{0,12}")?)*\/?>|&(?:amp|lt|nbsp|#x?[0-9a-f]{1,6});?|<!--.{0,8}-->|[a-z \n\t\u00a0中😀&<>"=\0]|\ud800)*$/,
  { maxLength: 400 },
);
const encoder = new TextEncoder();

describe('properties, for any input', () => {
  it('any body after a valid header: an Article, well formed, with no unsafe URL, clean diagnostics, the same in any chunks', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), htmlish, diagnosticBody),
        cutsFor(600),
        (body, cuts) => {
          const text = seed(body);
          const article = parseSeed(text);
          assertWellFormed(article, text);
          assertNoUnsafeUrl(article);
          assertCleanDiagnostics(article);
          expect(safeParseSeed(text)).toEqual({ ok: true, article });
          expect(parseChunks(splitAt(text, cuts))).toEqual(article);
        },
      ),
      checkOptions(400),
    );
  });

  it('block structure in any nesting (figures in captions in list items, headings and quotes, players, code): an Article, the same in any chunks, every block handed to onBlock', () => {
    const piece = fc.constantFrom(
      '<figure>', '</figure>', '<figcaption>', '</figcaption>', '<img src="/a.jpg">', '<img src="/b.jpg">', '<p>', '</p>', '<ul>', '</ul>', '<ol start="2">', '<li>', '</li>',
      '<h2>', '</h2>', '<small>', '</small>', '<pre>', '</pre>', '<video src="/v.mp4">', '</video>', '<a href="/l">', '</a>', '<blockquote>', '</blockquote>', '<div>', '</div>',
      '<iframe src="https://www.youtube.com/embed/x"></iframe>', '<picture>', '<source srcset="/c.jpg">', '</picture>', '<b>', '</b>', '<br>', '<!--c-->', 'x', 'y ', '\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 4, maxLength: 30, size: 'max' }), cutsFor(400), (pieces, cuts) => {
        const text = seed(pieces.join(''));
        const article = parseSeed(text);
        assertWellFormed(article, text);
        const handed: unknown[] = [];
        const parser = createSeedParser({ onBlock: (block) => handed.push(structuredClone(block)) });
        for (const chunk of splitAt(text, cuts)) parser.write(chunk);
        expect(parser.end()).toEqual(article);
        expect(handed).toEqual(article.body);
      }),
      checkOptions(3000),
    );
  });

  it('any bytes as body: invalid UTF-8 becomes U+FFFD, nothing throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), cutsFor(300), (bytes, cuts) => {
        const head = encoder.encode(seed(''));
        const whole = new Uint8Array(head.length + bytes.length);
        whole.set(head);
        whole.set(bytes, head.length);
        const article = parseChunks(splitBytes(whole, cuts));
        expect(article).not.toBeInstanceOf(SeedParseError);
        assertWellFormed(article as Article, new TextDecoder().decode(whole));
        expect(article).toEqual(parseSeed(new TextDecoder().decode(whole)));
      }),
      checkOptions(200),
    );
  });

  it('any header: an Article or a SeedParseError with a position inside the input', () => {
    const headerLine = fc.oneof(
      fc.constantFrom('---', '------', '<!--1-->', '<!-- 1700000000000 -->', '[T](u)', '[a [b]](<c d>)', '', ' ', 'layout: post', 'a: [b', '\r'),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(headerLine, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), htmlish, (lines, newline, body) => {
        const text = lines.join(newline) + newline + body;
        const result = parseOrError(text);
        if (result instanceof SeedParseError) {
          expect(result.offset).toBeGreaterThanOrEqual(0);
          expect(result.offset).toBeLessThanOrEqual(text.length);
          expect(result.line).toBeGreaterThanOrEqual(1);
          expect(result.column).toBeGreaterThanOrEqual(1);
          expect(result.message.length).toBeGreaterThan(0);
        } else {
          assertWellFormed(result, text);
        }
        expect(safeParseSeed(text).ok).toBe(!(result instanceof SeedParseError));
      }),
      checkOptions(400),
    );
  });

  const corpus = corpusFiles();
  const mutation = (length: number) =>
    fc.record({
      kind: fc.constantFrom('insert', 'delete', 'duplicate', 'swap'),
      at: fc.nat({ max: length }),
      size: fc.nat({ max: 64 }),
      other: fc.nat({ max: length }),
      text: htmlish,
    });
  function mutate(text: string, edits: { kind: string; at: number; size: number; other: number; text: string }[]): string {
    let result = text;
    for (const { kind, at, size, other, text: inserted } of edits) {
      const start = Math.min(at, result.length);
      const end = Math.min(start + size, result.length);
      if (kind === 'insert') result = result.slice(0, start) + inserted + result.slice(start);
      else if (kind === 'delete') result = result.slice(0, start) + result.slice(end);
      else if (kind === 'duplicate') result = result.slice(0, end) + result.slice(start, end) + result.slice(end);
      else {
        const from = Math.min(other, result.length);
        const to = Math.min(from + size, result.length);
        if (to <= start || from >= end) {
          const [a, b] = from < start ? [[from, to], [start, end]] : [[start, end], [from, to]];
          result = result.slice(0, a[0]) + result.slice(b[0], b[1]) + result.slice(a[1], b[0]) + result.slice(a[0], a[1]) + result.slice(b[1]);
        }
      }
    }
    return result;
  }

  it.each(corpus.map((file) => [file.name, file.text] as const))('mutations of %s: an Article or a SeedParseError; chunking changes nothing', (_name, original) => {
    fc.assert(
      fc.property(fc.array(mutation(original.length), { minLength: 1, maxLength: 4 }), cutsFor(original.length + 100), (edits, cuts) => {
        const text = mutate(original, edits);
        const whole = parseOrError(text);
        if (!(whole instanceof SeedParseError)) {
          assertWellFormed(whole, text);
          assertNoUnsafeUrl(whole);
          assertCleanDiagnostics(whole);
        }
        expect(parseChunks(splitAt(text, cuts))).toEqual(whole);
      }),
      checkOptions(12),
    );
  });

  it('arbitrary chunkings of arbitrary seeds equal the whole parse', () => {
    fc.assert(
      fc.property(htmlish, cutsFor(500), (body, cuts) => {
        const text = seed(body);
        expect(parseChunks(splitAt(text, cuts))).toEqual(parseOrError(text));
        expect(parseChunks(splitBytes(encoder.encode(text), cuts))).toEqual(parseOrError(text.toWellFormed()));
      }),
      checkOptions(300),
    );
  });
});

describe('text hygiene', () => {
  it('replaces NUL and lone surrogates with U+FFFD in diagnostic messages that quote tag names', () => {
    const article = parseBody('<div\0x>\n</sp\0an></x\ud800><b\udc00>');
    expect(article.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['UNMATCHED_END_TAG', 'Ignored the end tag </sp\ufffdan>: no <sp\ufffdan> is open'],
      ['UNMATCHED_END_TAG', 'Ignored the end tag </x\ufffd>: no <x\ufffd> is open'],
      ['UNCLOSED_ELEMENT', 'Closed 2 elements left open at the end of the body (outermost: <div\ufffdx>)'],
    ]);
    assertCleanDiagnostics(article);
  });

  it('replaces NUL and lone surrogates with U+FFFD in text, keeps surrogate pairs', () => {
    const article = parseBody('<p>a\0b \ud800 c \udc00d 😀 &#0; &#xD800;</p>');
    expect(article.body[0]).toMatchObject({ text: 'a\ufffdb \ufffd c \ufffdd 😀 \ufffd \ufffd' });
    expect(parseSeed('<!--1-->\n[a\0\udfff](u)\n---\n').header.title).toBe('a\ufffd\ufffd');
    const [image] = parseBody('<img src="/a\0\ud800.png" alt="x\0y" title="\udc00">').media;
    expect(image).toMatchObject({ src: 'https://news.example/a%EF%BF%BD%EF%BF%BD.png', alt: 'x\ufffdy', title: '\ufffd' });
  });
});

describe('prototype pollution', () => {
  it('leaves Object.prototype untouched by attribute names and front matter keys', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const article = parseSeed(
      seed('<p __proto__="x" constructor="y" prototype="z" class="__proto__"><a href="/a" __proto__="1" toString="2">t</a><img src="/i" __proto__="p" hasOwnProperty="h"></p>', {
        frontMatter: '__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nprototype: x\ntoString: y',
      }),
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(article.header.frontMatter ?? {})).toEqual(['__proto__', 'constructor', 'prototype', 'toString']);
    expect(article.body).toEqual([
      {
        type: 'paragraph',
        text: 't',
        inlines: [{ type: 'link', href: 'https://news.example/a', title: null, children: [{ type: 'text', value: 't' }] }],
      },
      image('https://news.example/i'),
    ]);
    assertWellFormed(article);
  });
});

describe('hostile front matter', () => {
  it.each([
    ['100,000 nested flow sequences', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['3,000 nested block mappings', Array.from({ length: 3000 }, (_, index) => `${' '.repeat(index)}k:`).join('\n')],
    ['an alias bomb', 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]'],
  ])('%s is INVALID_FRONT_MATTER, not a crash', (_name, frontMatter) => {
    const result = safeParseSeed(seed('<p>x</p>', { frontMatter }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'INVALID_FRONT_MATTER', line: expect.any(Number), column: expect.any(Number) });
  });
});

describe('size and depth', () => {
  const depth = 1_000_000;
  it.each(['span', 'div', 'blockquote', 'b', 'li', 'figure', 'a href=x'])('1,000,000 nested <%s>', (tag) => {
    const name = tag.split(' ')[0] as string;
    const body = `<${tag}>`.repeat(depth) + 'deep text' + `</${name}>`.repeat(depth / 2);
    const article = parseBody(body);
    expect(article.text).toContain('deep text');
    assertWellFormed(article);
  });

  it('a 50 MB body', () => {
    const unit = '<p>Paragraph with <a href="/x">a link</a>, <b>bold</b> text &amp; entities.</p>\n<div>Loose text<br>next line<img src="/i.png"></div>\n';
    const body = unit.repeat(Math.ceil(50_000_000 / unit.length));
    const article = parseBody(body);
    expect(article.media.length).toBe(Math.ceil(50_000_000 / unit.length));
    expect(article.links.length).toBe(article.media.length);
  });

  it('100,000 attributes on one tag', () => {
    const attributes = Array.from({ length: 100_000 }, (_, index) => ` a${index}="v${index}" src="/s${index}.png"`).join('');
    const article = parseBody(`<img${attributes}><p>after</p>`);
    expect(article.media).toEqual([expect.objectContaining({ src: 'https://news.example/s0.png' })]);
    expect(article.text).toBe('after');
  });

  it('a 1 MB title', () => {
    const title = 'Long title '.repeat(100_000);
    const article = parseSeed(seed('<p>x</p>', { title }));
    expect(article.header.title).toBe(title.trim());
    const chunked = createSeedParser();
    for (const chunk of splitAt(seed('<p>x</p>', { title }), Array.from({ length: 2000 }, (_, index) => index * 577))) chunked.write(chunk);
    expect(chunked.end()).toEqual(article);
  });
});

describe('nothing of a parse is kept after it', () => {
  // The context keeps the subject of the last successful regular-expression match
  // (`RegExp.input`): left there, the input or the Article's text would outlive both.
  const legacy = RegExp as unknown as { input: string; lastMatch: string };

  it('after a parse, the last match is on the empty string', () => {
    'unrelated'.match(/rel/);
    const article = parseBody('<p>Text  with\ttabs, a pair 😀 and &amp; an entity.</p>');
    expect(article.text).toBe('Text with tabs, a pair 😀 and & an entity.');
    expect(article.stats.characters).toBe(41);
    expect(legacy.input).toBe('');
    expect(legacy.lastMatch).toBe('');
  });

  it('after a streamed parse and after a failed one too', async () => {
    'unrelated'.match(/rel/);
    const parser = createSeedParser();
    parser.write(seed('<p>a  😀  b</p>'));
    expect(parser.end().text).toBe('a 😀 b');
    expect(legacy.input).toBe('');
    'unrelated'.match(/rel/);
    expect(safeParseSeed('<!--x-->\n[T](u)\n------\n<p>body</p>').ok).toBe(false);
    expect(legacy.input).toBe('');
  });
});
