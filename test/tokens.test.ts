import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { createDiagnosticLog } from '../src/diagnostics.js';
import { createLocator } from '../src/input/locator.js';
import { makeSafe } from '../src/text/whitespace.js';
import { createBodyTokenizer, type Attributes, type TokenSink } from '../src/tokens/body-tokenizer.js';
import { createNameMatcher } from '../src/tokens/name-matcher.js';
import type { Diagnostic } from '../src/types.js';
import { checkOptions, cutsFor, splitAt } from './chunks.js';
import { corpusFiles, parseBody, sharedFiles } from './helpers.js';

/**
 * The body-tokens stage against htmlparser2's `Parser` (text rule 0): the element stream (each
 * start, each end, in order), the text between (decoded, joined) and the wanted attributes must
 * be Parser's, on every html5lib tokenizer input, every corpus body and fuzzed tag soup, whole or
 * in chunks.
 *
 * Deliberate differences, each normalized below and counted so that a change shows up:
 * 1. A start tag cut off by the end of the input (`<a href` as the last thing): Parser puts the
 *    element on its stack when it reads the name and closes it at the end, so it reports an end
 *    without a start. Here the element never existed: neither start nor end.
 * 2. Unfinished markup at the end of the input (`</a x`, `<br/`): Parser reports the last
 *    character of the input as text. That is markup, not text: dropped here.
 * 3. Attribute values: only the wanted names are read, and their values are made safe (NUL and
 *    lone surrogates become U+FFFD); Parser's values are compared after the same.
 * 4. The raw text of `<script>` and `<style>` (outside foreign content) is never content: not
 *    reported, and not kept while it streams.
 * 5. A `<p>` the sink drops is dropped only up to a start tag that ends a paragraph in HTML (rule
 *    6): the tree stays Parser's, but what follows is reported, and the `<p>`, with what was open
 *    inside it then, is never reported closed.
 * 6. Line endings: CR LF and a lone CR are read as LF before any markup, as HTML reads its input
 *    (Parser keeps them, so a CR and an LF with a tag between would stay one line ending); Parser
 *    is given the input read so. The totals count the inputs that hold a CR.
 */

const WANTED = ['src', 'data-src', 'srcset', 'href', 'alt', 'title', 'width', 'height', 'class', 'poster', 'type'];
const DROP_PREFIX = 'data-selfpromo';
const ATTRIBUTES = createNameMatcher(WANTED, [DROP_PREFIX]);
const FLAGS = new Set([DROP_PREFIX]);

type Event = string;

interface Recording {
  events: Event[];
  /** Deliberate differences met (Parser side), by kind. */
  differences: { cutOffStartTag: number; markupAsText: number; scriptText: number; lineEndings: number };
}

function describeOpen(name: string, attributes: Attributes | null): Event {
  const wanted = attributes === null ? [] : Object.keys(attributes).sort().map((key) => ` ${key}=${JSON.stringify(attributes[key])}`);
  return `<${name}${wanted.join('')}>`;
}

/** Appends an event, joining adjacent text. */
function record(events: Event[], event: Event): void {
  const previous = events[events.length - 1];
  if (event.startsWith('#') && previous?.startsWith('#')) events[events.length - 1] = previous + event.slice(1);
  else events.push(event);
}

/** Parser's stream: start tags with the wanted attributes (made safe), end tags, text. */
/** The start tags that end a `<p>` in HTML, and the elements that bound its scope (src/tokens/elements.ts), as Parser names them. */
const HTML_ENDS_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'pre', 'listing', 'form', 'li', 'dd', 'dt', 'plaintext', 'table', 'hr', 'xmp',
]);
/** The elements that bound a `<p>`'s scope, by the namespace they stand in (as Parser tracks it: `svg` and `math` start one, its integration elements HTML again). */
const P_SCOPE: Readonly<Record<string, ReadonlySet<string>>> = {
  html: new Set(['applet', 'table', 'marquee', 'object', 'template', 'button']),
  svg: new Set(['foreignObject', 'desc', 'title']),
  math: new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml']),
};
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignObject', 'desc', 'title']);
const BREAKS_OUT = new Set([
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike',
  'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var',
]);

