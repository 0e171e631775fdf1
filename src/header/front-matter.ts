import { parseDocument } from 'yaml';

/**
 * Front matter: YAML 1.2, core schema (`True` is a boolean, dates stay
 * strings), top level a mapping. Most seeds hold a handful of `key: scalar`
 * and `key: [a, b]` lines; those are read by a small exact reader of that
 * subset, and anything else (numbers, escapes, nesting, comments, anchors, …)
 * goes to the `yaml` package. Both give the same value; a test holds them to it.
 */

export type FrontMatterResult =
  | { ok: true; value: Record<string, unknown>; warnings: FrontMatterProblem[] }
  | { ok: false; problem: FrontMatterProblem };

export interface FrontMatterProblem {
  message: string;
  /** Offset within the YAML source. */
  offset: number;
}

export function parseFrontMatter(source: string): FrontMatterResult {
  const simple = readSimpleMapping(source);
  if (simple !== undefined) return { ok: true, value: simple, warnings: [] };
  return parseWithYaml(source);
}

function parseWithYaml(source: string): FrontMatterResult {
  try {
    const document = parseDocument(source, { prettyErrors: false, uniqueKeys: true, logLevel: 'silent' });
    const [error] = document.errors;
    if (error !== undefined) {
      return { ok: false, problem: { message: error.message, offset: error.pos[0] } };
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return { ok: true, value: {}, warnings: [] };
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof Map || value instanceof Set) {
      return { ok: false, problem: { message: 'it is not a mapping of keys to values', offset: firstContentOffset(source) } };
    }
    const warnings = document.warnings.map((warning) => ({ message: warning.message, offset: warning.pos[0] }));
    return { ok: true, value: value as Record<string, unknown>, warnings };
  } catch (error) {
    return { ok: false, problem: { message: error instanceof Error ? error.message : String(error), offset: 0 } };
  }
}

/** Where the first line that is neither blank nor a comment starts. */
function firstContentOffset(source: string): number {
  let offset = 0;
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return offset + line.indexOf(trimmed);
    offset += line.length + 1;
  }
  return 0;
}

// ---------------------------------------------------------------------------
// The simple subset. `undefined` means "not in the subset": ask `yaml`.
// Each line is read in one pass over its characters; whatever the subset does
// not cover with certainty is left to `yaml`.

/** Anything a core-schema number could be: left to `yaml`. */
const NUMBER_LIKE = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

type Scalar = string | boolean | null;

const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const HASH = 0x23;
const COMMA = 0x2c;
const CR = 0x0d;

function readSimpleMapping(source: string): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  let from = 0;
  while (from <= source.length) {
    let to = source.indexOf('\n', from);
    if (to === -1) to = source.length;
    const end = to > from && source.charCodeAt(to - 1) === CR ? to - 1 : to;
    const lineStart = from;
    from = to + 1;
    if (skipSpaces(source, lineStart, end) === end) continue;
    const colon = readKeyEnd(source, lineStart, end);
    if (colon === -1) return undefined;
    const key = source.slice(lineStart, colon);
    if (Object.hasOwn(result, key) || scalarKeyword(key) !== undefined) return undefined;
    let value: unknown = null;
    const valueStart = skipSpaces(source, colon + 1, end);
    if (valueStart < end) {
      // `key:value` is a plain scalar to YAML, not a pair: only `key: value` is in the subset.
      if (source.charCodeAt(colon + 1) !== SPACE) return undefined;
      value = readValue(source, valueStart, skipSpacesBack(source, valueStart, end));
      if (value === undefined) return undefined;
    }
    if (key === '__proto__') {
      // Stays plain data: an own property, not the prototype.
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      result[key] = value;
    }
  }
  return result;
}

/** `[A-Za-z_][A-Za-z0-9_-]*` directly followed by `:`: the index of that colon, else -1. */
function readKeyEnd(source: string, start: number, end: number): number {
  for (let index = start; index < end; index++) {
    const code = source.charCodeAt(index);
    const lower = code | 0x20;
    if ((lower >= 0x61 && lower <= 0x7a) || code === 0x5f /* _ */) continue;
    if (index > start && ((code >= 0x30 && code <= 0x39) || code === 0x2d /* - */)) continue;
    return code === COLON && index > start ? index : -1;
  }
  return -1;
}

/** The value of `source[start, end)`, which neither is empty nor starts or ends with a space. (A tab anywhere is left to `yaml`.) */
function readValue(source: string, start: number, end: number): unknown {
  const first = source.charCodeAt(start);
  if (first === 0x22 /* " */ || first === 0x27 /* ' */) return readQuoted(source, start, end, first);
  if (first === 0x5b /* [ */) return readFlowSequence(source, start, end);
  return readPlain(source, start, end, false);
}

/** A quoted scalar without escapes: `"…"` with no `"` or `\` inside, `'…'` with no `'` inside. */
function readQuoted(source: string, start: number, end: number, quote: number): string | undefined {
  if (end - start < 2 || source.charCodeAt(end - 1) !== quote) return undefined;
  for (let index = start + 1; index < end - 1; index++) {
    const code = source.charCodeAt(index);
    if (code === quote || (quote === 0x22 && code === 0x5c /* \ */) || isUnsafe(code)) return undefined;
  }
  return source.slice(start + 1, end - 1);
}

/** `[a, b]` of plain scalars, items separated by `,` and spaces. */
function readFlowSequence(source: string, start: number, end: number): Scalar[] | undefined {
  if (source.charCodeAt(end - 1) !== 0x5d /* ] */) return undefined;
  const items: Scalar[] = [];
  const innerEnd = end - 1;
  if (skipSpaces(source, start + 1, innerEnd) === innerEnd) return items;
  let itemFrom = start + 1;
  while (itemFrom <= innerEnd) {
    let comma = source.indexOf(',', itemFrom);
    if (comma === -1 || comma > innerEnd) comma = innerEnd;
    const itemStart = skipSpaces(source, itemFrom, comma);
    const itemEnd = skipSpacesBack(source, itemStart, comma);
    if (itemStart === itemEnd) return undefined;
    const value = readPlain(source, itemStart, itemEnd, true);
    if (value === undefined) return undefined;
    items.push(value);
    itemFrom = comma + 1;
  }
  return items;
}

/** A plain scalar: a string, or `null`, `true`, `false`; numbers and anything unusual are left to `yaml`. */
function readPlain(source: string, start: number, end: number, inFlow: boolean): Scalar | undefined {
  const first = source.charCodeAt(start);
  switch (first) {
    // YAML indicators, quotes and white space cannot start a plain scalar of the subset.
    case 0x2d: case 0x3f: case 0x3a: case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x23: case 0x26:
    case 0x2a: case 0x21: case 0x7c: case 0x3e: case 0x27: case 0x22: case 0x25: case 0x40: case 0x60: case SPACE: case TAB:
      return undefined;
    default:
      break;
  }
  let previous = 0;
  for (let index = start; index < end; index++) {
    const code = source.charCodeAt(index);
    if (isUnsafe(code)) return undefined;
    if (code === COLON && index + 1 < end && source.charCodeAt(index + 1) === SPACE) return undefined;
    if (code === HASH && previous === SPACE) return undefined;
    if (inFlow && (code === COMMA || code === COLON || code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d)) return undefined;
    previous = code;
  }
  if (previous === COLON) return undefined;
  const text = source.slice(start, end);
  // Digits, signs and dots may start a number: leave those to `yaml` when they are one.
  if (((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2e) && NUMBER_LIKE.test(text)) return undefined;
  const keyword = scalarKeyword(text);
  return keyword === undefined ? text : keyword;
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
