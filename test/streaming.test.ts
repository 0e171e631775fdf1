import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeedParser, parseSeed, parseSeedStream, safeParseSeed, type Block } from '../src/index.js';
import { checkOptions, cutsFor, diagnosticBody, everyCut, splitAt, splitBytes } from './chunks.js';
import { corpusFiles, seed, sharedFiles } from './helpers.js';
import { doublingRatio, DOUBLING_BOUND } from './linear.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const EXAMPLE = join(import.meta.dirname, '..', 'examples', 'sample.seed.md');
const inputs: [string, string][] = [
  ...readdirSync(FIXTURES).map((name) => [name, readFileSync(join(FIXTURES, name), 'utf8')] as [string, string]),
  ['examples/sample.seed.md', readFileSync(EXAMPLE, 'utf8')],
  ...sharedFiles('seeds', '').map((file) => [file.name, readFileSync(file.path, 'utf8')] as [string, string]),
  ...corpusFiles().map((file) => [file.name, file.text] as [string, string]),
];

function parseChunks(chunks: readonly (string | Uint8Array)[]) {
  const parser = createSeedParser();
  for (const chunk of chunks) parser.write(chunk);
  return parser.end();
}

const encoder = new TextEncoder();

describe('chunk equivalence', () => {
  it('has inputs', () => {
    expect(inputs.length).toBeGreaterThan(4);
  });

  it.each(inputs)('%s: one-character and one-byte chunks', (_name, text) => {
    const whole = parseSeed(text);
    expect(parseChunks([...text].flatMap((char) => (char.length === 2 ? [char[0]!, char[1]!] : [char])))).toEqual(whole);
    const bytes = encoder.encode(text);
    expect(parseChunks(Array.from(bytes, (byte) => Uint8Array.of(byte)))).toEqual(whole);
  });

  it.each(inputs)('%s: random string and byte chunks', (_name, text) => {
    const whole = parseSeed(text);
    const bytes = encoder.encode(text);
    fc.assert(
      fc.property(cutsFor(text.length), cutsFor(bytes.length), (stringCuts, byteCuts) => {
        expect(parseChunks(splitAt(text, stringCuts))).toEqual(whole);
        expect(parseChunks(splitBytes(bytes, byteCuts))).toEqual(whole);
      }),
      checkOptions(15),
    );
  });

  it('reads mixed string and byte chunks, and a byte-order mark in bytes', () => {
    const text = seed('<p>é 中 😀 end</p>');
    const bytes = encoder.encode(`\ufeff${text}`);
    const cut = bytes.indexOf(0xf0) + 2; // inside the emoji
    const rest = new TextDecoder().decode(bytes.subarray(bytes.lastIndexOf(0x20)));
    expect(parseChunks([bytes.subarray(0, 2), bytes.subarray(2, cut), bytes.subarray(cut, bytes.lastIndexOf(0x20)), rest])).toEqual(parseSeed(text));
  });

  it('decodes invalid UTF-8 to U+FFFD', () => {
    const head = encoder.encode(seed('<p>a'));
    const article = parseChunks([head, Uint8Array.of(0xff, 0xc3), Uint8Array.of(0x28), encoder.encode('b</p>')]);
    expect(article.body[0]).toMatchObject({ text: 'a\ufffd\ufffd(b' });
  });
});

