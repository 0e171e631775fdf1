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

/** Everything one scan keeps: plain data, read and changed by the functions below. */
interface Scan {
  state: State;
  header: Header | null;
  warnings: HeaderWarning[];
  /** Pieces of the line being assembled, when it spans writes. */
  pieces: string[] | null;
  /** Offset and number of the line being assembled. */
  lineOffset: number;
  lineNumber: number;
  /** Length of the line being read, without its line feed (a CR before it included). */
  lineLength: number;
  /** Total length written so far. */
  written: number;
  sawNonBlank: boolean;
  frontMatter: FrontMatterLines | null;
  frontMatterValue: Record<string, unknown> | null;
  timestamp: number;
  title: string;
  url: string;
  bodyStart: SourcePosition;
}

/** The lines of the front matter as read, and where each is in the input and in the YAML source. */
interface FrontMatterLines {
  lines: string[];
  /** Offsets of the lines in the input. */
  offsets: number[];
  /** Offsets of the lines in the YAML source (CRs dropped), and its length. */
  sourceStarts: number[];
  sourceLength: number;
  /** Offset of its first line, and of its closing fence. */
  start: number;
  fenceOffset: number;
}

export function createHeaderScanner(): HeaderScanner {
  const scan: Scan = {
    state: State.FirstLine,
    header: null,
    warnings: [],
    pieces: null,
    lineOffset: 0,
    lineNumber: 1,
    lineLength: 0,
    written: 0,
    sawNonBlank: false,
    frontMatter: null,
    frontMatterValue: null,
    timestamp: 0,
    title: '',
    url: '',
    bodyStart: START,
  };
  return {
    write: (text) => write(scan, text),
    end: () => end(scan),
    header: () => scan.header,
    bodyStart: () => scan.bodyStart,
    warnings: scan.warnings,
  };
}

const START: SourcePosition = Object.freeze({ offset: 0, line: 1, column: 1 });

function fail(code: HeaderErrorCode, found: string, position: SourcePosition, detail?: string): never {
  throw headerError(code, found, position, detail);
}

/** Read through a function: TypeScript cannot see that `completeLine` changes the state. */
function isDone(scan: Scan): boolean {
  return scan.state === State.Done;
}

/** The position of `index` in the line being read. */
function inLine(scan: Scan, index: number): SourcePosition {
  return { offset: scan.lineOffset + index, line: scan.lineNumber, column: index + 1 };
}

function write(scan: Scan, text: string): number {
  if (scan.state === State.Done) return 0;
  let from = 0;
  const base = scan.written;
  scan.written += text.length;
  for (;;) {
    const newline = text.indexOf('\n', from);
    if (newline === -1) {
      if (from < text.length) (scan.pieces ??= []).push(text.slice(from));
      return -1;
    }
    completeLine(scan, text.slice(from, newline));
    from = newline + 1;
    if (isDone(scan)) {
      scan.bodyStart = { offset: base + from, line: scan.lineNumber, column: 1 };
      return from;
    }
  }
}

function end(scan: Scan): void {
  if (scan.state === State.Done) return;
  // The end of what was written: on the line being assembled, if any.
  const atEnd = { offset: scan.written, line: scan.lineNumber, column: scan.written - scan.lineOffset + 1 };
  if (scan.pieces !== null && scan.pieces.length > 0) {
    completeLine(scan, '');
    if (isDone(scan)) {
      scan.bodyStart = atEnd;
      return;
    }
  }
  switch (scan.state) {
    case State.FirstLine:
      fail('EMPTY_INPUT', FOUND.emptyInput, { offset: 0, line: 1, column: 1 });
    case State.FrontMatter:
      fail('INVALID_FRONT_MATTER', FRONT_MATTER_UNCLOSED, { offset: 0, line: 1, column: 1 });
    case State.BeforeTimestamp:
      if (!scan.sawNonBlank) fail('EMPTY_INPUT', FOUND.onlyWhiteSpace, { offset: 0, line: 1, column: 1 });
      fail('MISSING_TIMESTAMP', FOUND.endOfInput, atEnd);
    case State.ExpectLink:
      fail('MISSING_TITLE_LINK', FOUND.endOfInput, atEnd);
    case State.ExpectUnderline:
      fail('MISSING_UNDERLINE', FOUND.endOfInput, atEnd);
  }
}

function completeLine(scan: Scan, tail: string): void {
  const pieces = scan.pieces;
  let line = tail;
  if (pieces !== null && pieces.length > 0) {
    line = pieces.join('') + tail;
    scan.pieces = null;
  }
  const length = line.length;
  scan.lineLength = length;
  if (line.charCodeAt(length - 1) === CR) line = line.slice(0, -1);
  readLine(scan, line);
  scan.lineOffset += length + 1;
  scan.lineNumber++;
}

