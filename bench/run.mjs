// The benchmark: every contender on the same inputs, alternating after a warm-up, in one process.
// Prints its tables, each target and whether it is met, and writes them to bench/RESULTS.md.
//   npm run bench                 (builds first)
//   node --expose-gc bench/run.mjs --quick    fewer rounds (after npm run build; does not write RESULTS.md)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import * as cheerio from 'cheerio';
import { Parser, Tokenizer } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { createSeedParser, parseSeed, parseSeedStream, SeedParseError } from 'seed-parser';
import { copyArticle, stringCopies } from './floor.mjs';
import { bodyOf, corpusBatch, generatedSeed, PATHOLOGICAL_BYTES, pathologicalSeeds } from './inputs.mjs';
import { bundleSizes, ENTRIES, importTimes } from './size.mjs';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } },
});
/** `--only corpus --only cli …`: run some sections (a partial run never writes RESULTS.md). */
const SECTIONS = ['corpus', 'large', 'linear', 'pathological', 'memory', 'size', 'cli'];
for (const section of values.only ?? []) if (!SECTIONS.includes(section)) throw new Error(`--only ${section}: not one of ${SECTIONS.join(', ')}`);
const runs = (section) => values.only === undefined || values.only.includes(section);
const partial = values.quick || values.only !== undefined;
const ROUNDS = values.quick ? 5 : 15;
const MB = 1024 * 1024;
const encoder = new TextEncoder();
const bytesOf = (texts) => texts.reduce((sum, text) => sum + encoder.encode(text).length, 0);
const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

const noop = () => {};
const emptyCallbacks = {
  onattribdata: noop, onattribentity: noop, onattribend: noop, onattribname: noop, oncdata: noop, onclosetag: noop,
  oncomment: noop, ondeclaration: noop, onend: noop, onopentagend: noop, onopentagname: noop,
  onprocessinginstruction: noop, onselfclosingtag: noop, ontext: noop, ontextentity: noop,
};
let sink = 0;
const PARSE_SEED = 'parseSeed (stats.words read)';
const STRINGIFY = 'JSON.stringify(parseSeed(x))';
const PARSER = 'htmlparser2 Parser (empty handlers)';
const CHEERIO = 'cheerio.load + text of all p';
const LINKEDOM = 'linkedom + Readability';

/** Every target of the contract, with what this run measured. */
const targets = [];
function target(what, goal, measured, met, at = targets.length) {
  targets[at] = { what, goal, measured, met };
  progress(`${met ? 'met' : 'NOT MET'}: ${what}: ${measured} (target ${goal})`);
}
/** A place in the targets table for a target measured later (the races against the DOM libraries). */
const reserve = () => targets.push(null) - 1;
/**
 * The races against the DOM libraries, run after every other timing of this process. They leave
 * tens of MB in the old generation, which V8 then marks while the next samples run and which slows
 * whatever allocates (bench/README.md, "The full run"): raced last, that cost stays out of every
 * other row, and lands, if anywhere, on parseSeed's side of the ratios against them.
 */
const domRaces = [];
const times = (ratio) => `${ratio.toFixed(2)}×`;

