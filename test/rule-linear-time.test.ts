import { describe, expect, it } from 'vitest';
import { parseBody } from './helpers.js';
import { assertWellFormed } from './invariants.js';
import { calibrated, doublingRatio, DOUBLING_BOUND, wallTime } from './linear.js';
import type { Inline } from '../src/index.js';

/**
 * The block stage does a bounded amount of work per event, however many
 * elements are open: each body below, built of n units, takes at 2n at most
 * 2.5× its time at n (a quadratic stage takes 4×), measured as test/linear.ts
 * says. n starts at the unit count given and doubles until
 * one parse at n takes at least 50 ms, so that a cost that does not grow
 * with the input (a collection of the whole heap, which holds the test
 * runner too) is small beside the parse on any machine.
 */

/** Each body, made of n units; `units` is where calibration starts (smaller where a unit makes many nodes). */
const bodies: [string, number, (n: number) => string][] = [
  ['unclosed <b>, then paragraphs', 1000, (n) => '<b>'.repeat(n) + '<p>x</p>'.repeat(n)],
  ['unclosed <em>, then list items', 1000, (n) => '<em>'.repeat(n) + '<ul>' + '<li>x</li>'.repeat(n) + '</ul>'],
  ['unclosed <code>, then headings', 8000, (n) => '<code>'.repeat(n) + '<h2>x</h2>'.repeat(n)],
  ['links around spans, then paragraphs', 500, (n) => '<a href="/x"><span>'.repeat(n) + '<p>x</p>'.repeat(n)],
  ['unclosed <b> beyond the depth limit, then paragraphs', 1000, (n) => '<b>'.repeat(64 + n) + '<p>x</p>'.repeat(1000)],
  ['nested lists', 16000, (n) => '<ul><li>x'.repeat(n)],
  ['nested lists, closed', 8000, (n) => '<ul><li>x'.repeat(n) + '</li></ul>'.repeat(n)],
  ['nested quotes, then paragraphs', 8000, (n) => '<blockquote>'.repeat(n) + '<p>x</p>'.repeat(n)],
  ['nested figures, with media and captions', 4000, (n) => '<figure><img src="/i.png"><figcaption>c</figcaption>'.repeat(n)],
  ['figures inside captions, past the depth limit', 4000, (n) => '<figure><img src="/i.png"><figcaption>c '.repeat(n)],
  ['figures in a caption, in a row', 4000, (n) => '<figure><img src="/i.png"><figcaption>' + '<figure><img src="/j.png"><figcaption>c</figcaption></figure>'.repeat(n) + '</figcaption></figure>'],
  ['figures in a row, caption first', 8000, (n) => '<figure><figcaption>c <small>AP</small></figcaption><p>t</p><img src="/i.png"></figure>'.repeat(n)],
  ['open containers, then paragraphs', 8000, (n) => '<div><section>'.repeat(n) + '<p>x</p>'.repeat(n)],
  ['linked images in a paragraph', 8000, (n) => '<p>' + 'a <a href="/l"><img src="/i.png"></a> '.repeat(n) + '</p>'],
  ['code blocks with breaks', 8000, (n) => ('<pre>' + 'line<br>'.repeat(8) + '</pre>').repeat(n)],
  ['block elements in a code block, each starting a line', 8000, (n) => '<pre>' + '<div>x</div><hr><p>'.repeat(n) + '</pre>'],
  // Rule 4: the line feed after each nested <pre> or <listing> is dropped in place (the text before it was copied each time).
  ['nested <pre> and <listing>, each followed by a line feed', 2000, (n) => '<pre>\n<listing>\r\n'.repeat(n) + 'x'],
  // White space that stays pending until the next word: U+3000 is kept, so it grows with every piece.
  ['U+3000 between tags in a paragraph', 8000, (n) => '<p>x' + '\u3000<b></b>'.repeat(n) + 'y</p>'],
  // A dropped <p> that tags which end a paragraph in HTML cannot end (rule 6): each such tag asks in constant time.
  ['dropped <p>, a <button>, then blocks', 2000, (n) => '<p data-selfpromo><button>' + '<div>'.repeat(n)],
  ['dropped <p>, an <object>, then blocks with text', 2000, (n) => '<p data-selfpromo>Ad<object>' + '<div>x'.repeat(n)],
  ['dropped <p>, <svg>, then sections', 2000, (n) => '<p data-selfpromo><svg>' + '<section>'.repeat(n)],
  ['dropped <p>, a <template>, spans, then list items', 2000, (n) => '<p data-selfpromo><template>' + '<span>'.repeat(n) + '<li>'.repeat(n)],
  // Rule 2 in captions: the space around each <br> is dropped once, when the caption is given (trimming at each <br> copied the caption).
  ['breaks with U+3000 around them in a caption', 4000, (n) => '<figure><img src="/i.png"><figcaption>' + 'a\u3000<br>\u3000 <cite>c <br></cite>'.repeat(n)],
  // Rule 4: links inside inline code, each splitting the code.
  ['links inside inline code', 4000, (n) => '<p><code>' + 'a <a href="/x">b</a> '.repeat(n) + '</code></p>'],
  // Rule 5: pictures left open, each with a source.
  ['unclosed pictures with sources, then an image', 4000, (n) => '<picture><source srcset="/a.png">'.repeat(n) + '<img>'],
  ['U+3000 and spaces between tags in a list item and a heading', 8000, (n) => '<ul><li>x' + '\u3000 <i></i> '.repeat(n) + 'y</li></ul><h2>x' + ' \u3000<span></span>'.repeat(n) + 'y</h2>'],
];

describe('linear time: doubling the input at most 2.5× the time', () => {
  it.each(bodies)('%s', (_name, units, make) => {
    const n = calibrated(units, make, parseBody);
    const small = make(n);
    const large = make(n * 2);
    assertWellFormed(parseBody(small));
    expect(doublingRatio((scale) => wallTime(() => parseBody(scale === 1 ? small : large)), 7)).toBeLessThanOrEqual(DOUBLING_BOUND);
  });

  it('reads the paragraphs after 32,000 unclosed <b> as strong, one node deep (rule 1)', () => {
    const article = parseBody('<b>'.repeat(32_000) + '<p>x</p>'.repeat(100));
    expect(article.body.length).toBe(99);
    expect(article.lead!.inlines).toEqual([{ type: 'strong', children: [{ type: 'text', value: 'x' }] }]);
  });

  it('reads the paragraphs after 32,000 unclosed links, each in a <span>, as links nested at most 64 deep', () => {
    const article = parseBody('<a href="https://example.com/"><span>'.repeat(32_000) + '<p>x</p>'.repeat(100));
    expect(article.body.length).toBe(100);
    const first = article.body[0]!;
    expect(first.type).toBe('paragraph');
    let depth = 0;
    let inline = (first as { inlines: Inline[] }).inlines[0]!;
    while (inline.type === 'link') {
      depth++;
      inline = inline.children[0]!;
    }
    expect(depth).toBe(64);
    expect(inline).toEqual({ type: 'text', value: 'x' });
  });
});
