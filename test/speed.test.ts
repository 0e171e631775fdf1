import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStack, depth, entryAt, peek, pop, push } from '../src/text/speed.js';

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
