import type { DiagnosticReporter } from '../diagnostics.js';
import { depth, pop } from '../text/speed.js';
import type { UrlResolver } from '../text/urls.js';
import { isBlank } from '../text/whitespace.js';
import { CONTENT_DROPPED, type Attributes, type OpenAnswer, type TokenSink } from '../tokens/body-tokenizer.js';
import type { Block } from '../types.js';
import { closeCode, codeElement, codeLine, codeText, nestedCode, openCode, settleLeadingBreak } from './code.js';
import { captionMarkup, captionText, closeCaptionPart, closeFigcaption, closeFigure, openCaptionPart, openFigcaption, openFigure, openFigureInCaption } from './figure.js';
import { closeAnchor, closeInline, CODE, EMPHASIS, endWatchedLink, lineBreak, openAnchor, openInline, STRONG, watchAnchor } from './formatting.js';
import { closeHeading, closeQuoteHeading, openHeading } from './heading.js';
import { appendText } from './inlines.js';
import { DROP_ATTRIBUTE_PREFIX, isBlockLike, isTransparent, Kind, kindOf } from './kinds.js';
import { closeItem, closeList, closeNested, openItem, openList, startItem } from './list.js';
import { boundary, closeContainer, closeParagraph, endParagraph, openContainer, openParagraph, paragraphCollector } from './paragraph.js';
import { closePlayer, endPicture, openEmbed, openImage, openPlayer, readPicture, releaseLifted, spoilLink } from './placement.js';
import { closeQuote, openQuote } from './quote.js';
import { createBlockState, Frame, FRAME_BITS, FRAME_MASK, Mode, pushFrame, type BlockState } from './state.js';

/**
 * The blocks stage: reads the well-nested element stream of the body and
 * hands on blocks (rules 1–6 and 9) as soon as each is complete. Each element
 * opens the construct its kind names in {@link OPEN}; its end runs the
 * construct's close from {@link CLOSE}, found on the one frame stack.
 */

export interface BlockBuilderOptions {
  urls: UrlResolver;
  diagnostics: DiagnosticReporter;
  /** Receives each block when complete; `paragraphClass` is the class of the `<p>` a paragraph came from. */
  emit(block: Block, paragraphClass: string | null): void;
}

export interface BlockBuilder extends TokenSink {
  end(): void;
}

/** Returns true when the element is dropped with its content (and no close follows). */
type Open = (state: BlockState, name: string, attributes: Attributes | null) => OpenAnswer;

const transparent: Open = (state) => pushFrame(state, Frame.None);
const dropped: Open = () => true;

/** By element kind: the construct an element opens. */
const OPEN: Open[] = [];
OPEN[Kind.Transparent] = transparent;
OPEN[Kind.Drop] = dropped;
OPEN[Kind.Container] = (state) => openContainer(state);
OPEN[Kind.Paragraph] = (state, _name, attributes) => openParagraph(state, attributes);
OPEN[Kind.Heading] = (state, name) => openHeading(state, name);
OPEN[Kind.Quote] = (state) => openQuote(state);
OPEN[Kind.List] = (state, name, attributes) => openList(state, name, attributes);
OPEN[Kind.ListItem] = (state) => openItem(state);
OPEN[Kind.Preformatted] = (state, name, attributes) => openCode(state, name, attributes);
OPEN[Kind.Rule] = (state) => {
  boundary(state);
  return true;
};
OPEN[Kind.Break] = (state) => {
  lineBreak(state);
  return true;
};
OPEN[Kind.Strong] = (state) => openInline(state, STRONG);
OPEN[Kind.Emphasis] = (state) => openInline(state, EMPHASIS);
OPEN[Kind.Code] = (state) => openInline(state, CODE);
OPEN[Kind.Anchor] = (state, _name, attributes) => openAnchor(state, attributes);
OPEN[Kind.Image] = (state, _name, attributes) => {
  openImage(state, attributes);
  return true;
};
OPEN[Kind.Video] = (state, _name, attributes) => openPlayer(state, 'video', attributes);
OPEN[Kind.Audio] = (state, _name, attributes) => openPlayer(state, 'audio', attributes);
// An iframe kept as an embed has its content dropped; one without a usable source is dropped whole.
OPEN[Kind.Iframe] = (state, _name, attributes) => (openEmbed(state, attributes) ? CONTENT_DROPPED : true);
OPEN[Kind.Figure] = (state) => openFigure(state);
OPEN[Kind.Figcaption] = (state, _name, attributes) => openFigcaption(state, attributes);
OPEN[Kind.Picture] = transparent;
OPEN[Kind.Source] = transparent;

/** By frame: what an element's end closes. */
const CLOSE: ((state: BlockState) => void)[] = [];
CLOSE[Frame.None] = () => {};
CLOSE[Frame.Inline] = closeInline;
CLOSE[Frame.Anchor] = closeAnchor;
CLOSE[Frame.Container] = closeContainer;
CLOSE[Frame.Paragraph] = closeParagraph;
CLOSE[Frame.Heading] = closeHeading;
CLOSE[Frame.QuoteHeading] = closeQuoteHeading;
CLOSE[Frame.Quote] = closeQuote;
CLOSE[Frame.List] = closeList;
CLOSE[Frame.NestedList] = closeNested;
CLOSE[Frame.ListItem] = closeItem;
CLOSE[Frame.NestedItem] = closeNested;
CLOSE[Frame.Code] = closeCode;
CLOSE[Frame.CodeLine] = codeLine;
CLOSE[Frame.Figure] = closeFigure;
CLOSE[Frame.Caption] = closeFigcaption;
CLOSE[Frame.CaptionPart] = closeCaptionPart;
CLOSE[Frame.Player] = closePlayer;