/** Contenders: each parses a list of seeds (the HTML parsers take their bodies). */
function contenders(seeds, { slow = true } = {}) {
  const bodies = seeds.map(bodyOf);
  const list = [
    // Reading stats.words: the whole Article.
    [PARSE_SEED, () => { for (const seed of seeds) sink += parseSeed(seed).stats.words; }],
    [PARSER, () => { for (const body of bodies) new Parser({}).end(body); }],
    ['htmlparser2 Tokenizer (empty callbacks)', () => {
      for (const body of bodies) {
        const tokenizer = new Tokenizer({}, emptyCallbacks);
        tokenizer.write(body);
        tokenizer.end();
      }
    }],
    [CHEERIO, () => { for (const body of bodies) sink += cheerio.load(body)('p').text().length; }],
    ['one charCodeAt pass (lower bound)', () => {
      for (const body of bodies) for (let index = 0; index < body.length; index++) sink += body.charCodeAt(index);
    }],
  ];
  // The floor (bench/floor.mjs): reading the body as fast as htmlparser2 can (its Tokenizer, entity
  // decoding off), then making the Article's objects and strings with none of the rules applied.
  const articles = seeds.map((seed) => parseSeed(seed));
  for (const article of articles) {
    sink += article.stats.words;
    for (const copy of Object.values(stringCopies)) assert.deepStrictEqual(copyArticle(article, copy), article);
  }
  const floor = (copy) => () => {
    for (let index = 0; index < bodies.length; index++) {
      const tokenizer = new Tokenizer({ decodeEntities: false }, emptyCallbacks);
      tokenizer.write(bodies[index]);
      tokenizer.end();
      sink += copyArticle(articles[index], copy).body.length;
    }
  };
  list.push(
    ['floor: Tokenizer, no decoding + the Article built, own strings', floor(stringCopies.own)],
    ['floor: Tokenizer, no decoding + the Article built, strings not copied', floor(stringCopies.same)],
  );
  if (slow) {
    // What every exporter does: the whole Article, serialized.
    list.splice(1, 0, [STRINGIFY, () => { for (const seed of seeds) sink += JSON.stringify(parseSeed(seed)).length; }]);
    list.push([LINKEDOM, () => {
      for (const body of bodies) {
        const { document } = parseHTML(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
        sink += new Readability(document).parse()?.textContent.length ?? 0;
      }
    }]);
  }
  return list;
}

/**
 * Collects the young garbage of whatever ran before, so that each sample starts with an empty young
 * generation and none meets its first scavenge early. It is a minor collection (on Node 20,
 * `gc({ type: 'major' })` does no more than this). A full collection (`gc()`) would also shrink the
 * heap, and every contender would then run slower while it grows back; see bench/README.md.
 */
const collect = () => globalThis.gc?.({ type: 'minor', execution: 'sync' });

/** Runs the contenders alternately (A B C … A B C …) after a warm-up; median milliseconds of each. */
function race(list, rounds) {
  const times = new Map(list.map(([name]) => [name, []]));
  for (const [name, run] of list) {
    progress(`warm-up: ${name}`);
    run();
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of list) {
      collect();
      const start = performance.now();
      run();
      times.get(name).push(performance.now() - start);
    }
  }
  return new Map([...times].map(([name, samples]) => [name, median(samples)]));
}

function throughputTable(title, medians, bytes, documents) {
  const base = medians.get(PARSE_SEED);
  const parser = medians.get(PARSER);
  const rows = [...medians].map(([name, ms]) => {
    const mbs = bytes / MB / (ms / 1000);
    const docs = documents / (ms / 1000);
    const cells = [name, mbs.toFixed(1), docs.toFixed(0), `${(base / ms).toFixed(2)}×`];
    if (parser !== undefined) cells.push(`${(parser / ms).toFixed(2)}×`);
    return `| ${cells.join(' | ')} |`;
  });
  const head = `| contender | MB/s | documents/s | throughput vs parseSeed |${parser === undefined ? '' : ' vs htmlparser2 Parser |'}`;
  const rule = `| --- | ---: | ---: | ---: |${parser === undefined ? '' : ' ---: |'}`;
  return [`### ${title}`, '', head, rule, ...rows, ''].join('\n');
}

