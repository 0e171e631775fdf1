import type { SourcePosition } from '../errors.js';

/**
 * Turns offsets into lines and columns, lazily. It walks forward through the
 * text it is shown, counting line feeds (CRLF counts once), only as far as a
 * position is asked for: parsing without diagnostics never pays for it.
 */
export interface Locator {
  /** Counts the line feeds of `text` (which starts at `textOffset`) that stand before `until`. */
  advance(text: string, textOffset: number, until: number): void;
  /** The position of `offset`, which must not be before what was advanced over. */
  position(offset: number): SourcePosition;
}

export function createLocator(startOffset = 0, startLine = 1): Locator {
  let cursor = startOffset;
  let line = startLine;
  let lineStart = startOffset;
  return {
    advance(text, textOffset, until) {
      const end = Math.min(until, textOffset + text.length);
      if (end <= cursor) return;
      let index = text.indexOf('\n', Math.max(cursor - textOffset, 0));
      while (index !== -1 && index + textOffset < end) {
        line++;
        lineStart = index + textOffset + 1;
        index = text.indexOf('\n', index + 1);
      }
      cursor = end;
    },
    position(offset) {
      return { offset, line, column: offset - lineStart + 1 };
    },
  };
}
