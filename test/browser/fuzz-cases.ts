/**
 * Hostile seeds for the differential test (browser.test.ts, "the same outcome in Node and Chromium
 * for generated seeds"): made from a fixed seed by a small PRNG, so Node and the browser get the
 * same cases in every run. Written seeds (front matter, timestamp, title link, underline, body) and
 * corpus seeds mutated with what runtimes may read differently: characters of every plane (astral,
 * combining marks, bidi controls, noncharacters, lone surrogates, characters whose case mapping or
 * white space class moved between Unicode versions, NUL), entities (numeric, named, new and legacy),
 * tag names with non-ASCII letters, odd URLs (IDN hosts, percent-encoding, backslashes, IPv6, ports,
 * `file:`), YAML scalars (dates, timestamps, big numbers, -0, 1e309, octal-looking numbers), long words.
 */

export interface FuzzCase {
  name: string;
  /** The seed as text (lone surrogates allowed); when `bytes` is set, the text Node reads from them. */
  text: string;
  /** Raw bytes (invalid UTF-8 allowed) for the stream parses; else the UTF-8 of `text`. */
  bytes?: number[];
  /** Cut points for the stream parses: UTF-16 indexes into `text`, byte indexes into the bytes. */
  textCuts: number[];
  byteCuts: number[];
  baseUrl?: string;
}

/** mulberry32: a small PRNG that every runtime computes alike. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cp = (...points: number[]) => String.fromCodePoint(...points);

/** Characters runtimes may read differently, one string each (lone surrogates as single code units). */
export const ODD_CHARACTERS: readonly string[] = [
  '\0', '\u0001', '\u0008', '\u000b', '\u000c', '\r', '\u007f', '\u0080', '\u0085', '\u009f', '\u00a0', '\u00ad',
  '\u0130', '\u0131', 'I', 'i', '\u0069\u0307', '\u212a', '\u212b', '\u2126', '\u017f', '\u00df', '\u1e9e', '\ufb00', '\ufb05', '\ufb06',
  '\u03a3', '\u03c2', '\u0345', '\u00b5', '\u01c5', '\u1c90', '\u1c89', '\u1c8a', '\ua7cb', '\ua7cc', '\ua7cd', '\ua7da', '\ua7dc', '\u2c2f', '\ua7c0',
  cp(0x10d50), cp(0x10d70), cp(0x16ea0), cp(0x16ebb), cp(0x1e900), cp(0x1e922), cp(0x10400), cp(0x118a0), cp(0x16e40),
  '\u180e', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069', '\u061c', '\u2060', '\ufeff',
  '\u1680', '\u2000', '\u200a', '\u202f', '\u205f', '\u3000', '\u3164', '\u115f', '\u2800', '\u034f', '\u17b4', '\u0890', '\u08e2',
  '\ufdd0', '\ufdef', '\ufffe', '\uffff', cp(0x1fffe), cp(0x10ffff), cp(0xe0001), cp(0xe0041), cp(0xe007f), cp(0xe0100), '\ufe0f', '\ufe00',
  '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00', '\ufffd',
  '\u0301', '\u0300\u0301\u0302\u0303\u0304', '\u20dd', '\u0e31', '\u093f', '\u1ab0', '\u1dc0', cp(0x1d165), cp(0x1e2ec), cp(0x11f00),
  cp(0x1f600), cp(0x1f468, 0x200d, 0x1f469, 0x200d, 0x1f467), cp(0x1f1ef, 0x1f1f5), cp(0x1f3fb), cp(0x1fae8), cp(0x1fac8), cp(0x1fa89),
  cp(0x20000), cp(0x2a6df), cp(0x2b73f), cp(0x2ebf0), cp(0x31350), cp(0x323af), cp(0x3134a), '\u9fff', '\u9ffc', '\u4e00', '\u3005', '\u3007', '\u30fc', '\u309f', '\u31ef',
  '\u3400', '\u2e80', '\u2f00', '\uf900', '\uff21', '\uff41', '\uff10', '\uff3f', '\u3002', '\uff0e', '\uff61', '\u2024', '\u00b7', '\u0387', '\u2019', '\u2018',
  '\u0660', '\u06f0', '\u0966', '\u1040', cp(0x1e950), cp(0x16ac0), cp(0x1ccf0), cp(0x1fbf0), '\u2160', '\u2070', '\u00b2', '\u00bd',
  '\u203f', '\u2040', '\u2054', '\ufe33', '\ufe4d', '\u05be', '\u058a', '\u1400', '\u2e5d', '\u2e5e', cp(0x10d6e), cp(0x10ed0), '\u0e5b', '\u1b7f',
  '\u02c7', '\u1fbd', '\u0600', '\u06dd', '\u070f', cp(0x110bd), cp(0x13430), cp(0x1bca0), cp(0x1d173),
  '\u0378', '\u05ff', '\u0c5c', '\u1aff', cp(0x1100f), cp(0x11b60), cp(0x16d40), cp(0x1e5d0), cp(0x18d08), cp(0x18cff), cp(0x10940), cp(0x11dd0),
  '\u0e33', '\u0f77', '\u1e9b', '\u0149', '\u01f0', '\u0390', '\u1f80', '\u1fb3', '\u1fbc', '\u0587', '\ufb13',
  '&', '<', '>', '"', "'", '`', '\\', '[', ']', '(', ')', '*', '_', '~', '#', '|', '!', '-', '=', '+', '.', ':', ';', ',', '?', '/', '%', '@', '{', '}', '^', '$',
];

