/**
 * How htmlparser2's `Parser` shapes the tree (text rule 0): which elements are
 * void, which start tags close open elements implicitly, and where foreign
 * (SVG, MathML) content begins and ends. One lookup gives all of it.
 */

export interface TreeInfo {
  /** Has no content and no end tag. */
  readonly isVoid: boolean;
  /** Open elements that this start tag closes while they are on top of the stack. */
  readonly closes: ReadonlySet<string> | null;
  /** Starts foreign content (`svg`, `math`) or an HTML integration point inside it. */
  readonly foreign: ForeignContext | null;
}

export const enum ForeignContext {
  Html,
  Svg,
  MathMl,
}

const pTag = new Set(['p']);
const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const formTags = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const tableSectionTags = new Set(['thead', 'tbody']);
const ddtTags = new Set(['dd', 'dt']);
const rtpTags = new Set(['rt', 'rp']);

const closesByTag: Record<string, ReadonlySet<string>> = {
  tr: new Set(['tr', 'th', 'td']),
  th: new Set(['th']),
  td: new Set(['thead', 'th', 'td']),
  body: new Set(['head', 'link', 'script']),
  a: new Set(['a']),
  li: new Set(['li']),
  p: pTag,
  h1: headingTags,
  h2: headingTags,
  h3: headingTags,
  h4: headingTags,
  h5: headingTags,
  h6: headingTags,
  select: formTags,
  input: formTags,
  output: formTags,
  button: formTags,
  datalist: formTags,
  textarea: formTags,
  option: new Set(['option']),
  optgroup: new Set(['optgroup', 'option']),
  dd: ddtTags,
  dt: ddtTags,
  rt: rtpTags,
  rp: rtpTags,
  tbody: tableSectionTags,
  tfoot: tableSectionTags,
};
for (const name of [
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul',
]) {
  closesByTag[name] = pTag;
}

const voidTags = [
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex',
  'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
];

/** Integration points, lower-cased (`foreignObject` is compared lower-cased throughout). */
const integrationTags = ['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title'];

const TRANSPARENT: TreeInfo = { isVoid: false, closes: null, foreign: null };

const table = new Map<string, TreeInfo>();
function define(name: string, patch: Partial<TreeInfo>): void {
  table.set(name, { ...(table.get(name) ?? TRANSPARENT), ...patch });
}
for (const [name, closes] of Object.entries(closesByTag)) define(name, { closes });
for (const name of voidTags) define(name, { isVoid: true });
for (const name of integrationTags) define(name, { foreign: ForeignContext.Html });
define('svg', { foreign: ForeignContext.Svg });
define('math', { foreign: ForeignContext.MathMl });

export function treeInfo(name: string): TreeInfo {
  return table.get(name) ?? TRANSPARENT;
}

/** End tags that may be left out: open ones at the end of the body are not worth a diagnostic. */
export const OPTIONAL_END_TAGS: ReadonlySet<string> = new Set([
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'colgroup',
  'caption', 'rt', 'rp', 'html', 'head', 'body',
]);

/** HTML element names, recognized in place by the tokens stage (any other name is sliced and lower-cased). */
export const ELEMENT_NAMES: readonly string[] = [
  'a', 'abbr', 'address', 'area', 'article', 'aside', 'audio', 'b', 'base', 'bdi', 'bdo', 'blockquote', 'body',
  'br', 'button', 'canvas', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'data', 'datalist', 'dd',
  'del', 'details', 'dfn', 'dialog', 'div', 'dl', 'dt', 'em', 'embed', 'fieldset', 'figcaption', 'figure',
  'font', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'i',
  'iframe', 'img', 'image', 'input', 'ins', 'kbd', 'label', 'legend', 'li', 'link', 'main', 'mark', 'math',
  'meta', 'nav', 'noscript', 'object', 'ol', 'optgroup', 'option', 'output', 'p', 'param', 'picture', 'pre',
  'q', 's', 'samp', 'script', 'section', 'select', 'small', 'source', 'span', 'strong', 'style', 'sub',
  'summary', 'sup', 'svg', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'time',
  'title', 'tr', 'track', 'tt', 'u', 'ul', 'var', 'video', 'wbr',
];
