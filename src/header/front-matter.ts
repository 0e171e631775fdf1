import {
  Composer,
  Lexer,
  Parser,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type CST,
  type Document,
  type Node,
  type Scalar as YamlScalar,
  type ScalarTag,
  type Tags,
} from 'yaml';
import { createShardedMap, getSharded, setSharded, type ShardedMap } from '../text/speed.js';
import { makeSafe } from '../text/whitespace.js';
import { quoteFound, showUnseen } from '../errors.js';

/**
 * Front matter: YAML 1.2, core schema (`True` is a boolean, dates stay
 * strings), top level a mapping, read as plain JSON data. Most seeds hold a
 * handful of `key: scalar` and `key: [a, b]` lines, some with an anchor
 * (`key: &name value`) or an alias of one (`key: *name`); those are read by a
 * small exact reader of that subset, and anything else (floats, escapes,
 * nesting, comments, anchors and aliases below the top level, tags, …) goes
 * to the `yaml` package. Both give the same value, or the same error at the
 * alias limit; a test holds them to it.
 *
 * The rules beyond YAML's own, each to keep the value plain data and the work
 * bounded:
 * - one document only; any YAML error is an error, never a partial value;
 * - a tag outside the core schema (`!!timestamp`, `!!set`, `!!binary`,
 *   `!custom`, …) or a core tag that does not fit its node is a warning, and
 *   the node is read as if untagged;
 * - keys are strings: a scalar key is written as a string (`1` → "1", `~` →
 *   ""), a mapping or sequence as a key is an error, and so are two keys that
 *   give the same string;
 * - `.inf`, `.nan` and numbers too large for a double are not JSON numbers:
 *   they stay strings as written, with a warning; `-0` is 0;
 * - an alias is a copy of the value it names (no shared objects); an alias
 *   inside the node it names is an error;
 * - NUL and lone surrogates become U+FFFD in keys and strings;
 * - at most {@link MAX_FRONT_MATTER_LENGTH} characters (checked by the
 *   header scanner), collections nested at most {@link MAX_FRONT_MATTER_DEPTH}
 *   deep, and at most {@link MAX_FRONT_MATTER_ALIAS_VALUES} values copied by
 *   aliases. Reading is then linear in the length of the source.
 */

/** Characters of front matter between the fences, line breaks included. */
export const MAX_FRONT_MATTER_LENGTH = 131072;
/** Collections nested in each other, the top-level mapping included. */
export const MAX_FRONT_MATTER_DEPTH = 64;
/**
 * Keys, values and items that aliases copy, in all: enough for any real use
 * of anchors, and no "billion laughs" (nine aliases of nine aliases of …).
 */
export const MAX_FRONT_MATTER_ALIAS_VALUES = 1000;

export type FrontMatterResult =
  | { ok: true; value: Record<string, unknown>; warnings: FrontMatterProblem[] }
  | { ok: false; problem: FrontMatterProblem };

export interface FrontMatterProblem {
  /** Worded to follow "found …" in an error, or to stand alone in a warning. */
  message: string;
  /** Offset within the YAML source. */
  offset: number;
}

export function parseFrontMatter(source: string): FrontMatterResult {
  const simple = readSimpleFrontMatter(source);
  if (simple === undefined) return parseWithYaml(source);
  return simple.ok ? { ok: true, value: simple.value, warnings: [] } : simple;
}

/** The one wording of the alias limit, for both readers. */
const ALIAS_LIMIT = `aliases that copy more than ${MAX_FRONT_MATTER_ALIAS_VALUES} keys and values in all (the limit)`;

/**
 * YAML 1.2, core schema only: without `resolveKnownTags: false`, `yaml` would
 * make Date, Set, Map and Uint8Array of `!!timestamp`, `!!set`, `!!omap` and
 * `!!binary`. Duplicate keys are found below, in linear time and after keys
 * become strings (yaml's own check compares each key with every other).
 */
const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  resolveKnownTags: false,
  uniqueKeys: false,
  prettyErrors: false,
  customTags: (tags: Tags) => [...tags, FLOAT_OF_INTEGER],
} as const;