export const ENTITIES: readonly string[] = [
  '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&nbsp;', '&nbsp', '&amp', '&AMP', '&AMP;', '&LT', '&copy', '&COPY;', '&ampx;', '&amp;x', '&notit;', '&notin;', '&not',
  '&NotNestedGreaterGreater;', '&CounterClockwiseContourIntegral;', '&fjlig;', '&ThickSpace;', '&NewLine;', '&Tab;', '&bne;', '&nGt;', '&acE;', '&nvlt;',
  '&bigstar;', '&zwj;', '&zwnj;', '&lrm;', '&rlm;', '&shy;', '&ensp;', '&emsp;', '&thinsp;', '&hairsp;', '&MediumSpace;', '&NoBreak;', '&ic;', '&it;', '&af;',
  '&dollar;', '&lowbar;', '&grave;', '&ast;', '&lsqb;', '&rsqb;', '&lpar;', '&rpar;', '&excl;', '&num;', '&verbar;', '&Hat;', '&bsol;', '&colon;', '&semi;',
  '&#0;', '&#x0;', '&#1;', '&#9;', '&#10;', '&#13;', '&#x0D;', '&#12;', '&#32;', '&#x20;', '&#65;', '&#X41;', '&#x41', '&#65', '&#x;', '&#;', '&#x', '&#',
  '&#128;', '&#x80;', '&#x81;', '&#x8D;', '&#x9F;', '&#150;', '&#151;', '&#127;', '&#xD800;', '&#xDFFF;', '&#55357;&#56832;', '&#xFFFE;', '&#xFFFF;', '&#xFDD0;',
  '&#1114111;', '&#x10FFFF;', '&#x110000;', '&#1114112;', '&#99999999999;', '&#x00000000041;', '&#0000000065;', '&#x1F600;', '&#128512;', '&#x2028;', '&#xFEFF;',
  '&#x200B;', '&#x130;', '&#x212A;', '&#x17F;', '&#x180E;', '&#x3000;', '&#xA0;', '&#160;', '&#x3164;', '&#xE0001;', '&#x1D173;',
  '&unknownentity;', '&xyz', '&;', '& ', '&&', '&#-1;', '&#+1;', '&#x-1;', '&#1e3;', '&#x1_0;', '&#٣;',
];

