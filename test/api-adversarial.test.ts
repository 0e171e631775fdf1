import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeedParser, parseSeed, parseSeedStream, safeParseSeed, SeedParseError, type Article } from '../src/index.js';
import { checkOptions } from './chunks.js';
import { seed } from './helpers.js';

const encoder = new TextEncoder();
const TEXT = seed('<p>caf\u00e9 \u6f22\u5b57 \u{1f600}</p><h2>second</h2><p>third</p>');
const WHOLE = parseSeed(TEXT);
/** A first line that no seed starts with: the parse fails at the first chunk. */
const BROKEN = 'garbage\n';
const BROKEN_ERROR = (safeParseSeed(BROKEN) as { ok: false; error: SeedParseError }).error.toJSON();

/** What a promise rejected with (a value of any kind), or a failure when it fulfilled. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Settles within `ms` or fails: a parse whose source hangs in its cleanup must still settle. */
function soon<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('did not settle')), ms))]);
}

/** An async iterator over `chunks` that counts its calls; `onReturn` decides what `return()` does. */
function countingIterator(chunks: readonly unknown[], onReturn: () => unknown = async () => ({ done: true, value: undefined })) {
  const calls = { next: 0, return: 0 };
  const iterable = {
    [Symbol.asyncIterator]() {
      return {
        next: async () => {
          calls.next++;
          return calls.next <= chunks.length ? { done: false, value: chunks[calls.next - 1] } : { done: true, value: undefined };
        },
        return: () => {
          calls.return++;
          return onReturn();
        },
      };
    },
  };
  return { iterable: iterable as AsyncIterable<string | Uint8Array>, calls };
}

