import { fstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { UsageError } from './args.js';

/** One input of the run. */
export interface Entry {
  /** The record's `file`: the path relative to the directory argument, the file argument as given, or `-`. */
  file: string;
  /** Where to read it; null for standard input. */
  path: string | null;
  /**
   * Why it cannot be read, when the walk already knows (a FIFO, a socket or a
   * device found in a directory is not opened: opening a FIFO would block).
   */
  problem: string | null;
  /**
   * True when the walk or the argument's status found a regular file (or a
   * link that leads nowhere): it is read without asking its size first.
   */
  regular: boolean;
}

export interface Walk {
  entries: Entry[];
  /**
   * What the walk did not enter, and why: links back to a folder of the walk
   * (or above the argument), links that cannot be followed.
   */
  skipped: { file: string; reason: string }[];
  /** True when the inputs are one file or standard input (the default format is then json). */
  single: boolean;
}

const STDIN = '-';

/**
 * Turns the path arguments into the sorted list of inputs. A path that does not
 * exist is a usage error; everything found inside a directory becomes an entry,
 * readable or not, so that each gives a record.
 */
export function collectInputs(paths: readonly string[], extensions: readonly string[], outFolder: string | null = null): Walk {
  const run: WalkRun = { extensions, entries: [], skipped: [], walked: new Map(), links: [], toWalk: [], walking: false, out: folderIdOf(outFolder), outPath: realFolder(outFolder) };
  const { entries, skipped } = run;
  const several = paths.length > 1;
  let single = paths.length === 1;
  for (const path of paths) {
    if (path === STDIN) {
      entries.push({ file: STDIN, path: null, problem: null, regular: false });
      continue;
    }
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      throw new UsageError(`cannot read ${JSON.stringify(path)}: ${describeError(error)}`);
    }
    if (!stats.isDirectory()) {
      entries.push({ file: toPosix(path), path, problem: null, regular: stats.isFile() });
      continue;
    }
    single = false;
    // With several arguments the directory stays in `file`, so that records of different folders stay apart.
    const prefix = several ? toPosix(path).replace(/\/+$/, '') + '/' : '';
    const [id, ...above] = selfAndAbove(path, stats);
    if (id === run.out) throw new UsageError(`the folder ${JSON.stringify(path)} is the --out folder: the walk never reads what a run writes`);
    const folder: FolderLink = { path, file: toPosix(path), prefix, ancestors: above, id: id as string, argument: true };
    // An argument whose path leads through a link is walked with the links, after every folder of its own path.
    if (throughLink(path)) run.links.push(folder);
    else enter(run, folder);
  }
  followLinks(run);
  entries.sort((a, b) => compareCodePoints(a.file, b.file));
  // Warnings in the order of their paths, as the records come (folders are walked from a list, the last found first).
  skipped.sort((a, b) => compareCodePoints(a.file, b.file));
  return { entries: several ? onceEach(entries) : entries, skipped, single };
}

/**
 * Each input once. Folders are walked once each (`enter`), but a file named
 * as an argument may be one that the walk of a folder argument found too
 * (`d d/a.md`, `d ./d/a.md`), or another argument (`a.md a.md`): it gives one
 * record, under the first of its names in sorted order. Files are compared by
 * the real path of their folder (found once per folder) and their name: a
 * link to a file is an input of its own name, in the walk and as an
 * argument. A name that is not UTF-8 names no file to compare.
 */
