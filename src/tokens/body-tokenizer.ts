import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import type { SourcePosition } from '../errors.js';
import type { DiagnosticReporter } from '../diagnostics.js';
import type { Locator } from '../input/locator.js';
import { ownCopy } from '../text/own-copy.js';
import { makeSafe } from '../text/whitespace.js';
import { ELEMENT_NAMES, ForeignContext, OPTIONAL_END_TAGS, treeInfo, type TreeInfo } from './elements.js';
import { createNameMatcher, type NameMatcher } from './name-matcher.js';

/**
 * The body-tokens stage. htmlparser2's `Tokenizer` reads the HTML and reports
 * index ranges; this stage turns them into a well-nested stream of elements
 * and text, shaped exactly as htmlparser2's `Parser` shapes its tree (implied
 * end tags, void elements, lower-cased names, `</p>` and `</br>` repairs,
 * foreign content), so every `open` gets its `close`.
 *
 * It allocates only what is read: text, tag names, and the values of the
 * wanted attributes. Input chunks are kept only while a token still spans them,
 * and what it hands on are copies (`ownCopy`), not views that would keep a
 * chunk alive for as long as the Article.
 *
 * The tokenizer runs without entity decoding, which lets it skip through
 * text instead of stepping through it; entities are decoded here, by the
 * same decoder and mode the tokenizer would use, once a text run or an
 * attribute value is complete (so an entity split between chunks decodes
 * whole). Raw text (`<script>`, `<style>`, `<xmp>`, `<iframe>`, `<noembed>`,
 * `<noframes>`, `<plaintext>` outside foreign content) is never decoded.
 */

/**
 * The wanted attributes of one element, by lower-case name. Only wanted names
 * are ever keys. Values are decoded and safe: NUL and lone surrogates are U+FFFD.
 */
export type Attributes = Record<string, string>;

export interface TokenSink {
  /** An element starts; `offset` is where its `<` stands in the input. */
  openElement(name: string, attributes: Attributes | null, offset: number): void;
  /** The element last opened and not yet closed ends. */
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
  /** Line and column of an offset at or after the start of the latest token. */
  position(offset: number): SourcePosition;
}

/** Elements whose content the tokenizer reads as raw text (outside foreign content). */
const RAW_TEXT: ReadonlySet<string> = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

const TAG_NAMES = createNameMatcher(ELEMENT_NAMES);

