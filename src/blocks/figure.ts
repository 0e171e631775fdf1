import { depth } from '../text/speed.js';
import { collapseWhitespace, isEdgeSpace } from '../text/whitespace.js';
import type { Attributes } from '../tokens/body-tokenizer.js';
import type { Media } from '../types.js';
import { boundary, openContainer } from './paragraph.js';
import { releaseHeld } from './placement.js';
import { Frame, Mode, pushFrame, type BlockState, type CaptionDraft } from './state.js';

/**
 * Rule 5, figures: a `<figure>`'s `<figcaption>` (a child of the figure) is
 * the caption of its first media block, wherever the two stand; a `<small>`,
 * `<cite>` or `*credit*` class element in it is an image's credit. Caption
 * text is not body text. A figure without media is a block container, its
 * caption read as body text where the figure ends.
 *
 * The caption's text is collected as it comes, and its events are kept, to be
 * read as body text when the figure turns out to have no media. Media inside
 * the caption are read as they come, and so is a figure inside the caption: a
 * figure of its own, its content read as where the caption stands, a block
 * boundary to the caption. The blocks of a figure are held until the outermost
 * figure ends, so that each is handed on complete.
 */

/** Figures inside this many open figures are read as plain containers. */
export const FIGURE_MAX_DEPTH = 64;

const enum CaptionEvent {
  Open,
  Close,
  Text,
  /** Markup the replay reads as markup only: a comment, an end tag that closes nothing, a dropped or media element. */
  Markup,
}

export function openFigure(state: BlockState): void {
  if (isTooDeep(state)) {
    openContainer(state);
    return;
  }
  boundary(state);
  state.figures.push({ free: null, caption: null, depth: depth(state.frames) });
  pushFrame(state, Frame.Figure);
}

/** Whether a figure opening now is inside {@link FIGURE_MAX_DEPTH} open figures (told once, where it opens). */
function isTooDeep(state: BlockState): boolean {
  if (state.figures.length < FIGURE_MAX_DEPTH) return false;
  // A caption read again as body text holds the figure again: it was told where it opened.
  if (!state.replaying) state.diagnostics.report('FIGURE_TOO_DEEP', `Read a <figure> inside ${FIGURE_MAX_DEPTH} open figures as a plain container`, 'info', state.offset);
  return true;
}

/**
 * A `<figure>` inside a caption is a figure of its own, its content read as a figure's (its media
 * captioned by its own caption, which the outer figure's media never take); to the caption around
 * it, it is a block boundary. Its frame keeps the caption's mode, which goes on when it ends.
 * Too deep, it is a part of the caption, as any other element.
 */
export function openFigureInCaption(state: BlockState, name: string, attributes: Attributes | null): void {
  if (isTooDeep(state)) {
    openCaptionPart(state, name, attributes, true);
    return;
  }
  const caption = state.caption!;
  // Replayed as body text, the caption reads the figure as a block boundary only.
  record(caption, CaptionEvent.Open, 'div', null, state.offset);
  addText(caption, ' ');
  state.figures.push({ free: null, caption: null, depth: depth(state.frames) });
  pushFrame(state, Frame.Figure);
  // Its content is read as where the caption stands (the body, a list item, a heading).
  state.mode = caption.mode;
}

export function closeFigure(state: BlockState): void {
  // A figure inside a caption ends as its content was read (where the caption stands); the caption goes on after it.
  const inCaption = state.mode === Mode.Caption;
  if (inCaption) state.mode = state.caption!.mode;
  const { figures } = state;
  const figure = figures[figures.length - 1]!;
  const caption = figure.caption;
  let claimed = false;
  if (caption !== null) {
    if (figure.free !== null) {
      giveCaption(figure.free, caption);
      claimed = true;
    } else {
      replayCaption(state, caption);
    }
  }
  // The figure's last paragraph is still held with the rest.
  boundary(state);
  figures.pop();
  const outer = figures[figures.length - 1];
  if (outer !== undefined) {
    if (outer.free === null && !claimed) outer.free = figure.free;
  } else {
    releaseHeld(state);
  }
  if (inCaption) {
    state.mode = Mode.Caption;
    record(state.caption!, CaptionEvent.Close, '', null, 0);
    addText(state.caption!, ' ');
  }
}

/** `<figcaption>`: the caption of the figure when it is the figure's first, as its child; else a container. */
export function openFigcaption(state: BlockState, attributes: Attributes | null): void {
  const figure = state.figures[state.figures.length - 1];
  if (figure === undefined || figure.caption !== null || figure.depth + 1 !== depth(state.frames) || state.replaying) {
    openContainer(state);
    return;
  }
  const caption: CaptionDraft = { full: '', plain: '', credits: '', creditDepth: 0, parts: [], breaks: null, events: [], outer: state.caption, mode: state.mode };
  figure.caption = caption;
  state.caption = caption;
  record(caption, CaptionEvent.Open, 'figcaption', attributes, state.offset);
  pushFrame(state, Frame.Caption);
  state.mode = Mode.Caption;
}

