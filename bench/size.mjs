// Bundle size (ESM, dependencies included, minified, gzipped) and import time in fresh processes.
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ENTRIES = {
  'seed-parser': "export * from 'seed-parser';",
  htmlparser2: "export * from 'htmlparser2';",
};

export async function bundleSizes() {
  const sizes = {};
  for (const [name, contents] of Object.entries(ENTRIES)) {
    const result = await build({
      stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].contents;
    sizes[name] = { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
  }
  return sizes;
}

export function importTimes(runs = 9) {
  const times = {};
  for (const name of Object.keys(ENTRIES)) {
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const output = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const start = performance.now(); await import('${name}'); console.log(performance.now() - start);`],
        { encoding: 'utf8' },
      );
      samples.push(Number(output.trim()));
    }
    times[name] = samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
  }
  return times;
}
