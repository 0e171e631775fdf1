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

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const TAB_OR_NEWLINE = /[\t\n\r]/g;
const SPECIAL_SCHEMES = new Set(['http', 'https', 'ftp', 'ws', 'wss', 'file']);

/** Strips what the URL parser strips at the ends: C0 controls and space. */
export function trimUrl(raw: string): string {
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) <= 0x20) start++;
  while (end > start && raw.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === raw.length ? raw : raw.slice(start, end);
}

/** The scheme the WHATWG URL parser finds (lower-cased), or null for a relative URL. */
export function schemeOf(trimmed: string): { scheme: string; rest: string } | null {
  const cleaned = trimmed.search(TAB_OR_NEWLINE) === -1 ? trimmed : trimmed.replace(TAB_OR_NEWLINE, '');
  const match = SCHEME.exec(cleaned);
  if (match === null) return null;
  const name = match[1] as string;
  return { scheme: name.toLowerCase(), rest: cleaned.slice(name.length + 1) };
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
  let baseScheme: string | null = null;

  function parsedBase(): URL | null {
    if (baseUrl === undefined) {
      baseUrl = URL.canParse(base) ? new URL(base) : null;
      baseScheme = baseUrl === null ? null : baseUrl.protocol.slice(0, -1);
    }
    return baseUrl;
  }

  return {
    resolve(raw, use) {
      const trimmed = trimUrl(raw);
      const scheme = schemeOf(trimmed);
      if (scheme !== null) {
        if (isUnsafe(scheme.scheme, scheme.rest, use)) return { ok: false, scheme: scheme.scheme };
        // `http:path` against an http base is relative to it; any other scheme makes the URL absolute.
        const relativeToBase =
          SPECIAL_SCHEMES.has(scheme.scheme) && !/^[/\\]{2}/.test(scheme.rest) && (parsedBase(), baseScheme === scheme.scheme);
        if (!relativeToBase) return { ok: true, url: trimmed };
      }
      const parsed = parsedBase();
      if (parsed === null || trimmed === '') return { ok: true, url: trimmed };
      let resolved: URL;
      try {
        resolved = new URL(trimmed, parsed);
      } catch {
        return { ok: true, url: trimmed };
      }
      // Vetted again once resolved: a relative URL takes the scheme of its base.
      const href = resolved.href;
      const resolvedScheme = resolved.protocol.slice(0, -1);
      if (isUnsafe(resolvedScheme, href.slice(resolvedScheme.length + 1), use)) return { ok: false, scheme: resolvedScheme };
      return { ok: true, url: href };
    },
  };
}
