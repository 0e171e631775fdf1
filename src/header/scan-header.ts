import type { SourcePosition } from '../errors.js';
import type { DiagnosticCode, Header } from '../types.js';
import { ownCopy } from '../text/speed.js';
import { makeSafe } from '../text/whitespace.js';
import { MAX_FRONT_MATTER_LENGTH, parseFrontMatter, readSimpleFrontMatter, type FrontMatterProblem } from './front-matter.js';
import {
  isBlankLine,
  isFrontMatterFence,
  isTrimmedSpace,
  isoDate,
  isUnderlineLine,
  readTimestampLine,
  readTitleLinkLine,
  skipSpaces,
  TITLE_LINE_START,
  unsafeDestination,
  unsafeInLine,
} from './header-lines.js';
import { FOUND, headerError, quoteFound, type HeaderErrorCode } from './messages.js';
import { QUOTED_UNITS } from '../errors.js';

/**
 * The header stage: a line-by-line state machine over the start of a seed.
 *
 *                                 FirstLine (blank lines skipped)
 *     ---                         FrontMatter (optional, the first non-blank line only)
 *     key: value
 *     ---
 *                                 BeforeTimestamp (blank lines skipped)
 *     <!--1684512901000-->        → ExpectLink
 *     [Title](https://…)          → ExpectUnderline
 *     ------                      → Done: the body starts on the next line
 *
 * Text arrives in chunks split anywhere. A line is assembled from its pieces
 * only once its end is seen, so a long line costs linear time; but a line
 * that can only fail, whatever its end, fails from the write that shows it
 * ({@link PendingLine}). Lines are read
 * on offsets into the text written, not cut from it. A front matter whose
 * closing fence is in the same write as its first line, and which the simple
 * reader reads, is read at once (one copy, one pass); any other is read line
 * by line, as every other line is.
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
  /** What the pieces show so far. */
  pending: PendingLine;
  /** Offset and number of the line being read. */
  lineOffset: number;
  lineNumber: number;
  /** Length of the line being read, without its line feed (a CR before it included). */
  lineLength: number;
  /** Total length written so far. */
  written: number;
  sawNonBlank: boolean;
  frontMatter: FrontMatterText | null;
  frontMatterValue: Record<string, unknown> | null;
  timestamp: number;
  title: string;
  url: string;
  bodyStart: SourcePosition;
}

/**
 * What is known of the line being assembled before its end is seen, each
 * character looked at once. A line whose error does not depend on its end
 * fails from the write that shows it, with the error the whole line would
 * give: a stream of a file with no line feed (a minified page, a binary)
 * is neither read to its end nor kept whole.
 *
 * - A first line that cannot be a timestamp comment (it starts, after spaces
 *   and tabs, with anything but `<!--`; not blank; not a front matter fence)
 *   is `MISSING_TIMESTAMP`; a title line that starts with anything but `[`,
 *   `MISSING_TITLE_LINK`; an underline line with anything but hyphens and
 *   then spaces and tabs, `MISSING_UNDERLINE`: each once it is long enough that its
 *   quote is known.
 * - A line of front matter that passes the length limit and cannot be the
 *   closing fence is `INVALID_FRONT_MATTER` at the limit.
 */
interface PendingLine {
  /** Characters looked at. */
  seen: number;
  /** Its first characters after spaces and tabs, up to four. */
  lead: string;
  /** Whether a character other than white space has come (a line of white space only is blank). */
  printed: boolean;
  /** Whether it may still be a fence: `---`, then spaces and tabs, a CR only at its end. */
  fence: boolean;
  /** Whether it may still be an underline: three or more hyphens, then spaces and tabs, a CR only at its end (as `isUnderlineLine` reads the whole line; `fence`, as `isFrontMatterFence`). */
  underline: boolean;
  /** Whether only hyphens have come. */
  hyphens: boolean;
  /** Whether the last character that came is a CR: the end of the line if the line feed comes next, else a character inside it. */
  carriageReturn: boolean;
}