/** A WHATWG stream over `chunks` (pulled one at a time) that counts pulls and records its cancel reasons. */
function countingStream(chunks: readonly unknown[], onCancel: () => unknown = () => undefined) {
  const calls = { pull: 0, cancel: [] as unknown[] };
  const stream = new ReadableStream<string | Uint8Array>(
    {
      pull(controller) {
        calls.pull++;
        if (calls.pull <= chunks.length) controller.enqueue(chunks[calls.pull - 1] as string);
        else controller.close();
      },
      cancel(reason) {
        calls.cancel.push(reason);
        return onCancel() as Promise<void>;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, calls };
}

const NOT_CHUNKS: [string, unknown, string][] = [
  ['a number', 42, 'number'],
  ['null', null, 'null'],
  ['undefined', undefined, 'undefined'],
  ['a plain object', { length: 1 }, 'an object ([object Object])'],
  ['an array of bytes', [60, 33], 'an array'],
  ['an ArrayBuffer', new ArrayBuffer(4), 'an object ([object ArrayBuffer])'],
  ['a DataView', new DataView(new ArrayBuffer(4)), 'an object ([object DataView])'],
  ['a Uint16Array', new Uint16Array(4), 'an object ([object Uint16Array])'],
  ['an Int8Array', new Int8Array(4), 'an object ([object Int8Array])'],
  ['a Proxy of a Uint8Array', new Proxy(new Uint8Array(4), {}), 'an object ([object Object])'],
];

describe('parseSeedStream: sources', () => {
  it('reads async generators of strings, of bytes and of both mixed, WHATWG streams and Node streams', async () => {
    const bytes = encoder.encode(TEXT);
    async function* mixed() {
      yield TEXT.slice(0, 30);
      yield encoder.encode(TEXT.slice(30, 60));
      yield TEXT.slice(60);
    }
    expect(await parseSeedStream(mixed())).toEqual(WHOLE);
    expect(await parseSeedStream(new Blob([bytes]).stream())).toEqual(WHOLE);
    expect(await parseSeedStream(new Response(bytes).body!)).toEqual(WHOLE);
    expect(await parseSeedStream(Readable.from([Buffer.from(bytes.subarray(0, 50)), Buffer.from(bytes.subarray(50))]))).toEqual(WHOLE);
    expect(await parseSeedStream(Readable.from([TEXT.slice(0, 10), TEXT.slice(10)], { objectMode: true }))).toEqual(WHOLE);
  });

  it.each([
    ['a string', TEXT, 'string'],
    ['a Uint8Array', encoder.encode(TEXT), 'an object ([object Uint8Array])'],
    ['an array of chunks (a sync iterable)', [TEXT], 'an array'],
    ['a sync generator', (function* () { yield TEXT; })(), 'an object ([object Generator])'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a number', 7, 'number'],
    ['an object whose Symbol.asyncIterator is not a function', { [Symbol.asyncIterator]: null }, 'an object ([object Object])'],
    ['an object whose getReader is not a function', { getReader: 1 }, 'an object ([object Object])'],
  ])('rejects %s with a TypeError that names it', async (_, source, described) => {
    expect(await rejection(parseSeedStream(source as never))).toEqual(new TypeError(`parseSeedStream expects an AsyncIterable or a ReadableStream, got ${described}`));
  });

  it('rejects with what a source throws when it is looked at, unchanged', async () => {
    const thrown = new Error('no access');
    const sources = [
      new Proxy({}, { get: () => { throw thrown; } }),
      { get getReader(): never { throw thrown; } },
      { [Symbol.asyncIterator]: () => { throw thrown; } },
      { getReader: () => { throw thrown; } },
    ];
    for (const source of sources) expect(await rejection(parseSeedStream(source as never))).toBe(thrown);
  });

  it('rejects with what a result\'s value getter throws, as the source\'s failure: the source is neither closed nor cancelled', async () => {
    const thrown = new Error('no value');
    const cleanups: string[] = [];
    const iterator = { next: async () => ({ done: false, get value(): never { throw thrown; } }), return: async () => { cleanups.push('return'); return { done: true, value: undefined }; } };
    expect(await rejection(parseSeedStream({ [Symbol.asyncIterator]: () => iterator } as never))).toBe(thrown);
    const reader = {
      read: async () => ({ done: false, get value(): never { throw thrown; } }),
      cancel: async () => { cleanups.push('cancel'); },
      releaseLock: () => { cleanups.push('releaseLock'); },
    };
    expect(await rejection(parseSeedStream({ getReader: () => reader } as never))).toBe(thrown);
    expect(cleanups).toEqual(['releaseLock']);
  });

  it('rejects an iterator that breaks the protocol with a TypeError, without closing it', async () => {
    const returns: number[] = [];
    const made = (iterator: unknown) => ({ [Symbol.asyncIterator]: () => iterator });
    expect(await rejection(parseSeedStream(made(5) as never))).toEqual(new TypeError('parseSeedStream: [Symbol.asyncIterator]() gave number, not an iterator'));
    expect(await rejection(parseSeedStream(made({ next: 1 }) as never))).toEqual(new TypeError("parseSeedStream: the iterator's next is number, not a function"));
    const noResult = made({ next: async () => 3, return: () => returns.push(1) });
    expect(await rejection(parseSeedStream(noResult as never))).toEqual(new TypeError("parseSeedStream: the iterator's next() gave number, not an iterator result"));
    expect(returns).toEqual([]);
  });

  it('rejects a reader whose read is not a function with a TypeError naming it, leaving the reader untouched', async () => {
    const calls: string[] = [];
    const reader = { read: 5, cancel: () => calls.push('cancel'), releaseLock: () => calls.push('releaseLock') };
    expect(await rejection(parseSeedStream({ getReader: () => reader } as never))).toEqual(new TypeError("parseSeedStream: the reader's read is number, not a function"));
    expect(calls).toEqual([]);
  });

  it('looks up getReader and Symbol.asyncIterator once each, and reads an async iterable whose getReader is not a function', async () => {
    const gets: string[] = [];
    const counted = (target: object) => new Proxy(target, {
      get(object, key, receiver) {
        if (typeof key === 'string' || key === Symbol.asyncIterator) gets.push(String(key));
        return Reflect.get(object, key, receiver);
      },
    });
    expect(await parseSeedStream(counted(new Blob([TEXT]).stream()) as never)).toEqual(WHOLE);
    expect(gets).toEqual(['getReader']);
    gets.length = 0;
    async function* chunks() {
      yield TEXT;
    }
    expect(await parseSeedStream(counted({ getReader: null, [Symbol.asyncIterator]: () => chunks() }) as never)).toEqual(WHOLE);
    expect(gets).toEqual(['getReader', 'Symbol(Symbol.asyncIterator)']);
    expect(await rejection(parseSeedStream({ getReader: () => null } as never))).toEqual(new TypeError('parseSeedStream: getReader() gave null, not a reader'));
  });

  it('rejects a locked ReadableStream with the stream\'s TypeError and leaves it to its reader', async () => {
    const { stream, calls } = countingStream([TEXT]);
    const reader = stream.getReader();
    const error = await rejection(parseSeedStream(stream));
    expect(error).toBeInstanceOf(TypeError);
    expect(stream.locked).toBe(true);
    expect(calls.cancel).toEqual([]);
    expect(await reader.read()).toEqual({ done: false, value: TEXT });
  });

  it('leaves the source untouched when the options are bad', async () => {
    const { stream, calls } = countingStream([TEXT]);
    expect(await rejection(parseSeedStream(stream, { onBlock: 1 as never }))).toEqual(new TypeError('options.onBlock must be a function, got number'));
    expect(await rejection(parseSeedStream(stream, { baseUrl: 'javascript:x' }))).toEqual(new TypeError('options.baseUrl must not be a javascript: URL'));
    expect(stream.locked).toBe(false);
    expect(calls).toEqual({ pull: 0, cancel: [] });
    expect(await parseSeedStream(stream)).toEqual(WHOLE);
  });

  it('takes null or undefined options as none', async () => {
    expect(await parseSeedStream(new Blob([TEXT]).stream(), null)).toEqual(WHOLE);
    expect(await parseSeedStream(new Blob([TEXT]).stream(), undefined)).toEqual(WHOLE);
    expect(parseSeed(TEXT, null)).toEqual(WHOLE);
    expect(safeParseSeed(TEXT, null)).toEqual({ ok: true, article: WHOLE });
  });

  it('releases the reader\'s lock after a parse, whether it succeeded or failed', async () => {
    const good = countingStream([TEXT]);
    await parseSeedStream(good.stream);
    expect(good.stream.locked).toBe(false);
    const bad = countingStream([BROKEN, TEXT]);
    await rejection(parseSeedStream(bad.stream));
    expect(bad.stream.locked).toBe(false);
  });
});

describe('parseSeedStream: a source that fails', () => {
  it.each([0, 1, 3])('rejects with the very error an async iterator throws at chunk %i, and does not close it', async (at) => {
    const thrown = new Error('disk gone');
    let returns = 0;
    const chunks = [TEXT.slice(0, 5), TEXT.slice(5, 40), TEXT.slice(40, 41), TEXT.slice(41)];
    for (const synchronous of [true, false]) {
      let index = 0;
      const iterator = {
        next() {
          if (index === at) {
            if (synchronous) throw thrown;
            return Promise.reject(thrown);
          }
          return Promise.resolve({ done: false, value: chunks[index++] as string });
        },
        return() {
          returns++;
          return Promise.resolve({ done: true, value: undefined });
        },
      };
      expect(await rejection(parseSeedStream({ [Symbol.asyncIterator]: () => iterator } as never))).toBe(thrown);
    }
    expect(returns).toBe(0);
  });

  it('rejects with the very value an async generator throws, null and undefined included', async () => {
    for (const thrown of [null, undefined, 0, 'text', new RangeError('x')]) {
      async function* failing() {
        yield TEXT.slice(0, 12);
        throw thrown;
      }
      expect(await rejection(parseSeedStream(failing()))).toBe(thrown);
    }
  });

  it.each([0, 2])('rejects with the error of a ReadableStream that errors at chunk %i, without cancelling it', async (at) => {
    const thrown = new Error('connection reset');
    const cancels: unknown[] = [];
    let pulls = 0;
    const stream = new ReadableStream<string>(
      {
        pull(controller) {
          if (pulls++ === at) controller.error(thrown);
          else controller.enqueue(TEXT.slice(pulls - 1, pulls));
        },
        cancel: (reason) => void cancels.push(reason),
      },
      { highWaterMark: 0 },
    );
    expect(await rejection(parseSeedStream(stream))).toBe(thrown);
    expect(cancels).toEqual([]);
    expect(stream.locked).toBe(false);
  });

  it('rejects a reader whose read() gives no result object with a TypeError', async () => {
    const source = { getReader: () => ({ read: async () => 'chunk', cancel: async () => undefined, releaseLock() {} }) };
    expect(await rejection(parseSeedStream(source as never))).toEqual(new TypeError("parseSeedStream: the reader's read() gave string, not a read result"));
  });
});

describe('parseSeedStream: a parse that fails stops its source once, and rejects with its error unchanged', () => {
  it('a broken header: return() once, no read after it', async () => {
    const { iterable, calls } = countingIterator([BROKEN, TEXT, TEXT]);
    const error = await rejection(parseSeedStream(iterable));
    expect(error).toBeInstanceOf(SeedParseError);
    expect((error as SeedParseError).toJSON()).toEqual(BROKEN_ERROR);
    expect(calls).toEqual({ next: 1, return: 1 });
  });

  it('a broken header: cancel(error) once, no pull after it', async () => {
    const { stream, calls } = countingStream([BROKEN, TEXT, TEXT]);
    const error = await rejection(parseSeedStream(stream));
    expect((error as SeedParseError).toJSON()).toEqual(BROKEN_ERROR);
    expect(calls.pull).toBe(1);
    expect(calls.cancel).toHaveLength(1);
    expect(calls.cancel[0]).toBe(error);
  });

  it('a broken header revealed only at the end of the input: the source is done, nothing is stopped', async () => {
    const { iterable, calls } = countingIterator(['<!--1-->\n[t](u)']);
    expect(await rejection(parseSeedStream(iterable))).toMatchObject({ code: 'MISSING_UNDERLINE', offset: 15, line: 2, column: 7 });
    expect(calls).toEqual({ next: 2, return: 0 });
  });

  it.each(NOT_CHUNKS)('a chunk that is %s: a TypeError, the source stopped once', async (_, chunk, described) => {
    const expected = new TypeError(`A chunk must be a string or a Uint8Array, got ${described}`);
    const iterator = countingIterator([TEXT.slice(0, 10), chunk, TEXT.slice(10)]);
    expect(await rejection(parseSeedStream(iterator.iterable))).toEqual(expected);
    expect(iterator.calls).toEqual({ next: 2, return: 1 });
    const stream = countingStream([TEXT.slice(0, 10), chunk, TEXT.slice(10)]);
    const error = await rejection(parseSeedStream(stream.stream));
    expect(error).toEqual(expected);
    expect(stream.calls.pull).toBe(2);
    expect(stream.calls.cancel).toEqual([error]);
  });

  it('a Node stream in object mode that yields a number is destroyed', async () => {
    const source = Readable.from([TEXT.slice(0, 10), 5, TEXT.slice(10)], { objectMode: true });
    expect(await rejection(parseSeedStream(source))).toEqual(new TypeError('A chunk must be a string or a Uint8Array, got number'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
  });

  it('a callback that throws: the very value thrown, the source stopped once', async () => {
    for (const thrown of [new RangeError('from onBlock'), null, undefined, 0]) {
      const options = { onBlock: () => { throw thrown; } };
      const iterator = countingIterator([TEXT.slice(0, 80), TEXT.slice(80), '<p>more</p>']);
      expect(await rejection(parseSeedStream(iterator.iterable, options))).toBe(thrown);
      expect(iterator.calls.return).toBe(1);
      const stream = countingStream([TEXT.slice(0, 80), TEXT.slice(80), '<p>more</p>']);
      expect(await rejection(parseSeedStream(stream.stream, options))).toBe(thrown);
      expect(stream.calls.cancel).toHaveLength(1);
      expect(stream.calls.cancel[0]).toBe(thrown);
    }
  });

  it('a callback that throws at the end of the input: the very value thrown, nothing to stop', async () => {
    const thrown = new Error('onBlock at the end');
    const { iterable, calls } = countingIterator([seed('<p>only, unclosed')]);
    expect(await rejection(parseSeedStream(iterable, { onBlock: () => { throw thrown; } }))).toBe(thrown);
    expect(calls).toEqual({ next: 2, return: 0 });
  });

  it.each([
    ['throws', () => { throw new Error('return failed'); }],
    ['rejects', () => Promise.reject(new Error('return failed'))],
    ['never settles', () => new Promise(() => undefined)],
    ['gives a value that is no iterator result', () => 5],
    ['gives a thenable whose then throws', () => ({ then() { throw new Error('then'); } })],
  ])('an iterator whose return() %s: still the parse\'s error, at once', async (_, onReturn) => {
    const { iterable, calls } = countingIterator([BROKEN], onReturn);
    const error = await soon(rejection(parseSeedStream(iterable)));
    expect((error as SeedParseError).toJSON()).toEqual(BROKEN_ERROR);
    expect(calls.return).toBe(1);
  });

  it('an iterator whose return is not callable, or whose getter throws: still the parse\'s error', async () => {
    for (const extra of [{ return: 5 }, { get return(): never { throw new Error('getter'); } }]) {
      const iterator = Object.defineProperties({ next: async () => ({ done: false, value: BROKEN }) }, Object.getOwnPropertyDescriptors(extra));
      const error = await rejection(parseSeedStream({ [Symbol.asyncIterator]: () => iterator } as never));
      expect((error as SeedParseError).toJSON()).toEqual(BROKEN_ERROR);
    }
  });

  it.each([
    ['never settles', () => new Promise(() => undefined)],
    ['rejects', () => Promise.reject(new Error('cancel failed'))],
    ['throws', () => { throw new Error('cancel failed'); }],
  ])('a ReadableStream whose cancel %s: still the parse\'s error, at once', async (_, onCancel) => {
    const { stream, calls } = countingStream([BROKEN], onCancel);
    const error = await soon(rejection(parseSeedStream(stream)));
    expect((error as SeedParseError).toJSON()).toEqual(BROKEN_ERROR);
    expect(calls.cancel).toEqual([error]);
    expect(stream.locked).toBe(false);
  });

  it('a structural reader whose cancel or releaseLock misbehaves, or that yields after cancel: still the parse\'s error, no read after it', async () => {
    const misbehaviours = [
      { cancel: () => { throw new Error('cancel'); } },
      { cancel: () => undefined },
      { cancel: () => new Promise(() => undefined) },
      { cancel: async () => undefined, releaseLock: () => { throw new Error('releaseLock'); } },
    ];
    for (const misbehaviour of misbehaviours) {
      const calls = { read: 0, cancel: [] as unknown[], releaseLock: 0 };
      const reader = {
        read: async () => {
          calls.read++;
          return { done: false, value: BROKEN };
        },
        cancel: (reason: unknown) => {
          calls.cancel.push(reason);
          return misbehaviour.cancel();
        },
        releaseLock: () => {
          calls.releaseLock++;
          misbehaviour.releaseLock?.();
        },
      };
      const error = await soon(rejection(parseSeedStream({ getReader: () => reader } as never)));
      expect((error as SeedParseError).toJSON()).toEqual(BROKEN_ERROR);
      expect(calls).toEqual({ read: 1, cancel: [error], releaseLock: 1 });
    }
  });
});

describe('parseSeedStream: chunks split anywhere', () => {
  it('a huge number of one-byte and one-character chunks, with empty chunks between them', async () => {
    const body = seed(`<p>${'mot \u00e9t\u00e9 \u{1f600} '.repeat(2000)}</p>`);
    const expected = parseSeed(body);
    const bytes = encoder.encode(body);
    async function* oneByte() {
      for (let index = 0; index < bytes.length; index++) {
        yield new Uint8Array(0);
        yield bytes.subarray(index, index + 1);
        yield '';
      }
    }
    async function* oneUnit() {
      for (let index = 0; index < body.length; index++) yield body[index] as string;
    }
    expect(await parseSeedStream(oneByte())).toEqual(expected);
    expect(await parseSeedStream(oneUnit())).toEqual(expected);
  });

  it('the same Uint8Array yielded again and again, overwritten between yields', async () => {
    const bytes = encoder.encode(TEXT);
    for (const size of [1, 2, 3, 5, 64]) {
      async function* reused() {
        const buffer = new Uint8Array(size);
        for (let index = 0; index < bytes.length; index += size) {
          const part = bytes.subarray(index, index + size);
          buffer.fill(0xff);
          buffer.set(part);
          yield part.length === size ? buffer : buffer.subarray(0, part.length);
        }
        buffer.fill(0xff);
      }
      expect(await parseSeedStream(reused())).toEqual(WHOLE);
    }
  });

  it('a UTF-8 sequence split at every byte, and a stream that ends inside one, read as the whole bytes decoded', async () => {
    const bytes = encoder.encode(TEXT);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await parseSeedStream(new Blob([bytes.subarray(0, cut), bytes.subarray(cut)]).stream())).toEqual(WHOLE);
    }
    for (const tail of [[0xe2], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3]]) {
      const cutShort = new Uint8Array([...bytes, ...tail]);
      const expected = parseSeed(new TextDecoder().decode(cutShort));
      expect(expected.text.endsWith('\ufffd')).toBe(true);
      async function* chunks() {
        yield bytes;
        for (const byte of tail) yield new Uint8Array([byte]);
      }
      expect(await parseSeedStream(chunks())).toEqual(expected);
    }
  });

  it('a byte-order mark split across chunks, with empty chunks between its bytes, is removed', async () => {
    const bom = [0xef, 0xbb, 0xbf];
    const bytes = encoder.encode(TEXT);
    async function* split() {
      yield new Uint8Array(0);
      yield '';
      yield new Uint8Array([bom[0] as number]);
      yield new Uint8Array(0);
      yield new Uint8Array([bom[1] as number]);
      yield '';
      yield new Uint8Array([bom[2] as number, bytes[0] as number]);
      yield bytes.subarray(1);
    }
    expect(await parseSeedStream(split())).toEqual(WHOLE);
    // A second byte-order mark is text: the first line then fails, at column 1 of line 1.
    async function* twice() {
      yield new Uint8Array([...bom, ...bom]);
      yield bytes;
    }
    expect(await rejection(parseSeedStream(twice()))).toMatchObject({ code: 'MISSING_TIMESTAMP', offset: 0, line: 1, column: 1 });
  });
});

/** A value every attempt to inspect throws from. */
const HOSTILE = new Proxy({}, {
  get: () => { throw null; },
  getPrototypeOf: () => { throw null; },
  has: () => { throw null; },
  ownKeys: () => { throw null; },
  getOwnPropertyDescriptor: () => { throw null; },
});
const REVOKED = (() => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
})();
const THROWING_TAG = { get [Symbol.toStringTag](): never { throw 1; } };

describe('safeParseSeed never throws', () => {
  const good = seed('<p>x</p>');

  it.each([
    ['a revoked Proxy', REVOKED, 'an object'],
    ['a Proxy that throws null from every trap', HOSTILE, 'an object'],
    ['an object whose Symbol.toStringTag getter throws', THROWING_TAG, 'an object'],
    ['a String object', new String('x'), 'an object ([object String])'],
    ['a symbol', Symbol('s'), 'symbol'],
    ['a bigint', 10n, 'bigint'],
    ['a function', () => 'x', 'function'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['bytes', encoder.encode(good), 'an object ([object Uint8Array])'],
  ])('for a text that is %s: INVALID_INPUT at 1:1, and parseSeed a TypeError', (_, text, described) => {
    expect(safeParseSeed(text as never)).toEqual({
      ok: false,
      error: new SeedParseError('INVALID_INPUT', `safeParseSeed expects a string, got ${described}`, { offset: 0, line: 1, column: 1 }),
    });
    const result = safeParseSeed(text as never) as { ok: false; error: SeedParseError };
    expect(result.error.toJSON()).toEqual({
      name: 'SeedParseError',
      code: 'INVALID_INPUT',
      message: `safeParseSeed expects a string, got ${described} (line 1, column 1)`,
      offset: 0,
      line: 1,
      column: 1,
    });
    expect(() => parseSeed(text as never)).toThrow(new TypeError(`parseSeed expects a string, got ${described}`));
  });

  it.each([
    ['a number', 5, 'options must be an object, got number'],
    ['a function', () => ({}), 'options must be an object, got function'],
    ['a revoked Proxy', REVOKED, 'options.baseUrl could not be read'],
    ['a Proxy that throws null from every trap', HOSTILE, 'options.baseUrl could not be read'],
    ['a getter that throws undefined', { get baseUrl(): never { throw undefined; } }, 'options.baseUrl could not be read'],
    ['a baseUrl that is a revoked Proxy', { baseUrl: REVOKED }, 'options.baseUrl must be a string, got an object'],
    ['a baseUrl whose Symbol.toStringTag getter throws', { baseUrl: THROWING_TAG }, 'options.baseUrl must be a string, got an object'],
    ['a baseUrl that is a String object', { baseUrl: new String('https://a.example/') }, 'options.baseUrl must be a string, got an object ([object String])'],
    ['a baseUrl that is null', { baseUrl: null }, 'options.baseUrl must be a string, got null'],
    ['a javascript: baseUrl after spaces', { baseUrl: ' \u0000javascript:alert(1)' }, 'options.baseUrl must not be a javascript: URL'],
    ['a data: baseUrl with a tab in its scheme', { baseUrl: 'da\tta:text/html,x' }, 'options.baseUrl must not be a data: URL'],
    ['a VBScript: baseUrl', Object.assign(Object.create(null), { baseUrl: 'VBScript:x' }), 'options.baseUrl must not be a vbscript: URL'],
  ])('for options that are %s: INVALID_INPUT with the TypeError\'s message', (_, options, message) => {
    expect(safeParseSeed(good, options as never)).toEqual({ ok: false, error: new SeedParseError('INVALID_INPUT', message, { offset: 0, line: 1, column: 1 }) });
    expect(() => parseSeed(good, options as never)).toThrow(new TypeError(message));
  });

  it('takes null, undefined, an array, a null-prototype object and unknown options as no options', () => {
    const expected = { ok: true, article: parseSeed(good) };
    for (const options of [null, undefined, [], Object.create(null), { baseURL: 'https://ignored.example/', onBlock: 5 }, { baseUrl: undefined }]) {
      expect(safeParseSeed(good, options as never)).toEqual(expected);
    }
  });

  it.each([
    ['', 'c?d'],
    ['rel/path', 'c?d'],
    ['//host.example/p', 'c?d'],
    ['about:blank', 'c?d'],
    ['blob:https://a.example/x', 'c?d'],
    ['\ufeffjavascript:x', 'c?d'],
    ['java&#115;cript:x', 'c?d'],
    [' \t https://m.example/dir/page', 'https://m.example/dir/c?d'],
    ['http:foo', 'http://foo/c?d'],
    ['https://u:p@h.example/x#frag', 'https://u:p@h.example/c?d'],
    [undefined, 'https://news.example/story/c?d'],
  ])('a baseUrl of %j: a relative link becomes %j', (baseUrl, href) => {
    const result = safeParseSeed(seed('<p><a href="c?d">l</a></p>'), { baseUrl });
    expect(result.ok && result.article.links).toEqual([{ href, text: 'l' }]);
  });

  it('any value as the text and as the options: a documented shape, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string().map((body) => seed(body))), fc.oneof(fc.anything(), fc.record({ baseUrl: fc.anything() })), (text, options) => {
        const result = safeParseSeed(text as never, options as never);
        if (result.ok) {
          expect(typeof text).toBe('string');
          expect(Object.keys(result)).toEqual(['ok', 'article']);
          return;
        }
        expect(Object.keys(result)).toEqual(['ok', 'error']);
        expect(result.error).toBeInstanceOf(SeedParseError);
        const { code, line, column, message } = result.error;
        if (typeof text !== 'string' || code === 'INVALID_INPUT') {
          expect(code).toBe('INVALID_INPUT');
          expect([result.error.offset, line, column]).toEqual([0, 1, 1]);
        }
        expect(message.endsWith(` (line ${line}, column ${column})`)).toBe(true);
      }),
      checkOptions(300),
    );
  });
});

