/**
 * The package as users get it: `npm pack`, installed from the tarball into fresh projects (ESM,
 * CommonJS, TypeScript with `nodenext` and `bundler` resolution), every entry point loaded from
 * there, and the example seed parsed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedFiles } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SAMPLE = join(ROOT, 'examples', 'sample.seed.md');

let work: string;
let app: string;
let packed: { filename: string; files: { path: string }[] };

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function node(cwd: string, args: string[]): string {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8' });
}

/** What each project prints for a seed: every entry point loaded, the Article parsed and rendered. */
const REPORT = `
  const article = core.parseSeed(readFileSync(process.argv[2], 'utf8'));
  const failure = core.safeParseSeed('no header').error;
  process.stdout.write(JSON.stringify({
    resolved: resolved.replace(/\\\\/g, '/').split('/node_modules/').pop(),
    exports: Object.keys(core).sort(),
    renderExports: Object.keys(render).filter((name) => typeof render[name] === 'function').sort(),
    article: JSON.stringify(article),
    html: render.toHtml(article).includes(article.header.title),
    markdown: render.toMarkdown(article).includes(article.header.title),
    error: [failure instanceof core.SeedParseError, failure.code, failure.line, failure.column],
  }));
`;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
  work = mkdtempSync(join(tmpdir(), 'seed-parser-pack-'));
  // The build is already there (npm test builds first); --ignore-scripts keeps prepack from rebuilding it under other tests.
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
  packed = (JSON.parse(output) as (typeof packed)[])[0]!;

  app = join(work, 'app');
  write(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, packed.filename)], {
    cwd: app,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  write(
    join(app, 'esm.mjs'),
    `import { readFileSync } from 'node:fs';
     import * as core from 'seed-parser';
     import * as render from 'seed-parser/render';
     const resolved = import.meta.resolve('seed-parser');
     ${REPORT}`,
  );
  // A CommonJS project inside the ESM one: its own package.json, the same node_modules.
  write(join(app, 'cjs', 'package.json'), JSON.stringify({ name: 'cjs-app', private: true, type: 'commonjs' }));
  write(
    join(app, 'cjs', 'index.js'),
    `const { readFileSync } = require('node:fs');
     const core = require('seed-parser');
     const render = require('seed-parser/render');
     const resolved = require.resolve('seed-parser');
     ${REPORT}`,
  );
  write(
    join(app, 'mixed.mjs'),
    `import { createRequire } from 'node:module';
     import * as imported from 'seed-parser';
     const required = createRequire(import.meta.url)('seed-parser');
     let thrown;
     try { required.parseSeed('<!--1-->\\nno title'); } catch (error) { thrown = error; }
     process.stdout.write(JSON.stringify([
       required.SeedParseError === imported.SeedParseError,
       thrown instanceof imported.SeedParseError,
       imported.safeParseSeed('').error instanceof required.SeedParseError,
       thrown.code,
     ]));`,
  );
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the build, the schema, README, CHANGELOG and LICENSE, and nothing of the sources or tests', () => {
    const files = packed.files.map((file) => file.path).sort();
    for (const file of [
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
      'package.json',
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.d.cts',
      'dist/render.js',
      'dist/render.cjs',
      'dist/render.d.ts',
      'dist/render.d.cts',
      'dist/cli.js',
      'schema/article.schema.json',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((file) => !/^(?:dist|schema)\//.test(file))).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
    expect(readFileSync(join(app, 'node_modules/seed-parser/LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('loads every entry point in a fresh ESM project and in a fresh CommonJS project, with the same Article', () => {
    const esm = JSON.parse(node(app, ['esm.mjs', SAMPLE])) as Record<string, unknown>;
    const cjs = JSON.parse(node(join(app, 'cjs'), ['index.js', SAMPLE])) as Record<string, unknown>;
    expect(esm.resolved).toBe('seed-parser/dist/index.js');
    expect(cjs.resolved).toBe('seed-parser/dist/index.cjs');
    expect(esm.exports).toEqual(expect.arrayContaining(['SeedParseError', 'createSeedParser', 'parseSeed', 'parseSeedStream', 'safeParseSeed']));
    expect(esm.renderExports).toEqual(expect.arrayContaining(['toHast', 'toHtml', 'toMarkdown', 'toMdast']));
    expect(esm.html).toBe(true);
    expect(esm.markdown).toBe(true);
    expect(esm.error).toEqual([true, 'MISSING_TIMESTAMP', 1, 1]);
    const article = JSON.parse(esm.article as string) as { header: { title: string }; dateline: { iso: string }; media: { credit: string }[] };
    expect(article.header.title).toBe('Night trains return to the valley line');
    expect(article.dateline.iso).toBe('2024-10-03T20:45');
    expect(article.media[0]!.credit).toBe('Photo: L. Haddad');
    const { resolved: _esm, ...esmRest } = esm;
    const { resolved: _cjs, ...cjsRest } = cjs;
    expect(cjsRest).toEqual(esmRest);
  });

  it('parses the example seed as the repository build does', async () => {
    const examples = sharedFiles('seeds', '.txt');
    if (process.env.CI) expect(examples.length).toBeGreaterThan(0);
    const repo = (await import(pathToFileURL(join(ROOT, 'dist/index.js')).href)) as typeof import('../src/index.js');
    for (const example of [...examples, { name: 'sample.seed.md', path: SAMPLE }]) {
      const installed = JSON.parse(node(app, ['esm.mjs', example.path])) as { article: string };
      expect(installed.article, example.name).toBe(JSON.stringify(repo.parseSeed(readFileSync(example.path, 'utf8'))));
    }
  });

  it('exports the JSON schema to import and to require', () => {
    write(
      join(app, 'schema.mjs'),
      `import { createRequire } from 'node:module';
       import schema from 'seed-parser/schema.json' with { type: 'json' };
       const required = createRequire(import.meta.url)('seed-parser/schema.json');
       process.stdout.write(JSON.stringify([schema.$schema, required.$schema]));`,
    );
    expect(JSON.parse(node(app, ['schema.mjs']))).toEqual(['https://json-schema.org/draft/2020-12/schema', 'https://json-schema.org/draft/2020-12/schema']);
  });

  it('holds one SeedParseError class when the installed package is both imported and required', () => {
    expect(JSON.parse(node(app, ['mixed.mjs']))).toEqual([true, true, true, 'MISSING_TITLE_LINK']);
  });

  it('runs the command line through npx', () => {
    const npx = (args: string[]) => execFileSync('npx', ['--no-install', 'seed-parser', ...args], { cwd: app, encoding: 'utf8' });
    expect(npx(['--version']).trim()).toBe(VERSION);
    const printed = JSON.parse(npx([SAMPLE])) as unknown;
    expect(JSON.stringify(printed)).toBe(JSON.parse(node(app, ['esm.mjs', SAMPLE])).article);
  });

  it.each(['nodenext', 'node16', 'bundler'])('type-checks a TypeScript project against the declarations (moduleResolution %s)', (resolution) => {
    const project = join(app, `ts-${resolution}`);
    write(join(project, 'package.json'), JSON.stringify({ name: `ts-${resolution}`, private: true, type: 'module' }));
    write(join(project, 'index.ts'), TYPE_TEST);
    // The CommonJS side reads the .d.cts declarations, which must import nothing from an ESM-only package.
    if (resolution !== 'bundler') write(join(project, 'require.cts'), TYPE_TEST_CJS);
    write(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022'],
          types: [],
          module: resolution === 'bundler' ? 'preserve' : resolution,
          moduleResolution: resolution,
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
        },
        include: ['*.ts', '*.cts'],
      }),
    );
    const result = (() => {
      try {
        return execFileSync(process.execPath, [TSC, '-p', project], { cwd: project, encoding: 'utf8' });
      } catch (error) {
        return (error as { stdout: string }).stdout;
      }
    })();
    expect(result).toBe('');
  });
});

