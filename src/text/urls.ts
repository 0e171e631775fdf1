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
const SPECIAL_SCHEMES = new Set(['http', 'https', 'ftp', 'ws', 'wss', 'file']);
/**
 * The bases a relative URL is resolved against (other than by a fragment):
 * the special schemes but `file`, whose parsing every runtime shares. Runtimes
 * read `file:` URLs and those of other schemes differently (Chromium keeps no
 * host for `\\x` against `foo://host/a/b`; Node keeps it).
 */
const SHARED_SCHEMES = new Set(['http', 'https', 'ftp', 'ws', 'wss']);
/** A host every runtime serializes alike: ASCII letters, digits, `-`, `.` and `_`, or an IPv6 address in brackets. */
const PLAIN_HOST = /^(?:[A-Za-z0-9._-]*|\[[0-9A-Fa-f:.]+\])$/;
const PUNYCODE_LABEL = /(?:^|\.)xn--/i;
/** Schemes named without a new string: the list's own, when the URL spells one (in any case). */
const KNOWN_SCHEMES = ['https', 'http', 'mailto', 'data', 'javascript', 'vbscript', 'ftp', 'file', 'ws', 'wss'];

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const COLON = 0x3a;
const PLUS = 0x2b;
const HYPHEN = 0x2d;
const FULL_STOP = 0x2e;
const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const CASE_BIT = 0x20;

/** Strips what the URL parser strips at the ends: C0 controls and space. */
function trimUrl(raw: string): string {
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) <= 0x20) start++;
  while (end > start && raw.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === raw.length ? raw : raw.slice(start, end);
}

/**
 * Rule 9: a URL that is empty or only white space is no URL. White space here
 * is what `String.prototype.trim` removes (U+00A0, U+3000, line separators
 * and the rest of Unicode's), as for the title link's destination, besides
 * the C0 controls the URL parser strips at the ends.
 */
export function isNoUrl(raw: string): boolean {
  return trimUrl(raw).trim() === '';
}

/**
 * Whether a browser reads the URL as a `data:` URL: its scheme as the URL
 * parser finds it, past leading controls and spaces, with tabs and line
 * feeds inside it ignored (`da\nta:image/…` is one).
 */
export function isDataUrl(raw: string): boolean {
  return schemeOf(trimUrl(raw)) === 'data';
}

/** Whether a browser reads the URL as an `about:` URL (`about:blank`, a lazy-loading iframe's placeholder), as {@link isDataUrl} reads the scheme. */
export function isAboutUrl(raw: string): boolean {
  return schemeOf(trimUrl(raw)) === 'about';
}

function isAsciiLetter(code: number): boolean {
  const lower = code | CASE_BIT;
  return lower >= 0x61 && lower <= 0x7a;
}

function isSchemeCharacter(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === PLUS || code === HYPHEN || code === FULL_STOP;
}

function isTabOrNewline(code: number): boolean {
  return code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN;
}

/**
 * Where the colon that ends the scheme stands, or -1 for a relative URL: the
 * scheme is `[A-Za-z][A-Za-z0-9+.-]*`, tabs and line feeds anywhere ignored as
 * the WHATWG URL parser ignores them. One character scan.
 */
function schemeEnd(trimmed: string): number {
  let length = 0;
  for (let index = 0; index < trimmed.length; index++) {
    const code = trimmed.charCodeAt(index);
    if (code === COLON) return length === 0 ? -1 : index;
    if (isTabOrNewline(code)) continue;
    if (!(length === 0 ? isAsciiLetter(code) : isSchemeCharacter(code))) return -1;
    length++;
  }
  return -1;
}

/**
 * The scheme the WHATWG URL parser finds (lower-cased), or null for a relative
 * URL (see {@link schemeEnd}).
 */
function schemeOf(trimmed: string): string | null {
  const colon = schemeEnd(trimmed);
  return colon === -1 ? null : schemeBefore(trimmed, colon);
}

