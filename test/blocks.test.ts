import { describe, expect, it } from 'vitest';
import { createBlockBuilder } from '../src/blocks/builder.js';
import type { DiagnosticCode } from '../src/index.js';
import { createUrlResolver } from '../src/text/urls.js';
import { CONTENT_DROPPED, type Attributes, type OpenAnswer } from '../src/tokens/body-tokenizer.js';
import type { Block } from '../src/types.js';

/** The block stage driven with element events, as the tokens stage drives it. */
function drive(events: (string | [string, Attributes?] | null)[]) {
  const blocks: [Block, string | null][] = [];
  const reports: [DiagnosticCode, number][] = [];
  const builder = createBlockBuilder({
    urls: createUrlResolver('https://base.example/d/'),
    diagnostics: { report: (code, _message, _severity, offset) => reports.push([code, offset]) },
    emit: (block, paragraphClass) => blocks.push([block, paragraphClass]),
  });
  const dropped: boolean[] = [];
  const answers: OpenAnswer[] = [];
  let offset = 0;
  for (const event of events) {
    offset++;
    if (event === null) builder.closeElement('');
    else if (typeof event === 'string') builder.text(event);
    else {
      const answer = builder.openElement(event[0], event[1] ?? null, offset);
      answers.push(answer);
      // Dropped with all it holds: no close follows (an iframe taken as an embed, its content dropped, too).
      dropped.push(answer === true || answer === CONTENT_DROPPED);
    }
  }
  builder.end();
  return { blocks, reports, dropped, answers };
}

const text = (value: string) => ({ type: 'text', value });

describe('the block stage, driven with events', () => {
  it('asks to drop rule-6 elements, data-selfpromo elements, iframes and what a player holds', () => {
    const { dropped, answers, blocks } = drive([
      ['script'], ['input'], ['select'], ['textarea'], ['button'], ['span', { 'data-selfpromo': '' }],
      ['iframe', { src: 'https://www.youtube.com/embed/x' }], ['video', { src: '/v.mp4' }], ['source', { src: '/v.webm' }], ['p'], null,
      ['form'], 'kept', null, ['iframe'],
    ]);
    expect(dropped).toEqual([true, true, true, true, true, true, true, false, true, true, false, true]);
    // An iframe kept as an embed has its content dropped; one without a source is dropped whole.
    expect([answers[6], answers[11]]).toEqual([CONTENT_DROPPED, true]);
    expect(blocks.map(([block]) => block.type)).toEqual(['embed', 'video', 'paragraph']);
    expect(blocks[1]![0]).toEqual({ type: 'video', src: 'https://base.example/v.mp4', sources: [{ src: 'https://base.example/v.webm', type: null }], poster: null, caption: null });
  });

  it('asks to drop void elements it reads on opening (img, br, hr), so no close is expected', () => {
    const { dropped, blocks } = drive([['p'], 'a', ['br'], 'b', ['img', { src: '/i.png' }], ['hr'], 'c', null]);
    expect(dropped).toEqual([false, true, true, true]);
    expect(blocks.map(([block]) => block.type)).toEqual(['paragraph', 'image', 'paragraph']);
    expect(blocks[0]![0]).toEqual({ type: 'paragraph', text: 'a\nb', inlines: [text('a'), { type: 'break' }, text('b')] });
  });

  it('hands on the class of the <p> a paragraph came from, for rule 8', () => {
    const { blocks } = drive([['p', { class: 'lead' }], 'x', ['div'], 'y', null, null, ['p'], 'z', null, 'w']);
    expect(blocks.map(([block, className]) => [block.type === 'paragraph' ? block.text : '', className])).toEqual([
      ['x', 'lead'],
      ['y', 'lead'],
      ['z', null],
      ['w', null],
    ]);
  });

  it('holds the blocks of a figure until it ends, then hands them on complete and in order', () => {
    const seen: string[] = [];
    const builder = createBlockBuilder({
      urls: createUrlResolver('https://base.example/'),
      diagnostics: { report: () => {} },
      emit: (block) => seen.push(block.type === 'image' ? `image:${block.caption}` : block.type),
    });
    builder.openElement('figure', null, 0);
    builder.openElement('p', null, 1);
    builder.text('before');
    builder.closeElement('p');
    builder.openElement('img', { src: '/a.png' }, 2);
    expect(seen).toEqual([]);
    builder.openElement('figcaption', null, 3);
    builder.text('Cap');
    builder.closeElement('figcaption');
    builder.closeElement('figure');
    expect(seen).toEqual(['paragraph', 'image:Cap']);
    builder.end();
  });

  it('replays a caption without media as body text, skipping the close of what it dropped', () => {
    const { blocks } = drive([['figure'], ['figcaption'], 'a', ['br'], null, 'b', ['hr'], null, 'c', null, null, ['p'], 'after', null]);
    expect(blocks.map(([block]) => (block.type === 'paragraph' ? block.text : block.type))).toEqual(['a\nb', 'c', 'after']);
  });

  it('reports unsafe and missing sources at the offset of their element', () => {
    const { reports, blocks } = drive([['p'], 'x', ['a', { href: 'javascript:x' }], 'y', null, null, ['img', { alt: 'no src' }], ['img', { src: 'vbscript:x' }]]);
    expect(reports).toEqual([['UNSAFE_URL', 3], ['MISSING_SRC', 7], ['UNSAFE_URL', 8]]);
    expect(blocks.map(([block]) => block.type)).toEqual(['paragraph']);
  });

  it('closes every open construct at the end', () => {
    const { blocks } = drive([['blockquote'], ['ul'], ['li'], 'a', ['ol'], ['li'], 'b', ['h2'], 'c', ['pre'], 'd']);
    expect(blocks.map(([block]) => block)).toEqual([
      { type: 'quote', text: 'a\nb c d', blocks: [{ type: 'paragraph', text: 'a\nb c d', inlines: [text('a'), { type: 'break' }, text('b c d')] }] },
    ]);
  });

  it('places figures, captions, links and nested list items by depth past the first chunk of frames (4,096)', () => {
    const deep = 5000;
    const open = (name: string, count: number) => Array.from({ length: count }, () => [name] as [string]);
    const close = (count: number) => Array.from({ length: count }, () => null);
    const { blocks } = drive([
      ...open('div', deep),
      ['figure'], ['img', { src: '/a.png' }], ['figcaption'], 'caption', null, null,
      ['a', { href: '/l' }], ...open('i', deep), 'linked', ...close(deep), null,
      ...close(deep),
      ['ul'], ...Array.from({ length: deep }, (_, index) => [['li'], `item ${index}`, ['ul']]).flat(),
    ] as (string | [string, Attributes?] | null)[]);
    expect(blocks.map(([block]) => block.type)).toEqual(['image', 'paragraph', 'list']);
    expect(blocks[0]![0]).toMatchObject({ type: 'image', src: 'https://base.example/a.png', caption: 'caption' });
    expect(blocks[1]![0]).toEqual({
      type: 'paragraph',
      text: 'linked',
      inlines: [{ type: 'link', href: 'https://base.example/l', title: null, children: [{ type: 'emphasis', children: [text('linked')] }] }],
    });
    const list = blocks[2]![0] as Extract<Block, { type: 'list' }>;
    expect(list.items).toHaveLength(deep);
    expect(list.items[deep - 1]).toEqual({ text: `item ${deep - 1}`, inlines: [text(`item ${deep - 1}`)] });
  });
});
