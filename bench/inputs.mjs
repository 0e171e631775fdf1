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

/** Every seed of ../shared/corpus/real plus the example seed. */
export function corpusBatch() {
  const corpus = join(SHARED, 'corpus', 'real');
  const seeds = join(SHARED, 'seeds');
  if (!existsSync(corpus)) throw new Error(`${corpus} is missing`);
  const files = readdirSync(corpus).filter((name) => name.endsWith('.md')).map((name) => join(corpus, name));
  if (existsSync(seeds)) files.push(...readdirSync(seeds).map((name) => join(seeds, name)));
  return files.map((file) => readFileSync(file, 'utf8'));
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
const fill = (unit, bytes = FOUR_MB) => unit.repeat(Math.ceil(bytes / unit.length));

/** Seeds of about 4 MB built to be hard: each must cost at most a few times a normal seed's per-MB time. */
export function pathologicalSeeds() {
  return [
    ['unclosed nested <span>', HEADER + fill('<span>') + 'end'],
    ['<br> after <br>', HEADER + '<p>text' + fill('<br>')],
    ['one text run of entities', HEADER + '<p>' + fill('&amp;&#x4e2d;&nbsp;')],
    ['a 4 MB title line', `<!--1-->\n[${fill('title words ')}](https://bench.example/t)\n------\n<p>x</p>`],
    ['a 4 MB attribute value', HEADER + `<p><a href="/x" title="${fill('value ')}">link</a></p>`],
    ['empty <p></p>', HEADER + fill('<p></p>')],
    ['images', HEADER + fill('<img src="/i/a.png" alt="a">')],
    ['unmatched end tags', HEADER + fill('</div>')],
    ['nested <b>', HEADER + fill('<b>') + 'end'],
    ['unclosed comment', HEADER + '<p>a</p><!--' + fill('comment ')],
    ['nested lists', HEADER + fill('<ul><li>item')],
  ];
}
