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
  let decoder: TextDecoder | null = null;
  /** A high surrogate held back from the end of the previous string. */
  let heldSurrogate = '';
  let atStart = true;

  function fromBytes(bytes: Uint8Array): string {
    decoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
    return decoder.decode(bytes, { stream: true });
  }

  function endBytes(): string {
    if (decoder === null) return '';
    const rest = decoder.decode();
    decoder = null;
    return rest;
  }

  function accept(text: string): string {
    let out = heldSurrogate === '' ? text : heldSurrogate + text;
    heldSurrogate = '';
    if (atStart && out.length > 0) {
      atStart = false;
      if (out.charCodeAt(0) === BOM) out = out.slice(1);
    }
    const last = out.charCodeAt(out.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      heldSurrogate = out.slice(-1);
      out = out.slice(0, -1);
    }
    return out;
  }

  return {
    push(chunk) {
      if (typeof chunk === 'string') return accept(endBytes() + chunk);
      if (chunk instanceof Uint8Array) return accept(fromBytes(chunk));
      throw new TypeError(`A chunk must be a string or a Uint8Array, got ${describe(chunk)}`);
    },
    flush() {
      const rest = accept(endBytes());
      const held = heldSurrogate;
      heldSurrogate = '';
      return rest + held;
    },
  };
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${Object.prototype.toString.call(value)})` : typeof value;
}
