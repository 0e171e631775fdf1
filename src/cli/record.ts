import { showUnseen, type SeedErrorCode } from '../errors.js';
import { isTreeTooLarge, MAX_TREE_SIZE } from '../article/shape.js';
import type { Article } from '../types.js';
import { describeError } from './inputs.js';

/** Why a file gave no Article, besides a broken header. */
export type FileErrorCode =
  /** The file could not be opened or read (missing, vanished, not a regular file, a folder that cannot be listed). */
  | 'READ_ERROR'
  /** The file holds a NUL byte: it is not text. */
  | 'BINARY_FILE'
  /** The bytes are not valid UTF-8. */
  | 'INVALID_UTF8'
  /** The Article parsed, but its output (JSON, Markdown, HTML) would be longer than the longest string the runtime makes. */
  | 'TOO_LARGE'
  /** The parser, or writing its output (JSON, Markdown, HTML), failed in an unexpected way (a bug: please report it with the file). */
  | 'INTERNAL_ERROR';

export const FILE_ERROR_CODES: readonly FileErrorCode[] = ['READ_ERROR', 'BINARY_FILE', 'INVALID_UTF8', 'TOO_LARGE', 'INTERNAL_ERROR'];

/** The codes of a failed record: a broken header (the parser's codes) or a file that is not a readable UTF-8 text. */
export type RecordErrorCode = SeedErrorCode | FileErrorCode;

/** The `error` of a failed record. Positions are null when the problem has none (I/O, binary data). */
export interface RecordError {
  code: RecordErrorCode;
  message: string;
  line: number | null;
  column: number | null;
}

/** A line of `--format jsonl` for an input that parsed. */
export interface ParsedRecord {
  /** The path relative to the folder argument, or the file argument as given, or `-` for standard input. */
  file: string;
  ok: true;
  article: Article;
}

/** A line of `--format jsonl` for an input that did not parse. */
export interface FailedRecord {
  file: string;
  ok: false;
  error: RecordError;
}

/** One line of `--format jsonl`. */
export type SeedRecord = ParsedRecord | FailedRecord;

export type Outcome = { ok: true; article: Article } | { ok: false; error: RecordError };

/**
 * Writes the JSONL line of an outcome. Each Article is serialized once, and the
 * line goes to the output in one piece (one call into the encoder per file).
 */
export function writeRecord(put: (text: string) => void, file: string, outcome: Outcome): Outcome {
  const head = `{"file":${JSON.stringify(file)}`;
  if (outcome.ok) {
    const parsed = outcome.article;
    const article = written(() => JSON.stringify(parsed), 'its JSON');
    if (typeof article === 'string') {
      put(`${head},"ok":true,"article":${article}}\n`);
      return outcome;
    }
    outcome = article;
  }
  put(`${head},"ok":false,"error":${JSON.stringify(outcome.error)}}\n`);
  return outcome;
}

/** V8's message when a string would pass the longest it makes. */
const INVALID_STRING_LENGTH = 'Invalid string length';

/**
 * The output made by `write`, or a `TOO_LARGE` failure when it would pass the
 * longest string the runtime makes (V8: about 2^29 characters): one huge
 * Article must not end the run (a body of control characters, each written
 * `\u0001` in JSON, gets there from some 30 MB), and so is an Article of more
 * objects than the renderers take. Any other error (a bug of a renderer) is
 * the file's `INTERNAL_ERROR`, and the run goes on.
 */
export function written(write: () => string, what: string): string | { ok: false; error: RecordError } {
  try {
    return write();
  } catch (error) {
    const message = tooLarge(error, what);
    if (message !== null) return { ok: false, error: { code: 'TOO_LARGE', message, line: null, column: null } };
    return { ok: false, error: { code: 'INTERNAL_ERROR', message: `the Article parsed, but making ${what} failed: ${describeError(error)}`, line: null, column: null } };
  }
}

/** The message of a `TOO_LARGE` failure, when `error` is one. */
function tooLarge(error: unknown, what: string): string | null {
  if (error instanceof RangeError && error.message === INVALID_STRING_LENGTH) return `the Article parsed, but ${what} would be longer than the longest string this runtime makes`;
  if (isTreeTooLarge(error)) return `the Article parsed, but it holds more than ${MAX_TREE_SIZE} objects, more than the renderers take`;
  return null;
}

/** One line for standard error: `file:line:column: CODE: message`. */
export function errorLine(file: string, error: RecordError): string {
  const at = error.line === null ? '' : `:${error.line}:${error.column}`;
  return `seed-parser: ${printable(file)}${at}: ${error.code}: ${error.message}\n`;
}

/** A file name as a line of standard error shows it: a line feed or another character that cannot be seen is escaped, so one failure stays one line. */
export const printable = showUnseen;
