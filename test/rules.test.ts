import { describe, expect, it } from 'vitest';
import { createSeedParser, parseSeed, safeParseSeed, type Block, type Inline } from '../src/index.js';
import { createUrlResolver } from '../src/text/urls.js';
import { image, parseBody, plain, seed } from './helpers.js';
import { assertNoUnsafeUrl, assertWellFormed } from './invariants.js';

const text = (value: string): Inline => ({ type: 'text', value });
const paragraph = (value: string, inlines: Inline[] = [text(value)]): Block => ({ type: 'paragraph', text: value, inlines });

/** Body blocks, with the lead and dateline rules kept out of the way by a leading heading. */
function blocks(html: string, baseUrl?: string): Block[] {
  const article = parseBody(`<h6>start</h6>${html}`, baseUrl === undefined ? undefined : { baseUrl });
  return article.body.slice(1);
}

describe('rule 0: the tree htmlparser2 builds', () => {
  it('closes a paragraph implicitly at a block start tag', () => {
    expect(blocks('<p>one<div>two</div>three')).toEqual([paragraph('one'), paragraph('two'), paragraph('three')]);
  });
  it('repairs </p> without <p> into an empty paragraph, and </br> into <br>', () => {
    expect(blocks('<div>one</p>two</div>')).toEqual([paragraph('one'), paragraph('two')]);
    expect(blocks('<p>one</br>two</p>')).toEqual([paragraph('one\ntwo', [text('one'), { type: 'break' }, text('two')])]);
  });
  it('lower-cases names and reads <image> as <img>', () => {
    expect(blocks('<P>Hi</P><IMAGE SRC="https://x.example/a.png">')).toEqual([paragraph('Hi'), image('https://x.example/a.png')]);
  });
  it('decodes entities in text and attributes', () => {
    expect(blocks('<p>a &amp; b &lt;c&gt; &#x4e2d;&#25991; &copy</p><img alt="&quot;x&quot; &amp y" src="https://x.example/?a=1&amp;b=2">')).toEqual([
      paragraph('a & b <c> 中文 ©'),
      image('https://x.example/?a=1&b=2', { alt: '"x" & y' }),
    ]);
  });
  it('keeps raw text raw: entities in <xmp> are not decoded (a code block, rule 4)', () => {
    expect(blocks('<xmp>a &amp; <b>b</b></xmp>')).toEqual([{ type: 'code', text: 'a &amp; <b>b</b>', language: null }]);
  });
  it('drops unfinished markup at the end of the input', () => {
    expect(blocks('<p>text</p>\n</d\n')).toEqual([paragraph('text')]);
    expect(blocks('<p>text</p></a x')).toEqual([paragraph('text')]);
    expect(blocks('<p>text<br/')).toEqual([paragraph('text')]);
  });
  it('tells markup cut off by the end of the input (UNFINISHED_MARKUP), with the characters it dropped, however the input is chunked', () => {
    const comment = 'a comment (HTML reads an unclosed <![CDATA[, <! or <? as one)';
    // The body, what it ends inside, and where that starts.
    const cases: [string, string, string][] = [
      // An attribute value left open holds all that follows its quote.
      ['<p>Text <a href="/x>Story</a></p><p>More text</p>', 'the start tag <a>', '<a '],
      ['<p>Text</p><img src="https://x.example/i.png" alt=x', 'the start tag <img>', '<img'],
      ['<p>Text<br/', 'the start tag <br>', '<br'],
      ['<p>Text</p><!-- a note <p>Rest</p>', comment, '<!--'],
      ['<p>Text</p><![CDATA[<p>Rest</p>', comment, '<!['],
      ['<p>Text</p></></><![CDATA[<p>Rest</p>', comment, '<!['],
      ['<p>Text</p></><spa', 'a tag or declaration', '<s'],
      ['<p>Text</p><?php echo', comment, '<?'],
      ['<p>Text</p><!', comment, '<!'],
      ['<p>Text</p', 'a tag or declaration', '</'],
      ['<p>Text<spa', 'a tag or declaration', '<s'],
      ['<p>Text</p><!DOCTYPE html', 'a tag or declaration', '<!'],
      // Cut off in a name that may still become a raw-text element's (`<p` of <plaintext>, `<i` of <iframe>, `<scr` of <script>).
      ['<p>Text</p><p', 'a tag or declaration', '<p'],
      ['<p>Text<i', 'a tag or declaration', '<i'],
      ['<p>Text<scr', 'a tag or declaration', '<scr'],
      ['<p>Text<TEX', 'a tag or declaration', '<TEX'],
      ['<p>Text<nosc', 'a tag or declaration', '<nosc'],
      ['<p>Text</p><X', 'a tag or declaration', '<X'],
      ['<p>Text<ifra', 'a tag or declaration', '<ifra'],
      ['<p>Text</p></></><p', 'a tag or declaration', '<p'],
    ];
    for (const [body, what, from] of cases) {
      const text = seed(body);
      const article = parseSeed(text);
      expect(article.body, body).toEqual([paragraph('Text')]);
      const dropped = body.length - body.lastIndexOf(from);
      expect(
        article.diagnostics.filter((diagnostic) => diagnostic.code === 'UNFINISHED_MARKUP'),
        body,
      ).toEqual([
        { code: 'UNFINISHED_MARKUP', message: `The body ends inside ${what}: ${dropped} characters dropped`, severity: 'warning', offset: text.length, line: 4, column: body.length + 1 },
      ]);
      for (const size of [1, 2, 5]) {
        const parser = createSeedParser();
        for (let at = 0; at < text.length; at += size) parser.write(text.slice(at, at + size));
        expect(parser.end(), `${body} in chunks of ${size}`).toEqual(article);
      }
    }
    // Not told: what ends complete, the rest of an end tag (the end tag counts), a lone `<` (text), and markup inside dropped content.
    for (const body of ['<p>Text</p><!-- note -->', '<p>Text</p></p x', '<p>Text <', '<p>Text</p><noscript><img src="x', '<p>Text<script>a<!--', '<p>Text</p></>', '<p>Text</p></></>', '<p>Text</p><video src="https://x.example/v.mp4"><a href="x']) {
      expect(parseSeed(seed(body)).diagnostics.filter((diagnostic) => diagnostic.code === 'UNFINISHED_MARKUP'), body).toEqual([]);
    }
  });
  it('reads an unclosed CDATA section in foreign content to the end, as HTML does: its text is text', () => {
    const text = seed('<p>Text</p><svg><![CDATA[Rest of the <b>body</b>');
    const article = parseSeed(text);
    expect(article.body).toEqual([paragraph('Text'), paragraph('Rest of the <b>body</b>')]);
    expect(article.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['UNCLOSED_ELEMENT']);
    // A comment whose text starts as CDATA does is a comment: dropped, and told, whole or in chunks.
    for (const body of ['<svg><!--[CDATA[abc', '<svg></[CDATA[abc']) {
      const comment = seed(body);
      const whole = parseSeed(comment);
      expect(whole.body).toEqual([]);
      expect(whole.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['UNFINISHED_MARKUP', 'UNCLOSED_ELEMENT']);
      const parser = createSeedParser();
      for (const character of comment) parser.write(character);
      expect(parser.end()).toEqual(whole);
    }
    for (const size of [1, 2, 5]) {
      const parser = createSeedParser();
      for (let at = 0; at < text.length; at += size) parser.write(text.slice(at, at + size));
      expect(parser.end(), `in chunks of ${size}`).toEqual(article);
    }
  });
  it('decodes an entity split by the end of a text run', () => {
    expect(blocks('<p>x&amp</p>')).toEqual([paragraph('x&')]);
  });
  it('decodes the text on each side of an empty end tag on its own, as Parser does: no reference spans </>', () => {
    expect(blocks('<p>a&no</>tin;b</p>')).toEqual([paragraph('a&notin;b')]);
    expect(blocks('<p>x&l</>t;script&g</>t;</p>')).toEqual([paragraph('x&lt;script&gt;')]);
    expect(blocks('<p>&#x</>d&amp;</p>')).toEqual([paragraph('&#xd&')]);
    // Split across writes, the same.
    const parser = createSeedParser();
    for (const piece of [seed('<p>a&no'), '</', '>tin;b</p>']) parser.write(piece);
    expect(parser.end().body).toEqual([paragraph('a&notin;b')]);
  });
  it('reads line endings in attribute values as HTML reads its input: a seed with CRLF gives the Article of the one with LF', () => {
    const body = '<p><a href="/a\nb" title="t\nu">L</a><img src="https://x.example/i.png" alt="x\ny\nz" title="q\n"></p><pre>a\nb</pre>';
    const article = parseSeed(seed(body));
    expect(parseSeed(seed(body.replaceAll('\n', '\r\n'), { newline: '\r\n' }))).toEqual(article);
    expect(parseSeed(seed(body.replaceAll('\n', '\r')))).toEqual(article);
    expect(article.body[1]).toMatchObject({ type: 'image', alt: 'x\ny\nz', title: 'q\n' });
    // A CR written as a character reference is no line ending: it stays.
    expect(blocks('<img src="https://x.example/i.png" alt="a&#13;&#10;b">')).toEqual([image('https://x.example/i.png', { alt: 'a\r\nb' })]);
  });
});

