import fc from 'fast-check';
import type { Paragraph as MdastParagraph } from 'mdast';
import { describe, expect, it } from 'vitest';
import { formatSeed, parseSeed } from '../src/index.js';
import { toHtml, toMarkdown, toMdast } from '../src/render/index.js';
import { checkOptions } from './chunks.js';
import { plain, seed } from './helpers.js';
import { expectHtml, expectMarkdownReadBack, phrasingShape, readMarkdown } from './render-helpers.js';

/** Bodies of the markup the renderers meet, in any nesting and order. */
const attributeValue = fc.stringMatching(/^[a-z0-9 :/.&;#"'<>=\-_()\n\t中]{0,12}$/);
const attribute = fc
  .tuple(fc.constantFrom('href', 'src', 'title', 'alt', 'class', 'width', 'poster', 'type', 'start'), attributeValue)
  .map(([name, value]) => ` ${name}="${value.replaceAll('"', '&quot;')}"`)
  // List starts near and past the nine digits a Markdown list number may have.
  .chain((attribute) => fc.oneof({ weight: 9, arbitrary: fc.constant(attribute) }, fc.constantFrom(' start="999999998"', ' start="999999999"', ' start="1000000000"', ' start="99999999999"')));
const tag = fc
  .tuple(
    fc.constantFrom('', '/'),
    fc.constantFrom('p', 'div', 'b', 'i', 'a', 'code', 'pre', 'br', 'h2', 'h4', 'ul', 'ol', 'li', 'blockquote', 'figure', 'figcaption', 'small', 'img', 'video', 'source', 'audio', 'iframe', 'hr'),
    fc.array(attribute, { maxLength: 3 }),
  )
  .map(([slash, name, attributes]) => `<${slash}${name}${slash === '' ? attributes.join('') : ''}>`);
const markdownish = fc.stringMatching(/^[a-z0-9 \u3000中文，。、「」“”（）！*_`~\\[\]()#>+=|<&;.:!?-]{1,10}$/);
const body = fc.array(fc.oneof({ weight: 2, arbitrary: tag }, { weight: 3, arbitrary: markdownish }), { maxLength: 40 }).map((parts) => parts.join(''));

/** Chinese text with bold and italic next to CJK punctuation, Latin letters and spaces. */
const cjkPiece = fc.constantFrom('中文', '習近平', '说', '，', '。', '、', '「', '」', '『', '』', '“', '”', '（', '）', '！', '？', '：', '《', '》', 'abc', '1', ' ', '*', '_', '.', '\u3000');
const cjkText = fc.array(cjkPiece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
const cjkInline: fc.Memo<string> = fc.memo((depth): fc.Arbitrary<string> =>
  depth <= 1
    ? cjkText
    : fc.oneof(
        { weight: 2, arbitrary: cjkText },
        fc.tuple(fc.constantFrom('b', 'i', 'strong', 'em'), fc.array(cjkInline(depth - 1), { minLength: 1, maxLength: 3 })).map(([name, parts]) => `<${name}>${parts.join('')}</${name}>`),
      ),
);
const cjkParagraph = fc.array(cjkInline(4), { minLength: 1, maxLength: 5 }).map((parts) => `<p>${parts.join('')}</p>`);

describe('renderers, for any Article', () => {
  it('any generated body: Markdown reads back the same text and URLs, HTML is clean and holds the same text', () => {
    fc.assert(
      fc.property(body, (html) => {
        const article = parseSeed(seed(html));
        expectMarkdownReadBack(article);
        expectMarkdownReadBack(article, { fences: false });
        expectHtml(article);
        expectHtml(article, { media: 'elements' });
      }),
      checkOptions(200),
    );
  });

  it('code blocks and lists in any order, with fences or indented: Markdown reads back the same blocks (an ordered list that does not start at 1 after indented code included)', () => {
    const block = fc.constantFrom('<pre>x = 1</pre>', '<pre class="language-js">y</pre>', '<ol start="3"><li>c</li><li>d</li></ol>', '<ol start="0"><li>z</li></ol>', '<ol><li>o</li></ol>', '<ul><li>u</li></ul>', '<p>p</p>', '<blockquote>q</blockquote>');
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), fc.boolean(), (blocks, fences) => {
        expectMarkdownReadBack(parseSeed(seed(blocks.join(''))), { fences });
      }),
      checkOptions(300),
    );
  });

  it('text that holds < before what could open an autolink, an email one too (<1@x.example>), or HTML: Markdown reads back the same text and URLs', () => {
    const piece = fc.constantFrom('&lt;', '&gt;', '<', '1', '@', 'x', '.example', '.', '*', '_', '`', '-', '+', '!', '/', '?', '#', '=', '~', '|', "'", ' ', '<b>', '</b>', '<em>', '</em>', '<code>', '</code>', '<a href="/x">', '</a>', '<br>');
    const text = fc.array(piece, { minLength: 1, maxLength: 12 }).map((pieces) => pieces.join(''));
    const block = fc.oneof(
      text.map((inner) => `<p>${inner}</p>`),
      text.map((inner) => `<h3>${inner}</h3>`),
      text.map((inner) => `<ul><li>${inner}</li></ul>`),
      text.map((inner) => `<blockquote>${inner}</blockquote>`),
      text.map((inner) => `<figure><img src="/i.png"><figcaption>${inner}</figcaption></figure>`),
    );
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 3 }), (blocks) => {
        expectMarkdownReadBack(parseSeed(seed(blocks.join(''))));
      }),
      checkOptions(600),
    );
    // The examples: an email autolink, and one cut by formatting, stay text.
    const markdown = (body: string) => toMarkdown(parseSeed(seed(body))).split('\n\n').slice(1).join('\n\n');
    expect(markdown('<p>Mail &lt;2024@paper.example&gt; now</p>')).toBe('Mail \\<2024@paper.example> now\n');
    expect(markdown('<p>&lt;<code>x@y.z&gt;</code> &lt;<em>x</em>@y.z&gt; a &lt; b</p>')).toBe('\\<`x@y.z>` \\<*x*@y.z> a < b\n');
  });

  it('inline code holding links, breaks and formatting: Markdown reads back the same, and so does the seed written back', () => {
    const piece = fc.constantFrom('<code>', '</code>', '<a href="/x">', '<a href="https://y.example/">', '</a>', '<br>', 'a', 'b`c', ' ', '\u3000', '<b>', '</b>', '<span>', '</span>', '<i>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const article = parseSeed(seed(`<h6>s</h6><p>${pieces.join('')}</p>`));
        expectMarkdownReadBack(article);
        expectHtml(article);
        const { diagnostics: _, ...rest } = article;
        const { diagnostics: __, ...back } = parseSeed(formatSeed(article));
        expect(plain(back)).toEqual(plain(rest));
      }),
      checkOptions(400),
    );
  });

  it('Chinese text with bold and italic next to punctuation: Markdown reads back the same bold and italic and text, with * and with _', () => {
    fc.assert(
      fc.property(fc.array(cjkParagraph, { minLength: 1, maxLength: 3 }), fc.constantFrom('*' as const, '_' as const), (paragraphs, marker) => {
        const article = parseSeed(seed(paragraphs.join('')));
        const markdown = toMarkdown(article, { emphasis: marker, strong: marker });
        const expected = toMdast(article).children.slice(1) as MdastParagraph[];
        const actual = readMarkdown(markdown).children.slice(1) as MdastParagraph[];
        expect(actual.map((node) => phrasingShape(node.children)), markdown).toEqual(expected.map((node) => phrasingShape(node.children)));
        expectMarkdownReadBack(article, { emphasis: marker, strong: marker });
      }),
      checkOptions(400),
    );
  });

  it('HTML never holds a script, style or event attribute, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const html = toHtml(parseSeed(seed(`<p>${text}</p>`)), { document: true, media: 'elements' });
        expect(html).not.toMatch(/<script|<style|\son[a-z]+=/i);
      }),
      checkOptions(200),
    );
  });
});
