/**
 * The input stage: turns chunks (strings, or UTF-8 bytes) into a stream of
 * well-split strings. It removes a leading byte-order mark, decodes bytes with
 * a streaming `TextDecoder` (invalid UTF-8 becomes U+FFFD), and never splits a
 * surrogate pair between two strings, so later stages can treat every string
 * on its own.
 */

const BOM = 0xfeff;

export interface ChunkNormalizer {
  /** Normalizes one chunk; returns the text that is ready (possibly empty). */
  push(chunk: string | Uint8Array): string;
  /** Returns what is still held back at the end of the input. */
  flush(): string;
}

export function createChunkNormalizer(): ChunkNormalizer {
  return new Normalizer();
}

class Normalizer implements ChunkNormalizer {
  private decoder: TextDecoder | null = null;
  /** A high surrogate held back from the end of the previous string. */
  private heldSurrogate = '';
  private atStart = true;

  push(chunk: string | Uint8Array): string {
    // An empty string changes nothing: it does not end a character whose bytes are split around it.
    if (typeof chunk === 'string') return chunk === '' ? '' : this.accept(this.endBytes() + chunk);
    checkChunk(chunk);
    return this.accept(this.fromBytes(chunk));
  }

  flush(): string {
    const rest = this.accept(this.endBytes());
    const held = this.heldSurrogate;
    this.heldSurrogate = '';
    return rest + held;
  }

  private fromBytes(bytes: Uint8Array): string {
    this.decoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
    return this.decoder.decode(bytes, { stream: true });
  }

  private endBytes(): string {
    if (this.decoder === null) return '';
    const rest = this.decoder.decode();
    this.decoder = null;
    return rest;
  }

  private accept(text: string): string {
    let out = this.heldSurrogate === '' ? text : this.heldSurrogate + text;
    this.heldSurrogate = '';
    if (this.atStart && out.length > 0) {
      this.atStart = false;
      if (out.charCodeAt(0) === BOM) out = out.slice(1);
    }
    const last = out.charCodeAt(out.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.heldSurrogate = out.slice(-1);
      out = out.slice(0, -1);
    }
    return out;
  }
}

/** Throws a `TypeError` unless `chunk` is a string or a `Uint8Array`. */
export function checkChunk(chunk: unknown): asserts chunk is string | Uint8Array {
  if (typeof chunk !== 'string' && !isBytes(chunk)) throw new TypeError(`A chunk must be a string or a Uint8Array, got ${describe(chunk)}`);
}

/**
 * A `Uint8Array` (a `Buffer` too), also one made in another realm (an iframe,
 * a `vm` context), whose class is not this realm's `Uint8Array`. Told by the
 * array's own kind, which the typed arrays' `Symbol.toStringTag` getter reads
 * from the array itself (undefined for anything else): a proxy of a
 * `Uint8Array`, or an object made from its prototype, passes `instanceof` but
 * holds no bytes that a `TextDecoder` would read, and a `toStringTag` of an
 * object's own says nothing.
 */
function isBytes(chunk: unknown): chunk is Uint8Array {
  return typeof chunk === 'object' && chunk !== null && TYPED_ARRAY_KIND.call(chunk) === 'Uint8Array';
}

/** `%TypedArray%.prototype[Symbol.toStringTag]`: the kind of a typed array of any realm, undefined for any other value. */
const TYPED_ARRAY_KIND = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)?.get as (this: unknown) => string | undefined;

/**
 * What a value is, for a `TypeError`'s message. Never throws: a revoked `Proxy`
 * (which `Array.isArray` refuses) or a `Symbol.toStringTag` getter that throws
 * is described as an object, so the caller's `TypeError` is what is thrown.
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  try {
    return Array.isArray(value) ? 'an array' : `an object (${Object.prototype.toString.call(value)})`;
  } catch {
    return 'an object';
  }
}