const out = [];
const began = performance.now();
const progress = (step) => process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0)} s] ${step}\n`);
const say = (text) => {
  console.log(text);
  out.push(text);
};
const escape = (text) => text.replace(/</g, '&lt;');
const mbs = (bytes, ms) => bytes / MB / (ms / 1000);

/** Page faults of this process so far: each is the first touch of a 4 KB page the process had not used, or had given back. */
const pageFaults = () => process.resourceUsage().minorPageFault;
/**
 * What one page fault costs on this machine: 128 MB of new memory, one write per 4 KB page, timed.
 * A parse that keeps a large Article grows the heap into pages like these (and V8 gives pages back
 * after a full collection, to take them again later), so a fault's cost is part of the cost per MB
 * of large seeds and of seeds made of many small blocks (bench/README.md, "Fresh memory").
 */
function faultCost() {
  const samples = [];
  for (let round = 0; round < 3; round++) {
    const faults = pageFaults();
    const start = performance.now();
    const memory = new Uint8Array(128 * MB);
    for (let index = 0; index < memory.length; index += 4096) memory[index] = 1;
    samples.push(((performance.now() - start) * 1000) / Math.max(1, pageFaults() - faults));
  }
  return median(samples);
}
let measuredFaultCost;
/** `faultCost()`, measured once per run. */
const faultMicroseconds = () => (measuredFaultCost ??= faultCost());
/** The share of `msPerMb` that `faultsPerMb` faults take at `microseconds` each. */
const faultShare = (faultsPerMb, msPerMb, microseconds) => `${Math.round((100 * faultsPerMb * microseconds) / 1000 / msPerMb)} %`;

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
say('# Benchmark results');
say('');
say(`${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${cpu} · ${os.cpus().length} cores · ${ROUNDS} rounds, medians`);
say('');
const summaryAt = out.length;
say('Ratios are throughput relative to `parseSeed`, and to htmlparser2\'s `Parser`, in the same run: above 1× is faster. The HTML parsers parse the bodies; `parseSeed` parses whole seeds (front matter and header too) and reads `stats.words`, so it measures the whole Article. The floor rows are the least that any parser returning this Article spends (bench/README.md, "The floor").');
say('');

// 1. The corpus batch.
if (runs('corpus')) {
  const batch = corpusBatch();
  const repeat = 10;
  const batchRuns = contenders(batch).map(([name, run]) => [name, () => { for (let index = 0; index < repeat; index++) run(); }]);
  const doms = new Set([CHEERIO, LINKEDOM]);
  const medians = race(batchRuns.filter(([name]) => !doms.has(name)), ROUNDS);
  const title = `Corpus batch (${batch.length} seeds, ${(bytesOf(batch) / 1024).toFixed(0)} KB, parsed ${repeat}× per sample)`;
  say(throughputTable(title, medians, bytesOf(batch) * repeat, batch.length * repeat));
  const vs = (name) => medians.get(name) / medians.get(PARSE_SEED);
  const ratio = vs(PARSER);
  target('corpus batch: parseSeed vs htmlparser2 Parser', '≥ 0.8×', times(ratio), ratio >= 0.8);
  const [cheerioAt, linkedomAt] = [reserve(), reserve()];
  domRaces.push(() => {
    const domMedians = race(batchRuns.filter(([name]) => name === PARSE_SEED || doms.has(name)), ROUNDS);
    say(throughputTable(`${title}, against the DOM libraries (raced after every other timing)`, domMedians, bytesOf(batch) * repeat, batch.length * repeat));
    const vsDom = (name) => domMedians.get(name) / domMedians.get(PARSE_SEED);
    target('corpus batch: parseSeed vs cheerio.load + text of all p', '≥ 8×', times(vsDom(CHEERIO)), vsDom(CHEERIO) >= 8, cheerioAt);
    target('corpus batch: parseSeed vs linkedom + Readability', '≥ 60×', times(vsDom(LINKEDOM)), vsDom(LINKEDOM) >= 60, linkedomAt);
  });
  const stringify = medians.get(PARSER) / medians.get(STRINGIFY);
  targets.push({ what: 'corpus batch: JSON.stringify(parseSeed(x)) vs htmlparser2 Parser', goal: 'reported', measured: times(stringify), met: null });
}

// 2. The large generated seed, and streaming it.
const large = generatedSeed(8 * MB);
const largeBytes = encoder.encode(large);
if (runs('large')) {
  progress('large seed');
  const chunkBytes = 64 * 1024;
  async function* byteChunks() {
    for (let offset = 0; offset < largeBytes.length; offset += chunkBytes) yield largeBytes.subarray(offset, offset + chunkBytes);
  }
  async function* stringChunks() {
    for (let offset = 0; offset < large.length; offset += chunkBytes) yield large.slice(offset, offset + chunkBytes);
  }
  const streamTimes = { bytes: [], strings: [], whole: [] };
  // As many rounds as the corpus race: a 0.9× target is within a single sample's noise.
  for (let round = 0; round < ROUNDS; round++) {
    collect();
    let start = performance.now();
    sink += parseSeed(large).stats.words;
    streamTimes.whole.push(performance.now() - start);
    collect();
    start = performance.now();
    sink += (await parseSeedStream(byteChunks())).stats.words;
    streamTimes.bytes.push(performance.now() - start);
    collect();
    start = performance.now();
    sink += (await parseSeedStream(stringChunks())).stats.words;
    streamTimes.strings.push(performance.now() - start);
  }
  const largeRuns = contenders([large], { slow: false });
  const largeRounds = Math.max(3, Math.round(ROUNDS / 3));
  const medians = race(largeRuns.filter(([name]) => name !== CHEERIO), largeRounds);
  const largeTitle = `Generated seed (${(largeBytes.length / MB).toFixed(1)} MB, from the test fixtures)`;
  say(throughputTable(largeTitle, medians, largeBytes.length, 1));
  // Page faults of one more parse of each (untimed for the table above).
  const faultsPerMb = (name) => {
    const run = largeRuns.find(([contender]) => contender === name)[1];
    collect();
    const faults = pageFaults();
    const start = performance.now();
    run();
    return { faults: (pageFaults() - faults) / (largeBytes.length / MB), ms: (performance.now() - start) / (largeBytes.length / MB) };
  };
  const microseconds = faultMicroseconds();
  const [ours, theirs] = [faultsPerMb(PARSE_SEED), faultsPerMb(PARSER)];
  say(`Page faults (new 4 KB pages touched) per MB of input, one more parse of each: \`parseSeed\` ${ours.faults.toFixed(0)}, about ${faultShare(ours.faults, ours.ms, microseconds)} of its time at ${microseconds.toFixed(1)} µs each (measured in the linear section's way); htmlparser2 \`Parser\` ${theirs.faults.toFixed(0)}.`);
  say('');
  domRaces.push(() => {
    const domMedians = race(largeRuns.filter(([name]) => name === PARSE_SEED || name === CHEERIO), largeRounds);
    say(throughputTable(`${largeTitle}, against cheerio (raced after every other timing)`, domMedians, largeBytes.length, 1));
  });
  const ratio = medians.get(PARSER) / medians.get(PARSE_SEED);
  target('generated 8 MB seed: parseSeed vs htmlparser2 Parser', '≥ 0.6×', times(ratio), ratio >= 0.6);
  say('| streaming | MB/s | throughput vs parseSeed of the whole string |');
  say('| --- | ---: | ---: |');
  for (const [name, key] of [['parseSeedStream, 64 KB byte chunks', 'bytes'], ['parseSeedStream, 64 KB string chunks', 'strings']]) {
    const ms = median(streamTimes[key]);
    const streamRatio = median(streamTimes.whole) / ms;
    say(`| ${name} | ${mbs(largeBytes.length, ms).toFixed(1)} | ${times(streamRatio)} |`);
    target(`streaming: ${name} vs parseSeed of the whole string`, '≥ 0.9×', times(streamRatio), streamRatio >= 0.9);
  }
  say('');
}