export const TAG_NAMES: readonly string[] = [
  'p', 'b', 'i', 'strong', 'em', 'u', 's', 'small', 'span', 'div', 'section', 'article', 'h1', 'h2', 'h3', 'h6', 'ul', 'ol', 'li', 'blockquote',
  'pre', 'code', 'br', 'hr', 'a', 'img', 'figure', 'figcaption', 'video', 'audio', 'source', 'iframe', 'embed', 'object', 'picture', 'table', 'tr', 'td',
  'script', 'style', 'template', 'noscript', 'textarea', 'title', 'xmp', 'plaintext', 'svg', 'math', 'foreignObject', 'desc', 'annotation-xml', 'image', 'mi',
  'font', 'select', 'option', 'button', 'form', 'dl', 'dt', 'dd', 'cite', 'time', 'mark', 'sup', 'sub', 'tt', 'big', 'nobr', 'center', 'head', 'body', 'html', 'frameset',
  'P', 'B', 'IMG', 'STRONG', 'Span', 'sVg', 'SCRIPT', 'İmg', 'ımg', 'İ', 'ı', 'ſpan', 'ſtrong', 'K', 'Kbd', 'straße', 'STRASSE', 'ꟋX', 'aɤ', 'aꟋ', 'ᲐᲑ', 'აბ',
  'x\u0307', 'p\u0301', 'é', 'É', 'ß', 'ẞ', 'ǅ', 'ǆ', 'Σ', 'σ', 'ς', 'ﬀ', 'ff', 'Ａ', 'ａ', '日本', 'x-ıi', 'X-İI', 'custom-tag', 'a:b', 'svg:rect', 'x\u200by',
  '\ud800x', 'x\u0000y', 'k\u212a', 'h\u0130', 'a\ud83d\ude00', 'ꞵ', 'Ꞵ', 'Ⱟ', 'ⱟ', 'Ʞ', 'ʞ', 'Ꟑ', 'ꟑ', 'Ꟗ', '\u1c89x', '\u1c8ax',
];

export const URLS: readonly string[] = [
  'https://news.example/a/b', 'http://h/dir/', 'HTTP://EXAMPLE.COM/A', 'https://example.com:443/', 'http://example.com:80/x', 'https://example.com:0080/',
  'https://user:pa ss@host/', 'https://[::1]/', 'https://[::ffff:127.0.0.1]/x', 'http://[2001:db8::]:8080/', 'http://[v1.x]/', 'http://[::1', 'http://0x7f.1/',
  'http://127.1/', 'http://1.2.3.09/', 'http://1.2.3.4.5/', 'http://4294967295/', 'http://4294967296/', 'http://0/', 'http://a.1/', 'http://a.0x1/', 'http://1.0x/',
  'http://foo.09/', 'http://a..b/', 'http://a./', 'http://.a/', 'http://-a-/', 'http://a_b/', 'http://%41.com/', 'http://a%2eb.com/', 'http://xn--nxasmq6b.com/',
  'http://xn--a.com/', 'http://xn--/', 'http://XN--LS8H.la/', 'http://münchen.de/', 'http://MÜNCHEN.de/', 'http://faß.de/', 'http://ẞ.com/', 'http://İ.com/',
  'http://\u212a.com/', 'http://ſ.com/', 'http://日本.jp/', 'http://例え.テスト/', 'http://\u{1f600}.com/', 'http://a\u200d.com/', 'http://\u00ad.com/', 'http://ex ample/',
  'http://a\tb.com/', 'http://a\nb/', 'http://Ａ.com/', 'http://example\u3002com/', 'http://exa\uff0emple.com/', 'http://\u0661.com/', 'http://a\u180eb.com/',
  'https://h/%zz', 'https://h/%2e%2E/x', 'https://h/a/%2e./b', 'https://h/a/..%2f', 'https://h/a b<c>"d`e{f}|g^h', 'https://h/?q=a b\'c"d<e>', 'https://h/#f g"h<i>`j',
  'https://h/?\u00fc#\u00fc', 'https://h/\u00fc', 'https://h/\ud800', 'https://h/\u0000', 'https://h/\u2028', 'https://h/\ufeff', 'https://h/?%', 'https://h/#%',
  'https://h:65535/', 'https://h:65536/', 'https://h:99999999999999999999/', 'https://h:+80/', 'https://h:8a/', 'https://h:/', 'https://h::80/',
  'https:\\\\h\\a\\b', 'https:/h/a', 'https:h/a', 'http:foo', 'https:', 'https://', 'https:///', 'https://@/', 'https://@h/', 'https://a@b@c/', 'https://:@h/',
  'file:///tmp/a', 'file:///C:/x', 'file://host/share', 'file:c:\\x', 'file:/x', 'file://localhost/x', 'file:///C|/x', 'file://[::1]/x',
  'foo://host/a/b', 'foo:bar', 'mailto:a@b', 'tel:+1', 'data:image/png;base64,AA', 'data:text/html,x', 'DATA:image/svg+xml,<svg>', 'da\nta:image/png,x', ' data:x',
  'javascript:alert(1)', 'JaVaScRiPt:x', 'java\tscript:x', 'java\u0000script:x', '\u0001javascript:x', 'vbscript:x', 'jav&#x61;script:x', 'javascript&colon;x',
  'ws://h/', 'wss://h:443/', 'ftp://h:21/x', 'blob:https://h/uuid', 'about:blank', 'urn:isbn:1', 'ht!tp://x', '1http://x', 'a+b.c-d://x', 'h\u00fcttp://x',
  '//example.com/x', '//EXAMPLE.com', '///x', '\\\\x\\y', '/\\x/y', '\\/x', '/a/../b', '../../../../x', './x', '.', '..', '?q=1', '#frag', '#', '?', '', ' ', '\u3000',
  '\u00a0', 'x?a#b#c', 'rel path/x y', '%', '%%', '%41%42', '%E2%82%AC', '%C3', 'ü', '\u0130', '\u212a', 'a:b', 'c:\\windows', 'C|/x', '//h:0/', '//h:00/', '//[::1]:80',
  '//0x100000000/', '//256.256.256.256/', '//1.2.3/', '//0300.0250.0.1/', '//h/%2F', '//h/a%00b', '//\u0000h/', '//h\u0000/', '//h%00/', '//h%zz/', '//[1::2::3]/',
];

