import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const USAGE = "\nTry 'seed-parser --help' for more information.\n";

/** A seed whose body is `paragraphs` paragraphs of some 80 characters. */
const seed = (paragraphs: number, index = 0) =>
  `<!--1700000000000-->\n[Night trains ${index}](https://x.example/${index})\n---\n${'<p>The night train runs again, with <b>more cars</b> and a new timetable.</p>\n'.repeat(paragraphs)}`;

function cli(args: string[], options: { cwd?: string; stdout?: number } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr };
}

let dir: string;

beforeAll(() => {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist', 'cli-worker.js'))) execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'seed-cli-adversarial-'));
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('an option value that starts with a dash', () => {
  it.each([
    [['--jobs', '-1', 'x'], '--jobs must be a whole number of at least 1, not "-1"'],
    [['-j', '-1', 'x'], '--jobs must be a whole number of at least 1, not "-1"'],
    [['-qj', '-4', 'x'], '--jobs must be a whole number of at least 1, not "-4"'],
    [['--jobs', '--quiet', 'x'], '--jobs must be a whole number of at least 1, not "--quiet"'],
    [['--shard', '-1/2', 'x'], '--shard must be K/N with 1 <= K <= N, such as --shard 2/8, not "-1/2"'],
    [['-f', '-x', 'x'], '-f needs a value, not "-x"; write --format=-x for a value that starts with a dash'],
    [['--out', '-q', 'x'], '--out needs a value, not "-q"; write --out=-q for a value that starts with a dash'],
    // Another error comes first: it is the one told. A lone dash is a value (standard input).
    [['--nope', '--out', '-', 'x'], "Unknown option '--nope'"],
  ])('%j is a usage error that names the option and the value', (args, message) => {
    expect(cli(args)).toEqual({ status: 2, signal: null, stdout: '', stderr: `seed-parser: ${message}${USAGE}` });
  });

  it('is read as the value with --option=value, and a file that starts with a dash is read after --', () => {
    expect(cli(['--jobs=-1', 'x']).stderr).toBe(`seed-parser: --jobs must be a whole number of at least 1, not "-1"${USAGE}`);
    const folder = join(dir, 'dashes');
    mkdirSync(folder);
    writeFileSync(join(folder, '-a.md'), seed(1));
    const run = cli(['-f', 'jsonl', '--', '-a.md'], { cwd: folder });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as { file: string; ok: boolean }).file).toBe('-a.md');
  });
});

describe('standard output redirected into an input', () => {
  it('is a usage error, before anything is read or written (`seed-parser d > d/all.md`)', () => {
    const folder = join(dir, 'self');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.md'), seed(1));
    writeFileSync(join(folder, 'b.md'), seed(1));
    const output = join(folder, 'all.md');
    const fd = openSync(output, 'w');
    try {
      expect(cli([folder], { stdout: fd })).toEqual({
        status: 2,
        signal: null,
        stdout: '',
        stderr: `seed-parser: the input all.md is the file standard output writes to: the run would read what it writes${USAGE}`,
      });
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(output, 'utf8')).toBe('');
    // Whatever path names it: a file argument, another spelling of it, among other arguments.
    const again = openSync(output, 'w');
    try {
      const run = cli(['-f', 'jsonl', join(folder, 'a.md'), `${folder}/./all.md`], { stdout: again });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`seed-parser: the input ${folder}/./all.md is the file standard output writes to: the run would read what it writes${USAGE}`);
    } finally {
      closeSync(again);
    }
    rmSync(output);
  });

  it('leaves a seed appended to (`seed-parser a.md >> a.md`) as it was', () => {
    const file = join(dir, 'appended.md');
    writeFileSync(file, seed(2));
    const fd = openSync(file, 'a');
    try {
      expect(cli([file], { stdout: fd })).toMatchObject({ status: 2, stderr: `seed-parser: the input ${file} is the file standard output writes to: the run would read what it writes${USAGE}` });
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe(seed(2));
  });

  it('is no error with --out, which writes nothing to standard output', () => {
    const folder = join(dir, 'self-out');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.md'), seed(1));
    const output = join(folder, 'log.md');
    const fd = openSync(output, 'w');
    try {
      const run = cli(['-f', 'markdown', '--out', join(dir, 'self-out-site'), folder], { stdout: fd });
      // The empty file the shell made is an input like any other: it fails, and the run goes on.
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('log.md:1:1: EMPTY_INPUT');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(join(dir, 'self-out-site', 'a.md'), 'utf8')).toContain('# [');
  });

  it('is no error when the output file is beside the inputs but not one of them', () => {
    const folder = join(dir, 'beside');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.md'), seed(1));
    const output = join(folder, 'all.jsonl');
    const fd = openSync(output, 'w');
    try {
      expect(cli([folder], { stdout: fd })).toEqual({ status: 0, signal: null, stdout: '', stderr: '' });
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(output, 'utf8').split('\n').map((line) => (line === '' ? null : (JSON.parse(line) as { file: string }).file))).toEqual(['a.md', null]);
  });
});

