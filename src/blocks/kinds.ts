/**
 * Rules 3–6 as a table: what each element means to the block stage. Elements
 * not listed are transparent: their content stands as if the tags were not there.
 */
export const enum Kind {
  Transparent,
  /** Rule 6: dropped with everything inside. */
  Drop,
  /** Rule 3: a block container; its start and end end the current paragraph. */
  Container,
  Paragraph,
  Heading,
  Quote,
  List,
  ListItem,
  /** `<pre>` and HTML's other preformatted elements: a code block (rule 4). */
  Preformatted,
  Rule,
  Break,
  Strong,
  Emphasis,
  Code,
  Anchor,
  Image,
  Video,
  Audio,
  Iframe,
  Figure,
  Figcaption,
  /** Transparent, but its first `<source srcset>` is the source of an `<img>` inside that has none (rule 5). */
  Picture,
  /** Transparent outside a player; in a `<picture>`, read for its `srcset`. */
  Source,
}

const kinds = new Map<string, Kind>();
for (const name of [
  'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'center', 'body', 'table', 'tr',
  'td', 'th', 'caption', 'dl', 'dt', 'dd', 'address', 'details', 'summary', 'fieldset', 'hgroup',
  'tbody', 'thead', 'tfoot', 'form', 'legend', 'dialog', 'search',
]) {
  kinds.set(name, Kind.Container);
}
// Not `head`: what a `<head>` left open holds is the body (HTML moves it there); its `title` is dropped.
// `noembed` and `noframes` hold raw text (markup unread) that HTML never shows, as `noscript` with scripting on.
for (const name of ['script', 'style', 'noscript', 'noembed', 'noframes', 'template', 'title', 'input', 'select', 'textarea', 'button']) {
  kinds.set(name, Kind.Drop);
}
for (const name of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) kinds.set(name, Kind.Heading);
kinds.set('p', Kind.Paragraph);
kinds.set('blockquote', Kind.Quote);
kinds.set('ul', Kind.List);
// HTML's other names of an unordered list.
kinds.set('menu', Kind.List);
kinds.set('dir', Kind.List);
kinds.set('ol', Kind.List);
kinds.set('li', Kind.ListItem);
kinds.set('pre', Kind.Preformatted);
// HTML's other preformatted elements: shown as `<pre>` is (a block, every space and line break kept).
for (const name of ['listing', 'xmp', 'plaintext']) kinds.set(name, Kind.Preformatted);
kinds.set('hr', Kind.Rule);
kinds.set('br', Kind.Break);
kinds.set('strong', Kind.Strong);
kinds.set('b', Kind.Strong);
kinds.set('em', Kind.Emphasis);
kinds.set('i', Kind.Emphasis);
kinds.set('code', Kind.Code);
kinds.set('a', Kind.Anchor);
kinds.set('img', Kind.Image);
kinds.set('video', Kind.Video);
kinds.set('audio', Kind.Audio);
kinds.set('iframe', Kind.Iframe);
kinds.set('figure', Kind.Figure);
kinds.set('figcaption', Kind.Figcaption);
kinds.set('picture', Kind.Picture);
kinds.set('source', Kind.Source);

export function kindOf(name: string): Kind {
  return kinds.get(name) ?? Kind.Transparent;
}

/** Elements whose content stands as if their tags were not there. */
export function isTransparent(kind: Kind): boolean {
  return kind === Kind.Transparent || kind >= Kind.Picture;
}

/** Elements that break text into separate runs: read as white space inside captions and leaf blocks. */
export function isBlockLike(kind: Kind): boolean {
  return (kind >= Kind.Container && kind <= Kind.Break) || kind === Kind.Figure || kind === Kind.Figcaption;
}

/** The attributes the block stage reads; no other attribute is ever captured. */
export const WANTED_ATTRIBUTES = [
  'src', 'data-src', 'data-original', 'data-lazy-src', 'srcset', 'href', 'alt', 'title', 'width', 'height',
  'class', 'poster', 'type', 'start',
] as const;

/** Rule 6: an attribute whose name starts with this drops its element. */
export const DROP_ATTRIBUTE_PREFIX = 'data-selfpromo';
