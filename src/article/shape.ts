import { MAX_INLINE_DEPTH } from '../blocks/inlines.js';
import { describe } from '../input/chunks.js';
import { unsafeScheme, type UrlUse } from '../text/urls.js';
import type { Block, Dateline, Paragraph } from '../types.js';

/**
 * The shape of an Article as data: what each block and inline holds, as rows
 * of a table. The writer (`formatSeed`) and the renderers check what they
 * are given against it before they use it, so that a value `parseSeed` never
 * gives (a type they do not know, a heading level of 7, a missing field, a
 * `javascript:` URL, inlines nested deeper than the parser reads them) is a
 * `TypeError` that says where it is: never a crash inside them, a block
 * silently dropped, or markup nobody wrote. An Article read back from JSON
 * or a database is checked like any other.
 */

/** What a field holds; `?` after the kind: it may also be null (or left out, where the shapes are {@link Shapes.partial}). */
type Kind =
  | 'string'
  | 'boolean'
  | 'whole'
  | 'level'
  | 'language'
  | 'inlines'
  | 'paragraphs'
  | 'items'
  | 'sources'
  | `url:${UrlUse}`;
type Field = Kind | `${Kind}?`;

interface Shape {
  readonly fields: Readonly<Record<string, Field>>;
  /** Content given in either of two fields (the writer reads `inlines`, else `text`): at least one is present, not null. */
  readonly either?: readonly [string, string];
}

/** The shapes one reader accepts. */
export interface Shapes {
  readonly blocks: Readonly<Record<string, Shape>>;
  readonly inlines: Readonly<Record<string, Shape>>;
  /** A paragraph of a quote, and the lead. */
  readonly paragraph: Shape;
  readonly item: Shape;
  readonly source: Shape;
  readonly dateline: Shape;
  /**
   * Whether a field that may be null may also be left out, as in a
   * `SeedInput` (left out means null, and a `body` left out an empty body).
   * An Article has every field, null where it has none: one that is missing
   * is out of shape, so that no renderer meets an `undefined` it does not
   * expect.
   */
  readonly partial: boolean;
}

const INLINES: Shapes['inlines'] = {
  text: { fields: { value: 'string' } },
  break: { fields: {} },
  code: { fields: { value: 'string' } },
  strong: { fields: { children: 'inlines' } },
  emphasis: { fields: { children: 'inlines' } },
  link: { fields: { href: 'url:link', title: 'string?', children: 'inlines' } },
};

const IMAGE: Shapes['blocks'] = {
  image: {
    fields: { src: 'url:image', alt: 'string?', title: 'string?', width: 'whole?', height: 'whole?', caption: 'string?', credit: 'string?', link: 'url:link?' },
  },
};

/** Articles, as the renderers read them: every field an Article has. */
export const ARTICLE_SHAPES: Shapes = {
  blocks: {
    paragraph: { fields: { inlines: 'inlines' } },
    heading: { fields: { level: 'level', inlines: 'inlines' } },
    quote: { fields: { blocks: 'paragraphs' } },
    list: { fields: { ordered: 'boolean', start: 'whole?', items: 'items' } },
    code: { fields: { text: 'string', language: 'language?' } },
    ...IMAGE,
    embed: { fields: { src: 'url:embed', provider: 'string?', caption: 'string?' } },
    video: { fields: { src: 'url:media?', sources: 'sources', poster: 'url:poster?', caption: 'string?' } },
    audio: { fields: { src: 'url:media?', sources: 'sources', caption: 'string?' } },
  },
  inlines: INLINES,
  paragraph: { fields: { inlines: 'inlines' } },
  item: { fields: { inlines: 'inlines' } },
  source: { fields: { src: 'url:source', type: 'string?' } },
  dateline: { fields: { text: 'string', iso: 'string?' } },
  partial: false,
};

const CONTENT = { fields: { inlines: 'inlines?', text: 'string?' }, either: ['inlines', 'text'] } as const;

