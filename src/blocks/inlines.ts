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
 * A collector is a plain record worked on by the functions below. Its nodes
 * go to one list (`nodes`, every open level after its parent's), and each
 * container gets its children as one exact-length slice of it when its level
 * closes: an Article keeps every inline list, and a list grown by `push` keeps
 * spare room (bench/README.md). Text is held as pieces until something else
 * comes, then becomes one node whose value is the pieces joined once (one
 * string of its own rather than a chain of concatenations).
 */

const SPACE = 0x20;

/** Inline formatting nested deeper than this is read as transparent. */
export const MAX_INLINE_DEPTH = 64;

export type ActiveInline =
  | { readonly type: 'strong' | 'emphasis' | 'code' }
  | { readonly type: 'link'; readonly href: string; readonly title: string | null };

type ContainerInline = Extract<Inline, { children: Inline[] }>;
type CodeInline = Extract<Inline, { type: 'code' }>;

export interface InlineCollector {
  /** The nodes of every open level, each level's after the container that opened it. */
  nodes: Inline[];
  /**
   * For each materialized entry of `active`, the container it added (its
   * children start at `starts[depth]` in `nodes`), or null where it added none.
   */
  open: (ContainerInline | null)[];
  starts: number[];
  /**
   * The level of `active` where a `<code>` is open, or -1. Code holds text only: formatting inside
   * it adds no node, and a link inside it ends the code node before it and holds a code node of
   * its own, so text goes to a code node made when it comes, in the innermost container.
   */
  codeAt: number;
  /** The code node text goes to now, and the level whose end ends it. */
  code: CodeInline | null;
  codeDepth: number;
  /** The text not yet made a node (or the open code's value): its first piece, then the rest. */
  run: string | null;
  runPieces: string[];
  hasContent: boolean;
  /**
   * White space seen after the content so far, collapsed: `''`, `' '`, or a
   * mix of one-space runs and U+3000. Written out when more content follows;
   * dropped at the end of the block and before a break.
   */
  pendingSpace: string;
  /** Whether `pendingSpace` ends in a space (not U+3000): kept here, as reading the last character of a long pending space would copy it. */
  pendingEndsInSpace: boolean;
  pendingBreak: boolean;
}

export interface CollectedInlines {
  text: string;
  inlines: Inline[];
}

/**
 * Shared empty lists, replaced by a collector's own on first use: most
 * collectors hold one text node and never need them. Nothing is ever pushed
 * to these.
 */
const NO_NODES: Inline[] = [];
const NOTHING_OPEN: (ContainerInline | null)[] = [];
const NO_STARTS: number[] = [];
const NO_PIECES: string[] = [];
/** The children of a container until its level closes. */
const NO_CHILDREN: Inline[] = [];

export function createInlineCollector(): InlineCollector {
  return {
    nodes: NO_NODES,
    open: NOTHING_OPEN,
    starts: NO_STARTS,
    codeAt: -1,
    code: null,
    codeDepth: -1,
    run: null,
    runPieces: NO_PIECES,
    hasContent: false,
    pendingSpace: '',
    pendingEndsInSpace: false,
    pendingBreak: false,
  };
}

function pushNode(collector: InlineCollector, node: Inline): void {
  if (collector.nodes === NO_NODES) collector.nodes = [node];
  else collector.nodes.push(node);
}

function materialize(collector: InlineCollector, active: readonly ActiveInline[]): void {
  if (collector.open === NOTHING_OPEN) {
    collector.open = [];
    collector.starts = [];
  }
  const { open, starts } = collector;
  while (open.length < active.length) {
    const entry = active[open.length] as ActiveInline;
    if (entry.type === 'code') {
      // `<code>` is never open inside `<code>` (rule 1): its node is made when text comes.
      collector.codeAt = open.length;
      open.push(null);
      starts.push(-1);
    } else if (collector.codeAt !== -1 && entry.type !== 'link') {
      open.push(null);
      starts.push(-1);
    } else {
      endCode(collector);
      endRun(collector);
      const node: ContainerInline =
        entry.type === 'link'
          ? { type: 'link', href: entry.href, title: entry.title, children: NO_CHILDREN }
          : { type: entry.type, children: NO_CHILDREN };
      pushNode(collector, node);
      open.push(node);
      starts.push(collector.nodes.length);
    }
  }
}

/**
 * Text comes inside an open `<code>`: a code node in the innermost container, ended by the end of
 * that container or of the code (`<code>a<a href>b</a>c</code>` is the code `a`, a link of the
 * code `b`, and the code `c`).
 */
function startCode(collector: InlineCollector): void {
  endRun(collector);
  const code: CodeInline = { type: 'code', value: '' };
  pushNode(collector, code);
  collector.code = code;
  const { open, codeAt } = collector;
  let depth = open.length - 1;
  while (depth > codeAt && open[depth] === null) depth--;
  collector.codeDepth = depth;
}

/** Ends the code node text goes to, if any. */
function endCode(collector: InlineCollector): void {
  if (collector.code === null) return;
  endRun(collector);
  collector.code = null;
  collector.codeDepth = -1;
}

/**
 * A link about to open inside the code node: the node ends first, so the space or break between
 * stands outside it, as where the code element ends before the link.
 */
function endCodeBeforeLink(collector: InlineCollector, active: readonly ActiveInline[]): void {
  for (let level = collector.open.length; level < active.length; level++) {
    if ((active[level] as ActiveInline).type === 'link') {
      endCode(collector);
      return;
    }
  }
}

/** Adds text to the run (of the open code, or of a text node to come). */
function put(collector: InlineCollector, value: string): void {
  if (collector.run === null) collector.run = value;
  else if (collector.runPieces === NO_PIECES) collector.runPieces = [collector.run, value];
  else collector.runPieces.push(value);
}

/** The run's text: its pieces joined. */
function takeRun(collector: InlineCollector): string {
  const pieces = collector.runPieces;
  const value = pieces === NO_PIECES ? (collector.run as string) : pieces.join('');
  collector.run = null;
  collector.runPieces = NO_PIECES;
  return value;
}

/** Ends the run: the open code's value, or a text node. */
function endRun(collector: InlineCollector): void {
  if (collector.run === null) return;
  const value = takeRun(collector);
  if (collector.code !== null) collector.code.value = value;
  else pushNode(collector, { type: 'text', value });
}

/** Emits the pending space or break where the content before it stands. */
function flushPending(collector: InlineCollector): void {
  if (collector.pendingBreak) {
    if (collector.code !== null) put(collector, LINE_BREAK);
    else {
      endRun(collector);
      pushNode(collector, { type: 'break' });
    }
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

/**
 * Adds collapsed white space (spaces and U+3000, no two spaces in a row) to
 * the pending space. Both are collapsed, so only where they meet can two
 * spaces stand together: the work is bounded by the space added, however long
 * the pending space has grown (a run of U+3000 cut by tags or chunks).
 */
function addSpace(collector: InlineCollector, space: string): void {
  const pending = collector.pendingSpace;
  if (pending === '') collector.pendingSpace = space;
  else if (!collector.pendingEndsInSpace || space.charCodeAt(0) !== SPACE) collector.pendingSpace = pending + space;
  else if (space.length > 1) collector.pendingSpace = pending + space.slice(1);
  collector.pendingEndsInSpace = space.charCodeAt(space.length - 1) === SPACE;
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
    if (collector.code !== null && collector.open.length < active.length) endCodeBeforeLink(collector, active);
    flushPending(collector);
  }
  if (collector.open.length < active.length) materialize(collector, active);
  if (collector.codeAt !== -1 && collector.code === null) startCode(collector);
  put(collector, normalizeText(start === 0 && end === length ? raw : raw.slice(start, end)));
  collector.hasContent = true;
  if (end < length) {
    collector.pendingSpace = '';
    addSpace(collector, spaceOf(raw, end, length));
  }
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

/** Formatting at `depth` and deeper has ended: each container closed gets its children. */
export function closeInlinesTo(collector: InlineCollector, depth: number): void {
  const { open, starts } = collector;
  if (open.length <= depth) return;
  if (collector.code === null || collector.codeDepth >= depth) {
    endRun(collector);
    collector.code = null;
    collector.codeDepth = -1;
  }
  const { nodes } = collector;
  for (let index = open.length - 1; index >= depth; index--) {
    const node = open[index] as ContainerInline | null;
    if (node === null) continue;
    const start = starts[index] as number;
    node.children = nodes.slice(start);
    truncate(nodes, start);
  }
  if (collector.codeAt >= depth) collector.codeAt = -1;
  truncate(open, depth);
  truncate(starts, depth);
}

/**
 * Shortens `items` to `length` by popping: a few pops cost less than setting
 * `length`, which is a call into the engine's runtime (bench/README.md).
 */
function truncate(items: unknown[], length: number): void {
  while (items.length > length) items.pop();
}

/** The collected inlines and their text (a break reads as a line feed). */
export function finishInlines(collector: InlineCollector): CollectedInlines {
  if (collector.nodes === NO_NODES) {
    // Plain text, or nothing: no list was grown.
    if (collector.run === null) return { text: '', inlines: [] };
    const value = takeRun(collector);
    return { text: value, inlines: [{ type: 'text', value }] };
  }
  closeInlinesTo(collector, 0);
  endRun(collector);
  const inlines = collector.nodes.slice();
  const only = inlines.length === 1 ? inlines[0] : undefined;
  return { text: only !== undefined && only.type === 'text' ? only.value : textOfInlines(inlines, LINE_BREAK), inlines };
}

/**
 * What rule 10 reads of an inline: an {@link Inline}, or the writer's input
 * for one, which has the same shape.
 */
export type InlineSource =
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'code'; readonly value: string }
  | { readonly type: 'break' }
  | { readonly type: 'strong' | 'emphasis'; readonly children: readonly InlineSource[] }
  | { readonly type: 'link'; readonly href: string; readonly children: readonly InlineSource[] };

/** The text of inlines, a break read as `lineBreak` (rule 10). */
export function textOfInlines(inlines: readonly InlineSource[], lineBreak: string): string {
  let text = '';
  for (const inline of inlines) {
    if (inline.type === 'text' || inline.type === 'code') text += inline.value;
    else if (inline.type === 'break') text += lineBreak;
    else text += textOfInlines(inline.children, lineBreak);
  }
  return text;
}
