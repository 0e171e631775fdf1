import { BLOCK_SEPARATOR, joinTexts } from './joins.js';
import { endParagraph, openContainer } from './paragraph.js';
import { emit, releaseLifted } from './placement.js';
import { Frame, Mode, pushFrame, type BlockState } from './state.js';

/**
 * Rule 4: a `<blockquote>` is a quote whose inner blocks become its
 * paragraphs. A quote inside a quote is a block container of the outer one.
 */

export function openQuote(state: BlockState): void {
  if (state.mode !== Mode.Flow || state.quote !== null) {
    openContainer(state);
    return;
  }
  endParagraph(state);
  state.quote = [];
  pushFrame(state, Frame.Quote);
}

export function closeQuote(state: BlockState): void {
  endParagraph(state);
  const blocks = state.quote!;
  state.quote = null;
  if (blocks.length > 0) emit(state, { type: 'quote', text: joinTexts(blocks, BLOCK_SEPARATOR), blocks: blocks.slice() }, null);
  releaseLifted(state);
}