export const YAML_VALUES: readonly string[] = [
  '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2002-12-14', '2001-12-15T02:59:43.1Z', '1970-01-01', '0001-01-01', '9999-12-31T23:59:59.999Z',
  '12345678901234567890', '-12345678901234567890', '9007199254740993', '9007199254740992', '-0', '-0.0', '+0', '0.0', '1e309', '-1e309', '1e308', '5e-324', '2e-324',
  '1.7976931348623157e308', '0.1', '0.30000000000000004', '1e21', '1e-7', '123456789012345680000', '.5', '5.', '1_000', '0o17', '017', '08', '0x1F', '0xFFFFFFFFFFFFFFFFF',
  '0b101', '+12', '-.inf', '.inf', '.Inf', '.NaN', '.nan', 'NaN', 'Infinity', '~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'yes', 'on', 'y', 'n', 'off', 'no',
  '"\\u0130\\u212a"', '"\\ud800"', '"\\x00"', '"\\0"', '"\\N\\_\\L\\P"', "'it''s'", '"a\\tb"', '|\n  block\n  text', '>-\n  folded\n  text', '[a, b, 1e309, -0]',
  '{a: 1, b: [2, 3]}', '&anchor x', '*anchor', '!!binary aGVsbG8=', '!!timestamp 2001-12-14', '!!str 1', '!!int "3"', '!!float 1', '!!set {a, b}', '!!omap [a: 1]',
  '2020-07-30T13:50:00.000Z', 'İstanbul', 'K', 'ſ', '\u180e', '\u200b', '\u2028x', '\ufeff', '"\\u2029"', 'a: b', '- x', '`x', '@x', '%x', '#c', 'x #c', "'", '"',
];

export const TIMESTAMPS: readonly string[] = [
  '1700000000000', '0', '253402300799999', '253402300800000', '-1', '1e12', '0x10', '1.5', '01700000000000', ' 1700000000000 ', '\uff11\uff17\uff10\uff10',
  '1700000000000\u00a0', '\u20281700000000000', '\ufeff1700000000000', '9007199254740993', '', '  ', '1_700', '+1700000000000', '1700000000000.0', '١٧٠٠',
];

const FRONT_KEYS = ['title', 'date', 'author', 'tags', 'from', 'n', 'x', '__proto__', 'constructor', 'toString', 'İ', 'k\u212a', 'ſ', '"quoted key"', '? complex', '1', '-0', 'null', 'true', '日付'];