describe('rule 1: entities and white space', () => {
  it('collapses runs of space, tab, CR, LF, form feed and U+00A0, and trims', () => {
    expect(blocks('<p> \t a \r\n\f b&nbsp;&nbsp;c\u00a0 </p>')).toEqual([paragraph('a b c')]);
  });
  it('trims U+3000 at the ends of text and keeps it inside', () => {
    expect(blocks('<p>\u3000\u3000a\u3000b\u3000</p>')).toEqual([paragraph('a\u3000b')]);
    expect(blocks('<p> \u3000 a \u3000 <b>b</b>\u3000</p>')).toEqual([paragraph('a \u3000 b', [text('a \u3000 '), { type: 'strong', children: [text('b')] }])]);
    expect(blocks('<p>a\u3000<br>\u3000b</p>')).toEqual([paragraph('a\nb', [text('a'), { type: 'break' }, text('b')])]);
    expect(blocks('<p>\u3000</p><ul><li>\u3000i\u3000</li></ul>')).toEqual([
      { type: 'list', ordered: false, start: null, text: 'i', items: [{ text: 'i', inlines: [text('i')] }] },
    ]);
  });
  it('trims U+3000 from captions, credits and link texts', () => {
    const article = parseBody(
      '<p>x <a href="/l">\u3000link\u3000</a></p><figure><img src="/i.png"><figcaption>\u3000Cap\u3000<small>\u3000AP\u3000</small></figcaption></figure>',
    );
    expect(article.links).toEqual([{ href: 'https://news.example/l', text: 'link' }]);
    expect(article.media).toEqual([image('https://news.example/i.png', { caption: 'Cap', credit: 'AP' })]);
  });
  it('joins adjacent inline elements with nothing added', () => {
    expect(blocks('<p><span>甲</span><span>乙</span></p>')).toEqual([paragraph('甲乙')]);
  });
  it('collapses white space across element boundaries', () => {
    expect(blocks('<p>a <b> b </b> c</p>')).toEqual([
      paragraph('a b c', [text('a '), { type: 'strong', children: [text('b')] }, text(' c')]),
    ]);
  });
  it('keeps attribute values as decoded, without collapsing', () => {
    const [media] = blocks('<img src="https://x.example/a.png" alt="  two  spaces " title="t&amp;t">');
    expect(media).toMatchObject({ alt: '  two  spaces ', title: 't&t' });
  });
});

describe('rule 2: line breaks', () => {
  it('makes a single <br> a break and \\n, dropping white space around it', () => {
    expect(blocks('<p>one <br> two</p>')).toEqual([paragraph('one\ntwo', [text('one'), { type: 'break' }, text('two')])]);
  });
  it('drops breaks at the start and end', () => {
    expect(blocks('<p><br>one<br></p>')).toEqual([paragraph('one')]);
  });
  it('ends the paragraph at two or more consecutive <br>', () => {
    expect(blocks('<div>one<br> <br/><br>two</div>')).toEqual([paragraph('one'), paragraph('two')]);
  });
});

describe('rule 3: paragraphs and block containers', () => {
  it('forms paragraphs from text standing in block containers', () => {
    expect(blocks('<div>a<section>b</section>c<p>d</p>e<hr>f</div>')).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((value) => paragraph(value)),
    );
  });
  it('reads table cells as block containers', () => {
    expect(blocks('<table><tr><td>a</td><td>b</td></tr></table>')).toEqual([paragraph('a'), paragraph('b')]);
  });
  it('treats unknown elements as transparent', () => {
    expect(blocks('<p>a<u>b</u><font>c</font><custom-el>d</custom-el></p>')).toEqual([paragraph('abcd')]);
  });
  it('drops blocks with empty text', () => {
    expect(blocks('<p></p><p> </p><div>&nbsp;</div>')).toEqual([]);
  });
});

describe('rule 4: headings, quotes and lists', () => {
  it('reads headings with their level', () => {
    const article = parseBody('<h2>Big <em>news</em></h2><h4>small</h4>');
    expect(article.body).toEqual([
      { type: 'heading', level: 2, text: 'Big news', inlines: [text('Big '), { type: 'emphasis', children: [text('news')] }] },
      { type: 'heading', level: 4, text: 'small', inlines: [text('small')] },
    ]);
  });
  it('reads a quote as paragraphs, every block inside becoming one', () => {
    expect(blocks('<blockquote><p>a</p>b<h3>c</h3><ul><li>d</li><li>e</li></ul><blockquote>f</blockquote></blockquote>')).toEqual([
      {
        type: 'quote',
        text: 'a\n\nb\n\nc\n\nd\ne\n\nf',
        blocks: [
          paragraph('a'),
          paragraph('b'),
          paragraph('c'),
          paragraph('d\ne', [text('d'), { type: 'break' }, text('e')]),
          paragraph('f'),
        ],
      },
    ]);
  });
  it('reads lists, one item per <li>, nested items in document order', () => {
    expect(blocks('<ol><li>a<ul><li>b</li><li>c</li></ul>d</li><li>e</li></ol>')).toEqual([
      {
        type: 'list',
        ordered: true,
        start: null,
        text: 'a d\nb\nc\ne',
        items: [
          { text: 'a d', inlines: [text('a d')] },
          { text: 'b', inlines: [text('b')] },
          { text: 'c', inlines: [text('c')] },
          { text: 'e', inlines: [text('e')] },
        ],
      },
    ]);
    expect(blocks('<ul><li>x</li></ul>')).toEqual([{ type: 'list', ordered: false, start: null, text: 'x', items: [{ text: 'x', inlines: [text('x')] }] }]);
  });
  it('lifts media out of headings, quotes and lists, after the block', () => {
    const src = 'https://x.example/i.png';
    expect(blocks(`<h3>a<img src="${src}">b</h3><blockquote>q<img src="${src}"></blockquote><ul><li><img src="${src}">i</li></ul>`)).toEqual([
      { type: 'heading', level: 3, text: 'ab', inlines: [text('ab')] },
      image(src),
      { type: 'quote', text: 'q', blocks: [paragraph('q')] },
      image(src),
      { type: 'list', ordered: false, start: null, text: 'i', items: [{ text: 'i', inlines: [text('i')] }] },
      image(src),
    ]);
  });
});

