import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../src/index.js';
import { image, parseBody, plain } from './helpers.js';

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
  it('keeps raw text raw: entities in <xmp> are not decoded', () => {
    expect(blocks('<xmp>a &amp; <b>b</b></xmp>')).toEqual([paragraph('a &amp; <b>b</b>')]);
  });
  it('drops unfinished markup at the end of the input', () => {
    expect(blocks('<p>text</p>\n</d\n')).toEqual([paragraph('text')]);
    expect(blocks('<p>text</p></a x')).toEqual([paragraph('text')]);
    expect(blocks('<p>text<br/')).toEqual([paragraph('text')]);
  });
  it('decodes an entity split by the end of a text run', () => {
    expect(blocks('<p>x&amp</p>')).toEqual([paragraph('x&')]);
  });
});

describe('rule 1: entities and white space', () => {
  it('collapses runs of space, tab, CR, LF, form feed and U+00A0, and trims', () => {
    expect(blocks('<p> \t a \r\n\f b&nbsp;&nbsp;c\u00a0 </p>')).toEqual([paragraph('a b c')]);
  });
  it('keeps U+3000', () => {
    expect(blocks('<p>\u3000a\u3000</p>')).toEqual([paragraph('\u3000a\u3000')]);
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
        items: [
          { text: 'a d', inlines: [text('a d')] },
          { text: 'b', inlines: [text('b')] },
          { text: 'c', inlines: [text('c')] },
          { text: 'e', inlines: [text('e')] },
        ],
      },
    ]);
    expect(blocks('<ul><li>x</li></ul>')).toEqual([{ type: 'list', ordered: false, items: [{ text: 'x', inlines: [text('x')] }] }]);
  });
  it('lifts media out of headings, quotes and lists, after the block', () => {
    const src = 'https://x.example/i.png';
    expect(blocks(`<h3>a<img src="${src}">b</h3><blockquote>q<img src="${src}"></blockquote><ul><li><img src="${src}">i</li></ul>`)).toEqual([
      { type: 'heading', level: 3, text: 'ab', inlines: [text('ab')] },
      image(src),
      { type: 'quote', text: 'q', blocks: [paragraph('q')] },
      image(src),
      { type: 'list', ordered: false, items: [{ text: 'i', inlines: [text('i')] }] },
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
  it('drops comments, script, style, noscript, template, head, form, button and data-selfpromo elements', () => {
    expect(
      blocks(
        '<p>a<!-- c --><script>x</script><style>y</style><noscript>z</noscript><template>t</template><button>b</button>' +
          '<span data-selfpromo-app>s</span><b DATA-SELFPROMO>d</b>b</p>',
      ),
    ).toEqual([paragraph('ab')]);
    // <form> closes an open <p> (rule 0) before it is dropped.
    expect(blocks('<p>a<form><input>f</form>b</p>')).toEqual([paragraph('a'), paragraph('b')]);
    expect(blocks('<div>a<form><input>f<p>g</p></form>b</div>')).toEqual([paragraph('ab')]);
  });
  it('drops 1×1 tracking pixels', () => {
    const article = parseBody('<p>a<img src="https://t.example/p.gif" width="1" height="1"></p>');
    expect(article.media).toEqual([]);
    expect(article.diagnostics).toEqual([]);
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
    for (const className of ['lead', 'article-Standfirst', 'summary', 'intro', 'c-dek']) {
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
  it('counts code points and word-like segments, CJK words included', () => {
    const article = parseBody('<p>我们喜欢 Rust, 😀 really!</p>');
    expect(article.stats.characters).toBe([...article.text].length);
    expect(article.stats.characters).toBe(article.text.length - 1);
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    expect(article.stats.words).toBe([...segmenter.segment(article.text)].filter((s) => s.isWordLike).length);
    expect(article.stats.words).toBeGreaterThanOrEqual(4);
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