/**
 * `!!float 1`: YAML 1.2's core schema reads an integer as a float too (its
 * float pattern makes the fraction optional), where `yaml`'s float tags want
 * a point or an exponent and would warn that the tag does not fit.
 */
const FLOAT_OF_INTEGER: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  test: /^[-+]?[0-9]+$/,
  resolve: (source: string) => Number(source),
};

/** The front matter read by the `yaml` package alone; exported for the differential tests. */
export function parseWithYaml(source: string): FrontMatterResult {
  const tokens = readTokens(source);
  if (!Array.isArray(tokens)) return { ok: false, problem: tokens };
  const documents = [...new Composer(YAML_OPTIONS).compose(tokens, true, source.length)];
  const [document, second] = documents as [Document.Parsed, Document.Parsed | undefined];
  const [error] = document.errors;
  if (error !== undefined) return { ok: false, problem: { message: `a YAML error: ${tagMessage(error.message)}`, offset: error.pos[0] } };
  if (second !== undefined) {
    return { ok: false, problem: { message: 'a second YAML document (only one is read: nothing may follow a "..." line)', offset: second.range[0] } };
  }
  const warnings = document.warnings.map((warning) => ({
    message: TAG_CODES.has(warning.code) ? `${tagMessage(warning.message)}; the node is read as if untagged` : yamlWords(warning.message),
    offset: warning.pos[0],
  }));
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { ok: true, value: {}, warnings };
  if (!isMap(contents)) {
    const kind = isSeq(contents) ? 'a sequence' : isAlias(contents) ? 'an alias' : 'a scalar';
    return { ok: false, problem: { message: `${kind}, not a mapping of keys to values`, offset: contents.range?.[0] ?? 0 } };
  }
  const reading = createReading(document, warnings);
  try {
    const value = reading.read(contents, 0) as Record<string, unknown>;
    // yaml's warnings come first, those of the reading after them: told in the order of the source.
    return { ok: true, value, warnings: warnings.sort((a, b) => a.offset - b.offset) };
  } catch (thrown) {
    if (isProblem(thrown)) return { ok: false, problem: { message: thrown.message, offset: thrown.offset } };
    throw thrown;
  }
}

const TAG_CODES: ReadonlySet<string> = new Set(['TAG_RESOLVE_FAILED', 'BAD_COLLECTION_TYPE']);

/**
 * Words of a message that come from the source: a key, a number as written,
 * an anchor's or a tag's name. Shown as the header errors quote the input
 * (clean, at most 40 characters, what cannot be seen written `\uXXXX`), so
 * that a message stays short and shows what is there whatever the source holds.
 */
function quoted(text: string): string {
  return quoteFound(text, '""');
}

/** A name from the source shown as {@link quoted} shows it, without the quotes. */
function shownName(name: string): string {
  return quoted(name).slice(1, -1);
}

/** yaml's own words, which may hold a few characters of the source (an escape sequence): clean, and what cannot be seen written `\uXXXX`. */
function yamlWords(message: string): string {
  return showUnseen(makeSafe(message));
}

/** How yaml's messages that end with a tag's name (from the source) start. */
const TAG_MESSAGES = ['Unresolved tag: ', 'Could not resolve tag: '];

/** yaml's message, a tag's name at its end (from the source) shown as {@link shownName}; yaml's other words kept. */
function tagMessage(message: string): string {
  const start = TAG_MESSAGES.find((prefix) => message.startsWith(prefix));
  return start === undefined ? yamlWords(message) : start + shownName(message.slice(start.length));
}

/**
 * The CST documents of the source. The parser keeps its open collections on
 * a stack: a source nested deeper than the limit is refused as soon as the
 * stack shows it, before any work that recurses on the depth.
 */
function readTokens(source: string): CST.Token[] | FrontMatterProblem {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(source)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    // The stack holds the document, its collections and at most one scalar or pair.
    if (parser.stack.length > MAX_FRONT_MATTER_DEPTH + 2) return tooDeep(firstTooDeep(parser));
  }
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}

