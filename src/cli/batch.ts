import { lstatSync, mkdirSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Format } from './args.js';
import { describeError, type Entry } from './inputs.js';
import { parseStreamed, readEntrySync } from './parse-entry.js';
import { errorLine, printable, writeRecord, written, type Outcome } from './record.js';
import { beginWrite, endWrite, isStopping } from './stop.js';

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
export async function runBatch(
  entries: readonly Entry[],
  settings: BatchSettings,
  put: (text: string) => void,
  /** Standard output as the output: a wait while its reader is slower, else undefined (no promise per file). */
  paused?: () => Promise<void> | undefined,
): Promise<BatchResult> {
  const options = settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl };
  const render = settings.format === 'markdown' || settings.format === 'html' ? await renderers() : null;
  let messages = '';
  let parsed = 0;
  let failed = 0;
  for (const entry of entries) {
    // A run ended by a signal reads no more (src/cli/stop.ts).
    if (isStopping()) break;
    const wait = paused?.();
    if (wait !== undefined) {
      await wait;
      if (isStopping()) break;
    }
    const read = readEntrySync(entry, options);
    const outcome = 'fd' in read || 'path' in read ? await parseStreamed(read, options) : read;
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
  if (settings.format === 'jsonl') return writeRecord(put, entry.file, outcome).ok ? null : '';
  if (!outcome.ok) return errorLine(entry.file, outcome.error);
  const { article } = outcome;
  if (settings.format === 'json') {
    const json = written(() => JSON.stringify(article, null, 2), 'its JSON');
    if (typeof json !== 'string') return errorLine(entry.file, json.error);
    put(`${json}\n`);
    return null;
  }
  const rendered =
    settings.format === 'markdown' ? written(() => render!.toMarkdown(article), 'its Markdown') : written(() => render!.toHtml(article), 'its HTML');
  if (typeof rendered !== 'string') return errorLine(entry.file, rendered.error);
  if (settings.out === null) {
    put(rendered);
    return null;
  }
  const target = outputPath(entry, settings.out, settings.format);
  try {
    makeFolders(dirname(target));
    writeWhole(target, rendered);
  } catch (error) {
    // Not a record's code (no record is written with --out): the line has the form of the others.
    return `seed-parser: ${printable(entry.file)}: WRITE_ERROR: cannot write ${printable(target)}: ${describeError(error)}\n`;
  }
  return null;
}

/** Attempts at a temporary name that no other file has. */
const TEMPORARY_ATTEMPTS = 8;

/**
 * Writes a file whole or not at all: into a new file beside it, renamed over
 * it once complete. A write that fails (a full disk) or a run that ends
 * meanwhile (Ctrl-C) leaves the output as it was, never cut short; only a run
 * killed inside the write can leave the temporary file in the output's
 * folder (`.seed-parser.<random>.tmp`: a short name, so that an output whose
 * name is near the longest allowed still has one). The name is random, not
 * made of the process id: shards run in containers (each process 1) or on
 * machines that share the output folder write beside each other. The new file
 * is made, never opened: a file of that name (another writer's, or a link) is
 * left alone, and another name tried.
 */
function writeWhole(target: string, text: string): void {
  // A run ending by a signal writes nothing more (src/cli/stop.ts): it ends with the writes under way.
  if (!beginWrite()) return;
  try {
    writeNew(target, text);
  } finally {
    endWrite();
  }
}

function writeNew(target: string, text: string): void {
  const folder = dirname(target);
  for (let attempt = 1; ; attempt++) {
    const temporary = join(folder, `.seed-parser.${randomBytes(6).toString('hex')}.tmp`);
    try {
      writeFileSync(temporary, text, { flag: 'wx' });
    } catch (error) {
      // The name is taken: the file is another's, left alone.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        if (attempt < TEMPORARY_ATTEMPTS) continue;
        throw error;
      }
      removeMade(temporary);
      throw error;
    }
    try {
      renameSync(temporary, target);
    } catch (error) {
      removeMade(temporary);
      throw error;
    }
    return;
  }
}

/** Removes the temporary file this write made (a write that failed midway may have made it). */
function removeMade(temporary: string): void {
  try {
    unlinkSync(temporary);
  } catch {
    // Never made.
  }
}

