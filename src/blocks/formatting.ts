import { depth } from '../text/speed.js';
import type { Attributes } from '../tokens/body-tokenizer.js';
import { appendBreak, closeInlinesTo, MAX_INLINE_DEPTH, type ActiveInline } from './inlines.js';
import { endParagraph } from './paragraph.js';
import { endLink, watchLink } from './placement.js';
import { Frame, Mode, pushFrame, type BlockState } from './state.js';

/**
 * Inline elements: `<strong>`/`<b>`, `<em>`/`<i>`, `<code>` and `<a href>`
 * (rules 1 and 9), and `<br>` (rule 2). Formatting inside formatting of the
 * same kind adds no node (rule 1), and formatting nested deeper than
 * {@link MAX_INLINE_DEPTH} is read as transparent. So formatting left open
 * before many blocks, which every block reopens, gives each block at most one
 * node of each kind (and its links).
 */

export const STRONG: ActiveInline = { type: 'strong' };
export const EMPHASIS: ActiveInline = { type: 'emphasis' };
export const CODE: ActiveInline = { type: 'code' };

export function openInline(state: BlockState, entry: ActiveInline): void {
  // `entry` is one of the shared records above: `includes` finds the same kind.
  if (state.active.length >= MAX_INLINE_DEPTH || state.active.includes(entry)) {
    pushFrame(state, Frame.None);
    return;
  }
  state.active.push(entry);
  pushFrame(state, Frame.Inline);
}

export function closeInline(state: BlockState): void {
  state.active.pop();
  if (state.collector !== null) closeInlinesTo(state.collector, state.active.length);
}

/** `<a>`: a link when its `href` is safe and not empty (an unsafe one is reported); else transparent. */
export function openAnchor(state: BlockState, attributes: Attributes | null): void {
  const raw = attributes === null ? undefined : attributes.href;
  if (raw === undefined || state.active.length >= MAX_INLINE_DEPTH) {
    pushFrame(state, Frame.None);
    return;
  }
  const result = state.urls.resolve(raw, 'link');
  if (!result.ok) state.unsafe(result.scheme, 'a link');
  if (!result.ok || result.url === '') {
    pushFrame(state, Frame.None);
    return;
  }
  state.active.push({ type: 'link', href: result.url, title: attributes!.title ?? null });
  watchLink(state, result.url, depth(state.frames));
  pushFrame(state, Frame.Anchor);
}

/** The link's end, where an image that was its whole content takes its URL, is `endWatchedLink` (every element's end). */
export const closeAnchor = closeInline;

/**
 * Rule 5: an `<a>` where links are not read (inside a code block or a caption)
 * is no inline, but an image that is its whole content still takes its URL. A
 * URL that is unsafe or empty is no link there either, without a word, as
 * the link itself is not read.
 */
export function watchAnchor(state: BlockState, attributes: Attributes | null): void {
  const raw = attributes === null ? undefined : attributes.href;
  if (raw === undefined) return;
  const result = state.urls.resolve(raw, 'link');
  if (result.ok && result.url !== '') watchLink(state, result.url, depth(state.frames));
}

/** An element ended: when it is the watched link, an image that was all its content takes its URL. */
export function endWatchedLink(state: BlockState): void {
  if (state.linkDepth === depth(state.frames)) endLink(state);
}

/** `<br>`: a break; two in a row end the paragraph. */
export function lineBreak(state: BlockState): void {
  const collector = state.collector;
  if (collector !== null && appendBreak(collector) && state.mode === Mode.Flow) endParagraph(state);
}
