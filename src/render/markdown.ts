import { toMarkdown as serialize, type ConstructName, type Options } from 'mdast-util-to-markdown';
import type { Article } from '../types.js';
import { arrayLength, describeValue, shortPath } from '../article/shape.js';
import { inlineCode } from './inline-code.js';
import { mdastOf } from './mdast.js';

/**
 * Options of `mdast-util-to-markdown` (its `bullet`, `emphasis`, `strong`,
 * `fence`, …), over these defaults: its `Options` fit this type. Written out
 * here rather than imported in the declarations: that package is ESM only,
 * and a CommonJS project (TypeScript's `node16` resolution) could not read a
 * declaration that imports from it. The handlers, joins, unsafe patterns and
 * extensions are typed loosely; `OPTION_RULES` and `PATTERN_RULES` check every
 * value, and `MUST_DIFFER` the options as merged with their extensions.
 */
export interface ToMarkdownOptions {
  bullet?: '*' | '+' | '-' | null | undefined;
  bulletOther?: '*' | '+' | '-' | null | undefined;
  bulletOrdered?: '.' | ')' | null | undefined;
  closeAtx?: boolean | null | undefined;
  emphasis?: '*' | '_' | null | undefined;
  extensions?: readonly object[] | null | undefined;
  fence?: '`' | '~' | null | undefined;
  fences?: boolean | null | undefined;
  handlers?: object | null | undefined;
  incrementListMarker?: boolean | null | undefined;
  join?: readonly ((...args: never[]) => unknown)[] | null | undefined;
  listItemIndent?: 'mixed' | 'one' | 'tab' | null | undefined;
  quote?: '"' | "'" | null | undefined;
  resourceLink?: boolean | null | undefined;
  rule?: '*' | '-' | '_' | null | undefined;
  ruleRepetition?: number | null | undefined;
  ruleSpaces?: boolean | null | undefined;
  setext?: boolean | null | undefined;
  strong?: '*' | '_' | null | undefined;
  tightDefinitions?: boolean | null | undefined;
  unsafe?: readonly object[] | null | undefined;
}

const DEFAULTS: Options = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  fence: '`',
  fences: true,
  listItemIndent: 'one',
  // `[url](url)`, never `<url>`: an autolink reads back with other text.
  resourceLink: true,
};

/**
 * An Article as CommonMark. Read back by `mdast-util-from-markdown`, it gives
 * the same text for the title, the dateline, the lead, every block, list
 * item and caption, and the same URLs in order. Attention next to
 * punctuation (CJK text included) is kept by `mdast-util-to-markdown`, which
 * writes the neighbouring character as a character reference where
 * CommonMark's flanking rules would otherwise not read `**…**` as strong.
 */
export function toMarkdown(article: Article, options?: ToMarkdownOptions | null): string {
  return serialize(mdastOf(article, 'toMarkdown'), withDefaults(options));
}

/**
 * Unsafe patterns `mdast-util-to-markdown` lacks:
 * - a code block's language that starts with `~` after a fence of tildes (`~~~~js`) would read as
 *   part of the fence, so a `~` in the language of a tilde fence is escaped (`~~~\~js`; an info
 *   string reads escapes back);
 * - text `<1@x.example>` reads as an email autolink (a `mailto:` link the Article does not hold):
 *   the library escapes a `<` before a letter (a tag, or an autolink's scheme), and now also before
 *   any other character an email's local part may start with (digits, `.`, `*`, a backtick, …),
 *   where it would escape it (in phrasing, at the start of a line too; not inside a destination or
 *   a title, where other rules hold).
 */
/** Handlers in place of `mdast-util-to-markdown`'s own (a handler given in the options replaces these too). */
const HANDLERS: NonNullable<Options['handlers']> = { inlineCode };

const EMAIL_START = "[\\d!#$%&'*+.=^_`{|}~-]";
const OUTSIDE_PHRASING: ConstructName[] = ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote', 'titleApostrophe'];
const UNSAFE_PATTERNS: NonNullable<Options['unsafe']> = [
  { character: '~', inConstruct: 'codeFencedLangTilde' },
  { atBreak: true, character: '<', after: EMAIL_START },
  { character: '<', after: EMAIL_START, inConstruct: 'phrasing', notInConstruct: OUTSIDE_PHRASING },
];

/**
 * Joins `mdast-util-to-markdown` lacks: micromark, the reader of `mdast-util-from-markdown`, reads
 * an ordered list that does not start at 1 right after an indented code block (`fences: false`)
 * as a paragraph, as if it interrupted one (a blank line between does not help); an empty
 * comment `<!---->` between, which `false` asks for, keeps it a list.
 */