describe('rule 5: media', () => {
  it('reads images: src, else data-src, else the first srcset candidate; alt, title, whole-number sizes', () => {
    expect(
      blocks(
        '<img data-src="https://x.example/lazy.png" alt="" title="T" width="640" height="48.5">' +
          '<img srcset=" https://x.example/s.png 1x, https://x.example/l.png 2x" width=" 10 " height="10px">',
      ),
    ).toEqual([
      image('https://x.example/lazy.png', { alt: '', title: 'T', width: 640 }),
      image('https://x.example/s.png', { width: 10 }),
    ]);
  });
  it('drops an image without a source with a MISSING_SRC warning', () => {
    const article = parseBody('<p>a</p>\n<img alt="x">');
    expect(article.media).toEqual([]);
    expect(article.diagnostics).toEqual([
      expect.objectContaining({ code: 'MISSING_SRC', severity: 'warning', line: 5, column: 1, offset: article.diagnostics[0]!.offset }),
    ]);
  });
  it('splits a paragraph around an image; an image-only paragraph leaves the image', () => {
    const src = 'https://x.example/i.png';
    expect(blocks(`<p>before <b>bold<img src="${src}">still</b> after</p><p><img src="${src}"></p>`)).toEqual([
      paragraph('before bold', [text('before '), { type: 'strong', children: [text('bold')] }]),
      image(src),
      paragraph('still after', [{ type: 'strong', children: [text('still')] }, text(' after')]),
      image(src),
    ]);
  });
  it('reads video and audio with their sources, poster and own src', () => {
    expect(
      blocks(
        '<video poster="/p.jpg" src="/v.mp4">fallback text<source src="/v.webm" type="video/webm"><source src="v.ogv"></video>' +
          '<audio><source src="https://x.example/a.mp3" type="audio/mpeg"></audio>',
        'https://x.example/dir/',
      ),
    ).toEqual([
      {
        type: 'video',
        src: 'https://x.example/v.mp4',
        sources: [
          { src: 'https://x.example/v.webm', type: 'video/webm' },
          { src: 'https://x.example/dir/v.ogv', type: null },
        ],
        poster: 'https://x.example/p.jpg',
        caption: null,
      },
      { type: 'audio', src: null, sources: [{ src: 'https://x.example/a.mp3', type: 'audio/mpeg' }], caption: null },
    ]);
  });
  it('reads iframes as embeds with a provider', () => {
    const embeds = blocks(
      ['https://www.youtube.com/embed/x', 'https://youtu.be/x', 'https://www.youtube-nocookie.com/embed/x', 'https://player.vimeo.com/video/1',
        'https://x.com/a/status/1', 'https://twitter.com/a', 'https://www.facebook.com/plugins/video.php', 'https://www.instagram.com/p/x/embed',
        'https://www.tiktok.com/embed/1', 'https://player.bilibili.com/player.html', 'https://maps.example/embed', 'https://notyoutube.com/x']
        .map((src) => `<iframe src="${src}">ignored</iframe>`)
        .join(''),
    );
    expect(embeds.map((block) => (block.type === 'embed' ? block.provider : block.type))).toEqual([
      'youtube', 'youtube', 'youtube', 'vimeo', 'twitter', 'twitter', 'facebook', 'instagram', 'tiktok', 'bilibili', null, null,
    ]);
    expect(embeds[0]).toEqual({ type: 'embed', src: 'https://www.youtube.com/embed/x', provider: 'youtube', caption: null });
  });
  it('names the provider from the host as written, alike in every runtime: a plain ASCII host, no userinfo or port, no IDNA', () => {
    const providers = (srcs: string[]) =>
      blocks(srcs.map((src) => `<iframe src="${src}"></iframe>`).join('')).map((block) => (block.type === 'embed' ? [block.src, block.provider] : block.type));
    expect(
      providers([
        'https://www.YouTube.com/embed/x',
        '//player.vimeo.com/video/1',
        'https://www.youtube.com:443/embed/x',
        'HTTP://X.COM/a',
        'https://u:p@www.youtube.com/embed/x',
        // Hosts a runtime reads through IDNA, each its own way: no provider.
        'https://ẞ.youtube.com/embed/x',
        'https://ｙｏｕｔｕｂｅ.com/embed/x',
        'https://xn--zca.youtube.com/embed/x',
        'https://www.xn--youtube-9ya.com/embed/x',
        'https://you%74ube.com/embed/x',
        // The host is evil.example.
        'https://youtube.com@evil.example/',
        'https://evil.example/?youtube.com',
        'https://evil.example/#.youtube.com',
        'https://evil.example\\.youtube.com/',
        // No host a provider is named by: another scheme, a port that is no number.
        'ftp://youtube.com/x',
        'https://www.youtube.com:x/embed/x',
      ]),
    ).toEqual([
      ['https://www.YouTube.com/embed/x', 'youtube'],
      // Resolved against the title's URL (https://news.example/story/1).
      ['https://player.vimeo.com/video/1', 'vimeo'],
      ['https://www.youtube.com:443/embed/x', 'youtube'],
      ['HTTP://X.COM/a', 'twitter'],
      ['https://u:p@www.youtube.com/embed/x', 'youtube'],
      ['https://ẞ.youtube.com/embed/x', null],
      ['https://ｙｏｕｔｕｂｅ.com/embed/x', null],
      ['https://xn--zca.youtube.com/embed/x', null],
      ['https://www.xn--youtube-9ya.com/embed/x', null],
      ['https://you%74ube.com/embed/x', null],
      ['https://youtube.com@evil.example/', null],
      ['https://evil.example/?youtube.com', null],
      ['https://evil.example/#.youtube.com', null],
      ['https://evil.example\\.youtube.com/', null],
      ['ftp://youtube.com/x', null],
      ['https://www.youtube.com:x/embed/x', null],
    ]);
  });
  it('gives a figure caption to the first media block, and takes the credit out of it', () => {
    const src = 'https://x.example/i.png';
    expect(
      blocks(`<figure><figcaption>A <b>cat</b>. <small>Photo: Ann</small></figcaption><img src="${src}"><img src="${src}"></figure>`),
    ).toEqual([image(src, { caption: 'A cat.', credit: 'Photo: Ann' }), image(src)]);
    expect(blocks(`<figure><img src="${src}"><figcaption>Cap <span class="image-Credit">AP</span></figcaption></figure>`)).toEqual([
      image(src, { caption: 'Cap', credit: 'AP' }),
    ]);
    expect(blocks(`<figure><video src="/v.mp4"></video><figcaption>Clip <cite>Reuters</cite></figcaption></figure>`, 'https://x.example/')).toEqual([
      { type: 'video', src: 'https://x.example/v.mp4', sources: [], poster: null, caption: 'Clip Reuters' },
    ]);
  });
  it('reads a figure without media as a block container', () => {
    expect(blocks('<figure><p>quote</p><figcaption>who</figcaption></figure>')).toEqual([paragraph('quote'), paragraph('who')]);
  });
});