// 3. Linear cost, and 4. pathological inputs: each is timed alternately with the seed it is
// compared with, so that the machine's drift over the run does not enter the ratio.

/** Parses a seed whole, or in chunks of `chunk` bytes with createSeedParser; a header error is an outcome too. */
function parser(seed, chunk) {
  if (chunk !== undefined) {
    const bytes = encoder.encode(seed);
    return () => {
      const streaming = createSeedParser();
      for (let offset = 0; offset < bytes.length; offset += chunk) streaming.write(bytes.subarray(offset, offset + chunk));
      sink += streaming.end().stats.words;
      return 'Article';
    };
  }
  return () => {
    try {
      sink += parseSeed(seed).stats.words;
      return 'Article';
    } catch (error) {
      if (!(error instanceof SeedParseError)) throw error;
      return error.code;
    }
  };
}

/**
 * Runs each parse alternately for `rounds` rounds (each `runs` times per round); of each, the median
 * ms per MB, and the median number of page faults per MB (see `faultCost`).
 */
const alternatePerMb = (entries, rounds) => {
  const samples = entries.map(() => ({ ms: [], faults: [] }));
  for (const { run } of entries) run();
  for (let round = 0; round < rounds; round++) {
    entries.forEach(({ run, runs: count }, index) => {
      for (let time = 0; time < count; time++) {
        collect();
        const faults = pageFaults();
        const start = performance.now();
        run();
        samples[index].ms.push(performance.now() - start);
        samples[index].faults.push(pageFaults() - faults);
      }
    });
  }
  return entries.map(({ bytes }, index) => ({ ms: median(samples[index].ms) / (bytes / MB), faults: median(samples[index].faults) / (bytes / MB) }));
};
const entry = (seed, runs = 1, chunk = undefined) => ({ run: parser(seed, chunk), bytes: encoder.encode(seed).length, runs });