type Rng = () => number;

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const int = (rng: Rng, max: number): number => Math.floor(rng() * (max + 1));

function oddRun(rng: Rng): string {
  let text = '';
  const count = 1 + int(rng, 4);
  for (let index = 0; index < count; index++) text += rng() < 0.15 ? pick(rng, ENTITIES) : pick(rng, ODD_CHARACTERS);
  return text;
}

function randomCodePoint(rng: Rng): string {
  const plane = rng();
  if (plane < 0.4) return String.fromCharCode(int(rng, 0xffff));
  if (plane < 0.6) return String.fromCodePoint(0x10000 + int(rng, 0x1ffff));
  if (plane < 0.7) return String.fromCodePoint(0x30000 + int(rng, 0x3ffff));
  if (plane < 0.8) return String.fromCodePoint(int(rng, 0x10ffff));
  return pick(rng, ODD_CHARACTERS);
}

function word(rng: Rng): string {
  const kind = rng();
  if (kind < 0.02) {
    // A very long word: letters, marks and joiners.
    const unit = pick(rng, ['a', 'é', 'e\u0301', '\u0130', 'ſ', '\u212a', '日', 'ٱ', 'x\u200d', 'a.b', "o'", '1,2', cp(0x1d400), '\u{1f600}']);
    return unit.repeat(200 + int(rng, 3000));
  }
  if (kind < 0.35) return pick(rng, ['news', 'Tokyo', 'café', 'naïve', 'İstanbul', 'straße', 'Ωmega', '東京の夜', 'правда', 'عربى', 'עברית', 'हिन्दी', 'ภาษาไทย', '19/05/2023', '1,000.5', "don't", 'U.S.A.', 'a_b', 'x:y', 'n·m']);
  if (kind < 0.6) return oddRun(rng);
  let text = '';
  const length = 1 + int(rng, 8);
  for (let index = 0; index < length; index++) text += randomCodePoint(rng);
  return text;
}

function text(rng: Rng, words = 1 + int(rng, 10)): string {
  const parts: string[] = [];
  for (let index = 0; index < words; index++) parts.push(word(rng));
  return parts.join(pick(rng, [' ', ' ', ' ', '\n', '  ', '\t', '\u00a0', '\u3000', '', '\r\n', '\u2028', '\u200b']));
}

function url(rng: Rng): string {
  const choice = rng();
  if (choice < 0.6) return pick(rng, URLS);
  if (choice < 0.8) return pick(rng, URLS) + pick(rng, ['', '/', '?', '#']) + oddRun(rng);
  const scheme = pick(rng, ['http://', 'https://', 'HTTPS://', '//', '', 'file://', 'foo://', 'https:', 'http:\\\\', '\\\\', 'ftp://', 'ws://']);
  const host = pick(rng, ['h', 'example.com', 'a.b.c', '[::1]', '127.0.0.1', '0x7f.1', oddRun(rng), word(rng), 'xn--zca', 'a-b_c', 'EX.COM', '']);
  const port = rng() < 0.2 ? pick(rng, [':80', ':443', ':0', ':65535', ':65536', ':', ':x', ':00021']) : '';
  const path = rng() < 0.7 ? '/' + text(rng, 1 + int(rng, 2)).replace(/\s/g, pick(rng, ['/', '%20', '', '\\', '?', '#'])) : '';
  return scheme + host + port + path;
}

