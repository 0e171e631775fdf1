import { toMarkdown as serialize, type Options } from 'mdast-util-to-markdown';
import type { Article } from '../types.js';
import { describeValue } from '../article/shape.js';
import { mdastOf } from './mdast.js';

/**
 * Options of `mdast-util-to-markdown` (its `bullet`, `emphasis`, `strong`,
 * `fence`, …), over these defaults: its `Options` fit this type. Written out
 * here rather than imported in the declarations: that package is ESM only,
 * and a CommonJS project (TypeScript's `node16` resolution) could not read a
 * declaration that imports from it. The handlers, joins, unsafe patterns and
 * extensions are typed loosely; `OPTION_RULES` checks every value.
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

/** The options over the defaults; an option given as `undefined` keeps its default, as one left out does. */
function withDefaults(options: ToMarkdownOptions | null | undefined): Options {
  const merged: Record<string, unknown> = { ...DEFAULTS };
  if (options !== null && options !== undefined) {
    if (typeof options !== 'object') throw new TypeError(`toMarkdown: options must be an object, got ${describeValue(options)}`);
    checkOptions(options, 'options', new Set());
    for (const [name, value] of Object.entries(options)) {
      if (value !== undefined) merged[name] = value;
    }
  }
  // The one rule between two options: the marker of a list after a list must differ from the first's.
  const bullet = merged.bullet ?? '*';
  if (merged.bulletOther !== undefined && merged.bulletOther !== null && merged.bulletOther === bullet) {
    throw new TypeError(`toMarkdown: options.bulletOther must differ from options.bullet, both ${JSON.stringify(bullet)}`);
  }
  return merged as Options;
}

interface OptionRule {
  test: (value: unknown) => boolean;
  /** What the option takes, as the message says it. */
  expected: string;
}

const oneOf = (values: readonly string[], expected: string): OptionRule => ({ test: (value) => values.includes(value as string), expected });
const BOOLEAN: OptionRule = { test: (value) => typeof value === 'boolean', expected: 'true or false' };
const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFunction = (value: unknown): boolean => typeof value === 'function';
/** An array each of whose entries passes `test`: an entry that does not fails inside the library, naming no option. */
const arrayOf = (test: (entry: unknown) => boolean, expected: string): OptionRule => ({ test: (value) => Array.isArray(value) && value.every(test), expected });

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
  // An empty character makes mdast-util-to-markdown loop for ever.
  unsafe: arrayOf(isUnsafePattern, 'an array of objects, each with a character (one)'),
};

const ONE_CHARACTER = /^[\s\S]$/u;

function isUnsafePattern(entry: unknown): boolean {
  const character = isObject(entry) ? (entry as { character?: unknown }).character : undefined;
  return typeof character === 'string' && ONE_CHARACTER.test(character);
}

/**
 * Checks every option of `options` (named `path` in messages), and those of
 * its extensions, which are options too; an extension that holds itself
 * would make mdast-util-to-markdown recurse for ever.
 */
function checkOptions(options: object, path: string, seen: Set<object>): void {
  if (seen.has(options)) throw new TypeError(`toMarkdown: ${path} holds itself`);
  seen.add(options);
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || value === null || !Object.hasOwn(OPTION_RULES, name)) continue;
    const rule = OPTION_RULES[name] as OptionRule;
    if (!rule.test(value)) throw new TypeError(`toMarkdown: ${path}.${name} must be ${rule.expected}, got ${describeValue(value)}`);
    if (name === 'extensions') (value as object[]).forEach((extension, index) => checkOptions(extension, `${path}.extensions[${index}]`, seen));
  }
  seen.delete(options);
}
