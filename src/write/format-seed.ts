import { stringify } from 'yaml';
import { MAX_FRONT_MATTER_ALIAS_VALUES, MAX_FRONT_MATTER_DEPTH, MAX_FRONT_MATTER_LENGTH, parseFrontMatter } from '../header/front-matter.js';
import { MAX_TIMESTAMP, unsafeDestination, unsafeInLine } from '../header/header-lines.js';
import { arrayLength, MAX_ARRAY_LENGTH, checkShape, describeValue, INPUT_SHAPES, shortPath } from '../article/shape.js';
import { collapseWhitespace } from '../text/whitespace.js';
import { writeBody } from './body.js';
import type { HeaderInput, SeedInput } from './seed-input.js';

export type * from './seed-input.js';

/**
 * The writer: an Article (or a partial one, {@link SeedInput}) as seed text.
 * For every Article `a` that `parseSeed` returns,
 * `parseSeed(formatSeed(a))` deep-equals `a` apart from `diagnostics`, read
 * back with the options it was parsed with.
 * Throws a `TypeError` for what no seed can hold (an empty title, a URL with
 * a line break or an unsafe scheme, a timestamp out of range, front matter
 * that is not plain data) and for input out of shape (an unknown block type,
 * a missing field: src/article/shape.ts), naming where it is; a `RangeError`
 * for a tree of more than 2^24 objects.
 */
export function formatSeed(input: SeedInput): string {
  const given: unknown = typeof input === 'object' && input !== null ? input.header : undefined;
  if (typeof given !== 'object' || given === null) {
    throw new TypeError('formatSeed expects an object with a header');
  }
  const header = writeHeader(given as HeaderInput);
  // Written from the checked copy: every value read once (src/article/shape.ts).
  const checked = checkShape(input, INPUT_SHAPES, 'formatSeed') as Pick<SeedInput, 'dateline' | 'lead' | 'body'>;
  // Derived, and only a hint of where the lead stood (src/write/body.ts): a read that throws gives none.
  let links: unknown;
  try {
    links = input.links;
  } catch {
    links = undefined;
  }
  return header + writeBody({ ...checked, links });
}

function writeHeader(header: HeaderInput): string {
  const { timestamp, frontMatter } = header;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0 || timestamp > MAX_TIMESTAMP) {
    throw new TypeError(`formatSeed: header.timestamp must be a whole number from 0 to ${MAX_TIMESTAMP}, got ${describeValue(timestamp)}`);
  }
  let text = '';
  if (frontMatter !== null && frontMatter !== undefined) {
    if (typeof frontMatter !== 'object' || !isPlainObject(frontMatter)) throw new TypeError(`formatSeed: header.frontMatter must be a mapping (a plain object), got ${describeValue(frontMatter)}`);
    // Written from the checked copy: each value read once, as checked.
    const copy = plainCopy(frontMatter);
    checkWrittenSize(copy);
    text += `---\n${frontMatterYaml(copy)}---\n`;
  }
  text += `<!--${timestamp}-->\n[${titleText(header.title)}](${destination(header.url)})\n------\n`;
  return text;
}

const YAML_OPTIONS = { version: '1.2', schema: 'core', lineWidth: 0 } as const;

/**
 * The forms front matter is written in, in order of preference: YAML 1.2 block
 * style; flow style (more compact); flow style without the spaces `yaml` puts
 * after commas and inside brackets (as compact as flow style gets: a list of
 * short strings read from `[a,b,c]` fits again); JSON (a subset of YAML 1.2,
 * every string in double quotes with escapes).
 */
const FRONT_MATTER_FORMS: readonly ((frontMatter: Record<string, unknown>) => string)[] = [
  (frontMatter) => stringify(frontMatter, YAML_OPTIONS),
  (frontMatter) => stringify(frontMatter, { ...YAML_OPTIONS, collectionStyle: 'flow' }),
  (frontMatter) => `${compactFlow(frontMatter)}\n`,
  (frontMatter) => `${JSON.stringify(frontMatter)}\n`,
];

