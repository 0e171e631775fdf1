import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readArguments, UsageError } from '../src/cli/args.js';
import { readEntrySync } from '../src/cli/parse-entry.js';
import { errorLine, writeRecord, written } from '../src/cli/record.js';
import { locateInvalidUtf8 } from '../src/cli/utf8.js';
import { parseSeed, safeParseSeed, type Article } from '../src/index.js';
import { toHtml, toMarkdown } from '../src/render/index.js';
import { checkOptions } from './chunks.js';
import { corpusFiles } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, `${name}.seed.md`), 'utf8');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string | Uint8Array): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input: input ?? '', encoding: 'utf8', maxBuffer: 256 << 20 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const plain = (article: Article) => JSON.parse(JSON.stringify(article)) as unknown;
const lines = (text: string) => text.split('\n').filter((line) => line !== '');

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'article.schema.json'), 'utf8')) as { $id: string };
const ajv = new Ajv2020({ strict: true });
ajv.addSchema(schema);
const validateRecord = ajv.compile({ $ref: `${schema.$id}#/$defs/SeedRecord` });

/** Bytes of a seed whose body is not UTF-8: Latin-1 "é" (0xE9) on line 5, column 7. */
const LATIN1 = Uint8Array.from([...new TextEncoder().encode('<!--1700000000000-->\n[T](https://x.example/)\n---\n\n<p>caf'), 0xe9, ...new TextEncoder().encode('</p>\n')]);

let dir: string;
/** A folder like an archive: good seeds (nested), and every kind of bad file. */
let archive: string;
/** Only good seeds: the corpus, or the fixtures when the corpus is missing. */
let good: string;
/** What each good seed of the archive holds, by record path. */
const goodTexts = new Map<string, string>();