export function closeFigcaption(state: BlockState): void {
  const caption = state.caption!;
  record(caption, CaptionEvent.Close, 'figcaption', null, 0);
  state.caption = caption.outer;
}

/** An element inside the caption (media aside, which are read as they come). */
export function openCaptionPart(state: BlockState, name: string, attributes: Attributes | null, blockLike: boolean): void {
  const caption = state.caption!;
  record(caption, CaptionEvent.Open, name, attributes, state.offset);
  if (caption.creditDepth > 0) {
    caption.creditDepth++;
  } else if (isCredit(name, attributes)) {
    if (caption.credits !== '') caption.credits += ' ';
    caption.creditDepth = 1;
  }
  if (name === 'br') captionBreak(caption);
  else if (blockLike) addText(caption, ' ');
  caption.parts.push(blockLike);
  pushFrame(state, Frame.CaptionPart);
}

export function closeCaptionPart(state: BlockState): void {
  const caption = state.caption!;
  record(caption, CaptionEvent.Close, '', null, 0);
  if (caption.creditDepth > 0) caption.creditDepth--;
  if (caption.parts.pop() === true) addText(caption, ' ');
}

export function captionText(state: BlockState, value: string): void {
  const caption = state.caption!;
  record(caption, CaptionEvent.Text, value, null, 0);
  addText(caption, value);
}

/** Markup inside the caption that the replay reads as markup only (a line feed after it is kept, rule 4). */
export function captionMarkup(state: BlockState): void {
  record(state.caption!, CaptionEvent.Markup, '', null, 0);
}

/**
 * Rule 2: a `<br>` reads as a space in a caption, with the white space and U+3000 around it
 * dropped; where it stands is kept, and the dropping done once, when the caption is given
 * ({@link withoutSpaceAroundBreaks}): trimming the text at each `<br>` would copy it each time.
 */
function captionBreak(caption: CaptionDraft): void {
  const breaks = (caption.breaks ??= { full: [], plain: [], credits: [] });
  breaks.full.push(caption.full.length);
  if (caption.creditDepth > 0) breaks.credits.push(caption.credits.length);
  else breaks.plain.push(caption.plain.length);
  addText(caption, ' ');
}

/** `text` with the white space and U+3000 around each break (at `breaks`, where a space stands) dropped. */
function withoutSpaceAroundBreaks(text: string, breaks: readonly number[]): string {
  if (breaks.length === 0) return text;
  let result = '';
  let start = 0;
  for (const at of breaks) {
    let end = at;
    while (end > start && isEdgeSpace(text.charCodeAt(end - 1))) end--;
    result += `${text.slice(start, end)} `;
    start = Math.max(start, at);
    while (start < text.length && isEdgeSpace(text.charCodeAt(start))) start++;
  }
  return result + text.slice(start);
}

function addText(caption: CaptionDraft, value: string): void {
  caption.full += value;
  if (caption.creditDepth > 0) caption.credits += value;
  else caption.plain += value;
}

function record(caption: CaptionDraft, event: CaptionEvent, name: string, attributes: Attributes | null, offset: number): void {
  caption.events.push(event, name, attributes, offset);
}

function isCredit(name: string, attributes: Attributes | null): boolean {
  if (name === 'small' || name === 'cite') return true;
  const className = attributes === null ? undefined : attributes.class;
  return className !== undefined && className.toLowerCase().includes('credit');
}

function orNull(raw: string): string | null {
  const text = collapseWhitespace(raw);
  return text === '' ? null : text;
}

/** An image takes the caption without its credits, and the credits; other media the whole caption. */
function giveCaption(media: Media, caption: CaptionDraft): void {
  const { breaks } = caption;
  if (media.type === 'image') {
    media.caption = orNull(breaks === null ? caption.plain : withoutSpaceAroundBreaks(caption.plain, breaks.plain));
    media.credit = orNull(breaks === null ? caption.credits : withoutSpaceAroundBreaks(caption.credits, breaks.credits));
  } else {
    media.caption = orNull(breaks === null ? caption.full : withoutSpaceAroundBreaks(caption.full, breaks.full));
  }
}

/** A caption without media to go to is read as body text, where the figure ends. */
function replayCaption(state: BlockState, caption: CaptionDraft): void {
  const { sink } = state;
  state.replaying = true;
  const { events } = caption;
  // Elements the sink drops on opening (`<br>`, `<hr>`) get no close: their recorded content and close are skipped.
  let skipped = 0;
  for (let index = 0; index < events.length; index += 4) {
    const event = events[index] as CaptionEvent;
    const value = events[index + 1] as string;
    if (skipped > 0) {
      if (event === CaptionEvent.Open) skipped++;
      else if (event === CaptionEvent.Close) skipped--;
    } else if (event === CaptionEvent.Open) {
      if (sink.openElement(value, events[index + 2] as Attributes | null, events[index + 3] as number) === true) skipped = 1;
    } else if (event === CaptionEvent.Close) {
      sink.closeElement(value);
    } else if (event === CaptionEvent.Markup) {
      sink.markup?.();
    } else {
      sink.text(value);
    }
  }
  state.replaying = false;
}
