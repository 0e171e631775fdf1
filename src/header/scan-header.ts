import type { SourcePosition } from '../errors.js';
import type { DiagnosticCode, Header } from '../types.js';
import { ownCopy } from '../text/speed.js';
import { makeSafe } from '../text/whitespace.js';
import { MAX_FRONT_MATTER_LENGTH, parseFrontMatter, type FrontMatterProblem } from './front-matter.js';
import {
  isBlankLine,
  isFrontMatterFence,
  isoDate,
  isUnderlineLine,
  readTimestampLine,
  readTitleLinkLine,
  unsafeDestination,
} from './header-lines.js';
import { FOUND, headerError, quoteFound, type HeaderErrorCode } from './messages.js';

/**
 * The header stage: a line-by-line state machine over the start of a seed.
 *
 *     ---                         FrontMatter (optional, first line only)
 *     key: value
 *     ---
 *                                 BeforeTimestamp (blank lines skipped)
 *     <!--1684512901000-->        → ExpectLink
 *     [Title](https://…)          → ExpectUnderline
 *     ------                      → Done: the body starts on the next line
 *
 * Text arrives in chunks split anywhere. A line is assembled from its pieces
 * only once its end is seen, so a long line costs linear time.
 *
 * Positions count line feeds only (CRLF is one break, a lone CR is not one),
 * the way the input stage's locator counts them, so that an error's offset,
 * line and column always describe the same place.
 */

const enum State {
  FirstLine,
  FrontMatter,
  BeforeTimestamp,
  ExpectLink,
  ExpectUnderline,
  Done,
}

export interface HeaderWarning {
  code: DiagnosticCode;
  message: string;
  position: SourcePosition;
}

export interface HeaderScanner {
  /**
   * Reads text that follows what was written before. Returns -1 while the
   * header is incomplete, else the index in `text` where the body starts.
   */
  write(text: string): number;
  /** The input has ended: completes the header or throws. */
  end(): void;
  /** The header, once complete. */
  header(): Header | null;
  /** Where the body starts, once the header is complete. */
  bodyStart(): SourcePosition;
  readonly warnings: HeaderWarning[];
}