beforeAll(() => {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist', 'cli-worker.js'))) execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'seed-cli-test-'));
  archive = join(dir, 'archive');
  good = join(dir, 'good');
  const add = (path: string, text: string) => {
    mkdirSync(join(archive, path, '..'), { recursive: true });
    writeFileSync(join(archive, path), text);
    goodTexts.set(path, text);
  };
  add('a.seed.md', fixture('harbour'));
  add('sub/c.markdown', fixture('markets'));
  add('sub/deeper/d.txt', fixture('tokyo'));
  add('e.html', fixture('broken'));
  mkdirSync(good);
  const corpus = corpusFiles();
  // Enough seeds that --jobs 2 runs two workers, in the archive and alone.
  const seeds = corpus.length > 0 ? corpus : Array.from({ length: 80 }, (_, index) => ({ name: `f${index}.md`, text: fixture(['harbour', 'markets', 'tokyo'][index % 3]!) }));
  for (const { name, text } of seeds) {
    add(`corpus/${name}`, text);
    writeFileSync(join(good, name), text);
  }
  writeFileSync(join(archive, 'broken.md'), 'no header here\n<p>x</p>\n');
  writeFileSync(join(archive, 'binary.md'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  writeFileSync(join(archive, 'latin1.md'), LATIN1);
  symlinkSync(join(archive, 'gone.md'), join(archive, 'vanished.md'));
  execFileSync('mkfifo', [join(archive, 'fifo.md')]);
  writeFileSync(join(archive, 'notes.json'), '{}');
  mkdirSync(join(archive, '.git'));
  writeFileSync(join(archive, '.git', 'hidden.md'), fixture('harbour'));
  symlinkSync('..', join(archive, 'sub', 'loop'));
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('seed-parser on a folder (jsonl)', () => {
  let one: Run;
  let two: Run;
  beforeAll(() => {
    one = cli(['--jobs', '1', archive]);
    two = cli(['--jobs', '2', archive]);
  });

  it('writes one record per file, in sorted path order, skipping hidden folders, other extensions and symlink loops', () => {
    const files = lines(one.stdout).map((line) => (JSON.parse(line) as { file: string }).file);
    const expected = [...goodTexts.keys(), 'binary.md', 'broken.md', 'fifo.md', 'latin1.md', 'vanished.md'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(files).toEqual(expected);
    expect(one.stderr).toContain('seed-parser: sub/loop: a symbolic link back to a parent folder, skipped\n');
  });

  it('skips links to the argument folder or any folder above it, with a warning, and follows links elsewhere', () => {
    const root = join(dir, 'above');
    mkdirSync(join(root, 'archive', 'sub'), { recursive: true });
    mkdirSync(join(root, 'other'));
    writeFileSync(join(root, 'archive', 'a.md'), fixture('harbour'));
    writeFileSync(join(root, 'other', 'b.md'), fixture('tokyo'));
    symlinkSync('..', join(root, 'archive', 'up'));
    symlinkSync('../../..', join(root, 'archive', 'sub', 'higher'));
    symlinkSync('..', join(root, 'archive', 'sub', 'self'));
    symlinkSync('../other', join(root, 'archive', 'elsewhere'));
    const run = cli([join(root, 'archive')]);
    expect(run.status).toBe(0);
    expect(lines(run.stdout).map((line) => (JSON.parse(line) as { file: string }).file)).toEqual(['a.md', 'elsewhere/b.md']);
    for (const link of ['up', 'sub/higher', 'sub/self']) expect(run.stderr).toContain(`seed-parser: ${link}: a symbolic link back to a parent folder, skipped\n`);
  });

  it('gives a record to what it cannot enter or open, and goes on: a name that is not UTF-8, a folder it may not enter', () => {
    const root = join(dir, 'hard');
    mkdirSync(join(root, 'in', 'closed', 'deep'), { recursive: true });
    const latin1 = (name: string) => Buffer.concat([Buffer.from(`${root}/in/`), Buffer.from(name, 'latin1')]);
    mkdirSync(latin1('caf\u00e9'));
    writeFileSync(Buffer.concat([latin1('caf\u00e9'), Buffer.from('/x.md')]), fixture('harbour'));
    writeFileSync(latin1('r\u00e9sum\u00e9.md'), fixture('harbour'));
    // A name that reads the same as a name that is not UTF-8, and is UTF-8 (U+FFFD itself): read as usual.
    writeFileSync(latin1('\u00ff.md'), fixture('harbour'));
    writeFileSync(join(root, 'in', '\ufffd.md'), fixture('harbour'));
    writeFileSync(join(root, 'in', 'a.md'), fixture('harbour'));
    writeFileSync(join(root, 'in', 'closed', 'deep', 'b.md'), fixture('tokyo'));
    symlinkSync(join(root, 'nowhere'), join(root, 'in', 'gone'));
    // Listed but not entered: no search (x) permission on `closed`, for a user other than root.
    execFileSync('chmod', ['-R', 'a+rX', dir]);
    execFileSync('chmod', ['a-x', join(root, 'in', 'closed')]);
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'] : [];
    const command = [...asUser, process.execPath, CLI, '--jobs', '1', join(root, 'in')];
    const run = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8' });
    execFileSync('chmod', ['a+x', join(root, 'in', 'closed')]);
    expect(run.status).toBe(1);
    const records = lines(run.stdout).map((line) => JSON.parse(line) as { file: string; ok: boolean; error?: { code: string; message: string } });
    const notUtf8 = 'its name is not UTF-8 (shown here with U+FFFD for the bytes that are not), so it cannot be opened by that name: rename it';
    expect(records.map(({ file, ok, error }) => [file, ok, error?.code, error?.message])).toEqual([
      ['a.md', true, undefined, undefined],
      ['caf\ufffd', false, 'READ_ERROR', notUtf8],
      ['closed/deep', false, 'READ_ERROR', 'cannot enter the folder: permission denied (EACCES)'],
      ['r\ufffdsum\ufffd.md', false, 'READ_ERROR', notUtf8],
      ['\ufffd.md', false, 'READ_ERROR', notUtf8],
      ['\ufffd.md', true, undefined, undefined],
    ]);
    expect(run.stderr).toContain('seed-parser: gone: a symbolic link that cannot be followed: no such file or directory (ENOENT), skipped\n');
  });

  it('gives the good files the Article of parseSeed', () => {
    let checked = 0;
    for (const line of lines(one.stdout)) {
      const record = JSON.parse(line) as { file: string; ok: boolean; article?: Article };
      const text = goodTexts.get(record.file);
      if (text === undefined) continue;
      expect(record).toEqual({ file: record.file, ok: true, article: plain(parseSeed(text)) });
      checked++;
    }
    expect(checked).toBe(goodTexts.size);
  });

  it('gives each bad file an error record with its code and position, and goes on', () => {
    const errors = Object.fromEntries(
      lines(one.stdout)
        .map((line) => JSON.parse(line) as { file: string; ok: boolean; error?: { code: string; message: string; line: number | null; column: number | null } })
        .filter((record) => !record.ok)
        .map((record) => [record.file, record.error]),
    );
    expect(Object.keys(errors).sort()).toEqual(['binary.md', 'broken.md', 'fifo.md', 'latin1.md', 'vanished.md']);
    expect(errors['binary.md']).toEqual({ code: 'BINARY_FILE', message: 'a NUL byte: binary data, not a text file', line: null, column: null });
    expect(errors['broken.md']).toMatchObject({ code: 'MISSING_TIMESTAMP', line: 1, column: 1 });
    expect(errors['fifo.md']).toEqual({ code: 'READ_ERROR', message: 'not a regular file', line: null, column: null });
    expect(errors['latin1.md']).toEqual({ code: 'INVALID_UTF8', message: 'the bytes are not valid UTF-8 at line 5, column 7', line: 5, column: 7 });
    expect(errors['vanished.md']).toEqual({ code: 'READ_ERROR', message: 'no such file or directory (ENOENT)', line: null, column: null });
  });

  it('exits 1 with a one-line summary on standard error', () => {
    expect(one.status).toBe(1);
    expect(one.stderr).toMatch(new RegExp(`\\nseed-parser: ${goodTexts.size} parsed, 5 failed, \\d+\\.\\d\\d s\\n$`));
  });

  it('writes records that the JSON Schema accepts', () => {
    for (const line of lines(one.stdout)) expect(validateRecord(JSON.parse(line)) ? 'valid' : validateRecord.errors).toBe('valid');
  });

  it('writes the same bytes with --jobs 2 (worker threads) as with --jobs 1', () => {
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr.replace(/\d+\.\d\d s/, '')).toBe(one.stderr.replace(/\d+\.\d\d s/, ''));
  });

  it('exits 0 with nothing on standard error when every file parses, and no progress when standard error is not a terminal', () => {
    const run = cli([good]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(lines(run.stdout)).toHaveLength(readdirSync(good).length);
  });

  it('--shard K/N splits the inputs into disjoint parts whose union is the whole, each in sorted order', () => {
    const whole = lines(one.stdout);
    const shards = [1, 2, 3].map((index) => lines(cli(['--jobs', '1', '--shard', `${index}/3`, archive]).stdout));
    for (const shard of shards) {
      expect(shard.length).toBeGreaterThan(0);
      expect(shard).toEqual(whole.filter((line) => shard.includes(line)));
    }
    expect(shards.flat().sort()).toEqual([...whole].sort());
    expect(new Set(shards.flat()).size).toBe(whole.length);
  });
});

describe('seed-parser on one input', () => {
  const sample = join(ROOT, 'examples', 'sample.seed.md');
  const text = readFileSync(sample, 'utf8');

  it('prints the Article as pretty JSON for a single file (the default format)', () => {
    const run = cli([sample]);
    expect(run).toEqual({ status: 0, stdout: `${JSON.stringify(parseSeed(text), null, 2)}\n`, stderr: '' });
  });

  it('reads standard input with - or with no path at all', () => {
    const expected = { status: 0, stdout: `${JSON.stringify(parseSeed(text), null, 2)}\n`, stderr: '' };
    expect(cli(['-'], text)).toEqual(expected);
    expect(cli([], text)).toEqual(expected);
    expect(lines(cli(['--format', 'jsonl'], text).stdout).map((line) => JSON.parse(line))).toEqual([{ file: '-', ok: true, article: plain(parseSeed(text)) }]);
  });

  it('reports bad standard input: a broken header, bytes that are not UTF-8', () => {
    const broken = cli(['-'], 'no header');
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^seed-parser: -:1:1: MISSING_TIMESTAMP: .*\nseed-parser: 0 parsed, 1 failed, \d+\.\d\d s\n$/);
    const latin1 = cli(['--format', 'jsonl', '-'], LATIN1);
    expect(latin1.status).toBe(1);
    expect(JSON.parse(latin1.stdout)).toEqual({
      file: '-',
      ok: false,
      error: { code: 'INVALID_UTF8', message: 'the bytes are not valid UTF-8 at line 5, column 7', line: 5, column: 7 },
    });
  });

  it('reads a byte-order mark as parseSeed does (one is removed), from a file and from standard input', () => {
    const seedText = '<!--1700000000000-->\n[T](https://x.example/)\n---\n<p>x</p>\n';
    for (const [name, input] of [['one-mark.md', `\ufeff${seedText}`], ['two-marks.md', `\ufeff\ufeff${seedText}`]] as const) {
      const path = join(dir, name);
      writeFileSync(path, input);
      const result = safeParseSeed(input);
      const outcome = result.ok ? { ok: true, article: plain(result.article) } : { ok: false, error: { code: result.error.code, message: result.error.message, line: result.error.line, column: result.error.column } };
      expect(JSON.parse(cli(['--format', 'jsonl', path]).stdout)).toEqual({ file: path, ...outcome });
      expect(JSON.parse(cli(['--format', 'jsonl', '-'], input).stdout)).toEqual({ file: '-', ...outcome });
    }
    expect(safeParseSeed(`\ufeff${seedText}`).ok).toBe(true);
    expect(safeParseSeed(`\ufeff\ufeff${seedText}`).ok).toBe(false);
  });

  it('names UTF-16 text by its byte-order mark (INVALID_UTF8 at 1:1), from a file and from standard input', () => {
    const little = Buffer.from('\ufeff<!--1700000000000-->\n[T](https://x.example/)\n---\n<p>x</p>\n', 'utf16le');
    const big = Buffer.from(little).swap16();
    for (const [mark, bytes] of [['FF FE', little], ['FE FF', big]] as const) {
      const error = { code: 'INVALID_UTF8', message: `UTF-16 text (it starts with the byte-order mark ${mark}), not UTF-8`, line: 1, column: 1 };
      const path = join(dir, `utf16-${mark.replace(' ', '')}.md`);
      writeFileSync(path, bytes);
      expect(JSON.parse(cli(['--format', 'jsonl', path]).stdout)).toEqual({ file: path, ok: false, error });
      expect(JSON.parse(cli(['--format', 'jsonl', '-'], bytes).stdout)).toEqual({ file: '-', ok: false, error });
    }
  });

  it('reports standard input redirected from a folder as READ_ERROR', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" --format jsonl - < "${FIXTURES}"`], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ file: '-', ok: false, error: { code: 'READ_ERROR', message: 'a folder, not a file', line: null, column: null } });
  });

  it('writes one failure as one line of standard error, whatever the file is named', () => {
    const named = join(dir, 'named');
    mkdirSync(named);
    writeFileSync(join(named, 'a\nseed-parser: fake.md: READ_ERROR: x.md'), 'no header\n');
    const run = cli(['-f', 'html', '-o', join(dir, 'named-out'), named]);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe('seed-parser: a\\u000aseed-parser: fake.md: READ_ERROR: x.md:1:1: MISSING_TIMESTAMP: Expected a timestamp comment like <!--1684512901000-->, found "no header" (line 1, column 1)');
  });

  it('resolves relative URLs against --base-url', () => {
    const relative = '<!--1700000000000-->\n[T](https://seed.example/a/)\n---\n<p><a href="b/c">link</a><img src="d.png"></p>';
    const run = cli(['--format', 'jsonl', '--base-url', 'https://base.example/x/', '-'], relative);
    const article = plain(parseSeed(relative, { baseUrl: 'https://base.example/x/' })) as Article;
    expect(article.links).toEqual([{ href: 'https://base.example/x/b/c', text: 'link' }]);
    expect(JSON.parse(run.stdout)).toEqual({ file: '-', ok: true, article });
  });

  it('prints Markdown and HTML of a single file', () => {
    const article = parseSeed(text);
    expect(cli(['--format', 'markdown', sample])).toEqual({ status: 0, stdout: toMarkdown(article), stderr: '' });
    expect(cli(['-f', 'html', sample])).toEqual({ status: 0, stdout: toHtml(article), stderr: '' });
  });

  it('parses a file over 8 MB as a stream, to the same Article, and finds bad UTF-8 in it', () => {
    const big = join(dir, 'big.md');
    const body = '<p>The night train runs again, with <b>more cars</b> and <a href="/more">a new timetable</a>.</p>\n'.repeat(90_000);
    const seedText = `<!--1700000000000-->\n[Big](https://big.example/)\n---\n${body}`;
    writeFileSync(big, seedText);
    const run = cli(['--format', 'jsonl', big]);
    expect(run.status).toBe(0);
    // Compared as text: a deep comparison of 90,000 blocks would take longer than both parses.
    expect(run.stdout === `${JSON.stringify({ file: big, ok: true, article: parseSeed(seedText) })}\n`).toBe(true);
    writeFileSync(big, Buffer.concat([Buffer.from('<!--1700000000000-->\n[Big](https://big.example/)\n---\n<p>\u00e9\ud83d\ude00'), Buffer.from([0xc3, 0x28]), Buffer.from(body)]));
    const bad = cli([big]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/: INVALID_UTF8: the bytes are not valid UTF-8 at line 4, column 7\n/);
  });
});

describe('links between folders', () => {
  it('walk each folder once, under its own path when it has one, however many links lead to it', () => {
    const root = join(dir, 'web');
    const names = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6'];
    for (const name of names) {
      mkdirSync(join(root, 'in', name), { recursive: true });
      writeFileSync(join(root, 'in', name, 'x.md'), fixture('harbour'));
    }
    // Each folder links to every other: 1,956 paths to six folders when every link is followed.
    for (const name of names) for (const other of names) if (other !== name) symlinkSync(`../${other}`, join(root, 'in', name, `to-${other}`));
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'y.md'), fixture('tokyo'));
    symlinkSync('../../outside', join(root, 'in', 'f1', 'b-outside'));
    symlinkSync('../outside', join(root, 'in', 'a-outside'));
    const run = cli(['--jobs', '1', join(root, 'in')]);
    expect(run.status).toBe(0);
    // The folder outside is walked once, through the first link in path order.
    expect(lines(run.stdout).map((line) => (JSON.parse(line) as { file: string }).file)).toEqual(['a-outside/y.md', ...names.map((name) => `${name}/x.md`)]);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('walked already'));
    expect(warnings).toHaveLength(31);
    expect(run.stderr).toContain('seed-parser: f1/b-outside: a symbolic link to a folder walked already, by another path, skipped\n');
    expect(run.stderr).toContain('seed-parser: f2/to-f1: a symbolic link to a folder walked already, by another path, skipped\n');
  });
});

