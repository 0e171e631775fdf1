import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { formatSeed, parseSeed, type Article, type InlineInput, type ParseOptions, type SeedInput } from '../src/index.js';
import { isTreeTooLarge } from '../src/article/shape.js';
import { checkOptions } from './chunks.js';
import { corpusFiles, corpusManifestSize, image, plain, seed, sharedFiles } from './helpers.js';

/** An Article without its diagnostics, as plain data (the lazy `stats.words` read). */
function comparable(article: Article): Omit<Article, 'diagnostics'> {
  const { diagnostics: _, ...rest } = article;
  return plain(rest);
}

/** The round trip: what formatSeed writes reads back as the same Article (with the options it was parsed with). */
function expectRoundTrip(article: Article, where: string, options?: ParseOptions): void {
  const written = formatSeed(article);
  expect(comparable(parseSeed(written, options)), `${where}\n--- written ---\n${written}`).toEqual(comparable(article));
}

const HEADER = { timestamp: 1700000000000, title: 'A title', url: 'https://news.example/story/1' };

/** The body a partial input is written as (after the header lines). */
function bodyOf(input: Partial<SeedInput>): string {
  const text = formatSeed({ header: HEADER, ...input });
  return text.slice(text.indexOf('------\n') + 7);
}

function readBack(input: Partial<SeedInput>): Article {
  return parseSeed(formatSeed({ header: HEADER, ...input }));
}

const fixtures = readdirSync(join(import.meta.dirname, 'fixtures'))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8') }));