if (runs('linear')) {
  progress('linear cost');
  const [small, huge] = alternatePerMb([entry(generatedSeed(1 * MB), ROUNDS), entry(generatedSeed(64 * MB))], values.quick ? 3 : 5);
  const microseconds = faultMicroseconds();
  say('### Linear cost');
  say('');
  say(`The two seeds are parsed alternately (the 1 MB seed several times per round). Page faults: new 4 KB pages of memory touched per MB of input, medians; one costs ${microseconds.toFixed(1)} µs on this machine (128 MB of new memory written once per page), which gives their share of the time.`);
  say('');
  say('| seed | ms per MB | page faults per MB | their share of the time |');
  say('| --- | ---: | ---: | ---: |');
  say(`| 1 MB | ${small.ms.toFixed(2)} | ${small.faults.toFixed(0)} | ${faultShare(small.faults, small.ms, microseconds)} |`);
  say(`| 64 MB | ${huge.ms.toFixed(2)} | ${huge.faults.toFixed(0)} | ${faultShare(huge.faults, huge.ms, microseconds)} |`);
  say(`| ratio 64 MB / 1 MB | ${times(huge.ms / small.ms)} | ${times(huge.faults / Math.max(1, small.faults))} | |`);
  say('');
  target('linear cost: per MB at 64 MB vs at 1 MB', '≤ 1.3×', times(huge.ms / small.ms), huge.ms / small.ms <= 1.3);
}

/**
 * The size at which a pathological seed is timed: after a warm-up at 32 KB it is parsed once at
 * 32 KB, 64 KB, … up to its size, and timed at full size unless on the way its cost per MB both
 * passes PROBE_LIMIT times a normal seed's and grows by more than half at a doubling (so it grows
 * faster than linearly, and the next sizes would take minutes, then hours). It is then timed at
 * the size before, and its row says so; one that passes PROBE_CAP times it is timed where it is.
 * A size past PROBE_LIMIT is parsed a second time, and the faster parse counts (one parse can meet
 * a collection of the heap); a growth past PROBE_GROWTH is confirmed by three more parses of
 * both sizes (at 32 KB a seed's fixed costs and the heap's collections weigh more than its size). A seed that is merely slow per MB, or slow while cold, is timed at
 * full size; a superlinear one costs the bench seconds, whatever the machine's speed.
 */
