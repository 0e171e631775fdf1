// The benchmark: every contender on the same inputs, alternating after a warm-up, in one process.
// Prints its tables and writes them to bench/RESULTS.md.
//   npm run bench                 (builds first)
//   node bench/run.mjs --quick    fewer rounds
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import * as cheerio from 'cheerio';
import { Parser, Tokenizer } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { parseSeed, parseSeedStream } from 'seed-parser';
import { copyArticle, stringCopies } from './floor.mjs';
import { bodyOf, corpusBatch, generatedSeed, pathologicalSeeds } from './inputs.mjs';
import { bundleSizes, importTimes } from './size.mjs';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
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
const PARSER = 'htmlparser2 Parser (empty handlers)';

/** Contenders: each parses a list of seeds (the HTML parsers take their bodies). */
function contenders(seeds, { slow = true } = {}) {
  const bodies = seeds.map(bodyOf);
  const list = [
    ['parseSeed', () => { for (const seed of seeds) sink += parseSeed(seed).body.length; }],
    ['parseSeed + stats.words', () => { for (const seed of seeds) sink += parseSeed(seed).stats.words; }],
    [PARSER, () => { for (const body of bodies) new Parser({}).end(body); }],
    ['htmlparser2 Tokenizer (empty callbacks)', () => {
      for (const body of bodies) {
        const tokenizer = new Tokenizer({}, emptyCallbacks);
        tokenizer.write(body);
        tokenizer.end();
      }
    }],
    ['cheerio.load + text of all p', () => { for (const body of bodies) sink += cheerio.load(body)('p').text().length; }],
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
    list.push(['linkedom + Readability', () => {
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
  const base = medians.get('parseSeed');
  const parser = medians.get(PARSER);
  const rows = [...medians].map(([name, ms]) => {
    const mbs = bytes / MB / (ms / 1000);
    const docs = documents / (ms / 1000);
    return `| ${name} | ${mbs.toFixed(1)} | ${docs.toFixed(0)} | ${(base / ms).toFixed(2)}× | ${(parser / ms).toFixed(2)}× |`;
  });
  const head = '| contender | MB/s | documents/s | throughput vs parseSeed | vs htmlparser2 Parser |';
  return [`### ${title}`, '', head, '| --- | ---: | ---: | ---: | ---: |', ...rows, ''].join('\n');
}

const out = [];
const began = performance.now();
const progress = (step) => process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0)} s] ${step}\n`);
const say = (text) => {
  console.log(text);
  out.push(text);
};

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
say('# Benchmark results');
say('');
say(`${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${cpu} · ${os.cpus().length} cores · ${ROUNDS} rounds, medians`);
say('');
say('Ratios are throughput relative to `parseSeed`, and to htmlparser2\'s `Parser`, in the same run: above 1× is faster. The HTML parsers parse the bodies; `parseSeed` parses whole seeds (front matter and header too). The floor rows are the least that any parser returning this Article spends (bench/README.md, "The floor").');
say('');

// 1. The corpus batch.
const batch = corpusBatch();
const repeat = 10;
const batchRuns = contenders(batch).map(([name, run]) => [name, () => { for (let index = 0; index < repeat; index++) run(); }]);
say(throughputTable(`Corpus batch (${batch.length} seeds, ${(bytesOf(batch) / 1024).toFixed(0)} KB, parsed ${repeat}× per sample)`, race(batchRuns, ROUNDS), bytesOf(batch) * repeat, batch.length * repeat));

// 2. The large generated seed, and streaming it.
progress('large seed');
const large = generatedSeed(8 * MB);
const largeBytes = encoder.encode(large);
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
  parseSeed(large);
  streamTimes.whole.push(performance.now() - start);
  collect();
  start = performance.now();
  await parseSeedStream(byteChunks());
  streamTimes.bytes.push(performance.now() - start);
  collect();
  start = performance.now();
  await parseSeedStream(stringChunks());
  streamTimes.strings.push(performance.now() - start);
}
const largeMedians = race(contenders([large], { slow: false }), Math.max(3, Math.round(ROUNDS / 3)));
say(throughputTable(`Generated seed (${(largeBytes.length / MB).toFixed(1)} MB, from the test fixtures)`, largeMedians, largeBytes.length, 1));
say('| streaming | MB/s | throughput vs parseSeed of the whole string |');
say('| --- | ---: | ---: |');
for (const [name, key] of [['parseSeedStream, 64 KB byte chunks', 'bytes'], ['parseSeedStream, 64 KB string chunks', 'strings']]) {
  const ms = median(streamTimes[key]);
  say(`| ${name} | ${(largeBytes.length / MB / (ms / 1000)).toFixed(1)} | ${(median(streamTimes.whole) / ms).toFixed(2)}× |`);
}
say('');

// 3. Linear cost, and 4. pathological inputs: each is timed alternately with the seed it is
// compared with, so that the machine's drift over the run does not enter the ratio.

/** Parses the seeds alternately for `rounds` rounds (each `runs` times per round); median ms per MB of each. */
const alternatePerMb = (seeds, rounds) => {
  const samples = seeds.map(() => []);
  for (const { seed } of seeds) parseSeed(seed);
  for (let round = 0; round < rounds; round++) {
    seeds.forEach(({ seed, runs }, index) => {
      for (let run = 0; run < runs; run++) {
        collect();
        const start = performance.now();
        parseSeed(seed);
        samples[index].push(performance.now() - start);
      }
    });
  }
  return seeds.map(({ seed }, index) => median(samples[index]) / (encoder.encode(seed).length / MB));
};

progress('linear cost');
const [small, huge] = alternatePerMb(
  [
    { seed: generatedSeed(1 * MB), runs: ROUNDS },
    { seed: generatedSeed(64 * MB), runs: 1 },
  ],
  5,
);
say('### Linear cost');
say('');
say('The two seeds are parsed alternately (the 1 MB seed several times per round).');
say('');
say('| seed | ms per MB |');
say('| --- | ---: |');
say(`| 1 MB | ${small.toFixed(2)} |`);
say(`| 64 MB | ${huge.toFixed(2)} |`);
say(`| ratio 64 MB / 1 MB | ${(huge / small).toFixed(2)}× |`);
say('');

progress('pathological seeds');
say('### Pathological seeds (about 4 MB each)');
say('');
say(`Per-MB time of each, against the ${(largeBytes.length / MB).toFixed(0)} MB generated seed parsed alternately with it.`);
say('');
say('| seed | ms per MB | normal seed, ms per MB | vs normal |');
say('| --- | ---: | ---: | ---: |');
for (const [name, seed] of pathologicalSeeds()) {
  progress(name);
  const [ms, normal] = alternatePerMb(
    [
      { seed, runs: 1 },
      { seed: large, runs: 1 },
    ],
    values.quick ? 3 : 9,
  );
  say(`| ${name.replace(/</g, '&lt;')} | ${ms.toFixed(2)} | ${normal.toFixed(2)} | ${(ms / normal).toFixed(2)}× |`);
}
say('');

// 5. Memory, bundle size and import time (fresh processes).
progress('memory, size, start-up');
const memory = JSON.parse(execFileSync(process.execPath, ['--expose-gc', new URL('./memory.mjs', import.meta.url).pathname], { encoding: 'utf8' }));
say('### Memory: parseSeedStream of a 64 MB seed in 64 KB chunks (fresh process, from a file)');
say('');
say('| measure | MB | × input |');
say('| --- | ---: | ---: |');
say(`| input | ${(memory.input / MB).toFixed(1)} | 1.00× |`);
say(`| peak RSS growth while parsing | ${(memory.peakRssGrowth / MB).toFixed(1)} | ${(memory.peakRssGrowth / memory.input).toFixed(2)}× |`);
say(`| heap used after the parse (Article alive) | ${(memory.heapGrowth / MB).toFixed(1)} | ${(memory.heapGrowth / memory.input).toFixed(2)}× |`);
say(`| strings of the Article, each occurrence counted (UTF-16) | ${(memory.articleStrings / MB).toFixed(1)} | ${(memory.articleStrings / memory.input).toFixed(2)}× |`);
say(`| floor: heap of the leanest copy of that Article (bench/floor.mjs) | ${(memory.floorHeap / MB).toFixed(1)} | ${(memory.floorHeap / memory.input).toFixed(2)}× |`);
say(
  memory.heapAfterDrop <= 0
    ? '| heap after the Article is dropped | at or below the baseline: nothing of the input is kept | |'
    : `| heap after the Article is dropped | ${(memory.heapAfterDrop / MB).toFixed(1)} | ${(memory.heapAfterDrop / memory.input).toFixed(2)}× |`,
);
say('');

const sizes = await bundleSizes();
const imports = importTimes();
say('### Size and start-up');
say('');
say('| package | ESM bundle, minified | minified + gzip | import in a fresh Node process |');
say('| --- | ---: | ---: | ---: |');
for (const name of ['seed-parser', 'htmlparser2']) {
  say(`| ${name} (dependencies included) | ${(sizes[name].minified / 1024).toFixed(1)} KB | ${(sizes[name].gzip / 1024).toFixed(1)} KB | ${imports[name].toFixed(1)} ms |`);
}
say('');
if (sink === -1) console.log('');

writeFileSync(new URL('./RESULTS.md', import.meta.url), `${out.join('\n')}\n`);
