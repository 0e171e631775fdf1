/**
 * The package in a real browser: Debian's Chromium, headless, driven by playwright-core. The
 * package's ESM build, bundled with esbuild, parses every corpus seed, fixture and example seed in
 * the page, in a module Web Worker and from streams (`fetch` bodies, `Blob.stream()`); each
 * Article's JSON must equal Node's byte for byte, and each error must have Node's code and position.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/index.js';
import { SHARED, sharedFiles } from './helpers.js';
import { outcomeOf, renderBoth, type CoreApi, type Outcomes, type RenderApi, type Rendered } from './browser/runner.js';
import { bundleHarness, CHROMIUM, launchChromium, ROOT, serve, type Resource } from './browser/server.js';
import { fuzzCases, type FuzzCase } from './browser/fuzz-cases.js';
import { fuzzOutcomes } from './browser/fuzz-runner.js';

const ARTIFACTS = join(ROOT, 'test-results', 'browser');
const STAND_IN_IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" height="360" fill="#2f5d8a"/></svg>';

/** Without CI, a machine with no Chromium skips this file (and says so); with CI set it must run. */
const runnable = Boolean(process.env.CI) || existsSync(CHROMIUM);
if (!runnable) {
  console.warn(`test/browser.test.ts skipped: ${CHROMIUM} is missing (apt-get install chromium). With CI set, this fails instead.`);
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));

/** Broken headers written for this test: the code and position each must give, in every runtime. */
const BROKEN: { name: string; bytes: Uint8Array; code: string; line: number; column: number }[] = [
  { name: 'empty', bytes: bytes(''), code: 'EMPTY_INPUT', line: 1, column: 1 },
  { name: 'blank', bytes: bytes(' \n\t\n'), code: 'EMPTY_INPUT', line: 1, column: 1 },
  { name: 'no-timestamp', bytes: bytes('hello\n'), code: 'MISSING_TIMESTAMP', line: 1, column: 1 },
  { name: 'bad-timestamp', bytes: bytes('<!--12a-->\n[T](https://x.example/)\n---\n'), code: 'INVALID_TIMESTAMP', line: 1, column: 5 },
  { name: 'no-title-link', bytes: bytes('<!--1700000000000-->\nno link here\n------\n'), code: 'MISSING_TITLE_LINK', line: 2, column: 1 },
  { name: 'cut-in-title', bytes: bytes('<!--1700000000000-->\n[T](https://x.exa'), code: 'MISSING_TITLE_LINK', line: 2, column: 1 },
  {
    name: 'bom-crlf-no-underline',
    bytes: bytes([0xef, 0xbb, 0xbf], '\r\n\r\n<!--1700000000000-->\r\n[Ünïcödé 🚆 title](https://x.example/)\r\n--\r\n<p>x</p>'),
    code: 'MISSING_UNDERLINE',
    line: 5,
    column: 1,
  },
  {
    name: 'invalid-utf8-no-underline',
    bytes: bytes('<!--1700000000000-->\n[caf', [0xc3, 0x20, 0xff], '](https://x.example/)\n--\n'),
    code: 'MISSING_UNDERLINE',
    line: 3,
    column: 1,
  },
  { name: 'front-matter-yaml', bytes: bytes('---\ntitle: [unclosed\n---\n<!--1700000000000-->\n[T](https://x.example/)\n---\n'), code: 'INVALID_FRONT_MATTER', line: 2, column: 17 },
  { name: 'front-matter-open', bytes: bytes('---\ntitle: x\n'), code: 'INVALID_FRONT_MATTER', line: 1, column: 1 },
  { name: 'front-matter-list', bytes: bytes('---\n- a\n- b\n---\n<!--1700000000000-->\n[T](https://x.example/)\n---\n'), code: 'INVALID_FRONT_MATTER', line: 2, column: 1 },
];

