import type { Attributes } from '../tokens/body-tokenizer.js';
import type { Audio, Embed, Image, MediaSource, Video } from '../types.js';
import { isAboutUrl, isDataUrl, isNoUrl, plainHttpHost, type UrlResolver, type UrlUse } from '../text/urls.js';

/**
 * Rule 5 for single elements: how an `<img>`, `<video>`, `<audio>` or
 * `<iframe>` becomes a media block (where it goes is placement.ts). Every URL
 * is resolved and vetted (rule 9); unsafe URLs and missing sources are
 * reported through `problems`.
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

/** A whole number with optional white space around it (`width`, `height`, `start`), or null. */
export function readWholeNumber(value: string | undefined): number | null {
  if (value === undefined) return null;
  const match = WHOLE_NUMBER.exec(value);
  if (match === null) return null;
  const number = Number(match[1]);
  return Number.isSafeInteger(number) ? number : null;
}

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const FULL_STOP = 0x2e;
const PERCENT_SIGN = 0x25;

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

/**
 * Rule 6: a size that HTML reads as a length of at most one pixel, by its
 * rules for parsing dimension values: white space, then digits, an optional
 * fraction, and anything after them ignored (`1`, `1.0`, `1px`, `1 px`,
 * `0x1`); no digit first (`-1`, `.5`, `auto`) is no size, and a number
 * followed by `%` is a percentage, no length.
 */
function isAtMostOnePixel(value: string | undefined): boolean {
  if (value === undefined) return false;
  const length = value.length;
  let index = 0;
  while (index < length && isAsciiSpace(value.charCodeAt(index))) index++;
  if (index === length || !isDigit(value.charCodeAt(index))) return false;
  let whole = 0;
  while (index < length && isDigit(value.charCodeAt(index))) {
    whole = Math.min(whole * 10 + value.charCodeAt(index) - DIGIT_0, 2);
    index++;
  }
  let fraction = false;
  if (index < length && value.charCodeAt(index) === FULL_STOP) {
    for (index++; index < length && isDigit(value.charCodeAt(index)); index++) {
      if (value.charCodeAt(index) !== DIGIT_0) fraction = true;
    }
  }
  if (index < length && value.charCodeAt(index) === PERCENT_SIGN) return false;
  return whole === 0 || (whole === 1 && !fraction);
}

/** The attribute's value, or undefined when it is no URL (rule 9: empty or only white space). */
function present(value: string | undefined): string | undefined {
  return value === undefined || isNoUrl(value) ? undefined : value;
}

/** Rule 5: where a lazy-loading page keeps the real source while `src` holds a placeholder. */
const LAZY_SOURCES = ['data-src', 'data-original', 'data-lazy-src'] as const;

/** The first candidate of a `srcset`, when it has one. */
export function srcsetSource(srcset: string | undefined): string | undefined {
  const value = present(srcset);
  return value === undefined ? undefined : present(firstSrcsetCandidate(value));
}

/**
 * An image's source as written: its `src`; when that is missing, empty or a
 * `data:` URL (a placeholder), the first of `data-src`, `data-original` and
 * `data-lazy-src` with a value; else, inside a `<picture>`, the first candidate
 * of its first `<source srcset>` (what a browser shows there); else the `src`
 * (a `data:` one) or, when there is none, the first `srcset` candidate.
 */
function imageSource(attrs: Attributes, pictureSource: string | undefined): string | undefined {
  const src = present(attrs.src);
  if (src !== undefined && !isDataUrl(src)) return src;
  return lazySource(attrs) ?? pictureSource ?? src ?? srcsetSource(attrs.srcset);
}

/** The first of the lazy-loading attributes that holds a value. */
function lazySource(attrs: Attributes): string | undefined {
  for (const name of LAZY_SOURCES) {
    const lazy = present(attrs[name]);
    if (lazy !== undefined) return lazy;
  }
  return undefined;
}

/**
 * An image, or null when it is a tracking pixel (rule 6) or has no usable source; `pictureSource`
 * is the source its `<picture>` offers, if any.
 */
export function readImage(
  attributes: Attributes | null,
  urls: UrlResolver,
  problems: MediaProblems,
  pictureSource: string | undefined,
): Image | null {
  const attrs = attributes ?? {};
  if (isAtMostOnePixel(attrs.width) && isAtMostOnePixel(attrs.height)) return null;
  const raw = imageSource(attrs, pictureSource);
  if (raw === undefined) {
    problems.missingSource('an image');
    return null;
  }
  const src = readUrl(raw, 'image', urls, problems, 'an image');
  if (src === null) return null;
  return {
    type: 'image',
    src,
    alt: attrs.alt ?? null,
    title: attrs.title ?? null,
    width: readWholeNumber(attrs.width),
    height: readWholeNumber(attrs.height),
    caption: null,
    credit: null,
    link: null,
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
  // Read (and reported when unsafe) even where the player is dropped, as its sources are.
  const poster = kind === 'video' ? readUrl(present(attrs.poster), 'poster', urls, problems, 'a video poster') : null;
  const sources: MediaSource[] = [];
  let block: Video | Audio | null = null;
  if (!unsafeSrc) block = kind === 'video' ? { type: 'video', src, sources, poster, caption: null } : { type: 'audio', src, sources, caption: null };
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

/**
 * The provider named by a URL's host, or null. The host is read as written
 * (rule 9's plain hosts: `plainHttpHost`), never through the runtime's URL
 * parser, whose IDNA tables differ between runtimes: a host that is not plain
 * ASCII, or has an `xn--` label, names no provider.
 */
export function providerOf(src: string): string | null {
  const host = plainHttpHost(src);
  if (host === null) return null;
  for (const [provider, domains] of PROVIDERS) {
    for (const domain of domains) {
      if (host === domain || host.endsWith(`.${domain}`)) return provider;
    }
  }
  return null;
}

/**
 * An iframe's source as written: its `src`; when that is missing, empty, an `about:` or a `data:`
 * URL (a lazy-loading placeholder), the first of the lazy-loading attributes with a value; else the `src`.
 */
function embedSource(attrs: Attributes): string | undefined {
  const src = present(attrs.src);
  if (src !== undefined && !isAboutUrl(src) && !isDataUrl(src)) return src;
  return lazySource(attrs) ?? src;
}

export function readEmbed(attributes: Attributes | null, urls: UrlResolver, problems: MediaProblems): Embed | null {
  const raw = embedSource(attributes ?? {});
  if (raw === undefined) {
    problems.missingSource('an iframe');
    return null;
  }
  const src = readUrl(raw, 'embed', urls, problems, 'an iframe');
  if (src === null) return null;
  return { type: 'embed', src, provider: providerOf(src), caption: null };
}
