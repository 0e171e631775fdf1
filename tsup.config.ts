import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * Makes each CommonJS entry a wrapper that `require`s the ESM build of the same entry (Node ≥ 20.19
 * loads ES modules with `require`). A process that both imports and requires the package then holds
 * one copy of the code, so there is one `SeedParseError` class and `instanceof` holds across the
 * two. The `.d.cts` declarations are still generated from the sources.
 */
const requireEsmBuild: Plugin = {
  name: 'require-esm-build',
  setup(build) {
    // tsup builds every format as ESM first (treeshake converts it), so the output extension tells the formats apart.
    if (build.initialOptions.outExtension?.['.js'] !== '.cjs') return;
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return { path: args.path, namespace: 'esm-build' };
      if (args.namespace === 'esm-build') return { path: args.path, external: true };
      return undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'esm-build' }, (args) => {
      const entry = args.path.endsWith('render/index.ts') ? 'render' : 'index';
      return { contents: `export * from './${entry}.js';\n`, loader: 'js' };
    });
  },
};

export default defineConfig([
  {
    // The library: the core (zero I/O) and the renderers, for every runtime.
    entry: { index: 'src/index.ts', render: 'src/render/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'neutral',
    treeshake: true,
    esbuildPlugins: [requireEsmBuild],
  },
  {
    // The command line: Node only, ESM only.
    entry: { cli: 'src/cli/main.ts', 'cli-worker': 'src/cli/worker.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    // Dependencies stay packages, loaded from node_modules: an update of one reaches the command line
    // too, and the package holds one copy of each (bundling them in starts each thread a few tens of
    // milliseconds sooner, within the noise of a run over an archive).
    banner: { js: '#!/usr/bin/env node' },
  },
]);
