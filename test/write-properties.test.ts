import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSeed, parseSeed, type Article, type BlockInput, type InlineInput, type SeedInput } from '../src/index.js';
import { checkOptions } from './chunks.js';
import { plain, seed } from './helpers.js';

function comparable(article: Article): Omit<Article, 'diagnostics'> {
  const { diagnostics: _, ...rest } = article;
  return plain(rest);
}

function expectRoundTrip(article: Article): void {
  const written = formatSeed(article);
  expect(comparable(parseSeed(written)), written).toEqual(comparable(article));
}

/** Bodies made of the markup the writer and the parser care about, in any nesting and order, broken or not. */
const attributeValue = fc.stringMatching(/^[a-z0-9 :/.&;#"'<>=\-_()\n\t\u00a0中]{0,14}$/);
const attribute = fc
  .tuple(fc.constantFrom('href', 'src', 'title', 'alt', 'class', 'width', 'height', 'poster', 'type', 'start', 'data-src', 'srcset'), attributeValue)
  .map(([name, value]) => ` ${name}="${value.replaceAll('"', '&quot;')}"`);
const tag = fc
  .tuple(
    fc.constantFrom('', '/'),
    fc.constantFrom(
      'p', 'div', 'b', 'strong', 'i', 'em', 'a', 'code', 'pre', 'br', 'h1', 'h3', 'h6', 'ul', 'ol', 'li', 'blockquote',
      'figure', 'figcaption', 'small', 'cite', 'img', 'video', 'audio', 'source', 'iframe', 'span', 'hr', 'table', 'td',
    ),
    fc.array(attribute, { maxLength: 3 }),
  )
  .map(([slash, name, attributes]) => `<${slash}${name}${slash === '' ? attributes.join('') : ''}>`);
const textPiece = fc.oneof(
  fc.stringMatching(/^[a-z \n\t\u00a0\u3000中文，。「」*_`\\[\]()#!<>&;-]{1,10}$/),
  fc.constantFrom('&amp;', '&lt;', '&nbsp;', '&#10;', '&#x1F600;', '19/05/2023 - 18:08', 'class="lead"'),
);
const body = fc.array(fc.oneof({ weight: 2, arbitrary: tag }, { weight: 3, arbitrary: textPiece }), { maxLength: 40 }).map((parts) => parts.join(''));

const urls = fc.constantFrom('https://news.example/story/1', 'story/1', '/relative', 'https://a.example/x_(y)?a=1&b=2');
const anyText = fc.string({ unit: 'grapheme', maxLength: 12 });

const inline: fc.Memo<InlineInput> = fc.memo((depth): fc.Arbitrary<InlineInput> =>
  depth <= 1
    ? fc.oneof(fc.record({ type: fc.constant('text' as const), value: anyText }), fc.constant({ type: 'break' as const }), fc.record({ type: fc.constant('code' as const), value: anyText }))
    : fc.oneof(
        fc.record({ type: fc.constant('text' as const), value: anyText }),
        fc.record({ type: fc.constantFrom('strong' as const, 'emphasis' as const), children: fc.array(inline(depth - 1), { maxLength: 3 }) }),
        fc.record({ type: fc.constant('link' as const), href: urls, title: fc.option(anyText), children: fc.array(inline(depth - 1), { maxLength: 3 }) }),
      ),
);
const inlines = fc.array(inline(3), { maxLength: 4 });
const optionalText = fc.option(anyText, { nil: undefined });
const block: fc.Arbitrary<BlockInput> = fc.oneof(
  fc.record({ type: fc.constant('paragraph' as const), inlines }),
  fc.record({ type: fc.constant('paragraph' as const), text: anyText }),
  fc.record({ type: fc.constant('heading' as const), level: fc.constantFrom(1, 2, 3, 4, 5, 6 as const), inlines }),
  fc.record({ type: fc.constant('quote' as const), blocks: fc.array(fc.record({ type: fc.constant('paragraph' as const), inlines }), { maxLength: 3 }) }),
  fc.record({ type: fc.constant('list' as const), ordered: fc.boolean(), start: fc.option(fc.nat(1000)), items: fc.array(fc.record({ inlines }), { maxLength: 3 }) }),
  fc.record({ type: fc.constant('code' as const), text: fc.string({ unit: 'grapheme', maxLength: 30 }), language: fc.option(fc.stringMatching(/^[a-z+#-]{1,6}$/)) }),
  fc.record(
    { type: fc.constant('image' as const), src: urls, alt: optionalText, title: optionalText, width: fc.option(fc.nat(2000)), height: fc.option(fc.nat(2000)), caption: optionalText, credit: optionalText, link: fc.option(urls) },
    { requiredKeys: ['type', 'src'] },
  ),
  fc.record({ type: fc.constant('video' as const), src: fc.option(urls), poster: fc.option(urls), sources: fc.array(fc.record({ src: urls, type: fc.option(anyText) }), { maxLength: 2 }), caption: optionalText }),
  fc.record({ type: fc.constant('audio' as const), src: fc.option(urls), caption: optionalText }),
  fc.record({ type: fc.constant('embed' as const), src: fc.constantFrom('https://www.youtube.com/embed/x', 'https://player.vimeo.com/video/1'), caption: optionalText }),
);
const frontMatter = fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), { nil: undefined });
const input: fc.Arbitrary<SeedInput> = fc.record({
  header: fc.record({
    timestamp: fc.integer({ min: 0, max: 253402300799999 }),
    title: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((title) => title.trim() !== ''),
    url: fc.oneof(urls, fc.stringMatching(/^[^\n()]{1,20}$/).filter((url) => url.trim() !== '')),
    frontMatter,
  }),
  dateline: fc.option(fc.record({ text: fc.constantFrom('19/05/2023 - 18:08', '2024-02-30 10:00', '2023年5月19日 18:08') }), { nil: undefined }),
  lead: fc.option(fc.record({ type: fc.constant('paragraph' as const), inlines }), { nil: undefined }),
  body: fc.array(block, { maxLength: 6 }),
});

describe('formatSeed, for any input', () => {
  it('any generated body: the Article it parses to reads back the same', () => {
    fc.assert(
      fc.property(body, (html) => {
        expectRoundTrip(parseSeed(seed(html)));
      }),
      checkOptions(300),
    );
  });

  it('any tag soup (broken markup, foreign content, NUL, lone surrogates, entities): the Article reads back the same', () => {
    const soup = fc.stringMatching(
      /^(?:<\/?(?:p|div|b|i|a|img|br|h[1-6]|ul|ol|li|blockquote|figure|figcaption|video|source|iframe|script|svg|math|table|td|span|code|pre|small|hr|template|xmp)(?: (?:href|src|class|width|height|data-selfpromo|poster|srcset|start|alt|title)(?:="[^"<]{0,12}")?)*\/?>|&(?:amp|lt|nbsp|#x?[0-9a-f]{1,6});?|<!--.{0,8}-->|[a-z \n\t\r\f\u00a0\u3000中😀&<>"=\0]|\ud800)*$/,
      { maxLength: 400 },
    );
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ unit: 'binary', maxLength: 200 })), (html) => {
        expectRoundTrip(parseSeed(seed(html)));
      }),
      checkOptions(300),
    );
  });

  it('any partial input: writes a seed that parses, and the Article read back is a fixed point of the round trip', () => {
    fc.assert(
      fc.property(input, (value) => {
        const first = parseSeed(formatSeed(value));
        expectRoundTrip(first);
        expect(first.header.timestamp).toBe(value.header.timestamp);
        expect(first.header.url).toBe(value.header.url);
        // As JSON data: the reader may read -0 as 0.
        expect(plain(first.header.frontMatter)).toEqual(plain(value.header.frontMatter ?? null));
      }),
      checkOptions(200),
    );
  });
});
