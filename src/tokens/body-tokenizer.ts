import { decodeHTML, decodeHTMLAttribute } from 'entities';
import type { QuoteType, Tokenizer, TokenizerCallbacks } from 'htmlparser2';
import type { SourcePosition } from '../errors.js';
import type { DiagnosticReporter } from '../diagnostics.js';
import type { Locator } from '../input/locator.js';
import { createStack, depth, entryAt, narrowsCopies, ownCopy, peek, pop, push, SkippingTokenizer, type Stack } from '../text/speed.js';
import { lineFeeds, makeSafe } from '../text/whitespace.js';
import {
  BR,
  BREAKS_OUT,
  CLOSE_GROUP,
  CLOSED_BY,
  ELEMENT_NAMES,
  ESCAPABLE_TEXT,
  FOREIGN,
  FORM,
  Foreign,
  HTML_CLOSES_P,
  IMAGE,
  IMG,
  IS_VOID,
  OPTIONAL_END,
  P,
  P_SCOPE,
  RAW_TEXT,
  READABLE_NAMES,
  SVG_CASED,
  TEXT_ONLY,
  UNKNOWN,
  UNREAD_TEXT,
} from './elements.js';
import { createNameMatcher, type NameMatcher } from './name-matcher.js';

/**
 * The body-tokens stage. htmlparser2's `Tokenizer` reads the HTML and reports
 * index ranges; this stage turns them into a well-nested stream of elements
 * and text, shaped exactly as htmlparser2's `Parser` shapes its tree (implied
 * end tags, void elements, lower-cased names, SVG-cased names inside `<svg>`,
 * `</p>` and `</br>` repairs, foreign content), so every `open` gets its
 * `close`. test/tokens.test.ts holds the stream to `Parser`'s, and lists the
 * deliberate differences.
 *
 * It allocates only what is read: text, unknown tag names, and the values of
 * the wanted attributes; known names are recognized in place and tree rules
 * are table lookups by element id.
 *
 * The tokenizer runs without entity decoding, which lets it skip through
 * text instead of stepping through it; entities are decoded here, by the
 * same decoder and mode the tokenizer would use, once a text run or an
 * attribute value is complete (so an entity split between chunks decodes
 * whole). Raw text (`<script>`, `<style>`, `<xmp>`, `<iframe>`, `<noembed>`,
 * `<noframes>`, `<plaintext>` outside foreign content) is never decoded.
 *
 * What it hands on are copies (`ownCopy`), not views of the input: a view
 * would keep its whole chunk alive for as long as the Article.
 *
 * Streaming memory: input chunks are kept only while a pending token still
 * needs their text. What is never read is not kept: comments, declarations,
 * bogus comments, the tail of an end tag, and everything inside an element
 * the sink drops (raw text included), however long.
 */

/**
 * The wanted attributes of one element, by lower-case name. Only wanted names
 * are ever keys. Values are decoded and safe: NUL and lone surrogates are U+FFFD.
 */
export type Attributes = Record<string, string>;

/** What {@link TokenSink.openElement} returns for an element it keeps but whose content it does not read. */
export const CONTENT_UNREAD = 'content unread';

/** What {@link TokenSink.openElement} returns for an element it has taken as it opened (an `<iframe>`) and whose content is dropped. */
export const CONTENT_DROPPED = 'content dropped';

/** What {@link TokenSink.openElement} answers: `true` (dropped), {@link CONTENT_UNREAD}, {@link CONTENT_DROPPED}, or nothing (kept). */
export type OpenAnswer = boolean | void | typeof CONTENT_UNREAD | typeof CONTENT_DROPPED;

export interface TokenSink {
  /**
   * An element starts; `offset` is where its `<` stands in the input (it stays valid for
   * diagnostics at any later time). Return `true` to drop the element with everything inside it:
   * nothing inside it is reported, and no `closeElement` follows for it; its content is not kept.
   * Return {@link CONTENT_UNREAD} when the element is kept but the sink reads nothing of what it
   * holds but some elements (`<video>` and its `<source>`s): all is reported as usual, and an
   * element left open at the end of the body says it held all that followed it.
   * Return {@link CONTENT_DROPPED} for an element taken as it opened whose content is dropped: it
   * is then as a dropped element, and one left open at the end of the body is not called dropped.
   */
  openElement(name: string, attributes: Attributes | null, offset: number): OpenAnswer;
  /** The element last opened (and kept) and not yet closed ends. */
  closeElement(name: string): void;
  /** Decoded text, in pieces of any size. */
  text(value: string): void;
  /**
   * Markup that is neither an element nor text stood here, complete: a comment (or what HTML
   * reads as one), a declaration, a processing instruction, an end tag that closes nothing. Not
   * reported inside dropped content.
   */
  markup?(): void;
}

export interface BodyTokenizerOptions {
  /** The attributes to capture. A name reported as one of `flags` is captured with an empty value. */
  attributes: NameMatcher;
  flags: ReadonlySet<string>;
  /** Offset of the body's first character in the input. */
  offset: number;
  locator: Locator;
  diagnostics: DiagnosticReporter;
}

export interface BodyTokenizer {
  write(text: string): void;
  end(): void;
  /** Line and column of an offset given to `openElement`, or at or after the start of the latest token. */
  position(offset: number): SourcePosition;
}