describe('streamed diagnostics equal the whole parse\'s', () => {
  // Each Article is compared whole (toEqual): blocks, text, stats and diagnostics with their positions.
  const cases: [string, string][] = [
    ['an image without a source in a figure, on the next line', seed('<p>a</p>\n<figure>\n<img>\n</figure>')],
    ['an unsafe URL in <source>', seed('<p>a</p>\n<video>\n<source src="javascript:alert(1)">\n</video>\n<p>b</p>')],
    ['a figure nested too deep', seed(`<p>a</p>\n<figure>\n${'<div>\n'.repeat(70)}<img>x`)],
    ['stray end tags and unclosed elements, CRLF', seed('<div>\r\n</span>\r\n<b>\r\n</x>\r\n<p>t', { newline: '\r\n' })],
    ['front matter with a warning after blank lines, CRLF', '\r\n \n---\r\na: !!foo x\r\nb: [1, 2]\r\n---\r\n<!--1-->\r\n[T](u)\r\n---\r\n<p>x</p><img>'],
    ['an unsafe image URL after a dropped comment of many lines', seed('<p>a</p>\n<!--\n\n\n-->\n<p>\n<img src="javascript:x">\n</p>')],
  ];

  it.each(cases)('%s: cut once anywhere, one character at a time, one byte at a time', (_name, text) => {
    const whole = parseSeed(text);
    expect(whole.diagnostics.length).toBeGreaterThan(0);
    for (const [cut, chunks] of everyCut(text)) {
      expect([cut, parseChunks(chunks)]).toEqual([cut, whole]);
      expect([cut, parseChunks([chunks[0]!.slice(0, cut - 1), chunks[0]!.slice(cut - 1), ...chunks.slice(1)])]).toEqual([cut, whole]);
    }
    expect(parseChunks([...text])).toEqual(whole);
    expect(parseChunks(Array.from(encoder.encode(text), (byte) => Uint8Array.of(byte)))).toEqual(whole);
  });

  it('the example of the report: MISSING_SRC at 4:1 in every chunking', () => {
    const text = '<!--1-->\n[T](https://x.example/)\n---\n<figure>\n<img>\n</figure>';
    const expected = { code: 'MISSING_SRC', offset: 46, line: 5, column: 1 };
    expect(parseSeed(text).diagnostics).toEqual([expect.objectContaining(expected)]);
    expect(parseChunks([text.slice(0, 46), '<', 'img>\n</figure>']).diagnostics).toEqual([expect.objectContaining(expected)]);
  });

  it('fuzzed bodies rich in diagnostics: any string or byte chunking gives the whole Article', () => {
    fc.assert(
      fc.property(diagnosticBody, cutsFor(800), (body, cuts) => {
        const text = seed(body);
        const whole = parseSeed(text);
        expect(parseChunks(splitAt(text, cuts))).toEqual(whole);
        expect(parseChunks(splitBytes(encoder.encode(text), cuts))).toEqual(parseSeed(text.toWellFormed()));
      }),
      checkOptions(300),
    );
  });
});

describe('linear time in 64-character chunks (time at 2n ≤ 2.5× time at n, test/linear.ts)', () => {
  const MB = 1 << 20;
  const fill = (length: number) => 'x'.repeat(length);
  // [name, n in characters, body of about that length]
  const cases: [string, number, (length: number) => string][] = [
    ['a comment', 4 * MB, (length) => `<p>a</p><!--${fill(length)}-->`],
    ['an unclosed comment', 4 * MB, (length) => `<p>a</p><!--${fill(length)}`],
    ['a bogus comment', 4 * MB, (length) => `<p>a</p><?${fill(length)}>`],
    ['script text', 4 * MB, (length) => `<script>${fill(length)}</script><p>b</p>`],
    ['style text, with end-tag look-alikes', 4 * MB, (length) => `<style>${'</styl'.padEnd(64, 'x').repeat(length / 64)}</style>`],
    ['kept raw text (xmp)', 1 * MB, (length) => `<xmp>${fill(length)}</xmp>`],
    ['an attribute value', 2 * MB, (length) => `<p title="${fill(length)}">x</p>`],
    ['an unwanted attribute value', 4 * MB, (length) => `<p data-x="${fill(length)}">x</p>`],
    ['a text run', 1 * MB, (length) => `<p>${'word '.repeat(length / 5)}</p>`],
    ['a tag name', 2 * MB, (length) => `<p${fill(length)}>x</p>`],
    ['the tail of an end tag', 4 * MB, (length) => `<p>x</p ${fill(length)}>`],
    ['a data-selfpromo element', MB / 2, (length) => `<div data-selfpromo>${'<p>promo</p>'.repeat(length / 12)}</div>`],
    ['many small elements', MB / 8, (length) => '<p>Some <b>bold</b> text.</p>\n'.repeat(length / 30)],
    ['a run of U+3000 and spaces between two words', MB / 4, (length) => `<p>x${'\u3000 '.repeat(length / 2)}y</p>`],
  ];

  // A collection before each run, so that each starts with an empty young generation.
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;

  /** CPU time of the streamed parse (not wall time: other processes on the machine do not count). */
  function streamTime(body: string): number {
    collect();
    const parser = createSeedParser();
    parser.write(seed(''));
    const started = process.cpuUsage();
    for (let index = 0; index < body.length; index += 64) parser.write(body.slice(index, index + 64));
    parser.end();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  }

  it.each(cases)('%s', (_name, n, make) => {
    const small = make(n);
    const large = make(2 * n);
    expect(doublingRatio((scale) => streamTime(scale === 1 ? small : large))).toBeLessThanOrEqual(DOUBLING_BOUND);
  });
});

