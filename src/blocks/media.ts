import type { Attributes } from '../tokens/body-tokenizer.js';
import type { Audio, Embed, Image, MediaSource, Video } from '../types.js';
import type { UrlResolver, UrlUse } from '../text/urls.js';

/**
 * Text rule 5 for single elements: how an `<img>`, `<video>`, `<audio>` or
 * `<iframe>` becomes a media block. Unsafe URLs and missing sources are
 * reported through `problem`.
 */

export interface MediaProblems {
  unsafe(scheme: string, what: string): void;
  missingSource(what: string): void;
}

export function readUrl(value: string | undefined, use: UrlUse, urls: UrlResolver, problems: MediaProblems, what: string): string | null {
  if (value === undefined) return null;
  const result = urls.resolve(value, use);
  if (!result.ok) {
    problems.unsafe(result.scheme, what);
    return null;
  }
  return result.url === '' ? null : result.url;
}

function isAsciiSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

/** The first URL of a `srcset` (candidates are "url descriptor", separated by commas). */
export function firstSrcsetCandidate(srcset: string): string {
  let start = 0;
  while (start < srcset.length && (isAsciiSpace(srcset.charCodeAt(start)) || srcset.charCodeAt(start) === 0x2c)) start++;
  let end = start;
  while (end < srcset.length && !isAsciiSpace(srcset.charCodeAt(end))) end++;
  while (end > start && srcset.charCodeAt(end - 1) === 0x2c) end--;
  return srcset.slice(start, end);
}

const WHOLE_NUMBER = /^[ \t\n\f\r]*([0-9]+)[ \t\n\f\r]*$/;

export function readDimension(value: string | undefined): number | null {
  if (value === undefined) return null;
  const match = WHOLE_NUMBER.exec(value);
  if (match === null) return null;
  const number = Number(match[1]);
  return Number.isSafeInteger(number) ? number : null;
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** An image, or null when it has no usable source or is a 1×1 tracking pixel. */
export function readImage(attributes: Attributes | null, urls: UrlResolver, problems: MediaProblems): Image | null {
  const attrs = attributes ?? {};
  const width = readDimension(attrs.width);
  const height = readDimension(attrs.height);
  if (width === 1 && height === 1) return null;
  const srcset = present(attrs.srcset);
  const raw = present(attrs.src) ?? present(attrs['data-src']) ?? (srcset === undefined ? undefined : firstSrcsetCandidate(srcset));
  if (raw === undefined) {
    problems.missingSource('an image');
    return null;
  }
  const src = readUrl(raw, 'image', urls, problems, 'an image');
  if (src === null) return null;
  return {
    type: 'image',
    src,
    link: null,
    alt: attrs.alt ?? null,
    title: attrs.title ?? null,
    width,
    height,
    caption: null,
    credit: null,
  };
}

/** A video or audio element being read: its `<source>` children arrive later. */
export interface PlayerDraft {
  block: Video | Audio | null;
  addSource(attributes: Attributes | null): void;
}

export function startPlayer(kind: 'video' | 'audio', attributes: Attributes | null, urls: UrlResolver, problems: MediaProblems): PlayerDraft {
  const attrs = attributes ?? {};
  const what = kind === 'video' ? 'a video' : 'an audio element';
  const src = readUrl(present(attrs.src), 'media', urls, problems, what);
  const unsafeSrc = present(attrs.src) !== undefined && src === null;
  const sources: MediaSource[] = [];
  let block: Video | Audio | null = null;
  if (!unsafeSrc) {
    block =
      kind === 'video'
        ? { type: 'video', src, sources, poster: readUrl(present(attrs.poster), 'poster', urls, problems, 'a video poster'), caption: null }
        : { type: 'audio', src, sources, caption: null };
  }
  return {
    block,
    addSource(sourceAttributes) {
      const source = sourceAttributes ?? {};
      const url = readUrl(present(source.src), 'source', urls, problems, `a source of ${what}`);
      if (url !== null) sources.push({ src: url, type: source.type ?? null });
    },
  };
}

const PROVIDERS: readonly (readonly [string, readonly string[]])[] = [
  ['youtube', ['youtube.com', 'youtu.be', 'youtube-nocookie.com']],
  ['vimeo', ['vimeo.com']],
  ['twitter', ['twitter.com', 'x.com']],
  ['facebook', ['facebook.com']],
  ['instagram', ['instagram.com']],
  ['tiktok', ['tiktok.com']],
  ['bilibili', ['bilibili.com']],
];

/** The provider named by a URL's host, or null. */
export function providerOf(src: string): string | null {
  if (!URL.canParse(src)) return null;
  const host = new URL(src).hostname.toLowerCase();
  for (const [provider, domains] of PROVIDERS) {
    for (const domain of domains) {
      if (host === domain || host.endsWith(`.${domain}`)) return provider;
    }
  }
  return null;
}

export function readEmbed(attributes: Attributes | null, urls: UrlResolver, problems: MediaProblems): Embed | null {
  const raw = present(attributes?.src);
  if (raw === undefined) {
    problems.missingSource('an iframe');
    return null;
  }
  const src = readUrl(raw, 'embed', urls, problems, 'an iframe');
  if (src === null) return null;
  return { type: 'embed', src, provider: providerOf(src), caption: null };
}
