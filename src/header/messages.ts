import { SeedParseError, quoteFound, type SeedErrorCode, type SourcePosition } from '../errors.js';

/**
 * The words of every header error, in one place: what each code expected.
 * A message reads "Expected <construct> (<detail>), found <what was found>".
 */
export type HeaderErrorCode = Exclude<SeedErrorCode, 'INVALID_INPUT'>;

const EXPECTED: Readonly<Record<HeaderErrorCode, string>> = {
  EMPTY_INPUT: 'a seed',
  MISSING_TIMESTAMP: 'a timestamp comment like <!--1684512901000-->',
  INVALID_TIMESTAMP: 'epoch milliseconds (decimal digits, at most 253402300799999) in the timestamp comment',
  MISSING_TITLE_LINK: 'the title line "[Title](url)"',
  MISSING_UNDERLINE: 'an underline of three or more "-" after the title line',
  INVALID_FRONT_MATTER: 'YAML front matter: one mapping of plain data, closed by a line "---"',
  UNSAFE_URL: 'a title link whose destination is not a javascript:, vbscript: or data: URL',
};

/** What was found, when it is not a line of the input. */
export const FOUND = {
  endOfInput: 'the end of the input',
  emptyInput: 'an empty input',
  onlyWhiteSpace: 'only white space',
  emptyComment: 'an empty comment',
} as const;

/**
 * The error of `code` at `position`. `found` is already worded (see
 * {@link FOUND}, or {@link quoteFound} of the input).
 */
export function headerError(code: HeaderErrorCode, found: string, position: SourcePosition, detail?: string): SeedParseError {
  const expected = detail === undefined ? EXPECTED[code] : `${EXPECTED[code]} (${detail})`;
  return new SeedParseError(code, `Expected ${expected}, found ${found}`, position);
}

export { quoteFound };
