import type { DiagnosticReporter } from '../diagnostics.js';
import { createStack, push, type Stack } from '../text/speed.js';
import type { UrlResolver } from '../text/urls.js';
import type { Attributes, TokenSink } from '../tokens/body-tokenizer.js';
import type { Block, Heading, Image, ListItem, Media, Paragraph } from '../types.js';
import type { ActiveInline, InlineCollector } from './inlines.js';
import type { MediaProblems, PlayerDraft } from './media.js';

/**
 * The state every construct of the block stage works on: one record, made
 * once per parse, with one frame stack. Each construct (paragraph.ts,
 * heading.ts, quote.ts, list.ts, code.ts, figure.ts, placement.ts) owns its
 * fields and opens and closes itself; builder.ts picks the construct from a
 * table by element kind.
 */

/** What block structure means where it stands. */
export const enum Mode {
  /** The body, a quote, a figure: `<p>` and block containers delimit paragraphs. */
  Flow,
  /** Inside `<ul>`/`<ol>`, outside `<li>`: text or `<li>` starts an item. */
  List,
  /** A heading, a list item: nested block structure reads as white space. */
  Leaf,
  /** A `<pre>` (or `<listing>`, `<xmp>`, `<plaintext>`): text is kept as it is. */
  Code,
  /** A figure's `<figcaption>`: text is the caption of the figure's first media block. */
  Caption,
  /** A `<video>` or `<audio>`: only `<source>` is read. */
  Player,
}

/** The construct whose `close` runs when an element ends. */
export const enum Frame {
  None,
  Inline,
  Anchor,
  Container,
  Paragraph,
  Heading,
  QuoteHeading,
  Quote,
  List,
  NestedList,
  ListItem,
  NestedItem,
  Code,
  /** An element that HTML shows as a block, inside a code block: its end starts a new line. */
  CodeLine,
  Figure,
  Caption,
  CaptionPart,
  Player,
}

/** A frame is its construct in the low bits and the mode to restore above them. */
export const FRAME_BITS = 5;
export const FRAME_MASK = (1 << FRAME_BITS) - 1;

export interface ListDraft {
  ordered: boolean;
  start: number | null;
  /** Items in document order; null where an item turned out empty. */
  items: (ListItem | null)[];
  /** Inside a quote, a list becomes one of the quote's paragraphs. */
  inQuote: boolean;
}

export interface CodeDraft {
  pieces: string[];
  language: string | null;
  /** Where in `pieces` the text after a `<pre>` or `<listing>` starts, while the line feed that may open it is still to be dropped; else -1. */
  breakFrom: number;
}

export interface CaptionDraft {
  /** Text of the whole caption, of the caption without credits, of the credits. */
  full: string;
  plain: string;
  credits: string;
  /** Open elements inside the outermost credit element, itself included. */
  creditDepth: number;
  /** Per open element inside the caption: whether it is block-like (read as a space at both ends). */
  parts: boolean[];
  /**
   * Where a `<br>` stands in `full`, `plain` and `credits` (the space it reads as), or null before
   * the first: the white space and U+3000 around each are dropped when the caption is given (rule 2).
   */
  breaks: CaptionBreaks | null;
  /**
   * The caption's events, to be read as body text when the figure has no
   * media: four entries each (event, name or text, attributes, offset).
   */
  events: (number | string | Attributes | null)[];
  /** The caption this one's figure stands in (a figure inside a caption), which goes on when this one ends; else null. */
  outer: CaptionDraft | null;
  /** The mode the caption opened in: a figure inside it reads its content so. */
  mode: Mode;
}

export interface CaptionBreaks {
  full: number[];
  plain: number[];
  credits: number[];
}

export interface FigureDraft {
  /** The first media block of the figure that no nearer figure has captioned. */
  free: Media | null;
  caption: CaptionDraft | null;
  /** Frames open when the figure opened: its direct children open at this depth + 1. */
  depth: number;
}

/**
 * The state of the block stage. It also reports the problems of media and
 * links (unsafe URLs, missing sources) at the offset of the element being opened.
 */
export class BlockState implements MediaProblems {
  readonly urls: UrlResolver;
  readonly diagnostics: DiagnosticReporter;
  /** Where finished blocks go; `paragraphClass` is the class of the `<p>` a paragraph came from. */
  readonly out: (block: Block, paragraphClass: string | null) => void;
  /** The sink itself, for replaying a caption. */
  readonly sink: TokenSink;
  mode: Mode = Mode.Flow;
  /** One frame per open element (a stack that grows by chunks: hostile input nests a million deep). */
  frames: Stack<number> = createStack();
  /** Offset of the element being opened, for diagnostics. */
  offset = 0;

  // Inline formatting open now (inlines.ts), and the collector text goes to.
  active: ActiveInline[] = [];
  collector: InlineCollector | null = null;

  // paragraph.ts
  paragraphClass: string | null = null;
  collectorClass: string | null = null;
  paragraphClasses: (string | null)[] = [];

  // heading.ts
  headingLevel: Heading['level'] | 0 = 0;

  // quote.ts
  quote: Paragraph[] | null = null;

  // list.ts
  list: ListDraft | null = null;
  itemCollector: InlineCollector | null = null;
  itemIndex = -1;
  suspendedCollectors: Stack<InlineCollector | null> = createStack();
  suspendedIndexes: Stack<number> = createStack();

  // code.ts
  code: CodeDraft | null = null;

  // placement.ts: media waiting for their outer block, blocks held by an open figure,
  // and an image that may be the whole content of a link.
  lifted: Media[] = [];
  held: Block[] = [];
  heldClasses: (string | null)[] = [];
  linkHref: string | null = null;
  linkDepth = -1;
  linkImage: Image | null = null;

  // figure.ts
  figures: FigureDraft[] = [];
  caption: CaptionDraft | null = null;
  replaying = false;

  // media.ts
  player: PlayerDraft | null = null;
  /** Per open `<picture>`: the frames open outside it, and the first candidate of its first `<source srcset>`. */
  pictureDepths: number[] = [];
  pictureSources: (string | undefined)[] = [];

  constructor(urls: UrlResolver, diagnostics: DiagnosticReporter, out: (block: Block, paragraphClass: string | null) => void, sink: TokenSink) {
    this.urls = urls;
    this.diagnostics = diagnostics;
    this.out = out;
    this.sink = sink;
  }

  unsafe(scheme: string, what: string): void {
    this.diagnostics.report('UNSAFE_URL', `Dropped a ${scheme}: URL of ${what}`, 'warning', this.offset);
  }

  missingSource(what: string): void {
    this.diagnostics.report('MISSING_SRC', `Dropped ${what} without a source`, 'warning', this.offset);
  }
}

export function createBlockState(
  urls: UrlResolver,
  diagnostics: DiagnosticReporter,
  out: (block: Block, paragraphClass: string | null) => void,
  sink: TokenSink,
): BlockState {
  return new BlockState(urls, diagnostics, out, sink);
}

/** Opens a frame for `construct`; closing it restores the mode current now. */
export function pushFrame(state: BlockState, construct: Frame): void {
  push(state.frames, construct | (state.mode << FRAME_BITS));
}
