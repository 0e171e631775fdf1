import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { toHtml, toMarkdown } from '../render/index.js';
import type { Format } from './args.js';
import { describeError, type Entry } from './inputs.js';
import { parseEntry, parseEntrySync } from './parse-entry.js';
import { errorLine, recordLine, type Outcome } from './record.js';

/** What every batch of a run shares. Plain data: it crosses to the workers once. */
export interface BatchSettings {
  format: Format;
  baseUrl: string | undefined;
  /** markdown/html: the folder that mirrors the inputs; null writes to standard output. */
  out: string | null;
}

/** What a batch gives back: its output in input order, and its counts. */
export interface BatchResult {
  /** For standard output (UTF-8 bytes when it comes from a worker). */
  output: string | Uint8Array;
  /** For standard error: one line per failure, in formats whose output has no room for errors. */
  messages: string;
  parsed: number;
  failed: number;
}

/**
 * Parses a batch of inputs and formats them. Batches keep the cost of a message
 * between threads small against the work; within a batch small files are read
 * and parsed without a promise each.
 */
export async function runBatch(entries: readonly Entry[], settings: BatchSettings): Promise<BatchResult> {
  const options = settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl };
  let output = '';
  let messages = '';
  let parsed = 0;
  let failed = 0;
  for (const entry of entries) {
    const outcome = parseEntrySync(entry, options) ?? (await parseEntry(entry, options));
    const written = emit(entry, outcome, settings);
    output += written.output;
    messages += written.message;
    if (written.ok) parsed++;
    else failed++;
  }
  return { output, messages, parsed, failed };
}

function emit(entry: Entry, outcome: Outcome, settings: BatchSettings): { output: string; message: string; ok: boolean } {
  if (settings.format === 'jsonl') return { output: recordLine(entry.file, outcome), message: '', ok: outcome.ok };
  if (!outcome.ok) return { output: '', message: errorLine(entry.file, outcome.error), ok: false };
  if (settings.format === 'json') return { output: `${JSON.stringify(outcome.article, null, 2)}\n`, message: '', ok: true };
  const rendered = settings.format === 'markdown' ? toMarkdown(outcome.article) : toHtml(outcome.article);
  if (settings.out === null) return { output: rendered, message: '', ok: true };
  const target = join(settings.out, mirrorPath(entry.file, settings.format === 'markdown' ? '.md' : '.html'));
  try {
    if (entry.path !== null && resolve(target) === resolve(entry.path)) throw new Error('the output would replace the input');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, rendered);
  } catch (error) {
    return { output: '', message: `seed-parser: ${entry.file}: cannot write ${target}: ${describeError(error)}\n`, ok: false };
  }
  return { output: '', message: '', ok: true };
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
