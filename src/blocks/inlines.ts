import { isCollapsibleSpace, isEdgeSpace, normalizeText } from '../text/whitespace.js';
import type { Inline } from '../types.js';
import { LINE_BREAK } from './joins.js';

/**
 * Collects the inline content of one leaf block (a paragraph, a heading, a
 * list item) as text arrives, applying rules 1 and 2 as it goes: white space
 * collapses across element boundaries, white space and U+3000 are trimmed at
 * the ends (and around a break), a `<br>` becomes a `break` (dropped at the
 * ends), and formatting that is open when content arrives is materialized
 * around it.
 *
 * Formatting lives outside the collector (`active`), because it outlives
 * blocks: in `<b><p>a</p><p>b</p></b>` both paragraphs are strong. `active`
 * holds only formatting that makes a node, at most {@link MAX_INLINE_DEPTH}
 * entries, so a new block materializes a bounded number of nodes however
 * many elements are left open.
 *
 * A collector is a plain record worked on by the functions below: one
 * allocation per block.
 */

/** Inline formatting nested deeper than this is read as transparent. */
export const MAX_INLINE_DEPTH = 64;

export type ActiveInline =
  | { readonly type: 'strong' | 'emphasis' | 'code' }
  | { readonly type: 'link'; readonly href: string; readonly title: string | null };

type ContainerInline = Extract<Inline, { children: Inline[] }>;
type CodeInline = Extract<Inline, { type: 'code' }>;
type ValueInline = Extract<Inline, { value: string }>;

export interface InlineCollector {
  readonly inlines: Inline[];
  /**
   * For each materialized entry of `active`, the children list that content
   * goes to from that depth on (its own node's, or its parent's where the
   * entry adds no node).
   */
  open: Inline[][];
  /** Children of the innermost materialized container. */
  target: Inline[];
  /** Inside a materialized `code`, all text goes to its value. */
  code: CodeInline | null;
  codeDepth: number;
  /**
   * The text or code node whose value is growing, and its pieces so far:
   * they are joined once, when the node is complete (`endRun`), into one
   * string of its own rather than a chain of concatenations.
   */
  run: ValueInline | null;
  runPieces: string[];
  hasContent: boolean;
  /**
   * White space seen after the content so far, collapsed: `''`, `' '`, or a
   * mix of one-space runs and U+3000. Written out when more content follows;
   * dropped at the end of the block and before a break.
   */
  pendingSpace: string;
  pendingBreak: boolean;
}

export interface CollectedInlines {
  text: string;
  inlines: Inline[];
}

/**
 * The `open` of a collector that has materialized nothing yet: most never do
 * (plain text), so they share this one, and `materialize` gives a collector its
 * own on first use. Nothing is ever pushed to it.
 */
const NOTHING_OPEN: Inline[][] = [];

/** The `runPieces` of a collector with no run: nothing is ever pushed to it. */
const NO_PIECES: string[] = [];

export function createInlineCollector(): InlineCollector {
  const inlines: Inline[] = [];
  return {
    inlines,
    open: NOTHING_OPEN,
    target: inlines,
    code: null,
    codeDepth: -1,
    run: null,
    runPieces: NO_PIECES,
    hasContent: false,
    pendingSpace: '',
    pendingBreak: false,
  };
}

function materialize(collector: InlineCollector, active: readonly ActiveInline[]): void {
  if (collector.open === NOTHING_OPEN) collector.open = [];
  const { open } = collector;
  while (open.length < active.length) {
    const entry = active[open.length] as ActiveInline;
    if (collector.code !== null) {
      open.push(collector.target);
    } else if (entry.type === 'code') {
      const code: CodeInline = { type: 'code', value: '' };
      collector.code = code;
      collector.codeDepth = open.length;
      collector.target.push(code);
      open.push(collector.target);
    } else {
      const node: ContainerInline =
        entry.type === 'link'
          ? { type: 'link', href: entry.href, title: entry.title, children: [] }
          : { type: entry.type, children: [] };
      collector.target.push(node);
      open.push(node.children);
      collector.target = node.children;
    }
  }
}

function put(collector: InlineCollector, value: string): void {
  if (collector.code !== null) {
    extend(collector, collector.code, value);
    return;
  }
  const { target } = collector;
  const previous = target[target.length - 1];
  if (previous !== undefined && previous.type === 'text') extend(collector, previous, value);
  else target.push({ type: 'text', value });
}

/** Adds `value` to the end of `node.value`, once the run ends. */
function extend(collector: InlineCollector, node: ValueInline, value: string): void {
  if (collector.run === node) {
    collector.runPieces.push(value);
    return;
  }
  endRun(collector);
  collector.run = node;
  collector.runPieces = [node.value, value];
}