const TAG_NAMES = createNameMatcher(ELEMENT_NAMES.slice(0, READABLE_NAMES));

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const EXCLAMATION_MARK = 0x21;
const QUESTION_MARK = 0x3f;
const SLASH = 0x2f;
const OPENING_BRACKET = 0x5b;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;
const CASE_BIT = 0x20;
const AMPERSAND = '&';
const AMPERSAND_CODE = 0x26;
const CARRIAGE_RETURN = 0x0d;
const CR = '\r';
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const NUMBER_SIGN = 0x23;
const LINE_FEED = '\n';
/** What the tokenizer reports of an unclosed CDATA section before its text, and the markup before that. */
const CDATA_OPENER = '[CDATA[';
const CDATA_START = '<!';

/** No start tag is being read, or the one being read is ignored (a second `<form>`). */
const NO_TAG = -1;
/** The longest end-tag start the tokenizer may still be matching at the end of a chunk in raw text (`</noframes`), and then some. */
const END_TAG_LOOKBEHIND = 16;
/** Drop the chunks consumed so far in one go once this many are. */
const COMPACT_AFTER = 64;
/** Up to this depth, whether an element is open is found by searching the stack; deeper, by counts. */
const SCANNED_DEPTH = 24;
/** Names quoted in messages are cut to this many characters. */
const QUOTED_NAME_LENGTH = 40;

export function createBodyTokenizer(sink: TokenSink, options: BodyTokenizerOptions): BodyTokenizer {
  return new BodyTokens(sink, options);
}

/**
 * The stage's state and the tokenizer's callbacks, in one object made once per parse (its
 * functions are shared by every parse: bench/README.md, "The fixed cost per seed").
 */
class BodyTokens implements BodyTokenizer, TokenizerCallbacks {
  private readonly sink: TokenSink;
  private readonly locator: Locator;
  private readonly diagnostics: DiagnosticReporter;
  private readonly bodyOffset: number;
  private readonly wanted: NameMatcher;
  private readonly flags: ReadonlySet<string>;
  private readonly tokenizer: Tokenizer;

  // The input: chunks still needed (from `head` on), with their body offsets. The newest chunk
  // is `last`, also while no pending token needs it.
  private readonly chunks: string[] = [];
  private readonly chunkStarts: number[] = [];
  private head = 0;
  private last = '';
  /** Whether copies of text cut from the last chunk are narrowed (`ownCopy`, `narrowsCopies`). */
  private narrow = false;
  private lastOffset = 0;
  private written = 0;

  // What the pending token may still need, as the tokenizer's events tell it.
  /** Where the construct being read starts: every event so far ended at or before it. */
  private consumed = 0;
  /** Equal to `consumed` while the construct being read is never read back (a comment-like one). */
  private skipFrom = -1;
  /** Equal to `consumed` while the tokenizer skips the rest of an end tag up to its `>`. */
  private endTagTail = -1;
  /** Equal to `consumed` once the construct that starts there is known to be read back. */
  private keepFrom = -1;
  /** Between a start tag's name and its end. */
  private inStartTag = false;
  /** The input has ended: the tokenizer reports what it still holds. */
  private ending = false;
  /** The length of a comment cut off by the end of the input (from its `<`), once the tokenizer reports one; else -1. */
  private commentCutOff = -1;

  // Lines: the locator has counted the line feeds before `scanned`; offsets before `lineLimit`
  // are on a line it keeps.
  private scanned = 0;
  private lineLimit = 0;

  // Open elements, innermost last (stacks that grow by chunks: hostile input nests a million deep).
  private readonly ids: Stack<number> = createStack();
  private readonly names: Stack<string> = createStack();
  /**
   * How many elements of each id (and each unknown name) are open, once the stack has been deeper
   * than {@link SCANNED_DEPTH}; until then (most documents) the stack itself is searched.
   */
  private openCounts: Int32Array | null = null;
  private unknownCounts: Map<string, number> | null = null;
  /** Parser's foreign-context stack: what each foreign or integration element started. */
  private readonly foreign: Foreign[] = [Foreign.Html];
  private foreignTop: Foreign = Foreign.Html;
  /** The stack depth of the element the sink dropped, while it is open; 0 when none is. */
  private dropLevel = 0;
  /** Whether the element at {@link dropLevel} was taken by the sink as it opened ({@link CONTENT_DROPPED}), its content alone dropped. */
  private dropTaken = false;
  /** The stack depth of the outermost open element whose content the sink does not read ({@link CONTENT_UNREAD}); 0 when none is. */
  private unreadLevel = 0;
  /**
   * Ranges of stack depths (first, last; pairs, innermost range last) whose elements the sink
   * never heard of, though it hears of what follows them: a dropped `<p>` that HTML has ended,
   * with what was open inside it (`endsDroppedParagraph`, `finishStartTag`). Their ends are not reported.
   */
  private readonly silent: number[] = [];
  /**
   * While an element is dropped: the depths of the open elements above it that bound the scope of
   * a `<p>` in their namespace, and of the `<svg>` and `<math>` elements above it (innermost
   * last). Kept as elements open and close, so that a start tag asks in constant time whether it
   * ends a dropped `<p>` (a walk down the stack each time made a body of such tags quadratic).
   */
  private readonly scopesAbove: number[] = [];
  private readonly foreignAbove: number[] = [];
  /** The start tag being read ends the dropped `<p>` once it is complete: the depth of the stack before it. */
  private endsDropAt = 0;
  /** Inside an element whose content the tokenizer reads as text: its `TEXT_ONLY` value, else 0. */
  private textOnly = 0;