/**
 * Where the first collection beyond the limit starts (the one after the
 * document and {@link MAX_FRONT_MATTER_DEPTH} collections on the stack), as
 * the walk over the nodes reports it when nothing deeper follows: the place
 * does not depend on what the collection holds.
 */
function firstTooDeep(parser: Parser): number {
  const token = parser.stack[MAX_FRONT_MATTER_DEPTH + 1];
  return token !== undefined && COLLECTIONS.has(token.type) ? token.offset : parser.offset;
}

const COLLECTIONS: ReadonlySet<string> = new Set(['block-map', 'block-seq', 'flow-collection']);

function tooDeep(offset: number): FrontMatterProblem {
  return { message: `collections nested more than ${MAX_FRONT_MATTER_DEPTH} deep (the limit, aliases included)`, offset };
}

// ---------------------------------------------------------------------------
// From the document's nodes to plain data, in one walk in document order.

/** Thrown inside the walk; caught by {@link parseWithYaml}. */
const PROBLEM = Symbol('front matter problem');

function problemAt(node: { range?: readonly number[] | null | undefined } | null | undefined, message: string): never {
  const problem: FrontMatterProblem & { [PROBLEM]: true } = { message, offset: node?.range?.[0] ?? 0, [PROBLEM]: true };
  throw problem;
}

function isProblem(value: unknown): value is FrontMatterProblem {
  return typeof value === 'object' && value !== null && PROBLEM in value;
}

/** What an anchor names, once its node is read: the value, how many values it holds, how deep it nests. */
interface Anchored {
  value: unknown;
  count: number;
  height: number;
}

/** An anchor whose node is being read: an alias to it would make a cycle. */
const READING = 'reading';

const CORE_TAGS: ReadonlySet<string> = new Set(
  ['str', 'null', 'bool', 'int', 'float'].map((name) => `tag:yaml.org,2002:${name}`),
);
const STRING_TAG = 'tag:yaml.org,2002:str';