/** `SeedInput`s, as `formatSeed` reads them: what an Article derives may be left out. */
export const INPUT_SHAPES: Shapes = {
  blocks: {
    paragraph: CONTENT,
    heading: { fields: { ...CONTENT.fields, level: 'level' }, either: CONTENT.either },
    quote: { fields: { blocks: 'paragraphs?', text: 'string?' }, either: ['blocks', 'text'] },
    list: { fields: { ordered: 'boolean?', start: 'whole?', items: 'items?', text: 'string?' }, either: ['items', 'text'] },
    code: { fields: { text: 'string', language: 'language?' } },
    ...IMAGE,
    // The provider is derived from the URL: ignored, whatever it holds.
    embed: { fields: { src: 'url:embed', caption: 'string?' } },
    video: { fields: { src: 'url:media?', sources: 'sources?', poster: 'url:poster?', caption: 'string?' } },
    audio: { fields: { src: 'url:media?', sources: 'sources?', caption: 'string?' } },
  },
  inlines: INLINES,
  paragraph: CONTENT,
  item: CONTENT,
  source: { fields: { src: 'url:source', type: 'string?' } },
  // `iso` is derived from the text: ignored, whatever it holds.
  dateline: { fields: { text: 'string' } },
  partial: true,
};

/** The dateline, the lead and the body as checked: copies of plain data. */
export interface Checked {
  dateline: unknown;
  lead: unknown;
  body: unknown;
}

/** Checks one block of an Article as {@link checkShape} checks each (named `path` in messages), and returns the copy it checked. */
export function checkBlock(value: unknown, who: string, path: string): object {
  const check: Check = { shapes: ARTICLE_SHAPES, who, depth: 0, copies: new Map(), size: 0 };
  return typed(check, value, ARTICLE_SHAPES.blocks, path, 'block');
}

/**
 * Checks the dateline, the lead and the body of `value` against `shapes`;
 * `who` starts each message. Throws a `TypeError` at the first value out of
 * shape. Inline containers nest at most {@link MAX_INLINE_DEPTH} deep, as the
 * parser reads them, so a cyclic or runaway tree is an error, not a stack
 * overflow.
 *
 * Returns what it checked as a copy: plain objects holding the fields of
 * their shape (and `type`), plain arrays, each value read once. The writer
 * and the renderers use the copy, never the value given: a getter, a proxy
 * or an array's own iterator could give them other values than the check
 * saw (a heading level that is markup, a `javascript:` URL).
 */
export function checkShape(value: { dateline?: unknown; lead?: unknown; body?: unknown }, shapes: Shapes, who: string): Checked {
  const check: Check = { shapes, who, depth: 0, copies: new Map(), size: 0 };
  const { dateline, lead, body } = value;
  return {
    dateline: isNone(check, dateline, 'dateline', 'an object') ? dateline : record(check, dateline, shapes.dateline, 'dateline'),
    lead: isNone(check, lead, 'lead', 'a paragraph') ? lead : paragraph(check, lead, 'lead'),
    body: body === undefined && shapes.partial ? body : list(check, body, 'body', 'blocks', (block, path) => typed(check, block, shapes.blocks, path, 'block')),
  };
}

/**
 * Whether a value that may be null holds none: null, or left out where the
 * shapes are partial. Left out of an Article, it is out of shape.
 */
function isNone(check: Check, value: unknown, path: string, what: string): boolean {
  if (value === null || (value === undefined && check.shapes.partial)) return true;
  if (value === undefined) fail(check, path, `must be ${what} or null, got undefined`);
  return false;
}

/** The problem with a URL, or null: not a string, or a scheme rule 9 never lets through. */
export function urlProblem(url: unknown, use: UrlUse): string | null {
  if (typeof url !== 'string') return `must be a string, got ${describeValue(url)}`;
  const scheme = unsafeScheme(url, use);
  return scheme === null ? null : `is a ${scheme}: URL, which rule 9 never lets through`;
}

/** What a value is, as `describe` says it, with a short string or a number shown as it is. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return describe(value);
}

/** One check: the shapes, the start of every message, and how deep the inlines being checked stand. */
interface Check {
  readonly shapes: Shapes;
  readonly who: string;
  depth: number;
  /** Lists met so far, by what they were read as (a kind of list), with their copy, the inline depth they were checked at and their size. */
  readonly copies: Map<string, Map<object, { copy: object[]; depth: number; size: number }>>;
  /** Objects of the tree, each as many times as it is held (a shared one in each place). */
  size: number;
}

/**
 * The most objects a tree may hold, shared ones counted in each place: some 16 million, the
 * Article of 50 MB of the densest markup (`<b>a</b> ` over and over: three objects per nine
 * bytes), or of gigabytes of ordinary text. A tree that holds one object in many places (two places at each of 40 levels:
 * 2^40) would otherwise be written or rendered for ever, or end the process when an array of its
 * pieces passes what V8 allows (about 2^27 entries).
 */
export const MAX_TREE_SIZE = 2 ** 24;

/** The errors {@link grow} threw: a tree too large to write or render, not one out of shape. */
const TOO_LARGE = new WeakSet<object>();