describe('bounded memory while streaming content that is dropped', () => {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  const heapUsed = () => {
    collect();
    collect();
    return process.memoryUsage().heapUsed;
  };
  const MB = 1 << 20;

  // [name, start, the content repeated (in 64 KB byte chunks, each decoded to a new string), end, MB streamed]
  const cases: [string, string, string, string, number][] = [
    ['a comment', '<p>a</p><!--', 'comment text\n', '--><p>b</p>', 128],
    ['script text', '<script>', 'var a = "</scrip" + 1;\n', '</script><p>b</p>', 128],
    ['style text', '<style>', 'p { color: red }\n', '</style><p>b</p>', 32],
    ['a bogus comment', '<?', 'processing instruction\n', '><p>b</p>', 32],
    ['the tail of an end tag', '<p>a</p ', 'junk="x"\n', '><p>b</p>', 32],
    ['an iframe\'s fallback content', '<iframe src="https://www.youtube.com/embed/x">', 'fallback <b>text</b>\n', '</iframe><p>b</p>', 32],
    ['a data-selfpromo element', '<div data-selfpromo>', '<p>promo <a href="/p">text</a></p>\n', '</div><p>b</p>', 32],
    ['a data-selfpromo element of one text run', '<div data-selfpromo>', 'promo text &amp; more\n', '</div><p>b</p>', 32],
    ['an unwanted attribute value', '<p data-x="', 'value ', '">b</p>', 32],
  ];

  it.each(cases)('%s: the heap grows by less than 4 MB however much streams', (_name, start, unit, end, megabytes) => {
    const encoder = new TextEncoder();
    const chunk = encoder.encode(unit.repeat(Math.ceil(64 * 1024 / unit.length)));
    const parser = createSeedParser();
    parser.write(seed(start));
    const before = heapUsed();
    let most = 0;
    const chunks = Math.ceil((megabytes * MB) / chunk.length);
    for (let index = 0; index < chunks; index++) {
      parser.write(chunk);
      if (index % Math.ceil(chunks / 8) === 0) most = Math.max(most, heapUsed() - before);
    }
    most = Math.max(most, heapUsed() - before);
    parser.write(end);
    const article = parser.end();
    expect(article.text).toMatch(/b$/);
    expect(most).toBeLessThan(4 * MB);
  });
});

describe('parseSeedStream', () => {
  const text = readFileSync(join(FIXTURES, 'harbour.seed.md'), 'utf8');

  it('reads an async iterable of strings or bytes', async () => {
    async function* strings() {
      for (const chunk of splitAt(text, [3, 50, 51, 200])) yield chunk;
    }
    async function* bytes() {
      for (const chunk of splitBytes(encoder.encode(text), [1, 99, 100, 101])) yield chunk;
    }
    expect(await parseSeedStream(strings())).toEqual(parseSeed(text));
    expect(await parseSeedStream(bytes())).toEqual(parseSeed(text));
  });

  it('reads a ReadableStream and passes options', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of splitBytes(encoder.encode(text), [10, 500])) controller.enqueue(chunk);
        controller.close();
      },
    });
    expect(await parseSeedStream(stream, { baseUrl: 'https://mirror.example/' })).toEqual(parseSeed(text, { baseUrl: 'https://mirror.example/' }));
  });

  it('rejects with SeedParseError for a broken header, and TypeError for a bad source', async () => {
    await expect(parseSeedStream(new Blob(['no header']).stream())).rejects.toMatchObject({ code: 'MISSING_TIMESTAMP' });
    await expect(parseSeedStream(42 as never)).rejects.toBeInstanceOf(TypeError);
  });

  it('rejects with the error of a failing source', async () => {
    async function* failing() {
      yield '<!--1-->\n';
      throw new Error('disk gone');
    }
    await expect(parseSeedStream(failing())).rejects.toThrow('disk gone');
  });
});

