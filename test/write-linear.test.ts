import { describe, expect, it } from 'vitest';
import { formatSeed, parseSeed, type Article } from '../src/index.js';
import { seed } from './helpers.js';
import { calibrated, doublingRatio, DOUBLING_BOUND, wallTime } from './linear.js';

/**
 * `formatSeed` takes time in proportion to the Article: each body below, built
 * of n units, is written at 2n in at most 2.5× its time at n (a quadratic
 * writer takes 4×), measured as test/linear.ts says. n starts at the unit count
 * given and doubles until one write at n takes at least 50 ms.
 */

const bodies: [string, number, (n: number) => string][] = [
  // Where the lead stood among the media that open the body is read from `links`, for every split at once.
  ['a lead with a link, then linked images', 1000, (n) => `<p><b><a href="/l">Lead</a></b></p>${'<a href="/x"><img src="/a.jpg"></a>'.repeat(n)}`],
  ['linked images, a lead with a link, linked images', 1000, (n) => {
    const images = '<a href="/x"><img src="/a.jpg" alt="x"></a>'.repeat(n);
    return `${images}<p><b><a href="/l">Lead</a></b></p>${images}`;
  }],
];

describe('formatSeed in linear time: doubling the Article at most 2.5× the time', () => {
  it.each(bodies)('%s', (_name, units, make) => {
    const article = (n: number) => parseSeed(seed(make(n)));
    const n = calibrated(units, article, formatSeed);
    const small = article(n);
    const large = article(n * 2);
    expect(parseSeed(formatSeed(small))).toMatchObject({ lead: small.lead, body: small.body, links: small.links });
    expect(doublingRatio((scale) => wallTime(() => formatSeed(scale === 1 ? small : large)), 7)).toBeLessThanOrEqual(DOUBLING_BOUND);
  });
});
