import type { Element, ElementContent, Properties, Root } from 'hast';
import type { Article, Audio, Block, Embed, Inline, Video } from '../types.js';
import { checkArticle, describeValue } from '../article/shape.js';
import { providerOf } from '../blocks/media.js';
import { liftNestedLinks } from './links.js';
import { LINK_SEPARATOR, linksOf } from './media-links.js';
import { appendAll } from './append.js';

/**
 * What an embed's frame may do. Scripts run, in a frame of an origin of its own: with
 * `allow-same-origin` as well, a frame whose page comes from the origin of the page showing it
 * could lift its own sandbox, so only the embeds of a provider (rule 5: its host, as written in
 * an absolute `http:` or `https:` URL, is the provider's; read from `src` again, not taken from
 * the block's `provider`) keep their origin, which their players need.
 */
const SANDBOX = ['allow-scripts', 'allow-presentation', 'allow-popups'];
const SANDBOX_OF_PROVIDER = ['allow-scripts', 'allow-same-origin', 'allow-presentation', 'allow-popups'];

export interface ToHastOptions {
  /**
   * `'links'` (default): video, audio and embeds are links to their URLs.
   * `'elements'`: `<video controls>` and `<audio controls>` with their
   * sources, and embeds as sandboxed, lazily loaded `<iframe>`s.
   */
  media?: 'links' | 'elements' | null | undefined;
  /** A whole document: doctype, `<html>`, `<head>` with `<meta charset="utf-8">` and `<title>`, and `<body>`. Default false. */
  document?: boolean | null | undefined;
}

/**
 * An Article as a hast tree of semantic HTML: an `<article>` whose `<header>`
 * holds the title (an `<h1>` linked to the URL), the dateline (`<time>`) and
 * the lead, then each block. No script, style or event attribute, and no URL
 * the Article does not hold. One handler per block and inline type, picked
 * from a table.
 */
export function toHast(article: Article, options?: ToHastOptions | null): Root {
  return hastOf(article, options, 'toHast');
}

/** `toHast`, naming `who` in its errors (`toHtml` calls it too). */
export function hastOf(article: Article, options: ToHastOptions | null | undefined, who: string): Root {
  // Rendered from the checked copy: every value read once (src/article/shape.ts).
  const checked = checkArticle(article, who);
  if (options !== null && options !== undefined && typeof options !== 'object') throw new TypeError(`${who}: options must be an object, got ${describeValue(options)}`);
  const media = options?.media ?? 'links';
  if (media !== 'links' && media !== 'elements') throw new TypeError(`${who}: options.media must be 'links' or 'elements', got ${describeValue(media)}`);
  const document = options?.document ?? false;
  if (typeof document !== 'boolean') throw new TypeError(`${who}: options.document must be true or false, got ${describeValue(document)}`);
  const state: State = { media };
  const header: ElementContent[] = [h('h1', {}, [h('a', { href: checked.header.url }, [text(checked.header.title)])])];
  if (checked.dateline !== null) {
    const { text: value, iso } = checked.dateline;
    header.push(h('p', {}, [h('time', iso === null ? {} : { dateTime: iso }, [text(value)])]));
  }
  if (checked.lead !== null) header.push(h('p', { className: ['lead'] }, blockPhrasing(checked.lead.inlines)));
  const content: ElementContent[] = [text('\n'), h('header', {}, header), text('\n')];
  for (const block of checked.body) {
    content.push((blockHandlers[block.type] as BlockHandler<Block>)(block, state), text('\n'));
  }
  const main = h('article', {}, content);
  if (!document) return { type: 'root', children: [main] };
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', {}, [
        h('head', {}, [h('meta', { charSet: 'utf-8' }, []), h('title', {}, [text(checked.header.title)])]),
        h('body', {}, [main]),
      ]),
    ],
  };
}

interface State {
  media: 'links' | 'elements';
}

