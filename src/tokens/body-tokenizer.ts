import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import type { SourcePosition } from '../errors.js';
import type { DiagnosticReporter } from '../diagnostics.js';
import type { Locator } from '../input/locator.js';
import { ownCopy } from '../text/speed.js';
import { makeSafe } from '../text/whitespace.js';
import {
  BR,
  CLOSE_GROUP,
  CLOSED_BY,
  ELEMENT_NAMES,
  ESCAPABLE_TEXT,
  FOREIGN,
  FORM,
  Foreign,
  IMAGE,
  IMG,
  IS_VOID,
  OPTIONAL_END,
  P,
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

export interface TokenSink {
  /**
   * An element starts; `offset` is where its `<` stands in the input (it stays valid for
   * diagnostics at any later time). Return `true` to drop the element with everything inside it:
   * nothing inside it is reported, and no `closeElement` follows for it; its content is not kept.
   */
  openElement(name: string, attributes: Attributes | null, offset: number): boolean | void;
  /** The element last opened (and kept) and not yet closed ends. */
  closeElement(name: string): void;
  /** Decoded text, in pieces of any size. */
  text(value: string): void;
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
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const NUMBER_SIGN = 0x23;
const LINE_FEED = '\n';

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
  const { locator, diagnostics } = options;
  const bodyOffset = options.offset;
  const wanted = options.attributes;
  const flags = options.flags;

  // The input: chunks still needed (from `head` on), with their body offsets. The newest chunk
  // is `last`, also while no pending token needs it.
  const chunks: string[] = [];
  const chunkStarts: number[] = [];
  let head = 0;
  let last = '';
  let lastOffset = 0;
  let written = 0;

  // What the pending token may still need, as the tokenizer's events tell it.
  /** Where the construct being read starts: every event so far ended at or before it. */
  let consumed = 0;
  /** Equal to `consumed` while the construct being read is never read back (a comment-like one). */
  let skipFrom = -1;
  /** Equal to `consumed` while the tokenizer skips the rest of an end tag up to its `>`. */
  let endTagTail = -1;
  /** Equal to `consumed` once the construct that starts there is known to be read back. */
  let keepFrom = -1;
  /** Between a start tag's name and its end. */
  let inStartTag = false;

  // Lines: the locator has counted the line feeds before `scanned`; offsets before `lineLimit`
  // are on a line it keeps.
  let scanned = 0;
  let lineLimit = 0;

  // Open elements, innermost last.
  const ids: number[] = [];
  const names: string[] = [];
  /**
   * How many elements of each id (and each unknown name) are open, once the stack has been deeper
   * than {@link SCANNED_DEPTH}; until then (most documents) the stack itself is searched.
   */
  let openCounts: Int32Array | null = null;
  let unknownCounts: Map<string, number> | null = null;
  /** Parser's foreign-context stack: what each foreign or integration element started. */
  const foreign: Foreign[] = [Foreign.Html];
  let foreignTop: Foreign = Foreign.Html;
  /** The stack depth of the element the sink dropped, while it is open; 0 when none is. */
  let dropLevel = 0;
  /** Inside an element whose content the tokenizer reads as text: its `TEXT_ONLY` value, else 0. */
  let textOnly = 0;

  // The tag name just read.
  let nameId = UNKNOWN;
  let nameText = '';

  // The start tag being read.
  let tagId = NO_TAG;
  let tagName = '';
  let tagStart = 0;
  /** The start tag pushed its element, which is open but not yet reported. */
  let tagPushed = false;
  let capturing = false;
  let attributes: Attributes | null = null;
  let attributeName: string | null = null;
  let attributeValue = '';

  // The text run being read: text events up to the next markup.
  let run = '';
  /** How the run decodes: 0 as text, else as the `TEXT_ONLY` content it is. */
  let runMode = 0;
  /** Where the run's last `&` stands, or -1. */
  let runAmpersand = -1;
  /** Whether the characters after the run's last `&` already end any reference it starts. */
  let runReferenceEnded = false;
  /** The element whose content is the run, when it is escapable text (`<title>`, `<textarea>`). */
  let runElement = '';

  // --- the input ------------------------------------------------------------

  /** The index of the held chunk that holds `offset` (which is in a held chunk). */
  function chunkAt(offset: number): number {
    let low = head;
    let high = chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((chunkStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  function slice(start: number, end: number): string {
    if (start >= lastOffset) return last.slice(start - lastOffset, end - lastOffset);
    let result = '';
    for (let index = chunkAt(start); index < chunks.length; index++) {
      const chunkStart = chunkStarts[index] as number;
      if (chunkStart >= end) break;
      const chunk = chunks[index] as string;
      result += chunk.slice(Math.max(start - chunkStart, 0), Math.min(end - chunkStart, chunk.length));
    }
    return result;
  }

  function codeAt(offset: number): number {
    if (offset >= lastOffset) return last.charCodeAt(offset - lastOffset);
    const index = chunkAt(offset);
    return (chunks[index] as string).charCodeAt(offset - (chunkStarts[index] as number));
  }

  /**
   * Counts the line feeds up to `offset` (which is in a chunk still held, or the newest). Returns
   * the body index of the next line feed in the newest chunk, when `offset` is in it, else -1.
   */
  function advanceTo(offset: number): number {
    if (offset <= scanned) return -1;
    let next = -1;
    if (scanned >= lastOffset) {
      next = locator.advance(last, bodyOffset + lastOffset, bodyOffset + offset);
    } else {
      for (let index = chunkAt(scanned); index < chunks.length && (chunkStarts[index] as number) < offset; index++) {
        next = locator.advance(chunks[index] as string, bodyOffset + (chunkStarts[index] as number), bodyOffset + offset);
      }
    }
    scanned = offset;
    return next === -1 || offset < lastOffset ? -1 : next - bodyOffset;
  }

  /** Keeps the line of `offset` (a `<` being read), so that its position can be asked later. */
  function keepLineOf(offset: number): void {
    if (offset < lineLimit) return;
    const next = advanceTo(offset);
    locator.keepLine();
    // No line feed between `offset` and the limit: every offset before it is on the kept line.
    if (next !== -1) lineLimit = next + 1;
    else if (offset >= lastOffset && offset === scanned && last.indexOf(LINE_FEED, offset - lastOffset) === -1) lineLimit = written;
    else lineLimit = offset + 1;
  }

  /** Where the text still needed starts, once the tokenizer has read everything written. */
  function neededFrom(): number {
    if (skipFrom === consumed) return written;
    if (endTagTail === consumed) {
      // The tokenizer skips to the `>`; it stands in the newest chunk or later.
      const found = last.indexOf('>', consumed - lastOffset);
      if (found === -1) {
        consumed = written;
        endTagTail = written;
        return written;
      }
      consumed = lastOffset + found + 1;
    }
    if (consumed >= written) return written;
    if (keepFrom === consumed) return consumed;
    if (textOnly !== 0) {
      // Text not reported: only the end tag the tokenizer may be matching is read back.
      return dropLevel === 0 && textOnly !== UNREAD_TEXT ? consumed : Math.max(consumed, written - END_TAG_LOOKBEHIND);
    }
    if (!inStartTag && consumed + 1 < written && codeAt(consumed) === LESS_THAN) {
      const next = codeAt(consumed + 1);
      const third = consumed + 2 < written ? codeAt(consumed + 2) : -1;
      const commentLike =
        next === QUESTION_MARK ||
        (next === EXCLAMATION_MARK && (foreignTop === Foreign.Html || (third !== -1 && third !== OPENING_BRACKET))) ||
        (next === SLASH && third !== -1 && third !== GREATER_THAN && !isAsciiAlpha(third));
      if (commentLike) {
        skipFrom = consumed;
        return written;
      }
      // Known from three characters on; before, look again at the next chunk.
      if (third !== -1) keepFrom = consumed;
    }
    return consumed;
  }

  /** Forgets the chunks no pending token needs, once their line feeds are counted. */
  function release(): void {
    const needed = neededFrom();
    while (head < chunks.length) {
      const chunk = chunks[head] as string;
      const end = (chunkStarts[head] as number) + chunk.length;
      if (end > needed) break;
      if (scanned < end) {
        locator.advance(chunk, bodyOffset + (chunkStarts[head] as number), bodyOffset + end);
        scanned = end;
      }
      chunks[head] = '';
      head++;
    }
    if (head >= COMPACT_AFTER && head * 2 >= chunks.length) {
      chunks.splice(0, head);
      chunkStarts.splice(0, head);
      head = 0;
    }
  }

  // --- the tree -------------------------------------------------------------

  /** Reads a tag name into `nameId` and `nameText`, as Parser's `readTagName` names it. */
  function readTagName(start: number, end: number): void {
    let id = start >= lastOffset ? TAG_NAMES.find(last, start - lastOffset, end - lastOffset) : -1;
    let name = '';
    if (id === -1) {
      // Unlisted, or spanning chunks: lower-cased as Parser does (String#toLowerCase), then looked up.
      name = slice(start, end).toLowerCase();
      id = TAG_NAMES.find(name, 0, name.length);
      if (id === -1) id = UNKNOWN;
    }
    if (foreignTop === Foreign.Svg) {
      if (SVG_CASED[id] !== 0) id = SVG_CASED[id] as number;
    } else if (foreign.length > 1 && SVG_CASED[id] !== 0 && isOpen(SVG_CASED[id] as number, '')) {
      // The end tag of an SVG element from inside an integration point in it (`</foreignObject>`).
      id = SVG_CASED[id] as number;
    } else if (id === IMAGE && foreignTop === Foreign.Html) {
      id = IMG;
    }
    nameId = id;
    nameText = id === UNKNOWN ? name : (ELEMENT_NAMES[id] as string);
  }

  function isOpen(id: number, name: string): boolean {
    if (openCounts === null) return id === UNKNOWN ? names.lastIndexOf(name) !== -1 : ids.lastIndexOf(id) !== -1;
    return id === UNKNOWN ? ((unknownCounts as Map<string, number>).get(name) ?? 0) > 0 : (openCounts[id] as number) > 0;
  }

  function count(id: number, name: string, change: number): void {
    if (id === UNKNOWN) {
      const counts = unknownCounts as Map<string, number>;
      counts.set(name, (counts.get(name) ?? 0) + change);
    } else {
      const counts = openCounts as Int32Array;
      counts[id] = (counts[id] as number) + change;
    }
  }

  function startCounting(): void {
    openCounts = new Int32Array(ELEMENT_NAMES.length);
    unknownCounts = new Map();
    for (let index = 0; index < ids.length; index++) count(ids[index] as number, names[index] as string, 1);
  }

  function push(id: number, name: string): void {
    ids.push(id);
    names.push(name);
    if (openCounts !== null) count(id, name, 1);
    else if (ids.length > SCANNED_DEPTH) startCounting();
    const starts = FOREIGN[id] as Foreign;
    if (starts !== Foreign.None) {
      foreign.push(starts);
      foreignTop = starts;
    }
  }

  /** Closes the innermost element; `report`: tell the sink (unless it dropped the element). */
  function pop(report: boolean): void {
    const id = ids.pop() as number;
    const name = names.pop() as string;
    if (openCounts !== null) count(id, name, -1);
    if (FOREIGN[id] !== Foreign.None) {
      foreign.pop();
      foreignTop = foreign[foreign.length - 1] as Foreign;
    }
    textOnly = 0;
    if (dropLevel === 0) {
      if (report) sink.closeElement(name);
    } else if (ids.length < dropLevel) {
      dropLevel = 0;
    }
  }

  function beginStartTag(id: number, name: string, start: number): void {
    tagStart = start;
    attributes = null;
    tagPushed = false;
    capturing = false;
    // A second <form> while one is open is ignored, with its attributes.
    if (id === FORM && isOpen(FORM, '')) {
      tagId = NO_TAG;
      return;
    }
    // Whether the tokenizer reads the content as text was decided before this tag's implied ends.
    const foreignAtTag = foreignTop;
    tagId = id;
    tagName = name;
    const group = CLOSE_GROUP[id] as number;
    if (group !== -1) {
      const closed = CLOSED_BY[group] as Uint8Array;
      while (ids.length > 0 && closed[ids[ids.length - 1] as number] === 1) pop(true);
    }
    if (IS_VOID[id] === 0) {
      push(id, name);
      tagPushed = true;
      if (foreignAtTag === Foreign.Html && TEXT_ONLY[id] !== 0) textOnly = TEXT_ONLY[id] as number;
    }
    if (dropLevel === 0) {
      capturing = true;
      keepLineOf(start);
    }
  }

  /** The start tag ends: the sink hears of it (and of its end, when void). */
  function finishStartTag(): void {
    inStartTag = false;
    if (tagId === NO_TAG) return;
    const id = tagId;
    tagId = NO_TAG;
    tagPushed = false;
    if (dropLevel !== 0) return;
    const dropped = sink.openElement(tagName, attributes, bodyOffset + tagStart) === true;
    attributes = null;
    if (IS_VOID[id] !== 0) {
      if (!dropped) sink.closeElement(tagName);
    } else if (dropped) {
      dropLevel = ids.length;
    }
  }

  /** A self-closing tag in foreign content closes itself. */
  function closeStartTag(): void {
    const pushed = tagPushed;
    finishStartTag();
    if (pushed) pop(true);
  }

  function endTag(id: number, name: string, start: number): void {
    if (IS_VOID[id] !== 0) {
      if (id === BR && dropLevel === 0) {
        keepLineOf(start);
        if (sink.openElement(name, null, bodyOffset + start) !== true) sink.closeElement(name);
      }
      return;
    }
    if (isOpen(id, name)) {
      if (id === UNKNOWN) {
        while (names[names.length - 1] !== name) pop(true);
      } else {
        while (ids[ids.length - 1] !== id) pop(true);
      }
      pop(true);
    } else if (id === P) {
      beginStartTag(P, name, start);
      closeStartTag();
    } else {
      diagnostics.report('UNMATCHED_END_TAG', `Ignored the end tag </${quoted(name)}>: no <${quoted(name)}> is open`, 'info', bodyOffset + start);
    }
  }

  function flushRun(): void {
    if (run === '') return;
    const text = runMode === RAW_TEXT || runAmpersand === -1 ? run : runMode === 0 ? decodeHTML(run) : decodeTextOnly(run, runElement);
    run = '';
    runAmpersand = -1;
    sink.text(ownCopy(text));
  }

  function appendToRun(piece: string): void {
    // Most text holds no `&`: one forward search (faster than `lastIndexOf`) tells.
    const ampersand = piece.indexOf(AMPERSAND) === -1 ? -1 : piece.lastIndexOf(AMPERSAND);
    if (ampersand !== -1) {
      runAmpersand = run.length + ampersand;
      runReferenceEnded = endsReference(piece, ampersand + 1);
    } else if (runAmpersand !== -1 && !runReferenceEnded) {
      runReferenceEnded = endsReference(piece, 0);
    }
    run = run === '' ? piece : run + piece;
  }

  /**
   * At the end of a chunk, hands on the part of the text run that no later character can change,
   * so that a long run is not held: all of it, unless a character reference may still continue
   * (after the last `&`, only characters that a reference may hold). The text of `<title>` and
   * `<textarea>` decodes as a whole.
   */
  function flushSettledText(): void {
    if (run === '' || runMode === ESCAPABLE_TEXT) return;
    if (runAmpersand === -1 || runReferenceEnded || runMode === RAW_TEXT) {
      flushRun();
    } else if (runAmpersand > 0) {
      const settled = run.slice(0, runAmpersand);
      run = run.slice(runAmpersand);
      runAmpersand = 0;
      sink.text(ownCopy(settled.indexOf(AMPERSAND) === -1 ? settled : decodeHTML(settled)));
    }
  }

  // --- the tokenizer's events -----------------------------------------------

  const callbacks: TokenizerCallbacks = {
    ontext(start, end) {
      // At the end of the input inside an end tag (`</a x`) or after a `/` (`<br/`), the tokenizer
      // reports the unfinished markup as text from index -1. That markup is not text: drop it.
      if (start < 0) return;
      consumed = end;
      if (dropLevel !== 0 || textOnly === UNREAD_TEXT) return;
      if (run === '') {
        runMode = textOnly;
        if (textOnly === ESCAPABLE_TEXT) runElement = names[names.length - 1] as string;
      }
      appendToRun(slice(start, end));
    },
    ontextentity() {
      // Not called: the tokenizer does not decode.
    },
    onopentagname(start, end) {
      flushRun();
      readTagName(start, end);
      beginStartTag(nameId, nameText, start - 1);
      consumed = end;
      inStartTag = true;
    },
    onopentagend(end) {
      finishStartTag();
      consumed = end + 1;
    },
    onselfclosingtag(end) {
      if (foreignTop !== Foreign.Html) closeStartTag();
      else finishStartTag();
      consumed = end + 1;
    },
    onclosetag(start, end) {
      flushRun();
      readTagName(start, end);
      endTag(nameId, nameText, start - 2);
      if (codeAt(end) === GREATER_THAN) {
        consumed = end + 1;
      } else {
        consumed = end;
        endTagTail = end;
      }
    },
    onattribname(start, end) {
      consumed = end;
      if (!capturing) return;
      attributeName = start >= lastOffset ? wanted.match(last, start - lastOffset, end - lastOffset) : matchSpanning(start, end);
    },
    onattribdata(start, end) {
      consumed = end;
      if (attributeName !== null) attributeValue += slice(start, end);
    },
    onattribentity() {
      // Not called: the tokenizer does not decode.
    },
    onattribend(_quote, end) {
      consumed = end;
      if (attributeName === null) return;
      attributes ??= {};
      if (!Object.hasOwn(attributes, attributeName)) {
        attributes[attributeName] = flags.has(attributeName)
          ? ''
          : ownCopy(makeSafe(attributeValue.indexOf(AMPERSAND) === -1 ? attributeValue : decodeHTMLAttribute(attributeValue)));
      }
      attributeName = null;
      attributeValue = '';
    },
    oncomment(_start, end) {
      flushRun();
      consumed = end + 1;
    },
    oncdata(start, end, endOffset) {
      flushRun();
      if (foreignTop !== Foreign.Html && dropLevel === 0) sink.text(ownCopy(slice(start, end - endOffset)));
      consumed = end + 1;
    },
    ondeclaration(_start, end) {
      flushRun();
      consumed = end + 1;
    },
    onprocessinginstruction(_start, end) {
      flushRun();
      consumed = end + 1;
    },
    onend() {
      flushRun();
      // A start tag cut off by the end of the input was never complete: it is not an element.
      if (tagPushed) pop(false);
      let unclosed = 0;
      let outermost = '';
      for (let index = 0; index < ids.length; index++) {
        if (OPTIONAL_END[ids[index] as number] === 0) {
          unclosed++;
          if (unclosed === 1) outermost = names[index] as string;
        }
      }
      if (unclosed > 0) {
        diagnostics.report(
          'UNCLOSED_ELEMENT',
          `Closed ${unclosed} element${unclosed === 1 ? '' : 's'} left open at the end of the body (outermost: <${quoted(outermost)}>)`,
          'info',
          bodyOffset + written,
        );
      }
      while (ids.length > 0) pop(true);
    },
    isInForeignContext() {
      return foreignTop !== Foreign.Html;
    },
  };

  function matchSpanning(start: number, end: number): string | null {
    const name = slice(start, end);
    return wanted.match(name, 0, name.length);
  }

  const tokenizer = new Tokenizer({ decodeEntities: false }, callbacks);

  return {
    write(text) {
      if (text.length === 0) return;
      last = text;
      lastOffset = written;
      chunks.push(text);
      chunkStarts.push(written);
      written += text.length;
      tokenizer.write(text);
      flushSettledText();
      release();
    },
    end() {
      tokenizer.end();
    },
    position(offset) {
      advanceTo(offset - bodyOffset);
      return locator.position(offset);
    },
  };
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

/** A name as a message quotes it: at most 40 characters. */
function quoted(name: string): string {
  return name.length <= QUOTED_NAME_LENGTH ? name : `${name.slice(0, QUOTED_NAME_LENGTH)}…`;
}