describe('rule 6: dropped without trace', () => {
  it('drops a CDATA section outside <svg> and <math> as a comment, and tells it (CDATA_DROPPED) where it ends, the same however it is written', () => {
    const body = 'Intro\n<![CDATA[<p>Whole body</p>\n<p>More</p>]]>\n<svg><![CDATA[kept]]></svg><![CDATA[]]>';
    const article = parseBody(body);
    expect(article.body).toEqual([paragraph('Intro kept')]);
    const text = seed(body);
    const end = text.indexOf(']]>');
    expect(article.diagnostics).toEqual([
      { code: 'CDATA_DROPPED', message: 'Dropped a CDATA section of 29 characters ending here: in HTML content (outside <svg> and <math>, or in an HTML integration point in them such as <foreignObject>), HTML reads it as a comment', severity: 'warning', offset: end, line: 6, column: 12 },
    ]);
    for (const size of [1, 3, 7]) {
      const parser = createSeedParser();
      for (let at = 0; at < text.length; at += size) parser.write(text.slice(at, at + size));
      expect(parser.end()).toEqual(article);
    }
  });
  it('drops comments, script, style, noscript, template, title, input, select, textarea, button and data-selfpromo elements', () => {
    expect(
      blocks(
        '<p>a<!-- c --><script>x</script><style>y</style><noscript>z</noscript><template>t</template><button>b</button><title>t</title>' +
          '<span data-selfpromo-app>s</span><b DATA-SELFPROMO>d</b><input value="i"><select><option>o</option></select>' +
          '<textarea>t</textarea>b</p>',
      ),
    ).toEqual([paragraph('ab')]);
  });
  it('ends a dropped <p> where HTML ends a paragraph, and says so when a dropped element held the rest of the body', () => {
    // The tree of rule 0 keeps an <li>, <center> or <dd> inside a <p>; HTML ends the paragraph there.
    expect(blocks('<p data-selfpromo="1">Subscribe<li>Visible item</li><p>More</p>')).toEqual([paragraph('Visible item'), paragraph('More')]);
    expect(blocks('<p data-selfpromo="1">Subscribe<span>now<center>Centered</center></span><p>More</p>')).toEqual([paragraph('Centered'), paragraph('More')]);
    expect(blocks('<p data-selfpromo>Promo<dd>Defined</dd><p>Tail</p>')).toEqual([paragraph('Defined'), paragraph('Tail')]);
    // Not from inside an element that bounds the paragraph's scope (a <button>, a <table>).
    expect(blocks('<p data-selfpromo>Sub<button>b<li>in</button>after</p><p>Tail</p>')).toEqual([paragraph('Tail')]);
    // A stray <td> bounds nothing (HTML ignores it outside a table); inside <svg>, only a tag that leaves foreign content counts.
    expect(blocks('<p data-selfpromo>Ad<td><div>Story')).toEqual([paragraph('Story')]);
    expect(blocks('<p data-selfpromo>Ad<svg><div>Story')).toEqual([paragraph('Story')]);
    expect(blocks('<p data-selfpromo>Ad<svg><section>hidden</section></svg></p><p>Tail</p>')).toEqual([paragraph('Tail')]);
    expect(blocks('<p data-selfpromo>Ad<svg><foreignObject><li>hidden</li></foreignObject></svg></p><p>Tail</p>')).toEqual([paragraph('Tail')]);
    // An element bounds the scope only in its namespace: SVG's <title> is an integration point; <mi> in HTML, <object> in <svg> are not.
    expect(blocks('<p data-selfpromo>Ad<svg><title><div>hidden</div></title></svg></p><p>Tail</p>')).toEqual([paragraph('Tail')]);
    expect(blocks('<p data-selfpromo>Ad<mi><div>Story')).toEqual([paragraph('Story')]);
    expect(blocks('<p data-selfpromo>Ad<svg><object><li>Story')).toEqual([paragraph('Story')]);
    expect(blocks('<p data-selfpromo>Ad<math><desc><li>Story')).toEqual([paragraph('Story')]);
    expect(blocks('<p data-selfpromo>Ad<math><mi><li>hidden</li></mi></math></p><p>Tail</p>')).toEqual([paragraph('Tail')]);
    // The tag that ends it must be complete: one cut off by the end of the input is no element (rule 0), so the <p> held the rest.
    for (const [body, count] of [['<p data-selfpromo>Ad<li ', 1], ['<p data-selfpromo>Ad<b><li x', 2]] as const) {
      expect(parseBody(body).diagnostics).toEqual([
        expect.objectContaining({ code: 'UNCLOSED_ELEMENT', message: `Closed ${count} element${count === 1 ? '' : 's'} left open at the end of the body (outermost: <p>); the dropped <p> held all that followed it` }),
      ]);
    }
    // The attributes of the tag that ends it are read.
    expect(parseBody('<h6>s</h6><p data-selfpromo>Ad<ol start="3"><li>x</ol>').body[1]).toMatchObject({ type: 'list', ordered: true, start: 3 });
    // A dropped element left open to the end took all that followed it: UNCLOSED_ELEMENT says so, even for a <td>.
    for (const [body, name] of [['<td data-selfpromo="1">Sponsored<p>Story text</p><h2>Next</h2>', 'td'], ['<p>a</p><noscript><p>b', 'noscript']] as const) {
      const article = parseBody(body);
      expect(article.body.length).toBeLessThanOrEqual(1);
      expect(article.diagnostics).toEqual([
        expect.objectContaining({ code: 'UNCLOSED_ELEMENT', severity: 'info', message: `Closed 1 element left open at the end of the body (outermost: <${name}>); the dropped <${name}> held all that followed it` }),
      ]);
    }
    // So did a <video> or <audio> (written self-closing, which HTML does not read so): only its <source>s are read.
    for (const [body, name] of [['<p>a</p><video src="https://x.example/v.mp4"/><p>Story</p>', 'video'], ['<div><audio src="https://x.example/a.mp3"><source src="https://x.example/a.ogg"><p>Story<video>', 'audio']] as const) {
      const article = parseBody(body);
      expect(article.body.map((block) => block.type)).toEqual([...(name === 'video' ? ['paragraph'] : []), name]);
      expect(article.diagnostics).toEqual([
        expect.objectContaining({
          code: 'UNCLOSED_ELEMENT',
          severity: 'info',
          message: `Closed ${name === 'video' ? 1 : 3} element${name === 'video' ? '' : 's'} left open at the end of the body (outermost: <${name === 'video' ? 'video' : 'div'}>); the <${name}>, whose content is not read, held all that followed it`,
        }),
      ]);
    }
    // An <iframe> left open is an embed, and its content (all that followed it) is dropped: the message does not call it dropped.
    const framed = parseBody('<p>a</p><iframe src="https://www.youtube.com/embed/x"><p>Story');
    expect(framed.body.map((block) => block.type)).toEqual(['paragraph', 'embed']);
    expect(framed.diagnostics).toEqual([
      expect.objectContaining({
        code: 'UNCLOSED_ELEMENT',
        message: 'Closed 1 element left open at the end of the body (outermost: <iframe>); the <iframe>, whose content is dropped, held all that followed it',
      }),
    ]);
    // An <iframe> without a usable source is dropped whole, and so called.
    expect(parseBody('<p>a</p><iframe>abc').diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'Dropped an iframe without a source',
      'Closed 1 element left open at the end of the body (outermost: <iframe>); the dropped <iframe> held all that followed it',
    ]);
    // Closed, it says nothing.
    expect(parseBody('<video src="https://x.example/v.mp4"><p>Fallback</p></video><p>Story').diagnostics).toEqual([]);
  });
  it('reads <head> as transparent: a body left in a <head> that is never closed is kept, as HTML moves it to the body', () => {
    const head = '<meta charset="utf-8"><title>Page</title><link rel="x" href="/x"><style>p{}</style><script>s()</script>';
    for (const body of [`<head>${head}<p>Body text</p>`, `<html><head>${head}<p>Body text</p></html>`, `<html><head>${head}</head><body><p>Body text</p></body></html>`]) {
      const article = parseBody(body);
      expect(article.body).toEqual([paragraph('Body text')]);
      expect(article.diagnostics).toEqual([]);
    }
    // An icon's <title> inside <svg> is no text of the article either.
    expect(blocks('<p>a<svg><title>Share</title><path d="M0"/></svg>b</p>')).toEqual([paragraph('ab')]);
  });
  it('reads <form> as a block container: a page wrapped in one keeps its article, and no words run together', () => {
    // <form> closes an open <p> (rule 0); its content stays, a block of its own as HTML shows it.
    expect(blocks('<p>a<form><input>f</form>b</p>')).toEqual([paragraph('a'), paragraph('f'), paragraph('b')]);
    expect(blocks('<div>a<form><input>f<p>g</p></form>b</div>')).toEqual([paragraph('a'), paragraph('f'), paragraph('g'), paragraph('b')]);
    expect(blocks('<fieldset><legend>Legend</legend>Body</fieldset><dialog open>Note</dialog>x<search>Find</search>y')).toEqual(
      ['Legend', 'Body', 'Note', 'x', 'Find', 'y'].map((text) => paragraph(text)),
    );
    // <menu> and <dir> are HTML's other unordered lists.
    expect(blocks('<menu><li>a<li>b</menu><dir><li>c</dir>')).toEqual([
      { type: 'list', ordered: false, start: null, text: 'a\nb', items: [{ text: 'a', inlines: [text('a')] }, { text: 'b', inlines: [text('b')] }] },
      { type: 'list', ordered: false, start: null, text: 'c', items: [{ text: 'c', inlines: [text('c')] }] },
    ]);
    const article = parseBody('<form id="aspnetForm"><div><p><b>Lead</b></p><p>Body</p><button>Send</button></div></form>');
    expect(article.lead).toEqual(paragraph('Lead', [{ type: 'strong', children: [text('Lead')] }]));
    expect(article.body).toEqual([paragraph('Body')]);
  });
  it('drops tracking pixels: width and height both lengths of at most 1, as HTML reads them', () => {
    const sizes = [['1', '1'], ['1.0', '1'], ['1px', '1PX'], ['0', '0'], [' 1 ', '0.5'], ['0.5', '1.'], ['1e0', '1 px'], ['0x1', '1abc'], ['\n01', '1.00em'], ['1.', '1.px']];
    for (const [width, height] of sizes) {
      const article = parseBody(`<p>a<img src="https://t.example/p.gif" width="${width}" height="${height}"></p>`);
      expect(article.media).toEqual([]);
      expect(article.body).toEqual([paragraph('a')]);
      expect(article.diagnostics).toEqual([]);
    }
  });
  it('keeps images with one side above 1, or a size that is not a number', () => {
    const src = 'https://t.example/p.gif';
    expect(blocks(`<img src="${src}" width="1" height="2"><img src="${src}" width="1"><img src="${src}" width="1" height="auto"><img src="${src}" width="1.01" height="1">`)).toEqual([
      image(src, { width: 1, height: 2 }),
      image(src, { width: 1 }),
      image(src, { width: 1 }),
      image(src, { height: 1 }),
    ]);
    // A negative size is no size (HTML reads none), and so is one without a digit first; a percentage is no length.
    for (const [width, height] of [['-1', '-1'], ['.5', '1'], ['1', '+1'], ['1%', '1'], ['1', '0.5%'], ['1.%', '1'], ['1.5', '0'], ['10', '1'], ['1\u00a0', '\u00a01']]) {
      expect(blocks(`<img src="${src}" width="${width}" height="${height}">`)).toMatchObject([{ type: 'image', src }]);
    }
  });
});

describe('rule 7: dateline', () => {
  const cases: [string, string | null][] = [
    ['19/05/2023 - 18:08', '2023-05-19T18:08'],
    ['19/05/2023 18:08', '2023-05-19T18:08'],
    ['2023-05-19 18:08', '2023-05-19T18:08'],
    ['2023-05-19 18:08:09', '2023-05-19T18:08:09'],
    ['2023/05/19 18:08', '2023-05-19T18:08'],
    ['2023年5月9日 08:30', '2023-05-09T08:30'],
    ['31/02/2023 - 18:08', null],
    ['2023-13-01 10:00', null],
    ['2023-05-19 24:00', null],
    ['29/02/2024 00:00', '2024-02-29T00:00'],
  ];
  it.each(cases)('reads %s', (date, iso) => {
    const article = parseBody(`<div>${date}</div><p>text</p>`);
    expect(article.dateline).toEqual({ text: date, iso });
    expect(article.body).toEqual([paragraph('text')]);
  });
  it('only takes the first block, and only when wholly a date', () => {
    expect(parseBody('<p>x</p><div>19/05/2023 - 18:08</div>').dateline).toBeNull();
    expect(parseBody('<div>On 19/05/2023 - 18:08</div>').dateline).toBeNull();
  });
});

