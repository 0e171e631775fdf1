/**
 * The speed and memory tricks of the library, in one place: each is a way
 * around a property of the JavaScript engine (V8) that the plain code would
 * pay for, and each says what it buys. The figures are in bench/README.md.
 */

/** A character above U+00FF: a string that holds one is two bytes per character in V8. */
const WIDE = /[^\0-\xff]/;

/**
 * A string that shares no storage with the string it was cut from.
 *
 * A substring is a view into the string it was cut from (in V8, from 13
 * characters on), and keeps all of that string alive. The copy is a join of two
 * pieces: joined, strings become one new string of their own (a concatenation
 * cut again would be a view too: of a new string, but one more object). A
 * shorter substring is already a copy.
 *
 * With `narrow`, a text whose characters are all U+0000–U+00FF is copied one
 * byte per character: V8 stores a string either one byte per character or two
 * for all of them, and a string cut (or joined) from a two-byte string stays
 * two-byte, even when every character of it would fit one byte. Once a chunk
 * of input holds one character above U+00FF (a Japanese word, a curly quote),
 * every text, URL and attribute value cut from it would take two bytes per
 * character. `decodeURIComponent` of a text without `%` is that text, made
 * anew, one byte per character when they fit (V8 chooses the width of its
 * result by the characters, where a join or a slice takes the width of the
 * strings it is made from). A text with `%` is joined as above.
 *
 * Buys: the Article's strings keep nothing of the input alive (the body's texts
 * and attribute values, the header's title and URL), and with `narrow` they
 * take half the room wherever their own characters allow. Costs a copy per
 * string; narrowing also a scan of the text, which pays back in a large parse
 * (less to allocate and to collect) but not in a small one: see
 * `narrowsCopies`.
 */
export function ownCopy(text: string, narrow = false): string {
  if (text.length < 13) return text;
  if (narrow && text.indexOf('%') === -1 && !WIDE.test(text)) return decodeURIComponent(text);
  return [text.slice(0, 1), text.slice(1)].join('');
}

/** From this much input read, copies of text cut from two-byte chunks are narrowed. */
const NARROW_FROM = 64 * 1024;

/**
 * Whether the copies of text cut from `chunk` are to be narrowed (`ownCopy`'s
 * `narrow`), once `read` characters of input (this chunk included) have been
 * read: when the chunk holds a character above U+00FF, so that V8 stores it,
 * and every piece cut from it, two bytes per character; and when the input is
 * large enough that its Article outlives the young generation. A small seed's
 * Article dies young, where the narrowing would only cost its scan.
 *
 * Buys: the half of the text's room that two-byte chunks would cost, in the
 * inputs where memory matters, for one scan of each chunk (which stops at its
 * first character above U+00FF).
 */
export function narrowsCopies(chunk: string, read: number): boolean {
  return read >= NARROW_FROM && WIDE.test(chunk);
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

/**
 * A map from strings to values that is two arrays until the first lookup,
 * then a `Map` built from them in one pass (a key set again holds its later
 * value, as in a `Map`).
 *
 * V8's `Map` grows in steps that cost more than the entries they hold, where
 * arrays grow in proportion (bench/README.md, "Front matter anchors"). Where
 * most maps are written and never read (front matter anchors: an alias is
 * rare), the arrays cost a push each.
 *
 * Buys: anchors read in time proportional to their number at every size
 * that front matter allows.
 */
export interface LateMap<V> {
  keys: string[];
  values: V[];
  map: Map<string, V> | null;
}

export function createLateMap<V>(): LateMap<V> {
  return { keys: [], values: [], map: null };
}

export function setLate<V>(late: LateMap<V>, key: string, value: V): void {
  if (late.map !== null) {
    late.map.set(key, value);
  } else {
    late.keys.push(key);
    late.values.push(value);
  }
}

export function getLate<V>(late: LateMap<V>, key: string): V | undefined {
  let map = late.map;
  if (map === null) {
    map = new Map();
    for (let index = 0; index < late.keys.length; index++) map.set(late.keys[index] as string, late.values[index] as V);
    late.map = map;
    late.keys = [];
    late.values = [];
  }
  return map.get(key);
}
