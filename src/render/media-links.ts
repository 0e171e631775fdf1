import type { Audio, Block, Embed, Video } from '../types.js';
import { checkBlock } from '../article/shape.js';
import { isDataUrl } from '../text/urls.js';

/**
 * Video, audio and embeds are rendered as links (players only when asked):
 * one link per URL the block holds, in this order, with these labels. One
 * home for both renderers, so Markdown and HTML name them alike.
 */
export interface MediaLink {
  url: string;
  label: string;
  /**
   * Shown as an image, not a link: a poster given inline (`data:image/…`,
   * which rule 9 keeps for a poster). A link to a `data:` URL is no link a
   * reader should follow (browsers refuse to open one, and it can hold a
   * script that runs where it is opened).
   */
  image: boolean;
}

/**
 * The links the renderers make of a video, audio or embed block, for a renderer of one's own. The
 * block is checked first, as the renderers check an Article (a `TypeError` for one out of shape
 * or with a URL rule 9 never lets through), and its links made from the copy checked.
 */
export function mediaLinks(block: Video | Audio | Embed): MediaLink[] {
  const checked = checkBlock(block, 'mediaLinks', 'block') as Block;
  if (checked.type !== 'video' && checked.type !== 'audio' && checked.type !== 'embed') {
    throw new TypeError(`mediaLinks: block must be a video, audio or embed block, got a block of type ${JSON.stringify(checked.type)}`);
  }
  return linksOf(checked);
}

/** {@link mediaLinks} of a block already checked (the renderers check the whole Article once). */
export function linksOf(block: Video | Audio | Embed): MediaLink[] {
  switch (block.type) {
    case 'embed':
      return [{ url: block.src, label: block.provider === null ? 'Embed' : `Embed (${block.provider})`, image: false }];
    case 'video':
    case 'audio': {
      const name = block.type === 'video' ? 'Video' : 'Audio';
      const links: MediaLink[] = [];
      if (block.src !== null) links.push({ url: block.src, label: name, image: false });
      for (const source of block.sources) links.push({ url: source.src, label: source.type === null ? `${name} source` : `${name} (${source.type})`, image: false });
      if (block.type === 'video' && block.poster !== null) links.push({ url: block.poster, label: 'Poster', image: isDataUrl(block.poster) });
      return links;
    }
  }
}

/** What joins the links of one media block. */
export const LINK_SEPARATOR = ' · ';
