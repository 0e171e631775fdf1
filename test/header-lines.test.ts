import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TIMESTAMP, isoDate } from '../src/header/header-lines.js';
import { checkOptions } from './chunks.js';

describe('the published date', () => {
  it('is what Date gives, over the whole range of timestamps the header accepts', () => {
    const edges = [0, 1, 999, 1000, 59999, 86399999, 86400000, 951782400000, 951868799999, 4107542400000, MAX_TIMESTAMP - 1, MAX_TIMESTAMP];
    for (const value of edges) expect(isoDate(value)).toBe(new Date(value).toISOString());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_TIMESTAMP }), (value) => {
        expect(isoDate(value)).toBe(new Date(value).toISOString());
      }),
      checkOptions(20000),
    );
  });
});
