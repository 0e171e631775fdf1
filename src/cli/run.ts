import { once } from 'node:events';
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseSeed } from '../parse.js';
import { HELP, readArguments, UsageError, type Format, type Options } from './args.js';
import { outFolderProblem, outputConflict, resolveOutFolder, runBatch, type BatchResult, type BatchSettings } from './batch.js';
import { createByteBuffer } from './bytes.js';
import { whenStopping } from './stop.js';
import { collectInputs, inputAtOutput, selectShard, type Entry } from './inputs.js';
import { closePool, startPool, type Pool } from './pool.js';
import { createProgress } from './progress.js';
import { printable } from './record.js';
import type { WorkerResult, WorkerTask } from './worker.js';

/** Files per task: enough that a message between threads costs little against the parsing. */
const BATCH_FILES = 64;
/** A small archive is cut into at least this many batches per thread, so that the threads share it evenly. */
const BATCHES_PER_THREAD = 4;
/**
 * Batches queued per worker: one being parsed and one ready behind it. Deeper
 * queues (4) cost more CPU and time (20,000 files, --jobs 2: 1.93 → 1.65 s with 2).
 */
const BATCHES_PER_WORKER = 2;
/**
 * Batches pending per thread, parsed or not, until they are written: enough that the
 * main thread rarely waits for the batch a worker holds at the head of the output.
 */
const WINDOW_PER_THREAD = 16;
/** Output is handed to the stream in pieces of about this many bytes. */
const FLUSH_SIZE = 1 << 20;

export interface Streams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

/**
 * Runs the command line; resolves to the exit status (0 all parsed, 1 some
 * failed, 2 usage error). The pool of worker threads is started when the run
 * needs threads, and closed in any case.
 */
export async function main(argv: readonly string[], streams: Streams = process): Promise<number> {
  const { stdout, stderr } = streams;
  const pool: { started: Promise<Pool> | null } = { started: null };
  try {
    const command = readArguments(argv);
    if (command.kind === 'help') {
      stdout.write(HELP);
      return 0;
    }
    if (command.kind === 'version') {
      stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    return await run(command.options, streams, pool);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`seed-parser: ${printable(error.message)}\nTry 'seed-parser --help' for more information.\n`);
    return 2;
  } finally {
    await closePool(pool.started);
  }
}