describe('formatSeed: exact output', () => {
  it('takes every Article, and the partial input of the issue (checked by tsc)', () => {
    expectTypeOf<Article>().toExtend<SeedInput>();
    expectTypeOf<Parameters<typeof formatSeed>[0]>().toEqualTypeOf<SeedInput>();
    const partial = { header: { timestamp: 1, title: 'T', url: 'u' }, body: [{ type: 'paragraph', text: 'Hello' }] } satisfies SeedInput;
    expect(parseSeed(formatSeed(partial)).text).toBe('Hello');
  });

  it('writes the header lines and a paragraph from the partial input of a test fixture', () => {
    expect(formatSeed({ header: HEADER, body: [{ type: 'paragraph', text: 'Hello' }] })).toBe(
      '<!--1700000000000-->\n[A title](https://news.example/story/1)\n------\n<p>Hello</p>\n',
    );
  });

  it('writes front matter through yaml, between fences', () => {
    const text = formatSeed({ header: { ...HEADER, frontMatter: { layout: 'post', tags: ['a', 'b'], n: 3, flag: 'True' } } });
    expect(text).toBe(
      '---\nlayout: post\ntags:\n  - a\n  - b\nn: 3\nflag: "True"\n---\n<!--1700000000000-->\n[A title](https://news.example/story/1)\n------\n',
    );
    expect(parseSeed(text).header.frontMatter).toEqual({ layout: 'post', tags: ['a', 'b'], n: 3, flag: 'True' });
  });

  it('writes empty front matter as two fences, and reads it back empty (not null)', () => {
    const text = formatSeed({ header: { ...HEADER, frontMatter: {} } });
    expect(text.startsWith('---\n---\n<!--')).toBe(true);
    expect(parseSeed(text).header.frontMatter).toEqual({});
  });

  it('escapes the title: backslashes and [ with a backslash, & < ] as entities', () => {
    const title = 'A [b] \\ c & d &amp; \\* e <f>';
    const text = formatSeed({ header: { ...HEADER, title } });
    expect(text.split('\n')[1]).toBe('[A \\[b&#93; \\\\ c &amp; d &amp;amp; \\\\* e &lt;f>](https://news.example/story/1)');
    expect(parseSeed(text).header.title).toBe(title);
  });

  it('writes front matter in flow style when block style would pass the 128 KiB limit, and rejects what does not fit', () => {
    const list = Array.from({ length: 25000 }, (_, index) => index % 10);
    const text = formatSeed({ header: { ...HEADER, frontMatter: { list } } });
    expect(text.startsWith('---\n{ list: [ 0, 1, 2,')).toBe(true);
    expect(parseSeed(text).header.frontMatter).toEqual({ list });
    expect(() => formatSeed({ header: { ...HEADER, frontMatter: { long: 'x'.repeat(131072) } } })).toThrow(
      new TypeError('formatSeed: header.frontMatter takes more than 131072 characters as YAML (the limit of a seed)'),
    );
  });

  it('writes front matter in a form that reads back as the same value: block, flow, compact flow, else JSON', () => {
    // Values that yaml's block style writes in forms that read back otherwise, and a flow list past the limit in flow style.
    const cases: [Record<string, unknown>, string][] = [
      [{ '\ufeffa': 1 }, '{ '],
      [{ '\ufeff]x': 1, b: 2 }, '{ '],
      [{ a: ' \t\n', b: 1 }, '{ '],
      [{ a: 'x\n\n' }, 'a: |+'],
      [{ list: Array.from({ length: 60000 }, () => 1) }, '{list: [1,1,'],
      // Read from `a: [a,a,…]` at 70 % of the limit: too long in block style, in flow style with yaml's spaces and as JSON.
      [{ a: Array.from({ length: 45873 }, () => 'a') }, '{a: [a,a,'],
      [{ 'a key': { 'x,y': ['[', 'b: c', ''] } }, 'a key:'],
    ];
    for (const [frontMatter, start] of cases) {
      const text = formatSeed({ header: { ...HEADER, frontMatter } });
      expect(text.slice(4, 4 + start.length), JSON.stringify(frontMatter).slice(0, 40)).toBe(start);
      expect(parseSeed(text).header.frontMatter).toEqual(frontMatter);
    }
  });

  it('round-trips generated front matter: keys and strings with white space, BOM, quotes and line breaks at any place', () => {
    const piece = fc.constantFrom(' ', '\t', '\n', '\r\n', '\ufeff', '\u00a0', '#', ':', '- ', '"', "'", '|', '>', '[', '{', '&a', '*a', '!', '%', '@', '`', 'x', 'yes', '1', '.5', '~');
    const text = fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join(''));
    const frontMatter = fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.integer()), { maxKeys: 4 });
    fc.assert(
      fc.property(frontMatter, (value) => {
        // An Article's front matter is what the reader gives: read first, then written and read again.
        const article = parseSeed(formatSeed({ header: { ...HEADER, frontMatter: value } }));
        const again = parseSeed(formatSeed(article));
        expect(again.header.frontMatter).toEqual(article.header.frontMatter);
      }),
      checkOptions(1000),
    );
  });

  it('writes a title that reads back the same wherever it holds ], ( and <: none is taken for a URL', () => {
    for (const title of ['x](javascript:y)', 'x](\u00a0javascript:y)', '<javascript:alert(1)>', 'a<javascript:b//](c>', '[a](b) [c]', ']]((<<']) {
      const text = formatSeed({ header: { ...HEADER, title } });
      expect(parseSeed(text).header.title, title).toBe(title.replace('\u00a0', ' '));
    }
  });

  it('puts the destination in <…> only when it needs it', () => {
    const line = (url: string) => formatSeed({ header: { ...HEADER, url } }).split('\n')[1];
    expect(line('https://a.example/x_(y)')).toBe('[A title](https://a.example/x_(y))');
    expect(line('<x>')).toBe('[A title](<<x>>)');
    expect(line(' lead')).toBe('[A title](< lead>)');
    expect(line('a b')).toBe('[A title](a b)');
    for (const url of ['https://a.example/x_(y)', '<x>', ' lead', 'trail\u3000', 'a b', '<>', '[x](y)', 'a\rb']) {
      expect(parseSeed(formatSeed({ header: { ...HEADER, url } })).header.url).toBe(url);
    }
  });

  it('writes the title collapsed, as it reads back', () => {
    const text = formatSeed({ header: { ...HEADER, title: '  two\n lines  ' } });
    expect(text.split('\n')[1]).toBe('[two lines](https://news.example/story/1)');
  });

  it('rejects what no seed can hold, with a TypeError', () => {
    expect(() => formatSeed({ header: { ...HEADER, title: ' \n ' } })).toThrow(new TypeError('formatSeed: header.title must not be empty'));
    for (const url of ['', ' ', '\t\u00a0']) {
      expect(() => formatSeed({ header: { ...HEADER, url } })).toThrow(new TypeError('formatSeed: header.url must not be empty or only white space'));
    }
    expect(() => formatSeed({ header: { ...HEADER, url: 'a\nb' } })).toThrow(new TypeError('formatSeed: header.url cannot hold a line feed'));
    expect(() => formatSeed({ header: { ...HEADER, url: 'https://a.example/x)' } })).toThrow(
      new TypeError('formatSeed: the parentheses of header.url must balance, got "https://a.example/x)"'),
    );
    expect(() => formatSeed({ header: { ...HEADER, url: 'JavaScript:alert(1)' } })).toThrow(new TypeError('formatSeed: header.url cannot be a javascript: URL'));
    expect(() => formatSeed({ header: { ...HEADER, timestamp: -1 } })).toThrow(
      new TypeError('formatSeed: header.timestamp must be a whole number from 0 to 253402300799999, got -1'),
    );
    expect(() => formatSeed({ header: { ...HEADER, timestamp: 1.5 } })).toThrow(TypeError);
    // A value of another type is named as what it is, not as empty or as a number it reads like.
    expect(() => formatSeed({ header: { ...HEADER, title: 5 as never } })).toThrow(new TypeError('formatSeed: header.title must be a string, got 5'));
    expect(() => formatSeed({ header: { ...HEADER, title: null as never } })).toThrow(new TypeError('formatSeed: header.title must be a string, got null'));
    expect(() => formatSeed({ header: { ...HEADER, url: ['https://a.example/'] as never } })).toThrow(new TypeError('formatSeed: header.url must be a string, got an array'));
    expect(() => formatSeed({ header: { ...HEADER, timestamp: '1' as never } })).toThrow(
      new TypeError('formatSeed: header.timestamp must be a whole number from 0 to 253402300799999, got "1"'),
    );
    expect(() => formatSeed({ header: { ...HEADER, timestamp: 1n as never } })).toThrow(
      new TypeError('formatSeed: header.timestamp must be a whole number from 0 to 253402300799999, got bigint'),
    );
    expect(() => formatSeed({ header: { ...HEADER, frontMatter: [] as unknown as Record<string, unknown> } })).toThrow(
      new TypeError('formatSeed: header.frontMatter must be a mapping (a plain object), got an array'),
    );
    expect(() => formatSeed({ header: { ...HEADER, frontMatter: new Date(0) as unknown as Record<string, unknown> } })).toThrow(
      new TypeError('formatSeed: header.frontMatter must be a mapping (a plain object), got an object ([object Date])'),
    );
    // A language rule 4 could not read back from its class.
    for (const language of ['', 'a b', 'x\ty']) {
      expect(() => formatSeed({ header: HEADER, body: [{ type: 'code', text: 'x', language }] })).toThrow(
        new TypeError(`formatSeed: body[0].language must be a word (the X of a language-X class: not empty, no white space), got ${JSON.stringify(language)}`),
      );
    }
    expect(() => formatSeed({ header: HEADER, body: [{ type: 'heading', level: 7 as 1, text: 'x' }] })).toThrow(
      new TypeError('formatSeed: body[0].level must be a heading level from 1 to 6, got 7'),
    );
    expect(() => formatSeed({ header: HEADER, body: [{ type: 'table' } as never] })).toThrow(
      new TypeError('formatSeed: body[0].type is no block type: "table" (one of paragraph, heading, quote, list, code, image, embed, video, audio)'),
    );
    expect(() => formatSeed(null as never)).toThrow(new TypeError('formatSeed expects an object with a header'));
  });

  it('checks its input against the shape of an Article first: a TypeError names where it is out of shape, nothing is dropped', () => {
    const paragraph = (inlines: unknown) => ({ header: HEADER, body: [{ type: 'paragraph', inlines }] }) as unknown as SeedInput;
    const cases: [SeedInput, string][] = [
      // Names an object has from its prototype are no types.
      [{ header: HEADER, body: [{ type: 'constructor', text: 'x' }] } as never, 'body[0].type is no block type: "constructor"'],
      [{ header: HEADER, body: [{ type: '__proto__' }] } as never, 'body[0].type is no block type: "__proto__"'],
      [paragraph([{ type: 'toString', value: 'x' }]), 'body[0].inlines[0].type is no inline type: "toString"'],
      [{ header: HEADER, body: [null] } as never, 'body[0] must be a block, got null'],
      [{ header: HEADER, body: {} } as never, 'body must be an array, got an object ([object Object])'],
      [{ header: HEADER, body: [{ type: 'image' }] } as never, 'body[0].src must be a string, got undefined'],
      [{ header: HEADER, body: [{ type: 'embed', src: 5 }] } as never, 'body[0].src must be a string, got 5'],
      [{ header: HEADER, body: [{ type: 'quote' }] } as never, 'body[0] needs blocks or text'],
      [{ header: HEADER, body: [{ type: 'list', ordered: true }] } as never, 'body[0] needs items or text'],
      [{ header: HEADER, body: [{ type: 'list', items: [{}] }] } as never, 'body[0].items[0] needs inlines or text'],
      [{ header: HEADER, body: [{ type: 'list', text: 'a', start: -1 }] } as never, 'body[0].start must be a whole number, got -1'],
      [{ header: HEADER, body: [{ type: 'code' }] } as never, 'body[0].text must be a string, got undefined'],
      [{ header: HEADER, body: [{ type: 'video', sources: [{ src: 'javascript:x' }] }] } as never, 'body[0].sources[0].src is a javascript: URL, which rule 9 never lets through'],
      [{ header: HEADER, body: [{ type: 'image', src: 'data:text/html,x' }] } as never, 'body[0].src is a data: URL, which rule 9 never lets through'],
      [paragraph([{ type: 'strong' }]), 'body[0].inlines[0].children must be an array, got undefined'],
      [paragraph([{ type: 'link', href: ' JavaScript:x', children: [] }]), 'body[0].inlines[0].href is a javascript: URL, which rule 9 never lets through'],
      [{ header: HEADER, dateline: 'text' } as never, 'dateline must be an object, got "text"'],
      [{ header: HEADER, lead: { text: 'l' } } as never, "lead must be a paragraph ({ type: 'paragraph', … }), got an object ([object Object])"],
    ];
    for (const [input, message] of cases) {
      expect(() => formatSeed(input), message).toThrow(TypeError);
      expect(() => formatSeed(input), message).toThrow(`formatSeed: ${message}`);
    }
    // Deeper than the parser reads, and cyclic: an error, not a stack overflow.
    let deep: unknown = { type: 'text', value: 'x' };
    for (let depth = 0; depth < 100_000; depth++) deep = { type: 'strong', children: [deep] };
    expect(() => formatSeed(paragraph([deep]))).toThrow(/nests inlines more than 64 deep/);
    const cyclic = { type: 'emphasis', children: [] as unknown[] };
    cyclic.children.push(cyclic);
    expect(() => formatSeed(paragraph([cyclic]))).toThrow(/^formatSeed: body\[0\]\.inlines\[0\]\.children\[0\].{0,140}… ?.*nests inlines more than 64 deep/);
    // 64 containers deep, as the parser can give them, are written and read back.
    let nested: InlineInput = { type: 'text', value: 'x' };
    for (let depth = 0; depth < 64; depth++) nested = { type: depth % 2 === 0 ? 'strong' : 'emphasis', children: [nested] } as InlineInput;
    expectRoundTrip(parseSeed(formatSeed(paragraph([nested]))), '64 deep');
    // Fields an Article derives may be anything: they are ignored.
    expect(formatSeed({ header: HEADER, lead: { type: 'paragraph', text: 'l' }, body: [{ type: 'image', src: '/i' }], links: null } as never)).toContain('<p class="lead">l</p>');
  });

  it('ignores the fields an Article derives, whatever they hold', () => {
    const header = { timestamp: 1, title: 'T', url: 'https://a.example/' };
    const plain = formatSeed({ header, dateline: { text: '03/10/2024 - 20:45' }, body: [{ type: 'embed', src: 'https://www.youtube.com/embed/x' }] });
    const derived = {
      header: { ...header, published: 42 },
      dateline: { text: '03/10/2024 - 20:45', iso: 7 },
      body: [{ type: 'embed', src: 'https://www.youtube.com/embed/x', provider: 99 }],
      media: 'x',
      links: 5,
      text: null,
      stats: [],
      diagnostics: {},
    };
    expect(formatSeed(derived as never)).toBe(plain);
  });

  it('tells front matter too long to write before trying a form, in time in proportion to the object held', () => {
    const tooLong = new TypeError('formatSeed: header.frontMatter takes more than 131072 characters as YAML (the limit of a seed)');
    const withFrontMatter = (frontMatter: Record<string, unknown>) => formatSeed({ header: { ...HEADER, frontMatter } });
    // An object held twice at each of 40 levels: 2^40 copies, checked as 41 objects.
    let shared: Record<string, unknown> = { v: 1 };
    for (let level = 0; level < 40; level++) shared = { x: shared, y: shared };
    expect(() => withFrontMatter({ shared })).toThrow(tooLong);
    expect(() => withFrontMatter({ k: new Array<string>(300_000).fill('a') })).toThrow(tooLong);
    // Held 20 times, written once with aliases: it fits, and reads back as 20 copies.
    const big = { s: 'x'.repeat(10_000) };
    const text = withFrontMatter({ list: new Array(20).fill(big) });
    expect(text.length).toBeLessThan(11_000);
    expect(parseSeed(text).header.frontMatter).toEqual({ list: new Array(20).fill(big) });
    // A small one held a few times is written and read back whole.
    let few: Record<string, unknown> = { v: 1 };
    for (let level = 0; level < 5; level++) few = { x: few, y: few };
    expect(parseSeed(withFrontMatter({ few })).header.frontMatter).toEqual({ few });
  });
  it('writes front matter of JSON data only: anything else is a TypeError, never a value changed or lost', () => {
    const frontMatter = (value: Record<string, unknown>) => () => formatSeed({ header: { ...HEADER, frontMatter: value } });
    expect(frontMatter({ m: new Map([['a', 1]]) })).toThrow(
      new TypeError('formatSeed: header.frontMatter.m must be JSON data (a string, number, boolean, null, array or plain object), got an object ([object Map])'),
    );
    expect(frontMatter({ list: [1, () => 2] })).toThrow(/header\.frontMatter\.list\[1\] must be JSON data .* got function/);
    expect(frontMatter({ big: 10n })).toThrow(/header\.frontMatter\.big must be JSON data .* got bigint/);
    expect(frontMatter({ list: [undefined] })).toThrow(/header\.frontMatter\.list\[0\] must be JSON data .* got undefined/);
    expect(frontMatter({ n: Number.NaN })).toThrow(new TypeError('formatSeed: header.frontMatter.n must be a finite number, got NaN'));
    // JSON.stringify writes an invalid Date as null, and leaves out what is keyed by a symbol or not enumerable, and the holes and names of an array.
    expect(frontMatter({ list: [{ d: new Date(Number.NaN) }] })).toThrow(
      new TypeError('formatSeed: header.frontMatter.list[0].d must be a valid Date, got an invalid one (JSON writes it as null)'),
    );
    expect(frontMatter({ a: { [Symbol('s')]: 1, b: 2 } })).toThrow(new TypeError('formatSeed: header.frontMatter.a has a property keyed by Symbol(s), which JSON data cannot hold'));
    expect(frontMatter({ [Symbol.iterator]: 1 })).toThrow(new TypeError('formatSeed: header.frontMatter has a property keyed by Symbol(Symbol.iterator), which JSON data cannot hold'));
    expect(frontMatter({ list: Object.assign([1], { [Symbol('s')]: 2 }) })).toThrow(/^formatSeed: header\.frontMatter\.list has a property keyed by Symbol\(s\)/);
    expect(frontMatter({ a: Object.defineProperty({}, 'hidden', { value: 1 }) })).toThrow(
      new TypeError('formatSeed: header.frontMatter.a has a property "hidden" that is not enumerable, which JSON leaves out'),
    );
    expect(frontMatter({ list: [1, , 3] })).toThrow(new TypeError('formatSeed: header.frontMatter.list has no entry at 1 (a hole), which JSON writes as null'));
    expect(frontMatter({ list: new Array(3) })).toThrow(new TypeError('formatSeed: header.frontMatter.list has no entry at 0 (a hole), which JSON writes as null'));
    expect(frontMatter({ list: Object.assign([1], { name: 'x' }) })).toThrow(
      new TypeError('formatSeed: header.frontMatter.list has a property "name" besides its entries, which JSON leaves out'),
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(frontMatter(cyclic)).toThrow(/nests collections more than 64 deep, the most a seed holds/);
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let depth = 0; depth < 64; depth++) deep = deep.a = {};
    expect(frontMatter(root)).toThrow(/nests collections more than 64 deep/);
    // Keys that the reader makes one (a NUL and U+FFFD both read as U+FFFD): no form reads back.
    expect(frontMatter({ '\0': 1, '\ufffd': 2 })).toThrow(/^formatSeed: header\.frontMatter cannot be read back from any YAML form: .*twice/);
    // A NUL or a lone surrogate reads back as U+FFFD, and leaves the rest as written: a key that starts with U+FEFF keeps it.
    expect(readBack({ header: { ...HEADER, frontMatter: { '\ufeffk': 1, 'x\ud800': 2, n: 'a\0b', '\\ud800': '\\u0000' } } }).header.frontMatter).toEqual({
      '\ufeffk': 1,
      'x\ufffd': 2,
      n: 'a\ufffdb',
      '\\ud800': '\\u0000',
    });
    // What JSON.stringify writes for a Date, and leaves out for undefined, is what is written.
    expect(readBack({ header: { ...HEADER, frontMatter: { d: new Date(0), gone: undefined, n: null } } }).header.frontMatter).toEqual({ d: '1970-01-01T00:00:00.000Z', n: null });
  });
  it('reads each value of front matter once: a getter or a proxy is written with what it gave first, never a later value', () => {
    class Secret {
      secret = 's';
    }
    const laterValues: unknown[] = [Number.NaN, new Date(Number.NaN), new Secret(), new Map([['k', 'v']]), () => 1, 10n, undefined, Symbol('s'), { x: 1 }];
    for (const later of laterValues) {
      const reads = new Map<string, number>();
      const read = (where: string, first: unknown): unknown => {
        const count = (reads.get(where) ?? 0) + 1;
        reads.set(where, count);
        return count === 1 ? first : later;
      };
      /** An object of enumerable getters, each giving its value on the first read and `later` after. */
      const getters = (where: string, values: Record<string, unknown>): Record<string, unknown> => {
        const object: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(values)) Object.defineProperty(object, key, { get: () => read(`${where}.${key}`, value), enumerable: true });
        return object;
      };
      /** A proxy whose every property read gives the target's value the first time and `later` after. */
      const proxy = <T extends object>(where: string, target: T): T =>
        new Proxy(target, { get: (object, key, receiver) => (typeof key === 'string' ? read(`${where}.${key}`, Reflect.get(object, key, receiver)) : Reflect.get(object, key, receiver)) });
      const list = ['x', getters('list[1]', { c: true })];
      Object.defineProperty(list, 0, { get: () => read('list[0]', 'x'), enumerable: true });
      const cases: [Record<string, unknown>, unknown, string[]][] = [
        [
          getters('top', { a: 'ok', d: new Date(0), nested: getters('nested', { b: 1, deeper: getters('deeper', { e: null }) }), list }),
          { a: 'ok', d: '1970-01-01T00:00:00.000Z', nested: { b: 1, deeper: { e: null } }, list: ['x', { c: true }] },
          ['deeper.e', 'list[0]', 'list[1].c', 'nested.b', 'nested.deeper', 'top.a', 'top.d', 'top.list', 'top.nested'],
        ],
        [
          proxy('top', { a: 'ok', nested: proxy('nested', { b: 1, d: new Date(0) }), list: proxy('list', ['x', proxy('item', { c: 'y' }), 2]) }),
          { a: 'ok', nested: { b: 1, d: '1970-01-01T00:00:00.000Z' }, list: ['x', { c: 'y' }, 2] },
          ['item.c', 'list.0', 'list.1', 'list.2', 'list.length', 'nested.b', 'nested.d', 'top.a', 'top.list', 'top.nested'],
        ],
      ];
      for (const [frontMatter, written, properties] of cases) {
        reads.clear();
        let text: string;
        try {
          text = formatSeed({ header: { ...HEADER, frontMatter } });
        } catch (error) {
          // Refused (never the case here: each value is read once, and the first ones are good).
          expect.fail(`${String(later)}: ${String(error)}`);
        }
        expect(parseSeed(text).header.frontMatter, String(later)).toEqual(written);
        // Exactly one read per property (an array's length too).
        expect([...reads.values()].every((count) => count === 1), JSON.stringify([...reads])).toBe(true);
        expect([...reads.keys()].sort()).toEqual(properties);
      }
    }
  });

  it('escapes text, never interprets it', () => {
    expect(bodyOf({ body: [{ type: 'paragraph', text: '<b>' }] })).toBe('<p>&lt;b&gt;</p>\n');
    const article = readBack({ body: [{ type: 'paragraph', text: '<b>x</b> &amp; <script>' }] });
    expect(article.body).toEqual([{ type: 'paragraph', text: '<b>x</b> &amp; <script>', inlines: [{ type: 'text', value: '<b>x</b> &amp; <script>' }] }]);
  });

  it('writes the dateline first, then the media before the lead, then the lead with its class', () => {
    const input: Partial<SeedInput> = {
      dateline: { text: '19/05/2023 - 18:08' },
      lead: { type: 'paragraph', text: 'Lead' },
      body: [
        { type: 'image', src: 'https://img.example/a.jpg' },
        { type: 'paragraph', text: 'Body' },
      ],
    };
    expect(bodyOf(input)).toBe('<p>19/05/2023 - 18:08</p>\n<img src="https://img.example/a.jpg">\n<p class="lead">Lead</p>\n<p>Body</p>\n');
    const article = readBack(input);
    expect(article.dateline).toEqual({ text: '19/05/2023 - 18:08', iso: '2023-05-19T18:08' });
    expect(article.lead).toEqual({ type: 'paragraph', text: 'Lead', inlines: [{ type: 'text', value: 'Lead' }] });
    expect(article.body).toEqual([image('https://img.example/a.jpg'), { type: 'paragraph', text: 'Body', inlines: [{ type: 'text', value: 'Body' }] }]);
  });

  it('keeps the lead before a linked image when the links say it stood there', () => {
    const before = parseSeed(seed('<p class="lead"><a href="https://l.example/">Lead</a></p><a href="https://img.example/full.jpg"><img src="https://img.example/a.jpg"></a><p>x</p>'));
    expect(bodyOf(before)).toBe(
      '<p class="lead"><a href="https://l.example/">Lead</a></p>\n<a href="https://img.example/full.jpg"><img src="https://img.example/a.jpg"></a>\n<p>x</p>\n',
    );
    expectRoundTrip(before, 'lead first');
    const after = parseSeed(seed('<a href="https://img.example/full.jpg"><img src="https://img.example/a.jpg"></a><p class="lead"><a href="https://l.example/">Lead</a></p><p>x</p>'));
    expect(bodyOf(after).startsWith('<a href="https://img.example/full.jpg"><img src="https://img.example/a.jpg"></a>\n<p class="lead">')).toBe(true);
    expectRoundTrip(after, 'image first');
  });

  it('writes every inline as its element', () => {
    const inlines = [
      { type: 'text', value: 'a ' },
      { type: 'strong', children: [{ type: 'text', value: 'b' }, { type: 'emphasis', children: [{ type: 'text', value: 'c' }] }] },
      { type: 'break' },
      { type: 'code', value: 'x <y>\nz' },
      { type: 'text', value: ' ' },
      { type: 'link', href: 'https://l.example/?a=1&b="2"', title: 'T "q"', children: [{ type: 'text', value: 'l' }] },
      { type: 'link', href: 'https://l.example/2', title: null, children: [{ type: 'text', value: 'm' }] },
    ] as const;
    expect(bodyOf({ body: [{ type: 'paragraph', inlines }] })).toBe(
      '<p>a <strong>b<em>c</em></strong><br><code>x &lt;y&gt;<br>z</code> <a href="https://l.example/?a=1&amp;b=&quot;2&quot;" title="T &quot;q&quot;">l</a>' +
        '<a href="https://l.example/2">m</a></p>\n',
    );
    const [paragraph] = readBack({ body: [{ type: 'paragraph', inlines }] }).body;
    expect(paragraph).toEqual({ type: 'paragraph', text: 'a bc\nx <y>\nz lm', inlines });
  });

  it('writes a paragraph text alone with each line feed as <br>', () => {
    expect(bodyOf({ body: [{ type: 'paragraph', text: 'one\ntwo' }] })).toBe('<p>one<br>two</p>\n');
    expect(readBack({ body: [{ type: 'paragraph', text: 'one\ntwo' }] }).body[0]).toEqual({
      type: 'paragraph',
      text: 'one\ntwo',
      inlines: [{ type: 'text', value: 'one' }, { type: 'break' }, { type: 'text', value: 'two' }],
    });
  });

  it('white space in partial input reads back collapsed, as the parser reads any text', () => {
    const article = readBack({ body: [{ type: 'paragraph', inlines: [{ type: 'text', value: '  a  b  ' }] }] });
    expect(article.body).toEqual([{ type: 'paragraph', text: 'a b', inlines: [{ type: 'text', value: 'a b' }] }]);
  });

  it('writes headings, quotes, lists (with start) and code blocks', () => {
    const body: SeedInput['body'] = [
      { type: 'heading', level: 3, text: 'H' },
      { type: 'quote', text: 'q1\n\nq2' },
      { type: 'list', ordered: true, start: 4, text: 'i1\ni2' },
      { type: 'list', text: 'u' },
      { type: 'code', text: '\n  x < 1\n\ty', language: 'js' },
    ];
    expect(bodyOf({ body })).toBe(
      '<h3>H</h3>\n<blockquote><p>q1</p><p>q2</p></blockquote>\n<ol start="4">\n<li>i1</li>\n<li>i2</li>\n</ol>\n<ul>\n<li>u</li>\n</ul>\n' +
        '<pre>\n<code class="language-js">\n  x &lt; 1\n\ty</code></pre>\n',
    );
  });

  it('writes an image with its link, caption and credit in a figure', () => {
    const block = {
      type: 'image' as const,
      src: 'https://img.example/a.jpg',
      alt: 'A "cat"',
      title: '',
      width: 640,
      height: 480,
      caption: 'A cat <3',
      credit: 'Photo: X',
      link: 'https://img.example/full.jpg',
    };
    expect(bodyOf({ body: [block] })).toBe(
      '<figure><a href="https://img.example/full.jpg"><img src="https://img.example/a.jpg" alt="A &quot;cat&quot;" title="" width="640" height="480"></a>' +
        '<figcaption>A cat &lt;3 <small>Photo: X</small></figcaption></figure>\n',
    );
  });

  it('writes video, audio and embeds with their sources, poster and caption', () => {
    const body: SeedInput['body'] = [
      { type: 'video', src: null, poster: 'https://v.example/p.jpg', sources: [{ src: 'https://v.example/a.mp4', type: 'video/mp4' }, { src: 'https://v.example/a.webm' }], caption: 'V' },
      { type: 'audio', src: 'https://v.example/a.mp3' },
      { type: 'embed', src: 'https://www.youtube.com/embed/x', caption: 'E & F' },
    ];
    expect(bodyOf({ body })).toBe(
      '<figure><video poster="https://v.example/p.jpg"><source src="https://v.example/a.mp4" type="video/mp4"><source src="https://v.example/a.webm"></video>' +
        '<figcaption>V</figcaption></figure>\n<audio src="https://v.example/a.mp3"></audio>\n' +
        '<figure><iframe src="https://www.youtube.com/embed/x"></iframe><figcaption>E &amp; F</figcaption></figure>\n',
    );
    expect(readBack({ body }).media).toEqual([
      { type: 'video', src: null, poster: 'https://v.example/p.jpg', sources: [{ src: 'https://v.example/a.mp4', type: 'video/mp4' }, { src: 'https://v.example/a.webm', type: null }], caption: 'V' },
      { type: 'audio', src: 'https://v.example/a.mp3', sources: [], caption: null },
      { type: 'embed', src: 'https://www.youtube.com/embed/x', provider: 'youtube', caption: 'E & F' },
    ]);
  });

  it('encodes tabs and line breaks in attribute values', () => {
    expect(bodyOf({ body: [{ type: 'image', src: 'https://img.example/a.jpg', alt: 'a\tb\nc\rd' }] })).toBe(
      '<img src="https://img.example/a.jpg" alt="a&#9;b&#10;c&#13;d">\n',
    );
    expect((readBack({ body: [{ type: 'image', src: 'https://img.example/a.jpg', alt: 'a\tb\nc\rd' }] }).media[0] as { alt: string }).alt).toBe('a\tb\nc\rd');
  });
});