const JOINS: NonNullable<Options['join']> = [
  (left, right, _parent, state) =>
    left.type === 'code' && right.type === 'list' && right.ordered === true && typeof right.start === 'number' && right.start !== 1 && isIndentedCode(left.value, left.lang, state.options.fences)
      ? false
      : undefined,
];

/** Whether `mdast-util-to-markdown` writes the code indented (its own rule: no fences asked for, no language, no blank first or last line). */
function isIndentedCode(value: string, lang: string | null | undefined, fences: boolean | null | undefined): boolean {
  return fences === false && value !== '' && !lang && /[^\n\r ]/.test(value) && !/^[\t ]*(?:[\n\r]|$)|(?:^|[\n\r])[\t ]*$/.test(value);
}

/**
 * The options given, over this package's: its defaults, {@link UNSAFE_PATTERNS} and {@link JOINS}
 * go first, as an extension of their own, so that an option set in the options or in an
 * extension of them (applied after it, in order) overrides a default, and lists of patterns and
 * joins given add to these. An option given as `undefined` or `null` keeps its default, as one
 * left out does. Each option is read once, into a plain copy (extensions included): that copy is
 * checked and passed on, so a getter cannot give a checked value and then another.
 */
function withDefaults(options: ToMarkdownOptions | null | undefined): Options {
  const own: Record<string, unknown> = {};
  if (options !== null && options !== undefined) {
    if (typeof options !== 'object') throw new TypeError(`toMarkdown: options must be an object, got ${describeValue(options)}`);
    const given = snapshot(options, 'options', new Set());
    checkOptions(given, 'options');
    for (const [name, value] of Object.entries(given)) {
      if (value !== undefined && value !== null) own[name] = value;
    }
  }
  const settings = merge(own, 'options', defaultSettings());
  // An option of these defaults that an extension sets to null or undefined keeps the default, as at the top level.
  for (const [name, value] of Object.entries(DEFAULTS)) {
    const setting = settings.get(name);
    if (setting?.value === undefined || setting.value === null) {
      settings.set(name, { value, path: `options.${name}` });
      own[name] = value;
    }
  }
  checkCombinations(settings);
  const extensions = (own.extensions ?? []) as Options[];
  return { ...own, extensions: [{ ...DEFAULTS, unsafe: UNSAFE_PATTERNS, join: JOINS, handlers: HANDLERS }, ...extensions] } as Options;
}

/** This package's defaults, as {@link merge} gives options, named as options of the top level. */
function defaultSettings(): Settings {
  return new Map(Object.entries(DEFAULTS).map(([name, value]) => [name, { value: value as unknown, path: `options.${name}` }]));
}

/** The most option sets (the options and their extensions, each counted where it is held) a call takes. */
const MAX_OPTION_SETS = 1024;

/**
 * The most levels of extensions inside extensions: each level is a few calls deep here and in
 * mdast-util-to-markdown, so a chain of 1,000 would overflow the stack before the count of sets
 * above could refuse it; 32 leave room to refuse it on a small stack (a worker's) too.
 */
const MAX_OPTION_DEPTH = 32;

/** An option set as read once: own fields only, its lists and their objects copied. */
type OptionSet = Record<string, unknown>;

/**
 * A copy of `value`'s entries (each read once) made by `each`, when it is an array (`path` in
 * messages); else `value`, for the checks to name. The copy ends at the first entry that is
 * `undefined` (a hole reads so): no option list may hold one, and the checks name the list, so an
 * array of 2^32 - 1 holes is not walked. Its length is read once, and must be an array's (a proxy
 * of one may give anything).
 */
function copyList(value: unknown, path: string, each: (entry: unknown, index: number) => unknown): unknown {
  if (!Array.isArray(value)) return value;
  const length = arrayLength(value, path, 'toMarkdown');
  const copy: unknown[] = [];
  for (let index = 0; index < length; index++) {
    const entry = value[index] as unknown;
    copy.push(entry === undefined ? entry : each(entry, index));
    if (entry === undefined) break;
  }
  return copy;
}

/**
 * A plain copy of an option set (named `path` in messages), its own fields each read once; its
 * extensions, unsafe patterns, joins and handlers copied too. A value of another shape is kept as
 * it is, for `checkOptions` to name. An extension that holds itself would be copied (and, in
 * mdast-util-to-markdown, applied) for ever; one held twice at each of 30 levels, 2^30 times: the
 * option sets are counted in each place they are held, at most {@link MAX_OPTION_SETS}.
 */