const PROBE_LIMIT = 10;
const PROBE_GROWTH = 1.5;
/** Past this many times a normal seed's cost per MB the target (3×) is missed by far: no larger size is tried. */
const PROBE_CAP = 30;
function probeSize({ make, chunk, max = PATHOLOGICAL_BYTES }, normalPerMb) {
  parser(make(32 * 1024), chunk)();
  let previous = Infinity;
  let previousTimed = null;
  for (let bytes = 32 * 1024; bytes <= max; bytes = bytes < max && bytes * 2 > max ? max : bytes * 2) {
    const run = parser(make(bytes), chunk);
    const size = bytes;
    const timed = () => {
      const start = performance.now();
      run();
      return (performance.now() - start) / (size / MB);
    };
    let perMb = timed();
    // One parse can meet a collection of the heap or code not yet optimized: a size is given up on only if a second parse confirms it.
    if (perMb > PROBE_LIMIT * normalPerMb) perMb = Math.min(perMb, timed());
    if (perMb > PROBE_LIMIT * normalPerMb && perMb > PROBE_GROWTH * previous) {
      // Small sizes are dominated by fixed costs and noise: the growth is confirmed by three more parses of both sizes.
      perMb = Math.min(perMb, timed(), timed(), timed());
      previous = Math.min(previous, previousTimed(), previousTimed(), previousTimed());
      if (perMb > PROBE_GROWTH * previous) return Math.max(32 * 1024, bytes / 2);
    }
    if (perMb > PROBE_CAP * normalPerMb) return bytes;
    previous = perMb;
    previousTimed = timed;
    if (bytes === max) break;
  }
  return max;
}