function parserStream(body: string, drop: (name: string, attributes: Attributes | null) => boolean = () => false): Recording {
  const events: Event[] = [];
  const differences = { cutOffStartTag: 0, markupAsText: 0, scriptText: 0, lineEndings: body.includes('\r') ? 1 : 0 };
  const opened: string[] = [];
  // The namespace each open element stands in, and the one its content stands in.
  const standsIn: string[] = [];
  const holds: string[] = [];
  let dropDepth = 0;
  let droppedAt = -1;
  // Difference 5: a dropped <p> is dropped up to where HTML ends it; what was open in it then is never reported closed.
  const silent: [from: number, to: number][] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      const attributes: Attributes = {};
      for (const [key, value] of Object.entries(attribs)) {
        if (key.startsWith(DROP_PREFIX)) attributes[DROP_PREFIX] ??= '';
        else if (WANTED.includes(key)) attributes[key] = makeSafe(value);
      }
      const wanted = Object.keys(attributes).length === 0 ? null : attributes;
      opened.push(name);
      const around = holds[holds.length - 1] ?? 'html';
      standsIn.push(name === 'svg' || name === 'math' ? name : around);
      holds.push(name === 'svg' || name === 'math' ? name : INTEGRATION.has(name) ? 'html' : around);
      const between = opened.slice(droppedAt + 1, -1);
      const foreign = between.some((inside) => inside === 'svg' || inside === 'math');
      const bounded = between.some((inside, index) => P_SCOPE[standsIn[droppedAt + 1 + index] as string]?.has(inside) === true);
      if (dropDepth > 0 && opened[droppedAt] === 'p' && HTML_ENDS_P.has(name) && !bounded && (!foreign || BREAKS_OUT.has(name))) {
        silent.push([droppedAt, opened.length - 2]);
        dropDepth = 0;
      }
      if (dropDepth > 0) dropDepth++;
      else if (drop(name, wanted)) {
        dropDepth = 1;
        droppedAt = opened.length - 1;
      } else record(events, describeOpen(name, wanted));
    },
    onclosetag(name) {
      if (opened[opened.length - 1] !== name) {
        // Difference 1: the end of an element whose start tag never ended.
        differences.cutOffStartTag++;
        events.push(`!cut-off </${name}>`);
        return;
      }
      opened.pop();
      standsIn.pop();
      holds.pop();
      const at = opened.length;
      const range = silent[silent.length - 1];
      if (dropDepth > 0) dropDepth--;
      else if (range !== undefined && at <= range[1]) {
        if (at === range[0]) silent.pop();
        else range[1] = at - 1;
      } else record(events, `</${name}>`);
    },
    ontext(text) {
      const inside = opened[opened.length - 1];
      if ((inside === 'script' || inside === 'style') && !parser.isInForeignContext()) {
        // Difference 4: script and style text.
        differences.scriptText++;
        return;
      }
      if (dropDepth === 0) record(events, `#${text}`);
    },
  });
  const ontext = parser.ontext.bind(parser);
  parser.ontext = (start: number, end: number) => {
    // Difference 2: unfinished markup reported as text from index -1.
    if (start < 0) {
      differences.markupAsText++;
      return;
    }
    ontext(start, end);
  };
  // Difference 6.
  parser.end(body.replace(/\r\n?/g, '\n'));
  // Difference 1 only ever happens at the very end: nothing but ends after it.
  const first = events.findIndex((event) => event.startsWith('!cut-off'));
  if (first !== -1) {
    expect(events.slice(first).every((event) => event.startsWith('!cut-off') || event.startsWith('</'))).toBe(true);
  }
  return { events: events.filter((event) => !event.startsWith('!cut-off')), differences };
}

interface TokenRun {
  events: Event[];
  diagnostics: Diagnostic[];
}

