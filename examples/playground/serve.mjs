// Builds the playground with esbuild and serves it on 127.0.0.1, or writes it to a folder:
//   node examples/playground/serve.mjs [--port 8040] [--out <folder>]
// It bundles the package by name (its ESM build in dist/), so build the package first
// (`npm run playground` does both).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { port: { type: 'string', default: '8040' }, out: { type: 'string' } } });

const bundle = await build({
  entryPoints: [join(HERE, 'main.js')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  loader: { '.md': 'text' },
  write: false,
  outdir: '/',
  logLevel: 'warning',
});

/** Path → [content type, body]. */
const files = new Map([['/index.html', ['text/html; charset=utf-8', readFileSync(join(HERE, 'index.html'))]]]);
for (const file of bundle.outputFiles) {
  files.set(file.path, [file.path.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8', file.contents]);
}

if (values.out !== undefined) {
  mkdirSync(values.out, { recursive: true });
  for (const [path, [, body]] of files) writeFileSync(join(values.out, path), body);
  console.log(`Playground written to ${values.out}: open index.html through any static server.`);
} else {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files.get(path === '/' ? '/index.html' : path);
    if (file === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': file[0], 'x-content-type-options': 'nosniff' }).end(file[1]);
  });
  server.listen(Number(values.port), '127.0.0.1', () => {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
    console.log(`Playground: http://127.0.0.1:${port}/`);
  });
}