  // The tag name just read.
  private nameId = UNKNOWN;
  private nameText = '';

  // The start tag being read.
  private tagId = NO_TAG;
  private tagName = '';
  private tagStart = 0;
  /** The start tag pushed its element, which is open but not yet reported. */
  private tagPushed = false;
  private capturing = false;
  private attributes: Attributes | null = null;
  private attributeName: string | null = null;
  private attributeValue = '';

  // The text run being read: text events up to the next markup.
  private run = '';
  /** How the run decodes: 0 as text, else as the `TEXT_ONLY` content it is. */
  private runMode = 0;
  /** Where the run's last `&` stands, or -1. */
  private runAmpersand = -1;
  /** Whether the characters after the run's last `&` already end any reference it starts. */
  private runReferenceEnded = false;
  /** The element whose content is the run, when it is escapable text (`<title>`, `<textarea>`). */
  private runElement = '';

  constructor(sink: TokenSink, options: BodyTokenizerOptions) {
    this.sink = sink;
    this.locator = options.locator;
    this.diagnostics = options.diagnostics;
    this.bodyOffset = options.offset;
    this.wanted = options.attributes;
    this.flags = options.flags;
    this.tokenizer = new SkippingTokenizer({ decodeEntities: false }, this);
  }

  // --- the stage's interface ------------------------------------------------

  write(text: string): void {
    if (text.length === 0) return;
    this.last = text;
    this.lastOffset = this.written;
    this.chunks.push(text);
    this.chunkStarts.push(this.written);
    this.written += text.length;
    this.narrow = narrowsCopies(text, this.written);
    this.tokenizer.write(text);
    this.flushSettledText();
    this.release();
  }

  end(): void {
    this.ending = true;
    this.tokenizer.end();
  }

  position(offset: number): SourcePosition {
    this.advanceTo(offset - this.bodyOffset);
    return this.locator.position(offset);
  }

  // --- the input ------------------------------------------------------------

