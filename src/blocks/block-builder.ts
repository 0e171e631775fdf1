import { removeElement } from 'domutils';
import type { DiagnosticReporter } from '../diagnostics.js';
import { isBlank } from '../text/whitespace.js';
import type { Attributes, TokenSink } from '../tokens/body-tokenizer.js';
import type { Block, Heading, Inline, ListItem, Media, Paragraph } from '../types.js';
import { createFigureBuffer, FIGURE_MAX_DEPTH, replay, takeCaption, type FigureBuffer, type FigureCaption } from './figure.js';
import {
  appendBreak,
  appendSpace,
  appendText,
  closeInlinesTo,
  createInlineCollector,
  finishInlines,
  type ActiveInline,
  type InlineCollector,
} from './inline-collector.js';
import { DROP_ATTRIBUTE_PREFIX, Kind, kindOf } from './kinds.js';
import { readEmbed, readImage, startPlayer, type MediaProblems, type PlayerDraft } from './media.js';
import type { UrlResolver } from '../text/urls.js';

/**
 * The blocks stage: reads the well-nested element stream of the body and
 * emits blocks (text rules 1–6 and 9) as soon as each is complete.
 *
 * Three modes decide what block structure means where it stands:
 * - Flow (the body, a quote): `<p>` and block containers delimit paragraphs.
 * - List (inside `<ul>`/`<ol>`, outside `<li>`): `<li>` starts an item.
 * - Leaf (a heading, a list item): nested block structure reads as white space.
 */

export interface BlockBuilderOptions {
  urls: UrlResolver;
  diagnostics: DiagnosticReporter;
  /** Receives each block when complete. `leadClass`: a paragraph of a `<p>` whose class names a lead. */
  emit(block: Block, leadClass: boolean): void;
}

export interface BlockBuilder extends TokenSink {
  end(): void;
}

const enum Mode {
  Flow,
  List,
  Leaf,
}

/** What closing an element undoes. */
const enum Frame {
  None,
  Inline,
  Paragraph,
  Boundary,
  Heading,
  QuoteHeading,
  Quote,
  List,
  NestedList,
  ListItem,
  NestedItem,
}

/** Inline formatting nested deeper than this is read as transparent. */
const MAX_INLINE_DEPTH = 64;
const LEAD_CLASS = /lead|standfirst|summary|intro|dek/i;
const NONE: ActiveInline = { type: 'none' };
const STRONG: ActiveInline = { type: 'strong' };
const EMPHASIS: ActiveInline = { type: 'emphasis' };
const CODE: ActiveInline = { type: 'code' };

interface ListDraft {
  ordered: boolean;
  items: (ListItem | null)[];
  /** Inside a quote, a list becomes one of the quote's paragraphs. */
  inQuote: boolean;
}

interface PendingCaption extends FigureCaption {
  used: boolean;
}

