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

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const ONLY_SPACES = /^ *$/;
/** Characters that a plain scalar of the subset may not start with (YAML indicators, quotes, space). */
const PLAIN_FIRST_FORBIDDEN = /^[-?:,[\]{}#&*!|>'"%@` \t]/;
/** Inside any scalar of the subset: no control character, no BOM, no surrogate, no NEL or C1 control. */
const UNSAFE_CHAR = /[\0-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]/;
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const FLOW_INDICATOR = /[[\]{},:]/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
/** Anything a core-schema number could be: left to `yaml`. */
const NUMBER_LIKE = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

type Scalar = string | boolean | null;

function readSimpleMapping(source: string): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  let from = 0;
  while (from <= source.length) {
    let to = source.indexOf('\n', from);
    if (to === -1) to = source.length;
    const line = source.charCodeAt(to - 1) === 0x0d ? source.slice(from, to - 1) : source.slice(from, to);
    from = to + 1;
    if (ONLY_SPACES.test(line)) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const key = line.slice(0, colon);
    if (!KEY.test(key) || Object.hasOwn(result, key) || readPlain(key, false) !== key) return undefined;
    const rest = line.slice(colon + 1);
    let value: unknown = null;
    if (!ONLY_SPACES.test(rest)) {
      if (rest.charCodeAt(0) !== 0x20) return undefined;
      value = readValue(rest.trim());
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

function readValue(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first === 0x22 /* " */) return readQuoted(text, '"', '\\');
  if (first === 0x27 /* ' */) return readQuoted(text, "'", '');
  if (first === 0x5b /* [ */) return readFlowSequence(text);
  return readPlain(text, false);
}

function readQuoted(text: string, quote: string, forbidden: string): string | undefined {
  if (text.length < 2 || !text.endsWith(quote)) return undefined;
  const inner = text.slice(1, -1);
  if (inner.includes(quote) || (forbidden !== '' && inner.includes(forbidden)) || UNSAFE_CHAR.test(inner)) {
    return undefined;
  }
  return inner;
}

function readFlowSequence(text: string): Scalar[] | undefined {
  if (!text.endsWith(']')) return undefined;
  const inner = text.slice(1, -1);
  if (inner.trim() === '') return ONLY_SPACES.test(inner) ? [] : undefined;
  const items: Scalar[] = [];
  for (const part of inner.split(',')) {
    const item = part.trim();
    if (item === '' || part.includes('\t')) return undefined;
    const value = readPlain(item, true);
    if (value === undefined) return undefined;
    items.push(value);
  }
  return items;
}

function readPlain(text: string, inFlow: boolean): Scalar | undefined {
  const first = text.charCodeAt(0);
  if (PLAIN_FIRST_FORBIDDEN.test(text) || UNSAFE_CHAR.test(text)) return undefined;
  if (text.includes(': ') || text.includes(' #') || text.charCodeAt(text.length - 1) === 0x3a /* : */) return undefined;
  if (inFlow && FLOW_INDICATOR.test(text)) return undefined;
  // Digits, signs and dots may start a number: leave those to `yaml` when they are one.
  if (((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) && NUMBER_LIKE.test(text)) return undefined;
  if (text.length <= 5) {
    if (NULL.test(text)) return null;
    if (TRUE.test(text)) return true;
    if (FALSE.test(text)) return false;
  }
  return text;
}
