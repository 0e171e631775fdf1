/** The harness page: the package's ESM build, parsing seeds in the page and in a module worker. */
import * as core from '../../src/index.js';
import * as render from '../../src/render/index.js';
import { MODES, parseAll, renderAll, type Outcomes, type SeedRef } from './runner.js';
import type { WorkerReply } from './worker.js';
import type { FuzzCase } from './fuzz-cases.js';
import { fuzzOutcomes } from './fuzz-runner.js';

/** Runs every seed in the worker; also returns the Articles it posted back (structured clones) as JSON. */
function inWorker(seeds: SeedRef[]): Promise<WorkerReply & { cloned: Outcomes }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('/worker.js', { type: 'module' });
    worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      worker.terminate();
      const cloned: Outcomes = {};
      for (const [name, article] of Object.entries(event.data.articles)) cloned[name] = { ok: true, json: JSON.stringify(article) };
      resolve({ ...event.data, cloned });
    };
    worker.postMessage(seeds);
  });
}

/** Parses the seed at `url` and shows `toHtml` of its Article in the page. */
async function show(url: string): Promise<void> {
  const article = core.parseSeed(await (await fetch(url)).text());
  const container = document.createElement('main');
  container.id = 'rendered';
  container.innerHTML = render.toHtml(article);
  document.body.replaceChildren(container);
}

/** Outcomes of generated seeds (given as JSON, which keeps lone surrogates) in a module worker. */
function fuzzInWorker(cases: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('/fuzz-worker.js', { type: 'module' });
    worker.onerror = (event) => reject(new Error(`fuzz worker: ${event.message}`));
    worker.onmessage = (event: MessageEvent<string[]>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.postMessage(cases);
  });
}

const harness = {
  async run(seeds: SeedRef[]) {
    const [page, worker, renders] = await Promise.all([parseAll(core, seeds, MODES), inWorker(seeds), renderAll(core, render, seeds)]);
    return { page, worker: { ...worker.outcomes, cloned: worker.cloned }, workerIsWorker: worker.isWorker, renders };
  },
  show,
  /** The differential test: each case's outcome (fuzz-runner.ts) in the page and in a worker, at once. */
  async fuzz(cases: string): Promise<{ page: string[]; worker: string[] }> {
    const [page, worker] = await Promise.all([fuzzOutcomes(core, render, JSON.parse(cases) as FuzzCase[]), fuzzInWorker(cases)]);
    return { page, worker };
  },
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
