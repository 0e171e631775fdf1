import { describe, expect, it } from 'vitest';
import { createSeedParser, parseSeed, parseSeedStream, safeParseSeed, SeedParseError } from '../src/index.js';

const HEADER = '<!--1-->\n[t](https://a.example/)\n------\n';
const TEXT = `${HEADER}<p>x</p>`;

/** The error of the whole text, as plain data. */
function wholeError(text: string): unknown {
  const result = safeParseSeed(text);
  if (result.ok) throw new Error('expected a failure');
  return result.error.toJSON();
}

/** Writes the chunks one by one: the index of the write that threw, and what it threw. */
function firstThrow(chunks: readonly string[]): { write: number; error: unknown } | null {
  const parser = createSeedParser();
  for (const [index, chunk] of chunks.entries()) {
    try {
      parser.write(chunk);
    } catch (error) {
      expect(error).toBeInstanceOf(SeedParseError);
      return { write: index, error: (error as SeedParseError).toJSON() };
    }
  }
  return null;
}

describe('chunks that pass for a Uint8Array but hold no bytes', () => {
  const fakes: [string, () => unknown][] = [
    ['a proxy of a Uint8Array', () => new Proxy(new Uint8Array([0x3c]), {})],
    ['an object made from its prototype', () => Object.create(Uint8Array.prototype)],
    ['an object that names itself a Uint8Array', () => ({ [Symbol.toStringTag]: 'Uint8Array' })],
  ];

  it.each(fakes)('%s is a TypeError that changes nothing: the parse goes on with the next write', (_, make) => {
    const parser = createSeedParser();
    parser.write('<!--1-->\n');
    const fake = make();
    expect(() => parser.write(fake as Uint8Array)).toThrow(new TypeError(`A chunk must be a string or a Uint8Array, got an object (${Object.prototype.toString.call(fake)})`));
    parser.write(TEXT.slice('<!--1-->\n'.length));
    expect(parser.end()).toEqual(parseSeed(TEXT));
  });

  it('a Buffer, a subarray and a Uint8Array over a SharedArrayBuffer are read as bytes', () => {
    const bytes = new TextEncoder().encode(TEXT);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length + 2));
    shared.set(bytes, 2);
    for (const chunk of [Buffer.from(bytes), new Uint8Array([0, ...bytes]).subarray(1), shared.subarray(2)]) {
      const parser = createSeedParser();
      parser.write(chunk);
      expect(parser.end()).toEqual(parseSeed(TEXT));
    }
  });

  it('parseSeedStream rejects such a chunk with the same TypeError', async () => {
    async function* source() {
      yield '<!--1-->\n';
      yield Object.create(Uint8Array.prototype) as Uint8Array;
    }
    await expect(parseSeedStream(source())).rejects.toThrow(new TypeError('A chunk must be a string or a Uint8Array, got an object ([object Object])'));
  });
});

