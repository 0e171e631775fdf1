import type { Attributes } from '../tokens/body-tokenizer.js';
import type { Paragraph } from '../types.js';
import { appendSpace, createInlineCollector, finishInlines, type InlineCollector } from './inlines.js';
import { emit } from './placement.js';
import { Frame, Mode, pushFrame, type BlockState } from './state.js';

/**
 * Rule 3: paragraphs. A `<p>` is a paragraph; text standing in a block
 * container forms paragraphs too, split at every block start and end.
 */

/** `<p>`: in flow, a paragraph of its own; anywhere else, a block container. */
export function openParagraph(state: BlockState, attributes: Attributes | null): void {
  if (state.mode !== Mode.Flow) {
    openContainer(state);
    return;
  }
  endParagraph(state);
  state.paragraphClasses.push(state.paragraphClass);
  state.paragraphClass = attributes === null ? null : (attributes.class ?? null);
  pushFrame(state, Frame.Paragraph);
}

export function closeParagraph(state: BlockState): void {
  endParagraph(state);
  state.paragraphClass = state.paragraphClasses.pop() ?? null;
}

/** The collector of the paragraph being read, started by its first text. */
export function paragraphCollector(state: BlockState): InlineCollector {
  let collector = state.collector;
  if (collector === null) {
    collector = createInlineCollector();
    state.collector = collector;
    state.collectorClass = state.quote === null ? state.paragraphClass : null;
  }
  return collector;
}

/** Ends the paragraph being read in flow; an empty one is dropped. */
export function endParagraph(state: BlockState): void {
  const collector = state.collector;
  if (collector === null) return;
  state.collector = null;
  const { text, inlines } = finishInlines(collector);
  if (text === '') return;
  const paragraph: Paragraph = { type: 'paragraph', text, inlines };
  if (state.quote !== null) state.quote.push(paragraph);
  else emit(state, paragraph, state.collectorClass);
}

/** A block element starts or ends here: in flow it ends the paragraph, in a leaf block it reads as a space. */
export function boundary(state: BlockState): void {
  if (state.mode === Mode.Flow) endParagraph(state);
  else if (state.collector !== null) appendSpace(state.collector);
}

/** Any other block element: a boundary at both ends. */
export function openContainer(state: BlockState): void {
  boundary(state);
  pushFrame(state, Frame.Container);
}

export const closeContainer = boundary;