function createReading(document: Document.Parsed, warnings: FrontMatterProblem[]) {
  const anchors = new Map<string, Anchored | typeof READING>();
  /** Values read so far, aliases counted as what they copy. */
  let count = 0;
  /** Values copied by aliases so far. */
  let copied = 0;
  /** The deepest collection depth reached inside the anchored node being read. */
  let deepest = 0;
  const implicitTags = document.schema.tags.filter(
    (tag): tag is ScalarTag => tag.default === true && !('collection' in tag && tag.collection !== undefined) && tag.test !== undefined,
  );


  /** Reads `node`, standing inside `depth` collections. */
  function read(node: Node | null, depth: number): unknown {
    if (node === null) {
      count++;
      return null;
    }
    if (isAlias(node)) return readAlias(node, depth);
    const anchor = node.anchor;
    if (anchor === undefined) return readNode(node, depth);
    anchors.set(anchor, READING);
    const outer = deepest;
    const before = count;
    deepest = depth;
    const value = readNode(node, depth);
    anchors.set(anchor, { value, count: count - before, height: deepest - depth });
    deepest = Math.max(outer, deepest);
    return value;
  }

  function readNode(node: Node, depth: number): unknown {
    count++;
    if (isScalar(node)) return readScalar(node);
    if (depth >= MAX_FRONT_MATTER_DEPTH) problemAt(node, tooDeep(0).message);
    deepest = Math.max(deepest, depth + 1);
    if (isSeq(node)) return node.items.map((item) => read(item as Node | null, depth + 1));
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = readKey(keyNode, depth + 1);
        if (Object.hasOwn(result, key)) problemAt(keyNode, `the key ${quoted(key)} twice (keys must be unique)`);
        setOwn(result, key, read(pair.value as Node | null, depth + 1));
      }
      return result;
    }
    return problemAt(node, 'a node that is neither a scalar, a sequence nor a mapping');
  }

  function readKey(node: Node | null, depth: number): string {
    const key = read(node, depth);
    if (key === null) return '';
    if (typeof key === 'object') problemAt(node, 'a mapping or sequence as a key (keys are strings)');
    return String(key);
  }

  function readAlias(node: Node & { source: string }, depth: number): unknown {
    const target = anchors.get(node.source);
    if (target === undefined) problemAt(node, `the alias *${shownName(node.source)} with no anchor &${shownName(node.source)} before it`);
    if (target === READING) problemAt(node, `the alias *${shownName(node.source)} inside the node it names`);
    if (depth + target.height > MAX_FRONT_MATTER_DEPTH) problemAt(node, tooDeep(0).message);
    count += target.count;
    copied += target.count;
    if (copied > MAX_FRONT_MATTER_ALIAS_VALUES) problemAt(node, ALIAS_LIMIT);
    deepest = Math.max(deepest, depth + target.height);
    return copyPlain(target.value);
  }

  function readScalar(node: YamlScalar): string | number | boolean | null {
    const value = tagFailed(node) ? readUntagged(node) : node.value;
    if (typeof value === 'string') return makeSafe(value);
    if (typeof value === 'number' || typeof value === 'bigint') {
      const number = Number(value);
      if (Number.isFinite(number)) return number === 0 ? 0 : number;
      const written = makeSafe(node.source ?? String(value));
      warnings.push({ message: `${quoted(written)} is not a finite number; it is kept as a string`, offset: node.range?.[0] ?? 0 });
      return written;
    }
    if (typeof value === 'boolean' || value === null) return value;
    return problemAt(node, 'a value that is not plain data');
  }

  /** A plain scalar as the core schema reads it without a tag; any other scalar is a string. */
  function readUntagged(node: YamlScalar): unknown {
    const source = node.source ?? String(node.value);
    if (node.type !== 'PLAIN') return source;
    const tag = implicitTags.find((candidate) => (candidate.test as RegExp).test(source));
    if (tag === undefined) return source;
    // Some tags resolve to a node (`null` does), as in yaml's own composer.
    const resolved = tag.resolve(source, () => undefined, document.options);
    return isScalar(resolved) ? resolved.value : resolved;
  }

  return { read };
}

/** A tag the core schema could not honour: yaml warned and read the node as a string. */
function tagFailed(node: YamlScalar): boolean {
  const tag = node.tag;
  if (tag === undefined || tag === '!' || tag === STRING_TAG) return false;
  return !CORE_TAGS.has(tag) || typeof node.value === 'string';
}

/** A copy of plain data (nested at most {@link MAX_FRONT_MATTER_DEPTH} deep). */
function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlain);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(copy, key, copyPlain(item));
  return copy;
}

/** `__proto__` stays plain data: an own property, not the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

// ---------------------------------------------------------------------------
// The simple subset. `undefined` means "not in the subset": ask `yaml`.
// The source is read in one pass: each line from its key through its value
// to its line break, nothing cut from it but keys, values and anchor names.
// A value may carry an anchor (`key: &name value`) or be an alias of an
// earlier one (`key: *name`). Whatever the subset does not cover with
// certainty is left to `yaml`.

/** Anything a core-schema number could be: left to `yaml`. */
const NUMBER_LIKE = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

type Scalar = string | number | boolean | null;

const LINE_FEED = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DOUBLE_QUOTE = 0x22;
const HASH = 0x23;
const AMPERSAND = 0x26;
const SINGLE_QUOTE = 0x27;
const ASTERISK = 0x2a;
const PLUS = 0x2b;
const COMMA = 0x2c;
const HYPHEN = 0x2d;
const FULL_STOP = 0x2e;
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const COLON = 0x3a;
const LEFT_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RIGHT_BRACKET = 0x5d;
const UNDERSCORE = 0x5f;
const DEL = 0x7f;

/**
 * What an ASCII character is to a plain scalar of the subset: most are
 * ordinary; a space may only stand between ordinary characters; CR and LF end
 * the line; other control characters (tab included) and DEL are refused; the
 * indicators `: # , [ ] { }` are ordinary only in some places.
 */
