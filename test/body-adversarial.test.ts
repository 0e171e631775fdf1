import { load } from 'cheerio';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeedParser, parseSeed, type Article, type Block, type Inline } from '../src/index.js';
import { image, parseBody, seed } from './helpers.js';
import { assertWellFormed } from './invariants.js';

/**
 * Bodies a hostile or careless feed may hold, each checked against the rule
 * it falls under (README, "How the body becomes blocks"), whole and streamed.
 */

const text = (value: string): Inline => ({ type: 'text', value });
const paragraph = (value: string, inlines: Inline[] = [text(value)]): Block => ({ type: 'paragraph', text: value, inlines });
const code = (value: string, language: string | null = null): Block => ({ type: 'code', text: value, language });

/** Body blocks, with the lead and dateline rules kept out of the way by a leading heading. */
function blocks(html: string): Block[] {
  return parseBody(`<h6>start</h6>${html}`).body.slice(1);
}

/** The Article of a seed fed in chunks of `size` characters, or of `size` UTF-8 bytes. */
function streamed(input: string, size: number, bytes: boolean): Article {
  const parser = createSeedParser();
  if (bytes) {
    const encoded = new TextEncoder().encode(input);
    for (let index = 0; index < encoded.length; index += size) parser.write(encoded.subarray(index, index + size));
  } else {
    for (let index = 0; index < input.length; index += size) parser.write(input.slice(index, index + size));
  }
  return parser.end();
}

/** The whole parse, checked to be what every chunking of 1–7 characters or bytes gives. */
function parsedEveryWay(body: string): Article {
  const input = seed(body);
  const whole = parseSeed(input);
  assertWellFormed(whole);
  for (let size = 1; size <= 7; size++) {
    expect(streamed(input, size, false)).toEqual(whole);
    expect(streamed(input, size, true)).toEqual(whole);
  }
  return whole;
}