describe('a run ended by a signal', () => {
  it('ends between two writes: a reader of the pipe gets whole records, and the process ends by the signal', async () => {
    const folder = join(dir, 'signal');
    mkdirSync(folder);
    // Records of some 22 KB: the first write of 1 MB, within the first batch of 64 files, fills the pipe and waits for the reader.
    for (let index = 0; index < 130; index++) writeFileSync(join(folder, `${String(index).padStart(3, '0')}.md`), seed(250, index));
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = spawn(process.execPath, [CLI, '--jobs', '1', folder], { stdio: ['ignore', 'pipe', 'pipe'] });
      const closed = once(child, 'close');
      const chunks: Buffer[] = [];
      let stderr = '';
      child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
      const [first] = (await once(child.stdout, 'data')) as [Buffer];
      chunks.push(first);
      // The reader stops: the writer waits inside its write when the signal comes.
      child.stdout.pause();
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill(signal);
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.stdout.on('data', (data: Buffer) => chunks.push(data));
      child.stdout.resume();
      const [code, ended] = (await closed) as [number | null, NodeJS.Signals | null];
      expect({ code, ended, stderr }).toEqual({ code: null, ended: signal, stderr: '' });
      const text = Buffer.concat(chunks).toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      const records = text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as { file: string; ok: boolean });
      expect(records.length).toBeGreaterThan(0);
      expect(records.length).toBeLessThan(130);
      expect(records.map((record) => record.file)).toEqual(Array.from({ length: records.length }, (_, index) => `${String(index).padStart(3, '0')}.md`));
      expect(records.every((record) => record.ok)).toBe(true);
    }
  });
});

describe('a second signal', () => {
  it('of any kind ends the run at once, even while the reader of its output has stopped reading', async () => {
    const folder = join(dir, 'second-signal');
    mkdirSync(folder);
    for (let index = 0; index < 130; index++) writeFileSync(join(folder, `${String(index).padStart(3, '0')}.md`), seed(250, index));
    for (const [first, second] of [['SIGINT', 'SIGTERM'], ['SIGTERM', 'SIGHUP'], ['SIGINT', 'SIGINT']] as const) {
      const child = spawn(process.execPath, [CLI, '--jobs', '1', folder], { stdio: ['ignore', 'pipe', 'ignore'] });
      const closed = once(child, 'close');
      await once(child.stdout, 'data');
      // The reader stops for good: the first signal waits for it, the second does not.
      child.stdout.pause();
      await new Promise((resolve) => setTimeout(resolve, 200));
      child.kill(first);
      await new Promise((resolve) => setTimeout(resolve, 200));
      child.kill(second);
      const [code, ended] = (await closed) as [number | null, NodeJS.Signals | null];
      expect({ code, ended }).toEqual({ code: null, ended: second });
    }
  });
});

