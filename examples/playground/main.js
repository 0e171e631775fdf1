// The playground: parse a pasted or dropped seed and show the rendered article, its Markdown,
// the Article as a tree, and every error and diagnostic with its position in the source.
// Everything the seed holds reaches the page as text (textContent), or as the HTML toHtml
// escapes, inside a sandboxed frame.
import { safeParseSeed } from 'seed-parser';
import { toHtml, toMarkdown } from 'seed-parser/render';
import sample from '../sample.seed.md';

const source = /** @type {HTMLTextAreaElement} */ (document.getElementById('source'));
const problems = /** @type {HTMLOListElement} */ (document.getElementById('problems'));
const rendered = /** @type {HTMLIFrameElement} */ (document.getElementById('rendered'));
const markdown = /** @type {HTMLPreElement} */ (document.getElementById('markdown'));
const json = /** @type {HTMLDivElement} */ (document.getElementById('json'));
const status = /** @type {HTMLSpanElement} */ (document.getElementById('status'));
const fileInput = /** @type {HTMLInputElement} */ (document.getElementById('files'));
const fileList = /** @type {HTMLSelectElement} */ (document.getElementById('file-list'));

const BYTE_ORDER_MARK = 0xfeff;
const FRAME_STYLE = 'body{font:16px/1.5 Georgia,serif;max-width:42rem;margin:1rem auto;padding:0 1rem;color:#222}img,video{max-width:100%;height:auto}figure{margin:1rem 0}figcaption{font-size:.9em;color:#555}';

/** Shows `text` in a sandboxed frame: no script runs there, whatever the HTML holds. */
function showFrame(html) {
  rendered.srcdoc = `<!doctype html><meta charset="utf-8"><style>${FRAME_STYLE}</style>${html}`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The Article (or the error) as nested <details>, built from text nodes only. */
function tree(key, value, depth) {
  if (value !== null && typeof value === 'object') {
    const details = element('details');
    details.open = depth < 2;
    const summary = element('summary');
    const entries = Object.entries(value);
    summary.append(element('span', 'key', key), ' ', element('span', 'count', Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`));
    const list = element('ul');
    for (const [childKey, child] of entries) {
      const item = element('li');
      item.append(tree(childKey, child, depth + 1));
      list.append(item);
    }
    details.append(summary, list);
    return details;
  }
  const line = element('span', 'entry');
  line.append(element('span', 'key', key), ': ', element('span', value === null ? 'null' : typeof value, JSON.stringify(value)));
  return line;
}

/** Selects the source from `offset` (UTF-16 units after any BOM) to the end of its line. */
function select(offset) {
  const start = offset + (source.value.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0);
  const lineEnd = source.value.indexOf('\n', start);
  const end = Math.min(lineEnd === -1 ? source.value.length : lineEnd, start + 80);
  source.focus();
  source.setSelectionRange(start, Math.max(end, Math.min(start + 1, source.value.length)));
}

function problem(kind, code, position, message) {
  const item = element('li', kind);
  const button = element('button', undefined, `${kind} ${code} at line ${position.line}, column ${position.column}: ${message}`);
  button.type = 'button';
  button.dataset.offset = String(position.offset);
  button.addEventListener('click', () => select(position.offset));
  item.append(button);
  return item;
}

function update() {
  const result = safeParseSeed(source.value);
  problems.replaceChildren();
  json.replaceChildren();
  if (!result.ok) {
    const { error } = result;
    const where = `line ${error.line}, column ${error.column}`;
    status.className = 'error';
    status.textContent = `${error.code} at ${where}`;
    problems.append(problem('error', error.code, error, error.message));
    const box = element('p', undefined, `The header is broken: ${error.code} at ${where}. ${error.message}`);
    showFrame(box.outerHTML);
    markdown.textContent = `${error.code} at ${where}`;
    json.append(tree('error', { name: error.name, code: error.code, message: error.message, offset: error.offset, line: error.line, column: error.column }, 0));
    return;
  }
  const { article } = result;
  const { stats, diagnostics } = article;
  status.className = '';
  status.textContent = `${stats.paragraphs} paragraphs, ${stats.media} media, ${stats.words} words, ${diagnostics.length} diagnostics`;
  for (const diagnostic of diagnostics) problems.append(problem(diagnostic.severity, diagnostic.code, diagnostic, diagnostic.message));
  try {
    showFrame(toHtml(article));
    markdown.textContent = toMarkdown(article);
  } catch (error) {
    showFrame(element('p', undefined, `Rendering failed: ${error}`).outerHTML);
    markdown.textContent = `Rendering failed: ${error}`;
  }
  json.append(tree('article', article, 0));
}

/** Dropped or opened files: the first is shown, a list switches between them. */
async function open(files) {
  const seeds = await Promise.all([...files].map(async (file) => ({ name: file.name, text: await file.text() })));
  if (seeds.length === 0) return;
  fileList.replaceChildren(...seeds.map((seed, index) => Object.assign(element('option', undefined, seed.name), { value: String(index) })));
  fileList.hidden = seeds.length < 2;
  fileList.onchange = () => {
    source.value = seeds[Number(fileList.value)].text;
    update();
  };
  source.value = seeds[0].text;
  update();
}

source.addEventListener('input', update);
fileInput.addEventListener('change', () => open(fileInput.files ?? []));
document.addEventListener('dragover', (event) => {
  event.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
document.addEventListener('drop', (event) => {
  event.preventDefault();
  document.body.classList.remove('dragging');
  if (event.dataTransfer && event.dataTransfer.files.length > 0) open(event.dataTransfer.files);
});

source.value = sample;
update();