function attributeValue(value: string, rng: Rng): string {
  const quote = pick(rng, ['"', '"', "'", '']);
  if (quote === '') return value.replace(/[\s>"'=<`]/g, '') || 'x';
  return quote + value.replaceAll(quote, quote === '"' ? '&quot;' : '&#39;') + quote;
}

function tag(rng: Rng): string {
  const name = pick(rng, TAG_NAMES);
  const closing = rng() < 0.3;
  if (closing) return `</${name}${rng() < 0.1 ? ' x' : ''}>`;
  const attributes: string[] = [];
  const count = int(rng, 3);
  for (let index = 0; index < count; index++) {
    const attribute = pick(rng, ['href', 'src', 'alt', 'title', 'poster', 'width', 'height', 'start', 'class', 'data-src', 'srcset', 'HREF', 'SRC', 'İd', 'hreſ', 'ſrc', 'x\u0130']);
    const value =
      attribute.toLowerCase().includes('href') || attribute.toLowerCase().includes('src') || attribute === 'poster'
        ? url(rng)
        : attribute === 'width' || attribute === 'height' || attribute === 'start'
          ? pick(rng, ['1', '640', '-1', '0', '+5', '1e3', '٣', '３', ' 12 ', '12px', '99999999999999999999', '0x10', '1.5', '007', ''])
          : attribute === 'class'
            ? pick(rng, ['credit', 'CREDIT', 'crédit', 'lead', 'photo-credİt', 'x'])
            : text(rng, 1 + int(rng, 3));
    attributes.push(rng() < 0.1 ? attribute : `${attribute}=${attributeValue(value, rng)}`);
  }
  return `<${name}${attributes.map((a) => ' ' + a).join('')}${rng() < 0.05 ? '/' : ''}>`;
}

function body(rng: Rng): string {
  let html = '';
  const pieces = 1 + int(rng, 40);
  if (rng() < 0.2) html += pick(rng, ['<div>19/05/2023 - 18:08</div>', '<p>2023-02-29 10:00</p>', '<p>2024年1月5日 9:05</p>', '<p>2023/13/01 25:61</p>', '<p>2000-02-29 23:59:59</p>']);
  for (let index = 0; index < pieces; index++) {
    const kind = rng();
    if (kind < 0.4) html += tag(rng);
    else if (kind < 0.8) html += text(rng);
    else if (kind < 0.85) html += pick(rng, ['<!-- c -->', '<!-->', '<!---->', '<![CDATA[x]]>', '<?xml x?>', '<!doctype html>', '</>', '<>', '< p>', '<p/>', '<br/>', '</br>', '</p>']);
    else if (kind < 0.9) html += pick(rng, ['\n', '\n\n', '\r\n', '\r', '\f', '\t']);
    else html += pick(rng, ENTITIES);
  }
  return html;
}

function frontMatter(rng: Rng): string {
  const lines: string[] = [];
  const count = 1 + int(rng, 6);
  for (let index = 0; index < count; index++) {
    const key = pick(rng, FRONT_KEYS);
    const value = rng() < 0.8 ? pick(rng, YAML_VALUES) : text(rng, 1 + int(rng, 3)).replace(/[\r\n]/g, ' ');
    if (value.includes('\n')) lines.push(`${key}: ${value}`);
    else if (rng() < 0.1) lines.push(`${key}:\n  - ${value}\n  - ${pick(rng, YAML_VALUES)}`);
    else lines.push(`${key}: ${value}`);
  }
  return `---\n${lines.join('\n')}\n---\n`;
}

function titleText(rng: Rng): string {
  return pick(rng, ['T', 'Title', text(rng, 1 + int(rng, 4)).replace(/[\r\n\u2028]/g, ' '), 'a \\[b\\] c', 'x &amp; y', '[nested]', 'a\\*b', '`code`', '<b>html</b>', '  padded  ']) || 'T';
}

/** A seed written from parts, each part sometimes broken. */
function writtenSeed(rng: Rng): string {
  const newline = pick(rng, ['\n', '\n', '\n', '\r\n', '\r']);
  let seed = '';
  if (rng() < 0.1) seed += '\ufeff';
  if (rng() < 0.45) seed += frontMatter(rng);
  seed += rng() < 0.9 ? `<!--${rng() < 0.85 ? String(int(rng, 253402300799999)) : pick(rng, TIMESTAMPS)}-->` : `<!--${oddRun(rng)}-->`;
  seed += newline;
  const destination = rng() < 0.85 ? url(rng) : `<${url(rng)}>`;
  seed += `[${titleText(rng)}](${destination}${rng() < 0.05 ? ' "title"' : ''})`;
  seed += newline;
  seed += pick(rng, ['------', '------', '---', '-', '--', '======', '------ ', ' ------', '\u2014\u2014']);
  seed += newline;
  seed += body(rng).replaceAll('\n', newline);
  return seed.replaceAll('\r\n', '\n').replaceAll('\n', newline);
}

/** A corpus seed with edits: odd characters, entities, tags and URLs put in, text cut out or repeated. */
function mutatedSeed(rng: Rng, source: string): string {
  let seed = source;
  const edits = 1 + int(rng, 12);
  for (let index = 0; index < edits; index++) {
    const at = int(rng, seed.length);
    const kind = rng();
    if (kind < 0.35) seed = seed.slice(0, at) + oddRun(rng) + seed.slice(at);
    else if (kind < 0.5) seed = seed.slice(0, at) + tag(rng) + seed.slice(at);
    else if (kind < 0.6) seed = seed.slice(0, at) + url(rng) + seed.slice(at);
    else if (kind < 0.7) seed = seed.slice(0, at) + word(rng) + seed.slice(at);
    else if (kind < 0.8) seed = seed.slice(0, at) + seed.slice(at + 1 + int(rng, 40));
    else if (kind < 0.85) seed = seed.slice(0, at) + randomCodePoint(rng) + seed.slice(at);
    else if (kind < 0.9) {
      // An attribute value of the seed replaced by an odd URL.
      const href = seed.indexOf('href="', at);
      if (href !== -1) {
        const end = seed.indexOf('"', href + 6);
        if (end !== -1) seed = seed.slice(0, href + 6) + url(rng).replaceAll('"', '&quot;') + seed.slice(end);
      }
    } else {
      // The timestamp, title URL or a front matter line replaced.
      const which = rng();
      if (which < 0.4) seed = seed.replace(/<!--\d+-->/, `<!--${pick(rng, TIMESTAMPS)}-->`);
      else if (which < 0.8) seed = seed.replace(/\]\(([^)\n]*)\)/, `](${url(rng).replace(/[()]/g, '')})`);
      else seed = seed.replace(/^(\w+): .*$/m, (_, key: string) => `${key}: ${pick(rng, YAML_VALUES).split('\n')[0]}`);
    }
  }
  return seed;
}

