import { defineConfig } from 'tsup';

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
    banner: { js: '#!/usr/bin/env node' },
  },
]);
