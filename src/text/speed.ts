import { Tokenizer } from 'htmlparser2';

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

/** Entries per chunk of a {@link Stack}: past the depth of any real document. */
const STACK_CHUNK = 4096;

/**
 * A stack kept in chunks of {@link STACK_CHUNK} entries: the top chunk, and the full ones below it.
 * The top chunk is empty only when the stack is.
 *
 * An array grown by `push` moves to new storage half as large again each time it fills. Past
 * 128 KB each new storage is a large object of fresh pages, and each old one stays as garbage until
 * a full collection gives its pages back to the system, to be taken (and faulted in) again. The
 * stacks that grow with nesting (open elements, the block stage's frames, suspended list items)
 * reach a million entries on hostile input (`<b>` × n), where each page of fresh memory costs more
 * than the work on it (bench/README.md, "Fresh memory").
 *
 * Buys: a stack of n entries touches the memory of n entries once, in chunks that the heap reuses,
 * instead of about three times that in storage left behind (bench/README.md, "Fresh memory"). Costs
 * one comparison per push and per pop.
 */
export interface Stack<T> {
  top: T[];
  readonly below: T[][];
}

export function createStack<T>(): Stack<T> {
  return { top: [], below: [] };
}

export function push<T>(stack: Stack<T>, value: T): void {
  if (stack.top.length === STACK_CHUNK) {
    stack.below.push(stack.top);
    stack.top = [];
  }
  stack.top.push(value);
}

export function pop<T>(stack: Stack<T>): T | undefined {
  const value = stack.top.pop();
  if (stack.top.length === 0 && stack.below.length > 0) stack.top = stack.below.pop() as T[];
  return value;
}

/** The innermost entry; undefined when the stack is empty. */
export function peek<T>(stack: Stack<T>): T | undefined {
  return stack.top[stack.top.length - 1];
}

export function depth(stack: Stack<unknown>): number {
  return stack.below.length * STACK_CHUNK + stack.top.length;
}

/** The entry at `index`, counted from the outermost (0). */
export function entryAt<T>(stack: Stack<T>, index: number): T {
  const chunk = Math.floor(index / STACK_CHUNK);
  return (chunk === stack.below.length ? stack.top : (stack.below[chunk] as T[]))[index - chunk * STACK_CHUNK] as T;
}

/** How many `Map`s a {@link ShardedMap} splits its keys over: a power of two. */
const SHARDS = 64;

/**
 * A map from strings, split over up to {@link SHARDS} `Map`s by a hash of
 * each key (made when a key first falls to it).
 *
 * V8's `Map` grows in steps that cost more than the entries they hold, where
 * a few thousand entries spread over many small maps grow in proportion
 * (bench/README.md, "Front matter anchors"). Keys made to fall to one map
 * give one map again: the step, never more.
 *
 * Buys: thousands of keys (front matter anchors) set and found in time
 * proportional to their number at every size that front matter allows.
 */
export type ShardedMap<V> = (Map<string, V> | undefined)[];

export function createShardedMap<V>(): ShardedMap<V> {
  return new Array<Map<string, V> | undefined>(SHARDS).fill(undefined);
}

function shardOf(key: string): number {
  let hash = key.length;
  for (let index = 0; index < key.length; index++) hash = (Math.imul(hash, 31) + key.charCodeAt(index)) | 0;
  return hash & (SHARDS - 1);
}

export function setSharded<V>(map: ShardedMap<V>, key: string, value: V): void {
  const shard = shardOf(key);
  let entries = map[shard];
  if (entries === undefined) {
    entries = new Map();
    map[shard] = entries;
  }
  entries.set(key, value);
}

export function getSharded<V>(map: ShardedMap<V>, key: string): V | undefined {
  return map[shardOf(key)]?.get(key);
}

/** The characters htmlparser2's `Tokenizer` skips to, as one-character strings for `indexOf`, by code. */
const SKIP_TARGETS: string[] = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

/**
 * htmlparser2's `Tokenizer`, skipping to the character it waits for (the `<` that ends text, the
 * quote that ends an attribute value, the `>` of a comment or an end tag) by `indexOf` rather than
 * by its own loop of `charCodeAt` calls, with the same result: `index` on the character found, or
 * on the last character of the buffer.
 *
 * Buys: text is skipped at the speed of `indexOf` (bench/README.md, "Skipping text"). It
 * overrides a private method of htmlparser2 (12.x): test/speed.test.ts checks that the method is
 * there to override, and test/tokens.test.ts holds the tokens to `Parser`'s.
 */
export class SkippingTokenizer extends Tokenizer {}
interface TokenizerState {
  buffer: string;
  index: number;
  offset: number;
}
Object.defineProperty(SkippingTokenizer.prototype, 'fastForwardTo', {
  value: function fastForwardTo(this: TokenizerState, code: number): boolean {
    const { buffer, offset } = this;
    const found = buffer.indexOf(code < 128 ? (SKIP_TARGETS[code] as string) : String.fromCharCode(code), this.index + 1 - offset);
    this.index = (found === -1 ? buffer.length - 1 : found) + offset;
    return found !== -1;
  },
  writable: true,
  configurable: true,
});