describe('a CR at the end of a chunk is the end of its line only when the line feed comes next', () => {
  const spaces = ' '.repeat(100);
  const cases: [string, string, string][] = [
    ['an underline line', '<!--1-->\n[t](u)\n', '---'],
    ['a first line', '', '---'],
    ['a line after blank lines', '\n \n', '---'],
  ];

  it.each(cases)('%s "---", CR, then spaces can only fail: it fails from the write that shows the spaces, with the whole line\'s error', (_, before, line) => {
    const chunks = [`${before}${line}\r`, spaces, spaces];
    const thrown = firstThrow(chunks);
    expect(thrown?.write).toBe(1);
    // Whatever ends the line, the whole text fails the same way.
    for (const end of ['', '\n', '\r\n', 'x\n']) expect(thrown?.error).toEqual(wholeError(`${before}${line}\r${spaces}${end}`));
  });

  it('the underline error is MISSING_UNDERLINE at the start of the line, quoting the CR', () => {
    const thrown = firstThrow(['<!--1-->\n[t](u)\n---\r', spaces]);
    expect(thrown).toEqual({
      write: 1,
      error: {
        name: 'SeedParseError',
        code: 'MISSING_UNDERLINE',
        message: `Expected an underline of three or more "-" after the title line, found "---\\r${' '.repeat(35)}…" (line 3, column 1)`,
        offset: 16,
        line: 3,
        column: 1,
      },
    });
  });

  it('a front matter line "---", CR, then spaces past the limit fails at the limit from the write that passes it', () => {
    const thrown = firstThrow(['---\n---\r', ' '.repeat(140000)]);
    expect(thrown?.write).toBe(1);
    expect(thrown?.error).toMatchObject({ code: 'INVALID_FRONT_MATTER', offset: 4 + 131072, line: 2, column: 131073 });
    expect(thrown?.error).toEqual(wholeError(`---\n---\r${' '.repeat(140000)}\n---\n${HEADER}`));
  });

  it('a CR at the end of the input is a character of the last line, as before any other character: no line feed follows it', () => {
    const cases: [string, string, number, number][] = [
      ['<!--1-->\n[T](u)\n---\r', 'MISSING_UNDERLINE', 16, 3],
      ['<!--1-->\n[T](u)\n------ \t\r', 'MISSING_UNDERLINE', 16, 3],
      ['<!--1-->\n[T](u)\r', 'MISSING_TITLE_LINK', 9, 2],
      ['<!--1-->\r', 'MISSING_TIMESTAMP', 0, 1],
      ['---\r', 'MISSING_TIMESTAMP', 0, 1],
      ['\n \n---\r', 'MISSING_TIMESTAMP', 3, 3],
    ];
    for (const [text, code, offset, line] of cases) {
      const error = wholeError(text);
      expect(error).toMatchObject({ code, offset, line, column: 1 });
      // As with a character after the CR, and the same when streamed in any two pieces.
      expect(wholeError(`${text}x`)).toMatchObject({ code, offset, line, column: 1 });
      for (let cut = 0; cut <= text.length; cut++) {
        const parser = createSeedParser();
        expect(() => {
          parser.write(text.slice(0, cut));
          parser.write(text.slice(cut));
          parser.end();
        }).toThrow(expect.objectContaining(error as object));
      }
    }
    // A blank last line of a CR alone is blank, as any white space; a CR LF still ends the underline.
    expect(wholeError('\r')).toMatchObject({ code: 'EMPTY_INPUT' });
    expect(parseSeed('<!--1-->\n[T](u)\n---\r\n').body).toEqual([]);
  });

  it('a CR at a chunk end, then the line feed, still ends a fence or an underline', () => {
    const text = `---\r\na: 1\r\n---\r\n<!--1-->\r\n[t](u)\r\n---\r\n<p>x</p>`;
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = createSeedParser();
      parser.write(text.slice(0, cut));
      parser.write(text.slice(cut));
      expect(parser.end()).toEqual(parseSeed(text));
    }
  });
});

describe('the timestamp comment', () => {
  it('an empty comment is INVALID_TIMESTAMP at its content, and the message says the comment is empty', () => {
    expect(wholeError('<!---->\n[t](u)\n---\n')).toEqual({
      name: 'SeedParseError',
      code: 'INVALID_TIMESTAMP',
      message: 'Expected epoch milliseconds (decimal digits, at most 253402300799999) in the timestamp comment, found an empty comment (line 1, column 5)',
      offset: 4,
      line: 1,
      column: 5,
    });
    expect(wholeError('\n  <!---->\n[t](u)\n---\n')).toMatchObject({ code: 'INVALID_TIMESTAMP', offset: 7, line: 2, column: 7 });
    expect(wholeError('<!--  -->\n[t](u)\n---\n')).toMatchObject({ message: expect.stringContaining('found "  " (line 1, column 5)') });
  });
});

describe('front matter nested too deep is reported where the first collection beyond the limit starts', () => {
  const depth = 65;
  const frontMatter = (source: string) => `---\n${source}\n---\n${HEADER}`;
  const shapes: [string, (inner: string) => string, number, number][] = [
    // [name, source with the innermost content, line, column of the 65th collection]
    ['flow sequences', (inner) => `a: ${'['.repeat(depth - 2)}[${inner}]${']'.repeat(depth - 2)}`, 2, 3 + depth - 1],
    ['flow mappings', (inner) => `a: ${'{b: '.repeat(depth - 2)}{${inner === '' ? '' : `c: ${inner}`}}${'}'.repeat(depth - 2)}`, 2, 4 + (depth - 2) * 4],
    ['block mappings', (inner) => `${Array.from({ length: depth - 1 }, (_, level) => `${' '.repeat(level)}k:`).join('\n')}\n${' '.repeat(depth - 1)}k:${inner === '' ? '' : ` ${inner}`}`, depth + 1, depth],
    ['compact block sequences', (inner) => `a:\n ${'- '.repeat(depth - 1)}${inner === '' ? '[]' : inner}`, 3, 2 + (depth - 2) * 2],
    ['sequences and mappings in turn', (inner) => `a: ${'[{b: '.repeat(32)}${inner === '' ? '[]' : inner}${'}]'.repeat(32)}`, 2, 4 + 31 * 5 + 1],
  ];

  it.each(shapes)('%s: the same place whatever the collection holds', (_, make, line, column) => {
    for (const inner of ['', 'x', '[x]', '{d: [e]}']) {
      const error = wholeError(frontMatter(make(inner)));
      expect(error).toMatchObject({ code: 'INVALID_FRONT_MATTER', line, column });
      expect(error).toMatchObject({ message: expect.stringContaining('found collections nested more than 64 deep (the limit, aliases included)') });
    }
  });

  it('64 deep is read', () => {
    const result = safeParseSeed(frontMatter(`a: ${'['.repeat(63)}${']'.repeat(63)}`));
    expect(result.ok).toBe(true);
  });
});

