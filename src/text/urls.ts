/**
 * Rule 9, in one place: how a URL is resolved and which URLs are unsafe.
 * Shared by the header (the title link, `options.baseUrl`) and the body.
 */

/** What the URL is for: `data:image/…` is allowed only as an image `src` or a video `poster`. */
export type UrlUse = 'link' | 'image' | 'poster' | 'media' | 'source' | 'embed';

export type UrlResult = { ok: true; url: string } | { ok: false; scheme: string };

export interface UrlResolver {
  resolve(raw: string, use: UrlUse): UrlResult;
}

const TAB_OR_NEWLINE = /[\t\n\r]/g;
/** `scheme://`: the URL names its own host (tabs and line feeds ignored). */
const AUTHORITY_AFTER_SCHEME = /^[^:]*:[\t\n\r]*[/\\][\t\n\r]*[/\\]/;
const SPECIAL_SCHEMES = new Set(['http', 'https', 'ftp', 'ws', 'wss', 'file']);

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const COLON = 0x3a;
const PLUS = 0x2b;
const HYPHEN = 0x2d;
const FULL_STOP = 0x2e;

/** Strips what the URL parser strips at the ends: C0 controls and space. */
export function trimUrl(raw: string): string {
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) <= 0x20) start++;
  while (end > start && raw.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === raw.length ? raw : raw.slice(start, end);
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function isSchemeCharacter(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === PLUS || code === HYPHEN || code === FULL_STOP;
}

/**
 * The scheme the WHATWG URL parser finds (lower-cased), or null for a relative
 * URL: `[A-Za-z][A-Za-z0-9+.-]*:`, tabs and line feeds anywhere ignored as the
 * parser ignores them. `rest` is what follows the colon for a `data:` URL
 * (the only scheme whose rest matters here), else `''`. One character scan.
 */
export function schemeOf(trimmed: string): { scheme: string; rest: string } | null {
  let length = 0;
  let colon = -1;
  let removed = false;
  for (let index = 0; index < trimmed.length; index++) {
    const code = trimmed.charCodeAt(index);
    if (code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN) {
      removed = true;
    } else if (code === COLON) {
      colon = index;
      break;
    } else if (length === 0 ? isAsciiLetter(code) : isSchemeCharacter(code)) {
      length++;
    } else {
      return null;
    }
  }
  if (colon === -1 || length === 0) return null;
  const cleaned = removed ? trimmed.replace(TAB_OR_NEWLINE, '') : trimmed;
  const scheme = cleaned.slice(0, length).toLowerCase();
  return { scheme, rest: scheme === 'data' ? cleaned.slice(length + 1) : '' };
}

function isUnsafe(scheme: string, rest: string, use: UrlUse): boolean {
  if (scheme === 'javascript' || scheme === 'vbscript') return true;
  if (scheme !== 'data') return false;
  if (use !== 'image' && use !== 'poster') return true;
  return !/^\s*image\//i.test(rest);
}

/**
 * The unsafe scheme of a URL as a browser's URL parser would read it
 * (`javascript`, `vbscript`, or `data` except `data:image/…` where `use`
 * allows it), or null when the URL is safe for that use.
 */
export function unsafeScheme(raw: string, use: UrlUse): string | null {
  const scheme = schemeOf(trimUrl(raw));
  return scheme !== null && isUnsafe(scheme.scheme, scheme.rest, use) ? scheme.scheme : null;
}

/**
 * Resolves and vets: a URL is vetted as written and again once resolved, so
 * that no base (the header's, `options.baseUrl`) can lend a relative URL an
 * unsafe scheme.
 *
 * @param base base for relative URLs; when it is not an absolute URL, relative URLs stay as they are
 */
export function createUrlResolver(base: string): UrlResolver {
  let baseUrl: URL | null | undefined;
  let baseScheme: string | null | undefined;
  /** Resolutions of relative URLs, by use: pages repeat theirs. */
  const resolved: (Map<string, UrlResult> | undefined)[] = [];

  function parsedBase(): URL | null {
    if (baseUrl === undefined) baseUrl = URL.canParse(base) ? new URL(base) : null;
    return baseUrl;
  }

  function schemeOfBase(): string | null {
    if (baseScheme === undefined) baseScheme = schemeOf(trimUrl(base))?.scheme ?? null;
    return baseScheme;
  }

  function resolveAgainstBase(trimmed: string, use: UrlUse): UrlResult {
    const parsed = parsedBase();
    if (parsed === null) return { ok: true, url: trimmed };
    let url: URL;
    try {
      url = new URL(trimmed, parsed);
    } catch {
      return { ok: true, url: trimmed };
    }
    // Vetted again once resolved: a relative URL takes the scheme of its base.
    const href = url.href;
    const scheme = url.protocol.slice(0, -1);
    if (isUnsafe(scheme, href.slice(scheme.length + 1), use)) return { ok: false, scheme };
    return { ok: true, url: href };
  }

  return {
    resolve(raw, use) {
      const trimmed = trimUrl(raw);
      if (trimmed === '') return { ok: true, url: trimmed };
      const scheme = schemeOf(trimmed);
      if (scheme !== null) {
        if (isUnsafe(scheme.scheme, scheme.rest, use)) return { ok: false, scheme: scheme.scheme };
        // `http:path` against an http base is relative to it; any other scheme makes the URL absolute.
        const relativeToBase =
          SPECIAL_SCHEMES.has(scheme.scheme) && !AUTHORITY_AFTER_SCHEME.test(trimmed) && schemeOfBase() === scheme.scheme;
        if (!relativeToBase) return { ok: true, url: trimmed };
      }
      const index = USES.indexOf(use);
      let cache = resolved[index];
      const known = cache?.get(trimmed);
      if (known !== undefined) return known;
      const result = resolveAgainstBase(trimmed, use);
      cache ??= resolved[index] = new Map();
      if (cache.size < RESOLVED_PER_USE) cache.set(trimmed, result);
      return result;
    },
  };
}

const USES: readonly UrlUse[] = ['link', 'image', 'poster', 'media', 'source', 'embed'];
/** At most this many resolutions are kept per use and parse. */
const RESOLVED_PER_USE = 256;