/** The scheme written before `colon`, lower-cased and without tabs and line feeds. */
function schemeBefore(trimmed: string, colon: number): string {
  for (const known of KNOWN_SCHEMES) {
    if (known.length === colon && spellsLowerCase(trimmed, known)) return known;
  }
  return trimmed.slice(0, colon).replace(TAB_OR_NEWLINE, '').toLowerCase();
}

/** Whether `text` starts with `lower`, ASCII case-insensitively (`lower` is lower-case letters). */
function spellsLowerCase(text: string, lower: string): boolean {
  for (let index = 0; index < lower.length; index++) {
    if ((text.charCodeAt(index) | CASE_BIT) !== lower.charCodeAt(index)) return false;
  }
  return true;
}

/** `scheme://` from `colon` on: the URL names its own host (tabs and line feeds ignored). */
function hasAuthority(trimmed: string, colon: number): boolean {
  let slashes = 0;
  for (let index = colon + 1; index < trimmed.length && slashes < 2; index++) {
    const code = trimmed.charCodeAt(index);
    if (code === SLASH || code === BACKSLASH) slashes++;
    else if (!isTabOrNewline(code)) return false;
  }
  return slashes === 2;
}

/**
 * The host named from `start` on (past the slashes that open an authority),
 * as written: tabs and line feeds dropped, as the URL parser drops them; up to
 * `/`, `\`, `?`, `#` or the end; without userinfo (up to the last `@`). Not
 * read through IDNA, nor percent-decoded. `rest` is what follows the host up
 * to the end of the authority (`:port`, or more).
 */