describe('folders reached by several paths', () => {
  const run = (cwd: string, args: string[]) => spawnSync(process.execPath, [CLI, '--jobs', '1', '--format', 'jsonl', ...args], { cwd, encoding: 'utf8', input: '' });
  const files = (result: { stdout: string }) => lines(result.stdout).map((line) => (JSON.parse(line) as { file: string }).file);

  it('walks a folder once: its subfolders, a folder argument through a link, a file argument through a link', () => {
    const root = join(dir, 'reached');
    mkdirSync(join(root, 'd', 'sub'), { recursive: true });
    mkdirSync(join(root, 'p', 'z'), { recursive: true });
    writeFileSync(join(root, 'd', 'a.md'), fixture('harbour'));
    writeFileSync(join(root, 'd', 'sub', 's.md'), fixture('harbour'));
    writeFileSync(join(root, 'p', 'p.md'), fixture('tokyo'));
    writeFileSync(join(root, 'p', 'z', 'z.md'), fixture('tokyo'));
    symlinkSync(join(root, 'p', 'z'), join(root, 'd', 'a'));
    symlinkSync(join(root, 'p'), join(root, 'd', 'b'));
    symlinkSync('sub', join(root, 'd', 'l'));
    symlinkSync('d', join(root, 'link-to-d'));
    symlinkSync(join('d', 'a.md'), join(root, 'la.md'));
    // p/z is walked through d/a, first in path order: d/b/z is that folder again.
    const one = run(root, ['d']);
    expect(files(one)).toEqual(['a.md', 'a/z.md', 'b/p.md', 'sub/s.md']);
    expect(one.stderr).toContain('seed-parser: l: a symbolic link to a folder walked already, by another path, skipped\n');
    // An argument through a link is walked after the folders of every argument's own path, and only once.
    expect(files(run(root, ['d', 'd/l']))).toEqual(['d/a.md', 'd/a/z.md', 'd/b/p.md', 'd/sub/s.md']);
    expect(files(run(root, ['link-to-d', 'd']))).toEqual(['d/a.md', 'd/a/z.md', 'd/b/p.md', 'd/sub/s.md']);
    // A link of the walk that is also an argument is walked once, under the path both name: no warning for it, in either order.
    for (const args of [['d', 'd/b'], ['d/b', 'd']]) {
      const both = run(root, args);
      expect(files(both)).toEqual(['d/a.md', 'd/a/z.md', 'd/b/p.md', 'd/sub/s.md']);
      expect(both.stderr).not.toContain('d/b:');
      expect(both.stderr).toContain('seed-parser: d/l: a symbolic link to a folder walked already, by another path, skipped\n');
    }
    // A link to a file is an input of its own name, in the walk and as an argument.
    expect(files(run(root, ['d/a.md', 'la.md', 'd/a.md', './la.md']))).toEqual(['./la.md', 'd/a.md']);
    symlinkSync('a.md', join(root, 'd', 'link.md'));
    expect(files(run(root, ['d']))).toEqual(['a.md', 'a/z.md', 'b/p.md', 'link.md', 'sub/s.md']);
    const all = ['d/a.md', 'd/a/z.md', 'd/b/p.md', 'd/link.md', 'd/sub/s.md'];
    expect(files(run(root, ['d', 'd/link.md']))).toEqual(all);
    expect(files(run(root, ['d', './d/link.md']))).toEqual(['./d/link.md', ...all.filter((file) => file !== 'd/link.md')]);
    // `..` after a link goes up from where the link leads: d/a/../p.md is p/p.md, another file than d/p.md would be.
    expect(files(run(root, ['d/a.md', 'd/a/../p.md']))).toEqual(['d/a.md', 'd/a/../p.md']);
    expect(files(run(root, ['p/p.md', 'd/a/../p.md']))).toEqual(['d/a/../p.md']);
  });

  it('reads no more than 8 MB of standard input that never ends after its header failed', () => {
    const result = spawnSync('bash', ['-c', `yes | "${process.execPath}" "${CLI}" --format jsonl -`], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: '-', ok: false, error: { code: 'MISSING_TIMESTAMP', line: 1, column: 1 } });
  });

  it('never enters the --out folder through a link, and lets inputs it cannot read make no output', () => {
    const root = join(dir, 'reached-out');
    mkdirSync(join(root, 'd', 'sub'), { recursive: true });
    writeFileSync(join(root, 'd', 'a.md'), fixture('harbour'));
    writeFileSync(join(root, 'd', 'sub', 's.md'), fixture('harbour'));
    for (const bytes of [[0xff], [0xfe]]) writeFileSync(Buffer.concat([Buffer.from(`${root}/d/`), Buffer.from(bytes), Buffer.from('.md')]), fixture('harbour'));
    const site = join(root, 'd', 'site');
    const html = (args: string[]) => spawnSync(process.execPath, [CLI, '--jobs', '1', '--format', 'html', ...args], { cwd: root, encoding: 'utf8' });
    // Two names that are not UTF-8 read as one: READ_ERROR each, and no output for either.
    const first = html(['--out', site, 'd']);
    expect(first.status).toBe(1);
    expect(first.stderr.match(/READ_ERROR/g)).toHaveLength(2);
    symlinkSync(join('site', 'sub'), join(root, 'd', 'into-site'));
    const second = html(['--out', site, 'd']);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('seed-parser: into-site: a symbolic link into the --out folder, skipped\n');
    expect(readdirSync(site, { recursive: true }).sort()).toEqual(['a.html', 'sub', 'sub/s.html']);
    // A link to a file in it is skipped as well, and the folder itself, or one inside it, is no input.
    symlinkSync(join('site', 'a.html'), join(root, 'd', 'to-a.html'));
    const third = html(['--out', site, 'd']);
    expect(third.stderr).toContain('seed-parser: to-a.html: a symbolic link into the --out folder, skipped\n');
    expect(third.stderr).not.toContain('to-a.html: READ_ERROR');
    symlinkSync('site', join(root, 'd', 'site-link'));
    for (const argument of ['d/site', 'd/site-link', 'd/site/']) {
      const walked = html(['--out', site, 'd', argument]);
      expect(walked.status).toBe(2);
      expect(walked.stderr).toContain(`seed-parser: the folder "${argument}" is the --out folder: the walk never reads what a run writes\n`);
    }
    // Into the current folder, from a folder inside it: the outputs mirror the input's own tree.
    const here = spawnSync(process.execPath, [CLI, '--jobs', '1', '--format', 'html', '--out', '.', 'sub'], { cwd: join(root, 'd'), encoding: 'utf8' });
    expect(here).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(join(root, 'd', 's.html'), 'utf8')).toContain('<h1>');
    rmSync(join(root, 'd', 's.html'));
    rmSync(join(root, 'd', 'site-link'));
    expect(readdirSync(site, { recursive: true }).sort()).toEqual(['a.html', 'sub', 'sub/s.html']);
  });

  it('walks a link into the --out folder that is also an argument without a warning: it is walked through itself', () => {
    const root = join(dir, 'reached-out-argument');
    mkdirSync(join(root, 'in'), { recursive: true });
    mkdirSync(join(root, 'out', 'sub'), { recursive: true });
    writeFileSync(join(root, 'in', 'a.md'), fixture('harbour'));
    writeFileSync(join(root, 'out', 'sub', 's.md'), fixture('harbour'));
    symlinkSync(join('..', 'out', 'sub'), join(root, 'in', 'lsub'));
    const result = spawnSync(process.execPath, [CLI, '--jobs', '1', '--format', 'html', '--out', 'out', 'in', 'in/lsub'], { cwd: root, encoding: 'utf8' });
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(readdirSync(join(root, 'out', 'in'), { recursive: true }).sort()).toEqual(['a.html', 'lsub', 'lsub/s.html']);
    // Not an argument: skipped, and said so.
    const walked = spawnSync(process.execPath, [CLI, '--jobs', '1', '--format', 'html', '--out', 'out', 'in'], { cwd: root, encoding: 'utf8' });
    expect(walked.stderr).toBe('seed-parser: lsub: a symbolic link into the --out folder, skipped\n');
  });

  it('takes --out with `..` after a link as the system does: the outputs go to the folder the walk never enters', () => {
    const root = join(dir, 'reached-dotdot');
    mkdirSync(join(root, 'elsewhere', 'deep'), { recursive: true });
    mkdirSync(join(root, 'w', 'in'), { recursive: true });
    mkdirSync(join(root, 'w', 'sub', 'deep'), { recursive: true });
    writeFileSync(join(root, 'w', 'in', 'a.md'), '<!--1684512901000-->\n[T](https://a.example/)\n------\n<p>x</p>\n');
    symlinkSync('../elsewhere/deep', join(root, 'w', 'lnk'));
    // lnk/../out is elsewhere/out (`..` goes up from where the link leads), not w/out.
    mkdirSync(join(root, 'w', '.hidden'));
    symlinkSync('../sub/deep', join(root, 'w', '.hidden', 'inner'));
    const html = (out: string) => spawnSync(process.execPath, [CLI, '--jobs', '1', '--format', 'html', '--out', out, '.'], { cwd: join(root, 'w'), encoding: 'utf8' });
    for (const [out, folder] of [
      ['lnk/../out', join(root, 'elsewhere', 'out')],
      // Written out: path.join would drop `lnk/..` as text.
      [`${join(root, 'w', 'lnk')}/../out2`, join(root, 'elsewhere', 'out2')],
      // .hidden/inner/../out is w/sub/out, inside the walk: the second run must not read the first one's output.
      ['.hidden/inner/../out', join(root, 'w', 'sub', 'out')],
    ] as const) {
      for (let round = 0; round < 2; round++) expect([out, round, html(out)]).toMatchObject([out, round, { status: 0, stdout: '', stderr: '' }]);
      expect(readdirSync(folder, { recursive: true }).sort()).toEqual(['in', 'in/a.html']);
    }
    expect(existsSync(join(root, 'w', 'out'))).toBe(false);
    expect(existsSync(join(root, 'w', 'out2'))).toBe(false);
    expect(existsSync(join(root, 'w', '.hidden', 'out'))).toBe(false);
    // The system goes through no file: `..` after one is a usage error, not a folder beside it.
    const file = html('in/a.md/../o');
    expect(file.status).toBe(2);
    expect(file.stderr).toContain(`seed-parser: --out in/a.md/../o: ${join(root, 'w', 'in', 'a.md')}: not a folder\n`);
    expect(existsSync(join(root, 'w', 'in', 'o'))).toBe(false);
    expect(existsSync(join(root, 'w', 'o'))).toBe(false);
  });

  it('gives no warning for a link of the walk that is also an argument, however its path is written', () => {
    const root = join(dir, 'reached-link-argument');
    mkdirSync(join(root, 'd'), { recursive: true });
    mkdirSync(join(root, 'e'), { recursive: true });
    mkdirSync(join(root, 't'), { recursive: true });
    writeFileSync(join(root, 't', 'a.md'), fixture('harbour'));
    symlinkSync('../t', join(root, 'd', 'link'));
    symlinkSync('../t', join(root, 'e', 'other'));
    for (const argument of ['d/link', './d/link', 'd//link', 'd/link/']) {
      const both = spawnSync(process.execPath, [CLI, '--jobs', '1', '--format', 'html', '--out', 'o', 'd', argument], { cwd: root, encoding: 'utf8' });
      expect([argument, both.status, both.stderr]).toEqual([argument, 0, '']);
      expect(readdirSync(join(root, 'o'), { recursive: true }).sort()).toEqual(['d', 'd/link', 'd/link/a.html']);
      rmSync(join(root, 'o'), { recursive: true });
    }
    // Another link to the same folder is another path: it is skipped with the warning.
    const other = run(root, ['d', './e/other']);
    expect(files(other)).toEqual(['./e/other/a.md']);
    expect(other.stderr).toBe('seed-parser: d/link: a symbolic link to a folder walked already, by another path, skipped\n');
  });

  it('finds a file in the way of a folder the outputs need, wherever a link in --out leads', () => {
    const root = join(dir, 'reached-way');
    mkdirSync(join(root, 'f', 'sub'), { recursive: true });
    writeFileSync(join(root, 'f', 'a.md'), fixture('harbour'));
    writeFileSync(join(root, 'f', 'sub', 'k.md'), fixture('harbour'));
    writeFileSync(join(root, 'wf'), 'x');
    mkdirSync(join(root, 'o'));
    symlinkSync(join(root, 'wf'), join(root, 'o', 'sub'));
    const result = cli(['--format', 'html', '--out', join(root, 'o'), join(root, 'f')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`the output of sub/k.md needs a folder ${join(root, 'wf')}, where a file is; nothing was written`);
    expect(readdirSync(join(root, 'o'))).toEqual(['sub']);
  });
});

