import { appendAll } from './append.js';

/**
 * A link inside a link can be written neither in Markdown (the outer one reads
 * back as text) nor in HTML (a browser closes the outer `<a>` where the inner
 * one starts). The body stage keeps the tree as htmlparser2 shapes it, which
 * may nest them (`<a href=a>x<span><a href=b>y</a></span></a>`). Both
 * renderers cut the outer link around each inner one, as a browser does: each
 * piece of content stays under the formatting it had, and under the innermost
 * link around it, so the text, the URLs and their order are kept.
 */

/** A node of a unist tree (an mdast or hast phrasing node). */
interface Node {
  type: string;
  children?: Node[];
}

/** The containers above a leaf inside the link being cut, innermost last, as a chain shared by siblings. */
interface Path<T> {
  node: T;
  parent: Path<T> | null;
}

/** A leaf (a node without children: text, a break, an image, an empty element), with the containers above it, outermost first. */
interface Placed<T> {
  leaf: T;
  path: T[];
}

/**
 * `nodes` with every link that holds a link cut around the links inside it.
 * One pass over the tree: each outermost such link is cut once, for all the
 * links nested in it at any depth.
 */
export function liftNestedLinks<T extends Node>(nodes: T[], isLink: (node: T) => boolean): T[] {
  let changed = false;
  const result: T[] = [];
  for (const node of nodes) {
    const children = node.children as T[] | undefined;
    if (children === undefined || children.length === 0) {
      result.push(node);
    } else if (isLink(node)) {
      if (holdsLink(children, isLink)) {
        appendAll(result, cut(node, isLink));
        changed = true;
      } else {
        result.push(node);
      }
    } else {
      const lifted = liftNestedLinks(children, isLink);
      if (lifted !== children) {
        result.push({ ...node, children: lifted });
        changed = true;
      } else {
        result.push(node);
      }
    }
  }
  return changed ? result : nodes;
}

function holdsLink<T extends Node>(nodes: readonly T[], isLink: (node: T) => boolean): boolean {
  return nodes.some((node) => isLink(node) || (node.children !== undefined && holdsLink(node.children as T[], isLink)));
}

/** A link (whose children hold a link) as the pieces that stand for it, each piece's containers copied. */
function cut<T extends Node>(link: T, isLink: (node: T) => boolean): T[] {
  const placed: Placed<T>[] = [];
  place(link, { node: link, parent: null }, isLink, placed);
  return rebuild(placed, 0);
}

/**
 * Places the leaves under `node`, whose containers are `path`; each leaf keeps only the innermost
 * link of its path. A link without content is a leaf that is itself the innermost link: it keeps
 * no link of its path.
 */
function place<T extends Node>(node: T, path: Path<T>, isLink: (node: T) => boolean, placed: Placed<T>[]): void {
  for (const child of node.children as T[]) {
    const grandchildren = child.children;
    if (grandchildren === undefined || grandchildren.length === 0) placed.push({ leaf: child, path: containers(path, isLink, isLink(child)) });
    else place(child, { node: child, parent: path }, isLink, placed);
  }
}

/** The chain as an array, outermost first, without the links outside the innermost one (every link, when `inLink`: the leaf is one). */
function containers<T extends Node>(path: Path<T>, isLink: (node: T) => boolean, inLink: boolean): T[] {
  const nodes: T[] = [];
  let innerLink = inLink;
  for (let at: Path<T> | null = path; at !== null; at = at.parent) {
    if (isLink(at.node)) {
      if (innerLink) continue;
      innerLink = true;
    }
    nodes.push(at.node);
  }
  return nodes.reverse();
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
    nodes.push(copyAround(container, rebuild(placed.slice(start, end), depth + 1)));
    start = end;
  }
  return nodes;
}

/**
 * A copy of `container` around `children`, its other fields (a hast element's `properties`) copied
 * too: the pieces of one cut container are nodes of their own, and a plugin that edits one (adds
 * a class) edits only it.
 */
function copyAround<T extends Node>(container: T, children: T[]): T {
  const { children: _, ...fields } = container;
  return { ...structuredClone(fields), children } as unknown as T;
}
