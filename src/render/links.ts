/**
 * A link inside a link can be written neither in Markdown (the outer one reads
 * back as text) nor in HTML (a browser closes the outer `<a>` where the inner
 * one starts). The body stage keeps the tree as htmlparser2 shapes it, which
 * may nest them (`<a href=a>x<span><a href=b>y</a></span></a>`). Both
 * renderers cut the outer link around each inner one, as a browser does: each
 * piece of text stays under the formatting it had, and under the innermost
 * link around it, so the text, the URLs and their order are kept.
 */

/** A node of a unist tree (an mdast or hast phrasing node). */
interface Node {
  type: string;
  children?: Node[];
}

/** A leaf, with the containers above it inside the link, outermost first (the link itself included). */
interface Placed<T extends Node> {
  leaf: T;
  path: T[];
}

/** Whether any node of `nodes`, at any depth, is a link. */
export function holdsLink<T extends Node>(nodes: readonly T[], isLink: (node: T) => boolean): boolean {
  return nodes.some((node) => isLink(node) || (node.children !== undefined && holdsLink(node.children as T[], isLink)));
}

/**
 * `link` (whose children hold a link) as the nodes that stand for it: pieces
 * of it, and the links inside it lifted out, each piece with the formatting
 * above it copied.
 */
export function liftInnerLinks<T extends Node>(link: T, isLink: (node: T) => boolean): T[] {
  const placed: Placed<T>[] = [];
  place(link, [], placed);
  for (const entry of placed) {
    let innermost = -1;
    entry.path.forEach((node, index) => {
      if (isLink(node)) innermost = index;
    });
    entry.path = entry.path.filter((node, index) => !isLink(node) || index === innermost);
  }
  return rebuild(placed, 0);
}

function place<T extends Node>(node: T, path: T[], placed: Placed<T>[]): void {
  if (node.children === undefined) {
    placed.push({ leaf: node, path });
    return;
  }
  for (const child of node.children as T[]) place(child, [...path, node], placed);
}

/** Leaves in order, each consecutive run under the same container at `depth` gathered into a copy of it. */
function rebuild<T extends Node>(placed: readonly Placed<T>[], depth: number): T[] {
  const nodes: T[] = [];
  for (let start = 0; start < placed.length; ) {
    const container = placed[start]!.path[depth];
    if (container === undefined) {
      nodes.push(placed[start]!.leaf);
      start++;
      continue;
    }
    let end = start + 1;
    while (end < placed.length && placed[end]!.path[depth] === container) end++;
    nodes.push({ ...container, children: rebuild(placed.slice(start, end), depth + 1) });
    start = end;
  }
  return nodes;
}