describe('callbacks', () => {
  const text = readFileSync(join(FIXTURES, 'harbour.seed.md'), 'utf8');

  it('fire in document order, each once per item, with the objects of the Article', () => {
    const events: [string, unknown][] = [];
    const parser = createSeedParser({
      onHeader: (header) => events.push(['header', header]),
      onDateline: (dateline) => events.push(['dateline', dateline]),
      onLead: (lead) => events.push(['lead', lead]),
      onBlock: (block) => events.push(['block', block]),
    });
    for (const chunk of splitAt(text, [5, 100, 300, 600])) parser.write(chunk);
    const article = parser.end();
    expect(events).toEqual([
      ['header', article.header],
      ['dateline', article.dateline],
      ['block', article.body[0]],
      ['lead', article.lead],
      ...article.body.slice(1).map((block) => ['block', block]),
    ]);
    expect(events[2]?.[1]).toBe(article.body[0]);
  });

  it('fires onHeader while the body is still streaming, and onBlock before the rest is written', () => {
    let header = false;
    const blocks: Block[] = [];
    const parser = createSeedParser({ onHeader: () => (header = true), onBlock: (block) => blocks.push(block) });
    parser.write('<!--1700000000000-->\n[T](https://x.example/)\n');
    expect(header).toBe(false);
    parser.write('------\n<p>first');
    expect(header).toBe(true);
    expect(blocks).toEqual([]);
    parser.write('</p><p>second');
    expect(blocks).toEqual([{ type: 'paragraph', text: 'first', inlines: [{ type: 'text', value: 'first' }] }]);
    for (let index = 0; index < 1000; index++) parser.write(` more text ${index}`);
    expect(blocks).toHaveLength(1);
    parser.write('</p><h2>');
    expect(blocks).toHaveLength(2);
    const article = parser.end();
    expect(article.body).toEqual(blocks);
  });

  it('throws SeedParseError from write() as soon as the header is known to be broken, and again after', () => {
    const parser = createSeedParser();
    expect(() => parser.write('<!--1-->\nnot a link\n')).toThrow(expect.objectContaining({ code: 'MISSING_TITLE_LINK', line: 2 }));
    expect(() => parser.write('more')).toThrow(expect.objectContaining({ code: 'MISSING_TITLE_LINK' }));
    expect(() => parser.end()).toThrow(expect.objectContaining({ code: 'MISSING_TITLE_LINK' }));
  });

  it('refuses write() after end() and a chunk that is neither string nor bytes, which changes nothing', () => {
    const parser = createSeedParser();
    parser.write(seed('<p>a</p>').slice(0, 20));
    expect(() => parser.write(42 as never)).toThrow(new TypeError('A chunk must be a string or a Uint8Array, got number'));
    expect(() => parser.write(null as never)).toThrow(TypeError);
    parser.write(seed('<p>a</p>').slice(20));
    expect(parser.end()).toEqual(parseSeed(seed('<p>a</p>')));
    const done = createSeedParser();
    done.write(seed('<p>x</p>'));
    done.end();
    expect(() => done.write('x')).toThrow('write() after end()');
  });
});