const FRESH_LINE: PendingLine = Object.freeze({ seen: 0, lead: '', printed: false, fence: true, underline: true, hyphens: true, carriageReturn: false });

/**
 * The front matter as read so far: whole lines, each with its line feed,
 * kept as the pieces of input they were written in. Lines read from the
 * text of the current write are not cut one by one: they are a run of that
 * text, cut once at the end of the write or at the closing fence.
 */
interface FrontMatterText {
  pieces: string[];
  /** Where the run of front matter lines in the current write's text starts, or -1. */
  runStart: number;
  /** Whether a line ends with a CR (dropped from the YAML source). */
  carriageReturn: boolean;
  /** Offset of its first line, and of its closing fence. */
  start: number;
  fenceOffset: number;
  /** The number of its first line (the line after the opening fence). */
  line: number;
  /** Where its opening fence is. */
  opening: SourcePosition;
}

export function createHeaderScanner(): HeaderScanner {
  const scan: Scan = {
    state: State.FirstLine,
    header: null,
    warnings: [],
    pieces: null,
    pending: { ...FRESH_LINE },
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

/** The position of `index` in the line being read, which starts at `start` in its source. */
function inLine(scan: Scan, start: number, index: number): SourcePosition {
  return { offset: scan.lineOffset + index - start, line: scan.lineNumber, column: index - start + 1 };
}

function write(scan: Scan, text: string): number {
  if (scan.state === State.Done) return 0;
  const base = scan.written;
  scan.written += text.length;
  // Each turn stands at the start of a line, or in a line begun in an earlier write.
  let from = 0;
  for (;;) {
    const newline = text.indexOf('\n', from);
    if (newline === -1) {
      if (from < text.length) {
        (scan.pieces ??= []).push(text.slice(from));
        checkPending(scan, text, from);
      }
      keepFrontMatterRun(scan, text, from);
      return -1;
    }
    const pieces = scan.pieces;
    if (pieces === null) {
      completeLine(scan, text, from, newline, true);
    } else {
      scan.pieces = null;
      pieces.push(text.slice(from, newline));
      const line = pieces.join('');
      completeLine(scan, line, 0, line.length, false);
    }
    from = newline + 1;
    if (isDone(scan)) {
      scan.bodyStart = { offset: base + from, line: scan.lineNumber, column: 1 };
      return from;
    }
    if (scan.state === State.FrontMatter && scan.lineOffset === (scan.frontMatter as FrontMatterText).start) {
      from = readFrontMatterAtOnce(scan, text, from);
    }
  }
}

/**
 * Standing at the first line of the front matter, in the current write's
 * text: when the closing fence is in that text too and the front matter is
 * in the simple subset, it is read at once, and the scan goes on after the
 * fence. Otherwise nothing is read here (its lines are read one by one, as
 * any line). Returns where the scan goes on.
 */
function readFrontMatterAtOnce(scan: Scan, text: string, from: number): number {
  const fence = findFence(text, from);
  if (fence === -1 || fence - from > MAX_FRONT_MATTER_LENGTH) return from;
  // The lines with their line breaks: the simple reader reads CR LF as a line break, and declines any other CR.
  const reading = readSimpleFrontMatter(ownCopy(text.slice(from, fence)));
  // Out of the subset, or an error: the lines are read one by one, and the error is reported where they end.
  if (reading === undefined || !reading.ok) return from;
  const afterFence = text.indexOf('\n', fence) + 1;
  (scan.frontMatter as FrontMatterText).fenceOffset = scan.lineOffset + fence - from;
  scan.frontMatterValue = reading.value;
  scan.sawNonBlank = true;
  scan.state = State.BeforeTimestamp;
  scan.lineOffset += afterFence - from;
  scan.lineNumber += reading.lines + 1;
  return afterFence;
}

/** Standing at the start of a line: the start of the first fence line from there on whose line feed is in `text`, else -1. */
function findFence(text: string, from: number): number {
  for (let start = from; ; ) {
    if (text.startsWith('---', start)) {
      let index = start + 3;
      while (text.charCodeAt(index) === SPACE || text.charCodeAt(index) === TAB) index++;
      if (text.charCodeAt(index) === CR) index++;
      if (text.charCodeAt(index) === LINE_FEED) return start;
      // The line may go on in the next write.
      if (index >= text.length) return -1;
    }
    const next = text.indexOf('\n---', start);
    if (next === -1) return -1;
    start = next + 1;
  }
}

function end(scan: Scan): void {
  if (scan.state === State.Done) return;
  // The end of what was written: on the line being assembled, if any.
  const atEnd = { offset: scan.written, line: scan.lineNumber, column: scan.written - scan.lineOffset + 1 };
  const pieces = scan.pieces;
  if (pieces !== null) {
    scan.pieces = null;
    const line = pieces.join('');
    // No line feed ends it: a CR at its end is a character of the line (a lone CR breaks no line).
    completeLine(scan, line, 0, line.length, false, false);
    if (isDone(scan)) {
      scan.bodyStart = atEnd;
      return;
    }
  }
  switch (scan.state) {
    case State.FirstLine:
      fail('EMPTY_INPUT', scan.written === 0 ? FOUND.emptyInput : FOUND.onlyWhiteSpace, { offset: 0, line: 1, column: 1 });
    case State.FrontMatter:
      fail('INVALID_FRONT_MATTER', FRONT_MATTER_UNCLOSED, (scan.frontMatter as FrontMatterText).opening);
    case State.BeforeTimestamp:
      if (!scan.sawNonBlank) fail('EMPTY_INPUT', FOUND.onlyWhiteSpace, { offset: 0, line: 1, column: 1 });
      fail('MISSING_TIMESTAMP', FOUND.endOfInput, atEnd);
    case State.ExpectLink:
      fail('MISSING_TITLE_LINK', FOUND.endOfInput, atEnd);
    case State.ExpectUnderline:
      fail('MISSING_UNDERLINE', FOUND.endOfInput, atEnd);
  }
}

/**
 * Reads the line `source[start, newline)`: a line of the current write's
 * text (`inText`), or one assembled from pieces (the whole of `source`).
 * A CR at its end is part of its line break when a line feed follows
 * (`lineFeed`), and a character of the line when the input ends there.
 */
function completeLine(scan: Scan, source: string, start: number, newline: number, inText: boolean, lineFeed = true): void {
  if (scan.pending.seen > 0) scan.pending = { ...FRESH_LINE };
  scan.lineLength = newline - start;
  const end = lineFeed && newline > start && source.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
  readLine(scan, source, start, end, inText);
  scan.lineOffset += scan.lineLength + 1;
  scan.lineNumber++;
}

/** Reads the line `source[start, end)`, without its line break. */
function readLine(scan: Scan, source: string, start: number, end: number, inText: boolean): void {
  switch (scan.state) {
    case State.FirstLine:
      if (isBlankLine(source, start, end)) return;
      if (isFrontMatterFence(source, start, end)) {
        scan.frontMatter = {
          pieces: [],
          runStart: -1,
          carriageReturn: false,
          start: scan.lineOffset + scan.lineLength + 1,
          fenceOffset: 0,
          line: scan.lineNumber + 1,
          opening: inLine(scan, start, start),
        };
        scan.state = State.FrontMatter;
        return;
      }
      scan.state = State.BeforeTimestamp;
      readLine(scan, source, start, end, inText);
      return;
    case State.FrontMatter: {
      const frontMatter = scan.frontMatter as FrontMatterText;
      if (isFrontMatterFence(source, start, end)) {
        frontMatter.fenceOffset = scan.lineOffset;
        scan.frontMatterValue = readFrontMatter(scan, frontMatter, inText ? source : '', start);
        scan.sawNonBlank = true;
        scan.state = State.BeforeTimestamp;
        return;
      }
      if (scan.lineOffset + scan.lineLength + 1 - frontMatter.start > MAX_FRONT_MATTER_LENGTH) {
        // The first character beyond the limit is on this line.
        fail('INVALID_FRONT_MATTER', FRONT_MATTER_TOO_LONG, inLine(scan, 0, frontMatter.start + MAX_FRONT_MATTER_LENGTH - scan.lineOffset));
      }
      if (end - start < scan.lineLength) frontMatter.carriageReturn = true;
      if (!inText) frontMatter.pieces.push(source, '\n');
      else if (frontMatter.runStart === -1) frontMatter.runStart = start;
      return;
    }
    case State.BeforeTimestamp: {
      if (isBlankLine(source, start, end)) return;
      scan.sawNonBlank = true;
      const found = readTimestampLine(source, start, end);
      if (found.kind === 'not-a-comment') fail('MISSING_TIMESTAMP', quoteFound(source.slice(start, end)), inLine(scan, start, start));
      if (found.kind === 'invalid') fail('INVALID_TIMESTAMP', quoteFound(found.content, FOUND.emptyComment), inLine(scan, start, found.contentIndex));
      scan.timestamp = found.value;
      scan.state = State.ExpectLink;
      return;
    }
    case State.ExpectLink: {
      // One copy of the line: the title and the URL are read from it, and kept without keeping the input alive.
      const line = ownCopy(source.slice(start, end));
      const found = readTitleLinkLine(line, 0, line.length);
      if (found.kind === 'not-a-link') fail('MISSING_TITLE_LINK', quoteFound(line), inLine(scan, 0, 0), found.reason);
      // Reported at the destination (inside a `<` that starts it: Markdown reads it there), or in
      // the title where Markdown reads a URL of its own.
      const at = found.urlIndex + (found.url.charCodeAt(0) === 0x3c /* < */ ? 1 : 0);
      const scheme = unsafeDestination(found.url);
      if (scheme !== null) fail('UNSAFE_URL', `a ${scheme}: URL ${quoteFound(found.url)}`, inLine(scan, 0, at));
      const other = unsafeInLine(line, found.urlIndex - 1);
      if (other !== null && other.index >= found.urlIndex - 1) fail('UNSAFE_URL', `a ${other.scheme}: URL ${quoteFound(found.url)}`, inLine(scan, 0, at));
      if (other !== null) fail('UNSAFE_URL', `a ${other.scheme}: URL ${quoteFound(line.slice(other.index))}`, inLine(scan, 0, other.index));
      scan.title = found.title;
      scan.url = found.url;
      scan.state = State.ExpectUnderline;
      return;
    }
    case State.ExpectUnderline:
      if (!isUnderlineLine(source, start, end)) fail('MISSING_UNDERLINE', quoteFound(source.slice(start, end)), inLine(scan, start, start));
      scan.state = State.Done;
      scan.header = {
        timestamp: scan.timestamp,
        published: isoDate(scan.timestamp),
        title: scan.title,
        url: scan.url,
        frontMatter: scan.frontMatterValue,
      };
      return;
    case State.Done:
      return;
  }
}


/** Looks at the new piece `text[from…]` of the line being assembled, and fails when the line can only fail. */
function checkPending(scan: Scan, text: string, from: number): void {
  const { state, pending } = scan;
  if (state === State.Done) return;
  for (let index = from; index < text.length; index++) {
    // Nothing more to learn: the lead is known, and the line can be no fence and no underline.
    if (pending.lead.length === 4 && pending.printed && !pending.fence && !pending.underline) break;
    const code = text.charCodeAt(index);
    const column = pending.seen++;
    // A CR is the line's end only when the line feed follows it: a character after it puts it inside the line, where no fence or underline holds one.
    const spaceOrEnd = !pending.carriageReturn && (code === SPACE || code === TAB || code === CR);
    pending.carriageReturn = code === CR;
    if (pending.fence) pending.fence = column < 3 ? code === HYPHEN : spaceOrEnd;
    if (pending.underline) {
      pending.hyphens &&= code === HYPHEN;
      pending.underline = pending.hyphens || (column >= 3 && spaceOrEnd);
    }
    if (!isTrimmedSpace(code)) pending.printed = true;
    if (pending.lead.length < 4 && (pending.lead.length > 0 || (code !== SPACE && code !== TAB))) pending.lead += text[index];
  }
  const length = scan.written - scan.lineOffset;
  if (state === State.FrontMatter) {
    const frontMatter = scan.frontMatter as FrontMatterText;
    // As when the line is read whole (its line feed counts): the first character beyond the limit is on it.
    if (!pending.fence && scan.written + 1 - frontMatter.start > MAX_FRONT_MATTER_LENGTH) {
      fail('INVALID_FRONT_MATTER', FRONT_MATTER_TOO_LONG, inLine(scan, 0, frontMatter.start + MAX_FRONT_MATTER_LENGTH - scan.lineOffset));
    }
    return;
  }
  // One unit more than the quote reads: the last unit that has come may be a CR that the line feed makes its end, not part of it.
  if (length <= QUOTED_UNITS) return;
  const found = () => quoteFound(prefixOf(scan.pieces as string[], QUOTED_UNITS));
  switch (state) {
    case State.FirstLine:
    case State.BeforeTimestamp:
      if (!pending.printed || pending.lead.length < 4 || pending.lead === '<!--' || (state === State.FirstLine && pending.fence)) return;
      fail('MISSING_TIMESTAMP', found(), inLine(scan, 0, 0));
    case State.ExpectLink:
      if (pending.lead === '' || pending.lead[0] === '[') return;
      fail('MISSING_TITLE_LINK', found(), inLine(scan, 0, 0), TITLE_LINE_START);
    case State.ExpectUnderline:
      if (pending.underline) return;
      fail('MISSING_UNDERLINE', found(), inLine(scan, 0, 0));
  }
}

/** The first `units` code units of the line assembled so far (all of it when shorter). */
function prefixOf(pieces: readonly string[], units: number): string {
  let prefix = '';
  for (const piece of pieces) {
    if (prefix.length >= units) break;
    prefix += piece.slice(0, units - prefix.length);
  }
  return prefix;
}


/**
 * At the end of a write, the front matter lines read from its text are cut
 * from it as one piece: the next write brings other text.
 */
function keepFrontMatterRun(scan: Scan, text: string, end: number): void {
  const frontMatter = scan.frontMatter;
  if (frontMatter === null || frontMatter.runStart === -1) return;
  frontMatter.pieces.push(text.slice(frontMatter.runStart, end));
  frontMatter.runStart = -1;
}

/**
 * Reads the front matter, whose closing fence starts at `fence` in `text`
 * (the current write's text, or '' when the fence line was assembled).
 */
function readFrontMatter(scan: Scan, frontMatter: FrontMatterText, text: string, fence: number): Record<string, unknown> {
  // Its lines as written, each with its line feed.
  let written: string;
  if (frontMatter.runStart === -1) written = frontMatter.pieces.join('');
  else if (frontMatter.pieces.length === 0) written = text.slice(frontMatter.runStart, fence);
  else written = frontMatter.pieces.join('') + text.slice(frontMatter.runStart, fence);
  frontMatter.pieces = [];
  frontMatter.runStart = -1;
  const result = parseFrontMatter(yamlSource(written, frontMatter.carriageReturn));
  if (result.ok && result.warnings.length === 0) return result.value;
  const lines = frontMatterLines(written, frontMatter);
  if (!result.ok) {
    // A front matter missing its closing fence runs on to the underline, the next line of three hyphens.
    const timestamp = swallowedTimestampLine(written, lines);
    if (timestamp !== -1) fail('INVALID_FRONT_MATTER', frontMatterHoldsTimestamp(lines.firstLine + timestamp), frontMatter.opening);
    fail('INVALID_FRONT_MATTER', result.problem.message, frontMatterPosition(lines, result.problem));
  }
  for (const warning of result.warnings) {
    scan.warnings.push({ code: 'FRONT_MATTER_WARNING', message: makeSafe(warning.message), position: frontMatterPosition(lines, warning) });
  }
  return result.value;
}

/**
 * The YAML source: the lines, each with its line break as a line feed (a CR
 * before a line feed is part of the break). The last line's break is part of
 * the front matter too: a block scalar that keeps its final line breaks (`|+`)
 * ends with it, as YAML reads the text between the fences. A string of its
 * own: the values read from it are cut from it, and must not keep the input
 * alive.
 */
function yamlSource(written: string, carriageReturn: boolean): string {
  if (carriageReturn) return written.replace(CRLF, '\n');
  return ownCopy(written);
}

const CRLF = /\r\n/g;

/** Where each line of the front matter is in the input and in the YAML source; built only to place a warning or an error. */
interface FrontMatterLines {
  /** Offsets of the lines in the input. */
  offsets: number[];
  /** Offsets of the lines in the YAML source, and their lengths there. */
  sourceStarts: number[];
  lengths: number[];
  fenceOffset: number;
  /** The number of the first line in the input. */
  firstLine: number;
}

function frontMatterLines(written: string, frontMatter: FrontMatterText): FrontMatterLines {
  const lines: FrontMatterLines = { offsets: [], sourceStarts: [], lengths: [], fenceOffset: frontMatter.fenceOffset, firstLine: frontMatter.line };
  let sourceStart = 0;
  // Each turn stands at the start of a line; every line ends with a line feed.
  for (let start = 0; start < written.length; ) {
    const newline = written.indexOf('\n', start);
    const length = newline - start - (newline > start && written.charCodeAt(newline - 1) === CR ? 1 : 0);
    lines.offsets.push(frontMatter.start + start);
    lines.sourceStarts.push(sourceStart);
    lines.lengths.push(length);
    sourceStart += length + 1;
    start = newline + 1;
  }
  return lines;
}

/**
 * When the underline closed the front matter (its closing fence missing), so that it ends with the
 * timestamp line and the title line: the index of that timestamp line; else -1.
 */
function swallowedTimestampLine(written: string, lines: FrontMatterLines): number {
  const count = lines.offsets.length;
  if (count < 2) return -1;
  const lineStart = (index: number) => (lines.offsets[index] as number) - (lines.offsets[0] as number);
  // A line that starts as a title line (spaces and tabs before its `[` allowed, as the header reads it).
  const last = lineStart(count - 1);
  if (written.charCodeAt(skipSpaces(written, last, last + (lines.lengths[count - 1] as number))) !== OPENING_BRACKET) return -1;
  const start = lineStart(count - 2);
  return readTimestampLine(written, start, start + (lines.lengths[count - 2] as number)).kind === 'timestamp' ? count - 2 : -1;
}

/**
 * Maps an offset within the YAML source (its lines joined by LF, from the
 * line after the opening fence) to the input. A binary search over the lines: front matter
 * may hold thousands of lines with a warning on each.
 */
function frontMatterPosition(lines: FrontMatterLines, problem: FrontMatterProblem): SourcePosition {
  const { offsets, sourceStarts, lengths } = lines;
  if (offsets.length === 0) return { offset: lines.fenceOffset, line: lines.firstLine, column: 1 };
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((sourceStarts[middle] as number) <= problem.offset) low = middle;
    else high = middle - 1;
  }
  const column = Math.max(Math.min(problem.offset - (sourceStarts[low] as number), lengths[low] as number), 0) + 1;
  return { offset: (offsets[low] as number) + column - 1, line: lines.firstLine + low, column };
}

const CR = 0x0d;
const HYPHEN = 0x2d;
const OPENING_BRACKET = 0x5b;
const LINE_FEED = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const FRONT_MATTER_UNCLOSED = `${FOUND.endOfInput} before the line "---" closing it`;
const frontMatterHoldsTimestamp = (line: number) => `the timestamp comment inside it, on line ${line}: its closing line "---" is missing, and the underline closed it instead`;
const FRONT_MATTER_TOO_LONG = `more than ${MAX_FRONT_MATTER_LENGTH} characters of front matter (the limit; line breaks count)`;
