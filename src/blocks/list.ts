import { exactLength, pop, push } from '../text/speed.js';
import type { Attributes } from '../tokens/body-tokenizer.js';
import type { Inline, ListItem } from '../types.js';
import { appendSpace, closeInlinesTo, createInlineCollector, finishInlines } from './inlines.js';
import { ITEM_SEPARATOR, joinTexts } from './joins.js';
import { readWholeNumber } from './media.js';
import { endParagraph, openContainer } from './paragraph.js';
import { emit, releaseLifted } from './placement.js';
import { Frame, Mode, pushFrame, type BlockState, type ListDraft } from './state.js';

/**
 * Rule 4: `<ul>`/`<ol>` are lists with one item per `<li>`; items of nested
 * lists join the outer list in document order, and a nested list reads as a
 * space in the item around it. Inside a quote, a list is one of the quote's
 * paragraphs, its items separated by breaks.
 */

export function openList(state: BlockState, name: string, attributes: Attributes | null): void {
  switch (state.mode) {
    case Mode.Flow:
      endParagraph(state);
      state.list = {
        ordered: name === 'ol',
        start: name === 'ol' && attributes !== null ? readWholeNumber(attributes.start) : null,
        items: [],
        inQuote: state.quote !== null,
      };
      pushFrame(state, Frame.List);
      break;
    case Mode.Leaf:
      if (state.list === null) {
        openContainer(state);
        return;
      }
      suspendItem(state);
      pushFrame(state, Frame.NestedList);
      break;
    case Mode.List:
      endItem(state);
      suspendItem(state);
      pushFrame(state, Frame.NestedList);
      break;
    default:
      openContainer(state);
      return;
  }
  state.mode = Mode.List;
}

export function openItem(state: BlockState): void {
  if (state.mode === Mode.List) {
    endItem(state);
    startItem(state);
    pushFrame(state, Frame.ListItem);
  } else if (state.mode === Mode.Leaf && state.list !== null) {
    suspendItem(state);
    startItem(state);
    pushFrame(state, Frame.NestedItem);
  } else {
    openContainer(state);
    return;
  }
  state.mode = Mode.Leaf;
}

/** An item starts, at `<li>` or at text standing between items. */
export function startItem(state: BlockState): void {
  const list = state.list!;
  const collector = createInlineCollector();
  state.itemCollector = collector;
  state.itemIndex = list.items.length;
  list.items.push(null);
  state.collector = collector;
}

function endItem(state: BlockState): void {
  const collector = state.itemCollector;
  if (collector === null) return;
  const { text, inlines } = finishInlines(collector);
  if (text !== '') state.list!.items[state.itemIndex] = { text, inlines };
  state.itemCollector = null;
  state.itemIndex = -1;
  state.collector = null;
}

function suspendItem(state: BlockState): void {
  push(state.suspendedCollectors, state.itemCollector);
  push(state.suspendedIndexes, state.itemIndex);
  state.itemCollector = null;
  state.itemIndex = -1;
  state.collector = null;
}

function resumeItem(state: BlockState): void {
  const collector = pop(state.suspendedCollectors) ?? null;
  state.itemCollector = collector;
  state.itemIndex = pop(state.suspendedIndexes) ?? -1;
  state.collector = collector;
  if (collector !== null) {
    closeInlinesTo(collector, state.active.length);
    // The nested list stood between: it reads as white space in the item.
    appendSpace(collector);
  }
}

export const closeItem = endItem;

export function closeNested(state: BlockState): void {
  endItem(state);
  resumeItem(state);
}

export function closeList(state: BlockState): void {
  endItem(state);
  const draft = state.list as ListDraft;
  state.list = null;
  const items: ListItem[] = [];
  for (const item of draft.items) if (item !== null) items.push(item);
  if (items.length === 0) {
    releaseLifted(state);
    return;
  }
  const text = joinTexts(items, ITEM_SEPARATOR);
  if (draft.inQuote) {
    const inlines: Inline[] = [];
    for (let index = 0; index < items.length; index++) {
      if (index > 0) inlines.push({ type: 'break' });
      for (const inline of (items[index] as ListItem).inlines) inlines.push(inline);
    }
    state.quote!.push({ type: 'paragraph', text, inlines });
    return;
  }
  emit(state, { type: 'list', ordered: draft.ordered, start: draft.start, text, items: exactLength(items) }, null);
  releaseLifted(state);
}
