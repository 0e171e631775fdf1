import { depth, exactLength } from '../text/speed.js';
import { CONTENT_UNREAD, type Attributes } from '../tokens/body-tokenizer.js';
import type { Block, Image, Media } from '../types.js';
import { readEmbed, readImage, srcsetSource, startPlayer } from './media.js';
import { endParagraph } from './paragraph.js';
import { Frame, Mode, pushFrame, type BlockState } from './state.js';

/**
 * Rule 5, placement: where a media block goes. A paragraph is split around
 * it; inside a heading, quote, list or code block it follows that block. An
 * image that is the whole content of a link (white space aside) takes the
 * link's URL as its `link`, so it waits until the link ends. Blocks inside an
 * open figure are held until the outermost figure ends, since its caption may
 * come last.
 */

/** A heading, quote, list or code block is open: media wait until it ends. */
export function hasOuterBlock(state: BlockState): boolean {
  return state.headingLevel !== 0 || state.quote !== null || state.list !== null || state.code !== null;
}

/** Hands a finished block on, or holds it while a figure is open. */
export function emit(state: BlockState, block: Block, paragraphClass: string | null): void {
  if (state.figures.length > 0) {
    state.held.push(block);
    state.heldClasses.push(paragraphClass);
  } else {
    state.out(block, paragraphClass);
  }
}

/** Hands on the blocks held by figures, once the outermost has ended. */
export function releaseHeld(state: BlockState): void {
  const { held, heldClasses } = state;
  if (held.length === 0) return;
  state.held = [];
  state.heldClasses = [];
  for (let index = 0; index < held.length; index++) state.out(held[index] as Block, heldClasses[index] as string | null);
}

export function placeMedia(state: BlockState, media: Media): void {
  const figure = state.figures[state.figures.length - 1];
  if (figure !== undefined && figure.free === null) figure.free = media;
  if (hasOuterBlock(state)) {
    state.lifted.push(media);
    return;
  }
  endParagraph(state);
  emit(state, media, null);
}

/** Media lifted out of an outer block follow it, once no outer block is open. */
export function releaseLifted(state: BlockState): void {
  if (state.lifted.length === 0 || hasOuterBlock(state)) return;
  const media = state.lifted;
  state.lifted = [];
  for (let index = 0; index < media.length; index++) emit(state, media[index] as Media, null);
}

/** An image: held while it may be the whole content of the link around it. */
export function placeImage(state: BlockState, image: Image): void {
  if (state.linkDepth !== -1) {
    if (state.linkImage === null) {
      state.linkImage = image;
      return;
    }
    spoilLink(state);
  }
  placeMedia(state, image);
}

/** A link with a safe URL opens at the current frame depth: watch its content. */
export function watchLink(state: BlockState, href: string, depth: number): void {
  if (state.linkDepth !== -1) spoilLink(state);
  state.linkHref = href;
  state.linkDepth = depth;
  state.linkImage = null;
}

/** The watched link holds something besides one image: the image is placed without a link. */
export function spoilLink(state: BlockState): void {
  const image = state.linkImage;
  state.linkHref = null;
  state.linkDepth = -1;
  state.linkImage = null;
  if (image !== null) placeMedia(state, image);
}

/** The watched link ends: an image that was all its content takes its URL. */
export function endLink(state: BlockState): void {
  const image = state.linkImage;
  if (image !== null) image.link = state.linkHref;
  spoilLink(state);
}

// The media elements (reading them is media.ts).

export function openImage(state: BlockState, attributes: Attributes | null): void {
  const sources = state.pictureSources;
  const image = readImage(attributes, state.urls, state, sources.length === 0 ? undefined : sources[sources.length - 1]);
  if (image !== null) placeImage(state, image);
}

/**
 * A `<picture>` opens (outside a player), or a `<source>` inside one: the first candidate of its first
 * `<source srcset>` is the source of an `<img>` inside that has none of its own.
 */
export function readPicture(state: BlockState, isSource: boolean, attributes: Attributes | null): void {
  const sources = state.pictureSources;
  if (!isSource) {
    state.pictureDepths.push(depth(state.frames));
    sources.push(undefined);
  } else if (sources.length !== 0 && sources[sources.length - 1] === undefined && attributes !== null) {
    const source = srcsetSource(attributes.srcset);
    if (source === undefined) return;
    // Vetted here (rule 9), where it stands: an unsafe one is dropped, and the image keeps its own sources.
    const result = state.urls.resolve(source, 'image');
    if (!result.ok) state.unsafe(result.scheme, 'a source of a picture');
    else if (result.url !== '') sources[sources.length - 1] = source;
  }
}

/** After an element's end: a `<picture>` is over when its frame is gone. */
export function endPicture(state: BlockState): void {
  const depths = state.pictureDepths;
  const open = depth(state.frames);
  while (depths.length !== 0 && open <= (depths[depths.length - 1] as number)) {
    depths.pop();
    state.pictureSources.pop();
  }
}

/** An `<iframe>`: whether it is an embed (one without a usable source is dropped, rule 5). */
export function openEmbed(state: BlockState, attributes: Attributes | null): boolean {
  const embed = readEmbed(attributes, state.urls, state);
  if (embed === null) return false;
  placeMedia(state, embed);
  return true;
}

/** `<video>`, `<audio>`: only their `<source>` children are read (rule 6); the block is placed when they end. */
export function openPlayer(state: BlockState, kind: 'video' | 'audio', attributes: Attributes | null): typeof CONTENT_UNREAD {
  state.player = startPlayer(kind, attributes, state.urls, state);
  pushFrame(state, Frame.Player);
  state.mode = Mode.Player;
  return CONTENT_UNREAD;
}

export function closePlayer(state: BlockState): void {
  const block = state.player!.block;
  state.player = null;
  if (block === null) return;
  // Its sources were pushed as they came: keep an array of exactly their number.
  block.sources = exactLength(block.sources);
  placeMedia(state, block);
}
