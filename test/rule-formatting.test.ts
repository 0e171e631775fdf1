import { describe, expect, it } from 'vitest';
import { parseSeed, type Block, type Inline } from '../src/index.js';
import { parseBody, seed } from './helpers.js';

const text = (value: string): Inline => ({ type: 'text', value });
const strong = (...children: Inline[]): Inline => ({ type: 'strong', children });
const emphasis = (...children: Inline[]): Inline => ({ type: 'emphasis', children });
const paragraph = (value: string, inlines: Inline[]): Block => ({ type: 'paragraph', text: value, inlines });

/** Body blocks, with the lead and dateline rules kept out of the way by a leading heading. */
function blocks(html: string): Block[] {
  return parseBody(`<h6>start</h6>${html}`).body.slice(1);
}

/** The deepest nesting of inline containers in a list of inlines. */
function depth(inlines: readonly Inline[]): number {
  let deepest = 0;
  for (const inline of inlines) if ('children' in inline) deepest = Math.max(deepest, 1 + depth(inline.children));
  return deepest;
}

describe('rule 1: formatting inside formatting of the same kind adds no node', () => {
  it('reads <b> in <b>, <strong> in <b> and <b> in <strong> as one strong', () => {
    expect(blocks('<p><b>a<b>b</b>c</b></p>')).toEqual([paragraph('abc', [strong(text('abc'))])]);
    expect(blocks('<p><b>a <strong>b</strong></b></p>')).toEqual([paragraph('a b', [strong(text('a b'))])]);
    expect(blocks('<p><strong><b>x</b></strong> y</p>')).toEqual([paragraph('x y', [strong(text('x')), text(' y')])]);
  });
  it('reads <i> in <em> as one emphasis, and <code> in <code> as one inline code', () => {
    expect(blocks('<p><em>a<i>b</i></em></p>')).toEqual([paragraph('ab', [emphasis(text('ab'))])]);
    expect(blocks('<p><code>a<code>b</code>c</code></p>')).toEqual([paragraph('abc', [{ type: 'code', value: 'abc' }])]);
  });
  it('keeps formatting of other kinds inside, at any depth', () => {
    expect(blocks('<p><b><i><b><i>x</i></b></i></b></p>')).toEqual([paragraph('x', [strong(emphasis(text('x')))])]);
    expect(blocks('<p><i>a<b>b<i>c</i></b></i></p>')).toEqual([paragraph('abc', [emphasis(text('a'), strong(text('bc')))])]);
  });
  it('keeps the formatting after the inner element closes', () => {
    expect(blocks('<p><b><b>a</b>b</b>c</p>')).toEqual([paragraph('abc', [strong(text('ab')), text('c')])]);
  });
  it('lets a lead be a paragraph wholly inside nested strong', () => {
    const article = parseBody('<p><b><strong>The lead</strong></b></p><p>Body</p>');
    expect(article.lead).toEqual(paragraph('The lead', [strong(text('The lead'))]));
  });
  it('gives formatting left open before many blocks one node of each kind per block', () => {
    for (const open of ['<b>', '<strong>', '<i>', '<b><i>', '<em><strong><code>']) {
      const body = blocks(open.repeat(200) + '<p>x</p>'.repeat(50));
      expect(body).toHaveLength(50);
      for (const block of body) {
        expect(block.type).toBe('paragraph');
        if (block.type === 'paragraph') expect(depth(block.inlines)).toBe(open === '<em><strong><code>' ? 2 : open.split('<').length - 1);
      }
    }
  });
  it('keeps the Article linear in such input: twice the input, twice the JSON', () => {
    const size = (count: number) => JSON.stringify(parseSeed(seed('<b>'.repeat(count) + '<p>x</p>'.repeat(count)))).length;
    expect(size(4000) / size(2000)).toBeLessThan(2.1);
  });
});
