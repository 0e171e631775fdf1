import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSeed, safeParseSeed, SeedParseError } from '../src/index.js';
import { checkOptions } from './chunks.js';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { seed } from './helpers.js';
import { stringsOf } from './invariants.js';
import { doublingRatio, DOUBLING_BOUND, wallTime } from './linear.js';
import { IMAGE_DATA_URLS, UNSAFE_URLS } from './unsafe-url-vectors.js';

/**
 * Ways of writing a javascript:, vbscript: or data: destination on the title
 * line. Those of the body's vectors (test/unsafe-urls.test.ts) that fit on one
 * line, plus Markdown's own ways: backslash escapes and `<…>`.
 */
const UNSAFE = [
  ...UNSAFE_URLS.filter((url) => !url.includes('\n')),
  ...IMAGE_DATA_URLS,
  'javascript:alert(1)//',
  'jav\tas\rcr\tipt:alert(1)',
  '<javascript:alert(1)>',
  '< javascript:alert(1) >',
  'javascript\\:alert(1)',
  'javascript:alert(document.domain)',
  '\u00a0javascript:alert(1)',
  // A destination in `<…>` followed by a link title: Markdown reads the URL inside the brackets.
  '<javascript:alert(1)> "x"',
  "<javascript:x> 't'",
  '<javascript:x> (t)',
  "<javascript:x>\t'x'",
  '\t<data:text/html,x> (t)',
  '<javascript&colon;x> "t"',
  '<vbscript:x>"t"',
  // Not a link to Markdown, but an autolink inside the line: `[T](x <javascript:…>)`.
  'x <javascript:alert(1)>',
  '&#106; <javascript:\\>',
];

/** Look-alikes no browser or Markdown renderer runs: they stay valid, as written. */
const HARMLESS = [
  'javascript.example/x',
  'https://x.example/javascript:alert(1)',
  'https://x/javascript:',
  'javascript',
  'javascript-guide.html',
  './javascript:alert(1)',
  '/javascript:alert(1)',
  'java script:alert(1)',
  '&#x00;javascript:alert(1)',
  'java&#0;script:alert(1)',
  '\\javascript:alert(1)',
  'https://x.example/?u=data:text/html,x',
  'mailto:a@x.example',
  'u',
];

/** Every node of an mdast tree, depth first. */
function visit(node: { type: string; children?: unknown[] } & Record<string, any>, each: (node: any) => void): void {
  each(node);
  for (const child of (node.children ?? []) as (typeof node)[]) visit(child, each);
}

function titleLine(destination: string): string {
  return `<!--1-->\n[T](${destination})\n---\n<p>x</p>`;
}