describe('arguments that overlap', () => {
  it('give each file one record, under the name of the first argument that reaches it, in code point order', () => {
    const root = join(dir, 'overlap');
    mkdirSync(join(root, 'd', 'sub'), { recursive: true });
    for (const name of ['d/a.md', 'd/sub/b.md', 'd/\u{1f600}.md', 'd/\uff5a.md']) writeFileSync(join(root, name), fixture('harbour'));
    const files = (args: string[]) => {
      const run = spawnSync(process.execPath, [CLI, '--jobs', '1', '--format', 'jsonl', ...args], { cwd: root, encoding: 'utf8', input: '' });
      expect(run.status).toBe(0);
      return lines(run.stdout).map((line) => (JSON.parse(line) as { file: string }).file);
    };
    // U+FF5A before U+1F600, as code points (and UTF-8 bytes) order them.
    expect(files(['d', 'd/sub'])).toEqual(['d/a.md', 'd/sub/b.md', 'd/\uff5a.md', 'd/\u{1f600}.md']);
    expect(files(['d', 'd'])).toEqual(files(['d', 'd/sub']));
    expect(files(['d', 'd/sub/b.md', 'd/a.md'])).toEqual(files(['d', 'd/sub']));
    // One folder named twice is walked once, under the first argument.
    expect(files(['d/', './d'])).toEqual(['d/a.md', 'd/sub/b.md', 'd/\uff5a.md', 'd/\u{1f600}.md']);
    expect(files(['./d', 'd/'])).toEqual(['./d/a.md', './d/sub/b.md', './d/\uff5a.md', './d/\u{1f600}.md']);
    expect(files(['d/sub', 'd'])).toEqual(['d/a.md', 'd/sub/b.md', 'd/\uff5a.md', 'd/\u{1f600}.md']);
    expect(files(['d/a.md', 'd/a.md'])).toEqual(['d/a.md']);
  });
});

