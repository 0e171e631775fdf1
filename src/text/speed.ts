/**
 * The speed and memory tricks of the library, in one place: each is a way
 * around a property of the JavaScript engine (V8) that the plain code would
 * pay for, and each says what it buys. The figures are in bench/README.md.
 */

/**
 * A string that shares no storage with the string it was cut from.
 *
 * A substring is a view into the string it was cut from (in V8, from 13
 * characters on), and keeps all of that string alive. The copy is a join of two
 * pieces: joined, strings become one new string of their own (a concatenation
 * cut again would be a view too: of a new string, but one more object).
 *
 * Buys: a small value (a title, a URL) that outlives a large input does not
 * keep the input alive. Costs a copy, so it is used only where a few short
 * strings are kept from a large text (the header); the body's strings are not
 * copied (the memory bound holds without, bench/README.md).
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : [text.slice(0, 1), text.slice(1)].join('');
}

/** Matches the empty string. Global, so that bundlers see the match as stateful and keep it. */
const EMPTY = /(?:)/g;

/**
 * The JavaScript context remembers the last successful regular-expression
 * match (`RegExp.input`, `RegExp.lastMatch`), and with it the whole string it
 * was made on: a piece of the input, or the Article's `text`. Matching the
 * empty string replaces it.
 *
 * Buys: after a parse, neither the input nor the Article stays alive through
 * that hidden reference until some other code matches a regular expression.
 */
export function forgetLastMatch(): void {
  EMPTY.lastIndex = 0;
  EMPTY.exec('');
}

/**
 * The same items in an array of exactly their number. An array that grew by
 * `push` has room for more (up to half as many again), kept as long as the
 * array.
 *
 * Buys: the arrays an Article keeps (inlines, blocks of a quote) take no
 * spare room.
 */
export function exactLength<T>(items: T[]): T[] {
  return items.length === 0 ? [] : items.slice();
}