export function createBodyTokenizer(sink: TokenSink, options: BodyTokenizerOptions): BodyTokenizer {
  const { locator, diagnostics } = options;
  const bodyOffset = options.offset;
  const wanted = options.attributes;
  const flags = options.flags;

  // Chunks still needed by a pending token, with their body offsets.
  const chunks: string[] = [];
  const chunkOffsets: number[] = [];
  let last = '';
  let lastOffset = 0;
  let written = 0;
  /** Everything before this body index has been reported. */
  let consumed = 0;

  // Open elements, innermost last.
  const names: string[] = [];
  const infos: TreeInfo[] = [];
  const openCounts = new Map<string, number>();
  const foreign: ForeignContext[] = [ForeignContext.Html];

  // The start tag being read.
  let tagName = '';
  let tagInfo: TreeInfo = treeInfo('');
  let tagStart = 0;
  let attributes: Attributes | null = null;
  let attributeName: string | null = null;
  let attributeValue = '';

  // The text run being read: text events up to the next markup.
  let run = '';
  let runIsRaw = false;
  /** Inside an element whose content is raw text. */
  let rawText = false;

  function slice(start: number, end: number): string {
    if (start >= lastOffset) return last.slice(start - lastOffset, end - lastOffset);
    let result = '';
    for (let index = 0; index < chunks.length; index++) {
      const chunk = chunks[index] as string;
      const chunkStart = chunkOffsets[index] as number;
      const chunkEnd = chunkStart + chunk.length;
      if (chunkEnd <= start || chunkStart >= end) continue;
      result += chunk.slice(Math.max(start - chunkStart, 0), Math.min(end, chunkEnd) - chunkStart);
    }
    return result;
  }

  function inForeignContent(): boolean {
    return foreign[foreign.length - 1] !== ForeignContext.Html;
  }

  function readTagName(start: number, end: number): string {
    const known = start >= lastOffset ? TAG_NAMES.match(last, start - lastOffset, end - lastOffset) : null;
    // An unknown name can end up in a diagnostic: a copy, not a view of the input.
    const name = known ?? ownCopy(slice(start, end).toLowerCase());
    return name === 'image' && !inForeignContent() ? 'img' : name;
  }

  function push(name: string, info: TreeInfo): void {
    names.push(name);
    infos.push(info);
    openCounts.set(name, (openCounts.get(name) ?? 0) + 1);
    if (info.foreign !== null) foreign.push(info.foreign);
  }

  function pop(): void {
    const name = names.pop() as string;
    const info = infos.pop() as TreeInfo;
    openCounts.set(name, (openCounts.get(name) as number) - 1);
    if (info.foreign !== null) foreign.pop();
    rawText = false;
    sink.closeElement(name);
  }

  function beginStartTag(name: string, offset: number): void {
    tagStart = offset;
    attributes = null;
    // A second <form> while one is open is ignored, with its attributes.
    if (name === 'form' && (openCounts.get('form') ?? 0) > 0) {
      tagName = '';
      return;
    }
    tagName = name;
    const info = treeInfo(name);
    tagInfo = info;
    const closes = info.closes;
    if (closes !== null) {
      while (names.length > 0 && closes.has(names[names.length - 1] as string)) pop();
    }
    if (!info.isVoid) push(name, info);
    if (RAW_TEXT.has(name) && !inForeignContent()) rawText = true;
  }

  function flushRun(): void {
    if (run === '') return;
    const text = runIsRaw || run.indexOf('&') === -1 ? run : decodeHTML(run);
    run = '';
    sink.text(ownCopy(text));
  }

  function finishStartTag(): void {
    if (tagName === '') return;
    sink.openElement(tagName, attributes, bodyOffset + tagStart);
    if (tagInfo.isVoid) sink.closeElement(tagName);
    tagName = '';
    attributes = null;
  }

  /** A self-closing tag in foreign content closes itself. */
  function closeStartTag(): void {
    const name = tagName;
    finishStartTag();
    if (name !== '' && names[names.length - 1] === name) pop();
  }

  function endTag(name: string, start: number): void {
    const info = treeInfo(name);
    if (info.isVoid) {
      if (name === 'br') {
        sink.openElement('br', null, bodyOffset + start);
        sink.closeElement('br');
      }
      return;
    }
    if ((openCounts.get(name) ?? 0) > 0) {
      while (names[names.length - 1] !== name) pop();
      pop();
    } else if (name === 'p') {
      beginStartTag('p', start);
      closeStartTag();
    } else {
      diagnostics.report('UNMATCHED_END_TAG', `Ignored the end tag </${name}>: no <${name}> is open`, 'info', bodyOffset + start);
    }
  }

  const callbacks: TokenizerCallbacks = {
    ontext(start, end) {
      // At the end of the input inside an end tag (`</a x`) or after a `/` (`<br/`), the tokenizer
      // reports the unfinished markup as text from index -1. That markup is not text: drop it.
      if (start < 0) return;
      if (run === '') runIsRaw = rawText;
      run += slice(start, end);
      consumed = Math.max(consumed, end);
    },
    ontextentity() {
      // Not called: the tokenizer does not decode.
    },
    onopentagname(start, end) {
      flushRun();
      beginStartTag(readTagName(start, end), start - 1);
    },
    onopentagend(end) {
      finishStartTag();
      consumed = Math.max(consumed, end + 1);
    },
    onselfclosingtag(end) {
      if (inForeignContent()) closeStartTag();
      else finishStartTag();
      consumed = Math.max(consumed, end + 1);
    },
    onclosetag(start, end) {
      flushRun();
      endTag(readTagName(start, end), start - 2);
      consumed = Math.max(consumed, end);
    },
    onattribname(start, end) {
      if (tagName === '') return;
      attributeName = start >= lastOffset ? wanted.match(last, start - lastOffset, end - lastOffset) : matchSpanning(start, end);
    },
    onattribdata(start, end) {
      if (attributeName !== null) attributeValue += slice(start, end);
      consumed = Math.max(consumed, end);
    },
    onattribentity() {
      // Not called: the tokenizer does not decode.
    },
    onattribend(_quote, end) {
      if (attributeName !== null) {
        attributes ??= {};
        if (!Object.hasOwn(attributes, attributeName)) {
          attributes[attributeName] = flags.has(attributeName)
            ? ''
            : ownCopy(makeSafe(attributeValue.indexOf('&') === -1 ? attributeValue : decodeHTMLAttribute(attributeValue)));
        }
        attributeName = null;
      }
      attributeValue = '';
      consumed = Math.max(consumed, end);
    },
    oncomment(_start, end) {
      flushRun();
      consumed = Math.max(consumed, end + 1);
    },
    oncdata(start, end, endOffset) {
      flushRun();
      if (inForeignContent()) sink.text(ownCopy(slice(start, end - endOffset)));
      consumed = Math.max(consumed, end + 1);
    },
    ondeclaration(_start, end) {
      flushRun();
      consumed = Math.max(consumed, end + 1);
    },
    onprocessinginstruction(_start, end) {
      flushRun();
      consumed = Math.max(consumed, end + 1);
    },
    onend() {
      flushRun();
      let unclosed = 0;
      let outermost = '';
      for (const name of names) {
        if (!OPTIONAL_END_TAGS.has(name)) {
          unclosed++;
          outermost ||= name;
        }
      }
      if (unclosed > 0) {
        diagnostics.report(
          'UNCLOSED_ELEMENT',
          `Closed ${unclosed} element${unclosed === 1 ? '' : 's'} left open at the end of the body (outermost: <${outermost}>)`,
          'info',
          bodyOffset + written,
        );
      }
      while (names.length > 0) pop();
    },
    isInForeignContext: inForeignContent,
  };

  function matchSpanning(start: number, end: number): string | null {
    const name = slice(start, end);
    return wanted.match(name, 0, name.length);
  }

  const tokenizer = new Tokenizer({ decodeEntities: false }, callbacks);

  function release(): void {
    // Drop every chunk but the newest once no pending token reaches back into it.
    while (chunks.length > 1) {
      const chunk = chunks[0] as string;
      const chunkStart = chunkOffsets[0] as number;
      if (chunkStart + chunk.length > consumed) break;
      locator.advance(chunk, bodyOffset + chunkStart, bodyOffset + chunkStart + chunk.length);
      chunks.shift();
      chunkOffsets.shift();
    }
  }

  return {
    write(text) {
      if (text.length === 0) return;
      last = text;
      lastOffset = written;
      chunks.push(text);
      chunkOffsets.push(written);
      written += text.length;
      tokenizer.write(text);
      release();
    },
    end() {
      tokenizer.end();
    },
    position(offset) {
      for (let index = 0; index < chunks.length; index++) {
        locator.advance(chunks[index] as string, bodyOffset + (chunkOffsets[index] as number), offset);
      }
      return locator.position(offset);
    },
  };
}