/** This stage's stream for the body fed in these chunks, with the sink dropping what `drop` says. */
function tokenStream(chunks: readonly string[], drop: (name: string, attributes: Attributes | null) => boolean = () => false): TokenRun {
  const events: Event[] = [];
  const depth: string[] = [];
  const sink: TokenSink = {
    openElement(name, attributes) {
      if (drop(name, attributes)) return true;
      record(events, describeOpen(name, attributes));
      depth.push(name);
      return undefined;
    },
    closeElement(name) {
      // Well nested: every end is the innermost open element's.
      expect(depth.pop()).toBe(name);
      record(events, `</${name}>`);
    },
    text(value) {
      expect(value.length).toBeGreaterThan(0);
      record(events, `#${value}`);
    },
  };
  const locator = createLocator(0, 1);
  let tokens: ReturnType<typeof createBodyTokenizer> | null = null;
  const diagnostics = createDiagnosticLog((offset) => (tokens as ReturnType<typeof createBodyTokenizer>).position(offset));
  tokens = createBodyTokenizer(sink, { attributes: ATTRIBUTES, flags: FLAGS, offset: 0, locator, diagnostics });
  for (const chunk of chunks) tokens.write(chunk);
  tokens.end();
  expect(depth).toEqual([]);
  return { events, diagnostics: diagnostics.finish() };
}

/** The stream must equal Parser's; returns the differences met. */
function expectParserStream(body: string, chunks: readonly string[] = [body]): Recording['differences'] {
  const expected = parserStream(body);
  expect(tokenStream(chunks).events).toEqual(expected.events);
  return expected.differences;
}

interface TokenizerTest {
  description: string;
  input: string;
  doubleEscaped?: boolean;
}

const html5libInputs = sharedFiles('html5lib-tests/tokenizer', '.test').flatMap((file) => {
  const json = JSON.parse(readFileSync(file.path, 'utf8')) as Record<string, TokenizerTest[]>;
  return (json.tests ?? json.xmlViolationTests ?? []).map((test) => ({
    name: `${basename(file.name, '.test')}: ${test.description}`,
    input: test.doubleEscaped ? test.input.replace(/\\u([0-9A-Fa-f]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : test.input,
  }));
});

/** The body of a seed: what follows the underline line (the corpus seeds have no front matter delimiters inside). */
function bodyOf(seed: string): string {
  const match = /^-{3,}[ \t]*\r?$/m.exec(seed.slice(seed.indexOf('<!--')));
  if (match === null) throw new Error('no underline');
  const start = seed.indexOf('<!--') + match.index + match[0].length;
  return seed.slice(seed.indexOf('\n', start - 1) + 1);
}
const corpusBodies = corpusFiles().map((file) => [file.name, bodyOf(file.text)] as const);
const EXAMPLE = readFileSync(join(import.meta.dirname, '..', 'examples', 'sample.seed.md'), 'utf8');

/** Tag soup: the elements whose tree rules differ, attributes, text, entities and stray markup. */
const TAGS = [
  'p', 'div', 'span', 'b', 'i', 'a', 'li', 'ul', 'ol', 'dd', 'dt', 'dl', 'table', 'tr', 'td', 'th', 'tbody', 'thead',
  'tfoot', 'caption', 'colgroup', 'col', 'h1', 'h2', 'h6', 'svg', 'math', 'mi', 'mtext', 'annotation-xml',
  'foreignObject', 'foreignobject', 'desc', 'title', 'clipPath', 'image', 'img', 'br', 'hr', 'input', 'select',
  'option', 'optgroup', 'button', 'textarea', 'datalist', 'output', 'xmp', 'script', 'style', 'iframe',
  'noembed', 'noframes', 'plaintext', 'form', 'figure', 'figcaption', 'rt', 'rp', 'body', 'head', 'link',
  'source', 'video', 'x-custom', 'IMG', 'sCrIpT', 'DIV',
];
const soupToken = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...TAGS), fc.constantFrom('', ' href="/x"', ' src=a.png', ' class=lead', ' data-selfpromo', ' title="a&amp;b"', ' a', ' x=y z'), fc.constantFrom('>', '/>', ' >')).map(([tag, attributes, end]) => `<${tag}${attributes}${end}`) },
  { weight: 5, arbitrary: fc.constantFrom(...TAGS).map((tag) => `</${tag}>`) },
  { weight: 4, arbitrary: fc.constantFrom('text', ' ', '\n', 'a&amp;b', '&lt;', '&notin', '&#x41;', '&', 'x<y', '中文', '\0', '😀') },
  { weight: 1, arbitrary: fc.constantFrom('<!-- c -->', '<!--', '<![CDATA[x<b>y]]>', '<!doctype html>', '<?pi?>', '</ x>', '</>', '<', '</', '<a', '<a b', '<br/', '</a x', '-->', ']]>') },
);
/** Foreign content: few names, so that nestings of SVG, MathML and integration points recur. */
const FOREIGN_TAGS = ['svg', 'math', 'foreignObject', 'clipPath', 'mi', 'title', 'desc', 'annotation-xml', 'p', 'b', 'xmp', 'script', 'image', 'br'];
const foreignToken = fc.oneof(
  fc.tuple(fc.constantFrom(...FOREIGN_TAGS), fc.constantFrom('>', '/>')).map(([tag, end]) => `<${tag}${end}`),
  fc.constantFrom(...FOREIGN_TAGS).map((tag) => `</${tag}>`),
  fc.constantFrom('x', '<b>y</b>', '<![CDATA[c]]>', '&amp;'),
);
const tagSoup = fc.oneof(
  { weight: 3, arbitrary: fc.array(soupToken, { maxLength: 60, size: 'max' }).map((tokens) => tokens.join('')) },
  { weight: 1, arbitrary: fc.array(foreignToken, { maxLength: 30, size: 'max' }).map((tokens) => tokens.join('')) },
);