describe('the title link destination', () => {
  it.each(UNSAFE)('%j is UNSAFE_URL at the first character of the destination', (destination) => {
    const text = titleLine(destination);
    const result = safeParseSeed(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.error;
    expect(error).toBeInstanceOf(SeedParseError);
    expect(error.code).toBe('UNSAFE_URL');
    // The destination as header.url would hold it: without white space around it and without `<>`.
    const line = text.split('\n')[1] as string;
    const inner = line.slice(4, -1);
    let index = 4 + (inner.length - inner.trimStart().length);
    if (inner.trim().startsWith('<')) index++;
    expect({ offset: error.offset, line: error.line, column: error.column }).toEqual({ offset: 9 + index, line: 2, column: index + 1 });
    expect(error.message).toMatch(/^Expected a title link whose destination is not a javascript:, vbscript: or data: URL, found an? (javascript|vbscript|data): URL "/);
    expect(() => parseSeed(text)).toThrow(SeedParseError);
  });

  it.each([
    ['[t](<javascript:x y>)](https://a)', 6],
    ['[x](<javascript:x>) rest](https://a)', 6],
    ['[t]( <javascript:x>)', 7],
    ['[a](javascript:x) b](https://a)', 5],
    ['[a]( \tjavascript:x) b](https://a)', 7],
    ['[a](\t<javascript:x y>) b](https://a)', 7],
  ])('%j: a URL read in the title is reported where it starts, after `(`, white space and `<` (column %i)', (line, column) => {
    expect(safeParseSeed(`<!--1-->\n${line}\n---\n`)).toMatchObject({ ok: false, error: { code: 'UNSAFE_URL', line: 2, column, offset: 9 + column - 1 } });
  });

  it.each(HARMLESS)('%j stays valid, as written', (destination) => {
    expect(parseSeed(titleLine(destination)).header.url).toBe(destination.replace(/\0/g, '\ufffd'));
  });

  it('is found after front matter, CRLF and a BOM, and on any line of the header', () => {
    const text = '\ufeff---\r\na: 1\r\n---\r\n\r\n<!--1-->\r\n[Title]( JavaScript:alert(1) )\r\n---\r\n';
    const error = safeParseSeed(text);
    expect(error.ok).toBe(false);
    if (!error.ok) {
      const afterBom = text.slice(1);
      expect(error.error).toMatchObject({ code: 'UNSAFE_URL', offset: afterBom.indexOf('JavaScript'), line: 6, column: 10 });
    }
  });

  it('any destination: a title line that parses is no unsafe link as mdast-util-from-markdown reads it', () => {
    const piece = fc.constantFrom('javascript:', 'data:text/html,', 'vbscript:', 'x', '<', '>', '\\>', ' ', '\t', '"t"', "'t'", '(t)', '&colon;', '&#106;', '\\');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const text = titleLine(pieces.join(''));
        if (!safeParseSeed(text).ok) return;
        const line = text.split('\n')[1] as string;
        visit(fromMarkdown(line), (node) => {
          if (node.type === 'link') expect(/^(javascript|vbscript|data):/i.test(node.url.replace(/^[\0-\x20]+/, '').replace(/[\t\n\r]/g, ''))).toBe(false);
        });
      }),
      checkOptions(1000),
    );
  });

  it('any title and destination: a title line that parses is no unsafe link or autolink as mdast-util-from-markdown reads it', () => {
    const piece = fc.constantFrom('javascript:', 'data:text/html,', 'vbscript:', 'x', '<', '>', '\\<', '[', ']', '](', ')', ' ', '"t"', '&colon;', '&#106;', '\\', 'alert(1)//');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), fc.array(piece, { minLength: 1, maxLength: 5 }), (title, destination) => {
        const line = `[t${title.join('')}](${destination.join('')})`;
        if (!safeParseSeed(`<!--1-->\n${line}\n------\n`).ok) return;
        visit(fromMarkdown(line), (node) => {
          if (node.type === 'link') expect(/^(javascript|vbscript|data):/i.test(node.url.replace(/^[\0-\x20]+/, '').replace(/[\t\n\r]/g, '')), line).toBe(false);
        });
      }),
      checkOptions(3000),
    );
  });

  it('a destination in brackets after any ]( is vetted, white space and all, wherever the title line\'s own destination is', () => {
    for (const line of ['[a](<javascript:x ](b>)', '[a](<javascript:alert(1) ](https://e.example/>)', '[a]( < data:text/html,x ](b>)', '[a](<vbscript:x y>) ](c)']) {
      const result = safeParseSeed(`<!--1-->\n${line}\n------\n`);
      expect(result.ok ? 'parsed' : result.error.code, line).toBe('UNSAFE_URL');
    }
  });

  it('a < in the title that opens no autolink is text: such titles stand', () => {
    for (const title of ['Growth < Data: what the numbers say', '<JavaScript: The Definitive Guide>', 'a <b> tag', 'x<y', '1 < 2 > 0', '<data: a report>']) {
      const result = safeParseSeed(`<!--1-->\n[${title}](https://x.example/)\n------\n`);
      expect(result.ok, title).toBe(true);
      if (result.ok) expect(result.article.header.title).toBe(title);
    }
  });

  it('what follows each < of the title line is read once: many < take linear time', () => {
    // Many < in the title and after ](, and many < in the destination itself.
    const line = (count: number) => [
      `<!--1-->\n[t${'<'.repeat(count)}](${'<&amp;'.repeat(count)}](x)\n------\n`,
      `<!--1-->\n[t](${'<a'.repeat(count)})\n------\n`,
    ];
    const [small, large] = [line(100000), line(200000)];
    const ratio = doublingRatio((scale) => wallTime(() => (scale === 1 ? small : large).forEach((text) => safeParseSeed(text))));
    expect(ratio).toBeLessThanOrEqual(DOUBLING_BOUND);
  });

  it('any destination: header.url is never an unsafe URL, and an UNSAFE_URL error points into the title line', () => {
    const piece = fc.constantFrom('java', 'script', 'vb', 'data', ':', '&#58;', '&colon;', '&#106;', '\t', '\r', ' ', '\\', '\0', '\x01', 'alert(1)', '/', 'x', 'JAVA', '<', '>', '(', ')', 'image/png,');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const destination = pieces.join('');
        const text = titleLine(destination);
        const result = safeParseSeed(text);
        if (result.ok) {
          const url = result.article.header.url;
          // As a browser reads it: C0 controls and spaces trimmed, tabs and line breaks removed, case ignored.
          const read = url.replace(/^[\0-\x20]+/, '').replace(/[\t\n\r]/g, '').toLowerCase();
          expect(/^(javascript|vbscript|data):/.test(read)).toBe(false);
          // As a Markdown renderer reads it: backslash escapes of ASCII punctuation removed, entities decoded.
          const decoded = url.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&#58;|&colon;/gi, ':').replace(/&#106;/g, 'j').replace(/^[\0-\x20]+/, '').replace(/[\t\n\r]/g, '').toLowerCase();
          expect(/^(javascript|vbscript|data):/.test(decoded)).toBe(false);
        } else if (result.error.code === 'UNSAFE_URL') {
          expect(result.error.line).toBe(2);
          expect(result.error.offset).toBeGreaterThanOrEqual(9 + 4);
          expect(result.error.offset).toBeLessThan(9 + text.split('\n')[1]!.length);
        }
      }),
      checkOptions(500),
    );
  });
});