describe('one content, one record, however it is read', () => {
  it('gives the same error read at once, as a stream (standard input, a file over 8 MB) whatever comes first: UTF-16, then a NUL, then bad UTF-8, then the header', () => {
    const header = Buffer.from('<!--1-->\n[t](https://a.example/)\n---\n');
    const filler = (bytes: number) => Buffer.alloc(bytes, 0x61);
    const contents: [string, Buffer, string][] = [
      ['bad UTF-8, then a NUL', Buffer.concat([header, Buffer.from([0xe9]), filler(200_000), Buffer.from([0])]), 'BINARY_FILE'],
      ['a broken header, then a NUL', Buffer.concat([Buffer.from('no header\n'), filler(200_000), Buffer.from([0])]), 'BINARY_FILE'],
      ['a broken header, then bad UTF-8', Buffer.concat([Buffer.from('no header\n'), filler(200_000), Buffer.from([0xe9, 0x61])]), 'INVALID_UTF8'],
      ['bad UTF-8 cut at the end', Buffer.concat([Buffer.from('no header\n'), filler(200_000), Buffer.from([0xe2, 0x82])]), 'INVALID_UTF8'],
      ['a broken header', Buffer.concat([Buffer.from('no header\n'), filler(200_000)]), 'MISSING_TIMESTAMP'],
    ];
    for (const [name, bytes, code] of contents) {
      const file = join(dir, 'one-content.md');
      writeFileSync(file, bytes);
      const atOnce = JSON.parse(cli(['--format', 'jsonl', file]).stdout);
      const piped = JSON.parse(cli(['--format', 'jsonl', '-'], bytes).stdout);
      expect([name, atOnce.error.code]).toEqual([name, code]);
      expect([name, piped]).toEqual([name, { ...atOnce, file: '-' }]);
    }
    // The same late NUL past 8 MB, in a file read as a stream.
    const big = join(dir, 'late-nul.md');
    writeFileSync(big, Buffer.concat([Buffer.from('no header\n'), filler(9 << 20), Buffer.from([0])]));
    expect(JSON.parse(cli(['--format', 'jsonl', big]).stdout).error.code).toBe('BINARY_FILE');
  });
});