describe('rule 4: HTML’s other preformatted elements are code blocks', () => {
  it('reads CR LF and a lone CR as HTML reads its input, before any markup: a tag or a comment between a CR and a line feed leaves two line breaks', () => {
    expect(parsedEveryWay('<pre>a\r<b></b>\nb</pre>').body).toEqual([code('a\n\nb')]);
    expect(parsedEveryWay('<pre>a\r<!-- c -->\nb</pre>').body).toEqual([code('a\n\nb')]);
    expect(parsedEveryWay('<pre>a\r\nb\r\rc</pre>').body).toEqual([code('a\nb\n\nc')]);
    // A line feed written as a reference is no part of the input's line ending.
    expect(parsedEveryWay('<pre>a\r&#10;b</pre>').body).toEqual([code('a\n\nb')]);
    // Only a line feed right after the start tag is dropped: `&#13;` is a CR, not a line feed.
    expect(parsedEveryWay('<pre>&#13;a</pre>').body).toEqual([code('\na')]);
    // A `&#13;` and a line feed after it are the CR LF of the document's text: one line break.
    expect(parsedEveryWay('<pre>a&#13;\nb</pre>').body).toEqual([code('a\nb')]);
    expect(parsedEveryWay('<pre>a&#13;<!---->&#10;b</pre>').body).toEqual([code('a\nb')]);
    expect(parsedEveryWay('<pre>a&#13;&#13;b</pre>').body).toEqual([code('a\n\nb')]);
    expect(parsedEveryWay('<pre>\ra</pre>').body).toEqual([code('a')]);
    expect(parsedEveryWay('<xmp>a\r<b>\r\nb</xmp>').body).toEqual([code('a\n<b>\nb')]);
  });

  it('gives a code block the text parse5 (as browsers) gives the <pre>, `<br>` as a line feed, line endings read as line feeds and white space trimmed at the end', () => {
    const piece = fc.constantFrom('a', ' ', '\r', '\n', '\r\n', '<b>', '</b>', '</i>', '<!--c-->', '&#10;', '&#13;', '&amp;', '<br>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const html = `<pre>${pieces.join('')}</pre>`;
        const $ = load(html);
        $('br').replaceWith('\n');
        const expected = $('pre').first().text().replace(/\r\n?/g, '\n').replace(/[ \t\n\f]+$/, '');
        expect(parsedEveryWay(html).body).toEqual(expected === '' ? [] : [code(expected)]);
      }),
      { numRuns: 300 },
    );
  });

  it('reads <listing>, <xmp> and <plaintext> as <pre>: a block of their own, every space and line break kept', () => {
    expect(blocks('<div>a<listing>b\n  c</listing>d</div>')).toEqual([paragraph('a'), code('b\n  c'), paragraph('d')]);
    expect(blocks('<p>a<xmp>b\n  c</xmp>d</p>')).toEqual([paragraph('a'), code('b\n  c'), paragraph('d')]);
    expect(blocks('<div>a<plaintext>b\n  c</plaintext>d</div>')).toEqual([paragraph('a'), code('b\n  c</plaintext>d</div>')]);
  });

  it('drops the line feed right after <listing>, as after <pre>, and keeps it after <xmp> and <plaintext>', () => {
    expect(blocks('<listing>\nx\n</listing>')).toEqual([code('x')]);
    expect(blocks('<listing>\r\n\nx</listing>')).toEqual([code('\nx')]);
    expect(blocks('<xmp>\nx</xmp>')).toEqual([code('\nx')]);
    expect(blocks('<plaintext>\nx')).toEqual([code('\nx')]);
  });

  it('keeps the raw text of <xmp> and <plaintext> as written (markup and entities unread), with its language class', () => {
    expect(blocks('<xmp class="language-html"><p>a &amp; b</p></xmp>')).toEqual([code('<p>a &amp; b</p>', 'html')]);
    expect(blocks('<plaintext><b>x</b>&lt;')).toEqual([code('<b>x</b>&lt;')]);
    expect(blocks('<listing><b>x</b>&lt;<br>y</listing>')).toEqual([code('x<\ny')]);
  });

  it('reads them as <pre> is read inside blocks that hold inlines (a container) and inside a code block (a line of its own)', () => {
    expect(blocks('<ul><li>a<xmp>b\nc</xmp></li></ul>')).toEqual([
      { type: 'list', ordered: false, start: null, text: 'a b c', items: [{ text: 'a b c', inlines: [text('a b c')] }] },
    ]);
    expect(blocks('<blockquote><listing>a\n b</listing></blockquote>')).toEqual([
      { type: 'quote', text: 'a b', blocks: [paragraph('a b')] },
    ]);
    expect(blocks('<pre>a<xmp>b</xmp>c</pre>')).toEqual([code('a\nb\nc')]);
  });

  it('ends a dropped <p> at their start tag, as HTML does (rule 6), and reads them as a caption reads a block', () => {
    expect(blocks('<p data-selfpromo>Ad<xmp>Story</xmp>after')).toEqual([code('Story'), paragraph('after')]);
    expect(blocks('<p data-selfpromo>Ad<listing>\nStory</listing>')).toEqual([code('Story')]);
    expect(blocks('<figure><img src="/i.png"><figcaption>a<xmp>b</xmp>c</figcaption></figure>')).toEqual([
      image('https://news.example/i.png', { caption: 'a b c' }),
    ]);
  });

  it('gives the same Article whole and streamed', () => {
    const article = parsedEveryWay('<p>a</p><listing>\n x\r\n</listing><xmp>\r\n<b>&amp;</b></xmp><plaintext>\n</plaintext>');
    expect(article.body).toEqual([paragraph('a'), code(' x'), code('\n<b>&amp;</b>'), code('\n</plaintext>')]);
    expect(article.text).toBe('a\n\n x\n\n\n<b>&amp;</b>\n\n\n</plaintext>');
  });
});