/** What #15 asks of the declarations, compiled without the DOM library or Node's types. */
const TYPE_TEST = `
import {
  createSeedParser, parseSeed, parseSeedStream, safeParseSeed, SeedParseError,
  type Article, type Block, type Diagnostic, type Inline, type ParseOptions, type SeedErrorCode,
  type SeedParserCallbacks, type TextBlock, type List,
} from 'seed-parser';
import { toHast, toHtml, toMarkdown, toMdast } from 'seed-parser/render';
import type { Options as MarkdownOptions } from 'mdast-util-to-markdown';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsNever<T> = [T] extends [never] ? true : false;
export type Checks = [
  Equal<IsNever<Extract<Inline, { type: 'strong' }>>, false>,
  Equal<IsNever<Extract<Inline, { type: 'emphasis' }>>, false>,
  Equal<IsNever<Extract<Inline, { type: 'link' }>>, false>,
  Equal<string extends Diagnostic['code'] ? true : false, false>,
  Equal<string extends SeedErrorCode ? true : false, false>,
  Equal<'INVALID_INPUT' extends SeedErrorCode ? true : false, true>,
  Equal<Extract<Block, { type: 'code' }>['language'], string | null>,
  Equal<List['start'], number | null>,
];
export const checks: Checks = [true, true, true, true, true, true, true, true];

const strong: Extract<Inline, { type: 'strong' }> = { type: 'strong', children: [{ type: 'text', value: 'bold' }] };
const emphasis: Extract<Inline, { type: 'emphasis' }> = { type: 'emphasis', children: [strong] };
const code: Diagnostic['code'] = 'UNSAFE_URL';
// @ts-expect-error: not a documented diagnostic code
const notACode: Diagnostic['code'] = 'NOT_A_CODE';
const invalidInput: SeedErrorCode = 'INVALID_INPUT';

// Options accept undefined under exactOptionalPropertyTypes.
declare const maybeBase: string | undefined;
const options: ParseOptions = { baseUrl: maybeBase };
const callbacks: SeedParserCallbacks = { onHeader: undefined, onBlock: undefined };
const article: Article = parseSeed('seed', { baseUrl: undefined });
createSeedParser({ baseUrl: undefined, onBlock: undefined, onLead: (lead) => lead.text });

const texts: string[] = article.body.filter((block): block is TextBlock => 'text' in block).map((block) => block.text);
const result = safeParseSeed('seed', options);
if (!result.ok) {
  const error: SeedParseError = result.error;
  const where: number = error.offset + error.line + error.column;
  const kind: SeedErrorCode = error.code;
  void [where, kind];
}
async function* chunks(): AsyncGenerator<string | Uint8Array> {
  yield '<!--1700000000000-->';
  yield new Uint8Array([10]);
}
const streamed: Promise<Article> = parseSeedStream(chunks(), callbacks);
const html: string = toHtml(article);
const markdown: string = toMarkdown(article);
// The options of mdast-util-to-markdown, as its own type gives them, fit.
declare const markdownOptions: MarkdownOptions;
toMarkdown(article, markdownOptions);
toMarkdown(article, { bullet: '+', handlers: { text: () => 'x' }, join: [() => undefined], unsafe: [{ character: '#' }], extensions: [{ emphasis: '_' }] });
// @ts-expect-error: not a bullet
toMarkdown(article, { bullet: '.' });
const hast: { type: 'root' } = toHast(article);
const mdast: { type: 'root' } = toMdast(article);
export { emphasis, code, notACode, invalidInput, texts, streamed, html, markdown, hast, mdast };
`;

/** The CommonJS side under nodenext: \`require\` gets the .d.cts declarations. */
const TYPE_TEST_CJS = `
import seed = require('seed-parser');
import render = require('seed-parser/render');
const article: seed.Article = seed.parseSeed('seed');
const error: seed.SeedParseError | null = seed.safeParseSeed('seed').ok ? null : new seed.SeedParseError('INVALID_INPUT', 'x', { offset: 0, line: 1, column: 1 });
export const html: string = render.toHtml(article);
export const code: seed.SeedErrorCode | undefined = error?.code;
`;