/** Whether `error` is the `RangeError` of a tree of more than {@link MAX_TREE_SIZE} objects. */
export function isTreeTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && TOO_LARGE.has(error);
}

/**
 * The checked copy of a list met again: reused, unless it is now deeper among inlines than where
 * it was checked (the depth limit is checked again); counted in the size of the tree each time.
 * Only lists are kept: an object shared in many places is read again in each (its fields are few,
 * and each copy is made from what that reading checked), while a list shared at every level is
 * what would make the work grow exponentially. Keeping every object cost time on a large Article
 * for no gain (bench/README.md, "The writer and the renderers").
 */
function once(check: Check, as: string, value: object, path: string, build: () => object[]): object[] {
  let copies = check.copies.get(as);
  if (copies === undefined) check.copies.set(as, (copies = new Map()));
  const known = copies.get(value);
  if (known !== undefined && known.depth >= check.depth) {
    grow(check, path, known.size);
    return known.copy;
  }
  const before = check.size;
  const copy = build();
  copies.set(value, { copy, depth: check.depth, size: check.size - before });
  return copy;
}

function grow(check: Check, path: string, size: number): void {
  check.size += size;
  if (check.size <= MAX_TREE_SIZE) return;
  const error = new RangeError(`${check.who}: ${shortPath(path)} makes the tree hold more than ${MAX_TREE_SIZE} objects, counted in each place they are held: more than the writer and the renderers take`);
  TOO_LARGE.add(error);
  throw error;
}

function fail(check: Check, path: string, problem: string): never {
  throw new TypeError(`${check.who}: ${shortPath(path)} ${problem}`);
}

/** A path as a message shows it: one of a deep tree keeps its start and its end. */
export function shortPath(path: string): string {
  return path.length <= 160 ? path : `${path.slice(0, 70)}…${path.slice(-70)}`;
}

/** The most entries an array holds: its length is a whole number below 2^32. */
export const MAX_ARRAY_LENGTH = 2 ** 32 - 1;

/**
 * The length of an array, read once: a whole number from 0 to 2^32 - 1 for an array, but a proxy
 * of one may give anything, which is a `TypeError` of `who` naming `path`.
 */
export function arrayLength(value: readonly unknown[], path: string, who: string): number {
  const { length } = value as { length: unknown };
  if (!Number.isInteger(length) || (length as number) < 0 || (length as number) > MAX_ARRAY_LENGTH) {
    throw new TypeError(`${who}: ${shortPath(`${path}.length`)} must be the length of an array (a whole number from 0 to ${MAX_ARRAY_LENGTH}), got ${describeValue(length)}`);
  }
  return length as number;
}

function list(check: Check, value: unknown, path: string, as: string, each: (item: unknown, path: string) => object): object[] {
  if (!Array.isArray(value)) fail(check, path, `must be an array, got ${describeValue(value)}`);
  return once(check, as, value, path, () => {
    const length = arrayLength(value, path, check.who);
    const copy: object[] = [];
    for (let index = 0; index < length; index++) copy.push(each(value[index], `${path}[${index}]`));
    return copy;
  });
}

/** A block or an inline: its type picks its shape (an own row of the table only: `constructor` is no type). */
function typed(check: Check, value: unknown, table: Readonly<Record<string, Shape>>, path: string, what: 'block' | 'inline'): object {
  if (typeof value !== 'object' || value === null) fail(check, path, `must be ${what === 'block' ? 'a block' : 'an inline'}, got ${describeValue(value)}`);
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(table, type)) {
    fail(check, `${path}.type`, `is no ${what} type: ${describeValue(type)} (one of ${Object.keys(table).join(', ')})`);
  }
  return record(check, value, table[type] as Shape, path, type);
}

function paragraph(check: Check, value: unknown, path: string): object {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (type !== 'paragraph') fail(check, path, `must be a paragraph ({ type: 'paragraph', … }), got ${describeValue(value)}`);
  return record(check, value, check.shapes.paragraph, path, type);
}

/** The fields of `shape`, each read once and checked, in a new object (with `type` first, when given). */
function record(check: Check, value: unknown, shape: Shape, path: string, type?: string): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(check, path, `must be an object, got ${describeValue(value)}`);
  return readRecord(check, value, shape, path, type);
}

