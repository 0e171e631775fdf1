/** Node side of the browser tests: bundles for the browser, a server on 127.0.0.1, and Chromium. */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Resource {
  type: string;
  body: string | Uint8Array;
}

/**
 * The harness imports the sources for their types; the bundle takes the package's built ESM entries
 * instead, so the browser runs exactly what the package ships.
 */
const useBuiltPackage: Plugin = {
  name: 'use-built-package',
  setup(builder) {
    builder.onResolve({ filter: /\/src\/(?:render\/)?index\.js$/ }, (args) => ({
      path: join(ROOT, 'dist', args.path.endsWith('render/index.js') ? 'render.js' : 'index.js'),
    }));
  },
};

/** The harness page and its worker, bundled for the browser from the package's ESM build. */
export async function bundleHarness(): Promise<Map<string, Resource>> {
  const result = await build({
    entryPoints: {
      page: join(ROOT, 'test/browser/page.ts'),
      worker: join(ROOT, 'test/browser/worker.ts'),
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    outdir: '/harness',
    logLevel: 'error',
    plugins: [useBuiltPackage],
  });
  // The renderers in a worker: bundled as bundlers bundle worker code, with the `worker` condition
  // first. Without it, `decode-named-character-reference` (under mdast-util-to-markdown) resolves
  // to its `browser` build, which calls `document.createElement` when it loads: no worker has one.
  const workers = await build({
    entryPoints: { 'fuzz-worker': join(ROOT, 'test/browser/fuzz-worker.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['worker'],
    target: 'es2022',
    write: false,
    outdir: '/harness',
    logLevel: 'error',
    plugins: [useBuiltPackage],
  });
  const files = new Map<string, Resource>();
  for (const file of [...result.outputFiles, ...workers.outputFiles]) files.set('/' + file.path.split('/').pop(), { type: 'text/javascript', body: file.text });
  files.set('/', {
    type: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="en"><meta charset="utf-8"><title>seed-parser harness</title><script type="module" src="/page.js"></script>',
  });
  return files;
}

/**
 * Serves `files` on 127.0.0.1. Bodies go out in pieces of 509 bytes, so a streamed seed reaches
 * the parser in several chunks split inside UTF-8 sequences.
 */
export async function serve(files: Map<string, Resource>): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    const body = typeof file.body === 'string' ? Buffer.from(file.body) : file.body;
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
    for (let start = 0; start < body.length; start += 509) response.write(body.subarray(start, start + 509));
    response.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Starts Debian's Chromium, headless, with a fresh profile; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
