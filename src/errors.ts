import { makeSafe } from './text/whitespace.js';
import { UNSEEN } from './text/unseen-table.js';

/**
 * Why a seed could not be parsed: the header construct that is missing or
 * broken, an empty input, or (`INVALID_INPUT`, from `safeParseSeed` only) an
 * argument that is not a string or bad options.
 */
export type SeedErrorCode =
  | 'EMPTY_INPUT'
  | 'MISSING_TIMESTAMP'
  | 'INVALID_TIMESTAMP'
  | 'MISSING_TITLE_LINK'
  | 'MISSING_UNDERLINE'
  | 'INVALID_FRONT_MATTER'
  | 'UNSAFE_URL'
  | 'INVALID_INPUT';

/** A position in the input: offset in UTF-16 code units, 1-based line and column. */
export interface SourcePosition {
  offset: number;
  line: number;
  column: number;
}

/** A {@link SeedParseError} as plain data: what `JSON.stringify` writes of it. */
export interface SeedParseErrorData extends SourcePosition {
  name: 'SeedParseError';
  code: SeedErrorCode;
  message: string;
}

/** Thrown by `parseSeed` (and returned by `safeParseSeed`) when the header is broken. */
export class SeedParseError extends Error {
  readonly code: SeedErrorCode;
  readonly offset: number;
  readonly line: number;
  readonly column: number;

  constructor(code: SeedErrorCode, message: string, position: SourcePosition) {
    // The message may quote the input or a library's words about it: clean text, like every string handed out.
    super(makeSafe(`${message} (line ${position.line}, column ${position.column})`));
    this.name = 'SeedParseError';
    this.code = code;
    this.offset = position.offset;
    this.line = position.line;
    this.column = position.column;
  }

  /**
   * The error as plain data, message included (an Error's own `message` is
   * not enumerable, so `JSON.stringify` would leave it out). Send this through
   * `postMessage`: the structured clone of an Error keeps its message and
   * stack, not its class or its `code`.
   */
  toJSON(): SeedParseErrorData {
    return { name: 'SeedParseError', code: this.code, message: this.message, offset: this.offset, line: this.line, column: this.column };
  }
}

const QUOTE_LIMIT = 40;
/** A quote depends on this many code units of what was found, at most: every code point of its 40 is one or two. */
export const QUOTED_UNITS = QUOTE_LIMIT * 2 + 1;

/*
 * Characters a reader cannot see or cannot tell from a space (`UNSEEN`, from a table built into
 * the package, so that a message is the same in every runtime): a quote writes them as `\uXXXX`,
 * but U+0020, so that a line that looks right shows what is wrong with it.
 */

function escapeUnseen(character: string): string {
  if (character === ' ') return character;
  let escaped = '';
  for (let index = 0; index < character.length; index++) escaped += `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`;
  return escaped;
}

/** `text` with what cannot be seen written as `\\uXXXX` (a line feed too: the result is one line). */
export function showUnseen(text: string): string {
  return text.replace(UNSEEN, escapeUnseen);
}

/** Quotes what was found, at most 40 characters (code points), for error messages; `whenEmpty` says what an empty one is. */
export function quoteFound(found: string, whenEmpty = 'an empty line'): string {
  if (found.length === 0) return whenEmpty;
  // Look at a bounded prefix only: a found line may be megabytes long.
  const chars = Array.from(makeSafe(found.slice(0, QUOTED_UNITS)));
  const shown = chars.length > QUOTE_LIMIT ? `${chars.slice(0, QUOTE_LIMIT - 1).join('')}…` : chars.join('');
  // JSON escapes quotes, backslashes and C0 controls; what remains unseen is escaped after it.
  return showUnseen(JSON.stringify(shown));
}
