/**
 * Output as UTF-8 bytes, encoded piece by piece into a buffer. Writing each
 * record's pieces straight into bytes avoids building (and then flattening
 * and encoding) one long string per batch, which costs more than the
 * JSON.stringify of the Articles.
 */
export interface ByteBuffer {
  /** Appends the UTF-8 bytes of `text`. */
  put(text: string): void;
  /** Bytes held. */
  readonly size: number;
  /** The bytes held, in a buffer of their own (transferable to another thread); the buffer starts empty again. */
  take(): Uint8Array;
  /**
   * Gives back the memory of bytes taken earlier, once they are written, for a
   * later batch: fresh memory costs a page fault per 4 KB on first use.
   */
  reuse(taken: Uint8Array): void;
}

/** Buffers kept for reuse, at most. */
const SPARES = 4;

/** The most bytes a UTF-16 code unit can take in UTF-8. */
const MAX_BYTES_PER_UNIT = 3;

export function createByteBuffer(initialBytes = 256 * 1024): ByteBuffer {
  // allocUnsafeSlow: never a slice of Node's shared pool, so the memory can be moved to another thread.
  let bytes = Buffer.allocUnsafeSlow(initialBytes);
  let used = 0;
  const spares: Buffer<ArrayBuffer>[] = [];
  return {
    put(text) {
      const needed = text.length * MAX_BYTES_PER_UNIT;
      if (bytes.length - used < needed) {
        const grown = Buffer.allocUnsafeSlow(Math.max(bytes.length * 2, used + needed));
        bytes.copy(grown, 0, 0, used);
        bytes = grown;
      }
      used += bytes.write(text, used);
    },
    get size() {
      return used;
    },
    take() {
      const taken = new Uint8Array(bytes.buffer, bytes.byteOffset, used);
      // The next batch is likely as large: room for it and a margin, so that it rarely grows.
      bytes = spares.pop() ?? Buffer.allocUnsafeSlow(Math.max(initialBytes, used * 2));
      used = 0;
      return taken;
    },
    reuse(taken) {
      // A buffer moved to another thread is detached here: nothing to keep.
      if (taken.buffer.byteLength > 0 && spares.length < SPARES) spares.push(Buffer.from(taken.buffer as ArrayBuffer));
    },
  };
}