describe('rule 4: a block element inside a code block starts a new line', () => {
  it('keeps the lines of a code block written as one <div> a line, as HTML shows them', () => {
    expect(blocks('<pre><code class="language-py"><div class="line">x = 1</div><div class="line">  y = 2</div></code></pre>')).toEqual([
      code('x = 1\n  y = 2', 'py'),
    ]);
    expect(blocks('<pre><p>a</p><p>b</p><h2>c</h2><ul><li>d</li><li>e</li></ul><table><tr><td>f</td></tr></table></pre>')).toEqual([
      code('a\nb\nc\nd\ne\nf'),
    ]);
  });

  it('breaks the line at an <hr> and around a nested preformatted element', () => {
    expect(blocks('<pre>a<hr>b<hr></pre>')).toEqual([code('a\nb')]);
    expect(blocks('<pre>a<pre>b</pre>c<listing>d</listing>e</pre>')).toEqual([code('a\nb\nc\nd\ne')]);
  });

  it('drops the line feed right after a nested <pre> or <listing> too, as HTML does, and keeps it after a nested <xmp>', () => {
    expect(blocks('<pre>x<pre>\ny</pre></pre>')).toEqual([code('x\ny')]);
    expect(blocks('<pre>x<listing>\r\ny</listing>z</pre>')).toEqual([code('x\ny\nz')]);
    expect(blocks('<pre><pre>\ny</pre></pre>')).toEqual([code('y')]);
    expect(blocks('<pre>x<pre>\n\ny</pre></pre>')).toEqual([code('x\n\ny')]);
    expect(blocks('<pre>x<xmp>\ny</xmp></pre>')).toEqual([code('x\n\ny')]);
    // An ignored second <form> is markup before the line feed too.
    expect(blocks('<form><pre><form>\na</pre></form>')).toEqual([code('\na')]);
    expect(parsedEveryWay('<pre>\r\nx<pre>\r\ny<span>z</span></pre>w</pre>').body).toEqual([code('x\nyz\nw')]);
  });

  it('adds no line where the text is at the start of a line already: at its start, after a line break, between blocks', () => {
    expect(blocks('<pre><div></div><div>a</div><div></div><div></div>b<br><div>c</div>\n<div>d</div>\r<div>e</div></pre>')).toEqual([
      code('a\nb\nc\n\nd\n\ne'),
    ]);
    expect(blocks('<pre>\n<div>a</div></pre>')).toEqual([code('a')]);
    expect(blocks('<pre>  <div>a</div></pre>')).toEqual([code('  \na')]);
  });

  it('keeps inline elements transparent, with no line added', () => {
    expect(blocks('<pre><span>a</span><b>b</b><a href="/x">c</a><code>d</code></pre>')).toEqual([code('abcd')]);
  });

  it('gives the same Article whole and streamed', () => {
    const article = parsedEveryWay('<pre>\r\n<div>a\r\n</div><div>\r\n</div>b<hr>c<p>d</p></pre>');
    expect(article.body).toEqual([code('a\n\nb\nc\nd')]);
  });
});

describe('rule 6: raw text that HTML never shows is dropped', () => {
  it('drops <noembed> and <noframes> with their content, as <noscript>', () => {
    const article = parsedEveryWay('<p>a<noembed>&amp; <b>x</b></noembed>b<noframes>c &lt;</noframes>d</p>');
    expect(article.body).toEqual([paragraph('abd')]);
    expect(article.diagnostics).toEqual([]);
  });

  it('tells that a <noembed> left open held all that followed it', () => {
    const article = parsedEveryWay('<p>a<noembed>b</p><p>c');
    expect(article.body).toEqual([paragraph('a')]);
    expect(article.diagnostics).toEqual([
      {
        code: 'UNCLOSED_ELEMENT',
        message: 'Closed 1 element left open at the end of the body (outermost: <noembed>); the dropped <noembed> held all that followed it',
        severity: 'info',
        offset: 90,
        line: 4,
        column: 23,
      },
    ]);
  });
});

