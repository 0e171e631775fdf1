import { closeSync, constants, createReadStream, fstatSync, open, openSync, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { SeedParseError } from '../errors.js';
import { parseSeedStream, safeParseSeed } from '../parse.js';
import type { ParseOptions } from '../types.js';
import { describeError, type Entry } from './inputs.js';
import type { Outcome, RecordError, RecordErrorCode } from './record.js';
import { createUtf8Locator, locateInvalidUtf8, type Utf8Locator, type Utf8Position } from './utf8.js';

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
const NOT_REGULAR = 'not a regular file';
/**
 * How much more of a stream that is not a file (standard input, a pipe) is
 * read after it failed, for a NUL or bad UTF-8 that would decide its record
 * as they decide a file's: such a stream may never end (`yes | seed-parser`).
 */
const DRAINED_BYTES = LARGE_FILE_BYTES;

// A byte-order mark is left in the text, for the parser to remove as it does for any caller: a
// decoder that removed it too would accept a file with two marks that `parseSeed` refuses.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
let scratch: Buffer | null = null;

/**
 * An input read as a stream of chunks: standard input (`fd` null), a file opened for it, or one
 * to open (`path`): an argument that is no regular file (a FIFO) is opened asynchronously, as
 * opening a FIFO waits for a writer, and that wait must not hold the thread that hears signals.
 */
export type Streamed = { fd: number | null } | { path: string };

const openAsync = promisify(open);

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
  if (!entry.regular) return { path: entry.path };
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
      // Nothing read: an empty file, or a device that replaced the file since the walk (a FIFO fails the read: ESPIPE).
      if (read === 0 && !fstatSync(fd).isFile()) return failure('READ_ERROR', NOT_REGULAR);
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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return failure('READ_ERROR', 'a folder, not a file');
    // A read at a position, of a pipe that replaced the file since the walk.
    if (code === 'ESPIPE') return failure('READ_ERROR', NOT_REGULAR);
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
export async function parseStreamed(streamed: Streamed, options: ParseOptions): Promise<Outcome> {
  let fd: number | null;
  if ('path' in streamed) {
    try {
      fd = await openAsync(streamed.path, constants.O_RDONLY);
    } catch (error) {
      return failure('READ_ERROR', describeError(error));
    }
    if (isFolder(fd)) {
      closeSync(fd);
      return failure('READ_ERROR', 'a folder, not a file');
    }
  } else {
    fd = streamed.fd;
  }
  // Standard input redirected from a folder (`< dir`) reads as nothing at all.
  if (fd === null && isFolder(0)) return failure('READ_ERROR', 'a folder, not a file');
  const source: AsyncIterable<Uint8Array> = fd === null ? process.stdin : createReadStream('', { fd, highWaterMark: STREAM_CHUNK_BYTES, autoClose: true });
  // Iterated by hand: a header error ends the parse, not the reading (see `drain`).
  const chunks = source[Symbol.asyncIterator]();
  const check = createStreamCheck();
  const limit = fd === null || !fstatSync(fd).isFile() ? DRAINED_BYTES : Infinity;
  try {
    return { ok: true, article: await parseSeedStream(checkedText(chunks, check, limit), options) };
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'stop' in error) return { ok: false, error: (error as Stop).stop };
    if (error instanceof SeedParseError) {
      // The bytes decide first, as for a file read at once: a NUL or bad UTF-8 after the header error wins.
      const stop = await drain(chunks, check, limit);
      return { ok: false, error: stop ?? fromParseError(error) };
    }
    if (typeof error === 'object' && error !== null && 'syscall' in error) return failure('READ_ERROR', describeError(error));
    return failure('INTERNAL_ERROR', `the parser failed: ${describeError(error)}`);
  } finally {
    await chunks.return?.();
  }
}

/**
 * What the bytes of a stream are, found chunk by chunk in the order a file
 * read at once is checked: UTF-16 (its byte-order mark), then a NUL byte
 * anywhere, then the first bad UTF-8 sequence. So one content gives one
 * record, however it is read.
 */
interface StreamCheck {
  /** The first two bytes, until both are known. */
  head: Uint8Array | null;
  locator: Utf8Locator;
  utf16: RecordError | null;
  nul: boolean;
  bad: Utf8Position | null;
}

function createStreamCheck(): StreamCheck {
  return { head: new Uint8Array(0), locator: createUtf8Locator(), utf16: null, nul: false, bad: null };
}

function inspect(check: StreamCheck, chunk: Uint8Array): void {
  if (check.head !== null) {
    const head = Uint8Array.of(...check.head, ...chunk.subarray(0, 2 - check.head.length));
    check.utf16 = utf16Text(head)?.error ?? null;
    check.head = head.length === 2 ? null : head;
  }
  if (!check.nul && chunk.indexOf(NUL) !== -1) check.nul = true;
  if (check.bad === null) check.bad = check.locator.write(chunk);
}

/** UTF-16 or a NUL: nothing read later can change the record. */
function settled(check: StreamCheck): boolean {
  return check.utf16 !== null || check.nul;
}

function verdict(check: StreamCheck): RecordError | null {
  if (check.utf16 !== null) return check.utf16;
  if (check.nul) return binary().error;
  return check.bad === null ? null : invalidUtf8(check.bad).error;
}

/** Reads the rest of the stream (at most `limit` bytes) for what the bytes say; the record's error when they say something. */
async function drain(chunks: AsyncIterator<Uint8Array>, check: StreamCheck, limit: number): Promise<RecordError | null> {
  try {
    for (let read = 0; !settled(check) && read <= limit; ) {
      const { done, value } = await chunks.next();
      if (done) {
        if (check.bad === null) check.bad = check.locator.end();
        break;
      }
      inspect(check, value);
      read += value.length;
    }
  } catch (error) {
    return failure('READ_ERROR', describeError(error)).error;
  }
  return verdict(check);
}

/** The text of byte chunks, while the bytes are UTF-8 text; else it ends with the record's error, once the bytes have said it. */
async function* checkedText(chunks: AsyncIterator<Uint8Array>, check: StreamCheck, limit: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (;;) {
    const { done, value } = await chunks.next();
    if (done) break;
    inspect(check, value);
    if (settled(check) || check.bad !== null) throw { stop: (await drain(chunks, check, limit)) as RecordError } satisfies Stop;
    yield decoder.decode(value, { stream: true });
  }
  check.bad = check.locator.end();
  if (check.bad !== null) throw { stop: verdict(check) as RecordError } satisfies Stop;
  const rest = decoder.decode();
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