describe('seed-parser --out', () => {
  it('writes one Markdown or HTML file per input, mirroring the tree; bad files are reported on standard error', () => {
    for (const [format, extension, render] of [
      ['markdown', '.md', toMarkdown],
      ['html', '.html', toHtml],
    ] as const) {
      const out = join(dir, `out-${format}`);
      const run = cli(['--format', format, '--out', out, '--jobs', '2', archive]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('seed-parser: broken.md:1:1: MISSING_TIMESTAMP: ');
      expect(run.stderr).toContain('seed-parser: latin1.md:5:7: INVALID_UTF8: the bytes are not valid UTF-8 at line 5, column 7\n');
      for (const [path, text] of goodTexts) {
        const target = join(out, path.replace(/\.(md|markdown|txt|html)$/, '').concat(extension));
        expect(readFileSync(target, 'utf8')).toBe(render(parseSeed(text)));
      }
      expect(existsSync(join(out, 'broken' + extension))).toBe(false);
    }
  });

  it('never walks the --out folder, so that a run into a folder inside its input can be run again', () => {
    for (const [format, render] of [['markdown', toMarkdown], ['html', toHtml]] as const) {
      const root = join(dir, `out-inside-${format}`);
      mkdirSync(join(root, 'sub'), { recursive: true });
      writeFileSync(join(root, 'a.md'), fixture('harbour'));
      writeFileSync(join(root, 'sub', 'b.md'), fixture('tokyo'));
      const out = join(root, 'site');
      for (let round = 0; round < 2; round++) {
        expect(cli(['--format', format, '--out', out, root])).toEqual({ status: 0, stdout: '', stderr: '' });
      }
      const extension = format === 'markdown' ? '.md' : '.html';
      expect(readdirSync(out, { recursive: true }).sort()).toEqual([`a${extension}`, 'sub', `sub/b${extension}`]);
      expect(readFileSync(join(out, `a${extension}`), 'utf8')).toBe(render(parseSeed(fixture('harbour'))));
      // Other formats have no --out: the folder of an earlier run is input like any other.
      expect(lines(cli(['--format', 'jsonl', root]).stdout).map((line) => (JSON.parse(line) as { file: string }).file)).toEqual(['a.md', `site/a${extension}`, `site/sub/b${extension}`, 'sub/b.md']);
    }
  });

  it('writes nothing when an output would be the folder of another, or where a folder or a file is in the way (exit 2)', () => {
    const seedText = '<!--1700000000000-->\n[T](https://t.example/)\n------\n<p>x</p>';
    const root = join(dir, 'folder-clash');
    mkdirSync(join(root, 'in', 'x.html'), { recursive: true });
    writeFileSync(join(root, 'in', 'x.md'), seedText);
    writeFileSync(join(root, 'in', 'x.html', 'y.md'), seedText);
    const out = join(root, 'out');
    const clash = cli(['--format', 'html', '--out', out, join(root, 'in')]);
    expect(clash).toEqual({ status: 2, stdout: '', stderr: expect.stringContaining(`the output of x.md, ${join(out, 'x.html')}, would be the folder of the output of x.html/y.md; nothing was written`) });
    expect(existsSync(out)).toBe(false);
    // Only x.md: its output is where a folder already is.
    mkdirSync(join(root, 'only-file'));
    writeFileSync(join(root, 'only-file', 'x.md'), seedText);
    const folderThere = join(root, 'out-folder');
    mkdirSync(join(folderThere, 'x.html'), { recursive: true });
    expect(cli(['--format', 'html', '--out', folderThere, join(root, 'only-file')]).stderr).toContain(`the output of x.md, ${join(folderThere, 'x.html')}, is a folder; nothing was written`);
    // Only x.html/y.md: its folder is where a file already is.
    const fileThere = join(root, 'out-file');
    mkdirSync(fileThere);
    writeFileSync(join(fileThere, 'x.html'), 'old');
    mkdirSync(join(root, 'only-folder', 'x.html'), { recursive: true });
    writeFileSync(join(root, 'only-folder', 'x.html', 'y.md'), seedText);
    const inner = cli(['--format', 'html', '--out', fileThere, join(root, 'only-folder')]);
    expect(inner.status).toBe(2);
    expect(inner.stderr).toContain(`the output of x.html/y.md needs a folder ${join(fileThere, 'x.html')}, where a file is; nothing was written`);
    expect(readdirSync(fileThere)).toEqual(['x.html']);
  });

  it('writes nothing when two inputs would make one output, or an output would replace an input (exit 2)', () => {
    const seedText = '<!--1700000000000-->\n[T](https://t.example/)\n------\n<p>x</p>';
    const twins = join(dir, 'twins');
    mkdirSync(twins);
    writeFileSync(join(twins, 'a.md'), seedText);
    writeFileSync(join(twins, 'a.txt'), seedText);
    const out = join(dir, 'twins-out');
    const clash = cli(['--format', 'html', '--out', out, twins]);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain(`a.md and a.txt would both be written to ${join(out, 'a.html')}; nothing was written`);
    expect(existsSync(out)).toBe(false);

    // The input folder itself, or through a link: the walk never reads --out.
    const onto = cli(['--format', 'markdown', '--out', twins, twins]);
    expect(onto.status).toBe(2);
    expect(onto.stderr).toContain(`the folder ${JSON.stringify(twins)} is the --out folder`);
    expect(readFileSync(join(twins, 'a.md'), 'utf8')).toBe(seedText);
    rmSync(join(twins, 'a.txt'));
    writeFileSync(join(twins, 'b.txt'), seedText);
    symlinkSync(twins, join(dir, 'twins-link'));
    const linked = cli(['--format', 'markdown', '--out', join(dir, 'twins-link'), twins]);
    expect(linked.status).toBe(2);
    expect(linked.stderr).toContain('is the --out folder');
    expect(readFileSync(join(twins, 'a.md'), 'utf8')).toBe(seedText);

    // File arguments rendered into their own folder: the output of a.md would replace it.
    const replacing = spawnSync(process.execPath, [CLI, '--format', 'markdown', '--out', '.', 'a.md', 'b.txt'], { cwd: twins, encoding: 'utf8' });
    expect(replacing.status).toBe(2);
    expect(replacing.stderr).toContain('the output of a.md, a.md, would replace the input a.md; nothing was written');
    expect(readFileSync(join(twins, 'a.md'), 'utf8')).toBe(seedText);

    // An output that is an input under another name (a hard link).
    const hard = join(dir, 'hard-out');
    mkdirSync(hard);
    linkSync(join(twins, 'a.md'), join(hard, 'a.html'));
    const hardRun = cli(['--format', 'html', '--out', hard, '--ext', '.md', twins]);
    expect(hardRun.status).toBe(2);
    expect(hardRun.stderr).toContain('would replace the input a.md');
    expect(readFileSync(join(twins, 'a.md'), 'utf8')).toBe(seedText);

    // Two output folders that are one through a link inside --out.
    const linkedOut = join(dir, 'linked-out');
    mkdirSync(join(linkedOut, 'x'), { recursive: true });
    symlinkSync(join(linkedOut, 'x'), join(linkedOut, 'y'));
    const inputs = join(dir, 'xy');
    mkdirSync(join(inputs, 'x'), { recursive: true });
    mkdirSync(join(inputs, 'y'));
    writeFileSync(join(inputs, 'x', 'a.md'), seedText);
    writeFileSync(join(inputs, 'y', 'a.md'), seedText);
    const throughLink = cli(['--format', 'html', '--out', linkedOut, inputs]);
    expect(throughLink.status).toBe(2);
    expect(throughLink.stderr).toContain('x/a.md and y/a.md would both be written to');
    // Only one shard of the two would write each: the other shard's output still counts.
    expect(cli(['--format', 'html', '--out', linkedOut, '--shard', '1/2', inputs]).status).toBe(2);

    // Links in the output folder to what an earlier output creates: a file, and a folder.
    const dangling = join(dir, 'dangling-out');
    mkdirSync(dangling);
    symlinkSync('b.html', join(dangling, 'a.html'));
    const pair = join(dir, 'pair');
    mkdirSync(pair);
    writeFileSync(join(pair, 'a.md'), seedText);
    writeFileSync(join(pair, 'b.md'), seedText);
    const danglingRun = cli(['--format', 'html', '--out', dangling, pair]);
    expect(danglingRun.status).toBe(2);
    // A link at an output's place is never written through.
    expect(danglingRun.stderr).toContain(`the output of a.md, ${join(dangling, 'a.html')}, is a symbolic link; nothing was written`);
    const laterFolder = join(dir, 'later-out');
    mkdirSync(laterFolder);
    symlinkSync('x', join(laterFolder, 'y'));
    const laterRun = cli(['--format', 'html', '--out', laterFolder, inputs]);
    expect(laterRun.status).toBe(2);
    expect(laterRun.stderr).toContain('x/a.md and y/a.md would both be written to');

    // One input named twice makes one output: no conflict.
    const once = join(dir, 'once-out');
    const twice = cli(['--format', 'html', '--out', once, join(inputs, 'x', 'a.md'), join(inputs, 'x', 'a.md')]);
    expect(twice.status).toBe(0);
  });

  it('writes nothing through a link at an output\'s place, nor into a FIFO, and names an --out that leads nowhere (exit 2)', () => {
    const seedText = '<!--1700000000000-->\n[T](https://t.example/)\n------\n<p>x</p>';
    const root = join(dir, 'out-places');
    mkdirSync(join(root, 'in'), { recursive: true });
    writeFileSync(join(root, 'in', 'a.md'), seedText);
    writeFileSync(join(root, 'precious.txt'), 'precious');
    const linked = join(root, 'linked');
    mkdirSync(linked);
    symlinkSync(join(root, 'precious.txt'), join(linked, 'a.html'));
    expect(cli(['--format', 'html', '--out', linked, join(root, 'in')])).toEqual({
      status: 2,
      stdout: '',
      stderr: `seed-parser: --out ${linked}: the output of a.md, ${join(linked, 'a.html')}, is a symbolic link; nothing was written\nTry 'seed-parser --help' for more information.\n`,
    });
    expect(readFileSync(join(root, 'precious.txt'), 'utf8')).toBe('precious');
    const fifo = join(root, 'fifo');
    mkdirSync(fifo);
    execFileSync('mkfifo', [join(fifo, 'a.html')]);
    const blocked = spawnSync(process.execPath, [CLI, '--format', 'html', '--out', fifo, join(root, 'in')], { encoding: 'utf8', timeout: 20_000 });
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toContain(`the output of a.md, ${join(fifo, 'a.html')}, is not a regular file; nothing was written`);
    symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
    expect(cli(['--format', 'html', '--out', join(root, 'dangling'), join(root, 'in')]).stderr).toContain(`--out ${join(root, 'dangling')}: a symbolic link that leads nowhere\n`);
    expect(cli(['--format', 'html', '--out', `${join(root, 'dangling')}/`, join(root, 'in')]).stderr).toContain(`--out ${join(root, 'dangling')}/: a symbolic link that leads nowhere\n`);
    expect(cli(['--format', 'html', '--out', join(root, 'dangling', 'site'), join(root, 'in')]).stderr).toContain(`--out ${join(root, 'dangling', 'site')}: ${join(root, 'dangling')}: a symbolic link that leads nowhere\n`);
    expect(cli(['--format', 'html', '--out', join(root, 'precious.txt', 'site'), join(root, 'in')]).stderr).toContain(`--out ${join(root, 'precious.txt', 'site')}: ${join(root, 'precious.txt')}: not a folder\n`);
    expect(existsSync(join(root, 'nowhere'))).toBe(false);
  });

  it.runIf(process.platform === 'linux')('fails once per file where a folder cannot be made, without retrying for ever (under /proc)', () => {
    const seedText = '<!--1700000000000-->\n[T](https://t.example/)\n------\n<p>x</p>';
    const input = join(dir, 'proc-in');
    mkdirSync(input);
    writeFileSync(join(input, 'a.md'), seedText);
    const result = spawnSync(process.execPath, [CLI, '--format', 'html', '--out', '/proc/seed-parser-none/site', input], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('seed-parser: a.md: WRITE_ERROR: cannot write /proc/seed-parser-none/site/a.html: no such file or directory (ENOENT)\n');
  });
});

describe('two shards of one run writing into one new --out at once', () => {
  it('make the folders they share without failing on one the other made first', async () => {
    const root = join(dir, 'shards-race');
    const seedText = '<!--1700000000000-->\n[T](https://t.example/)\n------\n<p>x</p>';
    for (let folder = 0; folder < 200; folder++) {
      mkdirSync(join(root, 'in', `y${folder % 10}`, `m${folder}`), { recursive: true });
      for (const name of ['a', 'b', 'c']) writeFileSync(join(root, 'in', `y${folder % 10}`, `m${folder}`, `${name}.md`), seedText);
    }
    const shard = (which: string, out: string) =>
      new Promise<{ status: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [CLI, '-q', '--jobs', '1', '--shard', which, '--format', 'html', '--out', out, join(root, 'in')]);
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (status) => done({ status, stderr }));
      });
    for (let round = 0; round < 3; round++) {
      const out = join(root, `out-${round}`);
      expect(await Promise.all([shard('1/2', out), shard('2/2', out)])).toEqual([{ status: 0, stderr: '' }, { status: 0, stderr: '' }]);
      expect(readdirSync(out, { recursive: true }).filter((name) => String(name).endsWith('.html'))).toHaveLength(600);
    }
  }, 60_000);
});

