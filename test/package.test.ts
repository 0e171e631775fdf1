import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const EXAMPLE = join(ROOT, 'examples', 'sample.seed.md');

/** Runs a script in a fresh Node process from the package root, where `seed-parser` resolves to this package's build. */
function run(type: 'commonjs' | 'module', source: string, flags: string[] = []): string {
  return execFileSync(process.execPath, [...flags, `--input-type=${type}`, '-e', source], { cwd: ROOT, encoding: 'utf8' });
}

/**
 * Runs `source` in a fresh module process with `--expose-gc`, after a prelude that gives it
 * `parseSeed`, `createSeedParser` and `heapKeptBy(keep)`: the heap growth while what `keep`
 * returns stays alive, everything else collected. Returns the JSON the script writes.
 */
function measureMemory<T>(source: string): T {
  const prelude = `const { parseSeed, createSeedParser } = await import('seed-parser');
    const settle = () => { for (let i = 0; i < 4; i++) gc(); };
    const heapKeptBy = async (keep) => {
      settle();
      const before = process.memoryUsage().heapUsed;
      const kept = keep();
      await new Promise((resolve) => setTimeout(resolve, 0));
      settle();
      return { kept, growth: process.memoryUsage().heapUsed - before };
    };
    `;
  return JSON.parse(run('module', prelude + source, ['--expose-gc'])) as T;
}