describe('rule 8: lead', () => {
  it('takes a paragraph wholly inside one <strong> or <b>', () => {
    const article = parseBody('<div>19/05/2023 - 18:08</div><img src="https://x.example/a.png"><p> <b>Lead text</b> </p><p>Body</p>');
    expect(article.lead).toEqual(paragraph('Lead text', [{ type: 'strong', children: [text('Lead text')] }]));
    expect(article.body).toEqual([image('https://x.example/a.png'), paragraph('Body')]);
  });
  it('takes a paragraph whose class names a lead', () => {
    for (const className of ['lead', 'article-Standfirst', 'summary', 'intro', 'c-dek', 'text-lg leading-relaxed', 'INTRODUCTION']) {
      expect(parseBody(`<p class="${className}">Lead</p><p>Body</p>`).lead?.text).toBe('Lead');
    }
  });
  it('is null otherwise, and the first paragraph stays in the body', () => {
    const article = parseBody('<p><b>Bold</b> and not</p>');
    expect(article.lead).toBeNull();
    expect(article.body).toHaveLength(1);
    expect(parseBody('<h2>H</h2><p><b>Bold</b></p>').lead).toBeNull();
  });
});

describe('rule 9: URLs', () => {
  it('resolves relative and protocol-relative URLs against the header url, keeps absolute ones as written', () => {
    const article = parseBody(
      '<p><a href="/a?x=1&amp;y=2">one</a> <a href="//cdn.example/b">two</a> <a href=" HTTPS://Other.example/%7Ec ">three</a> <a href="c d">four</a></p>',
    );
    expect(article.links).toEqual([
      { href: 'https://news.example/a?x=1&y=2', text: 'one' },
      { href: 'https://cdn.example/b', text: 'two' },
      { href: 'HTTPS://Other.example/%7Ec', text: 'three' },
      { href: 'https://news.example/story/c%20d', text: 'four' },
    ]);
  });
  it('uses baseUrl when given, and leaves relative URLs alone when the base is not absolute', () => {
    expect(parseBody('<a href="x">l</a>', { baseUrl: 'https://base.example/dir/' }).links).toEqual([{ href: 'https://base.example/dir/x', text: 'l' }]);
    expect(parseBody('<a href="x">l</a>', { baseUrl: 'not a url' }).links).toEqual([{ href: 'x', text: 'l' }]);
  });
  it('drops javascript:, vbscript: and data: URLs with UNSAFE_URL', () => {
    const article = parseBody(
      '<p><a href=" JaVa\tScript:alert(1)">kept text</a></p><img src="javascript:x"><img src="data:image/png;base64,AAAA">' +
        '<a href="data:text/html,x">d</a>',
    );
    expect(article.body).toEqual([paragraph('kept text'), image('data:image/png;base64,AAAA'), paragraph('d')]);
    expect(article.links).toEqual([]);
    expect(article.diagnostics.map((d) => d.code)).toEqual(['UNSAFE_URL', 'UNSAFE_URL', 'UNSAFE_URL']);
    // Every unsafe URL is reported, those of a player dropped for its own src included.
    const dropped = parseBody('<video src="javascript:a" poster="javascript:b"><source src="vbscript:c"></video><p>x</p>');
    expect(dropped.body).toEqual([paragraph('x')]);
    expect(dropped.diagnostics.map((d) => d.message)).toEqual([
      'Dropped a javascript: URL of a video',
      'Dropped a javascript: URL of a video poster',
      'Dropped a vbscript: URL of a source of a video',
    ]);
  });
  it('an <a> without href is transparent', () => {
    expect(blocks('<p><a name="x">plain</a></p>')).toEqual([paragraph('plain')]);
  });
});

describe('rules 10 and 11: text and stats', () => {
  it('joins lead, paragraphs, headings, quotes and lists (not captions, not the dateline)', () => {
    const article = parseBody(
      '<div>19/05/2023 - 18:08</div><p><b>Lead</b></p><h2>Head</h2><p>Para</p><blockquote><p>q1</p><p>q2</p></blockquote>' +
        '<ul><li>i1</li><li>i2</li></ul><figure><img src="https://x.example/a.png"><figcaption>cap</figcaption></figure>',
    );
    expect(article.text).toBe('Lead\n\nHead\n\nPara\n\nq1\n\nq2\n\ni1\ni2');
    expect(plain(article.stats)).toEqual({ paragraphs: 2, media: 1, characters: article.text.length, words: 7 });
  });
  it('counts code points, and words by rule 11 (each Han character one word)', () => {
    const article = parseBody('<p>我们喜欢 Rust, 😀 really!</p>');
    expect(article.stats.characters).toBe([...article.text].length);
    expect(article.stats.characters).toBe(article.text.length - 1);
    expect(article.stats.words).toBe(6);
  });
  it('has plain stats: numbers from the start, no accessor', () => {
    const stats = parseBody('<p>One two three, four.</p>').stats;
    expect(Object.getOwnPropertyDescriptor(stats, 'words')).toEqual({ value: 4, enumerable: true, writable: true, configurable: true });
    expect(Object.getPrototypeOf(stats)).toBe(Object.prototype);
  });
  it('reads stats.words as a plain value, also when the stats are frozen or sealed first', () => {
    const body = '<p>One two three, four.</p>';
    const read = parseBody(body).stats;
    expect(read.words).toBe(4);
    expect(Object.getOwnPropertyDescriptor(read, 'words')).toEqual({ value: 4, enumerable: true, writable: true, configurable: true });
    const frozen = Object.freeze(parseBody(body).stats);
    expect(frozen.words).toBe(4);
    expect(frozen.words).toBe(4);
    expect(JSON.parse(JSON.stringify(frozen))).toEqual({ paragraphs: 1, media: 0, characters: 20, words: 4 });
    expect(structuredClone(Object.seal(parseBody(body).stats))).toEqual({ paragraphs: 1, media: 0, characters: 20, words: 4 });
    const written = parseBody(body).stats;
    written.words = 10;
    expect(written.words).toBe(10);
    const stats = parseBody(body).stats;
    expect(Object.create(stats).words).toBe(4);
    expect({ ...parseBody(body).stats }).toEqual({ paragraphs: 1, media: 0, characters: 20, words: 4 });
  });
  it('lists every link of the lead and the body, in order', () => {
    const article = parseBody('<p><b>Lead <a href="/1">one</a></b></p><p><a href="/2" title="T">two <i>2</i></a></p><ul><li><a href="/3">3</a></li></ul>');
    expect(article.links.map((link) => link.text)).toEqual(['one', 'two 2', '3']);
    expect(article.body[0]).toEqual({
      type: 'paragraph',
      text: 'two 2',
      inlines: [{ type: 'link', href: 'https://news.example/2', title: 'T', children: [text('two '), { type: 'emphasis', children: [text('2')] }] }],
    });
  });
  it('reads code inline', () => {
    expect(blocks('<p>run <code>npm  <b>test</b></code> now</p>')).toEqual([
      paragraph('run npm test now', [text('run '), { type: 'code', value: 'npm test' }, text(' now')]),
    ]);
  });
});

describe('rule 4: lists get their text and start', () => {
  const item = (value: string) => ({ text: value, inlines: [text(value)] });
  it('reads the whole-number start of an <ol>, else null', () => {
    const starts = ['3', ' 7 ', '0', '-2', '2.5', 'x', ''].map((start) => {
      const [list] = blocks(`<ol start="${start}"><li>a</li></ol>`);
      return list?.type === 'list' ? list.start : undefined;
    });
    expect(starts).toEqual([3, 7, 0, null, null, null, null]);
    expect(blocks('<ul start="3"><li>a</li></ul>')).toEqual([{ type: 'list', ordered: false, start: null, text: 'a', items: [item('a')] }]);
    expect(blocks('<ol><li>a</li></ol>')).toEqual([{ type: 'list', ordered: true, start: null, text: 'a', items: [item('a')] }]);
  });
  it('joins the items with line feeds in text; a nested list keeps the outer start', () => {
    expect(blocks('<ol start="5"><li>one</li><li>two<ol start="9"><li>inner</li></ol></li></ol>')).toEqual([
      { type: 'list', ordered: true, start: 5, text: 'one\ntwo\ninner', items: [item('one'), item('two'), item('inner')] },
    ]);
    // Items in the order they start: an item's text goes on after the list nested in it, read as a space.
    expect(blocks('<ul><li>a<ul><li>b</li></ul>c</li><li>d</li></ul>')).toEqual([
      { type: 'list', ordered: false, start: null, text: 'a c\nb\nd', items: [item('a c'), item('b'), item('d')] },
    ]);
    expect(blocks('<ol start="\u00a03"><li>a</li></ol><ol start=" 4\t"><li>b</li></ol>').map((block) => (block.type === 'list' ? block.start : undefined))).toEqual([null, 4]);
  });
  it('gives every block a text', () => {
    const article = parseBody('<h2>h</h2><p>p</p><blockquote>q</blockquote><ol><li>a</li><li>b</li></ol><pre>c</pre>');
    expect(article.body.map((block) => ('text' in block ? block.text : null))).toEqual(['h', 'p', 'q', 'a\nb', 'c']);
  });
});