describe('an output of --out that cannot be written whole', () => {
  it('leaves the file that was there as it was, and no temporary file', () => {
    const input = join(dir, 'limited-in');
    const out = join(dir, 'limited-out');
    mkdirSync(input);
    mkdirSync(out);
    writeFileSync(join(input, 'small.md'), seed(1));
    // Some 200 KB of HTML, over the limit of 100 KB that the shell sets on the size of a file written.
    writeFileSync(join(input, 'big.md'), seed(2500));
    writeFileSync(join(out, 'big.html'), 'the output of an earlier run\n');
    const run = spawnSync('bash', ['-c', `ulimit -f 100; exec "${process.execPath}" "${CLI}" --jobs 1 -f html -o "${out}" "${input}"`], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^seed-parser: big\\.md: WRITE_ERROR: cannot write ${out.replaceAll('.', '\\.')}/big\\.html: file too large \\(EFBIG\\)\nseed-parser: 1 parsed, 1 failed, \\d+\\.\\d\\d s\n$`));
    expect(readdirSync(out).sort()).toEqual(['big.html', 'small.html']);
    expect(readFileSync(join(out, 'big.html'), 'utf8')).toBe('the output of an earlier run\n');
    expect(readFileSync(join(out, 'small.html'), 'utf8')).toMatch(/^<article>[^]*<\/article>$/);
  });
});

describe('standard output to a file that cannot take it all', () => {
  // Node writes to a file synchronously and takes a partial write as whole: the end of the output was lost with status 0.
  const limited = (args: string, output: string) =>
    spawnSync('bash', ['-c', `ulimit -f 100; exec "${process.execPath}" "${CLI}" ${args} > "${output}"`], { encoding: 'utf8' });

  it.each([['json'], ['jsonl'], ['markdown'], ['html']])('-f %s past a file size limit (ulimit -f): status 1, the error told, the file cut at the limit', (format) => {
    const input = join(dir, `limited-stdout-${format}.md`);
    // Some 1 MB of output in every format, over the limit of 100 KB the shell sets.
    writeFileSync(input, seed(12_000));
    const output = join(dir, `limited-stdout.${format}`);
    const run = limited(`-f ${format} "${input}"`, output);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('seed-parser: cannot write the output: file too large (EFBIG)\n');
    expect(readFileSync(output).length).toBe(100 * 1024);
  });

  it('--jobs 2 over a folder whose last output goes past the limit, and a file taken whole under it', () => {
    const input = join(dir, 'limited-stdout-folder');
    mkdirSync(input);
    for (let index = 0; index < 150; index++) writeFileSync(join(input, `${String(index).padStart(3, '0')}.md`), seed(1, index));
    writeFileSync(join(input, 'zz-last.md'), seed(12_000));
    const run = limited(`--jobs 2 "${input}"`, join(dir, 'limited-stdout-folder.jsonl'));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('seed-parser: cannot write the output: file too large (EFBIG)\n');
    rmSync(join(input, 'zz-last.md'));
    const whole = limited(`--jobs 2 "${input}"`, join(dir, 'limited-stdout-folder.jsonl'));
    expect(whole).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(join(dir, 'limited-stdout-folder.jsonl'), 'utf8').split('\n')).toHaveLength(151);
  });

  it('/dev/full: status 1, no space left on device', () => {
    const run = spawnSync('bash', ['-c', `exec "${process.execPath}" "${CLI}" "${join(dir, 'limited-stdout-json.md')}" > /dev/full`], { encoding: 'utf8' });
    expect(run).toMatchObject({ status: 1, stderr: 'seed-parser: cannot write the output: no space left on device (ENOSPC)\n' });
  });
});

describe('the output of a batch, held as bytes', () => {
  it('passes no limit of one buffer: chunks of at most the size asked (a text larger than it alone in its own), in order, every byte kept', async () => {
    const { createByteBuffer } = await import('../src/cli/bytes.js');
    const buffer = createByteBuffer(16, 64);
    const texts = ['a'.repeat(10), 'é中😀'.repeat(5), 'b'.repeat(100), '', 'c'.repeat(30), 'd'.repeat(30), 'e'];
    for (const text of texts) buffer.put(text);
    const expected = new TextEncoder().encode(texts.join(''));
    expect(buffer.size).toBe(expected.length);
    const chunks = buffer.take();
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.length)).toEqual([10, 45, 100, 30, 31]);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(expected));
    // Taken, it starts empty again.
    expect(buffer.size).toBe(0);
    expect(Buffer.concat(buffer.take())).toEqual(Buffer.alloc(0));
  });

  it('writes into a buffer with 2 GiB of room or more (where Buffer.write without a length writes nothing)', async () => {
    const { createByteBuffer } = await import('../src/cli/bytes.js');
    // Memory not written is not taken from the system: only the pages written are.
    const buffer = createByteBuffer(2 ** 31 + 16);
    buffer.put('{"ok":true}\n');
    buffer.put('😀');
    expect(buffer.size).toBe(16);
    expect(Buffer.concat(buffer.take()).toString()).toBe('{"ok":true}\n😀');
  });
});

describe('a run with --jobs 2 and --out ended by a signal', () => {
  it('ends between two writes on every thread: a stop waits for the writes under way, and no write begins after it', async () => {
    vi.resetModules();
    const stop = await import('../src/cli/stop.js');
    expect(stop.beginWrite()).toBe(true);
    let stopped = false;
    const stopping = stop.stopWrites().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A write under way holds the stop; none begins meanwhile.
    expect(stopped).toBe(false);
    expect(stop.beginWrite()).toBe(false);
    stop.endWrite();
    await stopping;
    expect(stopped).toBe(true);
    expect(stop.beginWrite()).toBe(false);
    vi.resetModules();
  });

  it('leaves no temporary file in the output folder, whenever the signal comes', async () => {
    const input = join(dir, 'signal-out-in');
    for (let folder = 0; folder < 4; folder++) {
      mkdirSync(join(input, `d${folder}`), { recursive: true });
      for (let index = 0; index < 1000; index++) writeFileSync(join(input, `d${folder}`, `${index}.md`), seed(3, index));
    }
    const temporaries = (folder: string): string[] =>
      existsSync(folder) ? readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => /\.seed-parser\.[0-9a-f]+\.tmp$/.test(name)) : [];
    for (let run = 0; run < 6; run++) {
      const out = join(dir, `signal-out-${run}`);
      const child = spawn(process.execPath, [CLI, '--jobs', '2', '-q', '--format', 'html', '--out', out, input], { stdio: 'ignore' });
      const closed = once(child, 'close');
      // Once the first files are written, at a moment that differs from run to run.
      while (!existsSync(join(out, 'd0'))) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 40 * run));
      child.kill('SIGINT');
      const [code, ended] = (await closed) as [number | null, NodeJS.Signals | null];
      expect({ code, ended }).toEqual({ code: null, ended: 'SIGINT' });
      expect(temporaries(out)).toEqual([]);
    }
  });
});

describe('a run of large files ended by a signal', () => {
  it('ends with a whole record: a file read in pieces (over 8 MB) lets the signal in mid-batch, and nothing is sent after it but whole records', async () => {
    const folder = join(dir, 'signal-large');
    mkdirSync(folder);
    const paragraph = `<p>${'Lorem ipsum dolor sit amet. '.repeat(40)}</p>\n`;
    const body = paragraph.repeat(Math.ceil((8.5 * 1024 * 1024) / paragraph.length));
    for (let index = 0; index < 6; index++) writeFileSync(join(folder, `${index}.md`), `<!--1700000000000-->\n[Large ${index}](https://x.example/${index})\n---\n${body}`);
    const child = spawn(process.execPath, [CLI, '--jobs', '1', folder], { stdio: ['ignore', 'pipe', 'pipe'] });
    const closed = once(child, 'close');
    const chunks: Buffer[] = [];
    child.stdout.on('data', (data: Buffer) => chunks.push(data));
    await once(child.stdout, 'data');
    child.kill('SIGINT');
    const [code, ended] = (await closed) as [number | null, NodeJS.Signals | null];
    expect({ code, ended }).toEqual({ code: null, ended: 'SIGINT' });
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const records = text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as { file: string; ok: boolean });
    expect(records.length).toBeLessThan(6);
    expect(records.every((record) => record.ok)).toBe(true);
  });
});
