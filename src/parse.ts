import { createArticleBuilder, type ArticleBuilder } from './article/article-builder.js';
import { createBlockBuilder, type BlockBuilder } from './blocks/builder.js';
import { DROP_ATTRIBUTE_PREFIX, WANTED_ATTRIBUTES } from './blocks/kinds.js';
import { createUrlResolver, unsafeScheme } from './text/urls.js';
import { forgetLastMatch } from './text/speed.js';
import { createDiagnosticLog, type DiagnosticLog } from './diagnostics.js';
import { SeedParseError, type SourcePosition } from './errors.js';
import { createHeaderScanner } from './header/scan-header.js';
import { checkChunk, createChunkNormalizer, describe } from './input/chunks.js';
import { createLocator, type Locator } from './input/locator.js';
import { createNameMatcher } from './tokens/name-matcher.js';
import { createBodyTokenizer, type BodyTokenizer } from './tokens/body-tokenizer.js';
import type { Article, Header, ParseOptions, ReadableStreamLike, SeedParser, SeedParserCallbacks, SeedSource } from './types.js';

const ATTRIBUTE_NAMES = createNameMatcher(WANTED_ATTRIBUTES, [DROP_ATTRIBUTE_PREFIX]);
const FLAG_ATTRIBUTES: ReadonlySet<string> = new Set([DROP_ATTRIBUTE_PREFIX]);
const NO_OPTIONS: ParseOptions & SeedParserCallbacks = {};

/**
 * The streaming parser: `write` strings or UTF-8 bytes split anywhere; `end()`
 * returns the Article, deep-equal to `parseSeed` of the whole input. The
 * callbacks fire as soon as their item is complete. Throws `SeedParseError`
 * from the write (or end) that reveals a broken header.
 *
 * The flow, stage by stage: input chunks → header → body tokens → blocks →
 * article. Each stage hands the next what it has as soon as it has it.
 */
export function createSeedParser(options?: (ParseOptions & SeedParserCallbacks) | null): SeedParser {
  const given = options ?? NO_OPTIONS;
  const baseUrl = readBaseUrl(given);
  const parse = new SeedParse(readCallbacks(given), baseUrl);
  return {
    write: (chunk) => parse.write(chunk),
    end: () => parse.end(),
  };
}

/** One parse: the stages, made as the input reaches them (one object: see bench/README.md, "The fixed cost per seed"). */
class SeedParse {
  private readonly callbacks: SeedParserCallbacks;
  private readonly baseUrl: string | undefined;
  private readonly input = createChunkNormalizer();
  private readonly header = createHeaderScanner();
  private readonly article: ArticleBuilder;
  private locator: Locator | null = null;
  private body: BodyTokenizer | null = null;
  private blocks: BlockBuilder | null = null;
  private diagnostics: DiagnosticLog | null = null;
  private complete: Header | null = null;
  /** What a write, an end or a callback threw (any value, `null` and `undefined` too): thrown again by every later call. */
  private failed = false;
  private failure: unknown = undefined;
  private ended = false;
  /** Inside `write` or `end`: a callback that calls either would start the stages again in the middle of their work. */
  private busy = false;

  constructor(callbacks: SeedParserCallbacks, baseUrl: string | undefined) {
    this.callbacks = callbacks;
    this.baseUrl = baseUrl;
    this.article = createArticleBuilder(callbacks);
  }