describe('formatSeed: the round trip parseSeed(formatSeed(a)) equals a, apart from diagnostics', () => {
  it('contract 0.2: a list start, a code block and a linked image read back the same', () => {
    const value = parseSeed(
      seed(
        '<ol start="3"><li>a</li><li>b</li></ol><pre><code class="language-js">\n\n  x &lt; 1\n\ty  </code></pre><pre>\n\nz</pre>' +
          '<a href="https://img.example/full.jpg"><img src="https://img.example/a.jpg" alt="A"></a>',
      ),
    );
    expect(value.body).toEqual([
      { type: 'list', ordered: true, start: 3, text: 'a\nb', items: [{ text: 'a', inlines: [{ type: 'text', value: 'a' }] }, { text: 'b', inlines: [{ type: 'text', value: 'b' }] }] },
      { type: 'code', text: '\n\n  x < 1\n\ty', language: 'js' },
      { type: 'code', text: '\nz', language: null },
      image('https://img.example/a.jpg', { alt: 'A', link: 'https://img.example/full.jpg' }),
    ]);
    expect(bodyOf(value)).toBe(
      '<ol start="3">\n<li>a</li>\n<li>b</li>\n</ol>\n<pre>\n<code class="language-js">\n\n  x &lt; 1\n\ty</code></pre>\n<pre>\n<code>\nz</code></pre>\n' +
        '<a href="https://img.example/full.jpg"><img src="https://img.example/a.jpg" alt="A"></a>\n',
    );
    expectRoundTrip(value, 'contract 0.2');
  });

  it.each([
    ['an absolute base other than the title URL', 'https://news.example/story/1', { baseUrl: 'https://other.example/dir/' }],
    ['a base that is not an absolute URL (relative URLs stay as written)', 'https://news.example/story/1', { baseUrl: 'not-absolute' }],
    ['a relative title URL and no base', '/story/1', undefined],
  ] as const)('with the options of the first parse: %s', (_name, url, options) => {
    const body = '<p><a href="x">rel</a> <a href="#f">frag</a></p><img src="i.png"><video src="v.mp4" poster="p.jpg"><source src="s.webm"></video><iframe src="//e.example/e"></iframe>';
    const value = parseSeed(seed(body, { url }), options);
    expect(value.links.length).toBe(2);
    expectRoundTrip(value, body, options);
  });

  it.each([
    '<a href="/a"><p><a href="/b">z</a>',
    '<a href="/a"><h2><a href="/b">z</a></h2>',
    '<a href="/a"><ul><li><a href="/b">z</a></li></ul>',
    '<a href="/a"><p>y<a href="/b">z</a> w<a href="/c"><a href="/d">v</a></a>',
  ])('a link the parser nests inside a link reads back nested: %j', (body) => {
    const value = parseSeed(seed(body));
    expect(value.links.length).toBeGreaterThanOrEqual(2);
    expectRoundTrip(value, body);
  });

  const corpus = corpusFiles();
  it('covers the corpus', () => {
    const listed = corpusManifestSize();
    if (listed !== null) expect(corpus.length).toBe(listed);
  });
  it.each(corpus.map((file) => [file.name, file.text] as const))('corpus %s', (name, text) => {
    expectRoundTrip(parseSeed(text), name);
  });

  it.each(fixtures.map((file) => [file.name, file.text] as const))('fixture %s', (name, text) => {
    expectRoundTrip(parseSeed(text), name);
  });

  const examples = sharedFiles('seeds', '');
  it('covers the example seed', () => {
    if (process.env.CI) expect(examples.length).toBeGreaterThan(0);
  });
  it.each(examples.map((file) => [file.name, readFileSync(file.path, 'utf8')] as const))('example %s', (name, text) => {
    expectRoundTrip(parseSeed(text), name);
  });

  const html5lib = sharedFiles('html5lib-tests/tokenizer', '.test').map((file) => {
    const json = JSON.parse(readFileSync(file.path, 'utf8')) as Record<string, { input: string; doubleEscaped?: boolean }[]>;
    const tests = json.tests ?? json.xmlViolationTests ?? [];
    const unescape = (text: string) => text.replace(/\\u([0-9A-Fa-f]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return { name: basename(file.name, '.test'), inputs: tests.map((test) => (test.doubleEscaped ? unescape(test.input) : test.input)) };
  });
  it('covers the html5lib tokenizer tests', () => {
    if (process.env.CI) expect(html5lib.length).toBeGreaterThan(10);
  });
  it.each(html5lib.map((file) => [file.name, file.inputs] as const))('html5lib %s: every input as a body', (_, inputs) => {
    for (const input of inputs) expectRoundTrip(parseSeed(seed(input)), `body ${JSON.stringify(input)}`);
  });
});

describe('formatSeed and the renderers read each value once', () => {
  const header = { timestamp: 1, title: 't', url: 'https://news.example/a' };
  /** A value that reads as `first` once, and as `then` ever after. */
  function changing<T>(first: T, then: unknown): { readonly value: T } {
    let reads = 0;
    return {
      get value() {
        return (reads++ === 0 ? first : then) as T;
      },
    };
  }
  // Each input passes the check on its first read and would be markup, or an unsafe URL, on a second.
  const inputs = (): [string, SeedInput][] => {
    const level = changing(1, '1><script>alert(1)</script');
    const src = changing('https://i.example/a.png', 'javascript:alert(1)');
    const inlines: InlineInput[] = [{ type: 'text', value: 'x' }];
    Object.defineProperty(inlines, Symbol.iterator, {
      *value() {
        yield { type: 'link', href: 'javascript:alert(1)', title: null, children: [{ type: 'text', value: 'x' }] };
      },
    });
    let typeReads = 0;
    const proxied = new Proxy({ type: 'paragraph', inlines: [{ type: 'text', value: 'p' }] }, {
      get: (target, name) => (name === 'type' && typeReads++ > 0 ? 'heading' : Reflect.get(target, name)),
    });
    return [
      ['a heading level behind a getter', { header, body: [{ type: 'heading', text: 'Hi', get level() { return level.value; } } as never] }],
      ['an image src behind a getter', { header, body: [{ type: 'image', get src() { return src.value; } } as never] }],
      ['inlines with their own iterator', { header, body: [{ type: 'paragraph', inlines }] }],
      ['a block behind a proxy', { header, body: [proxied as never] }],
    ];
  };

  it.each(inputs().map(([name]) => [name]))('writes what it checked: %s', (name) => {
    const input = (inputs().find(([each]) => each === name) as [string, SeedInput])[1];
    const written = formatSeed(input);
    expect(written).not.toMatch(/script|javascript/);
    expect(parseSeed(written).diagnostics).toEqual([]);
  });

  it('reads the header once: a getter giving a valid header first and another one later is written with the first', () => {
    let reads = 0;
    const input = {
      get header() {
        reads++;
        return reads === 1 ? header : { timestamp: 2, title: 'Other', url: 'https://o.example/' };
      },
    } as unknown as SeedInput;
    const written = formatSeed(input);
    expect(reads).toBe(1);
    expect(parseSeed(written).header.title).toBe(header.title);
  });

  it('takes `links` (derived) as a hint only, whatever it holds: a getter that throws, a revoked proxy, entries that throw', () => {
    const article = parseSeed(seed('<a href="/i"><img src="/i.png" alt="i"></a><p><b><a href="/l">Lead</a></b></p><p>x</p>', { url: 'https://e.example/' }));
    expect(article.lead).not.toBeNull();
    const expected = formatSeed(article);
    const revoked = Proxy.revocable([], {});
    revoked.revoke();
    const throwingEntry = {
      get href(): string {
        throw new Error('entry');
      },
    };
    for (const links of [
      Object.defineProperty({ ...article }, 'links', {
        get() {
          throw new Error('links');
        },
      }),
      { ...article, links: revoked.proxy },
      { ...article, links: [throwingEntry, throwingEntry] },
      { ...article, links: 'not links' },
    ]) {
      const written = formatSeed(links as unknown as SeedInput);
      // Without a usable hint the lead stands after the leading media, as it did here.
      expect(written).toBe(expected);
    }
  });

  it('renders what it checked', async () => {
    const { toHast, toHtml, toMarkdown, toMdast } = await import('../src/render/index.js');
    // The same tricks in Article-shaped blocks (an Article has every field).
    const blocks = (): unknown[] => {
      const [heading, image, iterated, proxied] = inputs().map(([, input]) => (input.body as unknown[])[0]);
      Object.assign(heading as object, { inlines: [{ type: 'text', value: 'Hi' }] });
      Object.assign(image as object, { alt: null, title: null, width: null, height: null, caption: null, credit: null, link: null });
      return [heading, image, iterated, proxied];
    };
    for (const render of [toHtml, toMarkdown, (article: Article) => JSON.stringify(toHast(article)), (article: Article) => JSON.stringify(toMdast(article))]) {
      for (const block of blocks()) {
        const article = { ...parseSeed(formatSeed({ header })), body: [block] } as unknown as Article;
        expect(render(article)).not.toMatch(/script|javascript/);
      }
    }
  });

  it('checks an object held in many places once, and refuses a tree of more objects than it takes', async () => {
    const { toHtml, toMdast } = await import('../src/render/index.js');
    const shared = (levels: number): InlineInput[] => {
      let inlines: InlineInput[] = [{ type: 'text', value: 'x' }];
      for (let level = 0; level < levels; level++) inlines = [{ type: 'strong', children: inlines }, { type: 'emphasis', children: inlines }];
      return inlines;
    };
    // Two places at each of 40 levels: 2^40 copies, checked as 41 lists and refused at once, a RangeError: in shape, too large.
    const huge = shared(40);
    expect(() => formatSeed({ header, body: [{ type: 'paragraph', inlines: huge }] })).toThrow(/^formatSeed: body\[0\]\.inlines.* makes the tree hold more than 16777216 objects, counted in each place they are held: more than the writer and the renderers take$/);
    expect(() => formatSeed({ header, body: [{ type: 'paragraph', inlines: huge }] })).toThrow(RangeError);
    const article = { ...parseSeed(formatSeed({ header })), body: [{ type: 'paragraph', text: 'x', inlines: huge }] } as unknown as Article;
    expect(() => toHtml(article)).toThrow(/^toHtml: body\[0\]\.inlines.* makes the tree hold more than 16777216 objects/);
    expect(() => toMdast(article)).toThrow(RangeError);
    let thrown: unknown;
    try {
      toMdast(article);
    } catch (error) {
      thrown = error;
    }
    expect(isTreeTooLarge(thrown)).toBe(true);
    expect(isTreeTooLarge(new RangeError('makes the tree hold more than 16777216 objects'))).toBe(false);
    // A small tree that shares its parts is written out whole, each copy in its place.
    const small = parseSeed(formatSeed({ header, body: [{ type: 'paragraph', inlines: shared(3) }] }));
    expect(small.body[0]).toMatchObject({ type: 'paragraph', text: 'x'.repeat(8) });
  });

  it('writes an object held as a list item and as a paragraph as each', async () => {
    const { toHtml } = await import('../src/render/index.js');
    const shared = { type: 'paragraph', text: 'Shared' } as const;
    const quoted = { type: 'paragraph', text: 'Q' } as const;
    for (const body of [
      [{ type: 'list', items: [shared] }, shared],
      [shared, { type: 'list', items: [shared] }],
      [{ type: 'quote', blocks: [quoted] }, quoted, { type: 'list', items: [quoted] }],
    ] as SeedInput['body'][]) {
      const written = formatSeed({ header, body });
      const kinds = parseSeed(written).body.map((block) => block.type);
      expect(kinds).toEqual(body?.map((block) => block.type));
      const article = parseSeed(written);
      expect(toHtml(article)).toContain(body?.[0]?.type === 'paragraph' ? '<p>Shared</p>' : '<li>');
    }
    const article = { ...parseSeed(formatSeed({ header })), lead: { type: 'paragraph', text: 'L', inlines: [{ type: 'text', value: 'L' }] } } as unknown as Article;
    const lead = article.lead as unknown as { type?: string };
    article.body = [{ type: 'list', ordered: false, start: null, text: 'L', items: [lead] }] as unknown as Article['body'];
    expect(toHtml(article)).toBe(toHtml({ ...article, lead: { ...(article.lead as object) } } as Article));
  });

  it('takes null content as none: a TypeError names what is missing', () => {
    expect(() => formatSeed({ header, body: [{ type: 'paragraph', inlines: null, text: null } as never] })).toThrow(new TypeError('formatSeed: body[0] needs inlines or text'));
    expect(() => formatSeed({ header, body: [{ type: 'quote', blocks: null } as never] })).toThrow(new TypeError('formatSeed: body[0] needs blocks or text'));
    expect(parseSeed(formatSeed({ header, body: [{ type: 'paragraph', inlines: null, text: 'x' } as never] })).text).toBe('x');
  });
});