/** A value in flow style with no space but the one after each key's colon; each scalar as `yaml` writes it in a flow sequence. */
function compactFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactFlow).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, entry]) => `${flowScalar(key)}: ${compactFlow(entry)}`).join(',')}}`;
  }
  return flowScalar(value);
}

/** `yaml` writes `[scalar]` and a line feed: the scalar, quoted wherever flow style needs it. */
function flowScalar(value: unknown): string {
  return stringify([value], { ...YAML_OPTIONS, collectionStyle: 'flow', flowCollectionPadding: false }).slice(1, -2);
}

/**
 * Front matter is JSON data, as a seed holds it: strings, finite numbers,
 * booleans, null, arrays and plain objects (a `Date` is written as its ISO
 * string, as `JSON.stringify` writes it; a property whose value is
 * `undefined` is left out, as there), nested at most as deep as the reader
 * reads. Anything else (a `Map`, a function, a cycle, `Infinity`, an
 * invalid `Date`, a property keyed by a symbol or not enumerable, a hole in
 * an array) would be lost or changed without a word: a `TypeError` names it.
 *
 * Checked as it is copied, in one pass: each property is read once (a getter
 * or a proxy gives the value it gives then), and the copy, plain data only,
 * is what is measured and written. An object held in many places is copied
 * once, and held in as many places in the copy.
 */
function plainCopy(frontMatter: Record<string, unknown>): Record<string, unknown> {
  // The value, where it stands, how deep, and the slot of the copy it fills (none when checked again for depth only).
  const pending: [value: unknown, path: string, depth: number, into: Slot | null][] = [[frontMatter, 'header.frontMatter', 1, null]];
  // An object met again (front matter may share one) is checked again only deeper than before, for
  // the depth limit: a cycle ends there, and sharing costs at most that many visits per object. Met
  // again, it is read no more: its entries are those read the first time.
  const checkedAt = new Map<object, Copied>();
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, path, depth, into] = next;
    if (typeof value === 'object' && value !== null) {
      const copied = checkedAt.get(value);
      if (copied !== undefined) {
        if (into !== null) into.copy[into.key] = copied.copy;
        if (copied.depth >= depth) continue;
        copied.depth = depth;
        if (depth > MAX_FRONT_MATTER_DEPTH) throw tooDeep(path);
        for (const [key, entry] of copied.entries) pending.push([entry, entryPath(path, key, copied.array), depth + 1, null]);
        continue;
      }
    }
    const plain = checkedLeaf(value, path);
    if (plain !== NOT_A_LEAF) {
      if (into !== null) into.copy[into.key] = plain;
      continue;
    }
    const object = value as object;
    const array = Array.isArray(object);
    if (!(array || isPlainObject(object))) {
      throw new TypeError(`formatSeed: ${shortPath(path)} must be JSON data (a string, number, boolean, null, array or plain object), got ${describeValue(value)}`);
    }
    if (depth > MAX_FRONT_MATTER_DEPTH) throw tooDeep(path);
    const entries = readEntries(object, array, path);
    const copy: Record<string, unknown> | unknown[] = array ? new Array<unknown>(entries.length) : {};
    if (!array) for (const [key] of entries) defineEntry(copy as Record<string, unknown>, key);
    checkedAt.set(object, { copy, entries, array, depth });
    if (into !== null) into.copy[into.key] = copy;
    for (const [key, entry] of entries) pending.push([entry, entryPath(path, key, array), depth + 1, { copy: copy as Record<string, unknown>, key }]);
  }
  return checkedAt.get(frontMatter)!.copy as Record<string, unknown>;
}

/** Where a value of the copy goes: its object or array, and its key there. */
interface Slot {
  copy: Record<string, unknown>;
  key: string;
}

/** An object of the front matter as copied: its copy, its entries as read, and the deepest it was met at. */
interface Copied {
  copy: Record<string, unknown> | unknown[];
  entries: readonly (readonly [key: string, value: unknown])[];
  array: boolean;
  depth: number;
}

const NOT_A_LEAF = Symbol('not a leaf');

/**
 * A value that holds no other, checked, as it is written: itself, a valid
 * `Date` as its ISO string. `NOT_A_LEAF` for any other object.
 */
function checkedLeaf(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  const time = dateTime(value);
  if (time !== undefined) {
    // JSON.stringify writes an invalid Date as null, a valid one as its ISO string.
    if (Number.isNaN(time)) throw new TypeError(`formatSeed: ${shortPath(path)} must be a valid Date, got an invalid one (JSON writes it as null)`);
    return Date.prototype.toISOString.call(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`formatSeed: ${shortPath(path)} must be a finite number, got ${String(value)}`);
    return value;
  }
  if (typeof value === 'object') return NOT_A_LEAF;
  throw new TypeError(`formatSeed: ${shortPath(path)} must be JSON data (a string, number, boolean, null, array or plain object), got ${describeValue(value)}`);
}

function tooDeep(path: string): TypeError {
  return new TypeError(`formatSeed: ${shortPath(path)} nests collections more than ${MAX_FRONT_MATTER_DEPTH} deep, the most a seed holds`);
}

function entryPath(path: string, key: string, array: boolean): string {
  return array ? `${path}[${key}]` : `${path}.${key}`;
}

/** A key of the copy, in its place, before its value is known (`__proto__` too, as an own property). */
function defineEntry(copy: Record<string, unknown>, key: string): void {
  Object.defineProperty(copy, key, { value: null, writable: true, enumerable: true, configurable: true });
}

/**
 * Front matter that cannot be written within the limit, told before any form is tried (trying one
 * would take time in proportion to the front matter's copies, which can be exponentially many when
 * it holds an object more than once). Every key, value and entry takes at least a character as
 * YAML, and a string its length. An object held more than once may be written once (an anchor,
 * then an alias per other place), but it reads back as copies, and the reader copies at most
 * {@link MAX_FRONT_MATTER_ALIAS_VALUES} keys and values; written out each time instead, its copies
 * take their characters. Counted once per object, so the check takes time in proportion to the
 * front matter as held.
 */
function checkWrittenSize(frontMatter: Record<string, unknown>): void {
  // Per object: the least characters of it written out, and its keys and values, copies included.
  const sizes = new Map<object, { characters: number; values: number }>();
  let once = 0;
  let distinct = 0;
  const size = (value: unknown): { characters: number; values: number } => {
    if (typeof value === 'string') return { characters: Math.max(1, value.length), values: 1 };
    if (!isCollection(value)) return { characters: 1, values: 1 };
    const known = sizes.get(value);
    if (known !== undefined) {
      once += 1;
      return known;
    }
    const total = { characters: 1, values: 1 };
    const own = { characters: 1, values: 1 };
    for (const [key, entry] of Object.entries(value)) {
      if (entry === undefined) continue;
      const keyCharacters = Array.isArray(value) ? 1 : key.length + 1;
      const inner = size(entry);
      total.characters += keyCharacters + inner.characters;
      total.values += 1 + inner.values;
      own.characters += keyCharacters + (isCollection(entry) ? 0 : inner.characters);
      own.values += 1;
    }
    once += own.characters;
    distinct += own.values;
    sizes.set(value, total);
    return total;
  };
  const { characters, values } = size(frontMatter);
  // Written once each (shared ones by aliases), or written out with all their copies.
  const aliasesCopy = values - distinct;
  if (once > MAX_FRONT_MATTER_LENGTH || (aliasesCopy > MAX_FRONT_MATTER_ALIAS_VALUES && characters > MAX_FRONT_MATTER_LENGTH)) throw new TypeError(TOO_LONG);
}

/** An array or an object (a `Date` is written as a string). */
function isCollection(value: unknown): value is object {
  return typeof value === 'object' && value !== null && dateTime(value) === undefined;
}

/**
 * The time a `Date` holds (NaN for an invalid one); undefined for any other value. Told by what
 * the value is, not by its prototype: an object made from `Date.prototype` (or a proxy of a Date)
 * is no Date, and `Date.prototype.getTime` throws on it.
 */
function dateTime(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    return undefined;
  }
}

const TOO_LONG = `formatSeed: header.frontMatter takes more than ${MAX_FRONT_MATTER_LENGTH} characters as YAML (the limit of a seed)`;

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * The entries of an object or array, each value read once: the own
 * enumerable string keys of an object in order, but those whose value is
 * `undefined` (JSON leaves them out); an array's entries by index. A
 * `TypeError` for what `JSON.stringify` (and so the writer) would drop or
 * change without a word, beyond its values: a property keyed by a symbol,
 * one that is not enumerable, a named property of an array, a hole in an
 * array (written as null).
 */
function readEntries(value: object, array: boolean, path: string): [key: string, value: unknown][] {
  const lost = (problem: string) => new TypeError(`formatSeed: ${shortPath(path)} ${problem}`);
  const keys = Reflect.ownKeys(value);
  for (const key of keys) {
    if (typeof key === 'symbol') throw lost(`has a property keyed by ${String(key)}, which JSON data cannot hold`);
    if (array && key === 'length') continue;
    if (!Object.prototype.propertyIsEnumerable.call(value, key)) throw lost(`has a property ${JSON.stringify(key)} that is not enumerable, which JSON leaves out`);
    if (array && !(ARRAY_INDEX.test(key) && Number(key) < MAX_ARRAY_LENGTH)) throw lost(`has a property ${JSON.stringify(key)} besides its entries, which JSON leaves out`);
  }
  const entries: [key: string, value: unknown][] = [];
  if (array) {
    const length = arrayLength(value as unknown[], path, 'formatSeed');
    for (let index = 0; index < length; index++) {
      if (!Object.hasOwn(value, index)) throw lost(`has no entry at ${index} (a hole), which JSON writes as null`);
    }
    for (let index = 0; index < length; index++) entries.push([String(index), (value as unknown[])[index]]);
    return entries;
  }
  for (const key of keys as string[]) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) entries.push([key, entry]);
  }
  return entries;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * NUL and a lone surrogate as `JSON.stringify` escapes them (`\u0000`, `\ud800`: a backslash not
 * itself escaped, then the escape). The reader gives U+FFFD for each (rule 1), so a form reads
 * back as written when it gives this JSON with U+FFFD in their place.
 */
const UNSAFE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/g;

/**
 * The first form within the reader's length limit that the front matter
 * reader reads back as the same value. `yaml` writes a few strings in forms
 * that read back otherwise (a key that starts with U+FEFF, unquoted, loses
 * it; spaces that start a block scalar ending in a tab are taken as its
 * indentation), and block style of a large front matter read from flow
 * style can pass the limit. A value that no form gives back (two keys that
 * differ only by a lone surrogate, which the reader makes U+FFFD) is written
 * in the first form the reader reads without an error; when it reads none,
 * its error is a `TypeError`.
 */
function frontMatterYaml(frontMatter: Record<string, unknown>): string {
  if (Object.keys(frontMatter).length === 0) return '';
  const expected = JSON.stringify(frontMatter).replace(UNSAFE_ESCAPE, '$1\ufffd');
  let readable: string | null = null;
  let problem: string | null = null;
  for (const write of FRONT_MATTER_FORMS) {
    const text = write(frontMatter);
    if (text.length > MAX_FRONT_MATTER_LENGTH) continue;
    const reading = parseFrontMatter(text);
    if (!reading.ok) {
      problem ??= reading.problem.message;
      continue;
    }
    if (reading.warnings.length === 0 && JSON.stringify(reading.value) === expected) return text;
    readable ??= text;
  }
  if (readable !== null) return readable;
  if (problem !== null) throw new TypeError(`formatSeed: header.frontMatter cannot be read back from any YAML form: ${problem}`);
  throw new TypeError(TOO_LONG);
}

const TITLE_SPECIAL = /[\\[\]&<]/g;
const TITLE_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', ']': '&#93;' };

/**
 * The link text of the title line. The header reader removes backslash
 * escapes, then decodes entities, then collapses white space; so `\` and `[`
 * are escaped with a backslash, and `&`, `<` and `]` are written as entities
 * (`&amp;`, `&lt;`, `&#93;`): the reader vets what follows a `<` or a `](`
 * anywhere in the line as a URL, as Markdown may read one there, escaped or
 * not. It is written collapsed, as it reads back (a line feed cannot stand in
 * the line).
 */