const LONE_OR_NUL = ['\0', '\ud800', '\udbff', '\udc00', '\udfff'];
const dirty = fc
  .array(fc.oneof(fc.constantFrom(...LONE_OR_NUL, 'a', ' ', '中', '😀', ':', '"', "'", '\\0', '\\ud800', '[', ']', '(', ')', '-', '#', '&#0;', '&#xD800;', '<!--', '-->'), fc.string({ maxLength: 3 })), {
    maxLength: 10,
  })
  .map((parts) => parts.join(''));

function expectClean(text: string): void {
  expect(text.includes('\0')).toBe(false);
  expect(text.isWellFormed()).toBe(true);
}


describe('clean text in the header', () => {
  it('title, url, front matter keys and strings, error messages and front matter warnings hold no NUL and no lone surrogate', () => {
    const frontMatterLine = fc.oneof(
      fc.tuple(dirty, dirty).map(([key, value]) => `${key}: ${value}`),
      fc.tuple(dirty, dirty).map(([key, value]) => `"${key}": "${value}"`),
      fc.tuple(dirty, dirty).map(([key, value]) => `nested:\n  "${key}": ["${value}", {"${value}": !${key} "${value}"}]`),
      dirty,
    );
    fc.assert(
      fc.property(
        fc.option(fc.array(frontMatterLine, { maxLength: 4 }), { nil: undefined }),
        dirty,
        dirty,
        dirty,
        fc.constantFrom('\n', '\r\n'),
        (frontMatter, timestamp, title, url, newline) => {
          const text = seed('<p>x</p>', { frontMatter: frontMatter?.join('\n'), timestamp: `1${timestamp}`, title: `T${title}`, url: `u${url}`, newline });
          for (const input of [text, `<!--1-->\n${title}\n---\n`, `<!--${timestamp}-->\n`, `<!--1-->\n[t](u)\n${title}\n`]) {
            const result = safeParseSeed(input);
            if (result.ok) {
              const { header, diagnostics } = result.article;
              for (const value of [header.title, header.url, header.published, ...stringsOf(header.frontMatter)]) expectClean(value);
              for (const diagnostic of diagnostics) expectClean(diagnostic.message);
            } else {
              expectClean(result.error.message);
            }
          }
        },
      ),
      checkOptions(400),
    );
  });

  it('quotes what was found with U+FFFD for NUL and lone surrogates', () => {
    const result = safeParseSeed('\0x\ud800y\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('"\ufffdx\ufffdy"');
    const link = safeParseSeed('<!--1-->\n[a\0](\udc00)\n--\n');
    expect(link.ok).toBe(false);
    if (!link.ok) expect(link.error.message).toContain('"--"');
    expect(parseSeed('<!--1-->\n[a\0\ud800](u\0\udfffv)\n---\n').header).toMatchObject({ title: 'a\ufffd\ufffd', url: 'u\ufffd\ufffdv' });
  });

  it('front matter keys and strings, nested ones too, and its warnings', () => {
    const article = parseSeed(seed('', { frontMatter: 'a\0: "\\0\\ud800"\nb:\n  - {"\\udc00": x\0}\nc: !t%00%F0g 1' }));
    expect(article.header.frontMatter).toEqual({ 'a\ufffd': '\ufffd\ufffd', b: [{ '\ufffd': 'x\ufffd' }], c: 1 });
    const warnings = article.diagnostics.filter((diagnostic) => diagnostic.code === 'FRONT_MATTER_WARNING');
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expectClean(warning.message);
  });
});