function readLine(scan: Scan, line: string): void {
  switch (scan.state) {
    case State.FirstLine:
      if (isFrontMatterFence(line)) {
        scan.frontMatter = {
          lines: [],
          offsets: [],
          sourceStarts: [],
          sourceLength: 0,
          start: scan.lineOffset + scan.lineLength + 1,
          fenceOffset: 0,
        };
        scan.state = State.FrontMatter;
        return;
      }
      scan.state = State.BeforeTimestamp;
      readLine(scan, line);
      return;
    case State.FrontMatter: {
      const frontMatter = scan.frontMatter as FrontMatterLines;
      if (isFrontMatterFence(line)) {
        frontMatter.fenceOffset = scan.lineOffset;
        scan.frontMatterValue = readFrontMatter(scan, frontMatter);
        scan.sawNonBlank = true;
        scan.state = State.BeforeTimestamp;
        return;
      }
      if (scan.lineOffset + scan.lineLength + 1 - frontMatter.start > MAX_FRONT_MATTER_LENGTH) {
        // The first character beyond the limit is on this line.
        fail('INVALID_FRONT_MATTER', FRONT_MATTER_TOO_LONG, inLine(scan, frontMatter.start + MAX_FRONT_MATTER_LENGTH - scan.lineOffset));
      }
      frontMatter.offsets.push(scan.lineOffset);
      frontMatter.sourceStarts.push(frontMatter.sourceLength);
      frontMatter.sourceLength += line.length + 1;
      frontMatter.lines.push(line);
      return;
    }
    case State.BeforeTimestamp: {
      if (isBlankLine(line)) return;
      scan.sawNonBlank = true;
      const found = readTimestampLine(line);
      if (found.kind === 'not-a-comment') fail('MISSING_TIMESTAMP', quoteFound(line), inLine(scan, 0));
      if (found.kind === 'invalid') fail('INVALID_TIMESTAMP', quoteFound(found.content), inLine(scan, found.contentColumn - 1));
      scan.timestamp = found.value;
      scan.state = State.ExpectLink;
      return;
    }
    case State.ExpectLink: {
      const found = readTitleLinkLine(line);
      if (found.kind === 'not-a-link') fail('MISSING_TITLE_LINK', quoteFound(line), inLine(scan, 0), found.reason);
      const scheme = unsafeDestination(found.url);
      // A destination that starts with `<` is unsafe as Markdown reads it: inside the brackets.
      const at = found.urlIndex + (found.url.charCodeAt(0) === 0x3c /* < */ ? 1 : 0);
      if (scheme !== null) fail('UNSAFE_URL', `a ${scheme}: URL ${quoteFound(found.url)}`, inLine(scan, at));
      scan.title = found.title;
      scan.url = found.url;
      scan.state = State.ExpectUnderline;
      return;
    }
    case State.ExpectUnderline:
      if (!isUnderlineLine(line)) fail('MISSING_UNDERLINE', quoteFound(line), inLine(scan, 0));
      scan.state = State.Done;
      scan.header = {
        timestamp: scan.timestamp,
        published: isoDate(scan.timestamp),
        title: ownCopy(scan.title),
        url: ownCopy(scan.url),
        frontMatter: scan.frontMatterValue,
      };
      return;
    case State.Done:
      return;
  }
}

function readFrontMatter(scan: Scan, frontMatter: FrontMatterLines): Record<string, unknown> {
  const lines = frontMatter.lines;
  // One line joined is that line itself, a view of the input: the values read from it would be too.
  const result = parseFrontMatter(lines.length === 1 ? ownCopy(lines[0] as string) : lines.join('\n'));
  if (!result.ok) fail('INVALID_FRONT_MATTER', result.problem.message, frontMatterPosition(frontMatter, result.problem));
  for (const warning of result.warnings) {
    scan.warnings.push({ code: 'FRONT_MATTER_WARNING', message: makeSafe(warning.message), position: frontMatterPosition(frontMatter, warning) });
  }
  return result.value;
}

/**
 * Maps an offset within the YAML source (its lines joined by LF; line 2 of
 * the input) to the input. A binary search over the lines: front matter
 * may hold thousands of lines with a warning on each.
 */
function frontMatterPosition(frontMatter: FrontMatterLines, problem: FrontMatterProblem): SourcePosition {
  const { lines, sourceStarts, offsets } = frontMatter;
  if (lines.length === 0) return { offset: frontMatter.fenceOffset, line: 2, column: 1 };
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((sourceStarts[middle] as number) <= problem.offset) low = middle;
    else high = middle - 1;
  }
  const column = Math.max(Math.min(problem.offset - (sourceStarts[low] as number), (lines[low] as string).length), 0) + 1;
  return { offset: (offsets[low] as number) + column - 1, line: low + 2, column };
}

const CR = 0x0d;
const FRONT_MATTER_UNCLOSED = `${FOUND.endOfInput} before the line "---" closing it`;
const FRONT_MATTER_TOO_LONG = `more than ${MAX_FRONT_MATTER_LENGTH} characters of front matter (the limit; line breaks count)`;
