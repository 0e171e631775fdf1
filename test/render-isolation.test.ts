import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** The packages (under node_modules) that a bundle of an entry holds. */
async function bundledPackages(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const packages = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match !== null) packages.add(match[1] as string);
  }
  return [...packages].sort();
}

describe('the renderers load only with seed-parser/render', () => {
  it('the main entry bundles none of their dependencies', async () => {
    const packages = await bundledPackages('src/index.ts');
    expect(packages.filter((name) => /mdast|hast|micromark|unist|property-information|zwitch|stringify-entities|longest-streak|html-void-elements/.test(name))).toEqual([]);
    expect(packages).toContain('yaml');
  });

  it('the render entry bundles them', async () => {
    const packages = await bundledPackages('src/render/index.ts');
    expect(packages).toContain('mdast-util-to-markdown');
    expect(packages).toContain('hast-util-to-html');
  });
});
