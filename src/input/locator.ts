import type { SourcePosition } from '../errors.js';

/**
 * Turns offsets into lines and columns. It is shown the text once, in order,
 * as it streams by, and counts its line feeds (CRLF counts once) only as far
 * as it is asked to advance; it keeps no text.
 *
 * Positions are asked for later too (a stage may report a problem with an
 * element once the element is complete, chunks later), so the line of an
 * offset that may be asked for is kept: `keepLine` records the start and
 * number of the current line, and `position` finds an earlier offset's line
 * by binary search over the kept lines. Only lines that hold such an offset
 * are kept, so text without any (a comment, dropped content) costs nothing
 * however many lines it has.
 */
export interface Locator {
  /**
   * Advances to `until`, counting the line feeds of `text` (which starts at `textOffset`) on the
   * way. Returns the offset of the first line feed of `text` at or after `until` (where the line
   * advanced to ends), or -1 when `text` holds none or nothing was advanced over.
   */
  advance(text: string, textOffset: number, until: number): number;
  /** Keeps the line advanced to, so that `position` answers for every offset on it later. */
  keepLine(): void;
  /**
   * The position of `offset`: exact when the offset is on the line advanced to (and not past what
   * was advanced over), or on a kept line.
   */
  position(offset: number): SourcePosition;
}

const LINE_FEED = '\n';

export function createLocator(startOffset = 0, startLine = 1): Locator {
  return new LineLocator(startOffset, startLine);
}

class LineLocator implements Locator {
  private cursor: number;
  private line: number;
  private lineStart: number;
  // Kept lines, in order: where each starts and its number.
  private readonly keptStarts: number[];
  private readonly keptLines: number[];

  constructor(startOffset: number, startLine: number) {
    this.cursor = startOffset;
    this.line = startLine;
    this.lineStart = startOffset;
    this.keptStarts = [startOffset];
    this.keptLines = [startLine];
  }

  advance(text: string, textOffset: number, until: number): number {
    const end = Math.min(until, textOffset + text.length);
    if (end <= this.cursor) return -1;
    let index = text.indexOf(LINE_FEED, Math.max(this.cursor - textOffset, 0));
    while (index !== -1 && index + textOffset < end) {
      this.line++;
      this.lineStart = index + textOffset + 1;
      index = text.indexOf(LINE_FEED, index + 1);
    }
    this.cursor = end;
    return index === -1 ? -1 : index + textOffset;
  }

  keepLine(): void {
    const { keptStarts } = this;
    if (keptStarts[keptStarts.length - 1] === this.lineStart) return;
    keptStarts.push(this.lineStart);
    this.keptLines.push(this.line);
  }

  position(offset: number): SourcePosition {
    if (offset >= this.lineStart) return { offset, line: this.line, column: offset - this.lineStart + 1 };
    // The last kept line that starts at or before the offset.
    const { keptStarts } = this;
    let low = 0;
    let high = keptStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((keptStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    const start = keptStarts[low] as number;
    return { offset, line: this.keptLines[low] as number, column: Math.max(offset - start, 0) + 1 };
  }
}
