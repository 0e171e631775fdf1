import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { SeedParseError } from '../errors.js';
import { parseSeedStream, safeParseSeed } from '../parse.js';
import type { ParseOptions } from '../types.js';
import { describeError, type Entry } from './inputs.js';
import type { Outcome, RecordError, RecordErrorCode } from './record.js';
import { createUtf8Locator, locateInvalidUtf8, type Utf8Position } from './utf8.js';

/** Files above this size are parsed as a stream of chunks rather than one string. */
export const LARGE_FILE_BYTES = 8 * 1024 * 1024;
const STREAM_CHUNK_BYTES = 1024 * 1024;
/** A regular file shorter than this is read in one call into a buffer kept for the next file. */
const SCRATCH_BYTES = 256 * 1024;
const NUL = 0;
/**
 * A file the walk found regular is opened without blocking: were it replaced
 * by a FIFO before it is read, opening it would wait for a writer for ever.
 * (Reading a regular file is the same with or without the flag.)
 */
const OPEN_REGULAR = constants.O_RDONLY | constants.O_NONBLOCK;

// A byte-order mark is left in the text, for the parser to remove as it does for any caller: a
// decoder that removed it too would accept a file with two marks that `parseSeed` refuses.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
let scratch: Buffer | null = null;

/** An input read as a stream of chunks: standard input (`fd` null) or a file opened for it. */
export interface Streamed {
  fd: number | null;
}

/**
 * Reads and parses one input; every failure (I/O, bytes that are not UTF-8
 * text, a broken header, even a parser bug) becomes an error outcome, so one
 * bad file never stops a run.
 *
 * The common case needs no promise: a file up to {@link LARGE_FILE_BYTES} is
 * read at once and parsed. Standard input, large files and anything that is
 * not a regular file (a pipe given as an argument) are left to
 * {@link parseStreamed}, with the file still open: a pipe opened a second time
 * would wait for a writer that has already gone. A file known to be regular is
 * read straight into a reused buffer: a read that does not fill it has reached
 * the end, so most files need no stat and no buffer of their own.
 */
export function readEntrySync(entry: Entry, options: ParseOptions): Outcome | Streamed {
  if (entry.problem !== null) return failure('READ_ERROR', entry.problem);
  if (entry.path === null) return { fd: null };
  let bytes: Uint8Array | null = null;
  let fd: number;
  try {
    fd = openSync(entry.path, entry.regular ? OPEN_REGULAR : constants.O_RDONLY);
  } catch (error) {
    return failure('READ_ERROR', describeError(error));
  }
  let streamed = false;
  try {
    if (entry.regular) {
      scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
      const read = readSync(fd, scratch, 0, SCRATCH_BYTES, 0);
      // Nothing read: an empty file, or what replaced the file since the walk (a FIFO reads as empty).
      if (read === 0 && !fstatSync(fd).isFile()) return failure('READ_ERROR', 'not a regular file');
      if (read < SCRATCH_BYTES) bytes = scratch.subarray(0, read);
    }
    if (bytes === null) {
      const stats = fstatSync(fd);
      if (stats.isDirectory()) return failure('READ_ERROR', 'a folder, not a file');
      if (!stats.isFile() || stats.size > LARGE_FILE_BYTES) {
        streamed = true;
        return { fd };
      }
      bytes = readAll(fd, stats.size);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return failure('READ_ERROR', 'a folder, not a file');
    return failure('READ_ERROR', describeError(error));
  } finally {
    if (!streamed) closeSync(fd);
  }
  const utf16 = utf16Text(bytes);
  if (utf16 !== null) return utf16;
  if (bytes.indexOf(NUL) !== -1) return binary();
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return invalidUtf8(locateInvalidUtf8(bytes));
  }
  return parseText(text, options);
}

/** Reads `size` bytes from the start, or fewer when the file shrank meanwhile (it then gives what it still has). */
function readAll(fd: number, size: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const read = readSync(fd, bytes, filled, size - filled, filled);
    if (read === 0) break;
    filled += read;
  }
  return filled === size ? bytes : bytes.subarray(0, filled);
}

