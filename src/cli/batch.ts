import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { Format } from './args.js';
import { describeError, type Entry } from './inputs.js';
import { parseEntry, parseEntrySync } from './parse-entry.js';
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
    const outcome = parseEntrySync(entry, options) ?? (await parseEntry(entry, options));
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
  const target = join(settings.out, mirrorPath(entry.file, settings.format === 'markdown' ? '.md' : '.html'));
  try {
    if (entry.path !== null && resolve(target) === resolve(entry.path)) throw new Error('the output would replace the input');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, rendered);
  } catch (error) {
    return `seed-parser: ${entry.file}: cannot write ${target}: ${describeError(error)}\n`;
  }
  return null;
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