/** Bodies that parse, with what the browser may decode or resolve differently: bad bytes, CJK, URLs. */
const WRITTEN_OK: { name: string; bytes: Uint8Array }[] = [
  {
    name: 'bytes-and-urls',
    bytes: bytes(
      '<!--1700000000000-->\n[T](https://news.example/a/b)\n------\n<div>19/05/2023 - 18:08</div><p>caf',
      [0xc3, 0x20, 0xff, 0xed, 0xa0, 0x80],
      ' <b>bold <i>both</b> one</i></p><p>東京の夜、電車が走る。Ünïcödé naïve café 🚆🚆.</p>',
      '<img src="javascript:alert(1)"><a href="../rel?q=1#x">relative</a> <a href="//cdn.example/x">x</a>',
      '<figure><img src="p.jpg" alt="A &amp; B"><figcaption>Caption <small>Photo: X</small></figcaption></figure>',
      '<ul><li>one<li>two</ul><blockquote><p>quoted</blockquote><table><td>cell',
    ),
  },
  // URLs that runtimes resolve each their own way (hosts through IDNA and its Unicode tables, rules of
  // validity, bases of other schemes) stay as written; the rest must resolve alike.
  ...['https://news.example/rail/1', 'http://h/dir/', 'foo://host/a/b', 'file:///tmp/a', 'https://\u1e9e.example/a'].map((base, index) => ({
    name: `urls-against-base-${index}`,
    bytes: bytes(
      `<!--1700000000000-->\n[T](${base})\n------\n`,
      [
        '//ex ample.com/x', '//EXAMPLE\u3002com/a', '//fa\u00df.de/', '//\u1e9e.com/', '//xn--nxasmq6b.com', '//\uff21\uff22\uff23.com', '//[::1]/', '//0x7f.1/',
        '//1.2.3.09/', '/a/../b', '?q=\u00fc', '#frag ment', '\\\\x\\y', '//a\tb.com/', '\u00fcmlaut path', '//%41.com', '//a%2eb.com', '//xn--a.com',
        '//\u00ad.com', '//a\u200d.com', '//\u65e5\u672c.jp', '//\u{1F600}.com', '//1.0x100', '//4294967296', '../../../../x', 'x?a#b#c', '//user:p@ss@h/',
        '//h:65536/', '//h:0080/', '//h/%zz', '//h/a b<c>"d`e{f}', '//\u2100.com', '//\u0130.com', '//xn--ls8h.la', '//\u{1E900}.com', '//h_.example/',
      ].map((href) => `<p><a href="${href.replaceAll('"', '&quot;')}">l</a> <img src="${href.replaceAll('"', '&quot;')}" alt="i"></p>`).join(''),
    ),
  })),
];

/**
 * The differential test: generated seeds (test/browser/fuzz-cases.ts) from a fixed seed, FC_SEED
 * to change it, FC_SCALE to run more. About 1 s per 100 cases on two busy cores.
 */
const FUZZ_SEED = process.env.FC_SEED === undefined ? 20261203 : Number(process.env.FC_SEED);
const FUZZ_CASES = Math.max(1, Math.round(1200 * Number(process.env.FC_SCALE ?? 1)));
/** Cases sent to the page per evaluation. */
const FUZZ_BATCH = 200;

/** Seeds the fuzzing found to differ, minimised: relative URLs that `new URL` serializes its own way in each runtime. */
const PINNED: FuzzCase[] = [
  ['path-vertical-line', 'https://h/', '|'],
  ['path-circumflex', 'https://h/', '/a^b'],
  ['userinfo-apostrophe', 'https://h/', "//u'p@h/"],
  ['base-path-vertical-line', 'https://h/a|b/', 'x'],
  ['base-path-circumflex-fragment', 'https://h/a^b', '#f'],
  ['query-and-fragment', 'https://h/', "?q|^'#|^'"],
].map(([name, base, href]) => {
  const text = `<!--0-->\n[T](${base})\n------\n<p><a href="${href}">x</a> <img src="${href}" alt="i"></p>`;
  return { name: `pinned/${name}`, text, textCuts: [], byteCuts: [] };
});

interface Seed {
  name: string;
  bytes: Uint8Array;
}

