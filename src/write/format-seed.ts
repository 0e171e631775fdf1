import { stringify } from 'yaml';
import { MAX_FRONT_MATTER_LENGTH } from '../header/front-matter.js';
import { MAX_TIMESTAMP, unsafeDestination } from '../header/header-lines.js';
import { collapseWhitespace } from '../text/whitespace.js';
import { writeBody } from './body.js';
import type { HeaderInput, SeedInput } from './seed-input.js';

export type * from './seed-input.js';

/**
 * The writer: an Article (or a partial one, {@link SeedInput}) as seed text.
 * For every Article `a` that `parseSeed` returns,
 * `parseSeed(formatSeed(a))` deep-equals `a` apart from `diagnostics`.
 * Throws a `TypeError` for what no seed can hold (an empty title, a URL with
 * a line break or an unsafe scheme, a timestamp out of range, an unknown
 * block type).
 */
export function formatSeed(input: SeedInput): string {
  if (typeof input !== 'object' || input === null || typeof input.header !== 'object' || input.header === null) {
    throw new TypeError('formatSeed expects an object with a header');
  }
  return writeHeader(input.header) + writeBody(input);
}

function writeHeader(header: HeaderInput): string {
  const { timestamp, frontMatter } = header;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0 || timestamp > MAX_TIMESTAMP) {
    throw new TypeError(`formatSeed: header.timestamp must be a whole number from 0 to ${MAX_TIMESTAMP}, got ${String(timestamp)}`);
  }
  let text = '';
  if (frontMatter !== null && frontMatter !== undefined) {
    if (typeof frontMatter !== 'object' || Array.isArray(frontMatter)) throw new TypeError('formatSeed: header.frontMatter must be a mapping');
    text += `---\n${frontMatterYaml(frontMatter)}---\n`;
  }
  text += `<!--${timestamp}-->\n[${titleText(header.title)}](${destination(header.url)})\n------\n`;
  return text;
}

/**
 * YAML 1.2, core schema, block style; flow style (more compact) when block
 * style would pass the reader's length limit, which an Article's front matter
 * read from flow style or through aliases may do.
 */
function frontMatterYaml(frontMatter: Record<string, unknown>): string {
  if (Object.keys(frontMatter).length === 0) return '';
  const block = stringify(frontMatter, { version: '1.2', schema: 'core', lineWidth: 0 });
  if (block.length <= MAX_FRONT_MATTER_LENGTH) return block;
  const flow = stringify(frontMatter, { version: '1.2', schema: 'core', lineWidth: 0, collectionStyle: 'flow' });
  if (flow.length <= MAX_FRONT_MATTER_LENGTH) return flow;
  throw new TypeError(`formatSeed: header.frontMatter takes more than ${MAX_FRONT_MATTER_LENGTH} characters as YAML (the limit of a seed)`);
}

const TITLE_SPECIAL = /[\\[\]&]/g;

/**
 * The link text of the title line. The header reader removes backslash
 * escapes, then decodes entities, then collapses white space; so `\`, `[`
 * and `]` are escaped with a backslash and `&` is written `&amp;`. It is
 * written collapsed, as it reads back (a line feed cannot stand in the line).
 */
function titleText(title: string): string {
  const collapsed = typeof title === 'string' ? collapseWhitespace(title) : '';
  if (collapsed === '') throw new TypeError('formatSeed: header.title must not be empty');
  return collapsed.replace(TITLE_SPECIAL, (c) => (c === '&' ? '&amp;' : `\\${c}`));
}

/**
 * The destination of the title line, as the header reader takes it: the last
 * balanced `(…)` of the line, trimmed, then without one pair of `<>` around
 * it. A URL with white space at an end, or already inside `<>`, goes in `<…>`.
 */
function destination(url: string): string {
  if (typeof url !== 'string' || url === '') throw new TypeError('formatSeed: header.url must not be empty');
  if (url.includes('\n')) throw new TypeError('formatSeed: header.url cannot hold a line feed');
  const scheme = unsafeDestination(url);
  if (scheme !== null) throw new TypeError(`formatSeed: header.url cannot be a ${scheme}: URL`);
  if (!balancedParentheses(url)) throw new TypeError(`formatSeed: the parentheses of header.url must balance, got ${JSON.stringify(url)}`);
  const needsBrackets = url.trim() !== url || (url.length >= 2 && url.startsWith('<') && url.endsWith('>'));
  return needsBrackets ? `<${url}>` : url;
}

function balancedParentheses(url: string): boolean {
  let depth = 0;
  for (let index = 0; index < url.length; index++) {
    const code = url.charCodeAt(index);
    if (code === 0x28 /* ( */) depth++;
    else if (code === 0x29 /* ) */ && --depth < 0) return false;
  }
  return depth === 0;
}
