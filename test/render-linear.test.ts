import { describe, expect, it } from 'vitest';
import { parseSeed, type Article } from '../src/index.js';
import { toHtml, toMarkdown, toMdast } from '../src/render/index.js';
import { seed } from './helpers.js';
import { calibrated, doublingRatio, DOUBLING_BOUND, median, wallTime } from './linear.js';

/**
 * The renderers take time in proportion to the Article: each body below,
 * built of n units, renders at 2n in at most 2.5× its time at n (a quadratic
 * renderer takes 4×), measured as test/linear.ts says. n starts at the unit
 * count given and doubles until one rendering at n takes at least 50 ms, so
 * that a cost that does not grow with the input is small beside it.
 */

function render(article: Article): void {
  toMdast(article);
  toMarkdown(article);
  toHtml(article);
}

const bodies: [string, number, (n: number) => string][] = [
  // Markdown cannot tell adjacent bold runs apart: they are joined into one, each joined run only where it meets the last.
  ['adjacent bold runs, each holding italic', 1000, (n) => `<p>${'<b>a<i>b</i></b>'.repeat(n)}</p>`],
  ['adjacent italic runs, each holding bold', 1000, (n) => `<p>${'<i>a<b>b</b></i>'.repeat(n)}</p>`],
  ['adjacent bold runs, italic meeting italic where they join', 1000, (n) => `<p>${'<b><i>a</i>b<i>c</i></b>'.repeat(n)}</p>`],
];

/** `` `a``a```a…`` ``, n characters or a run more: every run length up to about √(2n) is held. */
function backtickRuns(n: number): string {
  const runs: string[] = [];
  for (let run = 1, length = 0; length < n; run++, length += run + 1) runs.push(`${'`'.repeat(run)}a`);
  return runs.join('');
}

describe('renderers in linear time: doubling the Article at most 2.5× the time', () => {
  it.each(bodies)('%s', (_name, units, make) => {
    const article = (n: number) => parseSeed(seed(make(n)));
    const n = calibrated(units, article, render);
    const small = article(n);
    const large = article(n * 2);
    expect(doublingRatio((scale) => wallTime(() => render(scale === 1 ? small : large)), 7)).toBeLessThanOrEqual(DOUBLING_BOUND);
  });
});

describe('inline code: the fence found in one reading of the code', () => {
  // The fence is the shortest run of backticks the code does not hold. Tried one length after another over
  // the whole code, a code of n characters holding every run length up to √(2n) takes n^1.5 (60× here).
  it('a code span of a million characters holding backtick runs of every length up to 1,400 is written in at most 5× the time of one of as many letters', () => {
    const runs = parseSeed(seed(`<p><code>${backtickRuns(1_000_000)}</code></p>`));
    const letters = parseSeed(seed(`<p><code>${'a'.repeat(runs.text.length)}</code></p>`));
    expect(toMarkdown(runs)).toContain('`'.repeat(1400) + 'a');
    const time = (article: Article) => median(Array.from({ length: 5 }, () => wallTime(() => toMarkdown(article))));
    time(runs);
    time(letters);
    expect(time(runs) / time(letters)).toBeLessThan(5);
  });
});

describe('renderers on wide Articles: no call takes a node per argument', () => {
  it('renders an inline code span of 80,000 lines and a link holding 80,000 links (each past the arguments a call takes)', () => {
    const lines = parseSeed(seed(`<p><code>${'a<br>'.repeat(80_000)}z</code></p>`));
    const markdown = toMarkdown(lines);
    // Each line a code span of its own, joined by hard breaks.
    expect(markdown.endsWith(`${'`a`\\\n'.repeat(80_000)}\`z\`\n`)).toBe(true);
    expect(toHtml(lines).match(/<br>/g)).toHaveLength(80_000);
    const links = parseSeed(seed(`<p><a href="https://a.example/1">${'x<span><a href="https://a.example/2">y</a></span>'.repeat(80_000)}z</a></p>`));
    expect(links.links).toHaveLength(80_001);
    // Cut around each inner link: 80,001 pieces of the outer link (x … z) and 80,000 inner ones.
    expect(toHtml(links).match(/<a href="https:\/\/a\.example\/1">/g)).toHaveLength(80_001);
    expect(toHtml(links).match(/<a href="https:\/\/a\.example\/2">/g)).toHaveLength(80_000);
    expect(toMdast(links).children[1]).toMatchObject({ type: 'paragraph' });
    expect(JSON.stringify(toMdast(links)).match(/"url":"https:\/\/a\.example\/2"/g)).toHaveLength(80_000);
  });
});