describe('rule 4: code blocks', () => {
  const code = (value: string, language: string | null = null): Block => ({ type: 'code', text: value, language });
  it('keeps every space and line break of a <pre>, with its language', () => {
    expect(blocks('<pre><code class="language-ts">line1\n  line2</code></pre>')).toEqual([code('line1\n  line2', 'ts')]);
    expect(blocks('<pre class="x lang-py y">a &amp; b<br>c\t d   \n\n</pre>')).toEqual([code('a & b\nc\t d', 'py')]);
    expect(blocks('<pre class="language-js"><code class="language-ts">x</code></pre>')).toEqual([code('x', 'js')]);
    expect(blocks('<pre><code class="hljs language-C++">x</code></pre>')).toEqual([code('x', 'C++')]);
    expect(blocks('<pre class="mylanguage-x">x</pre>')).toEqual([code('x')]);
  });
  it('drops one line feed right after <pre>, makes line endings line feeds, trims only the end', () => {
    expect(blocks('<pre>\n\n  first\r\nsecond\rthird \u3000\n</pre>')).toEqual([code('\n  first\nsecond\nthird')]);
    expect(blocks('<pre>\r\nx</pre>')).toEqual([code('x')]);
    expect(blocks('<pre><code>\nx</code></pre>')).toEqual([code('\nx')]);
    expect(blocks('<pre> \n </pre><pre></pre>')).toEqual([]);
  });
  it('reads elements inside as transparent (a block starting a new line), drops what rule 6 drops, places media after it', () => {
    const src = 'https://x.example/i.png';
    expect(blocks(`<pre>a <b>b</b> <a href="/l">c</a><script>x</script><p>d</p><pre>e</pre><img src="${src}">f</pre>`)).toEqual([
      code('a b c\nd\ne\nf'),
      image(src),
    ]);
  });
  it('counts in Article.text and stats, not in paragraphs', () => {
    const article = parseBody('<h1>t</h1><pre>x = 1\ny = 2</pre><p>after</p>');
    expect(article.text).toBe('t\n\nx = 1\ny = 2\n\nafter');
    expect(plain(article.stats)).toEqual({ paragraphs: 1, media: 0, characters: 21, words: 6 });
  });
  it('is a block container inside a heading, a list item or a quote', () => {
    expect(blocks('<h2>a<pre>b  c</pre>d</h2>')).toEqual([{ type: 'heading', level: 2, text: 'a b c d', inlines: [text('a b c d')] }]);
    expect(blocks('<ul><li>a<pre>b\n c</pre></li></ul>')).toEqual([{ type: 'list', ordered: false, start: null, text: 'a b c', items: [{ text: 'a b c', inlines: [text('a b c')] }] }]);
    expect(blocks('<blockquote>a<pre>b\n\n c</pre></blockquote>')).toEqual([{ type: 'quote', text: 'a\n\nb c', blocks: [paragraph('a'), paragraph('b c')] }]);
  });
  it('ends the paragraph before it', () => {
    expect(blocks('<div>before<pre>x</pre>after</div>')).toEqual([paragraph('before'), code('x'), paragraph('after')]);
  });
});

describe('rule 5: lazy images', () => {
  const src = (html: string) => blocks(html).map((block) => (block.type === 'image' ? block.src : block.type));
  it('takes data-src, data-original or data-lazy-src, in that order, when src is missing, empty or a data: URL', () => {
    const gif = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    expect(src(`<img src="${gif}" data-src="/a.jpg" data-original="/b.jpg">`)).toEqual(['https://news.example/a.jpg']);
    expect(src(`<img src="${gif}" data-original="/b.jpg" data-lazy-src="/c.jpg">`)).toEqual(['https://news.example/b.jpg']);
    expect(src(`<img src=" " data-lazy-src="/c.jpg">`)).toEqual(['https://news.example/c.jpg']);
    expect(src(`<img data-src=" " data-lazy-src="/c.jpg">`)).toEqual(['https://news.example/c.jpg']);
    expect(src(`<img src=" DATA:image/png;base64,AAAA" data-original="/b.jpg">`)).toEqual(['https://news.example/b.jpg']);
  });
  it('keeps a real src, and a data: image src without a lazy source', () => {
    expect(src('<img src="/real.jpg" data-src="/lazy.jpg">')).toEqual(['https://news.example/real.jpg']);
    expect(src('<img src="data:image/png;base64,AAAA" srcset="/s.jpg 1x">')).toEqual(['data:image/png;base64,AAAA']);
    expect(src('<img srcset="/s.jpg 1x" data-src="/lazy.jpg">')).toEqual(['https://news.example/lazy.jpg']);
  });
  it('vets the lazy source: an unsafe one drops the image', () => {
    const article = parseBody('<img src="data:image/gif;base64,AA" data-src="javascript:alert(1)">');
    expect(article.media).toEqual([]);
    expect(article.diagnostics.map((d) => d.code)).toEqual(['UNSAFE_URL']);
  });
});

describe('rule 5: linked images', () => {
  it('gives an image the href of a link whose whole content it is, and lists the link', () => {
    const article = parseBody('<p>x</p><a href="/full.jpg"> <img src="/t.jpg" alt="Alt"> </a><a href="/2"><picture><source srcset="/s.webp"><img src="/u.jpg"></picture></a>');
    expect(article.media).toEqual([
      image('https://news.example/t.jpg', { alt: 'Alt', link: 'https://news.example/full.jpg' }),
      image('https://news.example/u.jpg', { link: 'https://news.example/2' }),
    ]);
    expect(article.links).toEqual([
      { href: 'https://news.example/full.jpg', text: 'Alt' },
      { href: 'https://news.example/2', text: '' },
    ]);
    expect(article.diagnostics).toEqual([]);
  });
  it('gives an image the link around the block containers it stands in: a figure (a teaser card), a caption, a list item, a div', () => {
    const link = 'https://news.example/l';
    for (const html of [
      '<a href="/l"><figure><img src="/y.jpg"></figure></a>',
      '<a href="/l"><div><figure><picture><img src="/y.jpg"></picture></figure></div></a>',
      '<a href="/l"><figcaption><img src="/y.jpg"></figcaption></a>',
      '<a href="/l"><li><img src="/y.jpg"></li></a>',
      '<a href="/l"><section><p><img src="/y.jpg"></p></section></a>',
    ]) {
      const article = parseBody(html);
      expect(article.media, html).toEqual([image('https://news.example/y.jpg', { link })]);
      expect(article.links, html).toEqual([{ href: link, text: '' }]);
    }
    // A caption inside the link is content of its own: the image is not its whole content.
    expect(parseBody('<a href="/l"><figure><img src="/y.jpg"><figcaption>Cap</figcaption></figure></a>').media).toEqual([image('https://news.example/y.jpg', { caption: 'Cap' })]);
    expect(parseBody('<a href="/l"><figure><img src="/y.jpg"></figure><figure><img src="/z.jpg"></figure></a>').media.map((media) => media.type === 'image' && media.link)).toEqual([null, null]);
    // A figure opened after the image is no wrapper: the image stands where it stood, and takes no caption of that figure.
    const a = 'https://news.example/a.jpg';
    expect(parseBody('<a href="/l"><img src="/a.jpg"><figure><img src="/b.jpg"><figcaption>cap</figcaption></figure></a>').media).toEqual([
      image(a),
      image('https://news.example/b.jpg', { caption: 'cap' }),
    ]);
    expect(parseBody('<a href="/l"><img src="/a.jpg"><figure><figcaption>cap</figcaption></figure></a>').body).toEqual([
      image(a),
      paragraph('cap', [{ type: 'link', href: link, title: null, children: [text('cap')] }] as Inline[]),
    ]);
    expect(parseBody('<a href="/l"><figure><img src="/a.jpg"></figure><figure><iframe src="https://www.youtube.com/embed/x"></iframe><figcaption>cap2</figcaption></figure></a>').media).toEqual([
      image(a),
      { type: 'embed', src: 'https://www.youtube.com/embed/x', provider: 'youtube', caption: 'cap2' },
    ]);
  });
  it('keeps the order of a paragraph split around a linked image', () => {
    expect(parseBody('<h1>h</h1><p>before <a href="/b"><img src="/i.png"></a> after <a href="/c">c</a></p>').body.slice(1)).toEqual([
      paragraph('before'),
      image('https://news.example/i.png', { link: 'https://news.example/b' }),
      paragraph('after c', [text('after '), { type: 'link', href: 'https://news.example/c', title: null, children: [text('c')] }]),
    ]);
  });
  it('gives no link when the link holds more than the image', () => {
    const src = 'https://news.example/i.png';
    expect(blocks('<a href="/b"><img src="/i.png">text</a>')).toEqual([
      image(src),
      paragraph('text', [{ type: 'link', href: 'https://news.example/b', title: null, children: [text('text')] }]),
    ]);
    expect(blocks('<a href="/b"><img src="/i.png"><img src="/i.png"></a>')).toEqual([image(src), image(src)]);
    expect(blocks('<a href="/b"><b><img src="/i.png"></b></a>')).toEqual([image(src)]);
    expect(blocks('<a href="/b">t<img src="/i.png"></a>').filter((block) => block.type === 'image')).toEqual([image(src)]);
    expect(blocks('<a><img src="/i.png"></a><a href=""><img src="/i.png"></a>')).toEqual([image(src), image(src)]);
  });
  it('gives no link, with UNSAFE_URL, when the href is unsafe', () => {
    const article = parseBody('<a href="javascript:alert(1)"><img src="/i.png"></a>');
    expect(article.media).toEqual([image('https://news.example/i.png')]);
    expect(article.links).toEqual([]);
    expect(article.diagnostics.map((d) => d.code)).toEqual(['UNSAFE_URL']);
  });
  it('reads a linked image in a figure with its caption', () => {
    expect(blocks('<figure><a href="/big.jpg"><img src="/i.png"></a><figcaption>Cap</figcaption></figure>')).toEqual([
      image('https://news.example/i.png', { link: 'https://news.example/big.jpg', caption: 'Cap' }),
    ]);
  });
});