  /** The index of the held chunk that holds `offset` (which is in a held chunk). */
  private chunkAt(offset: number): number {
    const chunkStarts = this.chunkStarts;
    let low = this.head;
    let high = this.chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((chunkStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private slice(start: number, end: number): string {
    const lastOffset = this.lastOffset;
    if (start >= lastOffset) return this.last.slice(start - lastOffset, end - lastOffset);
    const { chunks, chunkStarts } = this;
    let result = '';
    for (let index = this.chunkAt(start); index < chunks.length; index++) {
      const chunkStart = chunkStarts[index] as number;
      if (chunkStart >= end) break;
      const chunk = chunks[index] as string;
      result += chunk.slice(Math.max(start - chunkStart, 0), Math.min(end - chunkStart, chunk.length));
    }
    return result;
  }

  /** Whether the text at `offset` (before the end of the input) is in a chunk still held. */
  private isHeld(offset: number): boolean {
    return offset >= this.lastOffset || (this.head < this.chunks.length && offset >= (this.chunkStarts[this.head] as number));
  }

  private codeAt(offset: number): number {
    if (offset >= this.lastOffset) return this.last.charCodeAt(offset - this.lastOffset);
    const index = this.chunkAt(offset);
    return (this.chunks[index] as string).charCodeAt(offset - (this.chunkStarts[index] as number));
  }

  /**
   * Counts the line feeds up to `offset` (which is in a chunk still held, or the newest). Returns
   * the body index of the next line feed in the newest chunk, when `offset` is in it, else -1.
   */
  private advanceTo(offset: number): number {
    if (offset <= this.scanned) return -1;
    const { locator, bodyOffset, chunks, chunkStarts, lastOffset } = this;
    let next = -1;
    if (this.scanned >= lastOffset) {
      next = locator.advance(this.last, bodyOffset + lastOffset, bodyOffset + offset);
    } else {
      for (let index = this.chunkAt(this.scanned); index < chunks.length && (chunkStarts[index] as number) < offset; index++) {
        next = locator.advance(chunks[index] as string, bodyOffset + (chunkStarts[index] as number), bodyOffset + offset);
      }
    }
    this.scanned = offset;
    return next === -1 || offset < lastOffset ? -1 : next - bodyOffset;
  }

  /** Keeps the line of `offset` (a `<` being read), so that its position can be asked later. */
  private keepLineOf(offset: number): void {
    if (offset < this.lineLimit) return;
    const next = this.advanceTo(offset);
    this.locator.keepLine();
    // No line feed between `offset` and the limit: every offset before it is on the kept line.
    if (next !== -1) this.lineLimit = next + 1;
    else if (offset >= this.lastOffset && offset === this.scanned && this.last.indexOf(LINE_FEED, offset - this.lastOffset) === -1) {
      this.lineLimit = this.written;
    } else this.lineLimit = offset + 1;
  }

  /** Where the text still needed starts, once the tokenizer has read everything written. */
  private neededFrom(): number {
    const written = this.written;
    if (this.skipFrom === this.consumed) return written;
    if (this.endTagTail === this.consumed) {
      // The tokenizer skips to the `>`; it stands in the newest chunk or later.
      const found = this.last.indexOf('>', this.consumed - this.lastOffset);
      if (found === -1) {
        this.consumed = written;
        this.endTagTail = written;
        return written;
      }
      this.consumed = this.lastOffset + found + 1;
    }
    const consumed = this.consumed;
    if (consumed >= written) return written;
    if (this.keepFrom === consumed) return consumed;
    if (this.textOnly !== 0) {
      // Text not reported: only the end tag the tokenizer may be matching is read back.
      return this.dropLevel === 0 && this.textOnly !== UNREAD_TEXT ? consumed : Math.max(consumed, written - END_TAG_LOOKBEHIND);
    }
    if (!this.inStartTag && consumed + 1 < written && this.codeAt(consumed) === LESS_THAN) {
      const next = this.codeAt(consumed + 1);
      const third = consumed + 2 < written ? this.codeAt(consumed + 2) : -1;
      const commentLike =
        next === QUESTION_MARK ||
        (next === EXCLAMATION_MARK && (this.foreignTop === Foreign.Html || (third !== -1 && third !== OPENING_BRACKET))) ||
        (next === SLASH && third !== -1 && third !== GREATER_THAN && !isAsciiAlpha(third));
      if (commentLike) {
        this.skipFrom = consumed;
        return written;
      }
      // Known from three characters on; before, look again at the next chunk.
      if (third !== -1) this.keepFrom = consumed;
    }
    return consumed;
  }

  /** Forgets the chunks no pending token needs, once their line feeds are counted. */
  private release(): void {
    const needed = this.neededFrom();
    const { chunks, chunkStarts } = this;
    while (this.head < chunks.length) {
      const chunk = chunks[this.head] as string;
      const end = (chunkStarts[this.head] as number) + chunk.length;
      if (end > needed) break;
      if (this.scanned < end) {
        this.locator.advance(chunk, this.bodyOffset + (chunkStarts[this.head] as number), this.bodyOffset + end);
        this.scanned = end;
      }
      chunks[this.head] = '';
      this.head++;
    }
    if (this.head >= COMPACT_AFTER && this.head * 2 >= chunks.length) {
      chunks.splice(0, this.head);
      chunkStarts.splice(0, this.head);
      this.head = 0;
    }
  }

  // --- the tree -------------------------------------------------------------

  /** Reads a tag name into `nameId` and `nameText`, as Parser's `readTagName` names it. */
  private readTagName(start: number, end: number): void {
    const lastOffset = this.lastOffset;
    let id = start >= lastOffset ? TAG_NAMES.find(this.last, start - lastOffset, end - lastOffset) : -1;
    let name = '';
    if (id === -1) {
      // Unlisted, or spanning chunks: lower-cased as Parser does (String#toLowerCase), then looked up.
      name = this.slice(start, end).toLowerCase();
      id = TAG_NAMES.find(name, 0, name.length);
      if (id === -1) id = UNKNOWN;
    }
    if (this.foreignTop === Foreign.Svg) {
      if (SVG_CASED[id] !== 0) id = SVG_CASED[id] as number;
    } else if (this.foreign.length > 1 && SVG_CASED[id] !== 0 && this.isOpen(SVG_CASED[id] as number, '')) {
      // The end tag of an SVG element from inside an integration point in it (`</foreignObject>`).
      id = SVG_CASED[id] as number;
    } else if (id === IMAGE && this.foreignTop === Foreign.Html) {
      id = IMG;
    }
    this.nameId = id;
    this.nameText = id === UNKNOWN ? name : (ELEMENT_NAMES[id] as string);
  }

  private isOpen(id: number, name: string): boolean {
    const openCounts = this.openCounts;
    // Not deeper than SCANNED_DEPTH: the whole stack is in its top chunk.
    if (openCounts === null) return id === UNKNOWN ? this.names.top.lastIndexOf(name) !== -1 : this.ids.top.lastIndexOf(id) !== -1;
    return id === UNKNOWN ? ((this.unknownCounts as Map<string, number>).get(name) ?? 0) > 0 : (openCounts[id] as number) > 0;
  }

  private count(id: number, name: string, change: number): void {
    if (id === UNKNOWN) {
      const counts = this.unknownCounts as Map<string, number>;
      counts.set(name, (counts.get(name) ?? 0) + change);
    } else {
      const counts = this.openCounts as Int32Array;
      counts[id] = (counts[id] as number) + change;
    }
  }

  private startCounting(): void {
    this.openCounts = new Int32Array(ELEMENT_NAMES.length);
    this.unknownCounts = new Map();
    for (let index = 0; index < depth(this.ids); index++) this.count(entryAt(this.ids, index), entryAt(this.names, index), 1);
  }

  private push(id: number, name: string): void {
    push(this.ids, id);
    push(this.names, name);
    if (this.openCounts !== null) this.count(id, name, 1);
    else if (this.ids.top.length > SCANNED_DEPTH) this.startCounting();
    if (this.dropLevel !== 0) this.noteAboveDrop(id);
    const starts = FOREIGN[id] as Foreign;
    if (starts !== Foreign.None) {
      this.foreign.push(starts);
      this.foreignTop = starts;
    }
  }

  /** Closes the innermost element; `report`: tell the sink (unless it dropped the element). */
  private pop(report: boolean): void {
    const id = pop(this.ids) as number;
    const name = pop(this.names) as string;
    if (this.openCounts !== null) this.count(id, name, -1);
    if (FOREIGN[id] !== Foreign.None) {
      this.foreign.pop();
      this.foreignTop = this.foreign[this.foreign.length - 1] as Foreign;
    }
    this.textOnly = 0;
    if (this.unreadLevel > depth(this.ids)) this.unreadLevel = 0;
    if (this.dropLevel !== 0) {
      const open = depth(this.ids);
      if (open < this.dropLevel) this.endDrop();
      else this.forgetAboveDrop(open);
    } else if (this.silent.length === 0 || !this.closedSilently()) {
      if (report) this.sink.closeElement(name);
    }
  }

  /** Whether the element just closed was one the sink never heard of (`silent`), which it then forgets. */
  private closedSilently(): boolean {
    const { silent } = this;
    const level = depth(this.ids) + 1;
    if (level > (silent[silent.length - 1] as number)) return false;
    if (level === silent[silent.length - 2]) silent.length -= 2;
    else silent[silent.length - 1] = level - 1;
    return true;
  }

  private beginStartTag(id: number, name: string, start: number): void {
    this.tagStart = start;
    this.attributes = null;
    this.tagPushed = false;
    this.capturing = false;
    // A second <form> while one is open is ignored, with its attributes.
    if (id === FORM && this.isOpen(FORM, '')) {
      this.tagId = NO_TAG;
      this.markup();
      return;
    }
    // Whether the tokenizer reads the content as text was decided before this tag's implied ends.
    const foreignAtTag = this.foreignTop;
    this.tagId = id;
    this.tagName = name;
    const group = CLOSE_GROUP[id] as number;
    if (group !== -1) {
      const closed = CLOSED_BY[group] as Uint8Array;
      let innermost = peek(this.ids);
      while (innermost !== undefined && closed[innermost] === 1) {
        this.pop(true);
        innermost = peek(this.ids);
      }
    }
    this.endsDropAt = this.dropLevel !== 0 && HTML_CLOSES_P[id] === 1 && this.endsDroppedParagraph(id) ? depth(this.ids) : 0;
    if (IS_VOID[id] === 0) {
      this.push(id, name);
      this.tagPushed = true;
      if (foreignAtTag === Foreign.Html && TEXT_ONLY[id] !== 0) this.textOnly = TEXT_ONLY[id] as number;
    }
    if (this.dropLevel === 0 || this.endsDropAt !== 0) {
      this.capturing = true;
      this.keepLineOf(start);
    }
  }

  /**
   * Rule 6 drops a `<p>` with what it holds, and the tree of rule 0 keeps more in a `<p>` than
   * HTML does: at a start tag that ends a paragraph in HTML (and no element that bounds its scope
   * stands between), the drop of a `<p>` ends, and what follows is read. It ends when that tag is
   * complete (one cut off by the end of the input is no element, rule 0). The tree stays the one
   * of rule 0: the `<p>` and what is open inside it stay open, unheard of by the sink (`silent`).
   */
  private endsDroppedParagraph(id: number): boolean {
    if (entryAt(this.ids, this.dropLevel - 1) !== P || this.scopesAbove.length > 0) return false;
    // Inside <svg> or <math>, only a tag that leaves foreign content reaches the paragraph.
    return this.foreignAbove.length === 0 || BREAKS_OUT[id] === 1;
  }

  /** An element opens above the dropped one: note it if it bounds a `<p>`'s scope in its namespace, or is foreign content. */
  private noteAboveDrop(id: number): void {
    const open = depth(this.ids);
    if (FOREIGN[id] === Foreign.Svg || FOREIGN[id] === Foreign.MathMl) {
      this.foreignAbove.push(open);
      return;
    }
    // Pushed, not yet counted in `foreign`: the namespace it stands in is the one around it.
    if (P_SCOPE[id] !== Foreign.None && P_SCOPE[id] === this.foreignTop) this.scopesAbove.push(open);
  }

  /** Elements above the dropped one closed, down to `open`. */
  private forgetAboveDrop(open: number): void {
    const { scopesAbove, foreignAbove } = this;
    while (scopesAbove.length > 0 && (scopesAbove[scopesAbove.length - 1] as number) > open) scopesAbove.pop();
    while (foreignAbove.length > 0 && (foreignAbove[foreignAbove.length - 1] as number) > open) foreignAbove.pop();
  }

  private endDrop(): void {
    this.dropLevel = 0;
    this.scopesAbove.length = 0;
    this.foreignAbove.length = 0;
  }

  /** The start tag ends: the sink hears of it (and of its end, when void). */
  private finishStartTag(): void {
    this.inStartTag = false;
    if (this.tagId === NO_TAG) return;
    const id = this.tagId;
    this.tagId = NO_TAG;
    this.tagPushed = false;
    if (this.endsDropAt !== 0) {
      this.silent.push(this.dropLevel, this.endsDropAt);
      this.endsDropAt = 0;
      this.endDrop();
    }
    if (this.dropLevel !== 0) return;
    const answer = this.sink.openElement(this.tagName, this.attributes, this.bodyOffset + this.tagStart);
    const dropped = answer === true || answer === CONTENT_DROPPED;
    this.attributes = null;
    if (IS_VOID[id] !== 0) {
      if (!dropped) this.sink.closeElement(this.tagName);
    } else if (dropped) {
      this.dropLevel = depth(this.ids);
      this.dropTaken = answer === CONTENT_DROPPED;
    } else if (answer === CONTENT_UNREAD && this.unreadLevel === 0) {
      this.unreadLevel = depth(this.ids);
    }
  }

  /** A self-closing tag in foreign content closes itself. */
  private closeStartTag(): void {
    const pushed = this.tagPushed;
    this.finishStartTag();
    if (pushed) this.pop(true);
  }

  private endTag(id: number, name: string, start: number): void {
    if (IS_VOID[id] !== 0) {
      if (id === BR && this.dropLevel === 0) {
        this.keepLineOf(start);
        if (this.sink.openElement(name, null, this.bodyOffset + start) !== true) this.sink.closeElement(name);
      } else {
        this.markup();
      }
      return;
    }
    if (this.isOpen(id, name)) {
      if (id === UNKNOWN) {
        while (peek(this.names) !== name) this.pop(true);
      } else {
        while (peek(this.ids) !== id) this.pop(true);
      }
      this.pop(true);
    } else if (id === P) {
      this.beginStartTag(P, name, start);
      this.closeStartTag();
    } else {
      this.markup();
      this.diagnostics.report(
        'UNMATCHED_END_TAG',
        `Ignored the end tag </${quoted(name)}>: no <${quoted(name)}> is open`,
        'info',
        this.bodyOffset + start,
      );
    }
  }

  private flushRun(): void {
    if (this.run === '') return;
    // As HTML reads its input before any markup: CR LF and a lone CR are one line feed (a CR
    // that ends a chunk waits for the next character, flushSettledText), so markup between a CR
    // and a line feed leaves two line breaks, and `&#13;` stays a CR.
    const run = lineFeeds(this.run);
    const runMode = this.runMode;
    const text = runMode === RAW_TEXT || this.runAmpersand === -1 ? run : runMode === 0 ? decodeHTML(run) : decodeTextOnly(run, this.runElement);
    this.run = '';
    this.runAmpersand = -1;
    this.sink.text(ownCopy(text, this.narrow));
  }

  private appendToRun(piece: string): void {
    // Most text holds no `&`: one forward search (faster than `lastIndexOf`) tells.
    const ampersand = piece.indexOf(AMPERSAND) === -1 ? -1 : piece.lastIndexOf(AMPERSAND);
    if (ampersand !== -1) {
      this.runAmpersand = this.run.length + ampersand;
      this.runReferenceEnded = endsReference(piece, ampersand + 1);
    } else if (this.runAmpersand !== -1 && !this.runReferenceEnded) {
      this.runReferenceEnded = endsReference(piece, 0);
    }
    this.run = this.run === '' ? piece : this.run + piece;
  }

  /**
   * At the end of a chunk, hands on the part of the text run that no later character can change,
   * so that a long run is not held: all of it, unless a character reference may still continue
   * (after the last `&`, only characters that a reference may hold). The text of `<title>` and
   * `<textarea>` decodes as a whole.
   */
  private flushSettledText(): void {
    if (this.run === '' || this.runMode === ESCAPABLE_TEXT) return;
    if (this.runAmpersand === -1 || this.runReferenceEnded || this.runMode === RAW_TEXT) {
      const run = this.run;
      if (run.charCodeAt(run.length - 1) !== CARRIAGE_RETURN) {
        this.flushRun();
      } else {
        // A line feed may come next: the CR waits for it.
        this.run = run.slice(0, -1);
        this.flushRun();
        this.run = CR;
      }
    } else if (this.runAmpersand > 0) {
      const settled = lineFeeds(this.run.slice(0, this.runAmpersand));
      this.run = this.run.slice(this.runAmpersand);
      this.runAmpersand = 0;
      this.sink.text(ownCopy(settled.indexOf(AMPERSAND) === -1 ? settled : decodeHTML(settled), this.narrow));
    }
  }

  private matchSpanning(start: number, end: number): string | null {
    const name = this.slice(start, end);
    return this.wanted.match(name, 0, name.length);
  }

  // --- the tokenizer's events -----------------------------------------------

  ontext(start: number, end: number): void {
    // At the end of the input inside an end tag (`</a x`) or after a `/` (`<br/`), the tokenizer
    // reports the unfinished markup as text from index -1. That markup is not text: drop it.
    if (start < 0) return;
    // At the end of the input inside a start tag's name that may still become a raw-text element's
    // (`<p` of `<plaintext>`, `<i` of `<iframe>`, `<s` of `<script>`), the tokenizer reports the
    // name as text from after its `<` (empty end tags `</>` may stand before it, which make no
    // event): it is a tag cut off in its name, dropped and told (rule 0).
    if (this.ending && end === this.written && start > this.consumed && this.codeAt(start - 1) === LESS_THAN && this.afterEmptyEndTags(this.consumed, start - 1) === start - 1) return;
    // Markup that makes no event (`</>`) stood between this text and the run: a reference cannot span it.
    if (start !== this.consumed) this.flushRun();
    this.consumed = end;
    if (this.dropLevel !== 0 || this.textOnly === UNREAD_TEXT) return;
    if (this.run === '') {
      this.runMode = this.textOnly;
      if (this.textOnly === ESCAPABLE_TEXT) this.runElement = peek(this.names) as string;
    }
    this.appendToRun(this.slice(start, end));
  }

  ontextentity(): void {
    // Not called: the tokenizer does not decode.
  }

  onopentagname(start: number, end: number): void {
    this.flushRun();
    this.readTagName(start, end);
    this.beginStartTag(this.nameId, this.nameText, start - 1);
    this.consumed = end;
    this.inStartTag = true;
  }

  onopentagend(end: number): void {
    this.finishStartTag();
    this.consumed = end + 1;
  }

  onselfclosingtag(end: number): void {
    if (this.foreignTop !== Foreign.Html) this.closeStartTag();
    else this.finishStartTag();
    this.consumed = end + 1;
  }

  onclosetag(start: number, end: number): void {
    this.flushRun();
    this.readTagName(start, end);
    this.endTag(this.nameId, this.nameText, start - 2);
    if (this.codeAt(end) === GREATER_THAN) {
      this.consumed = end + 1;
    } else {
      this.consumed = end;
      this.endTagTail = end;
    }
  }

  onattribname(start: number, end: number): void {
    this.consumed = end;
    if (!this.capturing) return;
    const lastOffset = this.lastOffset;
    this.attributeName = start >= lastOffset ? this.wanted.match(this.last, start - lastOffset, end - lastOffset) : this.matchSpanning(start, end);
  }

  onattribdata(start: number, end: number): void {
    this.consumed = end;
    if (this.attributeName !== null) this.attributeValue += this.slice(start, end);
  }

  onattribentity(): void {
    // Not called: the tokenizer does not decode.
  }

  onattribend(_quote: QuoteType, end: number): void {
    this.consumed = end;
    const name = this.attributeName;
    if (name === null) return;
    const attributes = (this.attributes ??= {});
    if (!Object.hasOwn(attributes, name)) {
      // Line endings as HTML reads them (rule 1), before decoding: `&#13;` stays a CR, as there.
      const value = lineFeeds(this.attributeValue);
      attributes[name] = this.flags.has(name) ? '' : ownCopy(makeSafe(value.indexOf(AMPERSAND) === -1 ? value : decodeHTMLAttribute(value)), this.narrow);
    }
    this.attributeName = null;
    this.attributeValue = '';
  }

  oncomment(start: number, end: number): void {
    this.flushRun();
    // A complete comment ends before its `>`; one cut off by the end of the input, at the end.
    if (end === this.written) this.cutOffComment(start, end);
    else this.markup();
    this.consumed = end + 1;
  }

  /** Tells the sink of markup that is no element and no text (not inside dropped content). */
  private markup(): void {
    if (this.dropLevel === 0) this.sink.markup?.();
  }

  /**
   * A comment-like construct cut off by the end of the input. In foreign content an unclosed
   * `<![CDATA[` is a CDATA section to the end (the tokenizer reports it as a comment, which HTML
   * does only outside): its text is text, as a closed one's is. Anything else is dropped, and told.
   */
  private cutOffComment(start: number, end: number): void {
    const opener = start - CDATA_START.length;
    if (this.foreignTop !== Foreign.Html && this.dropLevel === 0 && opener >= 0 && this.isHeld(opener) && this.slice(opener, start + CDATA_OPENER.length) === CDATA_START + CDATA_OPENER) {
      const text = this.slice(start + CDATA_OPENER.length, end);
      if (text !== '') this.sink.text(ownCopy(text, this.narrow));
      return;
    }
    this.commentCutOff = end - this.afterEmptyEndTags(this.consumed, start);
  }

  /**
   * Where the markup after `from` starts, past any `</>` (an end tag without a name, which HTML
   * ignores and the tokenizer reports nothing of). The text of a comment-like construct is let go
   * as it is read: a `</>` is text still held.
   */
  private afterEmptyEndTags(from: number, to: number): number {
    while (from + 2 < to && this.isHeld(from) && this.codeAt(from) === LESS_THAN && this.codeAt(from + 1) === SLASH && this.codeAt(from + 2) === GREATER_THAN) from += 3;
    return from;
  }

  oncdata(start: number, end: number, endOffset: number): void {
    this.flushRun();
    if (this.dropLevel === 0) {
      if (this.foreignTop !== Foreign.Html) this.sink.text(ownCopy(this.slice(start, end - endOffset), this.narrow));
      else {
        this.droppedCdata(start, end - endOffset);
        this.markup();
      }
    }
    this.consumed = end + 1;
  }

  /**
   * In HTML a CDATA section is a comment, dropped (rules 0 and 6); one that holds anything is most
   * likely content wrapped in it by mistake (a feed's escaping kept), so its loss is told, at its
   * end: its start may be in chunks already let go, as a comment's is.
   */
  private droppedCdata(start: number, end: number): void {
    if (end <= start) return;
    this.keepLineOf(end);
    this.diagnostics.report(
      'CDATA_DROPPED',
      `Dropped a CDATA section of ${characters(end - start)} ending here: in HTML content (outside <svg> and <math>, or in an HTML integration point in them such as <foreignObject>), HTML reads it as a comment`,
      'warning',
      this.bodyOffset + end,
    );
  }

  ondeclaration(_start: number, end: number): void {
    this.flushRun();
    this.markup();
    this.consumed = end + 1;
  }

  onprocessinginstruction(_start: number, end: number): void {
    this.flushRun();
    this.markup();
    this.consumed = end + 1;
  }

  onend(): void {
    this.flushRun();
    this.reportCutOff();
    // A start tag cut off by the end of the input was never complete: it is not an element.
    if (this.tagPushed) this.pop(false);
    const { ids, names } = this;
    const open = depth(ids);
    let unclosed = 0;
    let outermost = '';
    // An element the sink dropped (or reads nothing of) counts even where its end tag may be left
    // out: all that followed it was dropped with it. The outermost one tells.
    const dropped = (this.unreadLevel !== 0 ? this.unreadLevel : this.dropLevel) - 1;
    for (let index = 0; index < open; index++) {
      if (OPTIONAL_END[entryAt(ids, index)] === 0 || index === dropped) {
        unclosed++;
        if (unclosed === 1) outermost = entryAt(names, index);
      }
    }
    if (unclosed > 0) {
      const holder = dropped >= 0 ? quoted(entryAt(names, dropped)) : '';
      const lost =
        dropped < 0
          ? ''
          : this.unreadLevel !== 0
            ? `; the <${holder}>, whose content is not read, held all that followed it`
            : this.dropTaken
              ? `; the <${holder}>, whose content is dropped, held all that followed it`
              : `; the dropped <${holder}> held all that followed it`;
      this.diagnostics.report(
        'UNCLOSED_ELEMENT',
        `Closed ${unclosed} element${unclosed === 1 ? '' : 's'} left open at the end of the body (outermost: <${quoted(outermost)}>)${lost}`,
        'info',
        this.bodyOffset + this.written,
      );
    }
    while (ids.top.length > 0) this.pop(true);
  }

  /**
   * Markup cut off by the end of the input is dropped (rule 0): a comment (and what HTML reads as
   * one), a start tag with all it holds (an attribute value left open holds all that followed its
   * quote), a tag cut off in its name. A body cut short, or markup left open, loses what it held,
   * so it is told (not inside dropped or unread content, which is lost anyway; not for the rest of an end
   * tag, which counts as complete and holds nothing), placed at the end of the body.
   */
  private reportCutOff(): void {
    if (this.dropLevel !== 0 || this.unreadLevel !== 0) return;
    const written = this.written;
    let what: string;
    let count: number;
    if (this.commentCutOff !== -1) {
      what = 'a comment (HTML reads an unclosed <![CDATA[, <! or <? as one)';
      count = this.commentCutOff;
    } else if (this.inStartTag) {
      what = `the start tag <${quoted(this.nameText)}>`;
      count = written - this.tagStart;
    } else if (this.consumed < written && this.endTagTail !== this.consumed) {
      const from = this.afterEmptyEndTags(this.consumed, written);
      if (from >= written) return;
      what = 'a tag or declaration';
      count = written - from;
    } else return;
    this.diagnostics.report('UNFINISHED_MARKUP', `The body ends inside ${what}: ${characters(count)} dropped`, 'warning', this.bodyOffset + written);
  }

  isInForeignContext(): boolean {
    return this.foreignTop !== Foreign.Html;
  }
}

function characters(count: number): string {
  return count === 1 ? '1 character' : `${count} characters`;
}

/**
 * Decodes the content of `<title>` or `<textarea>` as the tokenizer does: while it matches the
 * start of the end tag (`<`, `</`, `</t`, … compared with the case bit set), an `&` does not start
 * an entity. So `<&lt;` stays as written, where `a&lt;` decodes.
 */
function decodeTextOnly(text: string, element: string): string {
  const endTag = `</${element}`;
  let matched = 0;
  let from = 0;
  let result = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (matched === endTag.length) matched = 0;
    if ((code | CASE_BIT) === endTag.charCodeAt(matched)) {
      matched++;
    } else if (matched !== 0) {
      if (code === AMPERSAND_CODE) {
        result += decodeHTML(text.slice(from, index)) + '&';
        from = index + 1;
      }
      matched = Number(code === LESS_THAN);
    }
  }
  return from === 0 ? decodeHTML(text) : result + decodeHTML(text.slice(from));
}

/** Whether `text` holds, from `from` on, a character that no character reference continues over. */
function endsReference(text: string, from: number): boolean {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!(isAsciiAlpha(code) || (code >= DIGIT_ZERO && code <= DIGIT_NINE) || code === NUMBER_SIGN)) return true;
  }
  return false;
}

function isAsciiAlpha(code: number): boolean {
  const lower = code | CASE_BIT;
  return lower >= LOWER_A && lower <= LOWER_Z;
}

/** A name as a message quotes it: at most 40 characters (code points: a surrogate pair is never cut in two). */
function quoted(name: string): string {
  if (name.length <= QUOTED_NAME_LENGTH) return name;
  let end = 0;
  for (let count = 0; count < QUOTED_NAME_LENGTH && end < name.length; count++) {
    end += name.codePointAt(end)! > 0xffff ? 2 : 1;
  }
  return end >= name.length ? name : `${name.slice(0, end)}…`;
}