  write(chunk: string | Uint8Array): void {
    if (this.busy) throw new Error(REENTERED('write()'));
    if (this.failed) throw this.failure;
    if (this.ended) throw new Error('write() after end()');
    // A chunk of the wrong type is the caller's mistake before any work: it changes nothing, and the parse goes on.
    checkChunk(chunk);
    this.busy = true;
    try {
      this.feed(this.input.push(chunk));
    } catch (error) {
      throw this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  end(): Article {
    if (this.busy) throw new Error(REENTERED('end()'));
    if (this.failed) throw this.failure;
    if (this.ended) throw new Error('end() called twice');
    this.busy = true;
    try {
      this.feed(this.input.flush());
      this.ended = true;
      if (this.body === null) {
        this.header.end();
        this.startBody();
      }
      return this.finish();
    } catch (error) {
      throw this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  /** Offsets in the body are placed by the body tokens, which count its lines. */
  private position(offset: number): SourcePosition {
    return this.body === null ? (this.locator as Locator).position(offset) : this.body.position(offset);
  }

  private fail(error: unknown): unknown {
    this.failed = true;
    this.failure = error;
    forgetLastMatch();
    return error;
  }

  private feed(text: string): void {
    if (this.body === null) {
      const at = this.header.write(text);
      if (at === -1) return;
      const started = this.startBody();
      if (at < text.length) started.write(at === 0 ? text : text.slice(at));
      return;
    }
    this.body.write(text);
  }

  private startBody(): BodyTokenizer {
    const { header, callbacks } = this;
    const complete = header.header();
    if (complete === null) throw new Error('The header is not complete');
    const start = header.bodyStart();
    const locator = createLocator(start.offset - (start.column - 1), start.line);
    this.locator = locator;
    const diagnostics = createDiagnosticLog((offset) => this.position(offset));
    for (const warning of header.warnings) diagnostics.add(warning.code, warning.message, 'warning', warning.position);
    callbacks.onHeader?.(complete);
    const blocks = createBlockBuilder({
      urls: createUrlResolver(this.baseUrl ?? complete.url),
      diagnostics,
      emit: (block, paragraphClass) => this.article.add(block, paragraphClass),
    });
    const body = createBodyTokenizer(blocks, {
      attributes: ATTRIBUTE_NAMES,
      flags: FLAG_ATTRIBUTES,
      offset: start.offset,
      locator,
      diagnostics,
    });
    this.complete = complete;
    this.diagnostics = diagnostics;
    this.blocks = blocks;
    this.body = body;
    return body;
  }

  private finish(): Article {
    (this.body as BodyTokenizer).end();
    (this.blocks as BlockBuilder).end();
    const result = this.article.finish(this.complete as Header, (this.diagnostics as DiagnosticLog).finish());
    forgetLastMatch();
    return result;
  }
}

const REENTERED = (call: string) => `${call} was called from inside a callback (onHeader, onDateline, onLead or onBlock): the parser is in the middle of a write`;
const CALLBACKS = ['onHeader', 'onDateline', 'onLead', 'onBlock'] as const;

/**
 * The callbacks, read once when the parser is made: each a function or left
 * out (one that is not would fail only at its first block, in the middle of a
 * parse).
 */
function readCallbacks(options: SeedParserCallbacks): SeedParserCallbacks {
  if (options === NO_OPTIONS) return NO_OPTIONS;
  const callbacks: SeedParserCallbacks = {};
  for (const name of CALLBACKS) {
    const callback = readOption(options, name);
    if (callback === undefined) continue;
    if (typeof callback !== 'function') throw new TypeError(`options.${name} must be a function, got ${describe(callback)}`);
    callbacks[name] = callback as never;
  }
  return callbacks;
}

/** An option's value; a getter that throws (a hostile or broken options object) makes it a bad option, a `TypeError`. */
function readOption<T extends object>(options: T, name: keyof T & string): unknown {
  try {
    return options[name];
  } catch (error) {
    throw new TypeError(`options.${name} could not be read`, { cause: error });
  }
}

function readBaseUrl(options: ParseOptions | null | undefined): string | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') throw new TypeError(`options must be an object, got ${describe(options)}`);
  const baseUrl = readOption(options, 'baseUrl');
  if (baseUrl !== undefined && typeof baseUrl !== 'string') {
    throw new TypeError(`options.baseUrl must be a string, got ${describe(baseUrl)}`);
  }
  // Rule 9: no base may lend a relative URL a script or a document.
  const unsafe = baseUrl === undefined ? null : unsafeScheme(baseUrl, 'link');
  if (unsafe !== null) throw new TypeError(`options.baseUrl must not be a ${unsafe}: URL`);
  return baseUrl;
}

/**
 * Parses a whole seed. Throws `SeedParseError` when the header is broken (the
 * body never throws), and a `TypeError` for an argument that is not a string
 * or for bad options.
 */
export function parseSeed(text: string, options?: ParseOptions | null): Article {
  return parseWhole(text, options, 'parseSeed');
}

/** A whole seed parsed; `who` is named in the TypeError of an argument that is not a string. */
function parseWhole(text: string, options: ParseOptions | null | undefined, who: string): Article {
  if (typeof text !== 'string') throw new TypeError(`${who} expects a string, got ${describe(text)}`);
  const parse = options === undefined ? new SeedParse(NO_OPTIONS, undefined) : new SeedParse({}, readBaseUrl(options));
  parse.write(text);
  return parse.end();
}

export type SafeParseResult = { ok: true; article: Article } | { ok: false; error: SeedParseError };

/** Like `parseSeed`, but returns the error instead of throwing. Never throws. */
export function safeParseSeed(text: unknown, options?: ParseOptions | null): SafeParseResult {
  try {
    return { ok: true, article: parseWhole(text as string, options, 'safeParseSeed') };
  } catch (error) {
    if (error instanceof SeedParseError) return { ok: false, error };
    // Anything else is a TypeError of the argument or the options (a getter's throw included: readOption).
    return { ok: false, error: new SeedParseError('INVALID_INPUT', messageOf(error), { offset: 0, line: 1, column: 1 }) };
  }
}

/** The message of what `parseWhole` threw, read without running any code of the caller's. */
function messageOf(error: unknown): string {
  const message = error instanceof Error ? Object.getOwnPropertyDescriptor(error, 'message')?.value : undefined;
  return typeof message === 'string' ? message : 'safeParseSeed could not read its argument or its options';
}


/**
 * Parses a seed from a stream of chunks (strings, or UTF-8 bytes). The
 * callbacks of `createSeedParser` may be given too, to see blocks as they arrive.
 * When the parse fails (a broken header, a chunk of the wrong type, a callback
 * that throws), the source is stopped once (`cancel(error)` on a stream's
 * reader, `return()` on an iterator) and the error is thrown unchanged; when
 * the source fails (its `read()` or `next()` rejects), its error is thrown and
 * it is not stopped again.
 */
export async function parseSeedStream(
  source: SeedSource,
  options?: (ParseOptions & SeedParserCallbacks) | null,
): Promise<Article> {
  const parser = createSeedParser(options ?? {});
  if (source === null || typeof source !== 'object') throw notASource(source);
  // Each method is looked up once, as `for await` does: a getter on the source runs once.
  const getReader: unknown = (source as Partial<ReadableStreamLike<unknown>>).getReader;
  if (typeof getReader === 'function') {
    await readStream(getReader.call(source) as Reader, parser);
  } else {
    const iterate: unknown = (source as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator];
    if (typeof iterate !== 'function') throw notASource(source);
    await readIterable(iterate.call(source) as AsyncIterator<unknown>, parser);
  }
  return parser.end();
}

function notASource(source: unknown): TypeError {
  return new TypeError(`parseSeedStream expects an AsyncIterable or a ReadableStream, got ${describe(source)}`);
}

type Reader = ReturnType<ReadableStreamLike<unknown>['getReader']>;

/** Feeds a stream's chunks to the parser; when the parse fails, cancels the stream with the error. */
async function readStream(reader: Reader, parser: SeedParser): Promise<void> {
  if (typeof reader !== 'object' || reader === null) throw new TypeError(`parseSeedStream: getReader() gave ${describe(reader)}, not a reader`);
  const read: unknown = reader.read;
  if (typeof read !== 'function') throw new TypeError(`parseSeedStream: the reader's read is ${describe(read)}, not a function`);
  try {
    for (;;) {
      const result: unknown = await read.call(reader);
      if (typeof result !== 'object' || result === null) throw new TypeError(`parseSeedStream: the reader's read() gave ${describe(result)}, not a read result`);
      if ((result as { done: boolean }).done) return;
      // Read before the parse: a result whose value cannot be read is the source's failure, not the parse's.
      const value = (result as { value: string | Uint8Array }).value;
      try {
        parser.write(value);
      } catch (error) {
        stop(() => reader.cancel(error));
        throw error;
      }
    }
  } finally {
    stop(() => reader.releaseLock());
  }
}

/**
 * Feeds an iterator's chunks to the parser, as `for await` would (`next` read
 * once; an iterator whose `next` fails is not closed), except that when the
 * parse fails `return()` is called without waiting for it.
 */
async function readIterable(iterator: AsyncIterator<unknown>, parser: SeedParser): Promise<void> {
  if (typeof iterator !== 'object' || iterator === null) throw new TypeError(`parseSeedStream: [Symbol.asyncIterator]() gave ${describe(iterator)}, not an iterator`);
  const next: unknown = iterator.next;
  if (typeof next !== 'function') throw new TypeError(`parseSeedStream: the iterator's next is ${describe(next)}, not a function`);
  for (;;) {
    const result: unknown = await next.call(iterator);
    if (typeof result !== 'object' || result === null) throw new TypeError(`parseSeedStream: the iterator's next() gave ${describe(result)}, not an iterator result`);
    if ((result as IteratorResult<unknown>).done) return;
    // As `for await`: a value that cannot be read is the source's failure, and does not close it.
    const value = (result as IteratorResult<unknown>).value as string | Uint8Array;
    try {
      parser.write(value);
    } catch (error) {
      stop(() => iterator.return?.());
      throw error;
    }
  }
}

/**
 * Starts the cleanup of a source whose parse has failed or ended. Its result is
 * not awaited and its failure is ignored: a `cancel()` or `return()` that throws,
 * rejects or never settles must not replace or hold back the parse's own error.
 */
function stop(cleanup: () => unknown): void {
  try {
    Promise.resolve(cleanup()).catch(ignore);
  } catch {
    // A cleanup that throws at once changes nothing either.
  }
}

function ignore(): void {}