describe('rule 4: only a line feed right after <pre> or <listing> is dropped', () => {
  it('keeps the line feed after an element, dropped or media, or other markup that comes first, as HTML does', () => {
    for (const first of ['<script>x</script>', '<noembed>x</noembed>', '<span data-selfpromo>x</span>', '<!-- c -->', '<![CDATA[x]]>', '<!x>', '<?x?>', '<b></b>', '</b>', '</img>']) {
      expect(blocks(`<pre>${first}\nfoo</pre>`), first).toEqual([code('\nfoo')]);
      expect(blocks(`<listing>${first}\r\nfoo</listing>`), first).toEqual([code('\nfoo')]);
    }
    expect(blocks('<pre><img src="/i.png">\nfoo</pre>')).toEqual([code('\nfoo'), image('https://news.example/i.png')]);
    expect(blocks('<pre><video src="/v.mp4"></video>\nfoo</pre>')).toEqual([
      code('\nfoo'),
      { type: 'video', src: 'https://news.example/v.mp4', sources: [], poster: null, caption: null },
    ]);
  });

  it('keeps it in a caption read as body text (a figure without media), as anywhere else', () => {
    for (const first of ['<!-- c -->', '<script>x</script>', '<img src="">']) {
      expect(blocks(`<figure><figcaption><pre>${first}\nfoo</pre></figcaption></figure>`), first).toEqual([code('\nfoo')]);
    }
    expect(blocks('<figure><figcaption><pre>\nfoo</pre></figcaption></figure>')).toEqual([code('foo')]);
  });

  it('keeps it after markup before a nested <pre> line feed, and still drops the one right after', () => {
    expect(blocks('<pre>a<pre><!---->\nb</pre><pre>\nc</pre></pre>')).toEqual([code('a\n\nb\nc')]);
  });

  it('gives the same Article whole and streamed', () => {
    const article = parsedEveryWay('<pre><!-- c -->\r\nfoo<listing><img src="/i.png">\r\nbar</listing></pre>');
    expect(article.body).toEqual([code('\nfoo\n\nbar'), image('https://news.example/i.png')]);
  });
});

describe('rule 5: a linked image inside a code block or a caption keeps its link', () => {
  it('gives an image that is the whole content of an <a href> in a code block that URL, listed with the links', () => {
    const article = parsedEveryWay('<pre>x <a href="/l"><picture><img src="/i.png" alt="A"></picture></a> <a href="/t">text</a></pre>');
    expect(article.body).toEqual([code('x  text'), image('https://news.example/i.png', { alt: 'A', link: 'https://news.example/l' })]);
    expect(article.links).toEqual([{ href: 'https://news.example/l', text: 'A' }]);
  });

  it('gives one in a caption that URL, and the caption its text', () => {
    const article = parsedEveryWay('<figure><figcaption>Cap <a href="/l"><img src="/i.png"></a></figcaption></figure>');
    expect(article.body).toEqual([image('https://news.example/i.png', { caption: 'Cap', link: 'https://news.example/l' })]);
    expect(article.links).toEqual([{ href: 'https://news.example/l', text: '' }]);
  });

  it('gives no link where the link holds more than the image, or its URL is unsafe or empty (no word: the link is not read there)', () => {
    for (const anchor of ['<a href="/l"><img src="/i.png">x</a>', '<a href="/l"><b><img src="/i.png"></b></a>', '<a href="javascript:x"><img src="/i.png"></a>', '<a href=" "><img src="/i.png"></a>']) {
      const article = parsedEveryWay(`<h6>start</h6><pre>${anchor}</pre>`);
      expect(article.body.slice(1).filter((block) => block.type === 'image'), anchor).toEqual([image('https://news.example/i.png')]);
      expect(article.links, anchor).toEqual([]);
      expect(article.diagnostics, anchor).toEqual([]);
    }
  });
});