describe('front matter messages show the source as header errors quote it', () => {
  const frontMatter = (source: string) => `---\n${source}\n---\n${HEADER}`;

  it('characters that cannot be seen in an alias name are written \\uXXXX, NUL and lone surrogates as U+FFFD', () => {
    expect(wholeError(frontMatter('a: *x\u200b'))).toMatchObject({
      message: 'Expected YAML front matter: one mapping of plain data, closed by a line "---", found the alias *x\\u200b with no anchor &x\\u200b before it (line 2, column 4)',
      line: 2,
      column: 4,
    });
    expect(wholeError(frontMatter('a: *\u202eevil'))).toMatchObject({ message: expect.stringContaining('found the alias *\\u202eevil with no anchor &\\u202eevil before it') });
    expect(wholeError(frontMatter('a: *x\ud800'))).toMatchObject({ message: expect.stringContaining('found the alias *x\ufffd with no anchor &x\ufffd before it') });
    expect(wholeError(frontMatter('a: "\\\u0000"'))).toMatchObject({ message: expect.stringContaining('found a YAML error: Invalid escape sequence \\\ufffd (line 2, column 5)') });
  });

  it('a key, an alias name, a tag and a number as written are cut to 40 characters', () => {
    const long = 'k'.repeat(5000);
    const cut = `${'k'.repeat(39)}…`;
    expect(wholeError(frontMatter(`? "${long}"\n: 1\n? "${long}"\n: 2`))).toMatchObject({
      message: `Expected YAML front matter: one mapping of plain data, closed by a line "---", found the key "${cut}" twice (keys must be unique) (line 4, column 3)`,
    });
    expect(wholeError(frontMatter(`a: *${long}`))).toMatchObject({ message: expect.stringContaining(`found the alias *${cut} with no anchor &${cut} before it (line 2, column 4)`) });
    expect(wholeError(frontMatter(`a: &${long} [*${long}]`))).toMatchObject({ message: expect.stringContaining(`found the alias *${cut} inside the node it names`) });
    const warnings = (source: string) => parseSeed(frontMatter(source)).diagnostics.map(({ message, line, column }) => ({ message, line, column }));
    expect(warnings(`a: !${long} 1`)).toEqual([{ message: `Unresolved tag: !${'k'.repeat(38)}…; the node is read as if untagged`, line: 2, column: 4 }]);
    expect(warnings(`a: 1${'0'.repeat(400)}`)).toEqual([{ message: `"1${'0'.repeat(38)}…" is not a finite number; it is kept as a string`, line: 2, column: 4 }]);
    expect(warnings('a: !<x\u200b\u00a0> 1')).toEqual([{ message: 'Unresolved tag: x\\u200b\\u00a0; the node is read as if untagged', line: 2, column: 4 }]);
    expect(warnings('a: !<x\u0000> 1')).toEqual([{ message: 'Unresolved tag: x\ufffd; the node is read as if untagged', line: 2, column: 4 }]);
    // A tag yaml cannot resolve at all is an error, its name cut the same way.
    expect(wholeError(frontMatter(`a: !${long}!y 1`))).toMatchObject({
      message: `Expected YAML front matter: one mapping of plain data, closed by a line "---", found a YAML error: Could not resolve tag: !${'k'.repeat(38)}… (line 2, column 4)`,
    });
  });

  it('the empty key twice is quoted as ""', () => {
    expect(wholeError(frontMatter('"": 1\n~: 2'))).toMatchObject({ message: expect.stringContaining('found the key "" twice (keys must be unique) (line 3, column 1)') });
  });
});
