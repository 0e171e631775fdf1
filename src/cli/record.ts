import type { SeedErrorCode } from '../errors.js';
import type { Article } from '../types.js';

/** Why a file gave no Article, besides a broken header. */
export type FileErrorCode =
  /** The file could not be opened or read (missing, vanished, not a regular file, a folder that cannot be listed). */
  | 'READ_ERROR'
  /** The file holds a NUL byte: it is not text. */
  | 'BINARY_FILE'
  /** The bytes are not valid UTF-8. */
  | 'INVALID_UTF8'
  /** The parser failed in an unexpected way (a bug: please report it with the file). */
  | 'INTERNAL_ERROR';

export const FILE_ERROR_CODES: readonly FileErrorCode[] = ['READ_ERROR', 'BINARY_FILE', 'INVALID_UTF8', 'INTERNAL_ERROR'];

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
export function writeRecord(put: (text: string) => void, file: string, outcome: Outcome): void {
  const head = `{"file":${JSON.stringify(file)}`;
  put(outcome.ok ? `${head},"ok":true,"article":${JSON.stringify(outcome.article)}}\n` : `${head},"ok":false,"error":${JSON.stringify(outcome.error)}}\n`);
}

/** One line for standard error: `file:line:column: CODE: message`. */
export function errorLine(file: string, error: RecordError): string {
  const at = error.line === null ? '' : `:${error.line}:${error.column}`;
  return `seed-parser: ${file}${at}: ${error.code}: ${error.message}\n`;
}
