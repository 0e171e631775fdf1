import type { Inline } from '../types.js';

/**
 * Collects the inline content of one leaf block (a paragraph, a heading, a
 * list item) as text arrives, applying text rules 1 and 2 as it goes:
 * white space collapses across element boundaries and is trimmed at the
 * ends, a `<br>` becomes a `break` (dropped at the ends), and formatting that
 * is open when content arrives is materialized around it.
 *
 * Formatting lives outside the collector (`active`), because it outlives
 * blocks: in `<b><p>a</p><p>b</p></b>` both paragraphs are strong.
 */

export type ActiveInline =
  | { readonly type: 'strong' | 'emphasis' | 'code' | 'none' }
  | { readonly type: 'link'; readonly href: string; readonly title: string | null };

type Container = Extract<Inline, { children: Inline[] }> | { type: 'root'; children: Inline[] };
type CodeNode = Extract<Inline, { type: 'code' }>;

export interface CollectedInlines {
  text: string;
  inlines: Inline[];
}

export interface InlineCollector {
  /** Appends text already normalized by `normalizeText` (runs of white space are single spaces). */
  append(piece: string): void;
  /** A block boundary inside a leaf block: reads as white space. */
  space(): void;
  /** A `<br>`. Returns true when it directly follows another one (only white space between). */
  lineBreak(): boolean;
  /** Formatting at depth `depth` and deeper has ended. */
  closeTo(depth: number): void;
  /** Whether any content has been collected. */
  readonly isEmpty: boolean;
  finish(): CollectedInlines;
}

export function createInlineCollector(active: readonly ActiveInline[]): InlineCollector {
  const root: Container = { type: 'root', children: [] };
  /** Materialized containers for active[0..open.length); null where an entry adds no node. */
  const open: (Container | null)[] = [];
  /** The innermost materialized container. */
  let target: Container = root;
  /** Inside a materialized `code`, all text goes to its value. */
  let code: CodeNode | null = null;
  let codeDepth = -1;
  let text = '';
  let hasContent = false;
  let pendingSpace = false;
  let pendingBreak = false;

  function retarget(): void {
    target = root;
    for (let index = open.length - 1; index >= 0; index--) {
      const container = open[index];
      if (container) {
        target = container;
        break;
      }
    }
  }

  function materialize(): void {
    while (open.length < active.length) {
      const entry = active[open.length] as ActiveInline;
      if (code !== null || entry.type === 'none') {
        open.push(null);
        continue;
      }
      if (entry.type === 'code') {
        code = { type: 'code', value: '' };
        codeDepth = open.length;
        target.children.push(code);
        open.push(null);
        continue;
      }
      const node: Container =
        entry.type === 'link'
          ? { type: 'link', href: entry.href, title: entry.title, children: [] }
          : { type: entry.type, children: [] };
      target.children.push(node as Inline);
      open.push(node);
      target = node;
    }
  }

  function put(value: string): void {
    text += value;
    if (code !== null) {
      code.value += value;
      return;
    }
    const children = target.children;
    const previous = children[children.length - 1];
    if (previous !== undefined && previous.type === 'text') previous.value += value;
    else children.push({ type: 'text', value });
  }

  /** Emits the pending space or break where the content before it stands. */
  function flushPending(): void {
    if (pendingBreak) {
      text += '\n';
      if (code !== null) code.value += '\n';
      else target.children.push({ type: 'break' });
    } else if (pendingSpace) {
      put(' ');
    }
    pendingBreak = false;
    pendingSpace = false;
  }

  return {
    append(piece) {
      let start = 0;
      let end = piece.length;
      if (end === 0) return;
      if (piece.charCodeAt(0) === 0x20) {
        start = 1;
        if (hasContent) pendingSpace = true;
      }
      if (end > start && piece.charCodeAt(end - 1) === 0x20) end--;
      if (end <= start) return;
      if (hasContent) flushPending();
      materialize();
      put(start === 0 && end === piece.length ? piece : piece.slice(start, end));
      hasContent = true;
      if (end < piece.length) pendingSpace = true;
    },
    space() {
      if (hasContent) pendingSpace = true;
    },
    lineBreak() {
      if (!hasContent) return false;
      if (pendingBreak) return true;
      pendingBreak = true;
      pendingSpace = false;
      return false;
    },
    closeTo(depth) {
      if (open.length <= depth) return;
      open.length = depth;
      if (code !== null && codeDepth >= depth) {
        code = null;
        codeDepth = -1;
      }
      retarget();
    },
    get isEmpty() {
      return !hasContent;
    },
    finish() {
      return { text, inlines: root.children };
    },
  };
}