function h(tagName: string, properties: Properties, children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

/** Properties without the null ones. */
function present(properties: Record<string, string | number | boolean | string[] | null>): Properties {
  const result: Properties = {};
  for (const [key, value] of Object.entries(properties)) if (value !== null) result[key] = value;
  return result;
}

// --- inlines ------------------------------------------------------------------

type InlineHandler<T extends Inline> = (inline: T) => ElementContent[];

const inlineHandlers: { [K in Inline['type']]: InlineHandler<Extract<Inline, { type: K }>> } = {
  text: (inline) => [text(inline.value)],
  break: () => [h('br', {}, [])],
  code: (inline) => [h('code', {}, inline.value.split('\n').flatMap((line, index) => (index === 0 ? [text(line)] : [h('br', {}, []), text(line)])))],
  strong: (inline) => [h('strong', {}, phrasing(inline.children))],
  emphasis: (inline) => [h('em', {}, phrasing(inline.children))],
  link: (inline) => [h('a', present({ href: inline.href, title: inline.title }), phrasing(inline.children))],
};

const isAnchor = (node: ElementContent): boolean => node.type === 'element' && node.tagName === 'a';

/** The inlines of a block: HTML cannot nest links, so a link inside a link is cut out of it (links.ts). */
function blockPhrasing(inlines: readonly Inline[]): ElementContent[] {
  return liftNestedLinks(phrasing(inlines), isAnchor);
}

function phrasing(inlines: readonly Inline[]): ElementContent[] {
  const result: ElementContent[] = [];
  for (const inline of inlines) appendAll(result, (inlineHandlers[inline.type] as InlineHandler<Inline>)(inline));
  return result;
}

// --- blocks -------------------------------------------------------------------

type BlockHandler<T extends Block> = (block: T, state: State) => Element;

function figure(media: ElementContent[], caption: ElementContent[]): Element {
  return h('figure', {}, caption.length === 0 ? media : [...media, h('figcaption', {}, caption)]);
}

function plainCaption(caption: string | null): ElementContent[] {
  return caption === null ? [] : [text(caption)];
}

function links(block: Video | Audio | Embed): ElementContent[] {
  const children: ElementContent[] = [];
  for (const link of linksOf(block)) {
    if (children.length > 0) children.push(text(LINK_SEPARATOR));
    children.push(link.image ? h('img', { src: link.url, alt: link.label }, []) : h('a', { href: link.url }, [text(link.label)]));
  }
  return children.length === 0 ? [] : [h('p', {}, children)];
}

function player(block: Video | Audio): ElementContent[] {
  const sources = block.sources.map((source) => h('source', present({ src: source.src, type: source.type }), []));
  const poster = block.type === 'video' ? block.poster : null;
  return [h(block.type, present({ controls: true, src: block.src, poster }), sources)];
}

const blockHandlers: { [K in Block['type']]: BlockHandler<Extract<Block, { type: K }>> } = {
  paragraph: (block) => h('p', {}, blockPhrasing(block.inlines)),
  heading: (block) => h(`h${block.level}`, {}, blockPhrasing(block.inlines)),
  quote: (block) => h('blockquote', {}, block.blocks.map((entry) => h('p', {}, blockPhrasing(entry.inlines)))),
  list: (block) =>
    h(
      block.ordered ? 'ol' : 'ul',
      present({ start: block.ordered ? block.start : null }),
      block.items.map((item) => h('li', {}, blockPhrasing(item.inlines))),
    ),
  code: (block) => h('pre', {}, [h('code', block.language === null ? {} : { className: [`language-${block.language}`] }, [text(block.text)])]),
  image: (block) => {
    const image = h('img', present({ src: block.src, alt: block.alt, title: block.title, width: block.width, height: block.height }), []);
    const caption = plainCaption(block.caption);
    if (block.credit !== null) {
      if (caption.length > 0) caption.push(text(' '));
      caption.push(h('small', {}, [text(block.credit)]));
    }
    return figure([block.link === null ? image : h('a', { href: block.link }, [image])], caption);
  },
  video: (block, state) => figure(state.media === 'elements' ? player(block) : links(block), plainCaption(block.caption)),
  audio: (block, state) => figure(state.media === 'elements' ? player(block) : links(block), plainCaption(block.caption)),
  embed: (block, state) =>
    figure(
      state.media === 'elements'
        ? [
            h('iframe', {
              src: block.src,
              title: linksOf(block)[0]?.label ?? 'Embed',
              // A list of its own for each frame: a plugin that edits one edits only it.
              sandbox: [...(providerOf(block.src) === null ? SANDBOX : SANDBOX_OF_PROVIDER)],
              loading: 'lazy',
              allowFullScreen: true,
            }, []),
          ]
        : links(block),
      plainCaption(block.caption),
    ),
};