describe('a folder tree deeper than the stack', () => {
  it('is walked without recursion: 1,000 folders deep on a stack of 100 KB', () => {
    const root = join(dir, 'deep');
    let folder = join(root, 'd');
    for (let depth = 0; depth < 1000; depth++) folder = join(folder, 'a');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 's.md'), '<!--1700000000000-->\n[T](https://t.example/)\n------\n<p>x</p>');
    const result = spawnSync(process.execPath, ['--stack-size=100', CLI, '--jobs', '1', 'd'], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: `${'a/'.repeat(1000)}s.md`, ok: true });
  });
});

describe('a file that the walk found regular and that is a FIFO when it is read', () => {
  it.runIf(process.platform !== 'win32')('is a READ_ERROR at once, without waiting for a writer', () => {
    const fifo = join(dir, 'swapped.md');
    execFileSync('mkfifo', [fifo]);
    const outcome = readEntrySync({ file: 'swapped.md', path: fifo, problem: null, regular: true }, {});
    expect(outcome).toEqual({ ok: false, error: { code: 'READ_ERROR', message: 'not a regular file', line: null, column: null } });
    // An empty regular file is still an empty seed.
    const empty = join(dir, 'empty-regular.md');
    writeFileSync(empty, '');
    expect(readEntrySync({ file: 'empty-regular.md', path: empty, problem: null, regular: true }, {})).toMatchObject({ ok: false, error: { code: 'EMPTY_INPUT' } });
  });
});

describe('a named pipe given as an argument', () => {
  it.runIf(process.platform !== 'win32')('that no writer ever opens: a signal still ends the run (the open waits off the main thread)', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const fifo = join(dir, `never-${signal}.md`);
      execFileSync('mkfifo', [fifo]);
      const child = spawn(process.execPath, [CLI, fifo], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, ended) => resolve([code, ended])));
      await new Promise((resolve) => setTimeout(resolve, 500));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const [code, ended] = await closed;
      clearTimeout(timer);
      expect({ code, ended }).toEqual({ code: null, ended: signal });
    }
  });

  it.runIf(process.platform !== 'win32')('is read once, to its end, whenever its writer comes', async () => {
    const seedText = '<!--1700000000000-->\n[Piped](https://pipe.example/)\n------\n<p>through a pipe</p>';
    const source = join(dir, 'piped.md');
    writeFileSync(source, seedText);
    for (let round = 0; round < 6; round++) {
      const fifo = join(dir, `pipe-${round}`);
      execFileSync('mkfifo', [fifo]);
      // The writer opens the pipe before the reader, at the same time, or after it.
      const writer = spawn('sh', ['-c', `sleep 0.${round % 3}; cat "$0" > "$1"`, source, fifo]);
      const closed = new Promise((resolve) => writer.on('close', resolve));
      const run = await new Promise<Run>((resolve) => {
        const reader = spawn(process.execPath, [CLI, fifo], { cwd: ROOT, timeout: 30_000 });
        let stdout = '';
        let stderr = '';
        reader.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        reader.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        reader.on('close', (status) => resolve({ status, stdout, stderr }));
      });
      expect(await closed).toBe(0);
      expect(run).toEqual({ status: 0, stdout: `${JSON.stringify(parseSeed(seedText), null, 2)}\n`, stderr: '' });
    }
  });
});

describe('an Article too large to write', () => {
  it('gets a TOO_LARGE record, and the run goes on; other errors are INTERNAL_ERROR, not taken for it', () => {
    const out: string[] = [];
    const huge = { toJSON: () => { throw new RangeError('Invalid string length'); } } as unknown as Article;
    expect(writeRecord((text) => out.push(text), 'big.md', { ok: true, article: huge })).toEqual({ ok: false, error: expect.objectContaining({ code: 'TOO_LARGE' }) });
    writeRecord((text) => out.push(text), 'next.md', { ok: true, article: parseSeed(fixture('harbour')) });
    expect(out.map((line) => JSON.parse(line) as unknown)).toEqual([
      { file: 'big.md', ok: false, error: { code: 'TOO_LARGE', message: 'the Article parsed, but its JSON would be longer than the longest string this runtime makes', line: null, column: null } },
      { file: 'next.md', ok: true, article: plain(parseSeed(fixture('harbour'))) },
    ]);
    expect(validateRecord(JSON.parse(out[0]!))).toBe(true);
    for (const error of [new TypeError('a bug'), new RangeError('Maximum call stack size exceeded')]) {
      const broken = { toJSON: () => { throw error; } } as unknown as Article;
      expect(writeRecord(() => {}, 'x.md', { ok: true, article: broken })).toEqual({
        ok: false,
        error: { code: 'INTERNAL_ERROR', message: `the Article parsed, but making its JSON failed: ${error.message}`, line: null, column: null },
      });
    }
    expect(errorLine('big\n.md', { code: 'TOO_LARGE', message: 'm', line: null, column: null })).toBe('seed-parser: big\\u000a.md: TOO_LARGE: m\n');
    // An Article of more objects than the renderers take is TOO_LARGE too; a RangeError that merely says the same is not.
    let inlines: unknown[] = [{ type: 'text', value: 'x' }];
    for (let level = 0; level < 40; level++) inlines = [{ type: 'strong', children: inlines }, { type: 'emphasis', children: inlines }];
    const shared = { ...parseSeed(fixture('harbour')), body: [{ type: 'paragraph', text: 'x', inlines }] } as unknown as Article;
    expect(written(() => toHtml(shared), 'its HTML')).toEqual({
      ok: false,
      error: { code: 'TOO_LARGE', message: 'the Article parsed, but it holds more than 16777216 objects, more than the renderers take', line: null, column: null },
    });
    expect(written(() => { throw new RangeError('toHtml: body[0] makes the tree hold more than 16777216 objects'); }, 'its HTML')).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
  });
});

