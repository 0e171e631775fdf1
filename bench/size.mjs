// Bundle size (ESM, dependencies included, minified, gzipped) and import time in fresh processes,
// for each entry of the package: the main entry must not grow with the renderers.
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const ENTRIES = ['seed-parser', 'seed-parser/render', 'htmlparser2'];

/** Files that belong to the renderers: none of them may be in the main entry's bundle. */
const RENDERER_FILES = /(^|\/)(mdast-util-to-markdown|hast-util-to-html|mdast-util-[^/]+|hast-util-[^/]+)\/|(^|\/)(dist\/render\.js|src\/render\/)/;

export async function bundleSizes() {
  const sizes = {};
  for (const name of ENTRIES) {
    const result = await build({
      stdin: { contents: `export * from '${name}';`, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].contents;
    const rendererInputs = Object.keys(result.metafile.inputs).filter((path) => RENDERER_FILES.test(path));
    sizes[name] = { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, rendererInputs };
  }
  return sizes;
}

export function importTimes(runs = 9) {
  const times = {};
  for (const name of ENTRIES) {
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