/** Where `--out` puts the output of an entry. */
export function outputPath(entry: Entry, out: string, format: Format): string {
  return join(out, mirrorPath(entry.file, format === 'markdown' ? '.md' : '.html'));
}

/**
 * Why the outputs of these entries under `--out` cannot all be written, or
 * null: two inputs whose outputs are one file (`a.md` and `a.txt` both make
 * `a.html`, or two paths lead to one folder through a link), or an output that
 * is one of the inputs (by its path through links, or as the same file under
 * another name: a hard link). Checked before anything is written, so that no
 * output silently replaces another, or an input. One input named twice makes
 * one output, which is no conflict.
 */
export function outputConflict(entries: readonly Entry[], out: string, format: Format): string | null {
  const identities = entries.map((entry) => (entry.path === null ? null : fileIdentity(entry.path)));
  const inputs = new Map<string, string>();
  entries.forEach((entry, index) => {
    const file = identities[index] ?? null;
    if (file !== null) inputs.set(file, entry.file);
  });
  const outputs = new Map<string, { file: string; input: string | null }>();
  const folders = new Map<string, string>();
  for (const [index, entry] of entries.entries()) {
    // An input the walk could not read (a name that is not UTF-8, a folder it could not enter) makes no output.
    if (entry.problem !== null) continue;
    const target = outputPath(entry, out, format);
    const place = placeOfFile(target, folders);
    const input = identities[index] ?? null;
    const earlier = outputs.get(place);
    if (earlier !== undefined) {
      if (input !== null && earlier.input === input) continue;
      return `${earlier.file} and ${entry.file} would both be written to ${target}`;
    }
    outputs.set(place, { file: entry.file, input });
    // Writing follows a link at the output's place, out of the folder, onto whatever it names.
    if (lstatOrNull(target)?.isSymbolicLink()) return `the output of ${entry.file}, ${target}, is a symbolic link`;
    const existing = statOrNull(target);
    if (existing?.isDirectory()) return `the output of ${entry.file}, ${target}, is a folder`;
    // A FIFO would block the write until something reads it; a device or a socket is no output file either.
    if (existing !== null && !existing.isFile()) return `the output of ${entry.file}, ${target}, is not a regular file`;
    const replaced = existing === null ? undefined : inputs.get(identity(existing));
    if (replaced !== undefined) return `the output of ${entry.file}, ${target}, would replace the input ${replaced}`;
  }
  return folderConflict(outputs);
}

/**
 * Why the outputs cannot all be written as files in their folders, or null:
 * an output that is the folder of another output (`x.md` makes `x.html`, and
 * `x.html/y.md` needs a folder `x.html`), or a folder to make where a file
 * already is.
 */
function folderConflict(outputs: ReadonlyMap<string, { file: string }>): string | null {
  // Each folder the outputs need that is not there yet, up to the first that is, with the first input that needs it.
  const folders = new Map<string, string>();
  for (const [place, { file }] of outputs) {
    for (let folder = dirname(place); !folders.has(folder); folder = dirname(folder)) {
      const existing = statOrNull(folder);
      if (existing?.isDirectory()) break;
      if (existing !== null) return `the output of ${file} needs a folder ${folder}, where a file is`;
      folders.set(folder, file);
      if (dirname(folder) === folder) break;
    }
  }
  for (const [place, { file }] of outputs) {
    const other = folders.get(place);
    if (other !== undefined) return `the output of ${file}, ${place}, would be the folder of the output of ${other}`;
  }
  return null;
}

/** The file a path leads to, as its device and inode (the same for every link to it), or null when there is none. */
function fileIdentity(path: string): string | null {
  const stats = statOrNull(path);
  return stats === null ? null : identity(stats);
}

