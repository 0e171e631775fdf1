import { DomHandler, isTag, isText, type ChildNode, type Element } from 'domhandler';
import { findAll, findOne } from 'domutils';
import { collapseWhitespace } from '../text/whitespace.js';
import type { Attributes, TokenSink } from '../tokens/body-tokenizer.js';
import { isBlockLike, kindOf } from './kinds.js';

/**
 * A `<figure>` means what it contains: its caption belongs to its first media
 * block, wherever the two stand. So a figure is buffered as a small
 * domhandler tree, read with domutils, and replayed into the block stage.
 */

/** Deeper figures are not buffered: they are read as plain containers. */
export const FIGURE_MAX_DEPTH = 64;

export interface FigureBuffer {
  open(name: string, attributes: Attributes | null): void;
  close(): void;
  text(value: string): void;
  /** Open elements inside the figure, the figure itself included. */
  depth(): number;
  /** The figure's children so far. */
  children(): ChildNode[];
  /** Elements opened and not yet closed. */
  openElements(): ReadonlySet<Element>;
}

export function createFigureBuffer(): FigureBuffer {
  const handler = new DomHandler();
  const openElements: Element[] = [];
  return {
    open(name, attributes) {
      handler.onopentag(name, attributes ?? {});
      openElements.push(currentElement(handler));
    },
    close() {
      handler.onclosetag();
      openElements.pop();
    },
    text(value) {
      handler.ontext(value);
    },
    depth() {
      return openElements.length + 1;
    },
    children() {
      return handler.root.children;
    },
    openElements() {
      return new Set(openElements);
    },
  };
}

function currentElement(handler: DomHandler): Element {
  // The element just opened is the last child of its parent, the deepest open element.
  let node: ChildNode | undefined = handler.root.children[handler.root.children.length - 1];
  let element: Element | null = null;
  while (node !== undefined && isTag(node)) {
    element = node;
    node = node.children[node.children.length - 1];
  }
  return element as Element;
}

export interface FigureCaption {
  /** The caption element, taken out of the figure. */
  element: Element;
  /** Caption text without the credit. */
  caption: string | null;
  /** Caption text with the credit left in (for media that have no credit field). */
  fullCaption: string | null;
  credit: string | null;
}

function isCredit(element: Element): boolean {
  if (element.name === 'small' || element.name === 'cite') return true;
  const className = element.attribs.class;
  return className !== undefined && className.toLowerCase().includes('credit');
}

/** Finds the figure's `<figcaption>` (a child of the figure) and reads it. */
export function takeCaption(children: ChildNode[]): FigureCaption | null {
  const element = findOne((node) => node.name === 'figcaption', children, false);
  if (element === null) return null;
  const credits = findAll(isCredit, element.children).filter((credit) => !hasCreditAncestor(credit, element));
  const creditSet = new Set<Element>(credits);
  const credit = orNull(credits.map((node) => textOf([node], new Set())).join(' '));
  return {
    element,
    caption: orNull(textOf(element.children, creditSet)),
    fullCaption: orNull(textOf(element.children, new Set())),
    credit,
  };
}

function hasCreditAncestor(node: Element, caption: Element): boolean {
  for (let parent = node.parent; parent !== null && parent !== caption; parent = parent.parent) {
    if (isTag(parent) && isCredit(parent)) return true;
  }
  return false;
}

function orNull(text: string): string | null {
  const collapsed = collapseWhitespace(text);
  return collapsed === '' ? null : collapsed;
}

/** Text of nodes, leaving out `skip` subtrees; block boundaries and `<br>` read as spaces. */
function textOf(nodes: readonly ChildNode[], skip: ReadonlySet<Element>): string {
  let text = '';
  const stack: { nodes: readonly ChildNode[]; index: number; blockLike: boolean }[] = [{ nodes, index: 0, blockLike: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as (typeof stack)[number];
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      if (frame.blockLike) text += ' ';
      continue;
    }
    const node = frame.nodes[frame.index++] as ChildNode;
    if (isText(node)) {
      text += node.data;
    } else if (isTag(node) && !skip.has(node)) {
      const blockLike = isBlockLike(kindOf(node.name));
      if (blockLike) text += ' ';
      stack.push({ nodes: node.children, index: 0, blockLike });
    }
  }
  return text;
}

/**
 * Replays nodes as token events. Elements in `stillOpen` are opened but not
 * closed: their end is yet to come from the input.
 */
export function replay(nodes: readonly ChildNode[], sink: TokenSink, offset: number, stillOpen: ReadonlySet<Element>): void {
  const stack: { nodes: readonly ChildNode[]; index: number; element: Element | null }[] = [
    { nodes, index: 0, element: null },
  ];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as (typeof stack)[number];
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      if (frame.element !== null && !stillOpen.has(frame.element)) sink.closeElement(frame.element.name);
      continue;
    }
    const node = frame.nodes[frame.index++] as ChildNode;
    if (isTag(node)) {
      sink.openElement(node.name, node.attribs, offset);
      stack.push({ nodes: node.children, index: 0, element: node });
    } else if (isText(node)) {
      sink.text(node.data);
    }
  }
}