const ORDINARY = 0;
const BLANK = 1;
const LINE_BREAK = 2;
const REFUSED = 3;
const INDICATOR = 4;
const PLAIN_CHARACTER = new Uint8Array(0x80);
for (let code = 0; code < SPACE; code++) PLAIN_CHARACTER[code] = REFUSED;
PLAIN_CHARACTER[DEL] = REFUSED;
PLAIN_CHARACTER[SPACE] = BLANK;
PLAIN_CHARACTER[LINE_FEED] = LINE_BREAK;
PLAIN_CHARACTER[CR] = LINE_BREAK;
for (const indicator of ':#,[]{}') PLAIN_CHARACTER[indicator.charCodeAt(0)] = INDICATOR;

/** YAML indicators, quotes and white space: none starts a plain scalar of the subset. */
const NOT_A_PLAIN_START = new Uint8Array(0x80);
for (const indicator of '-?:,[]{}#&*!|>\'"%@` \t\r\n') NOT_A_PLAIN_START[indicator.charCodeAt(0)] = 1;

/**
 * Keys read before, by length and first, middle and last character. The
 * keys of front matter repeat from seed to seed: a key found here is the
 * very string stored before, so setting it on the mapping neither allocates
 * nor hashes a new string. Only keys shorter than 13 characters are kept:
 * V8 copies those out of the source (longer ones are views of it), so the
 * cache keeps no source alive. It holds at most 128 short keys.
 */
const KEYS: string[] = new Array<string>(128).fill('');
const SHORT_KEY = 13;

function readKey(source: string, start: number, end: number): string {
  const length = end - start;
  if (length >= SHORT_KEY) return source.slice(start, end);
  const slot = (source.charCodeAt(start) * 3 + source.charCodeAt(start + (length >> 1)) * 5 + source.charCodeAt(end - 1) * 7 + length * 11) & 127;
  const known = KEYS[slot] as string;
  if (known.length === length && spells(source, start, known)) return known;
  const key = source.slice(start, end);
  KEYS[slot] = key;
  return key;
}

/** Whether `source` holds `word` at `start`. */
function spells(source: string, start: number, word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    if (source.charCodeAt(start + index) !== word.charCodeAt(index)) return false;
  }
  return true;
}

/** YAML 1.2's limit on an implicit key (`key: value`), in characters. */
const MAX_IMPLICIT_KEY_LENGTH = 1024;

/** Where the reader stands: each read moves `index` past what it read. */
interface Cursor {
  index: number;
}

/**
 * What the simple-subset reader read: the mapping, and the number of lines it
 * read (line breaks, or one more when the last line has none); or the problem
 * `yaml` would report for the same source (only aliases past the limit).
 */
export type SimpleReading =
  | { ok: true; value: Record<string, unknown>; lines: number }
  | { ok: false; problem: FrontMatterProblem };

