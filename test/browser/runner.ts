/**
 * What the browser harness runs, in the page, in a worker and in Node alike: each seed parsed each
 * way, reduced to a comparable outcome (the Article's JSON, or the error's code and position).
 */
import type * as Core from '../../src/index.js';
import type * as Render from '../../src/render/index.js';
import type { Article } from '../../src/index.js';

export type CoreApi = typeof Core;
export type RenderApi = typeof Render;

export interface SeedRef {
  name: string;
  url: string;
}

export type Outcome =
  | { ok: true; json: string }
  | {
      ok: false;
      name: string;
      isSeedParseError: boolean;
      code: string | null;
      message: string;
      offset: number | null;
      line: number | null;
      column: number | null;
    };

/** How a seed reaches the parser. */
export type Mode = 'string' | 'fetch-stream' | 'blob-stream';
export const MODES: readonly Mode[] = ['string', 'fetch-stream', 'blob-stream'];

export type Outcomes = Record<string, Outcome>;

export function errorOutcome(core: CoreApi, error: unknown): Outcome {
  const isSeedParseError = error instanceof core.SeedParseError;
  const record = (error ?? {}) as Record<string, unknown>;
  const field = (key: string): number | null => (typeof record[key] === 'number' ? (record[key] as number) : null);
  return {
    ok: false,
    name: error instanceof Error ? error.name : typeof error,
    isSeedParseError,
    code: typeof record.code === 'string' ? record.code : null,
    message: error instanceof Error ? error.message : String(error),
    offset: field('offset'),
    line: field('line'),
    column: field('column'),
  };
}

export async function outcomeOf(core: CoreApi, parse: () => Article | Promise<Article>): Promise<Outcome> {
  try {
    return { ok: true, json: JSON.stringify(await parse()) };
  } catch (error) {
    return errorOutcome(core, error);
  }
}

/** Parses one seed fetched from `url` in one mode. */
export async function parseFetched(core: CoreApi, url: string, mode: Mode): Promise<Outcome> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  switch (mode) {
    case 'string': {
      const text = await response.text();
      return outcomeOf(core, () => core.parseSeed(text));
    }
    case 'fetch-stream':
      return outcomeOf(core, () => core.parseSeedStream(response.body!));
    case 'blob-stream': {
      const blob = await response.blob();
      return outcomeOf(core, () => core.parseSeedStream(blob.stream()));
    }
  }
}

/** Every seed in every mode: mode → seed name → outcome. */
export async function parseAll(core: CoreApi, seeds: SeedRef[], modes: readonly Mode[]): Promise<Record<string, Outcomes>> {
  const result: Record<string, Outcomes> = {};
  for (const mode of modes) {
    const outcomes: Outcomes = {};
    for (const seed of seeds) outcomes[seed.name] = await parseFetched(core, seed.url, mode);
    result[mode] = outcomes;
  }
  return result;
}

/** The renderers' output for every seed that parses: seed name → { html, markdown }. */
export async function renderAll(core: CoreApi, render: RenderApi, seeds: SeedRef[]): Promise<Record<string, Rendered>> {
  const result: Record<string, Rendered> = {};
  for (const seed of seeds) {
    const parsed = core.safeParseSeed(await (await fetch(seed.url)).text());
    if (parsed.ok) result[seed.name] = renderBoth(render, parsed.article);
  }
  return result;
}

export interface Rendered {
  html: string;
  markdown: string;
}

export function renderBoth(render: RenderApi, article: Article): Rendered {
  return { html: render.toHtml(article), markdown: render.toMarkdown(article) };
}