describe('rule 5: captions are not body text', () => {
  const src = 'https://news.example/story/p.jpg';
  it('reads media inside the caption as the figure media, and the caption text only as its caption', () => {
    const article = parseBody('<figure><figcaption><img src="p.jpg">Caption</figcaption></figure>');
    expect(article.body).toEqual([image(src, { caption: 'Caption' })]);
    expect(article.text).toBe('');
    expect(parseBody('<figure><figcaption>Caption<img src="p.jpg"> more</figcaption></figure>').body).toEqual([image(src, { caption: 'Caption more' })]);
  });
  it('gives a caption to the first media block however deep, and its text never to the body', () => {
    expect(blocks('<figure><figcaption>A<br>B<p>C</p></figcaption><div><p>para</p><img src="p.jpg"></div></figure>')).toEqual([
      paragraph('para'),
      image(src, { caption: 'A B C' }),
    ]);
  });
  it('reads the caption of a figure without media as body text where the figure ends', () => {
    expect(blocks('<figure><figcaption>who <b>is</b><br>it<p>p</p></figcaption><p>quote</p></figure>')).toEqual([
      paragraph('quote'),
      paragraph('who is\nit', [text('who '), { type: 'strong', children: [text('is')] }, { type: 'break' }, text('it')]),
      paragraph('p'),
    ]);
  });
  it('takes only the first figcaption that is a child of the figure', () => {
    expect(blocks('<figure><img src="p.jpg"><figcaption>one</figcaption><figcaption>two</figcaption><div><figcaption>three</figcaption></div></figure>')).toEqual([
      image(src, { caption: 'one' }),
      paragraph('two'),
      paragraph('three'),
    ]);
  });
  it('gives nested figures their own captions', () => {
    expect(blocks('<figure><figure><img src="p.jpg"><figcaption>inner</figcaption></figure><img src="p.jpg"><figcaption>outer</figcaption></figure>')).toEqual([
      image(src, { caption: 'inner' }),
      image(src, { caption: 'outer' }),
    ]);
    expect(blocks('<figure><figure><img src="p.jpg"></figure><figcaption>outer</figcaption></figure>')).toEqual([image(src, { caption: 'outer' })]);
  });
  it('reads a figure inside a caption as a figure of its own: its media take its caption, and to the caption around it it is a block boundary', () => {
    const a = 'https://news.example/a.jpg';
    const b = 'https://news.example/b.jpg';
    expect(blocks('<figure><img src="/a.jpg"><figcaption><figure><img src="/b.jpg"><figcaption>Inner</figcaption></figure></figcaption></figure>')).toEqual([
      image(a),
      image(b, { caption: 'Inner' }),
    ]);
    expect(blocks('<figure><img src="/a.jpg"><figcaption>Before<figure><img src="/b.jpg"><figcaption>Inner</figcaption></figure>After</figcaption></figure>')).toEqual([
      image(a, { caption: 'Before After' }),
      image(b, { caption: 'Inner' }),
    ]);
    // The outer figure has no media of its own: its caption is body text where it ends.
    expect(blocks('<figure><figcaption>Outer<figure><img src="/b.jpg"><figcaption>Inner</figcaption></figure>tail</figcaption></figure><p>end</p>')).toEqual([
      image(b, { caption: 'Inner' }),
      paragraph('Outer'),
      paragraph('tail'),
      paragraph('end'),
    ]);
    // Media of the inner figure that its own caption does not take are the outer figure's, as any media in the caption.
    expect(blocks('<figure><figcaption>Outer<figure><img src="/b.jpg"></figure></figcaption></figure>')).toEqual([image(b, { caption: 'Outer' })]);
    // Credits stay the caption's own.
    expect(blocks('<figure><img src="/a.jpg"><figcaption>A <small>Photo: X<figure><img src="/b.jpg"><figcaption>B <small>Y</small></figcaption></figure></small></figcaption></figure>')).toEqual([
      image(a, { caption: 'A', credit: 'Photo: X' }),
      image(b, { caption: 'B', credit: 'Y' }),
    ]);
  });
  it('reads a figure inside a caption as where the caption stands: in a list item, a heading or a quote too', () => {
    expect(blocks('<ul><li><figure><figcaption><figure><ul><li>n</li></ul></figure></figcaption></figure></li></ul>')).toEqual([
      { type: 'list', ordered: false, start: null, text: 'n', items: [{ text: 'n', inlines: [text('n')] }] },
    ]);
    // The inner figure's content where it stands, the outer caption (no media) where the outer figure ends.
    expect(blocks('<ul><li>a<figure><figcaption>O<figure><p>p</p></figure>t</figcaption></figure>b</li></ul>')).toEqual([
      { type: 'list', ordered: false, start: null, text: 'a p O t b', items: [{ text: 'a p O t b', inlines: [text('a p O t b')] }] },
    ]);
    expect(blocks('<h2>H<figure><img src="/a.jpg"><figcaption>O<figure>p</figure>t</figcaption></figure>K</h2>')).toEqual([
      { type: 'heading', level: 2, text: 'H p K', inlines: [text('H p K')] },
      image('https://news.example/a.jpg', { caption: 'O t' }),
    ]);
  });
  it('tells a figure inside 64 open figures in a caption read again as body text once', () => {
    const html = `${'<figure>'.repeat(63)}<figure><figcaption>x<figure><p>y</p></figure>z</figcaption></figure>${'</figure>'.repeat(63)}`;
    const article = parseBody(html);
    expect(article.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['FIGURE_TOO_DEEP']);
    expect(article.body.map((block) => block.type === 'paragraph' && block.text)).toEqual(['x', 'y', 'z']);
  });
  it('reads a figure inside a caption inside 64 open figures as a part of the caption, and says so', () => {
    const html = `${'<figure>'.repeat(63)}<figure><img src="/a.jpg"><figcaption>x<figure><img src="/b.jpg">y</figure>z</figcaption></figure>${'</figure>'.repeat(63)}`;
    const article = parseBody(html);
    expect(article.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['FIGURE_TOO_DEEP']);
    expect(article.body).toEqual([image('https://news.example/a.jpg', { caption: 'x y z' }), image('https://news.example/b.jpg')]);
  });
});

describe('rule 8: the lead as written', () => {
  const lead = (html: string) => parseBody(html).lead;
  const strong = (value: string) => ({ type: 'strong', children: [text(value)] });
  it('takes a paragraph wholly inside one strong, inside a link or emphasis too', () => {
    expect(lead('<p><a href="/x"><b>Lead</b></a></p><p>Body</p>')).toEqual(
      paragraph('Lead', [{ type: 'link', href: 'https://news.example/x', title: null, children: [strong('Lead')] }] as Inline[]),
    );
    expect(lead('<p><em><strong>Lead</strong></em></p>')).toEqual(paragraph('Lead', [{ type: 'emphasis', children: [strong('Lead')] }] as Inline[]));
    expect(lead('<p><i><a href="/x"><b>Lead</b></a></i></p>')?.text).toBe('Lead');
  });
  it('reads U+3000 as blank: an indented Chinese lead is a lead, its indent trimmed', () => {
    expect(lead('<p>\u3000\u3000<strong>导语</strong></p>')).toEqual(paragraph('导语', [strong('导语')] as Inline[]));
    expect(lead('<p><strong>导语</strong>\u3000</p>')?.text).toBe('导语');
  });
  it('is not a lead when anything else is there', () => {
    expect(lead('<p><b>a</b><b>b</b></p>')).toBeNull();
    expect(lead('<p><a href="/x"><b>a</b> b</a></p>')).toBeNull();
    expect(lead('<p><em><b>a</b></em> b</p>')).toBeNull();
    expect(lead('<p><b>a</b><br>b</p>')).toBeNull();
    expect(lead('<p><code>x</code></p>')).toBeNull();
  });
});

