import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeedParser, parseSeed, safeParseSeed, SeedParseError, type Article } from '../src/index.js';
import { checkOptions, splitAt } from './chunks.js';

/**
 * Line and column of an offset, counted the contract's way over the input
 * after a BOM: line feeds break lines (CRLF is one break: its CR ends the
 * line before), columns are UTF-16 code units from 1.
 */
function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (text.charCodeAt(index) === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function expectConsistent(text: string, position: { offset: number; line: number; column: number }): void {
  const input = withoutBom(text);
  expect(position.offset).toBeGreaterThanOrEqual(0);
  expect(position.offset).toBeLessThanOrEqual(input.length);
  expect({ line: position.line, column: position.column }).toEqual(locate(input, position.offset));
}

/** Expects the streamed parse of `text`, in chunks of each size, to throw an error like `expected`. */
function expectErrorInChunks(text: string, sizes: number[], expected: Record<string, unknown>): void {
  for (const size of sizes) {
    const parser = createSeedParser();
    expect(() => {
      for (let start = 0; start < text.length; start += size) parser.write(text.slice(start, start + size));
      parser.end();
    }, `chunks of ${size}`).toThrow(expect.objectContaining(expected) as Error);
  }
}

function errorOf(text: string): SeedParseError {
  const result = safeParseSeed(text);
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(text)}`);
  return result.error;
}

const headerLine = fc.constantFrom(
  '---', '---  ', 'a: 1', 'a: [1', 'b: !!set {x}', 'c: .inf', 'd: *x', '...', 'e: 1', '  f: 2', '<!--1-->', '<!-- 12 -->', '<!--x-->', '<!--',
  '[T](u)', '[T](javascript:x)', '[T]( <data:x> )', '[](u)', '[T]', '------', '--', '', ' ', '\t', 'x', 'a\rb', '\r', '中文', '😀',
);

describe('header error positions: offset, line and column describe the same place', () => {
  it('the examples of the issue, with and without a final newline, with CRLF and with a BOM', () => {
    expect(errorOf('<!--1-->\n[t](u)')).toMatchObject({ code: 'MISSING_UNDERLINE', offset: 15, line: 2, column: 7 });
    expect(errorOf('<!--1-->\n[t](u)\n')).toMatchObject({ code: 'MISSING_UNDERLINE', offset: 16, line: 3, column: 1 });
    expect(errorOf('<!--1-->\r\n[t](u)\r\n')).toMatchObject({ code: 'MISSING_UNDERLINE', offset: 18, line: 3, column: 1 });
    expect(errorOf('<!--1-->\r\n[t](u)')).toMatchObject({ code: 'MISSING_UNDERLINE', offset: 16, line: 2, column: 7 });
    // A CR that ends the input is no line break (no line feed follows it): a character of the title line, which then fails.
    expect(errorOf('\ufeff<!--1-->\r\n[t](u)\r')).toMatchObject({ code: 'MISSING_TITLE_LINK', offset: 10, line: 2, column: 1 });
    expect(errorOf('\ufeff<!--1-->')).toMatchObject({ code: 'MISSING_TITLE_LINK', offset: 8, line: 1, column: 9 });
    expect(errorOf('\n\n')).toMatchObject({ code: 'EMPTY_INPUT', offset: 0, line: 1, column: 1 });
    expect(errorOf('---\na: 1')).toMatchObject({ code: 'INVALID_FRONT_MATTER', offset: 0, line: 1, column: 1 });
    expect(errorOf('---\na: 1\n---\n\n')).toMatchObject({ code: 'MISSING_TIMESTAMP', offset: 14, line: 5, column: 1 });
    expect(errorOf('---\na: 1\n---\n  ')).toMatchObject({ code: 'MISSING_TIMESTAMP', offset: 15, line: 4, column: 3 });
  });

  it('every error code, at a place in the line', () => {
    expect(errorOf('x\n<!--1-->')).toMatchObject({ code: 'MISSING_TIMESTAMP', offset: 0, line: 1, column: 1 });
    expect(errorOf('\r\n  <!--1x-->\r\n')).toMatchObject({ code: 'INVALID_TIMESTAMP', offset: 8, line: 2, column: 7 });
    expect(errorOf('<!--1-->\r\n\r\n')).toMatchObject({ code: 'MISSING_TITLE_LINK', offset: 10, line: 2, column: 1 });
    expect(errorOf('<!--1-->\r\n[t](  vbscript:x)\r\n---')).toMatchObject({ code: 'UNSAFE_URL', offset: 16, line: 2, column: 7 });
    expect(errorOf('<!--1-->\n[t](u)\n-- \n')).toMatchObject({ code: 'MISSING_UNDERLINE', offset: 16, line: 3, column: 1 });
    expect(errorOf('---\r\na: 1\r\na: 2\r\n---\r\n<!--1-->\r\n[t](u)\r\n---\r\n')).toMatchObject({
      code: 'INVALID_FRONT_MATTER',
      offset: 11,
      line: 3,
      column: 1,
    });
    expect(errorOf('---\na: 1\n...\nb: 2\n---\n<!--1-->\n[t](u)\n---\n')).toMatchObject({ code: 'INVALID_FRONT_MATTER', offset: 13, line: 4, column: 1 });
    expect(errorOf('---\na: [1\n---\n<!--1-->\n[t](u)\n---\n')).toMatchObject({ code: 'INVALID_FRONT_MATTER', line: 2 });
  });

  it('a key longer than YAML allows (1,024 characters): an error at the key, as yaml reads it', () => {
    const long = `---\na: 1\n${'k'.repeat(1025)}: 1\n---\n<!--1-->\n[t](u)\n---\n`;
    const expected = { code: 'INVALID_FRONT_MATTER', offset: 9, line: 3, column: 1 };
    expect(errorOf(long)).toMatchObject(expected);
    expect(errorOf(long).message).toContain('at most 1024 chars');
    expectErrorInChunks(long, [5, 64, 4096], expected);
    expect(parseSeed(long.replace('k'.repeat(1025), 'k'.repeat(1024))).header.frontMatter).toEqual({ a: 1, ['k'.repeat(1024)]: 1 });
  });

  it('aliases past the limit: at the first alias beyond it, whole or in chunks, with LF or CRLF', () => {
    for (const newline of ['\n', '\r\n']) {
      const lines = ['---', 'base: &base value', ...Array.from({ length: 1200 }, (_, index) => `key${index}: *base`), '---', '<!--1-->', '[t](u)', '---', ''];
      const text = lines.join(newline);
      // The 1,001st alias stands on line 1,003 (after the fence and the anchor), after `key1000: `.
      const expected = { code: 'INVALID_FRONT_MATTER', offset: text.indexOf('key1000: *base') + 9, line: 1003, column: 10 };
      expect(errorOf(text)).toMatchObject(expected);
      expectErrorInChunks(text, [7, 4096], expected);
    }
  });

  it('front matter warnings too', () => {
    const article = parseSeed('\ufeff---\r\na: 1\r\nb: !!set {x}\r\nc: .inf\r\n---\r\n<!--1-->\r\n[t](u)\r\n---\r\n');
    const warnings = article.diagnostics.filter((diagnostic) => diagnostic.code === 'FRONT_MATTER_WARNING');
    expect(warnings.map(({ offset, line, column }) => ({ offset, line, column }))).toEqual([
      { offset: 14, line: 3, column: 4 },
      { offset: 28, line: 4, column: 4 },
    ]);
    expect(article.header.frontMatter).toEqual({ a: 1, b: { x: null }, c: '.inf' });
  });

  it('any header, mutated and cut anywhere: every error and front matter warning is at a real place', () => {
    const input = fc
      .record({
        bom: fc.boolean(),
        lines: fc.array(headerLine, { maxLength: 9 }),
        newline: fc.constantFrom('\n', '\r\n'),
        final: fc.boolean(),
        cut: fc.option(fc.nat(), { nil: undefined }),
      })
      .map(({ bom, lines, newline, final, cut }) => {
        const text = (bom ? '\ufeff' : '') + lines.join(newline) + (final ? newline : '');
        return cut === undefined ? text : text.slice(0, cut % (text.length + 1));
      });
    fc.assert(
      fc.property(input, (text) => {
        const result = safeParseSeed(text);
        if (!result.ok) {
          expectConsistent(text, result.error);
          expect(result.error.message).toContain(`(line ${result.error.line}, column ${result.error.column})`);
        } else {
          for (const diagnostic of result.article.diagnostics) {
            if (diagnostic.code === 'FRONT_MATTER_WARNING') expectConsistent(text, diagnostic);
          }
        }
      }),
      checkOptions(3000),
    );
  });
});

function streamed(chunks: string[]): Article | SeedParseError {
  const parser = createSeedParser();
  try {
    for (const chunk of chunks) parser.write(chunk);
    return parser.end();
  } catch (error) {
    if (error instanceof SeedParseError) return error;
    throw error;
  }
}

function outcome(result: Article | SeedParseError): unknown {
  return result instanceof SeedParseError
    ? { code: result.code, message: result.message, offset: result.offset, line: result.line, column: result.column }
    : { header: result.header, diagnostics: result.diagnostics, body: result.body };
}

const SAMPLES = [
  '<!--1-->\n[t](u)',
  '\ufeff<!--1-->\r\n[t](u)\r',
  '<!--1-->\r\n[t](  javascript:x)\r\n---',
  '---\r\na: 1\r\nb: !!set {x}\r\nc: .inf\r\n---\r\n<!--1-->\r\n[t](u)\r\n---\r\n<p>x</p>',
  '---\na: 1\n...\nb: 2\n---\n<!--1-->\n[t](u)\n---\n',
  '---\na: 1',
  '\n \n<!--12x-->',
  `---\n${'k: 1\n'.repeat(10)}---\n<!--1-->\n[t](u)\n------`,
];

describe('header results do not depend on the chunking', () => {
  it.each(SAMPLES)('%j split at every point, and one character at a time', (text) => {
    const whole = outcome(streamed([text]));
    expect(outcome(parseSeedOrError(text))).toEqual(whole);
    for (let at = 0; at <= text.length; at++) expect(outcome(streamed(splitAt(text, [at])))).toEqual(whole);
    expect(outcome(streamed([...text]))).toEqual(whole);
  });
});

function parseSeedOrError(text: string): Article | SeedParseError {
  try {
    return parseSeed(text);
  } catch (error) {
    if (error instanceof SeedParseError) return error;
    throw error;
  }
}

/** Writes `text` in chunks of `size`; the error thrown, with the length written when it was thrown (or the Article). */
function firstFailure(text: string, size: number): { outcome: unknown; written: number } {
  const parser = createSeedParser();
  let written = 0;
  try {
    for (; written < text.length; written += size) parser.write(text.slice(written, written + size));
    return { outcome: outcome(parser.end()), written };
  } catch (error) {
    if (error instanceof SeedParseError) return { outcome: outcome(error), written: Math.min(written + size, text.length) };
    throw error;
  }
}

describe('a header line that can only fail', () => {
  // A stream of a file with no line feed (a minified page, a binary) is neither read to its end nor kept whole.
  it.each([
    ['garbage', 'x'],
    [' \t\u3000garbage', 'x'],
    ['---x', 'y'],
    ['\n\n<html>', '<p>'],
    ['<!--1-->\nnot a link', 'x'],
    ['<!--1-->\n  (t)', 'x'],
    ['<!--1-->\n[t](u)\nnot an underline', 'x'],
    ['<!--1-->\n[t](u)\n---x', 'x'],
    ['<!--1-->\n[t](u)\n--', '-x'],
    ['<!--1-->\r\n[t](u)\r\n- - -', ' '],
    ['---\n', 'x'],
    ['---\na: "', 'x'],
    ['---\n', '-'],
  ])('%j then %j × n fails from the write that shows it, with the error of the whole line', (start, filler) => {
    const text = `${start}${filler.repeat(400_000)}\n<!--1-->\n[t](u)\n---\n<p>x</p>`;
    const whole = outcome(parseSeedOrError(text));
    expect(whole).toHaveProperty('code');
    for (const size of [1, 64, 4096]) {
      const { outcome: streamedOutcome, written } = firstFailure(text, size);
      expect(streamedOutcome).toEqual(whole);
      // At the latest once the quote of the line is known (82 units of it), or the front matter limit passed.
      const frontMatter = start.startsWith('---\n');
      expect(written).toBeLessThanOrEqual(start.length + (frontMatter ? 131_072 : 82) + size);
    }
  });

  it.each([
    ['<!--', ' '],
    ['<!--1-->\n[t](u', 'x'],
    ['<!--1-->\n[t](u)\n---', '-'],
    ['<!--1-->\n[t](u)\n---', ' '],
    ['\u3000', ' '],
    ['---\n---', ' '],
  ])('%j then %j × n may still be right: read to its line feed, and the same as the whole', (start, filler) => {
    for (const end of ['\n<!--1-->\n[t](u)\n---\n<p>x</p>', '-->\n[t](u)\n---\n<p>x</p>', ')\n---\n']) {
      const text = `${start}${filler.repeat(200_000)}${end}`;
      const whole = outcome(parseSeedOrError(text));
      for (const size of [64, 4096]) {
        const { outcome: streamedOutcome, written } = firstFailure(text, size);
        expect(streamedOutcome).toEqual(whole);
        if (typeof whole === 'object' && whole !== null && 'code' in whole) expect(written).toBeGreaterThan(start.length + 200_000);
      }
    }
  });

  it('quotes a line of 40 astral characters whose CR comes at the end of a write as the whole line quotes it', () => {
    for (const start of ['', '<!--1-->\r\n', '<!--1-->\r\n[t](u)\r\n']) {
      const text = `${start}${'\u{1f600}'.repeat(40)}\r\n<p>x</p>`;
      const whole = outcome(parseSeedOrError(text));
      for (let cut = start.length + 78; cut <= start.length + 83; cut++) expect(outcome(streamed([text.slice(0, cut), text.slice(cut)]))).toEqual(whole);
      expect(outcome(streamed([...text]))).toEqual(whole);
    }
  });

  it('gives the error of the whole input for long lines of header characters, however they are cut', () => {
    const piece = fc.constantFrom('-', ' ', '\t', '\r', '\n', '<!--', '-->', '1', '[', ']', '(', ')', 'x', '\u3000', '---\n', 'a: 1\n', '<!--1-->\n', '[t](u)\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, fc.integer({ min: 1, max: 120 })), { maxLength: 8 }), fc.integer({ min: 1, max: 97 }), (runs, size) => {
        const text = runs.map(([text, count]) => text.repeat(count)).join('');
        expect(firstFailure(text, size).outcome).toEqual(outcome(parseSeedOrError(text)));
      }),
      checkOptions(1500),
    );
  });
});
