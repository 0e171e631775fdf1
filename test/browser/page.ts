/** The harness page: the package's ESM build, parsing seeds in the page and in a module worker. */
import * as core from '../../src/index.js';
import * as render from '../../src/render/index.js';
import { MODES, parseAll, renderAll, type Outcomes, type SeedRef } from './runner.js';
import type { WorkerReply } from './worker.js';

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

const harness = {
  async run(seeds: SeedRef[]) {
    const [page, worker, renders] = await Promise.all([parseAll(core, seeds, MODES), inWorker(seeds), renderAll(core, render, seeds)]);
    return { page, worker: { ...worker.outcomes, cloned: worker.cloned }, workerIsWorker: worker.isWorker, renders };
  },
  show,
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
