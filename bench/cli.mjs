// The command line on an archive: a folder of 20,000 seeds (the corpus batch repeated) written to a
// temporary folder, parsed by `node dist/cli.js --format jsonl --jobs N <dir> > /dev/null` and by an
// in-process loop of readFileSync + parseSeed + JSON.stringify: once in a fresh process of its own
// (bench/cli-loop.mjs, timed like the command line from Node's start to its exit), and once warm, in
// this process after an untimed pass. Rounds alternate; medians. Prints JSON:
//   { built: false }  when dist/cli.js is not there, else
//   { built: true, files, bytes, rounds, loop: ms (warm), loopProcess: ms (fresh process),
//     jobs: { 1: ms, 2: ms }, exitCodes, errors,
//     records: lines the CLI wrote, parsed: records with "ok": true,
//     filesPerSecond / megabytesPerSecond: { loop, 1, 2 },
//     startup: ms of `--jobs 1` on an empty folder (Node's start and the CLI's imports),
//     halves: ms of two `--jobs 1` processes at once, each on half of the folders: what two cores
//       give this work with no sharing at all, the ceiling for `--jobs 2` on this machine }
//   node bench/cli.mjs [--files 20000] [--rounds 5]
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusFiles } from './inputs.mjs';

const { values } = parseArgs({ options: { files: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } } });
const FILES = Number(values.files);
const ROUNDS = Number(values.rounds);
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

if (!existsSync(CLI)) {
  console.log(JSON.stringify({ built: false }));
  process.exit(0);
}

// 20,000 files in folders of 1,000, as an archive holds them.
const dir = mkdtempSync(join(os.tmpdir(), 'seed-cli-bench-'));
const sources = corpusFiles();
const paths = [];
let bytes = 0;
for (let index = 0; index < FILES; index++) {
  const source = sources[index % sources.length];
  const folder = join(dir, `part-${String(Math.floor(index / 1000)).padStart(2, '0')}`);
  if (index % 1000 === 0) mkdirSync(folder);
  const path = join(folder, `${String(index).padStart(5, '0')}-${basename(source.path)}`);
  writeFileSync(path, source.bytes);
  paths.push(path);
  bytes += source.bytes.length;
}

const { parseSeed } = await import('seed-parser');
let sink = 0;
/** What every exporter does, in this process, one file after another. */
function loop() {
  const start = performance.now();
  for (const path of paths) sink += JSON.stringify(parseSeed(readFileSync(path, 'utf8'))).length;
  return performance.now() - start;
}

const LOOP = fileURLToPath(new URL('./cli-loop.mjs', import.meta.url));
/** The same loop in a fresh process: Node's start, the imports and the compiler's warm-up included, as for the command line. */
function loopProcess() {
  const start = performance.now();
  const result = spawnSync(process.execPath, [LOOP, dir], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`bench/cli-loop.mjs exited ${result.status}`);
  return performance.now() - start;
}

function cli(jobs, inputs = [dir]) {
  const devNull = openSync('/dev/null', 'w');
  const start = performance.now();
  const result = spawnSync(process.execPath, [CLI, '--format', 'jsonl', '--jobs', String(jobs), ...inputs], {
    stdio: ['ignore', devNull, 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  closeSync(devNull);
  return { ms, status: result.status, stderr: (result.stderr ?? '').slice(0, 400) };
}

/** Two `--jobs 1` processes at once, each on half of the folders. */
const folders = readdirSync(dir).sort().map((name) => join(dir, name));
const halves = [folders.slice(0, Math.ceil(folders.length / 2)), folders.slice(Math.ceil(folders.length / 2))];
function cliHalves() {
  const start = performance.now();
  return Promise.all(
    halves.map(
      (inputs) =>
        new Promise((resolve) => {
          spawn(process.execPath, [CLI, '--format', 'jsonl', '--jobs', '1', ...inputs], { stdio: 'ignore' }).on('close', resolve);
        }),
    ),
  ).then(() => performance.now() - start);
}

const empty = mkdtempSync(join(os.tmpdir(), 'seed-cli-bench-empty-'));
function startup() {
  const start = performance.now();
  spawnSync(process.execPath, [CLI, '--quiet', '--jobs', '1', empty], { stdio: 'ignore' });
  return performance.now() - start;
}

const times = { loop: [], loopProcess: [], 1: [], 2: [], halves: [], startup: [] };
const exitCodes = {};
const errors = {};
loop();
for (let round = 0; round < ROUNDS; round++) {
  times.loop.push(loop());
  times.loopProcess.push(loopProcess());
  for (const jobs of [1, 2]) {
    const { ms, status, stderr } = cli(jobs);
    times[jobs].push(ms);
    exitCodes[jobs] = status;
    if (status !== 0) errors[jobs] = stderr;
  }
  times.halves.push(halves[1].length > 0 ? await cliHalves() : NaN);
  times.startup.push(startup());
}
// Once, untimed: the CLI must have written one record per file, each one parsed.
const check = spawnSync(process.execPath, [CLI, '--format', 'jsonl', '--jobs', '2', dir], { maxBuffer: 1 << 30 });
let records = 0;
let parsed = 0;
for (const line of (check.stdout ?? Buffer.alloc(0)).toString('utf8').split('\n')) {
  if (line === '') continue;
  records++;
  try {
    if (JSON.parse(line).ok === true) parsed++;
  } catch {
    // Not a record: counted, not parsed.
  }
}
rmSync(dir, { recursive: true, force: true });
rmSync(empty, { recursive: true, force: true });
const ms = { loop: median(times.loop), loopProcess: median(times.loopProcess), 1: median(times[1]), 2: median(times[2]) };
const rate = (per) => Object.fromEntries(Object.entries(ms).map(([key, value]) => [key, Math.round((per / value) * 1000 * 10) / 10]));
if (sink === -1) console.error('');
console.log(
  JSON.stringify({
    built: true,
    files: FILES,
    bytes,
    rounds: ROUNDS,
    loop: ms.loop,
    loopProcess: ms.loopProcess,
    jobs: { 1: ms[1], 2: ms[2] },
    exitCodes,
    errors,
    records,
    parsed,
    filesPerSecond: rate(FILES),
    megabytesPerSecond: rate(bytes / 1e6),
    startup: median(times.startup),
    halves: median(times.halves),
  }),
);