export function createBlockBuilder(options: BlockBuilderOptions): BlockBuilder {
  const { urls, diagnostics, emit } = options;

  const frames: Frame[] = [];
  const modes: Mode[] = [];
  let mode = Mode.Flow;

  /** Open elements inside a dropped element (rule 6), or inside an iframe. */
  let dropDepth = 0;
  let player: PlayerDraft | null = null;
  let playerDepth = 0;
  let figure: FigureBuffer | null = null;
  let figureOffset = 0;
  let pendingCaption: PendingCaption | null = null;
  let offset = 0;

  const active: ActiveInline[] = [];
  let collector: InlineCollector | null = null;
  let collectorLeadClass = false;
  let paragraphLeadClass = false;
  const leadClasses: boolean[] = [];

  let heading: Heading['level'] | 0 = 0;
  let quote: Paragraph[] | null = null;
  let list: ListDraft | null = null;
  /** The open list item: its collector and its place in `list.items` (null and -1 when none is open). */
  let itemCollector: InlineCollector | null = null;
  let itemIndex = -1;
  /** Items that a nested list interrupts, innermost last (a collector, or null where none was open). */
  const suspendedCollectors: (InlineCollector | null)[] = [];
  const suspendedIndexes: number[] = [];
  let lifted: Media[] = [];

  const problems: MediaProblems = {
    unsafe(scheme, what) {
      diagnostics.report('UNSAFE_URL', `Dropped a ${scheme}: URL of ${what}`, 'warning', offset);
    },
    missingSource(what) {
      diagnostics.report('MISSING_SRC', `Dropped ${what} without a source`, 'warning', offset);
    },
  };

  function enter(next: Mode): void {
    modes.push(mode);
    mode = next;
  }

  function leave(): void {
    mode = modes.pop() ?? Mode.Flow;
  }

  function hasOuterBlock(): boolean {
    return heading !== 0 || quote !== null || list !== null;
  }

  // --- paragraphs -----------------------------------------------------------

  function paragraphCollector(): InlineCollector {
    if (collector === null) {
      collector = createInlineCollector();
      collectorLeadClass = paragraphLeadClass && quote === null;
    }
    return collector;
  }

  /** Ends the paragraph being collected in Flow mode. */
  function endParagraph(): void {
    if (collector === null) return;
    const { text, inlines } = finishInlines(collector);
    collector = null;
    if (text === '') return;
    const paragraph: Paragraph = { type: 'paragraph', text, inlines };
    if (quote !== null) quote.push(paragraph);
    else emit(paragraph, collectorLeadClass);
  }

  /** A block element starts or ends where it stands. */
  function boundary(): void {
    if (mode === Mode.Flow) endParagraph();
    else if (collector !== null) appendSpace(collector);
  }

  // --- lists ----------------------------------------------------------------

  function startItem(): void {
    const draft = list as ListDraft;
    itemCollector = createInlineCollector();
    itemIndex = draft.items.length;
    draft.items.push(null);
    collector = itemCollector;
  }

  function endItem(): void {
    if (itemCollector === null) return;
    const { text, inlines } = finishInlines(itemCollector);
    if (text !== '') (list as ListDraft).items[itemIndex] = { text, inlines };
    itemCollector = null;
    itemIndex = -1;
    collector = null;
  }

  function suspendItem(): void {
    suspendedCollectors.push(itemCollector);
    suspendedIndexes.push(itemIndex);
    itemCollector = null;
    itemIndex = -1;
    collector = null;
  }

  function resumeItem(): void {
    itemCollector = suspendedCollectors.pop() ?? null;
    itemIndex = suspendedIndexes.pop() ?? -1;
    collector = itemCollector;
    if (collector !== null) {
      closeInlinesTo(collector, active.length);
      // The nested list stood between: it reads as white space in the item.
      appendSpace(collector);
    }
  }

  function endList(): void {
    endItem();
    const draft = list as ListDraft;
    list = null;
    // Copied to its exact length, as inline lists are (see `finishInlines`).
    const items = draft.items.filter((entry): entry is ListItem => entry !== null).slice();
    if (items.length === 0) {
      releaseLifted();
      return;
    }
    if (draft.inQuote) {
      const inlines: Inline[] = [];
      items.forEach((entry, index) => {
        if (index > 0) inlines.push({ type: 'break' });
        inlines.push(...entry.inlines);
      });
      (quote as Paragraph[]).push({ type: 'paragraph', text: items.map((entry) => entry.text).join('\n'), inlines: inlines.slice() });
      return;
    }
    emit({ type: 'list', ordered: draft.ordered, start: null, text: items.map((entry) => entry.text).join('\n'), items }, false);
    releaseLifted();
  }

  // --- media ----------------------------------------------------------------

  function releaseLifted(): void {
    if (hasOuterBlock() || lifted.length === 0) return;
    const media = lifted;
    lifted = [];
    for (const block of media) emit(block, false);
  }

  function addMedia(media: Media): void {
    if (pendingCaption !== null && !pendingCaption.used) {
      pendingCaption.used = true;
      if (media.type === 'image') {
        media.caption = pendingCaption.caption;
        media.credit = pendingCaption.credit;
      } else {
        media.caption = pendingCaption.fullCaption;
      }
    }
    if (hasOuterBlock()) {
      lifted.push(media);
      return;
    }
    // Rule 5: a paragraph holding media mid-text is split around it.
    endParagraph();
    emit(media, false);
  }

  // --- figures --------------------------------------------------------------

  function endFigure(): void {
    const buffer = figure as FigureBuffer;
    figure = null;
    const children = buffer.children();
    const caption = takeCaption(children);
    if (caption !== null) removeElement(caption.element);
    const outer = pendingCaption;
    const own: PendingCaption | null = caption === null ? null : { ...caption, used: false };
    if (own !== null) pendingCaption = own;
    const at = figureOffset;
    openContainer();
    replay(children, builder, at, new Set());
    if (own !== null && !own.used) replay([own.element], builder, at, new Set());
    closeFrame(frames.pop() as Frame);
    pendingCaption = outer;
  }

  /** A figure too deep to buffer is read as a plain container from here on. */
  function abandonFigure(): void {
    const buffer = figure as FigureBuffer;
    figure = null;
    diagnostics.report('FIGURE_TOO_DEEP', `Read a <figure> nested deeper than ${FIGURE_MAX_DEPTH} elements as a plain container`, 'info', figureOffset);
    openContainer();
    replay(buffer.children(), builder, figureOffset, buffer.openElements());
  }

  function openContainer(): void {
    boundary();
    frames.push(Frame.Boundary);
  }

  // --- elements -------------------------------------------------------------

  function openInline(entry: ActiveInline): void {
    active.push(active.length >= MAX_INLINE_DEPTH ? NONE : entry);
    frames.push(Frame.Inline);
  }

  function anchor(attributes: Attributes | null): ActiveInline {
    const raw = attributes?.href;
    if (raw === undefined) return NONE;
    const result = urls.resolve(raw, 'link');
    if (!result.ok) {
      problems.unsafe(result.scheme, 'a link');
      return NONE;
    }
    if (result.url === '') return NONE;
    return { type: 'link', href: result.url, title: attributes?.title ?? null };
  }

  function openBlockElement(name: string, kind: Kind, attributes: Attributes | null): void {
    switch (kind) {
      case Kind.Paragraph:
        if (mode !== Mode.Flow) break;
        endParagraph();
        leadClasses.push(paragraphLeadClass);
        paragraphLeadClass = LEAD_CLASS.test(attributes?.class ?? '');
        frames.push(Frame.Paragraph);
        return;
      case Kind.Heading:
        if (mode !== Mode.Flow) break;
        endParagraph();
        if (quote === null) {
          heading = Number(name.charAt(1)) as Heading['level'];
          collector = createInlineCollector();
          enter(Mode.Leaf);
          frames.push(Frame.Heading);
        } else {
          paragraphCollector();
          collectorLeadClass = false;
          enter(Mode.Leaf);
          frames.push(Frame.QuoteHeading);
        }
        return;
      case Kind.Quote:
        if (mode !== Mode.Flow || quote !== null) break;
        endParagraph();
        quote = [];
        frames.push(Frame.Quote);
        return;
      case Kind.List:
        if (mode === Mode.Flow) {
          endParagraph();
          list = { ordered: name === 'ol', items: [], inQuote: quote !== null };
          enter(Mode.List);
          frames.push(Frame.List);
          return;
        }
        if (mode === Mode.Leaf && list !== null) {
          suspendItem();
          enter(Mode.List);
          frames.push(Frame.NestedList);
          return;
        }
        if (mode === Mode.List) {
          endItem();
          suspendItem();
          enter(Mode.List);
          frames.push(Frame.NestedList);
          return;
        }
        break;
      case Kind.ListItem:
        if (mode === Mode.List) {
          endItem();
          startItem();
          enter(Mode.Leaf);
          frames.push(Frame.ListItem);
          return;
        }
        if (mode === Mode.Leaf && list !== null) {
          suspendItem();
          startItem();
          enter(Mode.Leaf);
          frames.push(Frame.NestedItem);
          return;
        }
        break;
      default:
        break;
    }
    // Anything else that is block-like here: a boundary at both ends.
    openContainer();
  }

  function closeFrame(frame: Frame): void {
    switch (frame) {
      case Frame.None:
        return;
      case Frame.Inline:
        active.pop();
        if (collector !== null) closeInlinesTo(collector, active.length);
        return;
      case Frame.Paragraph:
        endParagraph();
        paragraphLeadClass = leadClasses.pop() ?? false;
        return;
      case Frame.Boundary:
        boundary();
        return;
      case Frame.Heading: {
        leave();
        const { text, inlines } = finishInlines(collector as InlineCollector);
        collector = null;
        const level = heading as Heading['level'];
        heading = 0;
        if (text !== '') emit({ type: 'heading', level, text, inlines }, false);
        releaseLifted();
        return;
      }
      case Frame.QuoteHeading:
        leave();
        endParagraph();
        return;
      case Frame.Quote: {
        endParagraph();
        const blocks = quote as Paragraph[];
        quote = null;
        // Copied to its exact length, as inline lists are (see `finishInlines`).
        if (blocks.length > 0) emit({ type: 'quote', text: blocks.map((block) => block.text).join('\n\n'), blocks: blocks.slice() }, false);
        releaseLifted();
        return;
      }
      case Frame.List:
        leave();
        endList();
        return;
      case Frame.NestedList:
        leave();
        endItem();
        resumeItem();
        return;
      case Frame.ListItem:
        leave();
        endItem();
        return;
      case Frame.NestedItem:
        leave();
        endItem();
        resumeItem();
        return;
    }
  }

  function text(value: string): void {
    if (collector === null) {
      if (isBlank(value)) return;
      if (mode === Mode.List) {
        startItem();
      } else {
        paragraphCollector();
      }
    }
    appendText(collector as InlineCollector, active, value);
  }

  const builder: BlockBuilder = {
    openElement(name, attributes, at) {
      if (dropDepth > 0) {
        dropDepth++;
        return;
      }
      const kind = kindOf(name);
      if (kind === Kind.Drop || (attributes !== null && Object.hasOwn(attributes, DROP_ATTRIBUTE_PREFIX))) {
        dropDepth = 1;
        return;
      }
      if (figure !== null) {
        if (figure.depth() < FIGURE_MAX_DEPTH) {
          figure.open(name, attributes);
          return;
        }
        abandonFigure();
      }
      if (player !== null) {
        playerDepth++;
        if (name === 'source') player.addSource(attributes);
        return;
      }
      offset = at;
      switch (kind) {
        case Kind.Transparent:
          frames.push(Frame.None);
          return;
        case Kind.Strong:
          openInline(STRONG);
          return;
        case Kind.Emphasis:
          openInline(EMPHASIS);
          return;
        case Kind.Code:
          openInline(CODE);
          return;
        case Kind.Anchor:
          openInline(anchor(attributes));
          return;
        case Kind.Break:
          if (collector !== null && appendBreak(collector) && mode === Mode.Flow) endParagraph();
          frames.push(Frame.None);
          return;
        case Kind.Image: {
          const image = readImage(attributes, urls, problems);
          if (image !== null) addMedia(image);
          frames.push(Frame.None);
          return;
        }
        case Kind.Iframe: {
          const embed = readEmbed(attributes, urls, problems);
          if (embed !== null) addMedia(embed);
          dropDepth = 1;
          return;
        }
        case Kind.Video:
        case Kind.Audio:
          player = startPlayer(kind === Kind.Video ? 'video' : 'audio', attributes, urls, problems);
          playerDepth = 1;
          return;
        case Kind.Figure:
          figure = createFigureBuffer();
          figureOffset = at;
          return;
        default:
          openBlockElement(name, kind, attributes);
      }
    },
    closeElement() {
      if (dropDepth > 0) {
        dropDepth--;
        return;
      }
      if (figure !== null) {
        if (figure.depth() === 1) endFigure();
        else figure.close();
        return;
      }
      if (player !== null) {
        if (--playerDepth > 0) return;
        const block = player.block;
        player = null;
        if (block !== null) addMedia(block);
        return;
      }
      closeFrame(frames.pop() ?? Frame.None);
    },
    text(value) {
      if (dropDepth > 0 || player !== null) return;
      if (figure !== null) {
        figure.text(value);
        return;
      }
      text(value);
    },
    end() {
      while (frames.length > 0) closeFrame(frames.pop() as Frame);
      endParagraph();
      releaseLifted();
    },
  };
  return builder;
}