describe('rule 9: URLs are vetted once resolved', () => {
  it('rejects an unsafe options.baseUrl with a TypeError', () => {
    for (const baseUrl of ['javascript:alert(1)//', ' JavaScript:x', 'vbscript:x', 'data:text/html,x', 'data:image/png,x', 'java\tscript:x']) {
      expect(() => parseBody('<p>x</p>', { baseUrl })).toThrow(TypeError);
    }
    expect(parseBody('<a href="x">l</a>', { baseUrl: 'https://ok.example/' }).links).toEqual([{ href: 'https://ok.example/x', text: 'l' }]);
  });
  it('reads an empty or blank URL as no URL, not as a link to the page itself', () => {
    const article = parseBody(
      '<p><a href="">empty</a> <a href=" \t">blank</a></p><img src=""><iframe src=" "></iframe><video src="" poster=" "><source src=""></video><audio src=""></audio><a href=""><img src="/i.png"></a>',
      { baseUrl: 'https://e.example/page' },
    );
    expect(article.links).toEqual([]);
    expect(article.lead ?? article.body[0]).toMatchObject({ text: 'empty blank', inlines: [{ type: 'text', value: 'empty blank' }] });
    expect(article.body.filter((block) => block.type !== 'paragraph')).toEqual([
      { type: 'video', src: null, sources: [], poster: null, caption: null },
      { type: 'audio', src: null, sources: [], caption: null },
      image('https://e.example/i.png'),
    ]);
    expect(article.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['MISSING_SRC', 'MISSING_SRC']);
  });
  it('reads a URL of only Unicode white space or controls as no URL, in every position, as it does an empty one', () => {
    const positions = (url: string) =>
      `<p><a href="${url}">text</a></p><img src="${url}"><img src="${url}" data-src="/lazy.png"><img srcset="${url}"><iframe src="${url}"></iframe>` +
      `<video src="${url}" poster="${url}"><source src="${url}"></video><a href="${url}"><img src="/i.png"></a>`;
    const empty = parseBody(positions(''), { baseUrl: 'https://e.example/page' });
    expect(empty.links).toEqual([]);
    expect(empty.body.map((block) => block.type)).toEqual(['paragraph', 'image', 'video', 'image']);
    expect(empty.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['MISSING_SRC', 'MISSING_SRC', 'MISSING_SRC']);
    for (const blank of ['&nbsp;', '\u3000', '\u2028', '\u2003 \t', '&#x1;', '\ufeff', '\u00a0\u3000\u205f']) {
      const article = parseBody(positions(blank), { baseUrl: 'https://e.example/page' });
      expect({ ...article, diagnostics: article.diagnostics.map((diagnostic) => diagnostic.code) }).toEqual({ ...empty, diagnostics: ['MISSING_SRC', 'MISSING_SRC', 'MISSING_SRC'] });
    }
  });
  it('never lets a relative URL take an unsafe scheme from its base, in any position', () => {
    const positions = [
      '<p><a href="#x">fragment</a> <a href="?q">query</a> <a href="">empty</a> <a href="rel">relative</a></p>',
      '<img src="#x"><img data-src="#y"><img srcset="#z 2x">',
      '<video src="#v" poster="#p"><source src="#s"></video><audio src="#a"></audio><iframe src="#i"></iframe>',
      '<a href="#l"><img src="data:image/gif;base64,AA" data-original="#o"></a>',
    ].join('');
    const result = safeParseSeed(seed(positions, { url: 'javascript:alert(1)//' }));
    if (result.ok) {
      assertWellFormed(result.article);
      assertNoUnsafeUrl(result.article);
      expect(result.article.diagnostics.filter((d) => d.code === 'UNSAFE_URL').length).toBeGreaterThanOrEqual(10);
    } else {
      expect(result.error.code).toBe('UNSAFE_URL');
    }
  });
  it('checks the resolved URL for each use', () => {
    const script = createUrlResolver('javascript:alert(1)//');
    expect(script.resolve('#x', 'link')).toEqual({ ok: false, scheme: 'javascript' });
    expect(script.resolve('#x', 'image')).toEqual({ ok: false, scheme: 'javascript' });
    expect(script.resolve('?q', 'link')).toEqual({ ok: true, url: '?q' });
    expect(script.resolve('https://ok.example/', 'link')).toEqual({ ok: true, url: 'https://ok.example/' });
    const data = createUrlResolver('data:image/png;base64,AAAA');
    expect(data.resolve('#x', 'image')).toEqual({ ok: true, url: 'data:image/png;base64,AAAA#x' });
    for (const use of ['link', 'media', 'source', 'embed'] as const) expect(data.resolve('#x', use)).toEqual({ ok: false, scheme: 'data' });
    expect(createUrlResolver('vbscript:x').resolve('#y', 'poster')).toEqual({ ok: false, scheme: 'vbscript' });
    expect(createUrlResolver('https://a.example/d/').resolve('../x', 'link')).toEqual({ ok: true, url: 'https://a.example/x' });
  });
  it('keeps as written what runtimes would resolve each their own way: hosts through IDNA, bases of other schemes', () => {
    const resolve = (base: string, href: string) => (createUrlResolver(base).resolve(href, 'link') as { url: string }).url;
    const web = 'https://news.example/rail/1';
    // Plain hosts resolve: ASCII letters, digits, - . _, an IPv6 address; tabs and line feeds dropped first.
    expect(['//Example.COM/x', '//[::1]/', '//user:p@h.example:81/x', '\\\\h.example\\y', '//h_.example', '//\t/h.example/', '/a/../b'].map((href) => resolve(web, href))).toEqual([
      'https://example.com/x', 'https://[::1]/', 'https://user:p@h.example:81/x', 'https://h.example/y', 'https://h_.example/', 'https://h.example/', 'https://news.example/b',
    ]);
    // Hosts read through IDNA, or by rules of validity that runtimes read apart, stay as written.
    for (const href of ['//\u1e9e.example/', '//\u65e5\u672c.jp/', '//xn--a.com', '//a.XN--zca.example/', '//ex ample.com/x', '//%41.com/', '//\t/\u1e9e.example/']) expect(resolve(web, href)).toBe(href);
    // And so does every relative URL against a base whose host is not plain, or whose scheme is file: or not special.
    for (const base of ['https://\u1e9e.example/a', 'https://xn--zca.example/a', 'file:///tmp/a', 'foo://host/a/b']) {
      for (const href of ['/x', 'x', '#y', '\\\\x\\y']) expect(resolve(base, href)).toBe(href);
    }
    // A base without a host (javascript:, data:) resolves a fragment, to be vetted.
    expect(createUrlResolver('data:image/png;base64,AAAA').resolve('#x', 'image')).toEqual({ ok: true, url: 'data:image/png;base64,AAAA#x' });
    expect(createUrlResolver('data:image/png;base64,AAAA').resolve('x', 'image')).toEqual({ ok: true, url: 'x' });
  });
  it('writes a resolved URL as every runtime does: | and ^ in the path, \' in the user info percent-encoded', () => {
    const resolve = (base: string, href: string) => (createUrlResolver(base).resolve(href, 'link') as { url: string }).url;
    expect([
      resolve('https://h.example/', '|'),
      resolve('https://h.example/', '/a^b|c'),
      resolve('https://h.example/', "//u'p:q'r@h.example:81/x"),
      resolve('https://h.example/a|b/', 'x'),
      resolve('https://h.example/a^b', '#f'),
      // The query and the fragment are written alike everywhere (a ' in the query of a special scheme encoded by both).
      resolve('https://h.example/', "?a|^'#|^'"),
      resolve('https://h.example/', '/a%7Cb'),
      // A fragment against an opaque base is written as the base is.
      resolve('urn:a|b', '#x'),
      resolve('mailto:x^y@e.example', '#x'),
    ]).toEqual([
      'https://h.example/%7C',
      'https://h.example/a%5Eb%7Cc',
      'https://u%27p:q%27r@h.example:81/x',
      'https://h.example/a%7Cb/x',
      'https://h.example/a%5Eb#f',
      "https://h.example/?a|^%27#|^'",
      'https://h.example/a%7Cb',
      'urn:a|b#x',
      'mailto:x^y@e.example#x',
    ]);
  });
});