function readRecord(check: Check, value: object, shape: Shape, path: string, type: string | undefined): object {
  grow(check, path, 1);
  const fields = value as Record<string, unknown>;
  const read: Record<string, unknown> = {};
  for (const name in shape.fields) read[name] = fields[name];
  if (shape.either !== undefined && shape.either.every((name) => read[name] === undefined || read[name] === null)) {
    fail(check, path, `needs ${shape.either[0]} or ${shape.either[1]}`);
  }
  const copy: Record<string, unknown> = type === undefined ? {} : { type };
  for (const name in shape.fields) {
    const checked = field(check, read[name], shape.fields[name] as Field, `${path}.${name}`);
    if (checked !== undefined) copy[name] = checked;
  }
  return copy;
}

/** A code block's language, as rule 4 reads it from a `language-X` class. */
const LANGUAGE = /^[^\t\n\f\r ]+$/;

/** What a value of each kind is, as messages say it (a list is an array; a URL, a string). */
const KIND_NAMES: Readonly<Record<Kind, string>> = {
  string: 'a string',
  boolean: 'true or false',
  whole: 'a whole number',
  level: 'a heading level from 1 to 6',
  language: 'a word (the X of a language-X class: not empty, no white space)',
  inlines: 'an array',
  paragraphs: 'an array',
  items: 'an array',
  sources: 'an array',
  'url:link': 'a string',
  'url:image': 'a string',
  'url:poster': 'a string',
  'url:media': 'a string',
  'url:source': 'a string',
  'url:embed': 'a string',
};

function wrongKind(check: Check, path: string, kind: Kind, value: unknown): never {
  fail(check, path, `must be ${KIND_NAMES[kind]}, got ${describeValue(value)}`);
}

/** The value checked: itself, or a copy of a list. */
function field(check: Check, value: unknown, field: Field, path: string): unknown {
  const optional = field.endsWith('?');
  const kind = (optional ? field.slice(0, -1) : field) as Kind;
  if (optional && isNone(check, value, path, KIND_NAMES[kind])) return value;
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') wrongKind(check, path, kind, value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') wrongKind(check, path, kind, value);
      return value;
    case 'whole':
      if (!Number.isSafeInteger(value) || (value as number) < 0) wrongKind(check, path, kind, value);
      return value;
    case 'level':
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 6) wrongKind(check, path, kind, value);
      return value;
    case 'language':
      // Rule 4 reads the language from a class: one that is empty or holds white space would not read back.
      if (typeof value !== 'string' || !LANGUAGE.test(value)) wrongKind(check, path, kind, value);
      return value;
    case 'inlines':
      return inlines(check, value, path);
    case 'paragraphs':
      return list(check, value, path, 'paragraphs', (item, at) => paragraph(check, item, at));
    case 'items':
      return list(check, value, path, 'items', (item, at) => record(check, item, check.shapes.item, at));
    case 'sources':
      return list(check, value, path, 'sources', (item, at) => record(check, item, check.shapes.source, at));
    default: {
      const problem = urlProblem(value, kind.slice('url:'.length) as UrlUse);
      if (problem !== null) fail(check, path, problem);
      return value;
    }
  }
}

/** A list of inlines, as deep as the parser reads them: {@link MAX_INLINE_DEPTH} containers. */
function inlines(check: Check, value: unknown, path: string): object[] {
  if (check.depth > MAX_INLINE_DEPTH) fail(check, path, `nests inlines more than ${MAX_INLINE_DEPTH} deep, deeper than the parser reads them`);
  check.depth++;
  const copy = list(check, value, path, 'inlines', (inline, at) => typed(check, inline, check.shapes.inlines, at, 'inline'));
  check.depth--;
  return copy;
}

/** What the renderers read of an Article, checked and copied ({@link checkShape}). */
export interface CheckedArticle {
  header: { title: string; url: string };
  dateline: Dateline | null;
  lead: Paragraph | null;
  body: Block[];
}

/** An Article as the renderers read it: its header's title and URL, then {@link checkShape}; the copy is what they render. */
export function checkArticle(article: unknown, who: string): CheckedArticle {
  if (typeof article !== 'object' || article === null) throw new TypeError(`${who} expects an Article, got ${describeValue(article)}`);
  const { header } = article as { header?: unknown };
  if (typeof header !== 'object' || header === null) throw new TypeError(`${who}: header must be an object, got ${describeValue(header)}`);
  const { title, url } = header as { title?: unknown; url?: unknown };
  if (typeof title !== 'string') throw new TypeError(`${who}: header.title must be a string, got ${describeValue(title)}`);
  const problem = urlProblem(url, 'link');
  if (problem !== null) throw new TypeError(`${who}: header.url ${problem}`);
  const checked = checkShape(article, ARTICLE_SHAPES, who);
  return { header: { title, url: url as string }, ...(checked as Omit<CheckedArticle, 'header'>) };
}
