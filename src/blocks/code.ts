import { isEdgeSpace, lineFeeds, makeSafe } from '../text/whitespace.js';
import type { Attributes } from '../tokens/body-tokenizer.js';
import { LINE_BREAK } from './joins.js';
import { endParagraph, openContainer } from './paragraph.js';
import { emit, releaseLifted } from './placement.js';
import { Frame, Mode, pushFrame, type BlockState, type CodeDraft } from './state.js';

/**
 * Rule 4: a `<pre>` is a code block, and so are HTML's other preformatted
 * elements, `<listing>`, `<xmp>` and `<plaintext>` (the last two hold raw
 * text, never decoded). Its text keeps every space and line break: entities
 * decoded, `<br>` read as a line feed, the one line feed right after `<pre>`
 * or `<listing>` dropped (as HTML does; not after `<xmp>` or `<plaintext>`),
 * line endings made line feeds, trailing white space removed. Elements inside
 * are transparent, but one that HTML shows as a block (`isBlockLike`) starts
 * a new line where it starts and where it ends, unless the text is at the
 * start of a line already; media inside follow the block. The language comes
 * from a `language-X` or `lang-X` class on the `<pre>` or a `<code>` inside it.
 *
 * Inside a heading, a list item or a quote (blocks that hold inlines), a
 * `<pre>` is a block container.
 */

const LANGUAGE_CLASS = /(?:^|[\t\n\f\r ])(?:language|lang)-([^\t\n\f\r ]+)/;

export function languageOf(attributes: Attributes | null): string | null {
  const className = attributes === null ? undefined : attributes.class;
  if (className === undefined) return null;
  const match = LANGUAGE_CLASS.exec(className);
  return match === null ? null : (match[1] as string);
}

/** The elements after whose start tag HTML drops one line feed. */
function dropsLeadingBreak(name: string): boolean {
  return name === 'pre' || name === 'listing';
}

export function openCode(state: BlockState, name: string, attributes: Attributes | null): void {
  if (state.mode !== Mode.Flow || state.quote !== null) {
    openContainer(state);
    return;
  }
  endParagraph(state);
  state.code = { pieces: [], language: languageOf(attributes), breakFrom: dropsLeadingBreak(name) ? 0 : -1 };
  pushFrame(state, Frame.Code);
  state.mode = Mode.Code;
}

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The text without the one line feed HTML drops right after `<pre>` or `<listing>` (the input's
 * CR LF and CR are line feeds already; a `&#13;` is no line feed, and stays).
 */
function withoutLeadingBreak(text: string): string {
  return text.charCodeAt(0) === LINE_FEED ? text.slice(1) : text;
}

/**
 * Drops the line break that may open the text after a `<pre>` or `<listing>` (the code block's,
 * or one nested in it), once that text is whole: at the next element or other markup (a comment
 * included: as in HTML, only a line feed that comes right after the start tag is dropped), an
 * element's end or the block's end (streamed, a CR and its LF may arrive in two pieces).
 */
export function settleLeadingBreak(code: CodeDraft): void {
  const from = code.breakFrom;
  if (from === -1) return;
  code.breakFrom = -1;
  const pieces = code.pieces;
  if (pieces.length <= from) return;
  // In place: only the pieces after `from` are read, so nested `<pre>`s in a row take linear time.
  const text = withoutLeadingBreak(pieces.slice(from).join(''));
  pieces.length = from;
  if (text !== '') pieces.push(text);
}

export function codeText(state: BlockState, value: string): void {
  if (value !== '') state.code!.pieces.push(value);
}

/** An element inside the code block: only `<br>` and a `<code>`'s language count. */
export function codeElement(state: BlockState, isBreak: boolean, isCode: boolean, attributes: Attributes | null): void {
  const code = state.code!;
  if (isBreak) code.pieces.push(LINE_BREAK);
  else if (isCode && code.language === null) code.language = languageOf(attributes);
}

/**
 * A block element starts or ends inside the code block: the text goes on on a
 * new line. Nothing is added at the start of the text or of a line, so blocks
 * in a row add no empty line (as HTML shows them).
 */
export function codeLine(state: BlockState): void {
  const code = state.code!;
  settleLeadingBreak(code);
  const pieces = code.pieces;
  const last = pieces[pieces.length - 1];
  if (last === undefined || last === '') return;
  const end = last.charCodeAt(last.length - 1);
  if (end !== LINE_FEED && end !== CARRIAGE_RETURN) pieces.push(LINE_BREAK);
}

/** A `<pre>` or another preformatted element inside the code block, on its new line: a line break right after it is dropped too. */
export function nestedCode(state: BlockState, name: string): void {
  if (dropsLeadingBreak(name)) state.code!.breakFrom = state.code!.pieces.length;
}

export function closeCode(state: BlockState): void {
  const code = state.code!;
  state.code = null;
  settleLeadingBreak(code);
  let text = lineFeeds(code.pieces.join(''));
  let end = text.length;
  while (end > 0 && isEdgeSpace(text.charCodeAt(end - 1))) end--;
  if (end > 0) emit(state, { type: 'code', text: makeSafe(end === text.length ? text : text.slice(0, end)), language: code.language }, null);
  releaseLifted(state);
}