describe('the built package', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'index.js')) || !existsSync(join(ROOT, 'dist', 'index.cjs'))) {
      execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
    }
  });

  it('loads with require() and with import(), and both parse the example the same way', () => {
    const file = JSON.stringify(EXAMPLE);
    const fromRequire = run(
      'commonjs',
      `const { parseSeed, SeedParseError } = require('seed-parser');
       const article = parseSeed(require('node:fs').readFileSync(${file}, 'utf8'));
       if (typeof SeedParseError !== 'function') throw new Error('no SeedParseError');
       process.stdout.write(JSON.stringify(article));`,
    );
    const fromImport = run(
      'module',
      `const { parseSeed } = await import('seed-parser');
       const { readFileSync } = await import('node:fs');
       process.stdout.write(JSON.stringify(parseSeed(readFileSync(${file}, 'utf8'))));`,
    );
    const article = JSON.parse(fromImport) as { header: { title: string }; body: unknown[] };
    expect(article.header.title.length).toBeGreaterThan(0);
    expect(article.body.length).toBeGreaterThan(0);
    expect(fromRequire).toBe(fromImport);
  });

  it('holds one SeedParseError class in a process that both imports and requires the package', () => {
    const result = JSON.parse(
      run(
        'module',
        `const { createRequire } = await import('node:module');
         const required = createRequire(${JSON.stringify(join(ROOT, 'package.json'))})('seed-parser');
         const imported = await import('seed-parser');
         const fromRequire = required.safeParseSeed('no header').error;
         const fromImport = imported.safeParseSeed('no header').error;
         let thrown = null;
         try { required.parseSeed(''); } catch (error) { thrown = error; }
         process.stdout.write(JSON.stringify({
           sameClass: required.SeedParseError === imported.SeedParseError,
           sameFunction: required.parseSeed === imported.parseSeed,
           requiredIsImported: fromRequire instanceof imported.SeedParseError,
           importedIsRequired: fromImport instanceof required.SeedParseError,
           thrownIsImported: thrown instanceof imported.SeedParseError,
           codes: [fromRequire.code, fromImport.code, thrown.code],
         }));`,
      ),
    ) as Record<string, unknown>;
    expect(result).toEqual({
      sameClass: true,
      sameFunction: true,
      requiredIsImported: true,
      importedIsRequired: true,
      thrownIsImported: true,
      codes: ['MISSING_TIMESTAMP', 'MISSING_TIMESTAMP', 'EMPTY_INPUT'],
    });
  });

  it('makes the CommonJS entries wrappers of the ESM build, with no copy of the code', () => {
    for (const entry of ['index', 'render']) {
      const code = readFileSync(join(ROOT, 'dist', `${entry}.cjs`), 'utf8');
      expect(code).toContain(`require('./${entry}.js')`);
      expect(code.length).toBeLessThan(1000);
    }
  });

  it('runs the examples', () => {
    const parsed = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'examples', 'parse-file.mjs')], { cwd: ROOT, encoding: 'utf8' })) as {
      dateline: { iso: string };
      media: { caption: string; credit: string }[];
    };
    expect(parsed.dateline.iso).toBe('2024-10-03T20:45');
    expect(parsed.media[0]).toMatchObject({ caption: 'The first night service at North Bridge.', credit: 'Photo: L. Haddad' });
    const streamed = execFileSync(process.execPath, [join(ROOT, 'examples', 'stream-file.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(streamed.split('\n').slice(0, 3)).toEqual([
      '# Night trains return to the valley line  (2024-10-03T18:45:00.000Z)',
      '  dateline: 03/10/2024 - 20:45',
      '  image: https://valley-news.example/img/night-train.jpg',
    ]);
    expect(streamed).toContain('  list: Departures at 22:10 from the coast, arrivals by 06:30. | Bicycles allowed in the first car. | Tickets from €39.');
  });

  it('keeps the main entry free of node: imports and of Node built-ins', () => {
    for (const file of ['index.js', 'index.cjs']) {
      const code = readFileSync(join(ROOT, 'dist', file), 'utf8');
      expect(code).not.toMatch(/(?:from|require\()\s*['"]node:/);
      expect(code).not.toMatch(/(?:from|require\()\s*['"](?:fs|path|os|stream|buffer|util|url|child_process)['"]/);
    }
  });

  it('declares exports with import, require and types conditions', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, Record<string, string>>>;
      sideEffects: boolean;
    };
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.exports['.']).toEqual({
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    });
    for (const target of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
      expect(existsSync(join(ROOT, 'dist', target))).toBe(true);
    }
  });

  it('keeps no input chunk alive in the Article', () => {
    // 256 chunks of 32 KB, each almost all markup the Article does not keep (a dropped attribute).
    // Text cut out of a chunk without a copy would keep the whole chunk alive: 8 MB in all.
    const result = measureMemory<{ growth: number; blocks: number; last: string }>(
      `const chunk = (i) => '<p data-x="' + 'x'.repeat(32000) + '">Paragraph ' + String(i).padStart(6, '0') + ' of the body, which the Article keeps.</p>';
       const { kept: article, growth } = await heapKeptBy(() => {
         const parser = createSeedParser();
         parser.write('<!--1700000000000-->\\n[T](https://news.example/)\\n------\\n');
         for (let i = 0; i < 256; i++) parser.write(chunk(i));
         return parser.end();
       });
       process.stdout.write(JSON.stringify({ growth, blocks: article.body.length, last: article.body[255].text }));`,
    );
    expect(result.blocks).toBe(256);
    expect(result.last).toBe('Paragraph 000255 of the body, which the Article keeps.');
    expect(result.growth).toBeLessThan(2 * 1024 * 1024);
  });

  it('keeps text that arrives in many pieces as one string per value, not as a chain of the pieces', () => {
    // 4,000 paragraphs of 20 pieces each (and a space between pieces). Kept as a chain of
    // concatenations, each piece costs a string of its own plus a link: about 10 bytes per character
    // of text. Joined, a value costs its characters once; with Article.text and the objects, under 4.
    const result = measureMemory<{ perCharacter: number; blocks: number; first: unknown }>(
      `const make = () => {
         const parts = ['<!--1700000000000-->\\n[T](https://news.example/)\\n------\\n'];
         for (let p = 0; p < 4000; p++) {
           parts.push('<p>');
           for (let i = 0; i < 20; i++) parts.push('<span>piece ' + String(p * 20 + i).padStart(8, '0') + '</span> ');
           parts.push('</p>');
         }
         return parts.join('');
       };
       parseSeed(make());
       const { kept: article, growth } = await heapKeptBy(() => parseSeed(make()));
       process.stdout.write(JSON.stringify({ perCharacter: growth / article.text.length, blocks: article.body.length, first: article.body[0].inlines }));`,
    );
    expect(result.blocks).toBe(4000);
    expect(result.first).toEqual([
      { type: 'text', value: Array.from({ length: 20 }, (_, i) => 'piece ' + String(i).padStart(8, '0')).join(' ') },
    ]);
    expect(result.perCharacter).toBeLessThan(4);
  });

  it('gives the stats of every Article one hidden class, so parsing leaves no per-parse garbage in the old generation', () => {
    // A lazy \`words\` made of new functions for each parse gave each stats object a map of its own.
    const result = JSON.parse(
      run(
        'module',
        `const { parseSeed } = await import('seed-parser');
         const seed = (n) => '<!--1700000000000-->\\n[T](https://news.example/)\\n------\\n<p>Seed ' + n + ' of many.</p>';
         const first = parseSeed(seed(0)).stats;
         const same = [];
         for (let n = 1; n < 50; n++) same.push(%HaveSameMap(first, parseSeed(seed(n)).stats));
         const read = parseSeed(seed(50)).stats;
         const words = read.words;
         same.push(%HaveSameMap(first, parseSeed(seed(51)).stats));
         process.stdout.write(JSON.stringify({ same: same.every(Boolean), count: same.length, words }));`,
        ['--allow-natives-syntax'],
      ),
    ) as { same: boolean; count: number; words: number };
    expect(result).toEqual({ same: true, count: 50, words: 4 });
  });

  it.each([
    ['front matter of one line', 'title: A title in the front matter, long enough'],
    ['front matter of several lines', 'title: A title in the front matter, long enough\\ntags: [alpha, beta]'],
  ])('keeps no part of an input string alive in the Article (%s)', (_name, frontMatter) => {
    // The header's strings (title, URL, front matter values) and the body's are copies too.
    const result = measureMemory<{ growth: number; title: string; blocks: number }>(
      `const make = () => {
         const parts = ['---\\n${frontMatter}\\n---\\n<!--1700000000000-->\\n[A title of the seed, long enough](https://news.example/a/long/enough/url)\\n------\\n'];
         for (let i = 0; i < 256; i++) parts.push('<p data-x="' + 'x'.repeat(32000) + '">Paragraph ' + i + ' of the body.</p>');
         return parts.join('');
       };
       const { kept: article, growth } = await heapKeptBy(() => parseSeed(make()));
       process.stdout.write(JSON.stringify({ growth, title: article.header.frontMatter.title, blocks: article.body.length }));`,
    );
    expect(result.title).toBe('A title in the front matter, long enough');
    expect(result.blocks).toBe(256);
    expect(result.growth).toBeLessThan(2 * 1024 * 1024);
  });
});