function snapshot(options: object, path: string, within: Set<object>, count: OptionCount = { sets: 0, entries: 0, depth: 0 }): OptionSet {
  if (within.has(options)) throw new TypeError(`toMarkdown: ${shortPath(path)} holds itself`);
  if (count.depth > MAX_OPTION_DEPTH) throw new TypeError(`toMarkdown: ${shortPath(path)} is nested more than ${MAX_OPTION_DEPTH} extensions deep`);
  if (++count.sets > MAX_OPTION_SETS) throw new TypeError(`toMarkdown: ${shortPath(path)} makes more than ${MAX_OPTION_SETS} option sets, extensions counted in each place they are held`);
  within.add(options);
  // `fromEntries` keeps a field named `__proto__` a field, for the checks to refuse.
  const copy = Object.fromEntries(Object.entries(options).map(([name, value]) => [name, snapshotField(name, value, `${path}.${name}`, within, count)]));
  within.delete(options);
  return copy;
}

/** What the option sets of one call make: sets, and entries of `unsafe` and `join` lists, each counted in each place it is held; and how deep the set being copied stands. */
interface OptionCount {
  sets: number;
  entries: number;
  depth: number;
}

function snapshotField(name: string, value: unknown, path: string, within: Set<object>, count: OptionCount): unknown {
  switch (name) {
    case 'extensions':
      return copyList(value, path, (extension, index) => (isObject(extension) ? snapshotExtension(extension as object, `${path}[${index}]`, within, count) : extension));
    case 'unsafe':
      return countEntries(copyList(value, path, (pattern, index) => (isObject(pattern) ? snapshotPattern(pattern as object, `${path}[${index}]`) : pattern)), path, count);
    case 'join':
      return countEntries(copyList(value, path, (join) => join), path, count);
    case 'handlers':
      // A handler given as undefined keeps the default one, as any option given so does (mdast-util-to-markdown would call nothing, and drop the node).
      return isObject(value) ? Object.fromEntries(Object.entries(value as object).filter(([, handler]) => handler !== undefined)) : value;
    default:
      return value;
  }
}

/** {@link snapshot} of an extension, one level deeper. */
function snapshotExtension(extension: object, path: string, within: Set<object>, count: OptionCount): OptionSet {
  count.depth++;
  const copy = snapshot(extension, path, within, count);
  count.depth--;
  return copy;
}

/**
 * mdast-util-to-markdown joins the lists of every option set into one, and tries each pattern at
 * each character it writes: one list shared by 1,000 extensions would be 1,000 times as long. All
 * lists together hold at most {@link MAX_OPTION_LIST} entries.
 */
function countEntries(copy: unknown, path: string, count: OptionCount): unknown {
  if (!Array.isArray(copy)) return copy;
  count.entries += copy.length;
  // One list over the limit is named by its own check (checkOptions).
  if (count.entries > MAX_OPTION_LIST && copy.length <= MAX_OPTION_LIST) {
    throw new TypeError(`toMarkdown: ${shortPath(path)} makes more than ${MAX_OPTION_LIST} unsafe patterns and joins in all, extensions counted in each place they are held`);
  }
  return copy;
}

/**
 * An unsafe pattern's copy, its lists copied, without the expression mdast-util-to-markdown caches
 * on a pattern (`_compiled`): it compiles the copy again, from the fields checked.
 */
function snapshotPattern(pattern: object, path: string): OptionSet {
  const fields = Object.entries(pattern).filter(([name]) => name !== '_compiled');
  return Object.fromEntries(fields.map(([name, value]) => [name, copyList(value, `${path}.${name}`, (entry) => entry)]));
}

interface OptionRule {
  test: (value: unknown) => boolean;
  /** What the option takes, as the message says it. */
  expected: string;
  /** Checked when null or left out too (null and undefined otherwise mean a default). */
  required?: true;
}

const oneOf = (values: readonly string[], expected: string): OptionRule => ({ test: (value) => values.includes(value as string), expected });
const BOOLEAN: OptionRule = { test: (value) => typeof value === 'boolean', expected: 'true or false' };
const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFunction = (value: unknown): boolean => typeof value === 'function';
const isString = (value: unknown): boolean => typeof value === 'string';
/**
 * The most entries of a list of joins or unsafe patterns: mdast-util-to-markdown passes each
 * entry of one as an argument of a single call (`push(...list)`), and some 100,000 arguments
 * overflow the stack.
 */
const MAX_OPTION_LIST = 10_000;

/** An array each of whose entries passes `test`: an entry that does not fails inside the library, naming no option. */
const arrayOf = (test: (entry: unknown) => boolean, expected: string): OptionRule => ({ test: (value) => Array.isArray(value) && value.every(test), expected });