export function createHeaderScanner(): HeaderScanner {
  let state = State.FirstLine;
  let header: Header | null = null;
  const warnings: HeaderWarning[] = [];

  /** Pieces of the line being assembled. */
  let pieces: string[] = [];
  /** Offset and number of the line being assembled. */
  let lineOffset = 0;
  let lineNumber = 1;
  /** Length of the line being read, without its line feed (a CR before it included). */
  let lineLength = 0;
  /** Total length written so far. */
  let written = 0;
  let sawNonBlank = false;

  let frontMatterLines: string[] | null = null;
  /** Offsets of the front matter's lines in the input, of its first line, and of its closing fence. */
  const frontMatterOffsets: number[] = [];
  /** Offsets of the front matter's lines in the YAML source (CRs dropped), and its length. */
  const frontMatterSourceStarts: number[] = [];
  let frontMatterSourceLength = 0;
  let frontMatterStart = 0;
  let lineOffsetOfFence = 0;
  let frontMatter: Record<string, unknown> | null = null;
  let timestamp = 0;
  let title = '';
  let url = '';
  let bodyStart: SourcePosition = { offset: 0, line: 1, column: 1 };

  function fail(code: HeaderErrorCode, found: string, position: SourcePosition, detail?: string): never {
    throw headerError(code, found, position, detail);
  }

  /** Read through a function: TypeScript cannot see that `completeLine` changes `state`. */
  function isDone(): boolean {
    return state === State.Done;
  }

  /** The position of `index` in the line being read. */
  function inLine(index: number): SourcePosition {
    return { offset: lineOffset + index, line: lineNumber, column: index + 1 };
  }

  /** The end of what was written: on the line being assembled, if any. */
  function endOfInput(): SourcePosition {
    return { offset: written, line: lineNumber, column: written - lineOffset + 1 };
  }

  function readLine(line: string): void {
    switch (state) {
      case State.FirstLine:
        if (isFrontMatterFence(line)) {
          frontMatterLines = [];
          frontMatterStart = lineOffset + lineLength + 1;
          state = State.FrontMatter;
          return;
        }
        state = State.BeforeTimestamp;
        readLine(line);
        return;
      case State.FrontMatter:
        if (isFrontMatterFence(line)) {
          lineOffsetOfFence = lineOffset;
          frontMatter = readFrontMatter(frontMatterLines as string[]);
          sawNonBlank = true;
          state = State.BeforeTimestamp;
          return;
        }
        if (lineOffset + lineLength + 1 - frontMatterStart > MAX_FRONT_MATTER_LENGTH) {
          // The first character beyond the limit is on this line.
          fail('INVALID_FRONT_MATTER', FRONT_MATTER_TOO_LONG, inLine(frontMatterStart + MAX_FRONT_MATTER_LENGTH - lineOffset));
        }
        frontMatterOffsets.push(lineOffset);
        frontMatterSourceStarts.push(frontMatterSourceLength);
        frontMatterSourceLength += line.length + 1;
        (frontMatterLines as string[]).push(line);
        return;
      case State.BeforeTimestamp: {
        if (isBlankLine(line)) return;
        sawNonBlank = true;
        const found = readTimestampLine(line);
        if (found.kind === 'not-a-comment') fail('MISSING_TIMESTAMP', quoteFound(line), inLine(0));
        if (found.kind === 'invalid') fail('INVALID_TIMESTAMP', quoteFound(found.content), inLine(found.contentColumn - 1));
        timestamp = found.value;
        state = State.ExpectLink;
        return;
      }
      case State.ExpectLink: {
        const found = readTitleLinkLine(line);
        if (found.kind === 'not-a-link') fail('MISSING_TITLE_LINK', quoteFound(line), inLine(0), found.reason);
        const scheme = unsafeDestination(found.url);
        if (scheme !== null) fail('UNSAFE_URL', `a ${scheme}: URL ${quoteFound(found.url)}`, inLine(found.urlIndex));
        title = found.title;
        url = found.url;
        state = State.ExpectUnderline;
        return;
      }
      case State.ExpectUnderline:
        if (!isUnderlineLine(line)) fail('MISSING_UNDERLINE', quoteFound(line), inLine(0));
        state = State.Done;
        header = {
          timestamp,
          published: isoDate(timestamp),
          title: ownCopy(title),
          url: ownCopy(url),
          frontMatter,
        };
        return;
      case State.Done:
        return;
    }
  }

  function readFrontMatter(lines: string[]): Record<string, unknown> {
    // One line joined is that line itself, a view of the input: the values read from it would be too.
    const result = parseFrontMatter(lines.length === 1 ? ownCopy(lines[0] as string) : lines.join('\n'));
    if (!result.ok) fail('INVALID_FRONT_MATTER', result.problem.message, frontMatterPosition(result.problem));
    for (const warning of result.warnings) {
      warnings.push({ code: 'FRONT_MATTER_WARNING', message: makeSafe(warning.message), position: frontMatterPosition(warning) });
    }
    return result.value;
  }

  /**
   * Maps an offset within the YAML source (its lines joined by LF; line 2 of
   * the input) to the input. A binary search over the lines: front matter
   * may hold thousands of lines with a warning on each.
   */
  function frontMatterPosition(problem: FrontMatterProblem): SourcePosition {
    const lines = frontMatterLines as string[];
    if (lines.length === 0) return { offset: lineOffsetOfFence, line: 2, column: 1 };
    const sourceStart = (index: number) => frontMatterSourceStarts[index] as number;
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (sourceStart(middle) <= problem.offset) low = middle;
      else high = middle - 1;
    }
    const column = Math.max(Math.min(problem.offset - sourceStart(low), (lines[low] as string).length), 0) + 1;
    return { offset: (frontMatterOffsets[low] as number) + column - 1, line: low + 2, column };
  }

  function completeLine(tail: string): void {
    let line = pieces.length === 0 ? tail : pieces.join('') + tail;
    pieces = [];
    const length = line.length;
    lineLength = length;
    const endsWithCr = line.charCodeAt(length - 1) === 0x0d;
    if (endsWithCr) line = line.slice(0, -1);
    readLine(line);
    lineOffset += length + 1;
    lineNumber++;
  }

  return {
    header() {
      return header;
    },
    bodyStart() {
      return bodyStart;
    },
    warnings,
    write(text) {
      if (state === State.Done) return 0;
      let from = 0;
      const base = written;
      written += text.length;
      for (;;) {
        const newline = text.indexOf('\n', from);
        if (newline === -1) {
          if (from < text.length) pieces.push(text.slice(from));
          return -1;
        }
        completeLine(text.slice(from, newline));
        from = newline + 1;
        if (isDone()) {
          bodyStart = { offset: base + from, line: lineNumber, column: 1 };
          return from;
        }
      }
    },
    end() {
      if (isDone()) return;
      const atEnd = endOfInput();
      if (pieces.length > 0) {
        completeLine('');
        if (isDone()) {
          bodyStart = atEnd;
          return;
        }
      }
      switch (state) {
        case State.FirstLine:
          fail('EMPTY_INPUT', FOUND.emptyInput, { offset: 0, line: 1, column: 1 });
        case State.FrontMatter:
          fail('INVALID_FRONT_MATTER', FRONT_MATTER_UNCLOSED, { offset: 0, line: 1, column: 1 });
        case State.BeforeTimestamp:
          if (!sawNonBlank) fail('EMPTY_INPUT', FOUND.onlyWhiteSpace, { offset: 0, line: 1, column: 1 });
          fail('MISSING_TIMESTAMP', FOUND.endOfInput, atEnd);
        case State.ExpectLink:
          fail('MISSING_TITLE_LINK', FOUND.endOfInput, atEnd);
        case State.ExpectUnderline:
          fail('MISSING_UNDERLINE', FOUND.endOfInput, atEnd);
      }
    },
  };
}

const FRONT_MATTER_UNCLOSED = `${FOUND.endOfInput} before the line "---" closing it`;
const FRONT_MATTER_TOO_LONG = `more than ${MAX_FRONT_MATTER_LENGTH} characters of front matter (the limit; line breaks count)`;
