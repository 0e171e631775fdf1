/**
 * Output as UTF-8 bytes, encoded piece by piece into a buffer. Writing each
 * record's pieces straight into bytes avoids building (and then flattening
 * and encoding) one long string per batch, which costs more than the
 * JSON.stringify of the Articles.
 *
 * The bytes are held in chunks of at most {@link MAX_CHUNK} bytes (a text
 * that alone needs more takes a chunk of its own): a batch of large records can pass
 * what one buffer holds (4 GiB in Node 20), and `Buffer.write` writes nothing
 * into a buffer with 2 GiB or more of room after the offset unless it is
 * told a length, which is why every write names one.
 */
export interface ByteBuffer {
  /** Appends the UTF-8 bytes of `text`. */
  put(text: string): void;
  /** Bytes held. */
  readonly size: number;
  /**
   * The bytes held, in order, in chunks each in a buffer of its own (transferable to another
   * thread); the buffer starts empty again.
   */
  take(): Uint8Array[];
  /**
   * Gives back the memory of a chunk taken earlier, once it is written, for a
   * later batch: fresh memory costs a page fault per 4 KB on first use.
   */
  reuse(taken: Uint8Array): void;
}

/** Buffers kept for reuse, at most. */
const SPARES = 4;

/** The most bytes a UTF-16 code unit can take in UTF-8. */
const MAX_BYTES_PER_UNIT = 3;

/** A chunk grows by doubling up to this size; past it, the next text starts a new chunk. */
const MAX_CHUNK = 256 * 1024 * 1024;

export function createByteBuffer(initialBytes = 256 * 1024, maxChunk = MAX_CHUNK): ByteBuffer {
  // allocUnsafeSlow: never a slice of Node's shared pool, so the memory can be moved to another thread.
  let bytes = Buffer.allocUnsafeSlow(initialBytes);
  let used = 0;
  /** Chunks filled before `bytes`, in order. */
  let full: Uint8Array[] = [];
  let fullSize = 0;
  const spares: Buffer<ArrayBuffer>[] = [];
  return {
    put(text) {
      const needed = text.length * MAX_BYTES_PER_UNIT;
      if (used > 0 && used + needed > maxChunk) {
        // This chunk is full: the text starts the next one.
        full.push(new Uint8Array(bytes.buffer, bytes.byteOffset, used));
        fullSize += used;
        bytes = Buffer.allocUnsafeSlow(Math.max(initialBytes, needed));
        used = 0;
      } else if (bytes.length - used < needed) {
        const grown = Buffer.allocUnsafeSlow(Math.max(Math.min(bytes.length * 2, maxChunk), used + needed));
        bytes.copy(grown, 0, 0, used);
        bytes = grown;
      }
      used += bytes.write(text, used, needed);
    },
    get size() {
      return fullSize + used;
    },
    take() {
      const taken = [...full, new Uint8Array(bytes.buffer, bytes.byteOffset, used)];
      // The next batch is likely as large: room for it and a margin, so that it rarely grows.
      bytes = spares.pop() ?? Buffer.allocUnsafeSlow(Math.max(initialBytes, Math.min(used * 2, maxChunk)));
      used = 0;
      full = [];
      fullSize = 0;
      return taken;
    },
    reuse(taken) {
      // A buffer moved to another thread is detached here: nothing to keep; one larger than a chunk (a
      // record alone in it) is let go, so that one large record does not hold its memory for the run.
      const size = taken.buffer.byteLength;
      if (size > 0 && size <= maxChunk && spares.length < SPARES) spares.push(Buffer.from(taken.buffer as ArrayBuffer));
    },
  };
}