/** The options that are lists mdast-util-to-markdown spreads into one call: at most {@link MAX_OPTION_LIST} entries. */
const SPREAD_LISTS = new Set(['join', 'unsafe']);

/**
 * The options of `mdast-util-to-markdown` and what each takes: a bad value is
 * a `TypeError` naming it before anything is written, not an `Error` (or a
 * `TypeError` about something else) from inside it. Null means its default
 * there; an option it does not know is passed on unchecked (an extension's).
 */
const OPTION_RULES: Readonly<Record<string, OptionRule>> = {
  bullet: oneOf(['*', '+', '-'], "'*', '+' or '-'"),
  bulletOther: oneOf(['*', '+', '-'], "'*', '+' or '-'"),
  bulletOrdered: oneOf(['.', ')'], "'.' or ')'"),
  closeAtx: BOOLEAN,
  emphasis: oneOf(['*', '_'], "'*' or '_'"),
  extensions: arrayOf(isObject, 'an array of objects (option sets)'),
  fence: oneOf(['`', '~'], "'`' or '~'"),
  fences: BOOLEAN,
  handlers: { test: (value) => isObject(value) && Object.values(value as object).every((handler) => handler === undefined || isFunction(handler)), expected: 'an object of functions' },
  incrementListMarker: BOOLEAN,
  join: arrayOf(isFunction, 'an array of functions'),
  listItemIndent: oneOf(['mixed', 'one', 'tab'], "'mixed', 'one' or 'tab'"),
  quote: oneOf(['"', "'"], `'"' or "'"`),
  resourceLink: BOOLEAN,
  rule: oneOf(['*', '-', '_'], "'*', '-' or '_'"),
  ruleRepetition: { test: (value) => Number.isSafeInteger(value) && (value as number) >= 3, expected: 'a whole number from 3' },
  ruleSpaces: BOOLEAN,
  setext: BOOLEAN,
  strong: oneOf(['*', '_'], "'*' or '_'"),
  tightDefinitions: BOOLEAN,
  // Each pattern's fields: PATTERN_RULES.
  unsafe: arrayOf(isObject, 'an array of objects (unsafe patterns)'),
};

const ONE_CHARACTER = /^[\s\S]$/u;
/** A construct or node type, or a list of them. */
const NAMES: OptionRule = { test: (value) => isString(value) || (Array.isArray(value) && value.every(isString)), expected: 'a string or an array of strings' };
const SOURCE: OptionRule = { test: isString, expected: 'a string (the source of a regular expression)' };

/** The fields of an unsafe pattern and what each takes; other fields are passed on unchecked. */
const PATTERN_RULES: Readonly<Record<string, OptionRule>> = {
  // An empty character makes mdast-util-to-markdown loop for ever.
  character: { test: (value) => isString(value) && ONE_CHARACTER.test(value as string), expected: 'one character', required: true },
  before: SOURCE,
  after: SOURCE,
  atBreak: BOOLEAN,
  unicode: BOOLEAN,
  inConstruct: NAMES,
  notInConstruct: NAMES,
  beforeNode: NAMES,
  afterNode: NAMES,
};

function checkRule(rule: OptionRule, value: unknown, path: string): void {
  if (!rule.test(value)) throw new TypeError(`toMarkdown: ${shortPath(path)} must be ${rule.expected}, got ${describeValue(value)}`);
}

/** Checks every option of `options` (named `path` in messages), and those of its extensions, which are options too, and its unsafe patterns. */
function checkOptions(options: OptionSet, path: string): void {
  for (const [name, value] of Object.entries(options)) {
    // mdast-util-to-markdown would take it for the prototype of its options, whose fields go unchecked.
    if (name === '__proto__') throw new TypeError(`toMarkdown: ${shortPath(`${path}.__proto__`)} is not an option`);
    if (value === undefined || value === null || !Object.hasOwn(OPTION_RULES, name)) continue;
    checkRule(OPTION_RULES[name] as OptionRule, value, `${path}.${name}`);
    if (SPREAD_LISTS.has(name) && (value as unknown[]).length > MAX_OPTION_LIST) {
      throw new TypeError(`toMarkdown: ${shortPath(`${path}.${name}`)} holds ${(value as unknown[]).length} entries, more than the ${MAX_OPTION_LIST} it may hold`);
    }
    if (name === 'extensions') (value as OptionSet[]).forEach((extension, index) => checkOptions(extension, `${path}.extensions[${index}]`));
    if (name === 'unsafe') (value as OptionSet[]).forEach((pattern, index) => checkPattern(pattern, `${path}.unsafe[${index}]`));
  }
}

