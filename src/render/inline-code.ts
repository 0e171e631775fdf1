import { defaultHandlers, type State } from 'mdast-util-to-markdown';
import type { InlineCode, Parents } from 'mdast';

const BACKTICK = 0x60;

/**
 * `mdast-util-to-markdown`'s handler of inline code, in linear time. Its own finds the fence by
 * trying one length after another, each with a new regular expression over the whole code: a
 * span of backtick runs of growing length (`` a`a``a```a… ``) took time near the square of its
 * length (25 s for 4 MB). This one reads the code once for the runs of backticks it holds, and
 * writes what the library writes: the shortest run of backticks the code does not hold as the
 * fence, and a space inside each side when the code starts or ends with a backtick, or with a
 * space or line break on both sides (unless it is only those). A code with a line break (never
 * one of an Article's, whose code spans are cut at line breaks, but one of a tree given by hand)
 * goes to the library's handler, which also blanks line breaks that would start a block.
 */
export function inlineCode(node: InlineCode, parent: Parents | undefined, state: State): string {
  const value = node.value || '';
  if (value.includes('\n') || value.includes('\r')) return defaultHandlers.inlineCode(node, parent, state);
  const fence = '`'.repeat(shortestMissingRun(value));
  const padded = /[^ ]/.test(value) && ((value.startsWith(' ') && value.endsWith(' ')) || value.startsWith('`') || value.endsWith('`'));
  return padded ? `${fence} ${value} ${fence}` : `${fence}${value}${fence}`;
}

inlineCode.peek = () => '`';

/** The length of the shortest run of backticks that `value` does not hold (1 when it holds none). */
function shortestMissingRun(value: string): number {
  const held: boolean[] = [];
  let run = 0;
  for (let index = 0; index <= value.length; index++) {
    if (value.charCodeAt(index) === BACKTICK) run++;
    else if (run > 0) {
      held[run] = true;
      run = 0;
    }
  }
  let length = 1;
  while (held[length] === true) length++;
  return length;
}