describe('usage errors', () => {
  it.each([
    [['--bogus', 'x'], "Unknown option '--bogus'"],
    [['--jobs', '0', 'x'], '--jobs must be a whole number of at least 1, not "0"'],
    [['no/such/path.md'], 'cannot read "no/such/path.md": no such file or directory (ENOENT)'],
    [['--base-url', 'javascript:alert(1)', 'x'], '--base-url: options.baseUrl must not be a javascript: URL'],
    // The library leaves relative URLs as written against a base that is not absolute: on the command line that is a typo.
    [['--base-url', 'example.com', 'x'], '--base-url must be an absolute URL (such as https://news.example/), not "example.com"'],
    [['--base-url', '', 'x'], '--base-url must be an absolute URL (such as https://news.example/), not ""'],
    [['-f', 'html', '-o', 'package.json', 'test/fixtures'], '--out package.json: not a folder'],
    // One line, whatever parseArgs says, and names shown as failure lines show them.
    [['--quiet=yes', 'x'], "Option '-q, --quiet' does not take an argument"],
    // A value with a dash, which parseArgs calls ambiguous, gets the message of its option.
    [['-j', '-1', 'x'], '--jobs must be a whole number of at least 1, not "-1"'],
  ])('%j exits 2, names the problem and points to --help', (args, message) => {
    const run = cli(args);
    expect(run).toEqual({ status: 2, stdout: '', stderr: `seed-parser: ${message}\nTry 'seed-parser --help' for more information.\n` });
  });

  it('writes a name with a line feed in a usage error as failure lines write it, on one line', () => {
    const file = join(dir, 'a\nb');
    writeFileSync(file, '');
    expect(cli(['-f', 'html', '-o', file, 'test/fixtures']).stderr).toBe(`seed-parser: --out ${join(dir, 'a\\u000ab')}: not a folder\nTry 'seed-parser --help' for more information.\n`);
  });

  it.each([
    [['-j', 'two', 'x'], '--jobs must be a whole number of at least 1, not "two"'],
    [['--jobs'], "Option '-j, --jobs <value>' argument missing"],
    [['--format', 'xml', 'x'], '--format must be one of jsonl, json, markdown, html, not "xml"'],
    [['--shard', '4/3', 'x'], '--shard must be K/N with 1 <= K <= N, such as --shard 2/8, not "4/3"'],
    [['--shard', '0/3', 'x'], '--shard must be K/N with 1 <= K <= N, such as --shard 2/8, not "0/3"'],
    [['--shard', '1', 'x'], '--shard must be K/N with 1 <= K <= N, such as --shard 2/8, not "1"'],
    [['--ext', ',', 'x'], '--ext needs at least one extension, such as --ext md,html'],
    [['--out', 'o', 'x'], '--out is for --format markdown or html; redirect standard output for jsonl and json'],
    [['-', '-'], 'standard input ("-") can be read only once'],
  ])('%j is a usage error: %s', (args, message) => {
    expect(() => readArguments(args)).toThrow(new UsageError(message));
  });

  it('reads every option', () => {
    expect(readArguments(['-f', 'html', '-o', 'out', '-j', '2', '--ext', 'MD, .seed', '--shard', '2/5', '--base-url', 'https://b.example/', '-q', 'a', '-'])).toEqual({
      kind: 'run',
      options: { paths: ['a', '-'], format: 'html', out: 'out', jobs: 2, extensions: ['.md', '.seed'], shard: { index: 2, count: 5 }, baseUrl: 'https://b.example/', quiet: true },
    });
    expect(readArguments(['a'])).toMatchObject({ options: { format: null, out: null, jobs: availableParallelism(), extensions: ['.md', '.markdown', '.txt', '.html'], shard: null, quiet: false } });
    // More threads than CPUs are taken as the number of CPUs (2 at least).
    expect(readArguments(['--jobs', '1000', 'a'])).toMatchObject({ options: { jobs: Math.max(2, availableParallelism()) } });
    expect(readArguments(['--jobs', '99999999999999999999', 'a'])).toMatchObject({ options: { jobs: Math.max(2, availableParallelism()) } });
    expect(() => readArguments(['--shard', '1/99999999999999999999', 'a'])).toThrow(UsageError);
    expect(readArguments(['--jobs', '2', 'a'])).toMatchObject({ options: { jobs: 2 } });
  });

  it('needs --out for Markdown or HTML of a folder, and jsonl for JSON of a folder', () => {
    expect(cli(['--format', 'markdown', good]).stderr).toContain('seed-parser: --format markdown writes one file per input: give --out DIR for folders or several files\n');
    expect(cli(['--format', 'json', good]).stderr).toContain('seed-parser: --format json prints the Article of one file; use --format jsonl for folders or several files\n');
  });

  it('--help and --version', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout.startsWith('Usage: seed-parser [options] <file|dir|->...\n')).toBe(true);
    for (const option of ['--format', '--out', '--jobs', '--ext', '--shard', '--quiet', '--help', '--version']) expect(help.stdout).toContain(option);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(cli(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('the terminal and pipes', () => {
  it('ends quietly when the reader closes the pipe (| head -1)', () => {
    const result = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${CLI}" --jobs 2 "${good}" "${archive}/a.seed.md" | head -1`], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toHaveLength(1);
    expect(validateRecord(JSON.parse(result.stdout))).toBe(true);
  });

  it('shows progress on standard error only when it is a terminal, and not with --quiet', () => {
    // `script` (util-linux) runs the command with a pseudo-terminal as standard error.
    const shown = execFileSync('script', ['-qec', `"${process.execPath}" "${CLI}" --jobs 1 "${good}" > /dev/null`, '/dev/null'], { encoding: 'utf8' });
    const total = readdirSync(good).length;
    expect(shown).toContain(`${total}/${total} files | `);
    expect(shown).toMatch(/\d+ files\/s \| ETA \d+s \| 0 failed/);
    const quiet = execFileSync('script', ['-qec', `"${process.execPath}" "${CLI}" --quiet --jobs 1 "${good}" > /dev/null`, '/dev/null'], { encoding: 'utf8' });
    expect(quiet).toBe('');
  });

  it('shows no bar when the output goes to the same terminal, and writes failures whole above the bar', () => {
    const sample = join(ROOT, 'examples', 'sample.seed.md');
    const same = execFileSync('script', ['-qec', `"${process.execPath}" "${CLI}" "${sample}"`, '/dev/null'], { encoding: 'utf8' });
    expect(same.replaceAll('\r\n', '\n')).toBe(`${JSON.stringify(parseSeed(readFileSync(sample, 'utf8')), null, 2)}\n`);
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed);
    for (let index = 0; index < 40; index++) writeFileSync(join(mixed, `${String(index).padStart(2, '0')}.md`), index % 10 === 0 ? 'no header\n' : fixture('harbour'));
    const shown = execFileSync('script', ['-qec', `"${process.execPath}" "${CLI}" --jobs 1 -f html -o "${join(dir, 'mixed-out')}" "${mixed}"; true`, '/dev/null'], { encoding: 'utf8' });
    for (const index of ['00', '10', '20', '30']) {
      expect(shown).toContain(`seed-parser: ${index}.md:1:1: MISSING_TIMESTAMP: Expected a timestamp comment like <!--1684512901000-->, found "no header" (line 1, column 1)\r\n`);
    }
    expect(shown).toMatch(/40\/40 files \| \d+ files\/s \| ETA \d+s \| 4 failed/);
    expect(shown).toMatch(/\nseed-parser: 36 parsed, 4 failed, \d+\.\d\d s\r\n$/);
    // No saved cursor to jump back to; no setting of the terminal changed (line wrapping, the cursor).
    for (const sequence of ['\u001b7', '\u001b8', '\u001b[?7l', '\u001b[?25l']) expect(shown).not.toContain(sequence);
  });

  it('ends at once with Ctrl-C (SIGINT), leaving the terminal as it was', () => {
    const slow = join(dir, 'slow');
    mkdirSync(slow);
    // Many files, so that the bar is drawn between batches before the signal comes.
    const body = '<p>The night train runs again, with <b>more cars</b> and a new timetable.</p>\n'.repeat(250);
    for (let index = 0; index < 2000; index++) writeFileSync(join(slow, `${index}.md`), `<!--1700000000000-->\n[T](https://x.example/)\n---\n${body}`);
    const run = spawnSync('script', ['-qec', `timeout --preserve-status -s INT 1.5 "${process.execPath}" "${CLI}" --jobs 1 "${slow}" > /dev/null`, '/dev/null'], { encoding: 'utf8' });
    expect(run.status).toBe(130);
    expect(run.stdout).toContain('files/s');
    for (const sequence of ['\u001b7', '\u001b[?7l', '\u001b[?25l']) expect(run.stdout).not.toContain(sequence);
  });
});

/**
 * The reference: decoding with replacement, the first U+FFFD that does not
 * stand for the bytes EF BF BD marks the first bad sequence; its line and
 * column count the text before it (line feeds only, UTF-16 units, no BOM).
 */
function referencePosition(bytes: Uint8Array): { line: number; column: number } | null {
  const text = new TextDecoder().decode(bytes);
  let offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index)!;
    if (codePoint === 0xfffd && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) {
      const before = text.slice(0, index);
      return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
    }
    offset += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    index += codePoint > 0xffff ? 2 : 1;
  }
  return null;
}

describe('the position of bad UTF-8', () => {
  it('is where the decoder first replaces bytes, for any mix of text and stray bytes', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }).map((text) => new TextEncoder().encode(text)),
      fc.constantFrom([0x0a], [0xef, 0xbb, 0xbf], [0xef, 0xbf, 0xbd], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xff], [0x80]).map((bytes) => Uint8Array.from(bytes)),
      fc.uint8Array({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const bytes = Uint8Array.from(pieces.flatMap((bytes) => [...bytes]));
        expect(locateInvalidUtf8(bytes)).toEqual(referencePosition(bytes));
      }),
      checkOptions(400),
    );
  });
});