function hostAt(written: string, start: number): { host: string; rest: string } {
  const url = written.slice(start).replace(TAB_OR_NEWLINE, '');
  let index = 0;
  while (index < url.length && (url.charCodeAt(index) === SLASH || url.charCodeAt(index) === BACKSLASH)) index++;
  const end = url.slice(index).search(/[/\\?#]/);
  const authority = url.slice(index, end === -1 ? url.length : index + end);
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  const colon = hostAndPort.indexOf(':');
  // An IPv6 address in brackets holds colons (an empty host when the bracket is not closed).
  const hostEnd = hostAndPort.startsWith('[') ? hostAndPort.indexOf(']') + 1 : colon === -1 ? hostAndPort.length : colon;
  return { host: hostAndPort.slice(0, hostEnd), rest: hostAndPort.slice(hostEnd) };
}

/** A port as the URL parser takes it: `:` then ASCII digits (none for the default), at most 65535. */
const PORT = /^(?::[0-9]*)?$/;
const MAX_PORT = 65535;

/**
 * Whether a host as written ({@link hostAt}) is plain, so that every runtime
 * reads it alike. Any other host is read through IDNA, whose Unicode tables
 * move between runtimes and their versions (`ẞ.example` is `ss.example` in
 * Node 20, `xn--zca.example` in Chromium 156), or through rules of validity
 * that browsers read their own way (a space or an `xn--` label that decodes to
 * nothing valid is an error in Node, a host in Chromium).
 */
function isPlainHost(host: string): boolean {
  return PLAIN_HOST.test(host) && !PUNYCODE_LABEL.test(host);
}

/**
 * Whether the host named from `start` on (past the slashes that open an
 * authority) is plain ({@link isPlainHost}), so that resolving the URL gives
 * the same string in every runtime.
 */
function isPlainHostAt(written: string, start: number): boolean {
  return isPlainHost(hostAt(written, start).host);
}

/**
 * The host of an `http:` or `https:` URL that names one (`scheme://host…`,
 * tabs and line feeds ignored), read as written ({@link hostAt}) and
 * ASCII-lower-cased, when it is plain ({@link isPlainHost}); else null (a
 * relative URL, another scheme, no host, a host with other characters or an
 * `xn--` label). Read without the runtime's URL parser, so alike everywhere.
 */
export function plainHttpHost(raw: string): string | null {
  const trimmed = trimUrl(raw);
  const colon = schemeEnd(trimmed);
  if (colon === -1) return null;
  const scheme = schemeBefore(trimmed, colon);
  if ((scheme !== 'http' && scheme !== 'https') || !hasAuthority(trimmed, colon)) return null;
  const { host, rest } = hostAt(trimmed, colon + 1);
  // A port that is no number makes the URL invalid: it names no host.
  if (!PORT.test(rest) || Number(rest.slice(1)) > MAX_PORT) return null;
  return host !== '' && isPlainHost(host) ? host.toLowerCase() : null;
}

/** Two slashes (or backslashes) open the URL, tabs and line feeds ignored: it names its own host. */
function opensWithAuthority(trimmed: string): boolean {
  return hasAuthority(trimmed, -1);
}

/**
 * Whether a URL of `scheme` is unsafe for `use`; `url` is the URL, whose part
 * after its first colon is read for a `data:` URL only.
 */
function isUnsafe(scheme: string, url: string, use: UrlUse): boolean {
  if (scheme === 'javascript' || scheme === 'vbscript') return true;
  if (scheme !== 'data') return false;
  if (use !== 'image' && use !== 'poster') return true;
  const rest = url.slice(url.indexOf(':') + 1).replace(TAB_OR_NEWLINE, '');
  return !/^\s*image\//i.test(rest);
}

/**
 * The unsafe scheme of a URL as a browser's URL parser would read it
 * (`javascript`, `vbscript`, or `data` except `data:image/…` where `use`
 * allows it), or null when the URL is safe for that use.
 */
export function unsafeScheme(raw: string, use: UrlUse): string | null {
  const trimmed = trimUrl(raw);
  const scheme = schemeOf(trimmed);
  return scheme !== null && isUnsafe(scheme, trimmed, use) ? scheme : null;
}

/**
 * Resolves and vets: a URL is vetted as written and again once resolved, so
 * that no base (the header's, `options.baseUrl`) can lend a relative URL an
 * unsafe scheme.
 *
 * @param base base for relative URLs; when it is not an absolute URL, relative URLs stay as they are
 */
export function createUrlResolver(base: string): UrlResolver {
  return new Resolver(base);
}

class Resolver implements UrlResolver {
  private readonly base: string;
  private baseUrl: URL | null | undefined = undefined;
  private baseScheme: string | null | undefined = undefined;
  private baseShared: boolean | undefined = undefined;
  /** Resolutions of relative URLs, by use: pages repeat theirs. */
  private readonly resolved: (Map<string, UrlResult> | undefined)[] = [];

  constructor(base: string) {
    this.base = base;
  }

  resolve(raw: string, use: UrlUse): UrlResult {
    const trimmed = trimUrl(raw);
    if (trimmed.trim() === '') return NO_URL;
    const colon = schemeEnd(trimmed);
    if (colon !== -1) {
      const scheme = schemeBefore(trimmed, colon);
      if (isUnsafe(scheme, trimmed, use)) return { ok: false, scheme };
      // `http:path` against an http base is relative to it; any other scheme makes the URL absolute.
      const relativeToBase = SPECIAL_SCHEMES.has(scheme) && !hasAuthority(trimmed, colon) && this.schemeOfBase() === scheme;
      if (!relativeToBase) return { ok: true, url: trimmed };
    }
    const index = USES.indexOf(use);
    let cache = this.resolved[index];
    const known = cache?.get(trimmed);
    if (known !== undefined) return known;
    const result = this.resolveAgainstBase(trimmed, use);
    cache ??= this.resolved[index] = new Map();
    if (cache.size < RESOLVED_PER_USE) cache.set(trimmed, result);
    return result;
  }

  private parsedBase(): URL | null {
    if (this.baseUrl === undefined) this.baseUrl = URL.canParse(this.base) ? new URL(this.base) : null;
    return this.baseUrl;
  }

  /**
   * A base without a host, of a scheme that is not special (`javascript:…`,
   * `data:…`): only a fragment resolves against it, and alike everywhere (which
   * lets no fragment lend such a base's scheme to a URL unvetted).
   */
  private opaqueBase(): boolean {
    const base = trimUrl(this.base);
    const scheme = this.schemeOfBase();
    return scheme !== null && !SPECIAL_SCHEMES.has(scheme) && !hasAuthority(base, schemeEnd(base));
  }

  /** Whether a relative URL resolves against the base alike in every runtime: a base of a shared scheme, with a plain host. */
  private sharedBase(): boolean {
    if (this.baseShared === undefined) {
      const base = trimUrl(this.base);
      const scheme = this.schemeOfBase();
      this.baseShared = scheme !== null && SHARED_SCHEMES.has(scheme) && isPlainHostAt(base, schemeEnd(base) + 1);
    }
    return this.baseShared;
  }

  private schemeOfBase(): string | null {
    if (this.baseScheme === undefined) this.baseScheme = schemeOf(trimUrl(this.base));
    return this.baseScheme;
  }

  private resolveAgainstBase(trimmed: string, use: UrlUse): UrlResult {
    const parsed = this.parsedBase();
    if (parsed === null) return { ok: true, url: trimmed };
    // What runtimes would resolve each their own way stays as written, so that an Article is the same everywhere.
    const shared = this.sharedBase() ? !opensWithAuthority(trimmed) || isPlainHostAt(trimmed, 0) : this.opaqueBase() && trimmed.replace(TAB_OR_NEWLINE, '').startsWith('#');
    if (!shared) return { ok: true, url: trimmed };
    let url: URL;
    try {
      url = new URL(trimmed, parsed);
    } catch {
      return { ok: true, url: trimmed };
    }
    // Vetted again once resolved: a relative URL takes the scheme of its base.
    const href = this.sharedBase() ? sharedHref(url) : url.href;
    const scheme = url.protocol.slice(0, -1);
    if (isUnsafe(scheme, href, use)) return { ok: false, scheme };
    return { ok: true, url: href };
  }
}

/** Characters of a path that runtimes' URL parsers write out each their own way (`|`, `^`: as they are, or percent-encoded). */
const UNSETTLED_PATH = /[|^]/;
const UNSETTLED_PATH_ALL = /[|^]/g;
const APOSTROPHE = "'";

/**
 * A resolved URL's `href` as every runtime writes it. WHATWG URL parsers differ on a few
 * characters that each leaves as it is or percent-encodes: `|` and `^` in the path, `'` in the
 * user name and password (Node's leaves them; Chromium's encodes them). Written encoded, they
 * read back as the same URL everywhere. For URLs resolved against a shared base (a shared scheme
 * and a plain host); a fragment against an opaque base (`urn:a|b`) is written as it is.
 */
function sharedHref(url: URL): string {
  const { username, password, pathname } = url;
  if (!UNSETTLED_PATH.test(pathname) && !username.includes(APOSTROPHE) && !password.includes(APOSTROPHE)) return url.href;
  const user = encodeApostrophes(username) + (password === '' ? '' : `:${encodeApostrophes(password)}`);
  const path = pathname.replace(UNSETTLED_PATH_ALL, (character) => (character === '|' ? '%7C' : '%5E'));
  return `${url.protocol}//${user === '' ? '' : `${user}@`}${url.host}${path}${url.search}${url.hash}`;
}

function encodeApostrophes(text: string): string {
  return text.replaceAll(APOSTROPHE, '%27');
}

/** What a URL that is empty or only white space ({@link isNoUrl}) resolves to: the empty string, which callers read as no URL. */
const NO_URL: UrlResult = Object.freeze({ ok: true, url: '' });

const USES: readonly UrlUse[] = ['link', 'image', 'poster', 'media', 'source', 'embed'];
/** At most this many resolutions are kept per use and parse. */
const RESOLVED_PER_USE = 256;
