import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseSeed, type Article, type ParseOptions } from '../src/index.js';

/** The folder shared beside the repository: seeds, the real corpus, html5lib-tests. */
export const SHARED = resolve(import.meta.dirname, '../../shared');

/**
 * Files of a shared folder. When the folder is missing, a run with CI set
 * fails (a test that reads nothing must not pass), and a local run returns [].
 */
export function sharedFiles(folder: string, extension: string): { name: string; path: string }[] {
  const dir = join(SHARED, folder);
  if (!existsSync(dir)) {
    if (process.env.CI) throw new Error(`${dir} is missing: the shared test data must be beside the repository in CI`);
    return [];
  }
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => ({ name, path: join(dir, name) }));
}

export function corpusFiles(): { name: string; path: string; text: string }[] {
  return sharedFiles('corpus/real', '.md').map((file) => ({ ...file, text: readFileSync(file.path, 'utf8') }));
}

export interface SeedParts {
  frontMatter?: string;
  timestamp?: string;
  title?: string;
  url?: string;
  underline?: string;
  newline?: string;
}

/** Builds a seed around a body. */
export function seed(body: string, parts: SeedParts = {}): string {
  const nl = parts.newline ?? '\n';
  const lines: string[] = [];
  if (parts.frontMatter !== undefined) lines.push('---', ...parts.frontMatter.split('\n'), '---');
  lines.push(`<!--${parts.timestamp ?? '1700000000000'}-->`);
  lines.push(`[${parts.title ?? 'A title'}](${parts.url ?? 'https://news.example/story/1'})`);
  lines.push(parts.underline ?? '------');
  lines.push('');
  return lines.join(nl) + body;
}

/** Parses a body wrapped in a valid header. */
export function parseBody(body: string, options?: ParseOptions): Article {
  return parseSeed(seed(body), options);
}

/** A JSON round trip: plain data only. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** An image block, with every optional field null unless given. */
export function image(src: string, extra: Record<string, unknown> = {}) {
  return { type: 'image', src, alt: null, title: null, width: null, height: null, caption: null, credit: null, link: null, ...extra };
}

/**
 * How many seeds the corpus manifest lists (its first line names the columns),
 * so that tests can check that they read the whole corpus; null when there is
 * no manifest (and no CI run, where a missing corpus fails in `sharedFiles`).
 */
export function corpusManifestSize(): number | null {
  const manifest = join(SHARED, 'corpus/real/MANIFEST.tsv');
  if (!existsSync(manifest)) {
    if (process.env.CI) throw new Error(`${manifest} is missing: the shared test data must be beside the repository in CI`);
    return null;
  }
  return readFileSync(manifest, 'utf8').trim().split('\n').length - 1;
}
