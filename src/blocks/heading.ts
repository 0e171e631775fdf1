import type { Heading } from '../types.js';
import { createInlineCollector, finishInlines } from './inlines.js';
import { endParagraph, openContainer, paragraphCollector } from './paragraph.js';
import { emit, releaseLifted } from './placement.js';
import { Frame, Mode, pushFrame, type BlockState } from './state.js';

/**
 * Rule 4: `<h1>`–`<h6>` are headings. Block structure inside one reads as a
 * space; inside a quote, a heading is one of the quote's paragraphs.
 */

export function openHeading(state: BlockState, name: string): void {
  if (state.mode !== Mode.Flow) {
    openContainer(state);
    return;
  }
  endParagraph(state);
  if (state.quote !== null) {
    paragraphCollector(state);
    pushFrame(state, Frame.QuoteHeading);
  } else {
    state.headingLevel = (name.charCodeAt(1) - 0x30) as Heading['level'];
    state.collector = createInlineCollector();
    pushFrame(state, Frame.Heading);
  }
  state.mode = Mode.Leaf;
}

export function closeHeading(state: BlockState): void {
  const { text, inlines } = finishInlines(state.collector!);
  state.collector = null;
  const level = state.headingLevel as Heading['level'];
  state.headingLevel = 0;
  if (text !== '') emit(state, { type: 'heading', level, text, inlines }, null);
  releaseLifted(state);
}

export const closeQuoteHeading = endParagraph;
