// Inputs of the benchmark, all made deterministically: the corpus batch, a large seed generated
// from the project's own fixtures, and pathological seeds.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');

/** The body of a seed: everything after the underline line. */
export function bodyOf(seed) {
  const match = /^-{3,}[ \t]*\r?$/m.exec(seed.slice(seed.indexOf('<!--')));
  if (!match) throw new Error('no underline');
  const start = seed.indexOf('<!--') + match.index + match[0].length;
  return seed.slice(seed.indexOf('\n', start - 1) + 1);
}

/** Every seed of ../shared/corpus/real plus the example seed: path and bytes. */
export function corpusFiles() {
  const corpus = join(SHARED, 'corpus', 'real');
  const seeds = join(SHARED, 'seeds');
  if (!existsSync(corpus)) throw new Error(`${corpus} is missing`);
  const files = readdirSync(corpus).filter((name) => name.endsWith('.md')).sort().map((name) => join(corpus, name));
  if (existsSync(seeds)) files.push(...readdirSync(seeds).sort().map((name) => join(seeds, name)));
  return files.map((path) => ({ path, bytes: readFileSync(path) }));
}

/** The corpus batch as strings. */
export function corpusBatch() {
  return corpusFiles().map(({ bytes }) => bytes.toString('utf8'));
}

/** A small deterministic generator (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIXTURES = ['test/fixtures/harbour.seed.md', 'test/fixtures/tokyo.seed.md', 'examples/sample.seed.md'].map((file) =>
  readFileSync(join(ROOT, file), 'utf8'),
);
const HEADER = '<!--1727981100000-->\n[A generated seed for the benchmark](https://bench.example/seed)\n------\n\n';

/** A seed whose body is about `bytes` long: the fixtures' bodies in a deterministic random order. */
export function generatedSeed(bytes, seed = 42) {
  const next = random(seed);
  const bodies = FIXTURES.map(bodyOf);
  const parts = [];
  let length = 0;
  while (length < bytes) {
    const body = bodies[Math.floor(next() * bodies.length)];
    parts.push(`<div class="item">${body}</div>\n`);
    length += body.length + 25;
  }
  return HEADER + parts.join('');
}

const FOUR_MB = 4 * 1024 * 1024;
const FRONT_MATTER_BYTES = 120 * 1024;
const fill = (unit, bytes) => unit.repeat(Math.ceil(bytes / unit.length));

/** A small seed after about `bytes` of front matter, one line per `line(index)`. */
const frontMatter = (bytes, line, last = null) => {
  const lines = [];
  for (let index = 0, length = last === null ? 0 : last.length + 1; length < bytes; index++) {
    const text = line(index);
    lines.push(text);
    length += text.length + 1;
  }
  if (last !== null) lines.push(last);
  return `---\n${lines.join('\n')}\n---\n${HEADER}<p>x</p>`;
};

/**
 * Seeds built to be hard: each must cost at most a few times a normal seed's per-MB time. Each is
 * made at any size (about `bytes`: 4 MB, or `max`, unless the bench finds it too slow to time
 * there); `chunk` says that the seed is streamed in chunks of that many bytes.
 */
export function pathologicalSeeds() {
  return [
    { name: 'unclosed nested <span>', make: (bytes) => HEADER + fill('<span>', bytes) + 'end' },
    { name: '<br> after <br>', make: (bytes) => HEADER + '<p>text' + fill('<br>', bytes) },
    { name: 'one text run of entities', make: (bytes) => HEADER + '<p>' + fill('&amp;&#x4e2d;&nbsp;', bytes) },
    { name: 'a 4 MB title line', make: (bytes) => `<!--1-->\n[${fill('title words ', bytes)}](https://bench.example/t)\n------\n<p>x</p>` },
    { name: 'a 4 MB attribute value', make: (bytes) => HEADER + `<p><a href="/x" title="${fill('value ', bytes)}">link</a></p>` },
    { name: 'empty <p></p>', make: (bytes) => HEADER + fill('<p></p>', bytes) },
    { name: 'images', make: (bytes) => HEADER + fill('<img src="/i/a.png" alt="a">', bytes) },
    { name: 'unmatched end tags', make: (bytes) => HEADER + fill('</div>', bytes) },
    { name: 'nested <b>', make: (bytes) => HEADER + fill('<b>', bytes) + 'end' },
    { name: 'unclosed comment', make: (bytes) => HEADER + '<p>a</p><!--' + fill('comment ', bytes) },
    { name: 'nested lists', make: (bytes) => HEADER + fill('<ul><li>item', bytes) },
    // Formatting left open before many blocks: each block reopens what is still open.
    { name: '<b> × n, then <p>x</p> × n', make: (bytes) => HEADER + fill('<b>', (bytes * 3) / 11) + fill('<p>x</p>', (bytes * 8) / 11) },
    // A stream of small chunks that a pending token (a comment) spans: no chunk queue may be rescanned.
    { name: 'a comment, streamed in 64-byte chunks', chunk: 64, make: (bytes) => HEADER + '<p>a</p><!--' + fill('comment ', bytes) + '--><p>b</p>' },
    // Front matter is limited to 128 KiB (a larger one is INVALID_FRONT_MATTER): measured just under it.
    { name: 'front matter: numeric keys', max: FRONT_MATTER_BYTES, make: (bytes) => frontMatter(bytes, (index) => `key${index}: ${index}`) },
    { name: 'front matter: anchors', max: FRONT_MATTER_BYTES, make: (bytes) => frontMatter(bytes, (index) => `key${index}: &anchor${index} value${index}`) },
    { name: 'front matter: anchors, then an alias', max: FRONT_MATTER_BYTES, make: (bytes) => frontMatter(bytes, (index) => `key${index}: &anchor${index} value${index}`, 'last: *anchor0') },
    { name: 'front matter: aliases', max: FRONT_MATTER_BYTES, make: (bytes) => frontMatter(bytes, (index) => (index === 0 ? 'base: &base value' : `key${index}: *base`)) },
  ];
}

export const PATHOLOGICAL_BYTES = FOUR_MB;