describe('rule 5: an <img> inside a <picture> takes its first <source srcset> when it has no source of its own', () => {
  const codes = (article: Article) => article.diagnostics.map((diagnostic) => diagnostic.code);

  it('reads the first candidate of the first <source> with one, as a browser shows it; the image\'s own source comes first', () => {
    const article = parsedEveryWay('<h6>s</h6><picture><source srcset=" "><source srcset="/a.webp 1x, /b.webp 2x" type="image/webp"><source srcset="/c.jpg"><img alt="Cat"></picture>');
    expect(article.body.slice(1)).toEqual([image('https://news.example/a.webp', { alt: 'Cat' })]);
    expect(article.diagnostics).toEqual([]);
    expect(blocks('<picture><source srcset="/a.webp"><img src="/own.jpg"></picture>')).toEqual([image('https://news.example/own.jpg')]);
    expect(blocks('<picture><source srcset="/a.webp"><img data-src="/lazy.jpg"></picture>')).toEqual([image('https://news.example/lazy.jpg')]);
    // A data: placeholder gives way to the picture's source, as to a lazy-loading attribute.
    expect(blocks('<picture><source srcset="/a.webp"><img src="data:image/gif;base64,R0lGOD" srcset="/own.jpg 2x"></picture>')).toEqual([image('https://news.example/a.webp')]);
  });

  it('holds only inside that picture, in a link, a caption or a code block too', () => {
    const article = parsedEveryWay('<h6>s</h6><picture><source srcset="/a.jpg"></picture><img alt="later">');
    expect(article.body.slice(1)).toEqual([]);
    expect(codes(article)).toEqual(['MISSING_SRC']);
    expect(blocks('<a href="/story"><picture><source srcset="/a.jpg"><img></picture></a>')).toEqual([image('https://news.example/a.jpg', { link: 'https://news.example/story' })]);
    expect(blocks('<figure><picture><source srcset="/a.jpg"><img></picture><figcaption>Cap</figcaption></figure>')).toEqual([image('https://news.example/a.jpg', { caption: 'Cap' })]);
    expect(blocks('<pre>x<picture><source srcset="/a.jpg"><img></picture></pre>')).toEqual([code('x'), image('https://news.example/a.jpg')]);
    // In a player, a <source> is the player's (its `src`), never a picture's.
    expect(blocks('<picture><video><source srcset="/v.jpg" src="/v.mp4"></video><img></picture>')[0]).toMatchObject({ type: 'video', sources: [{ src: 'https://news.example/v.mp4' }] });
  });

  it('takes the source of the innermost open picture: a nested one holds its own, and the outer one\'s is back after it', () => {
    const article = parsedEveryWay('<h6>s</h6><picture><source srcset="/a.webp"><picture><img alt="in"></picture><img alt="out"></picture>');
    expect(article.body.slice(1)).toEqual([image('https://news.example/a.webp', { alt: 'out' })]);
    expect(article.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['MISSING_SRC']);
  });

  it('vets the picture\'s source where it stands (rule 9): an unsafe one is reported and passed over', () => {
    const article = parsedEveryWay('<h6>s</h6><picture><source srcset="javascript:alert(1)"><img></picture>');
    expect(article.body.slice(1)).toEqual([]);
    expect(codes(article)).toEqual(['UNSAFE_URL', 'MISSING_SRC']);
    expect(article.diagnostics[0]?.message).toBe('Dropped a javascript: URL of a source of a picture');
    expect(blocks('<picture><source srcset="javascript:x"><img srcset="/own.png"></picture>')).toEqual([image('https://news.example/own.png')]);
    expect(blocks('<picture><source srcset="javascript:x"><source srcset="/b.png"><img></picture>')).toEqual([image('https://news.example/b.png')]);
  });
});