describe('SeedParseError', () => {
  const broken: [string, string][] = [
    ['EMPTY_INPUT', ' \n\t\n'],
    ['MISSING_TIMESTAMP', '\n\nhello'],
    ['INVALID_TIMESTAMP', '<!-- 12x -->\n'],
    ['MISSING_TITLE_LINK', '<!--1-->\n[](u)\n------\n'],
    ['UNSAFE_URL', '<!--1-->\n[t]( javascript:x)\n------\n'],
    ['MISSING_UNDERLINE', '<!--1-->\r\n[t](u)\r\n--\r\n'],
    ['INVALID_FRONT_MATTER', '---\na: [\n---\n<!--1-->\n[t](u)\n------\n'],
  ];

  it.each(broken)('%s: a message that ends with its line and column, and a toJSON that is plain, clonable data', (code, text) => {
    const error = (safeParseSeed(text) as { ok: false; error: SeedParseError }).error;
    expect(error.code).toBe(code);
    expect(error).toBeInstanceOf(SeedParseError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SeedParseError');
    expect(String(error).startsWith('SeedParseError: ')).toBe(true);
    expect(error.stack?.startsWith(`SeedParseError: ${error.message}`)).toBe(true);
    expect(error.message.endsWith(` (line ${error.line}, column ${error.column})`)).toBe(true);
    const lines = text.split('\n');
    const before = lines.slice(0, error.line - 1).join('\n').length + (error.line > 1 ? 1 : 0);
    expect(error.offset).toBe(before + error.column - 1);
    const data = error.toJSON();
    expect(Object.keys(data)).toEqual(['name', 'code', 'message', 'offset', 'line', 'column']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(data).toEqual({ name: 'SeedParseError', code, message: error.message, offset: error.offset, line: error.line, column: error.column });
    expect(structuredClone(data)).toEqual(data);
    expect(JSON.parse(JSON.stringify(error))).toEqual(data);
    expect(JSON.parse(JSON.stringify({ error }))).toEqual({ error: data });
    expect(() => parseSeed(text)).toThrow(error);
    const parser = createSeedParser();
    const streamed = (() => {
      try {
        for (const character of text) parser.write(character);
        parser.end();
      } catch (thrown) {
        return thrown as SeedParseError;
      }
      return null;
    })();
    expect(streamed?.toJSON()).toEqual(data);
  });
});

describe('the streaming parser: misuse and re-entrancy', () => {
  const text = seed('<p>one</p><p>two</p>');

  it('end() twice, write() after end(), and a write of the wrong type after end()', () => {
    const parser = createSeedParser();
    parser.write(text);
    expect(parser.end()).toEqual(parseSeed(text));
    expect(() => parser.end()).toThrow(new Error('end() called twice'));
    expect(() => parser.write('x')).toThrow(new Error('write() after end()'));
    expect(() => parser.write(5 as never)).toThrow(new Error('write() after end()'));
  });

  it('after a broken header, every call throws the very same error, a chunk of the wrong type included', () => {
    const parser = createSeedParser();
    const error = (() => {
      try {
        parser.write(BROKEN);
      } catch (thrown) {
        return thrown;
      }
      return null;
    })();
    expect((error as SeedParseError).toJSON()).toEqual(BROKEN_ERROR);
    for (const call of [() => parser.write('x'), () => parser.write(5 as never), () => parser.end(), () => parser.end()]) {
      let caught: unknown = null;
      try {
        call();
      } catch (thrown) {
        caught = thrown;
      }
      expect(caught).toBe(error);
    }
  });

  it('a callback that catches the error of its own write() or end() lets the parse go on unchanged', () => {
    const refused: string[] = [];
    const parser = createSeedParser({
      onBlock: () => {
        for (const call of [() => parser.write('<p>x</p>'), () => parser.end()]) {
          try {
            call();
          } catch (error) {
            refused.push((error as Error).message.slice(0, 10));
          }
        }
      },
    });
    parser.write(text);
    const article: Article = parser.end();
    expect(article).toEqual(parseSeed(text));
    expect(refused).toEqual(['write() wa', 'end() was ', 'write() wa', 'end() was ']);
  });

  it.each([
    ['a revoked Proxy', REVOKED, 'an object'],
    ['a Proxy that throws null from every trap', HOSTILE, 'an object'],
    ['an object whose Symbol.toStringTag getter throws', THROWING_TAG, 'an object'],
    ...NOT_CHUNKS,
  ])('a chunk that is %s is a TypeError that changes nothing', (_, chunk, described) => {
    const parser = createSeedParser();
    parser.write(text.slice(0, 7));
    expect(() => parser.write(chunk as never)).toThrow(new TypeError(`A chunk must be a string or a Uint8Array, got ${described}`));
    parser.write(text.slice(7));
    expect(parser.end()).toEqual(parseSeed(text));
  });

  it('options: each read once, in a fixed order, through a Proxy', () => {
    const reads: string[] = [];
    const options = new Proxy({ baseUrl: 'https://mirror.example/', onBlock: () => undefined }, {
      get(target, key, receiver) {
        reads.push(String(key));
        return Reflect.get(target, key, receiver);
      },
    });
    createSeedParser(options);
    expect(reads).toEqual(['baseUrl', 'onHeader', 'onDateline', 'onLead', 'onBlock']);
    reads.length = 0;
    parseSeed(text, options);
    expect(reads).toEqual(['baseUrl']);
  });
});