if (runs('pathological')) {
  progress('pathological seeds');
  say('### Pathological seeds (4 MB each, front matter 120 KB, unless the row says less)');
  say('');
  say(`Per-MB time of each, against the ${(largeBytes.length / MB).toFixed(0)} MB generated seed parsed alternately with it. A seed whose cost per MB, on its way from 32 KB to 4 MB, passes ${PROBE_LIMIT}× the normal seed's while growing by more than half at a doubling (so it grows faster than linearly), or passes ${PROBE_CAP}× it, is measured at a smaller size, which its row gives.`);
  say('');
  say('| seed | size | result | ms per MB | normal seed, ms per MB | vs normal | page faults per MB | normal seed, page faults per MB |');
  say('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
  let worst = { ratio: 0, name: '' };
  const smaller = [];
  const [{ ms: normalPerMb }] = alternatePerMb([entry(large)], 1);
  for (const item of pathologicalSeeds()) {
    progress(item.name);
    const bytes = probeSize(item, normalPerMb);
    const seed = item.make(bytes);
    const result = parser(seed, item.chunk)();
    const [{ ms, faults }, { ms: normal, faults: normalFaults }] = alternatePerMb([entry(seed, 1, item.chunk), entry(large)], values.quick ? 3 : 7);
    const ratio = ms / normal;
    if (ratio > worst.ratio) worst = { ratio, name: item.name };
    if (bytes < (item.max ?? PATHOLOGICAL_BYTES)) smaller.push(item.name);
    const size = encoder.encode(seed).length;
    say(`| ${escape(item.name)} | ${size < MB ? `${(size / 1024).toFixed(0)} KB` : `${(size / MB).toFixed(1)} MB`} | ${result} | ${ms.toFixed(2)} | ${normal.toFixed(2)} | ${times(ratio)} | ${faults.toFixed(0)} | ${normalFaults.toFixed(0)} |`);
  }
  say('');
  target(`pathological seeds: the costliest per MB (${escape(worst.name)}) vs a normal seed`, '≤ 3×', times(worst.ratio), worst.ratio <= 3);
  target('pathological seeds: every one measurable at 4 MB (none superlinear)', 'all', smaller.length === 0 ? 'all' : `not: ${smaller.map(escape).join(', ')}`, smaller.length === 0);
}

if (domRaces.length > 0) {
  progress('the DOM libraries');
  for (const domRace of domRaces) domRace();
}

// 5. Memory, bundle size and import time (fresh processes).
if (runs('memory')) {
  progress('memory');
  const memory = JSON.parse(execFileSync(process.execPath, ['--expose-gc', new URL('./memory.mjs', import.meta.url).pathname], { encoding: 'utf8' }));
  say('### Memory: parseSeedStream of a 64 MB seed in 64 KB chunks (fresh process, from a file)');
  say('');
  say('| measure | MB | × input |');
  say('| --- | ---: | ---: |');
  say(`| input | ${(memory.input / MB).toFixed(1)} | 1.00× |`);
  say(`| peak RSS growth while parsing | ${(memory.peakRssGrowth / MB).toFixed(1)} | ${times(memory.peakRssGrowth / memory.input)} |`);
  say(`| heap used after the parse (Article alive) | ${(memory.heapGrowth / MB).toFixed(1)} | ${times(memory.heapGrowth / memory.input)} |`);
  say(`| strings of the Article, each occurrence counted (UTF-16) | ${(memory.articleStrings / MB).toFixed(1)} | ${times(memory.articleStrings / memory.input)} |`);
  say(`| floor: heap of the leanest copy of that Article (bench/floor.mjs) | ${(memory.floorHeap / MB).toFixed(1)} | ${times(memory.floorHeap / memory.input)} |`);
  say(
    memory.heapAfterDrop <= 0
      ? '| heap after the Article is dropped | at or below the baseline: nothing of the input is kept | |'
      : `| heap after the Article is dropped | ${(memory.heapAfterDrop / MB).toFixed(1)} | ${times(memory.heapAfterDrop / memory.input)} |`,
  );
  say('');
  const growth = memory.peakRssGrowth / memory.input;
  target('memory: peak RSS growth of the 64 MB streaming parse vs the input', '≤ 5×', times(growth), growth <= 5);
}

if (runs('size')) {
  progress('size, start-up');
  const sizes = await bundleSizes();
  const imports = importTimes();
  say('### Size and start-up');
  say('');
  say('| entry | ESM bundle, minified | minified + gzip | import in a fresh Node process |');
  say('| --- | ---: | ---: | ---: |');
  for (const name of ENTRIES) {
    say(`| \`${name}\` (dependencies included) | ${(sizes[name].minified / 1024).toFixed(1)} KB | ${(sizes[name].gzip / 1024).toFixed(1)} KB | ${imports[name].toFixed(1)} ms |`);
  }
  say('');
  const leaked = sizes['seed-parser'].rendererInputs;
  target('size: the main entry holds none of the renderers\' code', 'none', leaked.length === 0 ? 'none' : leaked.slice(0, 3).join(', '), leaked.length === 0);
  targets.push({ what: 'size and import time of `seed-parser` and `seed-parser/render`', goal: 'reported', measured: `${(sizes['seed-parser'].gzip / 1024).toFixed(1)} KB gzip, ${imports['seed-parser'].toFixed(0)} ms / ${(sizes['seed-parser/render'].gzip / 1024).toFixed(1)} KB gzip, ${imports['seed-parser/render'].toFixed(0)} ms`, met: null });
}

// 6. The command line on an archive (bench/cli.mjs, a fresh process).
if (runs('cli')) {
  progress('command line');
  const cli = JSON.parse(
    execFileSync(process.execPath, [new URL('./cli.mjs', import.meta.url).pathname, '--rounds', values.quick ? '1' : '3'], { encoding: 'utf8', maxBuffer: 1 << 24 }),
  );
  say('### Command line: a folder of 20,000 seeds');
  say('');
  if (!cli.built) {
    say('not built: `dist/cli.js` is missing (`npm run build`).');
    say('');
    target('CLI: --jobs 2 vs --jobs 1; --jobs 1 vs an in-process loop', '≥ 1.5×; ≥ 0.7×', 'not built', false);
  } else {
    say(`The corpus batch repeated to ${cli.files.toLocaleString('en')} files (${(cli.bytes / MB).toFixed(1)} MB) in a temporary folder. \`node dist/cli.js --format jsonl --jobs N <dir> > /dev/null\`, the whole process timed, against a loop of \`readFileSync\` + \`parseSeed\` + \`JSON.stringify\` (no output written) run as a process of its own and timed the same way (bench/cli-loop.mjs), and the same loop warm in the bench's process (after an untimed pass: no start, no imports, no compiler warm-up); ${cli.rounds} ${cli.rounds === 1 ? 'round' : 'rounds alternating, medians'}.`);
    say('');
    say('| run | seconds | files/s | MB/s | throughput vs the loop process | exit code |');
    say('| --- | ---: | ---: | ---: | ---: | ---: |');
    const row = (name, ms, code) =>
      say(`| ${name} | ${(ms / 1000).toFixed(2)} | ${(cli.files / (ms / 1000)).toFixed(0)} | ${mbs(cli.bytes, ms).toFixed(1)} | ${times(cli.loopProcess / ms)} | ${code} |`);
    row('loop: readFileSync + parseSeed + JSON.stringify, a process of its own', cli.loopProcess, 0);
    row('the same loop, warm, in the bench\'s process', cli.loop, '');
    row('`--jobs 1`', cli.jobs[1], cli.exitCodes[1]);
    row('`--jobs 2`', cli.jobs[2], cli.exitCodes[2]);
    row('two `--jobs 1` processes at once, each on half of the folders', cli.halves, '');
    row('`--jobs 1` on an empty folder (start-up)', cli.startup, '');
    say('');
    for (const [jobs, message] of Object.entries(cli.errors)) say(`\`--jobs ${jobs}\` exited ${cli.exitCodes[jobs]}: ${message.trim().split('\n')[0]}`);
    say(`Records written by \`--jobs 2\` (checked once, untimed): ${cli.records.toLocaleString('en')}, of which ${cli.parsed.toLocaleString('en')} \`"ok": true\`. Two independent processes on half the archive each bound what two threads can give here: ${times(cli.jobs[1] / cli.halves)} \`--jobs 1\`'s throughput.`);
    say('');
    const parallel = cli.jobs[1] / cli.jobs[2];
    const single = cli.loopProcess / cli.jobs[1];
    const clean = cli.exitCodes[1] === 0 && cli.exitCodes[2] === 0 && cli.records === cli.files && cli.parsed === cli.files;
    if (!clean) say('The CLI did not write one good record per file: its targets count as not met.');
    target('CLI: --jobs 2 vs --jobs 1 (throughput)', '≥ 1.5×', times(parallel), parallel >= 1.5 && clean);
    targets.push({ what: 'CLI: two --jobs 1 processes on half the archive each vs one --jobs 1 (what two cores give here)', goal: 'reported', measured: times(cli.jobs[1] / cli.halves), met: null });
    target('CLI: --jobs 1 vs the loop, each a process of its own (throughput)', '≥ 0.7×', times(single), single >= 0.7 && clean);
    targets.push({ what: 'CLI: --jobs 1 vs the loop warm in the bench\'s process', goal: 'reported', measured: times(cli.loop / cli.jobs[1]), met: null });
  }
}

// The targets, first in RESULTS.md.
const summary = ['## Targets', '', '| target | goal | this run | met |', '| --- | --- | --- | --- |'];
for (const { what, goal, measured, met } of targets.filter(Boolean)) summary.push(`| ${what} | ${goal} | ${measured} | ${met === null ? '(reported)' : met ? 'yes' : '**no**'} |`);
summary.push('');
console.log(summary.join('\n'));
out.splice(summaryAt, 0, ...summary);
if (sink === -1) console.log('');

if (partial) {
  progress('a partial run (--quick or --only): bench/RESULTS.md is left as it is');
} else {
  writeFileSync(new URL('./RESULTS.md', import.meta.url), `${out.join('\n')}\n`);
}
