import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { Format } from './args.js';
import { describeError, type Entry } from './inputs.js';
import { parseStreamed, readEntrySync } from './parse-entry.js';
import { errorLine, writeRecord, type Outcome } from './record.js';

/** What every batch of a run shares. Plain data: it crosses to the workers once. */
export interface BatchSettings {
  format: Format;
  baseUrl: string | undefined;
  /** markdown/html: the folder that mirrors the inputs; null writes to standard output. */
  out: string | null;
}

type Renderers = typeof import('../render/index.js');
let loaded: Promise<Renderers> | undefined;

/**
 * The renderers and their dependencies are loaded by the formats that use
 * them only: every thread of a JSONL run starts without them.
 */
function renderers(): Promise<Renderers> {
  loaded ??= import('../render/index.js');
  return loaded;
}

/** What a batch gives back besides its output. */
export interface BatchResult {
  /** For standard error: one line per failure, in formats whose output has no room for errors. */
  messages: string;
  parsed: number;
  failed: number;
}

/**
 * Parses a batch of inputs and hands their output to `put`, in input order.
 * Batches keep the cost of a message between threads small against the work;
 * within a batch small files are read and parsed without a promise each.
 */
export async function runBatch(entries: readonly Entry[], settings: BatchSettings, put: (text: string) => void): Promise<BatchResult> {
  const options = settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl };
  const render = settings.format === 'markdown' || settings.format === 'html' ? await renderers() : null;
  let messages = '';
  let parsed = 0;
  let failed = 0;
  for (const entry of entries) {
    const read = readEntrySync(entry, options);
    const outcome = 'fd' in read ? await parseStreamed(read, options) : read;
    const failure = emit(entry, outcome, settings, put, render);
    if (failure === null) parsed++;
    else {
      messages += failure;
      failed++;
    }
  }
  return { messages, parsed, failed };
}

/**
 * Writes an outcome. Returns null when it succeeded, else what standard error
 * gets: nothing for jsonl (the record says what failed), a line otherwise.
 */
function emit(entry: Entry, outcome: Outcome, settings: BatchSettings, put: (text: string) => void, render: Renderers | null): string | null {
  if (settings.format === 'jsonl') {
    writeRecord(put, entry.file, outcome);
    return outcome.ok ? null : '';
  }
  if (!outcome.ok) return errorLine(entry.file, outcome.error);
  if (settings.format === 'json') {
    put(`${JSON.stringify(outcome.article, null, 2)}\n`);
    return null;
  }
  const rendered = settings.format === 'markdown' ? render!.toMarkdown(outcome.article) : render!.toHtml(outcome.article);
  if (settings.out === null) {
    put(rendered);
    return null;
  }
  const target = outputPath(entry, settings.out, settings.format);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, rendered);
  } catch (error) {
    return `seed-parser: ${entry.file}: cannot write ${target}: ${describeError(error)}\n`;
  }
  return null;
}

/** Where `--out` puts the output of an entry. */
export function outputPath(entry: Entry, out: string, format: Format): string {
  return join(out, mirrorPath(entry.file, format === 'markdown' ? '.md' : '.html'));
}

/**
 * Why the outputs of these entries under `--out` cannot all be written, or
 * null: two inputs whose outputs are one file (`a.md` and `a.txt` both make
 * `a.html`), or an output that is one of the inputs. Checked before anything
 * is written, so that no output silently replaces another, or an input.
 */
export function outputConflict(entries: readonly Entry[], out: string, format: Format): string | null {
  const inputs = new Map<string, string>();
  for (const entry of entries) if (entry.path !== null) for (const key of identities(entry.path)) inputs.set(key, entry.file);
  const outputs = new Map<string, string>();
  for (const entry of entries) {
    const target = outputPath(entry, out, format);
    const earlier = outputs.get(resolve(target));
    if (earlier !== undefined) return `${earlier} and ${entry.file} would both be written to ${target}`;
    outputs.set(resolve(target), entry.file);
    for (const key of identities(target)) {
      const input = inputs.get(key);
      if (input !== undefined) return `the output of ${entry.file}, ${target}, would replace the input ${input}`;
    }
  }
  return null;
}

/** A path as written (resolved) and, when it exists, as the file it leads to. */
function identities(path: string): string[] {
  const resolved = resolve(path);
  if (!existsSync(resolved)) return [resolved];
  try {
    return [resolved, realpathSync(resolved)];
  } catch {
    return [resolved];
  }
}

/**
 * The path of an input's output under `--out`: its record path with the
 * extension replaced, and without `..`, `.` or a leading `/`, so that nothing
 * is written outside the folder.
 */
export function mirrorPath(file: string, extension: string): string {
  const parts = (file === '-' ? 'stdin' : file).split('/').filter((part) => part !== '' && part !== '.' && part !== '..');
  const name = parts.pop() ?? 'stdin';
  const base = extname(name) === '' ? name : name.slice(0, -extname(name).length);
  return [...parts, base + extension].join('/');
}
