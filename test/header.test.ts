import { describe, expect, it } from 'vitest';
import { parseSeed, safeParseSeed, SeedParseError, type SeedErrorCode } from '../src/index.js';
import { seed } from './helpers.js';

function failure(text: string): SeedParseError {
  const result = safeParseSeed(text);
  if (result.ok) throw new Error('expected a failure');
  expect(result.error).toBeInstanceOf(SeedParseError);
  expect(() => parseSeed(text)).toThrow(SeedParseError);
  return result.error;
}

function expectError(text: string, code: SeedErrorCode, line: number, column: number, found?: string): SeedParseError {
  const error = failure(text);
  expect({ code: error.code, line: error.line, column: error.column }).toEqual({ code, line, column });
  if (found !== undefined) expect(error.message).toContain(found);
  return error;
}

describe('header', () => {
  it('writes a SeedParseError as plain data, message included, for JSON and for postMessage', () => {
    const error = failure('<!--x-->\n[t](u)\n---\n');
    const data = { name: 'SeedParseError', code: 'INVALID_TIMESTAMP', message: error.message, offset: 4, line: 1, column: 5 };
    expect(error.message).toMatch(/^Expected .*\(line 1, column 5\)$/);
    expect(JSON.parse(JSON.stringify(error))).toEqual(data);
    expect(JSON.parse(JSON.stringify(safeParseSeed(42 as unknown as string)))).toEqual({ ok: false, error: { name: 'SeedParseError', code: 'INVALID_INPUT', message: 'safeParseSeed expects a string, got number (line 1, column 1)', offset: 0, line: 1, column: 1 } });
    // A structured clone of the error itself keeps only what every Error keeps; its toJSON() keeps all.
    expect(structuredClone(error.toJSON())).toEqual(data);
    expect(structuredClone(error)).not.toHaveProperty('code');
  });

  it('reads timestamp, published, title and url', () => {
    const article = parseSeed(seed('<p>x</p>', { timestamp: '1684512901000', title: 'Hello', url: 'https://a.example/x' }));
    expect(article.header).toEqual({
      timestamp: 1684512901000,
      published: '2023-05-19T16:15:01.000Z',
      title: 'Hello',
      url: 'https://a.example/x',
      frontMatter: null,
    });
  });

  it('accepts spaces around the digits, CRLF line endings, a BOM and blank lines before the header', () => {
    const text = '\ufeff\r\n  \r\n<!-- 42 -->\r\n[T](u)\r\n---   \r\n<p>a</p>\r\n';
    const article = parseSeed(text);
    expect(article.header.timestamp).toBe(42);
    expect(article.header.url).toBe('u');
    expect(article.body).toEqual([{ type: 'paragraph', text: 'a', inlines: [{ type: 'text', value: 'a' }] }]);
  });

  it('accepts blank lines before the front matter, which is then the first non-blank line', () => {
    for (const before of ['\n', '\r\n  \r\n', '\ufeff\n\t\n', ' ']) {
      const text = `${before}${before.endsWith('\n') ? '' : '\n'}---\na: 1\n---\n<!--42-->\n[T](u)\n---\n<p>a</p>`;
      const article = parseSeed(text);
      expect(article.header).toMatchObject({ timestamp: 42, frontMatter: { a: 1 } });
      expect(article.body).toEqual([{ type: 'paragraph', text: 'a', inlines: [{ type: 'text', value: 'a' }] }]);
    }
    // An error inside it is placed on its own line, counted from the first line of the input.
    expect(failure('\n\n---\na: [\n---\n<!--1-->\n[T](u)\n---\n')).toMatchObject({ code: 'INVALID_FRONT_MATTER', line: 4 });
    // Not closed: the error is placed on the opening fence.
    expect(failure('\n---\na: 1\n')).toMatchObject({ code: 'INVALID_FRONT_MATTER', offset: 1, line: 2, column: 1 });
    expect(failure('---\na: 1\n')).toMatchObject({ code: 'INVALID_FRONT_MATTER', offset: 0, line: 1, column: 1 });
    // Warnings are placed on their own lines too.
    expect(parseSeed('\n\n---\na: !!foo x\n---\n<!--1-->\n[T](u)\n---\n').diagnostics).toMatchObject([{ code: 'FRONT_MATTER_WARNING', offset: 9, line: 4, column: 4 }]);
    expect(parseSeed('\n---\n---\n<!--1-->\n[T](u)\n---\n').header.frontMatter).toEqual({});
    // A fence after the timestamp is no front matter.
    expectError('<!--1-->\n---\na: 1\n---\n', 'MISSING_TITLE_LINK', 2, 1);
  });

  it('takes the final balanced parenthesized group as the destination and the rest as the title', () => {
    const header = (line: string) => parseSeed(`<!--1-->\n${line}\n---\n`).header;
    expect(header('[Lord of the Ring(s)](https://x.example/a_(b))')).toMatchObject({
      title: 'Lord of the Ring(s)',
      url: 'https://x.example/a_(b)',
    });
    expect(header('[a [b] c](u)')).toMatchObject({ title: 'a [b] c', url: 'u' });
    expect(header('[a](b) c](d)')).toMatchObject({ title: 'a](b) c', url: 'd' });
    expect(header('[T](<https://x.example/a b>)')).toMatchObject({ url: 'https://x.example/a b' });
    // A Markdown link title is not split off (README, "What a seed is").
    expect(header('[T]( https://x.example/a "Title" )')).toMatchObject({ url: 'https://x.example/a "Title"' });
    expect(header('[T](<https://x.example/a> "Title")')).toMatchObject({ url: '<https://x.example/a> "Title"' });
  });

  it('unescapes, then decodes entities, then collapses white space in the title; keeps the url as written', () => {
    const { header } = parseSeed('<!--1-->\n[\\[News\\]  &amp;  \\*views\\*&#32;&nbsp; \\&amp;](https://x.example/?a=1&amp;b=%20)\n---\n');
    expect(header.title).toBe('[News] & *views* &');
    expect(header.url).toBe('https://x.example/?a=1&amp;b=%20');
  });

  it('parses front matter as YAML 1.2 core schema', () => {
    const article = parseSeed(
      seed('', {
        frontMatter: [
          'layout: post',
          'title: "A “quoted” title"',
          'date: 2021-07-16T07:48:38.000Z',
          'comments: True',
          'draft: false',
          'count: 12',
          'ratio: 0.5',
          'empty:',
          'tags: [ Solidot, news ]',
          "single: 'it''s'",
          'nested:',
          '  a: 1',
        ].join('\n'),
      }),
    );
    expect(article.header.frontMatter).toEqual({
      layout: 'post',
      title: 'A “quoted” title',
      date: '2021-07-16T07:48:38.000Z',
      comments: true,
      draft: false,
      count: 12,
      ratio: 0.5,
      empty: null,
      tags: ['Solidot', 'news'],
      single: "it's",
      nested: { a: 1 },
    });
  });

  it('reads front matter as plain JSON data: no Date, Set, Map or Uint8Array; unknown tags warn and read as untagged', () => {
    const article = parseSeed(
      seed('', {
        frontMatter: ['date: !!timestamp 2021-07-16T07:48:38Z', 'set: !!set {a, b}', 'pairs: !!omap [a: 1]', 'bytes: !!binary aGk=', 'n: !custom 12', 'inf: .inf'].join('\n'),
      }),
    );
    expect(article.header.frontMatter).toEqual({ date: '2021-07-16T07:48:38Z', set: { a: null, b: null }, pairs: [{ a: 1 }], bytes: 'aGk=', n: 12, inf: '.inf' });
    expect(JSON.parse(JSON.stringify(article.header.frontMatter))).toEqual(article.header.frontMatter);
    expect(structuredClone(article.header.frontMatter)).toEqual(article.header.frontMatter);
    expect(article.diagnostics.map(({ code, line, column }) => ({ code, line, column }))).toEqual([
      { code: 'FRONT_MATTER_WARNING', line: 2, column: 7 },
      { code: 'FRONT_MATTER_WARNING', line: 3, column: 6 },
      { code: 'FRONT_MATTER_WARNING', line: 4, column: 8 },
      { code: 'FRONT_MATTER_WARNING', line: 5, column: 8 },
      { code: 'FRONT_MATTER_WARNING', line: 6, column: 4 },
      { code: 'FRONT_MATTER_WARNING', line: 7, column: 6 },
    ]);
  });

  it('reads an empty front matter as {}', () => {
    expect(parseSeed('---\n---\n<!--1-->\n[T](u)\n---\n').header.frontMatter).toEqual({});
    expect(parseSeed('---\n# only a comment\n---\n<!--1-->\n[T](u)\n---\n').header.frontMatter).toEqual({});
    // A document that is null, written out, is no front matter either; any other scalar is no mapping.
    for (const empty of ['~', 'null', 'Null', '!!null ""']) expect(parseSeed(`---\n${empty}\n---\n<!--1-->\n[T](u)\n---\n`).header.frontMatter).toEqual({});
    expect(() => parseSeed('---\nnone\n---\n<!--1-->\n[T](u)\n---\n')).toThrow(expect.objectContaining({ code: 'INVALID_FRONT_MATTER' }));
  });

  it('keeps __proto__ and constructor keys as plain data', () => {
    for (const frontMatter of ['__proto__: {polluted: 1}\nconstructor: x', '__proto__: yes\nconstructor: x']) {
      const article = parseSeed(seed('', { frontMatter }));
      const data = article.header.frontMatter as Record<string, unknown>;
      expect(Object.keys(data)).toEqual(['__proto__', 'constructor']);
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});

describe('header errors, with positions', () => {
  it('EMPTY_INPUT for nothing but white space', () => {
    expectError('', 'EMPTY_INPUT', 1, 1);
    expectError(' \n\t\r\n  ', 'EMPTY_INPUT', 1, 1);
    expectError('\ufeff', 'EMPTY_INPUT', 1, 1);
    expect(failure('').message).toContain('an empty input');
    expect(failure(' \n\n ').message).toContain('only white space');
    expect(failure('\n \n').message).toContain('only white space');
  });

  it('quotes what cannot be seen, or told from a space, as \\uXXXX', () => {
    expect(failure('<!--1684512901000-->\u00a0\n[T](u)\n---\n').message).toContain('found "<!--1684512901000-->\\u00a0"');
    expect(failure('\u200b<!--1-->\n[T](u)\n---\n').message).toContain('found "\\u200b<!--1-->"');
    expect(failure('\ufeff\ufeff<!--1-->\n[T](u)\n---\n').message).toContain('found "\\ufeff<!--1-->"');
    expect(failure('<!--1-->\n\u3000[T](u)\u0085\n---\n').message).toContain('found "\\u3000[T](u)\\u0085"');
    expect(failure('<!--1-->\nT\f \u{e0001}\n---\n').message).toContain('found "T\\f \\udb40\\udc01"');
    expect(failure('<!--1-->\n\u3164[T](u)\u115f\u2800x\ufe0f\n---\n').message).toContain('found "\\u3164[T](u)\\u115f\\u2800x\\ufe0f"');
    // Visible text stays as it is, a backslash of the input included.
    expect(failure('<!--1-->\n中文 \\u00a0 é\n---\n').message).toContain('found "中文 \\\\u00a0 é"');
  });

  it('INVALID_FRONT_MATTER at the opening fence when the front matter holds the timestamp line (its closing --- is missing)', () => {
    const error = failure('\n---\nlayout: post\n<!--1684512901000-->\n[T](https://e.example/a)\n---\n<p>x</p>');
    expect(error).toMatchObject({ code: 'INVALID_FRONT_MATTER', offset: 1, line: 2, column: 1 });
    expect(error.message).toContain('the timestamp comment inside it, on line 4: its closing line "---" is missing');
  });

  it('INVALID_FRONT_MATTER where the YAML problem is when a closed front matter holds a timestamp-like line elsewhere', () => {
    const duplicate = failure('---\nbody: |\n  <!--1-->\ntitle: a\ntitle: b\n---\n<!--1684512901000-->\n[T](https://a.example/)\n------\n');
    expect(duplicate).toMatchObject({ code: 'INVALID_FRONT_MATTER', line: 5, column: 1 });
    expect(duplicate.message).toContain('found the key "title" twice');
    const scalar = failure('---\n<!--1-->\n---\n<!--1-->\n[t](u)\n---\n');
    expect(scalar).toMatchObject({ code: 'INVALID_FRONT_MATTER', line: 2, column: 1 });
    expect(scalar.message).toContain('found a scalar, not a mapping');
    const open = failure('---\nnote: [draft\n<!--1-->\n---\n<!--1-->\n[t](u)\n---\n');
    expect(open.message).not.toContain('timestamp');
  });

  it('INVALID_FRONT_MATTER at the opening fence when the swallowed title line is indented, as the header allows it', () => {
    for (const indent of ['  ', '\t']) {
      const error = failure(`---\na: 1\n<!--1700000000000-->\n${indent}[T](https://e.com/)\n---\nbody`);
      expect(error).toMatchObject({ code: 'INVALID_FRONT_MATTER', line: 1, column: 1 });
      expect(error.message).toContain('the timestamp comment inside it, on line 3: its closing line "---" is missing');
    }
  });

  it('MISSING_TIMESTAMP when the first non-blank line is not a comment', () => {
    const error = expectError('\n\nHello world\n[T](u)\n---\n', 'MISSING_TIMESTAMP', 3, 1, '"Hello world"');
    expect(error.offset).toBe(2);
    expect(error.message).toContain('<!--1684512901000-->');
    expectError('---\na: 1\n---\n', 'MISSING_TIMESTAMP', 4, 1, 'end of the input');
    expectError('<!--1--> trailing\n[T](u)\n---\n', 'MISSING_TIMESTAMP', 1, 1);
  });

  it('quotes at most 40 characters of what was found', () => {
    const error = failure(`${'x'.repeat(100)}\n`);
    expect(error.message).toContain(`"${'x'.repeat(39)}…"`);
    expect(error.message).not.toContain('x'.repeat(41));
  });

  it('INVALID_TIMESTAMP for anything but digits, unsafe integers, and years after 9999', () => {
    const error = expectError('\n<!--12a-->\n[T](u)\n---\n', 'INVALID_TIMESTAMP', 2, 5, '"12a"');
    expect(error.offset).toBe(5);
    expectError('<!---->\n[T](u)\n---\n', 'INVALID_TIMESTAMP', 1, 5);
    expectError('<!---5-->\n[T](u)\n---\n', 'INVALID_TIMESTAMP', 1, 5);
    expectError('<!--1.5-->\n[T](u)\n---\n', 'INVALID_TIMESTAMP', 1, 5);
    expectError('<!--99999999999999999999-->\n[T](u)\n---\n', 'INVALID_TIMESTAMP', 1, 5);
    expectError('<!--253402300800000-->\n[T](u)\n---\n', 'INVALID_TIMESTAMP', 1, 5);
    expect(parseSeed('<!--253402300799999-->\n[T](u)\n---\n').header.published).toBe('9999-12-31T23:59:59.999Z');
    expect(parseSeed('<!--0-->\n[T](u)\n---\n').header.published).toBe('1970-01-01T00:00:00.000Z');
  });

  it('MISSING_TITLE_LINK when the next line is not a link, or its title or destination is empty', () => {
    expectError('<!--1-->\nTitle\n---\n', 'MISSING_TITLE_LINK', 2, 1, '"Title"');
    expectError('<!--1-->\n\n[T](u)\n---\n', 'MISSING_TITLE_LINK', 2, 1, 'an empty line');
    expectError('<!--1-->\n[](u)\n---\n', 'MISSING_TITLE_LINK', 2, 1);
    expectError('<!--1-->\n[ &#32; ](u)\n---\n', 'MISSING_TITLE_LINK', 2, 1);
    expectError('<!--1-->\n[T]()\n---\n', 'MISSING_TITLE_LINK', 2, 1);
    expectError('<!--1-->\n[T](<>)\n---\n', 'MISSING_TITLE_LINK', 2, 1);
    expectError('<!--1-->\n[T](< >)\n---\n', 'MISSING_TITLE_LINK', 2, 1);
    expectError('<!--1-->\n[T](<\t\u00a0>)\n---\n', 'MISSING_TITLE_LINK', 2, 1);
    expectError('<!--1-->\n[T](  )\n---\n', 'MISSING_TITLE_LINK', 2, 1);
    expectError('<!--1-->\n[T] (u)\n---\n', 'MISSING_TITLE_LINK', 2, 1);
    expectError('<!--1-->\n[T](u))\n---\n', 'MISSING_TITLE_LINK', 2, 1);
    // The input ends on the line of the comment: that is where the end of the input is.
    expect(expectError('<!--1-->', 'MISSING_TITLE_LINK', 1, 9, 'end of the input').offset).toBe(8);
    expect(expectError('<!--1-->\n', 'MISSING_TITLE_LINK', 2, 1, 'end of the input').offset).toBe(9);
  });

  it('MISSING_UNDERLINE when the line after the link is not three or more dashes', () => {
    expectError('<!--1-->\n[T](u)\n--\n', 'MISSING_UNDERLINE', 3, 1, '"--"');
    expectError('<!--1-->\r\n[T](u)\r\n=====\r\n', 'MISSING_UNDERLINE', 3, 1, '"====="');
    expectError('<!--1-->\n[T](u)\n', 'MISSING_UNDERLINE', 3, 1, 'end of the input');
    expect(parseSeed('<!--1-->\n[T](u)\n---').body).toEqual([]);
  });

  it('INVALID_FRONT_MATTER when unclosed, not YAML, or not a mapping', () => {
    // The underline closes the front matter here, so the header lines become YAML.
    expect(failure('---\ntitle: x\n<!--1-->\n[T](u)\n---').code).toBe('INVALID_FRONT_MATTER');
    expectError('---\ntitle: x\n<!--1-->\n', 'INVALID_FRONT_MATTER', 1, 1, 'closing');
    const yamlError = expectError('---\r\ntitle: x\r\nbad: [unclosed\r\n---\r\n<!--1-->\n[T](u)\n---\n', 'INVALID_FRONT_MATTER', 3, 15);
    expect(yamlError.offset).toBe('---\r\ntitle: x\r\nbad: [unclosed'.length);
    expect(yamlError.message).toContain('Expected YAML front matter');
    expectError('---\n- a\n- b\n---\n<!--1-->\n[T](u)\n---\n', 'INVALID_FRONT_MATTER', 2, 1, 'not a mapping');
    expectError('---\njust a string\n---\n<!--1-->\n[T](u)\n---\n', 'INVALID_FRONT_MATTER', 2, 1);
    expectError('---\na: 1\na: 2\n---\n<!--1-->\n[T](u)\n---\n', 'INVALID_FRONT_MATTER', 3, 1);
  });

  it('INVALID_FRONT_MATTER for content after a document end marker, never a partial value', () => {
    const error = expectError('---\na: 1\n...\nb: 2\n---\n<!--1-->\n[T](u)\n---\n', 'INVALID_FRONT_MATTER', 4, 1, 'a second YAML document');
    expect(error.offset).toBe(13);
    expectError('---\na: 1\n--- b: 2\n---\n<!--1-->\n[T](u)\n---\n', 'INVALID_FRONT_MATTER', 3, 1, 'a second YAML document');
    expectError('---\na: 1\n"1": x\n1: y\n---\n<!--1-->\n[T](u)\n---\n', 'INVALID_FRONT_MATTER', 4, 1, 'the key "1" twice');
    expect(parseSeed('---\na: 1\n...\n---\n<!--1-->\n[T](u)\n---\n').header.frontMatter).toEqual({ a: 1 });
  });

  it('UNSAFE_URL for a javascript:, vbscript: or data: title link destination, at the destination', () => {
    const error = expectError('<!--1-->\n[t](javascript:alert(1)//)\n---\n<a href="#x">x</a>', 'UNSAFE_URL', 2, 5, '"javascript:alert(1)//"');
    expect(error.offset).toBe(13);
    expect(error.message).toBe(
      'Expected a title link whose destination is not a javascript:, vbscript: or data: URL, found a javascript: URL "javascript:alert(1)//" (line 2, column 5)',
    );
    expectError('<!--1-->\n[t](<VBScript:x>)\n---\n', 'UNSAFE_URL', 2, 6);
    expectError('<!--1-->\n[t]( data:text/html,x )\n---\n', 'UNSAFE_URL', 2, 6);
    expect(parseSeed('<!--1-->\n[t](javascript.example/x)\n---\n').header.url).toBe('javascript.example/x');
  });

  it('counts positions after the byte-order mark', () => {
    const error = expectError('\ufeffnope\n', 'MISSING_TIMESTAMP', 1, 1);
    expect(error.offset).toBe(0);
  });

  it('makes a non-string argument a TypeError, and safeParseSeed never throws', () => {
    for (const value of [undefined, null, 42, {}, [], new Uint8Array([60])]) {
      expect(() => parseSeed(value as unknown as string)).toThrow(TypeError);
      const result = safeParseSeed(value as unknown as string);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    }
  });

  it('safeParseSeed never throws, even when what an option throws cannot be made text: INVALID_INPUT names the option', () => {
    const options = {
      get baseUrl(): string {
        throw { toString: () => { throw new Error('no text'); } };
      },
    };
    const result = safeParseSeed(seed('<p>x</p>'), options);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toBe('options.baseUrl could not be read (line 1, column 1)');
    }
  });

  it('never throws for a broken body', () => {
    const article = parseSeed(seed('<div><p>unclosed <b>bold <i>and</div></span></p></p><<>>&&&;'));
    expect(article.body.length).toBeGreaterThan(0);
  });
});
