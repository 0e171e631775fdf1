import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { createStack, depth, entryAt, peek, pop, push, SkippingTokenizer } from '../src/text/speed.js';

describe('Stack (src/text/speed.ts): an array used as a stack, kept in chunks', () => {
  it('behaves as an array under any sequence of pushes and pops, across chunks of 4,096 entries', () => {
    // Runs of pushes and pops, long enough to cross the chunk boundaries back and forth.
    const step = fc.oneof(fc.record({ push: fc.integer({ min: 1, max: 6000 }) }), fc.record({ pop: fc.integer({ min: 1, max: 6000 }) }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const stack = createStack<number>();
        const model: number[] = [];
        let next = 0;
        for (const entry of steps) {
          if ('push' in entry) {
            for (let count = 0; count < entry.push; count++) {
              push(stack, next);
              model.push(next++);
            }
          } else {
            for (let count = 0; count < entry.pop; count++) expect(pop(stack)).toBe(model.pop());
          }
          expect(depth(stack)).toBe(model.length);
          expect(peek(stack)).toBe(model[model.length - 1]);
          for (const index of [0, 4095, 4096, 4097, model.length - 1]) {
            if (index >= 0 && index < model.length) expect(entryAt(stack, index)).toBe(model[index]);
          }
        }
        // The top chunk is empty only when the stack is.
        expect(stack.top.length === 0).toBe(model.length === 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('SkippingTokenizer (src/text/speed.ts): htmlparser2\'s Tokenizer, skipping text by indexOf', () => {
  it('overrides a method htmlparser2\'s Tokenizer has (a version that renamed it would leave the override unused)', () => {
    expect(typeof (Tokenizer.prototype as unknown as Record<string, unknown>).fastForwardTo).toBe('function');
    expect(Object.hasOwn(SkippingTokenizer.prototype, 'fastForwardTo')).toBe(true);
  });

  /** Every event of a tokenizer over `chunks`, with its arguments. */
  function events(make: (callbacks: TokenizerCallbacks) => Tokenizer, chunks: string[]): string[] {
    const seen: string[] = [];
    const callbacks = new Proxy({} as TokenizerCallbacks, { get: (_target, name) => (...args: unknown[]) => seen.push(`${String(name)}(${args.join(',')})`) });
    const tokenizer = make(callbacks);
    for (const chunk of chunks) tokenizer.write(chunk);
    tokenizer.end();
    return seen;
  }

  it('reports the events htmlparser2\'s Tokenizer reports, whole and in any chunks', () => {
    const piece = fc.constantFrom('<', '>', '</', '<!--', '-->', ']]>', '<![CDATA[', '<?', '?>', '"', "'", '=', ' ', 'a', 'p', 'script', 'title', '&amp;', '\n', '中', 'x y');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 6 }), (pieces, cuts) => {
        const text = pieces.join('');
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((at, index, all) => text.slice(at, all[index + 1] ?? text.length));
        for (const decodeEntities of [false, true]) {
          expect(events((callbacks) => new SkippingTokenizer({ decodeEntities }, callbacks), chunks)).toEqual(
            events((callbacks) => new Tokenizer({ decodeEntities }, callbacks), chunks),
          );
        }
      }),
      { numRuns: 2000, seed: 20261203 },
    );
  });
});