/** The mapping and its number of lines, if `source` is in the simple subset; exported for the differential tests. */
export function readSimpleFrontMatter(source: string): SimpleReading | undefined {
  const result: Record<string, unknown> = {};
  const length = source.length;
  const at: Cursor = { index: 0 };
  let lines = 0;
  /** The anchors read so far, by name, once there is one; a name anchored again names the later value, as in YAML. */
  let anchors: ShardedMap<Scalar | Scalar[]> | null = null;
  /** Values copied by aliases so far. */
  let copied = 0;
  /** Where the first alias past the limit stands, or -1. Past it nothing more is copied, but the rest is read: an error `yaml` finds anywhere comes first. */
  let overLimit = -1;
  // Each turn stands at the start of a line, which must be `key:` or blank (spaces only), and reads it through its line break.
  for (; at.index < length; lines++) {
    const start = at.index;
    const colon = readKeyEnd(source, start, length);
    if (colon === -1) {
      const blankEnd = skipSpaces(source, start, length);
      if (!isLineEnd(source, blankEnd)) return undefined;
      at.index = afterLineEnd(source, blankEnd);
      continue;
    }
    // YAML allows an implicit key of at most 1,024 characters; a longer one is yaml's error to report.
    if (colon - start > MAX_IMPLICIT_KEY_LENGTH) return undefined;
    const key = readKey(source, start, colon);
    if (Object.hasOwn(result, key) || isKeywordKey(key)) return undefined;
    const valueStart = skipSpaces(source, colon + 1, length);
    let value: unknown = null;
    if (isLineEnd(source, valueStart)) {
      at.index = afterLineEnd(source, valueStart);
    } else {
      // `key:value` is a plain scalar to YAML, not a pair: only `key: value` is in the subset.
      if (valueStart === colon + 1) return undefined;
      at.index = valueStart;
      const first = source.charCodeAt(valueStart);
      if (first === AMPERSAND) {
        // `&name value`: the value, remembered by its name.
        const nameEnd = readNameEnd(source, valueStart + 1);
        if (nameEnd === valueStart + 1 || source.charCodeAt(nameEnd) !== SPACE) return undefined;
        const name = source.slice(valueStart + 1, nameEnd);
        at.index = skipSpaces(source, nameEnd, length);
        // An anchor before a line break may name a collection on the lines below.
        if (isLineEnd(source, at.index)) return undefined;
        const anchored = readValue(source, at);
        if (anchored === undefined) return undefined;
        anchors ??= createShardedMap();
        setSharded(anchors, name, anchored);
        value = anchored;
      } else if (first === ASTERISK) {
        // `*name`: a copy of what the name holds.
        const nameEnd = readNameEnd(source, valueStart + 1);
        const end = skipSpaces(source, nameEnd, length);
        if (!isLineEnd(source, end) || anchors === null) return undefined;
        const target = getSharded(anchors, source.slice(valueStart + 1, nameEnd));
        if (target === undefined) return undefined;
        at.index = afterLineEnd(source, end);
        // A sequence copies itself and its items.
        copied += Array.isArray(target) ? target.length + 1 : 1;
        if (copied > MAX_FRONT_MATTER_ALIAS_VALUES && overLimit === -1) overLimit = valueStart;
        value = overLimit !== -1 ? null : Array.isArray(target) ? target.slice() : target;
      } else {
        value = readValue(source, at);
        if (value === undefined) return undefined;
      }
    }
    setOwn(result, key, value);
  }
  if (overLimit !== -1) return { ok: false, problem: { message: ALIAS_LIMIT, offset: overLimit } };
  return { ok: true, value: result, lines };
}

/** Standing after `&` or `*`: the end of the name, `[A-Za-z0-9_-]*` (YAML allows more; the rest is left to `yaml`). */
function readNameEnd(source: string, start: number): number {
  let index = start;
  while (index < source.length && (isLetterOrUnderscore(source.charCodeAt(index)) || isDigitOrHyphen(source.charCodeAt(index)))) index++;
  return index;
}

/** `A-Z`, `a-z` or `_`: what a key starts with, and any name holds. */
function isLetterOrUnderscore(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 /* a */ && lower <= 0x7a /* z */) || code === UNDERSCORE;
}

/** `0-9` or `-`: what a key or name may hold after its first character. */
function isDigitOrHyphen(code: number): boolean {
  return (code >= DIGIT_ZERO && code <= DIGIT_NINE) || code === HYPHEN;
}

/** The end of the source, a line feed, or a CR before a line feed. (A CR anywhere else is content to `yaml`, even at the end.) */
function isLineEnd(source: string, index: number): boolean {
  if (index >= source.length) return true;
  const code = source.charCodeAt(index);
  return code === LINE_FEED || (code === CR && source.charCodeAt(index + 1) === LINE_FEED);
}

/** Standing at a line end: where the next line starts. */
function afterLineEnd(source: string, index: number): number {
  return source.charCodeAt(index) === CR ? index + 2 : index + 1;
}

