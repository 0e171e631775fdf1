import { createArticleBuilder } from './article/article-builder.js';
import { createBlockBuilder } from './blocks/builder.js';
import { DROP_ATTRIBUTE_PREFIX, WANTED_ATTRIBUTES } from './blocks/kinds.js';
import { createUrlResolver, unsafeScheme } from './text/urls.js';
import { forgetLastMatch } from './text/speed.js';
import { createDiagnosticLog } from './diagnostics.js';
import { SeedParseError } from './errors.js';
import { createHeaderScanner } from './header/scan-header.js';
import { createChunkNormalizer, describe } from './input/chunks.js';
import { createLocator } from './input/locator.js';
import { createNameMatcher } from './tokens/name-matcher.js';
import { createBodyTokenizer, type BodyTokenizer } from './tokens/body-tokenizer.js';
import type { Article, ParseOptions, ReadableStreamLike, SeedParser, SeedParserCallbacks, SeedSource } from './types.js';

const ATTRIBUTE_NAMES = createNameMatcher(WANTED_ATTRIBUTES, [DROP_ATTRIBUTE_PREFIX]);
const FLAG_ATTRIBUTES: ReadonlySet<string> = new Set([DROP_ATTRIBUTE_PREFIX]);

/**
 * The flow, stage by stage: input chunks → header → body tokens → blocks →
 * article. Each stage hands the next what it has as soon as it has it.
 */
export function createSeedParser(options: ParseOptions & SeedParserCallbacks = {}): SeedParser {
  const baseUrl = readBaseUrl(options);
  const input = createChunkNormalizer();
  const header = createHeaderScanner();
  const article = createArticleBuilder(options);
  let body: BodyTokenizer | null = null;
  let finish: (() => Article) | null = null;
  let failure: unknown = null;
  let ended = false;

  function startBody(): BodyTokenizer {
    const complete = header.header();
    if (complete === null) throw new Error('The header is not complete');
    const start = header.bodyStart();
    const locator = createLocator(start.offset - (start.column - 1), start.line);
    let tokens: BodyTokenizer | null = null;
    const diagnostics = createDiagnosticLog((offset) => (tokens === null ? locator.position(offset) : tokens.position(offset)));
    for (const warning of header.warnings) diagnostics.add(warning.code, warning.message, 'warning', warning.position);
    options.onHeader?.(complete);
    const blocks = createBlockBuilder({
      urls: createUrlResolver(baseUrl ?? complete.url),
      diagnostics,
      emit: article.add,
    });
    tokens = createBodyTokenizer(blocks, {
      attributes: ATTRIBUTE_NAMES,
      flags: FLAG_ATTRIBUTES,
      offset: start.offset,
      locator,
      diagnostics,
    });
    const started = tokens;
    body = started;
    finish = () => {
      started.end();
      blocks.end();
      const result = article.finish(complete, diagnostics.finish());
      forgetLastMatch();
      return result;
    };
    return started;
  }

  function feed(text: string): void {
    if (body === null) {
      const at = header.write(text);
      if (at === -1) return;
      const started = startBody();
      if (at < text.length) started.write(at === 0 ? text : text.slice(at));
      return;
    }
    body.write(text);
  }

  function guarded<T>(step: () => T): T {
    if (failure !== null) throw failure;
    try {
      return step();
    } catch (error) {
      failure = error;
      forgetLastMatch();
      throw error;
    }
  }

  return {
    write(chunk) {
      if (ended) throw new Error('write() after end()');
      guarded(() => feed(input.push(chunk)));
    },
    end() {
      if (ended) throw new Error('end() called twice');
      return guarded(() => {
        feed(input.flush());
        ended = true;
        if (body === null) {
          header.end();
          startBody();
        }
        return (finish as () => Article)();
      });
    },
  };
}

function readBaseUrl(options: ParseOptions | undefined): string | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') throw new TypeError(`options must be an object, got ${describe(options)}`);
  const { baseUrl } = options;
  if (baseUrl !== undefined && typeof baseUrl !== 'string') {
    throw new TypeError(`options.baseUrl must be a string, got ${describe(baseUrl)}`);
  }
  // Rule 9: no base may lend a relative URL a script or a document.
  const unsafe = baseUrl === undefined ? null : unsafeScheme(baseUrl, 'link');
  if (unsafe !== null) throw new TypeError(`options.baseUrl must not be a ${unsafe}: URL`);
  return baseUrl;
}

/** Parses a whole seed. Throws `SeedParseError` when the header is broken; the body never throws. */
export function parseSeed(text: string, options?: ParseOptions): Article {
  if (typeof text !== 'string') throw new TypeError(`parseSeed expects a string, got ${describe(text)}`);
  const parser = createSeedParser(options === undefined ? {} : { baseUrl: readBaseUrl(options) });
  parser.write(text);
  return parser.end();
}

export type SafeParseResult = { ok: true; article: Article } | { ok: false; error: SeedParseError };

/** Like `parseSeed`, but returns the error instead of throwing. Never throws. */
export function safeParseSeed(text: string, options?: ParseOptions): SafeParseResult {
  try {
    return { ok: true, article: parseSeed(text, options) };
  } catch (error) {
    if (error instanceof SeedParseError) return { ok: false, error };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: new SeedParseError('INVALID_INPUT', message, { offset: 0, line: 1, column: 1 }) };
  }
}

/**
 * Parses a seed from a stream of chunks (strings, or UTF-8 bytes). The
 * callbacks of `createSeedParser` may be given too, to see blocks as they arrive.
 */
export async function parseSeedStream(
  source: SeedSource,
  options?: ParseOptions & SeedParserCallbacks,
): Promise<Article> {
  const parser = createSeedParser(options ?? {});
  if (isReadableStream(source)) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.write(value);
      }
    } catch (error) {
      await reader.cancel(error).catch(() => undefined);
      throw error;
    } finally {
      reader.releaseLock();
    }
  } else if (source !== null && typeof source === 'object' && Symbol.asyncIterator in source) {
    for await (const chunk of source) parser.write(chunk);
  } else {
    throw new TypeError(`parseSeedStream expects an AsyncIterable or a ReadableStream, got ${describe(source)}`);
  }
  return parser.end();
}

function isReadableStream(value: unknown): value is ReadableStreamLike<string | Uint8Array> {
  return value !== null && typeof value === 'object' && typeof (value as ReadableStreamLike<unknown>).getReader === 'function';
}
