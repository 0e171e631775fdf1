// Memory of a streaming parse, in a fresh process (run with --expose-gc): a 64 MB seed is written to
// a temporary file and streamed in 64 KB chunks. Prints JSON.
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { join } from 'node:path';
import { parseSeedStream } from 'seed-parser';
import { copyArticle, ownCompactString } from './floor.mjs';
import { generatedSeed } from './inputs.mjs';

const dir = mkdtempSync(join(os.tmpdir(), 'seed-bench-'));
const file = join(dir, 'large.seed.md');
writeFileSync(file, generatedSeed(64 * 1024 * 1024));
const input = statSync(file).size;

const settle = () => {
  for (let index = 0; index < 4; index++) globalThis.gc();
};
// The generated string stays reachable until this task ends: let it go before the baseline, or
// the baseline holds 64 MB or more that is freed during the parse and hides part of the Article.
await new Promise((resolve) => setTimeout(resolve, 0));
settle();
const rss0 = process.memoryUsage().rss;
/** The memory the young generation's space holds from the system (both of its halves; its large objects aside). */
const newSpaceCommitted = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').physical_space_size;
const young0 = newSpaceCommitted();
const heap0 = process.memoryUsage().heapUsed;
let peakRss = rss0;

async function* chunks() {
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    const { rss } = process.memoryUsage();
    if (rss > peakRss) peakRss = rss;
    yield chunk;
  }
}

/**
 * Parses, measures with the Article alive, and lets it go. Then the floor (bench/floor.mjs): the
 * heap of a copy of the Article in the leanest form the contract allows: each string once, one byte
 * per character where it fits, and no text that could be joined from other strings when read.
 */
async function measure() {
  let article = await parseSeedStream(chunks());
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  // Where the peak is, before any collection: the Article, what the parse has left for the
  // collector (in the old generation too, until its next full collection), and the young generation.
  const heapAtEnd = process.memoryUsage().heapUsed - heap0;
  const youngCommitted = newSpaceCommitted() - young0;
  settle();
  const heapGrowth = process.memoryUsage().heapUsed - heap0;
  // Every occurrence counts (a paragraph's text is often the very string of its one inline).
  let articleStrings = 0;
  const stack = [article];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      articleStrings += value.length * 2;
    } else if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value)) stack.push(inner);
    }
  }
  let floor = copyArticle(article, ownCompactString, { joined: false });
  article = null;
  await new Promise((resolve) => setTimeout(resolve, 0));
  settle();
  const floorHeap = process.memoryUsage().heapUsed - heap0;
  floor = null;
  return { heapGrowth, articleStrings, floorHeap, heapAtEnd, youngCommitted };
}

const { heapGrowth, articleStrings, floorHeap, heapAtEnd, youngCommitted } = await measure();
settle();
const heapAfterDrop = process.memoryUsage().heapUsed - heap0;
rmSync(dir, { recursive: true, force: true });
// heapAtEnd and youngCommitted are read by no table: they say what the peak holds besides the Article.
console.log(JSON.stringify({ input, peakRssGrowth: peakRss - rss0, heapGrowth, articleStrings, floorHeap, heapAfterDrop, heapAtEnd, youngCommitted }));
