import { describe, expect, it } from 'vitest';
import { parseSeed, type Article } from '../src/index.js';
import { toHtml, toMarkdown, toMdast } from '../src/render/index.js';
import { seed } from './helpers.js';
import { calibrated, doublingRatio, DOUBLING_BOUND, wallTime } from './linear.js';

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

describe('renderers in linear time: doubling the Article at most 2.5× the time', () => {
  it.each(bodies)('%s', (_name, units, make) => {
    const article = (n: number) => parseSeed(seed(make(n)));
    const n = calibrated(units, article, render);
    const small = article(n);
    const large = article(n * 2);
    expect(doublingRatio((scale) => wallTime(() => render(scale === 1 ? small : large)), 7)).toBeLessThanOrEqual(DOUBLING_BOUND);
  });
});