describe('rule 5: an image that is the whole content of a link, inside blocks within the link', () => {
  it('keeps the link through block containers and paragraphs around the image (a linked responsive image as platforms write it)', () => {
    const body =
      '<h6>s</h6><div class="captioned-image-container"><figure><a class="image-link" href="https://cdn.example/big.png"><div class="image2-inset">' +
      '<picture><source type="image/webp" srcset="https://cdn.example/a.webp 424w"><img src="https://cdn.example/a.png" alt="Mayor"></picture>' +
      '<div class="image-link-expand"><div><button><svg><g><title>Expand</title><path d="M0"></path></g></svg></button></div></div></div></a>' +
      '<figcaption>The opening</figcaption></figure></div><p>after</p>';
    const article = parsedEveryWay(body);
    expect(article.body.slice(1)).toEqual([
      image('https://cdn.example/a.png', { alt: 'Mayor', caption: 'The opening', link: 'https://cdn.example/big.png' }),
      paragraph('after'),
    ]);
    expect(article.links).toEqual([{ href: 'https://cdn.example/big.png', text: 'Mayor' }]);
    expect(blocks('<a href="/x"><p><img src="/i.png"></p></a>')).toEqual([image('https://news.example/i.png', { link: 'https://news.example/x' })]);
  });

  it('gives no link when the blocks hold text, formatting or another image besides', () => {
    expect(blocks('<a href="/x"><div><img src="/i.png"></div><p>more</p></a>')[0]).toEqual(image('https://news.example/i.png'));
    expect(blocks('<a href="/x"><div><b><img src="/i.png"></b></div></a>')).toEqual([image('https://news.example/i.png')]);
    expect(blocks('<a href="/x"><div><img src="/i.png"></div><div><img src="/j.png"></div></a>')).toEqual([
      image('https://news.example/i.png'),
      image('https://news.example/j.png'),
    ]);
  });

  it('lists a linked image with its alt read as a link\'s text: one line, white space collapsed and trimmed (rule 10)', () => {
    const article = parsedEveryWay('<h6>s</h6><a href="/big.jpg"><img src="/a.jpg" alt="  Mayor at the\nopening\u3000"></a>');
    expect(article.body[1]).toEqual(image('https://news.example/a.jpg', { alt: '  Mayor at the\nopening\u3000', link: 'https://news.example/big.jpg' }));
    expect(article.links).toEqual([{ href: 'https://news.example/big.jpg', text: 'Mayor at the opening' }]);
  });
});

describe('rule 2 in captions: a <br> reads as a space, with the white space and U+3000 around it dropped', () => {
  it('in the caption and in the credit', () => {
    expect(blocks('<figure><img src="/a.jpg"><figcaption>图一\u3000<br>\u3000北京</figcaption></figure>')).toEqual([image('https://news.example/a.jpg', { caption: '图一 北京' })]);
    expect(blocks('<figure><img src="/a.jpg"><figcaption>a\u3000<br><br>\u3000 b<small>c\u3000<br>\u3000d</small></figcaption></figure>')).toEqual([
      image('https://news.example/a.jpg', { caption: 'a b', credit: 'c d' }),
    ]);
    // A <br> in a credit is a space in the credit only.
    expect(blocks('<figure><img src="/i.png"><figcaption>x<cite>c<br>d</cite>y</figcaption></figure>')).toEqual([image('https://news.example/i.png', { caption: 'xy', credit: 'c d' })]);
    // Other media keep the credit in the caption.
    expect(blocks('<figure><video src="/v.mp4"></video><figcaption>x\u3000<br>\u3000<cite>c\u3000<br>\u3000d</cite>y</figcaption></figure>')[0]).toMatchObject({ caption: 'x c dy' });
    // Inside text, U+3000 is kept (rule 1).
    expect(blocks('<figure><img src="/a.jpg"><figcaption>a\u3000b</figcaption></figure>')).toEqual([image('https://news.example/a.jpg', { caption: 'a\u3000b' })]);
  });
});

