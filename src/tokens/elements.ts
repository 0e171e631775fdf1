/**
 * How htmlparser2's `Parser` shapes the tree (text rule 0), as tables indexed
 * by element id: which elements are void, which start tags close open
 * elements implicitly, where foreign (SVG, MathML) content begins and ends,
 * how SVG names are cased, and which elements hold raw text. The sets are
 * Parser's own (htmlparser2 12); test/tokens.test.ts holds the stream to it.
 *
 * An element id is the index of its name in {@link ELEMENT_NAMES}; names not
 * listed have the id {@link UNKNOWN} and none of the properties below.
 */

/** Foreign content: what an element starts (its entry in Parser's foreign-context stack). */
export const enum Foreign {
  /** Not foreign-related. */
  None,
  /** HTML again inside foreign content (an integration point); inside HTML, no change. */
  Html,
  Svg,
  MathMl,
}

/** The id of every name not in the table. */
export const UNKNOWN = 0;

const voidNames = [
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex',
  'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
];

/** Parser's `htmlIntegrationElements`, compared with SVG-adjusted case: `foreignObject`, not `foreignobject`. */
const integrationNames = ['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignObject', 'desc', 'title'];

/**
 * The tags the tokenizer reads as raw text (outside foreign content): never decoded. `title` and
 * `textarea` are read as text too (their content holds no tags) but decoded.
 */
const rawTextNames = ['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext'];
const textOnlyNames = [...rawTextNames, 'title', 'textarea'];

/** Parser's `svgTagNameAdjustments`: inside `<svg>`, these lower-case names take this case. */
const svgAdjusted = [
  'altGlyph', 'altGlyphDef', 'altGlyphItem', 'animateColor', 'animateMotion', 'animateTransform', 'clipPath',
  'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting',
  'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR',
  'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'fePointLight',
  'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence', 'foreignObject', 'glyphRef', 'linearGradient',
  'radialGradient', 'textPath',
];