function parseText(text: string, options: ParseOptions): Outcome {
  try {
    const result = safeParseSeed(text, options);
    return result.ok ? result : { ok: false, error: fromParseError(result.error) };
  } catch (error) {
    return failure('INTERNAL_ERROR', `the parser failed: ${describeError(error)}`);
  }
}

function isFolder(fd: number): boolean {
  try {
    return fstatSync(fd).isDirectory();
  } catch {
    return false;
  }
}

/** Thrown out of the chunk source to end a stream with a record's error. */
interface Stop {
  stop: RecordError;
}

/** Parses a stream of chunks, and closes the file it reads. */
export async function parseStreamed({ fd }: Streamed, options: ParseOptions): Promise<Outcome> {
  // Standard input redirected from a folder (`< dir`) reads as nothing at all.
  if (fd === null && isFolder(0)) return failure('READ_ERROR', 'a folder, not a file');
  const source: AsyncIterable<Uint8Array> = fd === null ? process.stdin : createReadStream('', { fd, highWaterMark: STREAM_CHUNK_BYTES, autoClose: true });
  try {
    return { ok: true, article: await parseSeedStream(checkedText(source), options) };
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'stop' in error) return { ok: false, error: (error as Stop).stop };
    if (error instanceof SeedParseError) return { ok: false, error: fromParseError(error) };
    if (typeof error === 'object' && error !== null && 'syscall' in error) return failure('READ_ERROR', describeError(error));
    return failure('INTERNAL_ERROR', `the parser failed: ${describeError(error)}`);
  }
}

/** The text of byte chunks, stopping at the first NUL byte or bad UTF-8 sequence. */
async function* checkedText(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const locator = createUtf8Locator();
  const streamDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // The first two bytes, until both are known.
  let head: Uint8Array | null = new Uint8Array(0);
  for await (const chunk of source) {
    if (head !== null) {
      head = Uint8Array.of(...head, ...chunk.subarray(0, 2 - head.length));
      const utf16 = utf16Text(head);
      if (utf16 !== null) throw { stop: utf16.error } satisfies Stop;
      if (head.length === 2) head = null;
    }
    if (chunk.indexOf(NUL) !== -1) throw { stop: binary().error } satisfies Stop;
    const bad = locator.write(chunk);
    if (bad !== null) throw { stop: invalidUtf8(bad).error } satisfies Stop;
    yield streamDecoder.decode(chunk, { stream: true });
  }
  const bad = locator.end();
  if (bad !== null) throw { stop: invalidUtf8(bad).error } satisfies Stop;
  const rest = streamDecoder.decode();
  if (rest !== '') yield rest;
}

function fromParseError(error: SeedParseError): RecordError {
  return { code: error.code, message: error.message, line: error.line, column: error.column };
}

function failure(code: RecordErrorCode, message: string, position: Utf8Position | null = null): { ok: false; error: RecordError } {
  return { ok: false, error: { code, message, line: position?.line ?? null, column: position?.column ?? null } };
}

function binary(): { ok: false; error: RecordError } {
  return failure('BINARY_FILE', 'a NUL byte: binary data, not a text file');
}

/** UTF-16 text, told by its byte-order mark (as Windows tools write it): not UTF-8, and said so rather than "binary". */
function utf16Text(bytes: Uint8Array): { ok: false; error: RecordError } | null {
  const [first, second] = bytes;
  const mark = first === 0xff && second === 0xfe ? 'FF FE' : first === 0xfe && second === 0xff ? 'FE FF' : null;
  if (mark === null) return null;
  return failure('INVALID_UTF8', `UTF-16 text (it starts with the byte-order mark ${mark}), not UTF-8`, { line: 1, column: 1 });
}

function invalidUtf8(position: Utf8Position | null): { ok: false; error: RecordError } {
  const at = position === null ? '' : ` at line ${position.line}, column ${position.column}`;
  return failure('INVALID_UTF8', `the bytes are not valid UTF-8${at}`, position);
}
