/**
 * The outcome of one generated seed ({@link FuzzCase}), computed alike in Node, the page and a
 * worker: the parse of the text, of its bytes streamed in chunks and of the text written in
 * chunks (split anywhere, inside surrogate pairs too), the renderers' output and `formatSeed`'s,
 * and the parse of what `formatSeed` wrote. One JSON string per case, compared byte for byte.
 */
import type { FuzzCase } from './fuzz-cases.js';
import { errorOutcome, outcomeOf, type CoreApi, type RenderApi } from './runner.js';
import type { Article } from '../../src/index.js';

function split<T extends string | Uint8Array>(input: T, cuts: readonly number[]): T[] {
  const chunks: T[] = [];
  let from = 0;
  for (const point of cuts) {
    const at = Math.min(Math.max(point, from), input.length);
    chunks.push(input.slice(from, at) as T);
    from = at;
  }
  chunks.push(input.slice(from) as T);
  return chunks;
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
  });
}

function attempt(core: CoreApi, run: () => string): string | { error: unknown } {
  try {
    return run();
  } catch (error) {
    return { error: errorOutcome(core, error) };
  }
}

/** Everything the package gives for one case, as one JSON string. */
export async function fuzzOutcome(core: CoreApi, render: RenderApi, item: FuzzCase): Promise<string> {
  const options = item.baseUrl === undefined ? undefined : { baseUrl: item.baseUrl };
  const bytes = item.bytes === undefined ? new TextEncoder().encode(item.text) : Uint8Array.from(item.bytes);
  let article: Article | undefined;
  const parse = await outcomeOf(core, () => (article = core.parseSeed(item.text, options)));
  const stream = await outcomeOf(core, () => core.parseSeedStream(streamOf(split(bytes, item.byteCuts)), options));
  const written = await outcomeOf(core, () => {
    const parser = core.createSeedParser(options);
    for (const chunk of split(item.text, item.textCuts)) parser.write(chunk);
    return parser.end();
  });
  const result: Record<string, unknown> = { parse, stream, written };
  if (article !== undefined) {
    const parsed = article;
    result.markdown = attempt(core, () => render.toMarkdown(parsed));
    result.html = attempt(core, () => render.toHtml(parsed));
    result.mediaElements = attempt(core, () => render.toHtml(parsed, { media: 'elements', document: true }));
    const formatted = attempt(core, () => core.formatSeed(parsed));
    result.formatted = formatted;
    if (typeof formatted === 'string') result.reparsed = await outcomeOf(core, () => core.parseSeed(formatted, options));
  }
  // JSON escapes lone surrogates, so the string crosses from the browser to Node unchanged.
  return JSON.stringify(result);
}

/** Outcomes of many cases, in order. */
export async function fuzzOutcomes(core: CoreApi, render: RenderApi, cases: readonly FuzzCase[]): Promise<string[]> {
  const outcomes: string[] = [];
  for (const item of cases) outcomes.push(await fuzzOutcome(core, render, item));
  return outcomes;
}