function cuts(rng: Rng, length: number): number[] {
  const count = rng() < 0.2 ? int(rng, 64) : int(rng, 6);
  const points: number[] = [];
  for (let index = 0; index < count; index++) points.push(int(rng, length));
  return [...new Set(points)].sort((a, b) => a - b);
}

/** Bytes with invalid UTF-8 put in: cut sequences, surrogates, overlongs, stray continuation bytes. */
function corruptBytes(rng: Rng, bytes: Uint8Array): number[] {
  const result = [...bytes];
  const edits = 1 + int(rng, 5);
  for (let index = 0; index < edits; index++) {
    const at = int(rng, result.length);
    result.splice(at, 0, ...pick(rng, [[0xff], [0xc3], [0xc3, 0x20], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0xe2, 0x82], [0xc0, 0xaf], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbb, 0xbf], [0xf8, 0x88, 0x80, 0x80, 0x80]]));
  }
  return result;
}

/**
 * `count` cases from `seed`: about a third written from parts, the rest corpus seeds mutated
 * (written ones when there is no corpus); some with raw bytes, some with a `baseUrl` option.
 */
export function fuzzCases(seed: number, count: number, corpus: readonly string[]): FuzzCase[] {
  const rng = prng(seed);
  const cases: FuzzCase[] = [];
  for (let index = 0; index < count; index++) {
    const written = corpus.length === 0 || rng() < 0.4;
    const text = written ? writtenSeed(rng) : mutatedSeed(rng, pick(rng, corpus));
    const item: FuzzCase = { name: `${seed}/${index}${written ? 'w' : 'm'}`, text, textCuts: cuts(rng, text.length), byteCuts: [] };
    let byteLength = new TextEncoder().encode(text).length;
    if (rng() < 0.15) {
      item.bytes = corruptBytes(rng, new TextEncoder().encode(text));
      item.text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(item.bytes));
      byteLength = item.bytes.length;
    }
    item.byteCuts = cuts(rng, byteLength);
    if (rng() < 0.15) item.baseUrl = url(rng);
    cases.push(item);
  }
  return cases;
}