/** A key is letters, digits, `_` and `-`: of the keywords, only `null`, `true` and `false` spellings (4 or 5 letters) can be one. */
function isKeywordKey(key: string): boolean {
  if (key.length < 4 || key.length > 5) return false;
  const lower = key.charCodeAt(0) | 0x20;
  return (lower === 0x6e /* n */ || lower === 0x74 /* t */ || lower === 0x66 /* f */) && scalarKeyword(key) !== undefined;
}

/** `[A-Za-z_][A-Za-z0-9_-]*` directly followed by `:`: the index of that colon, else -1. */
function readKeyEnd(source: string, start: number, end: number): number {
  for (let index = start; index < end; index++) {
    const code = source.charCodeAt(index);
    if (isLetterOrUnderscore(code) || (index > start && isDigitOrHyphen(code))) continue;
    return code === COLON && index > start ? index : -1;
  }
  return -1;
}

/** Standing at the first character of a value (not a space, not a line end): the value, read through its line end. */
function readValue(source: string, at: Cursor): Scalar | Scalar[] | undefined {
  const first = source.charCodeAt(at.index);
  let value: Scalar | Scalar[] | undefined;
  if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) value = readQuoted(source, at, first);
  else if (first === LEFT_BRACKET) value = readFlowSequence(source, at);
  else value = readPlain(source, at, false);
  // The value must end its line; spaces may follow it.
  const end = skipSpaces(source, at.index, source.length);
  if (value === undefined || !isLineEnd(source, end)) return undefined;
  at.index = afterLineEnd(source, end);
  return value;
}

/** Standing at the opening quote: `"…"` with no `"`, `\` or line break inside, `'…'` with no `'` or line break inside. */
function readQuoted(source: string, at: Cursor, quote: number): string | undefined {
  const start = at.index + 1;
  for (let index = start; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === quote) {
      at.index = index + 1;
      return source.slice(start, index);
    }
    if (code < DEL ? code < SPACE || (code === BACKSLASH && quote === DOUBLE_QUOTE) : isUnsafe(code)) return undefined;
  }
  return undefined;
}

/** Standing at the `[`: `[a, b]` of plain scalars on one line, items separated by `,` and spaces. */
function readFlowSequence(source: string, at: Cursor): Scalar[] | undefined {
  const items: Scalar[] = [];
  at.index = skipSpaces(source, at.index + 1, source.length);
  if (source.charCodeAt(at.index) !== RIGHT_BRACKET) {
    // Each turn stands at the first character of an item.
    for (;;) {
      const item = readPlain(source, at, true);
      if (item === undefined) return undefined;
      items.push(item);
      const code = source.charCodeAt(at.index);
      if (code === RIGHT_BRACKET) break;
      if (code !== COMMA) return undefined;
      at.index = skipSpaces(source, at.index + 1, source.length);
    }
  }
  at.index++;
  return items;
}

/**
 * Standing at its first character: a plain scalar, which runs to the end of
 * its line, or in a flow sequence to the next `,` or `]`; `at` is left there.
 * A string, a safe decimal integer, or `null`, `true`, `false`; other numbers
 * and anything unusual are left to `yaml`.
 */
function readPlain(source: string, at: Cursor, inFlow: boolean): Scalar | undefined {
  const start = at.index;
  const first = source.charCodeAt(start);
  if (first < 0x80 && NOT_A_PLAIN_START[first] === 1) return undefined;
  /** The end of the scalar without the spaces after it. */
  let end = start;
  let index = start;
  for (; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code >= 0x80) {
      if (isUnsafe(code)) return undefined;
      end = index + 1;
      continue;
    }
    const kind = PLAIN_CHARACTER[code];
    if (kind === ORDINARY) {
      end = index + 1;
      continue;
    }
    if (kind === BLANK) continue;
    if (kind === LINE_BREAK) {
      if (isLineEnd(source, index)) break;
      return undefined;
    }
    if (kind === REFUSED) return undefined;
    // An indicator, never the first character (those were refused above).
    if (code === COLON) {
      // `: ` would start a pair; in a flow sequence, so would a `:` anywhere.
      if (inFlow || source.charCodeAt(index + 1) === SPACE) return undefined;
    } else if (code === HASH) {
      // ` #` starts a comment.
      if (source.charCodeAt(index - 1) === SPACE) return undefined;
    } else if (inFlow) {
      // `,` and `]` end a flow item; `[` `{` `}` would open or close a collection.
      if (code === COMMA || code === RIGHT_BRACKET) break;
      return undefined;
    }
    end = index + 1;
  }
  at.index = index;
  if (end === start || source.charCodeAt(end - 1) === COLON) return undefined;
  // Digits, signs and dots may start a number: safe decimal integers are read here, other numbers by `yaml`.
  if (first <= DIGIT_NINE && (first >= DIGIT_ZERO || first === PLUS || first === FULL_STOP)) {
    const number = readNumber(source, start, end);
    if (number !== NOT_A_NUMBER) return number;
  }
  const text = source.slice(start, end);
  // Every keyword is 1 to 5 characters long.
  if (text.length > 5) return text;
  const keyword = scalarKeyword(text);
  return keyword === undefined ? text : keyword;
}