describe('rule 4: a link inside inline code goes around a code of its own (code holds text only), so no link is lost', () => {
  const code = (value: string): Inline => ({ type: 'code', value });
  const link = (href: string, children: Inline[]): Inline => ({ type: 'link', href, title: null, children });

  it('splits the code around the link, in the inlines and in links', () => {
    const article = parsedEveryWay('<h6>s</h6><p>See <code>x.<a href="https://docs.example/foo">foo()</a>;</code> docs.</p>');
    expect(article.body[1]).toEqual(
      paragraph('See x.foo(); docs.', [text('See '), code('x.'), link('https://docs.example/foo', [code('foo()')]), code(';'), text(' docs.')]),
    );
    expect(article.links).toEqual([{ href: 'https://docs.example/foo', text: 'foo()' }]);
  });

  it('with formatting and breaks inside, links side by side, and an empty code dropped', () => {
    expect(blocks('<p><code><a href="/x">x<b>y</b>z</a>w</code></p>')).toEqual([
      paragraph('xyzw', [link('https://news.example/x', [code('xyz')]), code('w')]),
    ]);
    expect(blocks('<p><code><a href="/x">b</a><a href="/y">c</a></code>d</p>')).toEqual([
      paragraph('bcd', [link('https://news.example/x', [code('b')]), link('https://news.example/y', [code('c')]), text('d')]),
    ]);
    expect(blocks('<p><b><code>a<a href="/x">b<br>c</a></code></b>e</p>')).toEqual([
      paragraph('ab\nce', [{ type: 'strong', children: [code('a'), link('https://news.example/x', [{ type: 'code', value: 'b\nc' }])] }, text('e')]),
    ]);
  });

  it('puts the space or break between a code and a link outside both, as where the code element ends before the link', () => {
    expect(blocks('<p><code>a <a href="/x">b</a> c</code></p>')).toEqual([
      paragraph('a b c', [code('a'), text(' '), link('https://news.example/x', [code('b')]), text(' '), code('c')]),
    ]);
    expect(blocks('<p><code>a<br><a href="/x">b</a></code></p>')).toEqual([
      paragraph('a\nb', [code('a'), { type: 'break' }, link('https://news.example/x', [code('b')])]),
    ]);
  });

  it('keeps a link nested in a link inside code', () => {
    const article = parsedEveryWay('<h6>s</h6><p><code><a href="/x">b<span><a href="/y">c</a></span>d</a></code></p>');
    expect(article.body[1]).toEqual(
      paragraph('bcd', [link('https://news.example/x', [code('b'), link('https://news.example/y', [code('c')]), code('d')])]),
    );
    expect(article.links).toEqual([
      { href: 'https://news.example/x', text: 'bcd' },
      { href: 'https://news.example/y', text: 'c' },
    ]);
  });

  it('reports an unsafe URL there as anywhere, and keeps the text as code', () => {
    const article = parsedEveryWay('<h6>s</h6><p><code><a href="javascript:x">b</a></code></p>');
    expect(article.body[1]).toEqual(paragraph('b', [code('b')]));
    expect(article.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['UNSAFE_URL']);
  });
});

describe('rule 5: a lazy-loading iframe', () => {
  const embed = (src: string, provider: string | null) => ({ type: 'embed', src, provider, caption: null });

  it('takes a lazy-loading attribute when its src is missing, empty, an about: or a data: URL', () => {
    expect(blocks('<iframe src="about:blank" data-src="https://www.youtube.com/embed/x"></iframe>')).toEqual([embed('https://www.youtube.com/embed/x', 'youtube')]);
    expect(blocks('<iframe data-lazy-src="https://player.vimeo.com/video/1"></iframe>')).toEqual([embed('https://player.vimeo.com/video/1', 'vimeo')]);
    expect(blocks('<iframe src=" ABOUT:blank" data-original="/e"></iframe>')).toEqual([embed('https://news.example/e', null)]);
    // Its own source comes first; a placeholder without a lazy source stays as written.
    expect(blocks('<iframe src="https://www.youtube.com/embed/y" data-src="https://www.youtube.com/embed/x"></iframe>')).toEqual([embed('https://www.youtube.com/embed/y', 'youtube')]);
    expect(blocks('<iframe src="about:blank"></iframe>')).toEqual([embed('about:blank', null)]);
  });
});