function titleText(title: string): string {
  if (typeof title !== 'string') throw new TypeError(`formatSeed: header.title must be a string, got ${describeValue(title)}`);
  const collapsed = collapseWhitespace(title);
  if (collapsed === '') throw new TypeError('formatSeed: header.title must not be empty');
  return collapsed.replace(TITLE_SPECIAL, (c) => TITLE_ENTITIES[c] ?? `\\${c}`);
}

/**
 * The destination of the title line, as the header reader takes it: the last
 * balanced `(…)` of the line, trimmed, then without one pair of `<>` around
 * it. A URL with white space at an end, or already inside `<>`, goes in `<…>`.
 */
function destination(url: string): string {
  if (typeof url !== 'string') throw new TypeError(`formatSeed: header.url must be a string, got ${describeValue(url)}`);
  if (url.trim() === '') throw new TypeError('formatSeed: header.url must not be empty or only white space');
  if (url.includes('\n')) throw new TypeError('formatSeed: header.url cannot hold a line feed');
  const scheme = unsafeDestination(url) ?? unsafeInLine(url)?.scheme ?? null;
  if (scheme !== null) throw new TypeError(`formatSeed: header.url cannot be a ${scheme}: URL`);
  if (!balancedParentheses(url)) throw new TypeError(`formatSeed: the parentheses of header.url must balance, got ${JSON.stringify(url)}`);
  const needsBrackets = url.trim() !== url || (url.length >= 2 && url.startsWith('<') && url.endsWith('>'));
  return needsBrackets ? `<${url}>` : url;
}

function balancedParentheses(url: string): boolean {
  let depth = 0;
  for (let index = 0; index < url.length; index++) {
    const code = url.charCodeAt(index);
    if (code === 0x28 /* ( */) depth++;
    else if (code === 0x29 /* ) */ && --depth < 0) return false;
  }
  return depth === 0;
}