function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * The `--out` folder as the system finds it, taken once for the whole run:
 * the walk that never enters it, the checks of `outFolderProblem` and
 * `outputConflict`, and the writes (`outputPath`, `makeFolders`) all use
 * this one path. A `..` goes up from where a link before it leads
 * (`lnk/../out` is the folder beside the link's target), as `mkdir -p`,
 * `ls` or a shell's `>` take it: Node's `join` and `resolve` drop `lnk/..`
 * as text, and would write into another folder than the one the walk, which
 * asks the system, refuses to enter. A path without `..` leads to the same
 * folder either way and is kept as written; one with `..` becomes the real
 * path of its longest existing part plus the rest (folders still to make,
 * where text and system agree), relative to the current folder when it was
 * given so. A `..` after a file, or after a link that leads nowhere, is a
 * problem: the system would refuse to go through it.
 */
export function resolveOutFolder(out: string): { folder: string; problem: string | null } {
  const separators = sep === '/' ? '/' : /[\\/]/;
  if (!out.split(separators).includes('..')) return { folder: out, problem: null };
  const absolute = isAbsolute(out);
  const root = absolute ? parse(out).root : '';
  const cwd = realPathOr(process.cwd());
  let place = absolute ? root : cwd;
  for (const part of out.slice(root.length).split(separators)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      const stats = statOrNull(place);
      if (stats !== null && !stats.isDirectory()) return { folder: out, problem: `${place}: not a folder` };
      if (stats === null && lstatOrNull(place) !== null) return { folder: out, problem: `${place}: a symbolic link that leads nowhere` };
      place = dirname(place);
      continue;
    }
    place = realPathOr(join(place, part));
  }
  return { folder: absolute ? place : relative(cwd, place) || '.', problem: null };
}

/** The real path, or the path as it is when there is none (a folder still to make). */
function realPathOr(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

/**
 * Why `--out` cannot be the folder of the outputs, or null: it, or the first
 * folder above it that exists, is a file, or a symbolic link that leads
 * nowhere (a folder on a disk that is not there): a usage error, rather than
 * one failure per input.
 */
export function outFolderProblem(out: string): string | null {
  // Resolved first: `lstat` of `link/`, with its slash, follows the link.
  const resolved = resolve(out);
  for (let path = resolved; ; path = dirname(path)) {
    const stats = statOrNull(path);
    const named = path === resolved ? '' : `${path}: `;
    if (stats !== null) return stats.isDirectory() ? null : `${named}not a folder`;
    if (lstatOrNull(path) !== null) return `${named}a symbolic link that leads nowhere`;
    if (dirname(path) === path) return null;
  }
}

/**
 * Makes a folder and the folders above it that are missing, as
 * `mkdirSync(path, { recursive: true })` does, but each one once: Node's
 * recursive mkdir retries for ever where a folder's parent exists but making
 * it says ENOENT (under /proc, or a stale mount). A failure is thrown.
 */
function makeFolders(path: string): void {
  const missing: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    try {
      makeFolder(folder);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(folder) === folder) throw error;
      missing.push(folder);
    }
  }
  for (let index = missing.length - 1; index >= 0; index--) makeFolder(missing[index] as string);
}

/** Makes one folder; one that another run (another shard, another thread) made meanwhile is as good. */
function makeFolder(folder: string): void {
  try {
    mkdirSync(folder);
  } catch (error) {
    if (!((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(folder).isDirectory())) throw error;
  }
}

/** Links followed, at most, on the way to where a path leads (a loop of links leads nowhere). */
const MAX_LINKS = 40;

/** Where a file's path leads, its folder's found once for all the files in it (`folders`). */
function placeOfFile(path: string, folders: Map<string, string>): string {
  const resolved = resolve(path);
  const folder = dirname(resolved);
  let place = folders.get(folder);
  if (place === undefined) {
    place = placeIdentity(folder);
    folders.set(folder, place);
  }
  return placeIdentity(join(place, basename(resolved)), place.length);
}

/**
 * Where a path leads: each part of it that is a symbolic link is followed,
 * even when what it names does not exist yet (a link in the output folder to
 * a file or a folder that an earlier output creates). The first `known`
 * characters are a place already: only the parts after them are looked at.
 */
function placeIdentity(path: string, known = 0): string {
  const resolved = resolve(path);
  let place = known > 0 ? resolved.slice(0, known) : parse(resolved).root;
  let parts = resolved.slice(place.length).split(sep).filter((part) => part !== '');
  let links = 0;
  while (parts.length > 0) {
    const next = join(place, parts.shift()!);
    let link: string | null = null;
    try {
      if (links < MAX_LINKS && lstatSync(next).isSymbolicLink()) link = readlinkSync(next);
    } catch {
      // Not there (yet): the rest is taken as written.
    }
    if (link === null) {
      place = next;
      continue;
    }
    links++;
    const target = resolve(place, link);
    place = parse(target).root;
    parts = [...target.slice(place.length).split(sep).filter((part) => part !== ''), ...parts];
  }
  return place;
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