function checkPattern(pattern: OptionSet, path: string): void {
  for (const [name, rule] of Object.entries(PATTERN_RULES)) {
    const value = pattern[name];
    if (rule.required || (value !== undefined && value !== null)) checkRule(rule, value, `${path}.${name}`);
  }
  // With `beforeNode` the library matches from the node's start (`^`), with no group for `before` to fill: it would read one.
  const before = pattern.before ? 'before' : pattern.atBreak ? 'atBreak' : null;
  if (before !== null && pattern.beforeNode !== undefined && pattern.beforeNode !== null) {
    throw new TypeError(`toMarkdown: ${shortPath(`${path}.${before}`)} cannot be set with beforeNode, which matches from the start of the node`);
  }
  const unicode = Boolean(pattern.unicode);
  // `before` alone, then with `after`, then as compiled (`^` for `before` when `beforeNode` is set).
  const tries = [
    ['before', patternSource({ ...pattern, after: null, beforeNode: null, afterNode: null })],
    ['after', patternSource({ ...pattern, beforeNode: null, afterNode: null })],
    ['after', patternSource(pattern)],
  ] as const;
  for (const [name, source] of tries) {
    // Each on its own too: `)|(?:` compiles only inside the library's group, and escapes it (an empty match, a loop for ever).
    const own = pattern[name];
    if (!compiles(source, unicode) || (isString(own) && !compiles(own as string, unicode))) throw new TypeError(`toMarkdown: ${shortPath(`${path}.${name}`)} must be the source of a regular expression, got ${describeValue(pattern[name])}`);
  }
}

/** The expression mdast-util-to-markdown makes of an unsafe pattern (its `compilePattern`), which throws a `SyntaxError` when it is not one. */
function patternSource(pattern: OptionSet): string {
  const character = pattern.character as string;
  const before = (pattern.atBreak ? '[\\r\\n][\\t ]*' : '') + (pattern.before ? `(?:${pattern.before as string})` : '');
  return (
    (pattern.beforeNode ? '^' : before ? `(${before})` : '') +
    (/[$()*+.?[\\\]^{|}]/.test(character) ? '\\' : '') +
    character +
    (pattern.afterNode ? '$' : pattern.after ? `(?:${pattern.after as string})` : '')
  );
}

function compiles(source: string, unicode: boolean): boolean {
  try {
    new RegExp(source, unicode ? 'gu' : 'g');
    return true;
  } catch {
    return false;
  }
}

/**
 * Options whose values must differ once mdast-util-to-markdown has merged the option sets (its
 * `checkBulletOther`): the marker of a list after a list must differ from the first's. `unset` is
 * the other's value when it is null or left out.
 */
const MUST_DIFFER: readonly { name: string; from: string; unset: string }[] = [{ name: 'bulletOther', from: 'bullet', unset: '*' }];

/** Checks the options as mdast-util-to-markdown ends up with them, over the defaults, extensions merged, against `MUST_DIFFER`. */
function checkCombinations(settings: Settings): void {
  for (const { name, from, unset } of MUST_DIFFER) {
    const value = settings.get(name);
    // Null or left out: mdast-util-to-markdown takes one that differs.
    if (value?.value === undefined || value.value === null) continue;
    const other = settings.get(from);
    const otherValue = other?.value ?? unset;
    if (value.value === otherValue) throw new TypeError(`toMarkdown: ${shortPath(value.path)} must differ from ${shortPath(other?.path ?? `options.${from}`)}, both ${JSON.stringify(otherValue)}`);
  }
}

/** mdast-util-to-markdown merges these into lists and maps of their own, not into its options. */
const NOT_SETTINGS = new Set(['extensions', 'unsafe', 'join', 'handlers']);

/**
 * Each option's value as mdast-util-to-markdown's `configure` merges an option set, with where it
 * was set: first its extensions in order (each with its own extensions first), then its own fields
 * over them, null and undefined ones too.
 */
/** Each option's value in effect, with where it was set. */
type Settings = Map<string, { value: unknown; path: string }>;

function merge(options: OptionSet, path: string, into: Settings): Settings {
  if (Array.isArray(options.extensions)) (options.extensions as OptionSet[]).forEach((extension, index) => merge(extension, `${path}.extensions[${index}]`, into));
  for (const [name, value] of Object.entries(options)) {
    if (!NOT_SETTINGS.has(name)) into.set(name, { value, path: `${path}.${name}` });
  }
  return into;
}