/** Parser's `openImpliesClose`: a start tag closes these elements while one of them is innermost. */
const pGroup = ['p'];
const headingGroup = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p'];
const formGroup = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const closeGroups: [readonly string[], readonly string[]][] = [
  [['tr'], ['tr', 'th', 'td']],
  [['th'], ['th']],
  [['td'], ['thead', 'th', 'td']],
  [['body'], ['head', 'link', 'script']],
  [['a'], ['a']],
  [['li'], ['li']],
  [['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], headingGroup],
  [['select', 'input', 'output', 'button', 'datalist', 'textarea'], formGroup],
  [['option'], ['option']],
  [['optgroup'], ['optgroup', 'option']],
  [['dd', 'dt'], ['dd', 'dt']],
  [['rt', 'rp'], ['rt', 'rp']],
  [['tbody', 'tfoot'], ['thead', 'tbody']],
  [
    [
      'p', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption',
      'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul',
    ],
    pGroup,
  ],
];

/** End tags that may be left out: open ones at the end of the body are not worth a diagnostic. */
const optionalEndNames = [
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'colgroup',
  'caption', 'rt', 'rp', 'html', 'head', 'body',
];

/**
 * The start tags that end an open `<p>` in HTML (its "close a p element" in body), a longer list
 * than Parser's: used only to end a `<p>` that rule 6 drops, so that it does not drop what HTML
 * puts after it (`<p data-selfpromo>Ad<li>Story`). Not past an element that bounds its scope.
 */
const htmlClosesPNames = [
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset',
  'figcaption', 'figure', 'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section',
  'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'listing', 'form', 'li', 'dd', 'dt', 'plaintext',
  'table', 'hr', 'xmp',
];
/**
 * The elements that bound a `<p>`'s scope (HTML's "button scope"), each in the namespace where it
 * does: HTML's (but `td`, `th` and `caption`, which HTML ignores outside a table, and inside one
 * the table bounds it), SVG's integration points and MathML's text integration points. A `<p>`
 * outside them is not ended from inside. The same name in another namespace bounds nothing: a
 * `<title>` or `<mi>` in HTML, an `<object>` inside `<svg>`.
 */
const pScopeNames: readonly (readonly [Foreign, readonly string[]])[] = [
  [Foreign.Html, ['applet', 'table', 'marquee', 'object', 'template', 'button']],
  [Foreign.Svg, ['foreignObject', 'desc', 'title']],
  [Foreign.MathMl, ['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml']],
];
/** Inside `<svg>` or `<math>`, the start tags that leave foreign content in HTML (and so may end a `<p>` around it). */
const breakoutNames = [
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small',
  'span', 'strong', 'strike', 'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var',
];

/** Other HTML element names, recognized in place (any name not listed is sliced and lower-cased). */
const commonNames = [
  'abbr', 'audio', 'b', 'bdi', 'bdo', 'canvas', 'center', 'cite', 'code', 'data', 'del', 'dfn', 'dialog', 'em',
  'font', 'hgroup', 'html', 'i', 'image', 'ins', 'kbd', 'label', 'legend', 'main', 'mark', 'math', 'noscript',
  'object', 'picture', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'svg', 'template',
  'time', 'tt', 'u', 'var', 'video', 'g', 'path', 'figcaption', 'colgroup', 'caption', 'head',
];

/**
 * Every name with an id, lower-case as read from the input, then the SVG-cased names (only ever
 * reached by adjusting a lower-case name inside `<svg>`, never read directly). Index 0 is
 * {@link UNKNOWN}.
 */
export const ELEMENT_NAMES: readonly string[] = [
  '',
  ...new Set([
    ...voidNames,
    ...integrationNames.filter((name) => name === name.toLowerCase()),
    ...textOnlyNames,
    ...svgAdjusted.map((name) => name.toLowerCase()),
    ...closeGroups.flatMap(([openers, closed]) => [...openers, ...closed]),
    ...optionalEndNames,
    ...commonNames,
    ...htmlClosesPNames,
    ...pScopeNames.flatMap(([, names]) => names.filter((name) => name === name.toLowerCase())),
    ...breakoutNames,
  ]),
];
/** How many names the input can spell: the ids below this; the SVG-cased names follow. */
export const READABLE_NAMES = ELEMENT_NAMES.length;
(ELEMENT_NAMES as string[]).push(...svgAdjusted);

const count = ELEMENT_NAMES.length;
const idOf = new Map(ELEMENT_NAMES.map((name, id) => [name, id]));
function id(name: string): number {
  const found = idOf.get(name);
  if (found === undefined) throw new Error(`no element id for ${name}`);
  return found;
}

/** Has no content and no end tag. */
export const IS_VOID = new Uint8Array(count);
/** What the element starts in Parser's foreign-context stack. */
export const FOREIGN = new Uint8Array(count) as Uint8Array & { [id: number]: Foreign };
/**
 * The tokenizer reads the element's content as text (outside foreign content): {@link RAW_TEXT}
 * (not decoded), {@link ESCAPABLE_TEXT} (decoded) or {@link UNREAD_TEXT} (never reported); 0 when not.
 */
export const TEXT_ONLY = new Uint8Array(count);
export const RAW_TEXT = 1;
export const ESCAPABLE_TEXT = 2;
/** Raw text that is never content (`<script>`, `<style>`): not reported, not kept while streaming. */
export const UNREAD_TEXT = 3;
/** Inside `<svg>`, the id of the SVG-cased name; 0 for none. */
export const SVG_CASED = new Uint16Array(count);
/** Ends an open `<p>` in HTML (see `htmlClosesPNames`). */
export const HTML_CLOSES_P = new Uint8Array(count);
/** Leaves foreign content (see `breakoutNames`). */
export const BREAKS_OUT = new Uint8Array(count);
/** The namespace in which the element bounds the scope of a `<p>` (see `pScopeNames`); `Foreign.None` where it bounds none. */
export const P_SCOPE = new Uint8Array(count) as Uint8Array & { [id: number]: Foreign };
/** End tag may be left out. */
export const OPTIONAL_END = new Uint8Array(count);
/** Index of the group of elements that the start tag closes, or -1. */
export const CLOSE_GROUP = new Int8Array(count).fill(-1);
/** For each close group, a flag per id: closed by the group's start tags. */
export const CLOSED_BY: readonly Uint8Array[] = closeGroups.map(([openers, closed], group) => {
  for (const opener of openers) CLOSE_GROUP[id(opener)] = group;
  const members = new Uint8Array(count);
  for (const name of closed) members[id(name)] = 1;
  return members;
});

for (const name of voidNames) IS_VOID[id(name)] = 1;
for (const name of integrationNames) FOREIGN[id(name)] = Foreign.Html;
FOREIGN[id('svg')] = Foreign.Svg;
FOREIGN[id('math')] = Foreign.MathMl;
for (const name of rawTextNames) TEXT_ONLY[id(name)] = RAW_TEXT;
TEXT_ONLY[id('title')] = ESCAPABLE_TEXT;
TEXT_ONLY[id('textarea')] = ESCAPABLE_TEXT;
TEXT_ONLY[id('script')] = UNREAD_TEXT;
TEXT_ONLY[id('style')] = UNREAD_TEXT;
for (const name of svgAdjusted) SVG_CASED[id(name.toLowerCase())] = id(name);
for (const name of optionalEndNames) OPTIONAL_END[id(name)] = 1;
for (const name of htmlClosesPNames) HTML_CLOSES_P[id(name)] = 1;
for (const [namespace, names] of pScopeNames) for (const name of names) P_SCOPE[id(name)] = namespace;
for (const name of breakoutNames) BREAKS_OUT[id(name)] = 1;

export const FORM = id('form');
export const P = id('p');
export const BR = id('br');
export const IMAGE = id('image');
export const IMG = id('img');