function onceEach(entries: readonly Entry[]): Entry[] {
  const seen = new Set<string>();
  const folders = new Map<string, string>();
  return entries.filter((entry) => {
    if (entry.problem === NOT_UTF8_NAME) return true;
    const key = entry.path === null ? STDIN : inRealFolder(entry.path, folders);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A file's name in the real path of its folder, each folder's found once. The
 * folder is taken as written: `d/li/..` is where the system goes, up from the
 * target of the link `li`, not `d` (which the text of the path would say).
 */
function inRealFolder(path: string, folders: Map<string, string>): string {
  const folder = dirname(path);
  let real = folders.get(folder);
  if (real === undefined) {
    real = realPathOr(folder);
    folders.set(folder, real);
  }
  return real + sep + basename(path);
}

/** The real path, or the path made absolute when there is none (the record will say why). */
function realPathOr(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/** Whether a path leads through a symbolic link (its real path is another). */
function throughLink(path: string): boolean {
  return realPathOr(path) !== resolve(path);
}

/**
 * Sorts by code point (the order of the UTF-8 bytes, as `LC_ALL=C sort`
 * orders them), not by UTF-16 code unit, which puts characters above
 * U+FFFF (a pair of surrogates) before U+E000–U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const left = a.charCodeAt(index);
    const right = b.charCodeAt(index);
    if (left !== right) return codePointOrder(left) - codePointOrder(right);
  }
  return a.length - b.length;
}

/** A code unit's place in code point order: surrogates (U+D800–U+DFFF) after U+E000–U+FFFF. */
function codePointOrder(unit: number): number {
  return unit >= 0xd800 && unit < 0xe000 ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;
}

const LOOP = 'a symbolic link back to a parent folder';
const WALKED = 'a symbolic link to a folder walked already, by another path';
const INTO_OUT = 'a symbolic link into the --out folder';

/** One run of the walk over every argument. */
interface WalkRun {
  extensions: readonly string[];
  entries: Entry[];
  skipped: Walk['skipped'];
  /** The folders walked so far, by identity, each with the path it was walked by and the prefix its files are listed under. */
  walked: Map<string, FolderLink>;
  /** Links to folders, found but not followed yet. */
  links: FolderLink[];
  /** Folders claimed but not walked yet, and whether a walk is under way (see `enter`). */
  toWalk: FolderLink[];
  walking: boolean;
  /** The `--out` folder (its identity, and its real path), never walked, nor anything in it: what an earlier run wrote there is output, not input. */
  out: string | null;
  outPath: string | null;
}

function realFolder(path: string | null): string | null {
  if (path === null || folderIdOf(path) === null) return null;
  return realPathOr(path);
}

/** Whether a link leads into the `--out` folder (its own identity is checked as any folder's). */
function leadsIntoOut(run: WalkRun, path: string): boolean {
  const out = run.outPath;
  return out !== null && realPathOr(path).startsWith(out.endsWith(sep) ? out : out + sep);
}

function folderIdOf(path: string | null): string | null {
  if (path === null) return null;
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? directoryId(stats) : null;
  } catch {
    return null;
  }
}

/** A folder to walk later: a link to one, or a folder argument whose path leads through a link. */
interface FolderLink {
  path: string;
  /** Its name in warnings; `prefix`, what the names of what it holds start with. */
  file: string;
  prefix: string;
  /** The folders it stands in, from the argument and above it down to its own. */
  ancestors: string[];
  id: string;
  argument: boolean;
}

/**
 * Walks a folder, unless it was walked already (through another argument, or
 * another link). Folders found inside are claimed at once and walked from a
 * list, not by recursion: a tree a few thousand folders deep would overflow
 * the stack.
 */
function enter(run: WalkRun, folder: FolderLink): void {
  if (run.walked.has(folder.id)) return;
  run.walked.set(folder.id, folder);
  run.toWalk.push(folder);
  if (run.walking) return;
  run.walking = true;
  for (let next = run.toWalk.pop(); next !== undefined; next = run.toWalk.pop()) walk(next.path, next.prefix, [...next.ancestors, next.id], run);
  run.walking = false;
}

/**
 * Follows the links to folders once every argument's own folders are
 * walked, so that a folder is listed under its own path when it has one.
 * Each folder is walked once, however many links lead to it: links from
 * folder to folder can make as many paths as there are orders of the
 * folders (six folders that each link to the other five: 1,956 paths),
 * and every path would list the same files again. Links are taken in the
 * order of their paths, those found in linked folders after them.
 */
function followLinks(run: WalkRun): void {
  while (run.links.length > 0) {
    const links = run.links.sort((a, b) => compareCodePoints(a.file, b.file));
    run.links = [];
    for (const link of links) {
      if (link.argument) enter(run, link);
      else if (link.id === run.out) run.skipped.push({ file: link.file, reason: INTO_OUT });
      else if (link.ancestors.includes(link.id)) run.skipped.push({ file: link.file, reason: LOOP });
      // A link met in the walk that is also an argument (`d d/link`, `d ./d/link`) was walked through itself: nothing to say.
      else if (run.walked.has(link.id)) {
        if (!sameLink(run.walked.get(link.id)!, link)) run.skipped.push({ file: link.file, reason: WALKED });
      }
      else if (leadsIntoOut(run, link.path)) {
        // Into the --out folder, but also an argument (`in in/link`): walked through itself, nothing to say.
        if (!links.some((other) => other.argument && other.id === link.id && sameLink(other, link))) run.skipped.push({ file: link.file, reason: INTO_OUT });
      } else enter(run, link);
    }
  }
}

/**
 * Whether the folder walked by `walked` was walked through `link` itself: the
 * link named as an argument, in any spelling of its path (`d/link`,
 * `./d/link`, `d//link`, `d/link/`). Paths are compared as files named twice
 * are (`inRealFolder`): by the real path of the folder that holds the link,
 * and its name.
 */
function sameLink(walked: FolderLink, link: FolderLink): boolean {
  if (walked.prefix === link.prefix) return true;
  const folders = new Map<string, string>();
  return inRealFolder(withoutDots(walked.path), folders) === inRealFolder(withoutDots(link.path), folders);
}

/** A path without its trailing `/.` (`d/link/.` names what `d/link` names); `dirname` and `basename` ignore trailing slashes already. */
function withoutDots(path: string): string {
  let trimmed = path;
  while (basename(trimmed) === '.' && dirname(trimmed) !== trimmed) trimmed = dirname(trimmed);
  return trimmed;
}

function walk(directory: string, prefix: string, ancestors: string[], run: WalkRun): void {
  const { entries, skipped, extensions } = run;
  let children: Dirent[];
  try {
    children = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    // A folder that cannot be listed still gives one record, so the run reports it.
    entries.push({ file: prefix.replace(/\/$/, '') || '.', path: directory, problem: `cannot list the folder: ${describeError(error)}`, regular: false });
    return;
  }
  // Joined by hand: path.join's normalizing costs more than the rest of the walk.
  const base = directory.endsWith(sep) ? directory : directory + sep;
  const unnamed = namesNotUtf8(directory, children);
  for (const child of children) {
    const path = base + child.name;
    const file = prefix + child.name;
    const wanted = extensions.some((extension) => child.name.toLowerCase().endsWith(extension));
    const lossy = unnamed.get(child.name) ?? 0;
    if (lossy > 0) {
      // One of the names that read as this one is not UTF-8 (another may be, and is read as usual).
      unnamed.set(child.name, lossy - 1);
      if (child.isDirectory() || wanted) entries.push({ file, path, problem: NOT_UTF8_NAME, regular: false });
      else if (child.isSymbolicLink() && !child.name.startsWith('.')) skipped.push({ file, reason: 'a symbolic link whose name is not UTF-8 (so it cannot be followed by that name)' });
      continue;
    }
    let isDirectory = child.isDirectory();
    let stats: Stats | null = null;
    if (child.isSymbolicLink()) {
      try {
        stats = statSync(path);
        isDirectory = stats.isDirectory();
        if (!isDirectory && wanted && leadsIntoOut(run, path)) {
          skipped.push({ file, reason: INTO_OUT });
          continue;
        }
      } catch (error) {
        // A link that leads nowhere, or where this user may not look: a file's gives its error record when read.
        if (!wanted && !child.name.startsWith('.')) skipped.push({ file, reason: `a symbolic link that cannot be followed: ${describeError(error)}` });
        stats = null;
      }
    }
    if (isDirectory) {
      if (child.name.startsWith('.')) continue;
      if (stats !== null) {
        run.links.push({ path, file, prefix: `${file}/`, ancestors, id: directoryId(stats), argument: false });
        continue;
      }
      let id: string;
      try {
        id = directoryId(statSync(path));
      } catch (error) {
        // Listed, but gone since, or in a folder this user may list but not enter.
        entries.push({ file, path, problem: `cannot enter the folder: ${describeError(error)}`, regular: false });
        continue;
      }
      if (id === run.out) continue;
      if (ancestors.includes(id)) {
        skipped.push({ file, reason: LOOP });
        continue;
      }
      // Walked already (by an argument, or through a link): its files are listed under that path.
      enter(run, { path, file, prefix: `${file}/`, ancestors, id, argument: false });
      continue;
    }
    if (!wanted) continue;
    const regular = child.isSymbolicLink() ? stats === null || stats.isFile() : child.isFile();
    entries.push({ file, path, problem: regular ? null : 'not a regular file', regular });
  }
}

const NOT_UTF8_NAME = 'its name is not UTF-8 (shown here with U+FFFD for the bytes that are not), so it cannot be opened by that name: rename it';

/**
 * The names of `children` that are not what the folder holds, with how many
 * children read as each: Node decodes each name as UTF-8, and a name in
 * another encoding (Latin-1, from an old archive) comes back with U+FFFD,
 * naming no file (or naming another one, whose UTF-8 name holds U+FFFD).
 * Only a name with U+FFFD is checked, against the bytes of a second listing.
 */
function namesNotUtf8(directory: string, children: readonly Dirent[]): Map<string, number> {
  const lossy = new Map<string, number>();
  if (!children.some((child) => child.name.includes('\ufffd'))) return lossy;
  let raw: Buffer[];
  try {
    raw = readdirSync(directory, { encoding: 'buffer' });
  } catch {
    return lossy;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const bytes of raw) {
    try {
      decoder.decode(bytes);
    } catch {
      const name = bytes.toString('utf8');
      lossy.set(name, (lossy.get(name) ?? 0) + 1);
    }
  }
  return lossy;
}

/**
 * The folder argument and every folder above it: a link inside the walk
 * that leads to one of them (`up -> ..`) would walk the argument again, or
 * leave it for the rest of the file system.
 */
function selfAndAbove(path: string, stats: Stats): string[] {
  const ids = [directoryId(stats)];
  let folder: string;
  try {
    folder = realpathSync(path);
  } catch {
    return ids;
  }
  for (let parent = dirname(folder); parent !== folder; folder = parent, parent = dirname(folder)) {
    try {
      ids.push(directoryId(statSync(parent)));
    } catch {
      break;
    }
  }
  return ids;
}

/**
 * The input that is the file standard output writes to, or null: with
 * `seed-parser archive > archive/all.txt` the shell makes the output file
 * before the run, the walk finds it, and the run would read what it writes
 * (a record of itself, cut anywhere). The file is found by its name
 * (Linux names the file of a descriptor in /proc); each input of that name
 * is compared by identity, so every path to it counts, a link of another
 * name excepted. Elsewhere, or when standard output is no regular file,
 * nothing is checked.
 */
export function inputAtOutput(entries: readonly Entry[], fd: number | undefined): Entry | null {
  if (fd === undefined) return null;
  let output: Stats;
  let name: string;
  try {
    output = fstatSync(fd);
    if (!output.isFile()) return null;
    name = basename(readlinkSync(`/proc/self/fd/${fd}`));
  } catch {
    return null;
  }
  for (const entry of entries) {
    if (entry.path === null || entry.problem !== null || basename(entry.path) !== name) continue;
    try {
      const stats = statSync(entry.path);
      if (stats.ino === output.ino && stats.dev === output.dev) return entry;
    } catch {
      // Gone: its record will say so.
    }
  }
  return null;
}

function directoryId(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The system's message and code ("no such file or directory (ENOENT)"), without the call and path Node adds ("…, open 'x'", "…, write"). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const system = /^([A-Z0-9_]+): (.*?)(?:, \w+(?: '.*')?)?$/s.exec(error.message);
  return system === null ? error.message : `${system[2]} (${system[1]})`;
}

/**
 * The inputs of shard `index` (from 1) of `count`: each path goes to the shard
 * its FNV-1a hash names, so shards are disjoint, their union is the whole, and
 * a path lands in the same shard on every machine and in every run.
 */
export function selectShard(entries: readonly Entry[], index: number, count: number): Entry[] {
  return entries.filter((entry) => hashPath(entry.file) % count === index - 1);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a (32 bits) over the UTF-8 bytes of the path. */
export function hashPath(path: string): number {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(path)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
}
