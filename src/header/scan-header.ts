import { SeedParseError, quoteFound, type SeedErrorCode, type SourcePosition } from '../errors.js';
import type { DiagnosticCode, Header } from '../types.js';
import { ownCopy } from '../text/own-copy.js';
import { parseFrontMatter, type FrontMatterProblem } from './front-matter.js';
import {
  isBlankLine,
  isFrontMatterFence,
  isUnderlineLine,
  readTimestampLine,
  readTitleLinkLine,
} from './header-lines.js';

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
  /** Total length written so far. */
  let written = 0;
  let sawNonBlank = false;

  let frontMatterLines: string[] | null = null;
  let frontMatter: Record<string, unknown> | null = null;
  let timestamp = 0;
  let title = '';
  let url = '';
  let bodyStart: SourcePosition = { offset: 0, line: 1, column: 1 };

  function fail(code: SeedErrorCode, message: string, position: SourcePosition): never {
    throw new SeedParseError(code, message, position);
  }

  /** Read through a function: TypeScript cannot see that `completeLine` changes `state`. */
  function isDone(): boolean {
    return state === State.Done;
  }

  function lineStart(): SourcePosition {
    return { offset: lineOffset, line: lineNumber, column: 1 };
  }

  function readLine(line: string): void {
    switch (state) {
      case State.FirstLine:
        if (isFrontMatterFence(line)) {
          frontMatterLines = [];
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
        frontMatterOffsets.push(lineOffset);
        (frontMatterLines as string[]).push(line);
        return;
      case State.BeforeTimestamp: {
        if (isBlankLine(line)) return;
        sawNonBlank = true;
        const found = readTimestampLine(line);
        if (found.kind === 'not-a-comment') {
          fail('MISSING_TIMESTAMP', `Expected a timestamp comment like <!--1684512901000-->, found ${quoteFound(line)}`, lineStart());
        }
        if (found.kind === 'invalid') {
          fail(
            'INVALID_TIMESTAMP',
            `Expected epoch milliseconds (decimal digits, at most 253402300799999) in the timestamp comment, found ${quoteFound(found.content)}`,
            { offset: lineOffset + found.contentColumn - 1, line: lineNumber, column: found.contentColumn },
          );
        }
        timestamp = found.value;
        state = State.ExpectLink;
        return;
      }
      case State.ExpectLink: {
        const found = readTitleLinkLine(line);
        if (found.kind === 'not-a-link') {
          fail('MISSING_TITLE_LINK', `Expected the title line "[Title](url)" (${found.reason}), found ${quoteFound(line)}`, lineStart());
        }
        title = found.title;
        url = found.url;
        state = State.ExpectUnderline;
        return;
      }
      case State.ExpectUnderline:
        if (!isUnderlineLine(line)) {
          fail('MISSING_UNDERLINE', `Expected an underline of three or more "-" after the title line, found ${quoteFound(line)}`, lineStart());
        }
        state = State.Done;
        header = {
          timestamp,
          published: new Date(timestamp).toISOString(),
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
    if (!result.ok) {
      fail('INVALID_FRONT_MATTER', `Expected YAML front matter that is a mapping, but ${result.problem.message}`, frontMatterPosition(result.problem));
    }
    for (const warning of result.warnings) {
      warnings.push({ code: 'FRONT_MATTER_WARNING', message: warning.message, position: frontMatterPosition(warning) });
    }
    return result.value;
  }

  /** Maps an offset within the YAML source (its lines joined by LF; line 2 of the input) to the input. */
  function frontMatterPosition(problem: FrontMatterProblem): SourcePosition {
    const lines = frontMatterLines as string[];
    let lineIndex = 0;
    let lineStartInSource = 0;
    while (lineIndex < lines.length - 1 && problem.offset > lineStartInSource + (lines[lineIndex] as string).length) {
      lineStartInSource += (lines[lineIndex] as string).length + 1;
      lineIndex++;
    }
    if (lines.length === 0) return { offset: lineOffsetOfFence, line: 2, column: 1 };
    const column = Math.max(Math.min(problem.offset - lineStartInSource, (lines[lineIndex] as string).length), 0) + 1;
    return { offset: (frontMatterOffsets[lineIndex] as number) + column - 1, line: lineIndex + 2, column };
  }

  /** Offsets of the front matter's lines, and of its closing fence. */
  const frontMatterOffsets: number[] = [];
  let lineOffsetOfFence = 0;

  function completeLine(tail: string): void {
    let line = pieces.length === 0 ? tail : pieces.join('') + tail;
    pieces = [];
    const length = line.length;
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
      if (state !== State.Done && pieces.length > 0) {
        const lastLength = pieces.reduce((sum, piece) => sum + piece.length, 0);
        completeLine('');
        if (isDone()) {
          bodyStart = { offset: written, line: lineNumber - 1, column: lastLength + 1 };
          return;
        }
      }
      if (isDone()) return;
      const atEnd: SourcePosition = { offset: written, line: lineNumber, column: 1 };
      switch (state) {
        case State.FirstLine:
          fail('EMPTY_INPUT', 'Expected a seed, found an empty input', { offset: 0, line: 1, column: 1 });
        case State.FrontMatter:
          fail('INVALID_FRONT_MATTER', 'Expected a line "---" closing the front matter, found the end of the input', { offset: 0, line: 1, column: 1 });
        case State.BeforeTimestamp:
          if (!sawNonBlank) fail('EMPTY_INPUT', 'Expected a seed, found only white space', { offset: 0, line: 1, column: 1 });
          fail('MISSING_TIMESTAMP', 'Expected a timestamp comment like <!--1684512901000-->, found the end of the input', atEnd);
        case State.ExpectLink:
          fail('MISSING_TITLE_LINK', 'Expected the title line "[Title](url)", found the end of the input', atEnd);
        case State.ExpectUnderline:
          fail('MISSING_UNDERLINE', 'Expected an underline of three or more "-" after the title line, found the end of the input', atEnd);
      }
    },
  };
}
