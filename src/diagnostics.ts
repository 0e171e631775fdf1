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
  const diagnostics: Diagnostic[] = [];
  const counts = new Map<DiagnosticCode, number>();
  let omitted = 0;

  function admit(code: DiagnosticCode): boolean {
    const count = (counts.get(code) ?? 0) + 1;
    counts.set(code, count);
    if (count > DIAGNOSTICS_PER_CODE) omitted++;
    return count <= DIAGNOSTICS_PER_CODE;
  }

  function add(code: DiagnosticCode, message: string, severity: Diagnostic['severity'], position: SourcePosition): void {
    if (!admit(code)) return;
    // A message may quote the input (a tag name): clean text, like every string of the Article.
    diagnostics.push({ code, message: makeSafe(message), severity, offset: position.offset, line: position.line, column: position.column });
  }

  return {
    add,
    report(code, message, severity, offset) {
      if (!admit(code)) return;
      const position = locate(offset);
      diagnostics.push({ code, message: makeSafe(message), severity, offset: position.offset, line: position.line, column: position.column });
    },
    finish() {
      if (omitted > 0) {
        const last = diagnostics[diagnostics.length - 1] as Diagnostic;
        diagnostics.push({
          code: 'DIAGNOSTICS_TRUNCATED',
          message: `${omitted} more diagnostics were left out (at most ${DIAGNOSTICS_PER_CODE} of each code are kept)`,
          severity: 'info',
          offset: last.offset,
          line: last.line,
          column: last.column,
        });
        omitted = 0;
      }
      return diagnostics;
    },
  };
}