function seeds(): Seed[] {
  const files = (folder: string, prefix: string, list: { name: string; path: string }[]) =>
    list.map((file) => ({ name: `${prefix}/${file.name}`, bytes: readFileSync(file.path) as Uint8Array, folder }));
  const fixtures = readdirSync(join(ROOT, 'test/fixtures'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ name, path: join(ROOT, 'test/fixtures', name) }));
  return [
    ...files('corpus/real', 'corpus', sharedFiles('corpus/real', '.md')),
    ...files('seeds', 'seeds', sharedFiles('seeds', '.txt')),
    ...files('fixtures', 'fixtures', fixtures),
    { name: 'examples/sample.seed.md', bytes: readFileSync(join(ROOT, 'examples/sample.seed.md')) as Uint8Array },
    ...BROKEN.map((seed) => ({ name: `broken/${seed.name}`, bytes: seed.bytes })),
    ...WRITTEN_OK.map((seed) => ({ name: `written/${seed.name}`, bytes: seed.bytes })),
  ];
}

/** The names of the seeds whose outcome differs from Node's, with the first difference of each. */
function differences(expected: Outcomes, actual: Outcomes | undefined): string[] {
  const found: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const got = actual?.[name];
    const a = JSON.stringify(want);
    const b = JSON.stringify(got);
    if (a === b) continue;
    let at = 0;
    while (at < a.length && a[at] === b?.[at]) at++;
    found.push(`${name}: Node …${a.slice(Math.max(0, at - 60), at + 60)}… browser …${b?.slice(Math.max(0, at - 60), at + 60)}…`);
  }
  return found;
}

