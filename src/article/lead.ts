import { isBlank } from '../text/whitespace.js';
import type { Block, Inline, Paragraph } from '../types.js';

/**
 * Rule 8, in one place: the lead is the first block that is not media (and
 * not the dateline), when it is a paragraph whose whole non-blank content is
 * inside one `<strong>` or `<b>` (links and emphasis around it allowed), or a
 * paragraph of a `<p>` whose class contains `lead`, `standfirst`, `summary`,
 * `intro` or `dek`. Blank includes U+3000.
 */

const LEAD_CLASS = /lead|standfirst|summary|intro|dek/i;

export function isLead(block: Block, paragraphClass: string | null): block is Paragraph {
  if (block.type !== 'paragraph') return false;
  if (paragraphClass !== null && LEAD_CLASS.test(paragraphClass)) return true;
  return isWhollyStrong(block.inlines);
}

/** Whether the only non-blank inline is a strong, or a link or emphasis wholly strong itself. */
function isWhollyStrong(inlines: readonly Inline[]): boolean {
  let only: Inline | null = null;
  for (let index = 0; index < inlines.length; index++) {
    const inline = inlines[index] as Inline;
    if (inline.type === 'text' && isBlank(inline.value)) continue;
    if (only !== null) return false;
    only = inline;
  }
  if (only === null) return false;
  if (only.type === 'strong') return true;
  // Nesting is bounded: inline formatting deeper than 64 is read as transparent.
  return (only.type === 'link' || only.type === 'emphasis') && isWhollyStrong(only.children);
}