describe('the element stream is htmlparser2 Parser\'s', () => {
  it('on every html5lib tokenizer input, with the deliberate differences counted', () => {
    expect(html5libInputs.length).toBe(6810);
    const totals = { cutOffStartTag: 0, markupAsText: 0, scriptText: 0, lineEndings: 0 };
    for (const test of html5libInputs) {
      const differences = expectParserStream(test.input);
      totals.cutOffStartTag += differences.cutOffStartTag;
      totals.markupAsText += differences.markupAsText;
      totals.scriptText += differences.scriptText;
      totals.lineEndings += differences.lineEndings;
    }
    expect(totals).toEqual({ cutOffStartTag: 10, markupAsText: 5, scriptText: 0, lineEndings: 35 });
  });

  it('on every html5lib tokenizer input, fed one character at a time', () => {
    for (const test of html5libInputs) expectParserStream(test.input, [...test.input]);
  });

  it.each(corpusBodies)('on the body of %s, whole and in 64-character chunks', (_name, body) => {
    expectParserStream(body);
    expectParserStream(body, splitAt(body, Array.from({ length: Math.ceil(body.length / 64) }, (_, index) => index * 64)));
  });

  it('on the example seed', () => {
    expectParserStream(bodyOf(EXAMPLE));
  });

  it('on elements nested across the chunks of the open-element stack (4,096 entries each), whole and in chunks', () => {
    for (const depth of [4095, 4096, 4097, 8200]) {
      const bodies = [
        `${'<b><i>'.repeat(depth >> 1)}x${'</i></b>'.repeat(depth >> 2)}<p>y</p>`,
        `${'<div><span>'.repeat(depth)}text${'</span>'.repeat(depth)}</div><foo>${'<bar>'.repeat(depth)}z</foo>after`,
        `${'<ul><li>item'.repeat(depth)}</ul>tail<svg>${'<g>'.repeat(depth)}<foreignObject><p>html</p></foreignObject>`,
      ];
      for (const body of bodies) {
        expectParserStream(body);
        expectParserStream(body, splitAt(body, [4000, 40000, 60001]));
      }
    }
  });

  it('on fuzzed tag soup, whole and in random chunks', () => {
    fc.assert(
      fc.property(tagSoup, cutsFor(600), (body, cuts) => {
        expectParserStream(body, splitAt(body, cuts));
      }),
      checkOptions(1500),
    );
  });

  it('on fuzzed tag soup, with dropped elements: nothing inside them is reported', () => {
    const drop = (name: string, attributes: Attributes | null) =>
      ['script', 'style', 'form', 'iframe', 'svg', 'table', 'li'].includes(name) || (attributes !== null && Object.hasOwn(attributes, DROP_PREFIX));
    fc.assert(
      fc.property(tagSoup, cutsFor(600), (body, cuts) => {
        expect(tokenStream(splitAt(body, cuts), drop).events).toEqual(parserStream(body, drop).events);
      }),
      checkOptions(1000),
    );
  });
});

