import type { SourcePosition } from './errors.js';
import { makeSafe } from './text/whitespace.js';
import type { Diagnostic, DiagnosticCode } from './types.js';

/** Where stages report what they recovered from. */
export interface DiagnosticReporter {
  report(code: DiagnosticCode, message: string, severity: Diagnostic['severity'], offset: number): void;
}

export interface DiagnosticLog extends DiagnosticReporter {
  add(code: DiagnosticCode, message: string, severity: Diagnostic['severity'], position: SourcePosition): void;
  /** The diagnostics, with a closing note when some were left out. */
  finish(): Diagnostic[];
}

/** At most this many diagnostics of one code are kept; the rest are counted. */
export const DIAGNOSTICS_PER_CODE = 100;

export function createDiagnosticLog(locate: (offset: number) => SourcePosition): DiagnosticLog {
  return new Log(locate);
}

class Log implements DiagnosticLog {
  private readonly diagnostics: Diagnostic[] = [];
  private counts: Map<DiagnosticCode, number> | null = null;
  private omitted = 0;
  private readonly locate: (offset: number) => SourcePosition;

  constructor(locate: (offset: number) => SourcePosition) {
    this.locate = locate;
  }

  private admit(code: DiagnosticCode): boolean {
    const counts = (this.counts ??= new Map());
    const count = (counts.get(code) ?? 0) + 1;
    counts.set(code, count);
    if (count > DIAGNOSTICS_PER_CODE) this.omitted++;
    return count <= DIAGNOSTICS_PER_CODE;
  }

  add(code: DiagnosticCode, message: string, severity: Diagnostic['severity'], position: SourcePosition): void {
    if (!this.admit(code)) return;
    // A message may quote the input (a tag name): clean text, like every string of the Article.
    this.diagnostics.push({ code, message: makeSafe(message), severity, offset: position.offset, line: position.line, column: position.column });
  }

  report(code: DiagnosticCode, message: string, severity: Diagnostic['severity'], offset: number): void {
    if (!this.admit(code)) return;
    const position = this.locate(offset);
    this.diagnostics.push({ code, message: makeSafe(message), severity, offset: position.offset, line: position.line, column: position.column });
  }

  finish(): Diagnostic[] {
    const diagnostics = this.diagnostics;
    if (this.omitted > 0) {
      const last = diagnostics[diagnostics.length - 1] as Diagnostic;
      diagnostics.push({
        code: 'DIAGNOSTICS_TRUNCATED',
        message: `${this.omitted} more diagnostics were left out (at most ${DIAGNOSTICS_PER_CODE} of each code are kept)`,
        severity: 'info',
        offset: last.offset,
        line: last.line,
        column: last.column,
      });
      this.omitted = 0;
    }
    return diagnostics;
  }
}