describe('misuse of the streaming parser', () => {
  it('refuses write() and end() called from inside a callback, with a clear error, and stays failed', () => {
    const parser = createSeedParser({ onBlock: () => parser.write('<p>injected</p>') });
    expect(() => parser.write(seed('<p>one</p><p>two</p><p>three</p>'))).toThrow(
      new Error('write() was called from inside a callback (onHeader, onDateline, onLead or onBlock): the parser is in the middle of a write'),
    );
    expect(() => parser.write('<p>four</p>')).toThrow('write() was called from inside a callback');
    expect(() => parser.end()).toThrow('write() was called from inside a callback');
    const ending = createSeedParser({ onHeader: () => ending.end() });
    expect(() => ending.write(seed('<p>x</p>'))).toThrow('end() was called from inside a callback');
  });

  it('checks the callbacks when it is made, and takes null options as none', () => {
    expect(() => createSeedParser({ onBlock: 5 as never })).toThrow(new TypeError('options.onBlock must be a function, got number'));
    expect(() => createSeedParser({ onHeader: 'x' as never })).toThrow(TypeError);
    const parser = createSeedParser(null);
    parser.write(seed('<p>x</p>'));
    expect(parser.end()).toEqual(parseSeed(seed('<p>x</p>')));
  });

  it('keeps throwing what end() threw, and what a callback threw, even null', () => {
    const broken = createSeedParser();
    broken.write('<!--1-->\n[t](https://a.example/)');
    const error = (() => {
      try {
        broken.end();
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({ code: 'MISSING_UNDERLINE' });
    expect(() => broken.end()).toThrow(error as Error);
    expect(() => broken.write('x')).toThrow(error as Error);
    const late = createSeedParser({ onBlock: () => { throw new RangeError('from onBlock'); } });
    late.write(seed('<p>x'));
    expect(() => late.end()).toThrow(new RangeError('from onBlock'));
    expect(() => late.end()).toThrow(new RangeError('from onBlock'));
    for (const thrown of [null, undefined, 0, '']) {
      let calls = 0;
      const parser = createSeedParser({ onBlock: () => { if (calls++ === 0) throw thrown; } });
      const rethrown = (call: () => unknown) => { try { call(); } catch (caught) { return { caught }; } return null; };
      expect(rethrown(() => parser.write(seed('<p>one</p><p>two</p>')))).toEqual({ caught: thrown });
      expect(rethrown(() => parser.write('<p>three</p>'))).toEqual({ caught: thrown });
      expect(rethrown(() => parser.end())).toEqual({ caught: thrown });
      expect(calls).toBe(1);
    }
  });

  it('reads an empty string between the bytes of one character as nothing', () => {
    const bytes = encoder.encode(seed('<p>\u6f22\u5b57 \u00e9 \u{1f600}</p>'));
    const cut = bytes.indexOf(0xe6) + 1;
    const parser = createSeedParser();
    parser.write(bytes.subarray(0, cut));
    parser.write('');
    parser.write(bytes.subarray(cut));
    expect(parser.end().text).toBe('\u6f22\u5b57 \u00e9 \u{1f600}');
  });

  it('reads its options once, when it is made, and makes an option whose getter throws a TypeError', () => {
    const hostile = new Proxy({}, { get: () => { throw new RangeError('no'); } });
    for (const make of [() => createSeedParser(hostile), () => parseSeed(seed('<p>x</p>'), hostile)]) {
      expect(make).toThrow(new TypeError('options.baseUrl could not be read'));
    }
    expect(safeParseSeed(seed('<p>x</p>'), hostile)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('options.baseUrl could not be read') } });
    const throwing = { get onBlock(): never { throw new Error('getter'); } };
    expect(() => createSeedParser(throwing)).toThrow(expect.objectContaining({ name: 'TypeError', message: 'options.onBlock could not be read', cause: new Error('getter') }));
    const seen: string[] = [];
    const options: { onBlock?: (block: Block) => void } = { onBlock: (block) => seen.push(block.type) };
    const parser = createSeedParser(options);
    options.onBlock = () => seen.push('replaced');
    parser.write(seed('<p>x</p><h2>y</h2>'));
    parser.end();
    expect(seen).toEqual(['paragraph', 'heading']);
  });

  it('reads a Uint8Array made in another realm (an iframe, a vm context) as bytes', () => {
    const text = seed('<p>caf\u00e9</p>');
    const foreign = runInNewContext('(bytes) => new Uint8Array(bytes)')(Array.from(encoder.encode(text))) as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    const parser = createSeedParser();
    parser.write(foreign);
    expect(parser.end()).toEqual(parseSeed(text));
    expect(() => createSeedParser().write(new DataView(new ArrayBuffer(2)) as never)).toThrow(TypeError);
  });
});

describe('a code block streamed', () => {
  const header = '<!--1-->\n[t](u)\n---\n';
  it.each([
    ['<pre>\r\nx</pre>', 'x'],
    ['<pre>\r\n\r\nx</pre>', '\nx'],
    ['<pre>\n\nx</pre>', '\nx'],
    ['<pre>\rx</pre>', 'x'],
    ['<pre>\r\n<b>x</b>\n</pre>', 'x'],
    ['<pre><code>\nx</code></pre>', '\nx'],
  ])('drops the one line break after <pre> however it is chunked: %j', (body, text) => {
    const input = header + body;
    const whole = parseSeed(input);
    expect(whole.body[0]).toMatchObject({ type: 'code', text });
    for (let cut = 1; cut < input.length; cut++) {
      const parser = createSeedParser();
      parser.write(input.slice(0, cut));
      parser.write(input.slice(cut));
      expect(parser.end()).toEqual(whole);
    }
    const parser = createSeedParser();
    for (const character of input) parser.write(character);
    expect(parser.end()).toEqual(whole);
  });
});