/** Read by {@link readNumber}: the scalar is a string. */
const NOT_A_NUMBER = Symbol('not a number');

/**
 * A scalar that starts with a digit, `+` or `.`: a safe decimal integer
 * (`+` and digits), `undefined` for anything else a core-schema number could
 * be (left to `yaml`), or {@link NOT_A_NUMBER}.
 */
function readNumber(source: string, start: number, end: number): number | undefined | typeof NOT_A_NUMBER {
  const digitsStart = source.charCodeAt(start) === PLUS ? start + 1 : start;
  let index = digitsStart;
  while (index < end && isDigit(source.charCodeAt(index))) index++;
  if (index === end && end > digitsStart) {
    const number = Number(source.slice(start, end));
    // `-0` is 0, as in the yaml reading.
    return Number.isSafeInteger(number) ? number + 0 : undefined;
  }
  // A character that no number holds needs no regular expression to say so (a date stops at its `T`).
  for (; index < end; index++) {
    if (!isNumberCharacter(source.charCodeAt(index))) return NOT_A_NUMBER;
  }
  return NUMBER_LIKE.test(source.slice(start, end)) ? undefined : NOT_A_NUMBER;
}

function isDigit(code: number): boolean {
  return code >= DIGIT_ZERO && code <= DIGIT_NINE;
}

/**
 * A character that may appear in a match of {@link NUMBER_LIKE}: digits,
 * `+-.`, hexadecimal letters, and the letters of `0o`, `0x`, `.inf`, `.nan`.
 */
function isNumberCharacter(code: number): boolean {
  if (isDigit(code) || code === PLUS || code === HYPHEN || code === FULL_STOP) return true;
  const lower = code | 0x20;
  return (lower >= 0x61 /* a */ && lower <= 0x66 /* f */) || lower === 0x69 /* i */ || lower === 0x6e /* n */ || code === 0x6f /* o */ || code === 0x78 /* x */;
}

/** The core schema's `null`, `true` and `false` spellings. */
function scalarKeyword(text: string): null | boolean | undefined {
  switch (text) {
    case '~': case 'null': case 'Null': case 'NULL':
      return null;
    case 'true': case 'True': case 'TRUE':
      return true;
    case 'false': case 'False': case 'FALSE':
      return false;
    default:
      return undefined;
  }
}

/** Control characters, DEL, C1 controls (NEL included), line and paragraph separators, BOM, noncharacters, surrogates. */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0xd800 && (code <= 0xdfff || code === 0xfeff || code === 0xfffe || code === 0xffff)) ||
    code === 0x2028 ||
    code === 0x2029
  );
}

function skipSpaces(source: string, start: number, end: number): number {
  let index = start;
  while (index < end && source.charCodeAt(index) === SPACE) index++;
  return index;
}

/** The end of `source[start, end)` without trailing spaces. */
function skipSpacesBack(source: string, start: number, end: number): number {
  let index = end;
  while (index > start && source.charCodeAt(index - 1) === SPACE) index--;
  return index;
}