function isMedia(kind: Kind): boolean {
  return kind === Kind.Image || kind === Kind.Video || kind === Kind.Audio || kind === Kind.Iframe;
}

/** An element where only some elements have a meaning of their own: a code block, a caption, a player. */
function openInside(state: BlockState, kind: Kind, name: string, attributes: Attributes | null): OpenAnswer {
  switch (state.mode) {
    case Mode.Player:
      if (name === 'source') state.player!.addSource(attributes);
      return true;
    case Mode.Code:
      codeElement(state, kind === Kind.Break, kind === Kind.Code, attributes);
      if (kind === Kind.Break) return true;
      if (!isBlockLike(kind)) {
        if (kind === Kind.Anchor) watchAnchor(state, attributes);
        pushFrame(state, Frame.None);
        return;
      }
      // Rule 4: an element HTML shows as a block starts a new line, and its end another.
      codeLine(state);
      if (kind === Kind.Rule) return true;
      if (kind === Kind.Preformatted) nestedCode(state, name);
      pushFrame(state, Frame.CodeLine);
      return;
    default:
      if (kind === Kind.Figure) {
        openFigureInCaption(state, name, attributes);
        return;
      }
      if (kind === Kind.Anchor) watchAnchor(state, attributes);
      openCaptionPart(state, name, attributes, isBlockLike(kind));
      return;
  }
}

/**
 * Rule 5: what may stand around an image that is the whole content of a link (`<a href><div><picture><img>`):
 * transparent elements, block containers and `<p>`. A figure, a caption or a list item only before the
 * image: one after it would take the image, placed when the link ends, as its own (a figure's caption).
 */
function wrapsLinkedImage(state: BlockState, kind: Kind): boolean {
  if (kind === Kind.Figure || kind === Kind.Figcaption || kind === Kind.ListItem) return state.linkImage === null;
  return isTransparent(kind) || kind === Kind.Image || kind === Kind.Container || kind === Kind.Paragraph;
}

export function createBlockBuilder(options: BlockBuilderOptions): BlockBuilder {
  return new Blocks(options);
}

class Blocks implements BlockBuilder {
  private readonly state: BlockState;

  constructor(options: BlockBuilderOptions) {
    this.state = createBlockState(options.urls, options.diagnostics, options.emit, this);
  }

  openElement(name: string, attributes: Attributes | null, offset: number): OpenAnswer {
    const state = this.state;
    const kind = kindOf(name);
    // Rule 6: dropped with everything inside.
    const dropped = kind === Kind.Drop || (attributes !== null && Object.hasOwn(attributes, DROP_ATTRIBUTE_PREFIX));
    // Markup where it stands (rule 4: a line feed after it is kept): any element in a code block; one a caption does not record.
    if (state.mode === Mode.Code || dropped || isMedia(kind)) this.markup();
    if (dropped) return true;
    state.offset = offset;
    // Rule 5: a `<picture>`'s first `<source srcset>` is the source of an `<img>` in it that has none.
    if (kind >= Kind.Picture && state.mode !== Mode.Player) readPicture(state, kind === Kind.Source, attributes);
    if (state.linkDepth !== -1 && !wrapsLinkedImage(state, kind)) spoilLink(state);
    // In a code block or a caption, media are read as anywhere else.
    if (state.mode >= Mode.Code && !(state.mode !== Mode.Player && isMedia(kind))) return openInside(state, kind, name, attributes);
    return (OPEN[kind] as Open)(state, name, attributes);
  }

  closeElement(): void {
    const state = this.state;
    const frame = pop(state.frames);
    if (frame === undefined) return;
    state.mode = frame >>> FRAME_BITS;
    (CLOSE[frame & FRAME_MASK] as (state: BlockState) => void)(state);
    endWatchedLink(state);
    if (state.pictureDepths.length !== 0) endPicture(state);
  }

  text(value: string): void {
    const state = this.state;
    if (state.linkDepth !== -1 && !isBlank(value)) spoilLink(state);
    switch (state.mode) {
      case Mode.Flow:
      case Mode.Leaf:
      case Mode.List: {
        let collector = state.collector;
        if (collector === null) {
          if (isBlank(value)) return;
          if (state.mode === Mode.List) startItem(state);
          else paragraphCollector(state);
          collector = state.collector!;
        }
        appendText(collector, state.active, value);
        return;
      }
      case Mode.Code:
        codeText(state, value);
        return;
      case Mode.Caption:
        captionText(state, value);
        return;
      default:
        return;
    }
  }

  /** Rule 4: markup after a `<pre>`'s start tag keeps the line feed after it; a caption keeps it for its replay. */
  markup(): void {
    const state = this.state;
    if (state.mode === Mode.Code) settleLeadingBreak(state.code!);
    else if (state.mode === Mode.Caption) captionMarkup(state);
  }

  end(): void {
    const state = this.state;
    while (depth(state.frames) > 0) this.closeElement();
    endParagraph(state);
    releaseLifted(state);
  }
}