describe('known cases of the class', () => {
  it('a start tag cut off by the end of the input is neither opened nor closed, nor reported unclosed: it is told as cut off', () => {
    for (const body of ['<div><a a', '<div><a a=', '<div><a href="x', '<div><a/', '<div><a ']) {
      const run = tokenStream([body]);
      expect(run.events).toEqual(['<div>', '</div>']);
      expect(run.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
        `The body ends inside the start tag <a>: ${body.length - 5} characters dropped`,
        'Closed 1 element left open at the end of the body (outermost: <div>)',
      ]);
    }
    expect(parseBody('<a a').diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['UNFINISHED_MARKUP']);
  });

  it('counts and names the unclosed elements however deep they stand (the stack spans several chunks)', () => {
    const run = tokenStream([`<section>${'<span>'.repeat(9000)}<p>x`]);
    expect(run.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'Closed 9001 elements left open at the end of the body (outermost: <section>)',
    ]);
    expect(run.events.filter((event) => event === '</span>')).toHaveLength(9000);
  });

  it('foreignObject is an HTML integration point inside <svg> only', () => {
    expect(tokenStream(['<math><foreignObject><xmp><b>x</b></xmp>']).events).toEqual([
      '<math>', '<foreignobject>', '<xmp>', '<b>', '#x', '</b>', '</xmp>', '</foreignobject>', '</math>',
    ]);
    expect(tokenStream(['<svg><foreignObject><xmp><b>x</b></xmp></foreignObject></svg>']).events).toEqual([
      '<svg>', '<foreignObject>', '<xmp>', '#<b>x</b>', '</xmp>', '</foreignObject>', '</svg>',
    ]);
    expect(parseBody('<math><foreignObject><xmp><b>x</b></xmp>').text).toBe('x');
  });

  it('SVG names take SVG case inside <svg>, and their end tags match from inside integration points', () => {
    expect(tokenStream(['<svg><clippath><foreignobject><p>x</foreignobject></clippath></svg><clippath>']).events).toEqual([
      '<svg>', '<clipPath>', '<foreignObject>', '<p>', '#x', '</p>', '</foreignObject>', '</clipPath>', '</svg>', '<clippath>', '</clippath>',
    ]);
  });

  it('the raw text of <script> and <style> is not reported; in foreign content they hold ordinary markup', () => {
    expect(tokenStream(['<script>a<b>c</script><style>d</style>x<svg><script>e<b>f</b></script></svg>']).events).toEqual([
      '<script>', '</script>', '<style>', '</style>', '#x', '<svg>', '<script>', '#e', '<b>', '#f', '</b>', '</script>', '</svg>',
    ]);
  });

  it('<image> is <img> outside foreign content only', () => {
    expect(tokenStream(['<image src=a><svg><image src=b></image></svg><math><image></math>']).events).toEqual([
      '<img src="a">', '</img>', '<svg>', '<image src="b">', '</image>', '</svg>', '<math>', '<image>', '</image>', '</math>',
    ]);
  });
});

describe('dropping', () => {
  it('reports nothing inside a dropped element and no end for it; implied ends end the drop', () => {
    const drop = (name: string) => name === 'aside' || name === 'p';
    expect(tokenStream(['<div>a<aside>b<i>c</i><script>d</script></aside>e<p>f<div>g</div></div>'], drop).events).toEqual([
      '<div>', '#ae', '<div>', '#g', '</div>', '</div>',
    ]);
  });

  it('a dropped void element gets no end', () => {
    expect(tokenStream(['<img src=x><br><b>t</b>'], (name) => name === 'img').events).toEqual(['<br>', '</br>', '<b>', '#t', '</b>']);
  });

  it('still reports the tree diagnostics inside a dropped element', () => {
    const run = tokenStream(['<aside></span></aside><div>'], (name) => name === 'aside');
    expect(run.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.offset])).toEqual([
      ['UNMATCHED_END_TAG', 7],
      ['UNCLOSED_ELEMENT', 27],
    ]);
  });
});

