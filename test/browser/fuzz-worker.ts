/** The differential test's worker: the outcomes of generated seeds, computed in a module Web Worker. */
import * as core from '../../src/index.js';
import * as render from '../../src/render/index.js';
import type { FuzzCase } from './fuzz-cases.js';
import { fuzzOutcomes } from './fuzz-runner.js';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<string>) => void) | null;
  postMessage(message: string[]): void;
};

/** The cases come as JSON (which keeps lone surrogates); the outcomes go back as JSON strings. */
scope.onmessage = async (event) => {
  scope.postMessage(await fuzzOutcomes(core, render, JSON.parse(event.data) as FuzzCase[]));
};