function packageVersion(): string {
  // dist/cli.js sits one folder below the package root.
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

async function run(options: Options, { stdout, stderr, stdin }: Streams, pool: { started: Promise<Pool> | null }): Promise<number> {
  const started = performance.now();
  checkBaseUrl(options.baseUrl);
  let paths = options.paths;
  if (paths.length === 0) {
    if (stdin.isTTY === true) throw new UsageError('no input: give files or folders, or - to read a seed from standard input');
    paths = ['-'];
  }
  // One folder for the walk, the checks and the writes, as the system finds it (`lnk/../out`: see resolveOutFolder).
  const resolved = options.out === null ? null : resolveOutFolder(options.out);
  if (resolved !== null && resolved.problem !== null) throw new UsageError(`--out ${options.out}: ${resolved.problem}`);
  const out = resolved === null ? null : resolved.folder;
  const writesFiles = out !== null && (options.format === 'markdown' || options.format === 'html');
  const walk = collectInputs(paths, options.extensions, writesFiles ? out : null);
  const format: Format = options.format ?? (walk.single ? 'json' : 'jsonl');
  if (!walk.single && format === 'json') throw new UsageError('--format json prints the Article of one file; use --format jsonl for folders or several files');
  if (!walk.single && (format === 'markdown' || format === 'html') && options.out === null) {
    throw new UsageError(`--format ${format} writes one file per input: give --out DIR for folders or several files`);
  }
  for (const { file, reason } of walk.skipped) stderr.write(`seed-parser: ${printable(file)}: ${reason}, skipped\n`);
  if (walk.entries.length === 0 && !options.quiet) stderr.write(`seed-parser: no input files (extensions ${options.extensions.join(', ')})\n`);
  const entries = options.shard === null ? walk.entries : selectShard(walk.entries, options.shard.index, options.shard.count);
  // Output to standard output only: with --out it holds nothing but what the shell made.
  const looped = writesFiles ? null : inputAtOutput(walk.entries, (stdout as { fd?: number }).fd);
  if (looped !== null) throw new UsageError(`the input ${printable(looped.file)} is the file standard output writes to: the run would read what it writes`);

  if (writesFiles) {
    const problem = outFolderProblem(out);
    if (problem !== null) throw new UsageError(`--out ${options.out}: ${problem}`);
    // Every input, not only this shard's: the other shards write under the same folder.
    const conflict = outputConflict(walk.entries, out, format);
    if (conflict !== null) throw new UsageError(`--out ${options.out}: ${conflict}; nothing was written`);
  }
  const settings: BatchSettings = { format, baseUrl: options.baseUrl, out };
  // No bar between the lines of an output that goes to the same terminal.
  const progress = await createProgress(entries.length, !options.quiet && (options.out !== null || stdout.isTTY !== true), stderr);
  const output = createOutput(stdout);
  let parsed = 0;
  let failed = 0;
  const take = async (result: BatchResult, chunks: Uint8Array[] | null, written?: (chunk: Uint8Array) => void) => {
    parsed += result.parsed;
    failed += result.failed;
    if (result.messages !== '') progress.log(result.messages);
    if (chunks !== null) output.write(chunks, written);
    await output.settle();
    progress.update(parsed + failed, failed);
  };

  // Standard input can be read on the main thread only.
  const threads = entries.some((entry) => entry.path === null) ? 1 : Math.min(options.jobs, Math.ceil(entries.length / BATCH_FILES));
  const batches = split(entries, threads > 1 ? Math.min(BATCH_FILES, Math.ceil(entries.length / (threads * BATCHES_PER_THREAD))) : BATCH_FILES);
  if (threads > 1) {
    pool.started = startPool(threads - 1);
    await inThreads(batches, settings, threads, await pool.started, take);
  } else {
    for (const batch of batches) {
      await take(await runBatch(batch, settings, output.put, output.paused), null);
      // Let timers (the progress bar) and stream errors (a closed pipe) in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await output.flush();
  // A closed pipe reports itself on the next tick: end quietly then, with no summary.
  await new Promise((resolve) => setImmediate(resolve));
  progress.stop();
  if (failed === 0) return 0;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  stderr.write(`seed-parser: ${parsed} parsed, ${failed} failed, ${seconds} s\n`);
  return 1;
}

/** A batch on its way: its result and output once they are there. */
interface Slot {
  done: WorkerResult | null;
  pending: Promise<WorkerResult> | null;
  /** Parsed by the main thread. */
  own: boolean;
}

/**
 * Parses the batches on `threads` threads: the main thread and a pool of
 * `threads - 1` workers, and hands the results over in input order. The main
 * thread parses the next batch itself whenever the result it must write next
 * is not back yet, so no core waits and one worker fewer is started. At most a
 * window of batches is pending at a time, so memory does not grow with the
 * size of the archive.
 */
async function inThreads(
  batches: Entry[][],
  settings: BatchSettings,
  threads: number,
  pool: Pool,
  take: (result: BatchResult, chunks: Uint8Array[], written: (chunk: Uint8Array) => void) => Promise<void>,
): Promise<void> {
  const workers = threads - 1;
  const own = createByteBuffer();
  /** Memory of written worker output, moved back to the workers with the next tasks. */
  const spares: ArrayBuffer[] = [];
  const window = threads * WINDOW_PER_THREAD;
  const slots: (Slot | undefined)[] = [];
  let inWorkers = 0;
  let next = 0;
  let written = 0;
  while (written < batches.length) {
    while (next < batches.length && next - written < window && inWorkers < workers * BATCHES_PER_WORKER) {
      const task: WorkerTask = { settings, entries: batches[next]!, spares: spares.splice(0) };
      const slot: Slot = { done: null, pending: pool.run(task, { transferList: task.spares }) as Promise<WorkerResult>, own: false };
      inWorkers++;
      slot.pending!.then(
        (result) => {
          slot.done = result;
          inWorkers--;
        },
        // Awaited in order below; a failure before its turn must not count as unhandled.
        () => {},
      );
      slots[next++] = slot;
    }
    const head = slots[written]!;
    if (head.done === null && next < batches.length && next - written < window) {
      const result = await runBatch(batches[next]!, settings, own.put);
      slots[next++] = { done: { ...result, output: own.take() }, pending: null, own: true };
      // Let the workers' finished batches in.
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    const result = head.done ?? (await head.pending!);
    slots[written++] = undefined;
    const release = head.own
      ? (chunk: Uint8Array) => own.reuse(chunk)
      : (chunk: Uint8Array) => {
          // The worker keeps what it can reuse (src/cli/bytes.ts, `reuse`).
          if (spares.length < workers * BATCHES_PER_WORKER && chunk.buffer.byteLength > 0) spares.push(chunk.buffer as ArrayBuffer);
        };
    await take(result, result.output, release);
  }
}

function split<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let at = 0; at < items.length; at += size) parts.push(items.slice(at, at + size));
  return parts;
}

/**
 * Standard output in large writes: text is encoded into a buffer handed to the
 * stream once it holds {@link FLUSH_SIZE} bytes; `settle` waits while the
 * reader is slower than the parsing, and `paused` gives that wait only when
 * there is one. When a signal stops the run (src/cli/stop.ts), the whole
 * records the buffer holds are handed over and nothing more is taken: the
 * output ends with a whole record.
 */
function createOutput(stream: NodeJS.WriteStream): {
  put(text: string): void;
  /** Writes chunks of bytes, in order; `written` is called with each once the stream no longer needs it. */
  write(chunks: readonly Uint8Array[], written?: (chunk: Uint8Array) => void): void;
  settle(): Promise<void>;
  paused(): Promise<void> | undefined;
  flush(): Promise<void>;
} {
  const buffer = createByteBuffer(FLUSH_SIZE + (FLUSH_SIZE >> 1));
  const direct = directWriter(stream);
  let full = false;
  let stopped = false;
  // A stop comes between two records (a signal is handled between two tasks, and a record is put in one).
  whenStopping(() => {
    if (buffer.size > 0) sendBuffered();
    stopped = true;
  });
  const send = (bytes: Uint8Array, written?: () => void) => {
    if (bytes.length === 0) written?.();
    else if (direct !== null) {
      direct(bytes);
      written?.();
    } else if (!stream.write(bytes, written)) full = true;
  };
  const sendAll = (chunks: readonly Uint8Array[], written?: (chunk: Uint8Array) => void) => {
    for (const chunk of chunks) send(chunk, written === undefined ? undefined : () => written(chunk));
  };
  const sendBuffered = () => sendAll(buffer.take(), buffer.reuse);
  const settle = async () => {
    if (!full) return;
    full = false;
    await once(stream, 'drain');
  };
  return {
    put(text) {
      if (stopped) return;
      buffer.put(text);
      if (buffer.size >= FLUSH_SIZE) sendBuffered();
    },
    write(chunks, written) {
      if (stopped) return;
      if (buffer.size > 0) sendBuffered();
      sendAll(chunks, written);
    },
    settle,
    paused: () => (full ? settle() : undefined),
    async flush() {
      if (buffer.size > 0) sendBuffered();
      await settle();
    },
  };
}

/**
 * Writes to standard output when it is a file or a device such as `/dev/full`, where Node's own
 * stream writes synchronously and takes a partial write as a whole one: past a file size limit
 * (`ulimit -f`) or on a full disk, the rest of the chunk was lost, and nothing was told unless
 * another write followed. Each write here is repeated until every byte is written, and its
 * error is the stream's (src/cli/main.ts reports it, status 1). Null for a terminal, a pipe or a
 * socket: those keep the stream, which writes them whole or fails.
 */
function directWriter(stream: NodeJS.WriteStream): ((bytes: Uint8Array) => void) | null {
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd !== 'number' || stream.isTTY === true) return null;
  let stats;
  try {
    stats = fstatSync(fd);
  } catch {
    return null;
  }
  if (!stats.isFile() && !stats.isCharacterDevice()) return null;
  let failed = false;
  return (bytes) => {
    if (failed) return;
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (error) {
      failed = true;
      stream.destroy(error as Error);
    }
  };
}

/** A base URL the parser refuses (`javascript:`, …) is a usage error, found before any file is read. */
function checkBaseUrl(baseUrl: string | undefined): void {
  if (baseUrl === undefined) return;
  // The library leaves relative URLs as written against a base that is not absolute; here that is a typo.
  if (!URL.canParse(baseUrl)) throw new UsageError(`--base-url must be an absolute URL (such as https://news.example/), not ${JSON.stringify(baseUrl)}`);
  try {
    parseSeed('<!--0-->\n[t](https://example.com/)\n---\n', { baseUrl });
  } catch (error) {
    throw new UsageError(`--base-url: ${error instanceof Error ? error.message : String(error)}`);
  }
}