describe.skipIf(!runnable)('in Chromium', () => {
  const all = seeds();
  const expected: Outcomes = {};
  let core: CoreApi;
  let render: RenderApi;
  let browser: Browser;
  let page: Page;
  let server: { origin: string; close(): Promise<void> };
  let results: {
    page: Record<string, Outcomes>;
    worker: Record<string, Outcomes>;
    workerIsWorker: boolean;
    renders: Record<string, Rendered>;
  };

  beforeAll(async () => {
    core = (await import(pathToFileURL(join(ROOT, 'dist/index.js')).href)) as CoreApi;
    render = (await import(pathToFileURL(join(ROOT, 'dist/render.js')).href)) as RenderApi;
    // The text a Node user reads from the file: BOM kept, bad bytes replaced as the browser does.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    for (const seed of all) expected[seed.name] = await outcomeOf(core, () => core.parseSeed(decoder.decode(seed.bytes)));

    const files: Map<string, Resource> = await bundleHarness();
    all.forEach((seed, index) => files.set(`/seed/${index}`, { type: 'text/plain; charset=utf-8', body: seed.bytes }));
    server = await serve(files);
    browser = await launchChromium();
    const context = await browser.newContext();
    // Nothing leaves 127.0.0.1: images of the rendered articles (at example hosts) get a stand-in picture.
    await context.route(
      (url) => url.origin !== server.origin,
      (route) => (route.request().resourceType() === 'image' ? route.fulfill({ contentType: 'image/svg+xml', body: STAND_IN_IMAGE }) : route.abort()),
    );
    page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.origin + '/');
    await page.waitForFunction(() => 'harness' in window, null, { timeout: 20_000 }).catch(() => {
      throw new Error(`the harness page did not start: ${errors.join('; ')}`);
    });
    const refs = all.map((seed, index) => ({ name: seed.name, url: `/seed/${index}` }));
    results = await page.evaluate((list) => window.harness.run(list), refs);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('the playground', () => {
    let playground: ChildProcess;
    let url: string;
    let view: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      playground = spawn(process.execPath, [join(ROOT, 'examples/playground/serve.mjs'), '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the playground did not start: ${output}`)), 30_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const found = /Playground: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]!);
          }
        };
        playground.stdout!.on('data', read);
        playground.stderr!.on('data', read);
        playground.on('exit', (code) => reject(new Error(`the playground exited with ${code}: ${output}`)));
      });
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      await context.route((target) => target.origin !== new URL(url).origin && target.protocol !== 'about:', (route) => route.abort());
      view = await context.newPage();
      view.on('pageerror', (error) => pageErrors.push(error.message));
      await view.goto(url);
      await view.waitForFunction(() => /paragraphs/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 20_000 });
    });

    afterAll(() => {
      playground?.kill();
    });

    /** Drops files on the page the way a browser does: a drop event carrying a DataTransfer. */
    async function drop(files: { name: string; text: string }[]): Promise<void> {
      await view.evaluate((list) => {
        const transfer = new DataTransfer();
        for (const file of list) transfer.items.add(new File([file.text], file.name, { type: 'text/markdown' }));
        document.getElementById('source')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, files);
    }

    async function type(text: string): Promise<void> {
      await view.locator('#source').fill(text);
    }

    function leaves(value: unknown): number {
      if (value === null || typeof value !== 'object') return 1;
      return Object.values(value).reduce<number>((sum, child) => sum + leaves(child), 0);
    }

    it('shows a dropped seed: the rendered article, its Markdown, the Article tree and the diagnostics', async () => {
      const example = sharedFiles('seeds', '.txt')[0] ?? { name: 'sample.seed.md', path: join(ROOT, 'examples/sample.seed.md') };
      const text = readFileSync(example.path, 'utf8');
      const second = readFileSync(join(ROOT, 'test/fixtures/harbour.seed.md'), 'utf8');
      const article = core.parseSeed(text);
      await drop([
        { name: example.name, text },
        { name: 'harbour.seed.md', text: second },
      ]);
      await expect.poll(() => view.locator('#source').inputValue()).toBe(text);
      expect(await view.locator('#file-list option').allTextContents()).toEqual([example.name, 'harbour.seed.md']);
      expect(await view.locator('#file-list').isVisible()).toBe(true);

      const { stats } = article;
      expect(await view.locator('#status').textContent()).toBe(
        `${stats.paragraphs} paragraphs, ${stats.media} media, ${stats.words} words, ${article.diagnostics.length} diagnostics`,
      );
      expect(await view.locator('#problems li').count()).toBe(article.diagnostics.length);

      const frame = view.frameLocator('#rendered');
      const title = frame.locator(`a[href="${article.header.url}"]`).filter({ hasText: article.header.title });
      await expect.poll(() => title.count()).toBe(1);
      const image = article.media[0]!;
      expect(await frame.locator('img').first().getAttribute('src')).toBe(image.src);
      expect(await frame.locator('p').filter({ hasText: article.lead!.text.slice(0, 60) }).count()).toBeGreaterThanOrEqual(1);

      expect(await view.locator('#markdown').textContent()).toBe(render.toMarkdown(article));

      expect(await view.locator('#json > details > summary').textContent()).toBe(`article {${Object.keys(article).length}}`);
      expect(await view.locator('#json .entry').count()).toBe(leaves(article));
      const titleEntry = view.locator('#json .entry').filter({ has: view.locator('.key', { hasText: /^title$/ }) }).first();
      expect(await titleEntry.locator('.string').textContent()).toBe(JSON.stringify(article.header.title));

      await view.locator('#file-list').selectOption('1');
      await expect.poll(() => view.locator('#source').inputValue()).toBe(second);
      await drop([{ name: example.name, text }]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await view.screenshot({ path: join(ARTIFACTS, 'playground.png') });
      expect(pageErrors).toEqual([]);
    });

    it('shows a broken header as its error code and position, and selects that place on a click', async () => {
      const broken = '---\ntitle: draft\n---\n<!--1700000000000-->\n[Draft](https://news.example/draft)\n--\n<p>Body</p>';
      const error = core.safeParseSeed(broken);
      expect(error).toMatchObject({ ok: false, error: { code: 'MISSING_UNDERLINE', line: 6, column: 1, offset: 78 } });
      await type(broken);
      await expect.poll(() => view.locator('#status').textContent()).toBe('MISSING_UNDERLINE at line 6, column 1');
      const item = view.locator('#problems li button');
      expect(await item.count()).toBe(1);
      expect(await item.textContent()).toMatch(/^error MISSING_UNDERLINE at line 6, column 1: Expected an underline/);
      expect(await view.frameLocator('#rendered').locator('body').textContent()).toContain('MISSING_UNDERLINE at line 6, column 1');
      expect(await view.locator('#markdown').textContent()).toBe('MISSING_UNDERLINE at line 6, column 1');
      expect(await view.locator('#json .entry').allTextContents()).toContain('code: "MISSING_UNDERLINE"');

      await item.click();
      const selection = await view.locator('#source').evaluate((area: HTMLTextAreaElement) => [area.selectionStart, area.selectionEnd, document.activeElement === area]);
      expect(selection).toEqual([78, 80, true]);
      expect(broken.slice(78, 80)).toBe('--');
      expect(pageErrors).toEqual([]);
    });

    it('lists diagnostics with line and column, and selects each one’s place on a click', async () => {
      const seed = '<!--1700000000000-->\n[T](https://news.example/t)\n------\n<p>One</p>\n<p><a href="javascript:alert(1)">bad</a></p>\n</span>';
      const article = core.parseSeed(seed);
      expect(article.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
        ['UNSAFE_URL', 5, 4],
        ['UNMATCHED_END_TAG', 6, 1],
      ]);
      await type(seed);
      const items = view.locator('#problems li button');
      await expect.poll(() => items.count()).toBe(2);
      expect(await items.nth(0).textContent()).toMatch(/^warning UNSAFE_URL at line 5, column 4: /);
      expect(await items.nth(1).textContent()).toMatch(/^info UNMATCHED_END_TAG at line 6, column 1: /);
      for (const [index, diagnostic] of article.diagnostics.entries()) {
        await items.nth(index).click();
        expect(await view.locator('#source').evaluate((area: HTMLTextAreaElement) => area.selectionStart)).toBe(diagnostic.offset);
      }
    });

    it('shows markup of the seed as text, never as markup of the page', async () => {
      const hostile = '<img src=x onerror="parent.__pwned=1">';
      const seed = `---\n"<b>key</b>": "<script>parent.__pwned=1</script>"\n---\n<!--1700000000000-->\n[${hostile}](https://news.example/x)\n------\n<p>&lt;script&gt;parent.__pwned=1&lt;/script&gt;</p><script>parent.__pwned=1</script><p onclick="parent.__pwned=1">text</p>`;
      const article = core.parseSeed(seed);
      await type(seed);
      await expect.poll(() => view.locator('#status').textContent()).toMatch(/paragraphs/);
      await view.waitForTimeout(100);
      expect(await view.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await view.locator('#json img, #json b, #json script, #markdown *, #problems img, #status *').count()).toBe(0);
      expect(await view.locator('#json .string').allTextContents()).toContain(JSON.stringify(article.header.title));
      expect(await view.frameLocator('#rendered').locator('script, img[onerror], [onclick]').count()).toBe(0);
      expect(await view.locator('#rendered').getAttribute('sandbox')).toBe('');
    });
  });

  it('parses every seed: the corpus, the fixtures, the example seeds and the written ones', () => {
    const names = Object.keys(expected);
    // Every file the corpus manifest lists (a header line, then one line per seed).
    const manifest = join(SHARED, 'corpus/real/MANIFEST.tsv');
    if (process.env.CI || existsSync(manifest)) {
      const listed = readFileSync(manifest, 'utf8').trim().split('\n').slice(1).map((line) => `corpus/${line.split('\t')[0]}`);
      expect(listed.length).toBeGreaterThan(0);
      expect(names.filter((name) => name.startsWith('corpus/'))).toEqual(listed.sort());
    }
    expect(names.filter((name) => name.startsWith('fixtures/')).length).toBeGreaterThanOrEqual(4);
    expect(names).toContain('examples/sample.seed.md');
    const errors = Object.values(expected).filter((outcome) => !outcome.ok);
    expect(errors.length).toBeGreaterThanOrEqual(BROKEN.length);
  });

  it('gives each broken header its code and position in Node', () => {
    for (const seed of BROKEN) {
      expect(expected[`broken/${seed.name}`], seed.name).toMatchObject({
        ok: false,
        isSeedParseError: true,
        name: 'SeedParseError',
        code: seed.code,
        line: seed.line,
        column: seed.column,
      });
    }
  });

  it.each(['string', 'fetch-stream', 'blob-stream'])('gives Node’s Article JSON and errors in the page (%s)', (mode) => {
    expect(Object.keys(results.page[mode] ?? {}).length).toBe(all.length);
    expect(differences(expected, results.page[mode])).toEqual([]);
  });

  it.each(['worker-string', 'worker-fetch-stream', 'worker-blob-stream'])('gives Node’s Article JSON and errors in a module Web Worker (%s)', (mode) => {
    expect(results.workerIsWorker).toBe(true);
    expect(Object.keys(results.worker[mode] ?? {}).length).toBe(all.length);
    expect(differences(expected, results.worker[mode])).toEqual([]);
  });

  it('posts every Article from the worker to the page unchanged (structured clone)', () => {
    const parsed = Object.fromEntries(Object.entries(expected).filter(([, outcome]) => outcome.ok));
    expect(Object.keys(results.worker.cloned ?? {}).sort()).toEqual(Object.keys(parsed).sort());
    expect(differences(parsed, results.worker.cloned)).toEqual([]);
  });

  it('renders every Article to the same HTML and Markdown as Node', () => {
    const inNode: Record<string, Rendered> = {};
    for (const [name, outcome] of Object.entries(expected)) {
      if (outcome.ok) inNode[name] = renderBoth(render, JSON.parse(outcome.json) as Article);
    }
    expect(Object.keys(results.renders).sort()).toEqual(Object.keys(inNode).sort());
    const differing = Object.keys(inNode).filter((name) => JSON.stringify(inNode[name]) !== JSON.stringify(results.renders[name]));
    expect(differing).toEqual([]);
  });

  it('gives the same outcomes in Node, the page and a worker for generated hostile seeds', async () => {
    const corpus = sharedFiles('corpus/real', '.md').map((file) => readFileSync(file.path, 'utf8'));
    const cases = [...PINNED, ...fuzzCases(FUZZ_SEED, FUZZ_CASES, corpus)];
    const inNode = await fuzzOutcomes(core, render, cases);
    const differing: string[] = [];
    for (let start = 0; start < cases.length; start += FUZZ_BATCH) {
      const batch = cases.slice(start, start + FUZZ_BATCH);
      // As JSON: lone surrogates reach the page as they are.
      const inBrowser = await page.evaluate((json) => window.harness.fuzz(json), JSON.stringify(batch));
      batch.forEach((item, index) => {
        const want = inNode[start + index]!;
        for (const where of ['page', 'worker'] as const) {
          const got = inBrowser[where][index];
          if (got === want) continue;
          let at = 0;
          while (at < want.length && want[at] === got?.[at]) at++;
          differing.push(
            `${item.name} (${where}; seed ${JSON.stringify(item.text.slice(0, 300))}${item.baseUrl === undefined ? '' : `, baseUrl ${JSON.stringify(item.baseUrl)}`}): ` +
              `Node …${want.slice(Math.max(0, at - 80), at + 80)}… browser …${got?.slice(Math.max(0, at - 80), at + 80)}…`,
          );
        }
      });
    }
    expect(differing).toEqual([]);
  });

  it('shows toHtml output in the page with the title, the lead and the first image', async () => {
    const index = all.findIndex((seed) => seed.name === 'examples/sample.seed.md');
    const outcome = expected['examples/sample.seed.md']!;
    if (!outcome.ok) throw new Error('the example seed does not parse');
    const article = JSON.parse(outcome.json) as Article;
    await page.evaluate((url) => window.harness.show(url), `/seed/${index}`);

    const title = page.locator(`#rendered a[href="${article.header.url}"]`).filter({ hasText: article.header.title });
    await expect.poll(() => title.count()).toBe(1);
    expect(await title.evaluate((link) => link.closest('h1, h2, h3, h4, h5, h6') !== null)).toBe(true);
    expect(await title.isVisible()).toBe(true);

    const lead = await page.evaluate(
      (text) => Array.from(document.querySelectorAll('#rendered p')).filter((p) => p.textContent?.replace(/\s+/g, ' ').trim() === text).length,
      article.lead!.text,
    );
    expect(lead).toBe(1);

    const image = article.media[0]!;
    expect(image.type).toBe('image');
    const img = page.locator('#rendered img').first();
    expect(await img.getAttribute('src')).toBe(image.src);
    if (image.type === 'image') expect(await img.getAttribute('alt')).toBe(image.alt ?? '');
    expect(await img.isVisible()).toBe(true);
    await expect.poll(() => img.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(640);
    expect(await page.locator('#rendered :is(script, style, [onerror], [onload], [onclick])').count()).toBe(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sample-article.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'sample-article.png'))).toBe(true);
  });
});