/** Gives the growing node its value: its pieces joined. */
function endRun(collector: InlineCollector): void {
  const { run } = collector;
  if (run === null) return;
  run.value = collector.runPieces.join('');
  collector.run = null;
  collector.runPieces = NO_PIECES;
}

/** Emits the pending space or break where the content before it stands. */
function flushPending(collector: InlineCollector): void {
  if (collector.pendingBreak) {
    if (collector.code !== null) extend(collector, collector.code, LINE_BREAK);
    else collector.target.push({ type: 'break' });
  } else if (collector.pendingSpace !== '') {
    put(collector, collector.pendingSpace);
  }
  collector.pendingBreak = false;
  collector.pendingSpace = '';
}

/** `raw[start, end)`, all edge space, collapsed: one space, or the runs around each U+3000. */
function spaceOf(raw: string, start: number, end: number): string {
  for (let index = start; index < end; index++) {
    if (!isCollapsibleSpace(raw.charCodeAt(index))) return normalizeText(raw.slice(start, end));
  }
  return ' ';
}

function addSpace(collector: InlineCollector, space: string): void {
  const pending = collector.pendingSpace;
  if (pending === '') collector.pendingSpace = space;
  else if (pending !== ' ' || space !== ' ') collector.pendingSpace = normalizeText(pending + space);
}

/**
 * Appends decoded text. White space at its ends (U+3000 included) only adds
 * to the pending space; the rest is normalized (`normalizeText`) when it
 * needs to be.
 */
export function appendText(collector: InlineCollector, active: readonly ActiveInline[], raw: string): void {
  const length = raw.length;
  let start = 0;
  while (start < length && isEdgeSpace(raw.charCodeAt(start))) start++;
  if (start === length) {
    if (length > 0 && collector.hasContent) addSpace(collector, spaceOf(raw, 0, length));
    return;
  }
  let end = length;
  while (isEdgeSpace(raw.charCodeAt(end - 1))) end--;
  if (collector.hasContent) {
    if (start > 0) addSpace(collector, spaceOf(raw, 0, start));
    flushPending(collector);
  }
  if (collector.open.length < active.length) materialize(collector, active);
  put(collector, normalizeText(start === 0 && end === length ? raw : raw.slice(start, end)));
  collector.hasContent = true;
  if (end < length) collector.pendingSpace = spaceOf(raw, end, length);
}

/** A block boundary inside a leaf block: reads as white space. */
export function appendSpace(collector: InlineCollector): void {
  if (collector.hasContent) addSpace(collector, ' ');
}

/** A `<br>`. Returns true when it directly follows another one (only white space between). */
export function appendBreak(collector: InlineCollector): boolean {
  if (!collector.hasContent) return false;
  if (collector.pendingBreak) return true;
  collector.pendingBreak = true;
  collector.pendingSpace = '';
  return false;
}

/** Formatting at `depth` and deeper has ended. */
export function closeInlinesTo(collector: InlineCollector, depth: number): void {
  const { open } = collector;
  if (open.length <= depth) return;
  open.length = depth;
  if (collector.code !== null && collector.codeDepth >= depth) {
    collector.code = null;
    collector.codeDepth = -1;
  }
  collector.target = depth === 0 ? collector.inlines : (open[depth - 1] as Inline[]);
}

/** The collected inlines and their text (a break reads as a line feed). */
export function finishInlines(collector: InlineCollector): CollectedInlines {
  endRun(collector);
  const inlines = compact(collector.inlines);
  const only = inlines.length === 1 ? inlines[0] : undefined;
  return { text: only !== undefined && only.type === 'text' ? only.value : textOfInlines(inlines, LINE_BREAK), inlines };
}

/**
 * The same inlines in arrays of their exact length. An array that grew by
 * `push` keeps room for 16 or more entries; most inline lists hold one or
 * two, and an Article keeps every one of them.
 */
function compact(inlines: Inline[]): Inline[] {
  const length = inlines.length;
  if (length === 1) {
    const only = inlines[0] as Inline;
    if (only.type === 'strong' || only.type === 'emphasis' || only.type === 'link') only.children = compact(only.children);
    return [only];
  }
  for (let index = 0; index < length; index++) {
    const inline = inlines[index] as Inline;
    if (inline.type === 'strong' || inline.type === 'emphasis' || inline.type === 'link') inline.children = compact(inline.children);
  }
  return length === 0 ? [] : inlines.slice();
}

/** The text of inlines, a break read as `lineBreak`. */
export function textOfInlines(inlines: readonly Inline[], lineBreak: string): string {
  let text = '';
  for (const inline of inlines) {
    if (inline.type === 'text' || inline.type === 'code') text += inline.value;
    else if (inline.type === 'break') text += lineBreak;
    else text += textOfInlines(inline.children, lineBreak);
  }
  return text;
}