describe('tag names in messages', () => {
  it('are cut to 40 characters', () => {
    const name = 'x'.repeat(100);
    const [diagnostic] = tokenStream([`</${name}>`]).diagnostics;
    expect(diagnostic?.message).toBe(`Ignored the end tag </${'x'.repeat(40)}…>: no <${'x'.repeat(40)}…> is open`);
  });

  it('are cut at 40 code points: a character outside the BMP is never cut in two', () => {
    const at39 = tokenStream([`</${'x'.repeat(39)}😀yyyyy>`]).diagnostics[0]?.message;
    expect(at39).toBe(`Ignored the end tag </${'x'.repeat(39)}😀…>: no <${'x'.repeat(39)}😀…> is open`);
    const pairs = tokenStream([`</a${'😀'.repeat(45)}>`]).diagnostics[0]?.message;
    expect(pairs).toBe(`Ignored the end tag </a${'😀'.repeat(39)}…>: no <a${'😀'.repeat(39)}…> is open`);
    expect(tokenStream([`</a${'😀'.repeat(39)}>`]).diagnostics[0]?.message).toBe(`Ignored the end tag </a${'😀'.repeat(39)}>: no <a${'😀'.repeat(39)}> is open`);
  });
});

describe('positions of the offsets handed out', () => {
  /** Line and column of an offset, read directly from the text (lines end at LF; CRLF counts once). */
  function expectedPosition(text: string, offset: number): [number, number, number] {
    const before = text.slice(0, offset);
    return [offset, before.split('\n').length, offset - (before.lastIndexOf('\n') + 1) + 1];
  }

  /** Asks for the position of every element's offset when it opens, when it closes, and at the very end. */
  function positions(chunks: readonly string[]): [number, number, number][] {
    const opened: number[] = [];
    const all: number[] = [];
    const asked: [number, number, number][] = [];
    let tokens: ReturnType<typeof createBodyTokenizer> | null = null;
    const ask = (offset: number) => {
      const position = (tokens as ReturnType<typeof createBodyTokenizer>).position(offset);
      asked.push([position.offset, position.line, position.column]);
    };
    const sink: TokenSink = {
      openElement(_name, _attributes, offset) {
        ask(offset);
        opened.push(offset);
        all.push(offset);
        return undefined;
      },
      closeElement() {
        ask(opened.pop() as number);
      },
      text() {},
    };
    const locator = createLocator(0, 1);
    const diagnostics = createDiagnosticLog((offset) => (tokens as ReturnType<typeof createBodyTokenizer>).position(offset));
    tokens = createBodyTokenizer(sink, { attributes: ATTRIBUTES, flags: FLAGS, offset: 0, locator, diagnostics });
    for (const chunk of chunks) tokens.write(chunk);
    tokens.end();
    for (const offset of all) ask(offset);
    return asked;
  }

  const lines = fc
    .array(fc.oneof(soupToken, fc.constantFrom('\n', '\r\n', '\n\n<p>\n', '<!--\n\n-->', '<script>\n</script>')), { maxLength: 60, size: 'max' })
    .map((tokens) => tokens.join(''));

  it('are exact at any later time, whole or in any chunks', () => {
    fc.assert(
      fc.property(lines, cutsFor(600), (body, cuts) => {
        const asked = positions(splitAt(body, cuts));
        expect(asked).toEqual(asked.map(([offset]) => expectedPosition(body, offset)));
      }),
      checkOptions(800),
    );
  });

  it('on every corpus body in 64-character chunks', () => {
    for (const [, body] of corpusBodies) {
      const asked = positions(splitAt(body, Array.from({ length: Math.ceil(body.length / 64) }, (_, index) => index * 64)));
      expect(asked).toEqual(asked.map(([offset]) => expectedPosition(body, offset)));
    }
  });
});
