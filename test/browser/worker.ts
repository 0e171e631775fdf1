/** The harness worker: the same parses as the page, in a module Web Worker. */
import * as core from '../../src/index.js';
import type { Article } from '../../src/index.js';
import { MODES, parseAll, type Outcomes, type SeedRef } from './runner.js';

export interface WorkerReply {
  /** Mode → seed name → outcome, computed in the worker. */
  outcomes: Record<string, Outcomes>;
  /** The Articles themselves, posted back by structured clone. */
  articles: Record<string, Article>;
  /** True when the code ran in a dedicated worker scope, without a document. */
  isWorker: boolean;
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<SeedRef[]>) => void) | null;
  postMessage(message: WorkerReply): void;
  document?: unknown;
};

scope.onmessage = async (event) => {
  const seeds = event.data;
  const outcomes = await parseAll(core, seeds, MODES);
  const articles: Record<string, Article> = {};
  for (const seed of seeds) {
    const parsed = core.safeParseSeed(await (await fetch(seed.url)).text());
    if (parsed.ok) articles[seed.name] = parsed.article;
  }
  const workerScope = (globalThis as { WorkerGlobalScope?: abstract new () => unknown }).WorkerGlobalScope;
  const isWorker = workerScope !== undefined && globalThis instanceof workerScope && typeof scope.document === 'undefined';
  const named: Record<string, Outcomes> = {};
  for (const mode of MODES) named[`worker-${mode}`] = outcomes[mode]!;
  scope.postMessage({ outcomes: named, articles, isWorker });
};
