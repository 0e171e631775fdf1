import { stringify } from 'yaml';
import { MAX_FRONT_MATTER_LENGTH, parseFrontMatter } from '../header/front-matter.js';
import { MAX_TIMESTAMP, unsafeDestination, unsafeInLine } from '../header/header-lines.js';
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

const YAML_OPTIONS = { version: '1.2', schema: 'core', lineWidth: 0 } as const;

/**
 * The forms front matter is written in, in order of preference: YAML 1.2 block
 * style; flow style (more compact); flow style without the spaces `yaml` puts
 * after commas and inside brackets (as compact as flow style gets: a list of
 * short strings read from `[a,b,c]` fits again); JSON (a subset of YAML 1.2,
 * every string in double quotes with escapes).
 */
const FRONT_MATTER_FORMS: readonly ((frontMatter: Record<string, unknown>) => string)[] = [
  (frontMatter) => stringify(frontMatter, YAML_OPTIONS),
  (frontMatter) => stringify(frontMatter, { ...YAML_OPTIONS, collectionStyle: 'flow' }),
  (frontMatter) => `${compactFlow(frontMatter)}\n`,
  (frontMatter) => `${JSON.stringify(frontMatter)}\n`,
];

/** A value in flow style with no space but the one after each key's colon; each scalar as `yaml` writes it in a flow sequence. */
function compactFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compactFlow).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, entry]) => `${flowScalar(key)}: ${compactFlow(entry)}`).join(',')}}`;
  }
  return flowScalar(value);
}

/** `yaml` writes `[scalar]` and a line feed: the scalar, quoted wherever flow style needs it. */
function flowScalar(value: unknown): string {
  return stringify([value], { ...YAML_OPTIONS, collectionStyle: 'flow', flowCollectionPadding: false }).slice(1, -2);
}

/**
 * The first form within the reader's length limit that the front matter
 * reader reads back as the same value. `yaml` writes a few strings in forms
 * that read back otherwise (a key that starts with U+FEFF, unquoted, loses
 * it; spaces that start a block scalar ending in a tab are taken as its
 * indentation), and block style of a large front matter read from flow
 * style can pass the limit. A value that no form gives back (a front matter
 * of a `SeedInput` holding a `Date`, say) is written in the first form that
 * fits.
 */
function frontMatterYaml(frontMatter: Record<string, unknown>): string {
  if (Object.keys(frontMatter).length === 0) return '';
  const expected = JSON.stringify(frontMatter);
  let fits: string | null = null;
  for (const write of FRONT_MATTER_FORMS) {
    const text = write(frontMatter);
    if (text.length > MAX_FRONT_MATTER_LENGTH) continue;
    const reading = parseFrontMatter(text);
    if (reading.ok && reading.warnings.length === 0 && JSON.stringify(reading.value) === expected) return text;
    fits ??= text;
  }
  if (fits !== null) return fits;
  throw new TypeError(`formatSeed: header.frontMatter takes more than ${MAX_FRONT_MATTER_LENGTH} characters as YAML (the limit of a seed)`);
}

const TITLE_SPECIAL = /[\\[\]&<]/g;
const TITLE_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', ']': '&#93;' };

/**
 * The link text of the title line. The header reader removes backslash
 * escapes, then decodes entities, then collapses white space; so `\` and `[`
 * are escaped with a backslash, and `&`, `<` and `]` are written as entities
 * (`&amp;`, `&lt;`, `&#93;`): the reader vets what follows a `<` or a `](`
 * anywhere in the line as a URL, as Markdown may read one there, escaped or
 * not. It is written collapsed, as it reads back (a line feed cannot stand in
 * the line).
 */
function titleText(title: string): string {
  const collapsed = typeof title === 'string' ? collapseWhitespace(title) : '';
  if (collapsed === '') throw new TypeError('formatSeed: header.title must not be empty');
  return collapsed.replace(TITLE_SPECIAL, (c) => TITLE_ENTITIES[c] ?? `\\${c}`);
}

/**
 * The destination of the title line, as the header reader takes it: the last
 * balanced `(…)` of the line, trimmed, then without one pair of `<>` around
 * it. A URL with white space at an end, or already inside `<>`, goes in `<…>`.
 */
function destination(url: string): string {
  if (typeof url !== 'string' || url === '') throw new TypeError('formatSeed: header.url must not be empty');
  if (url.includes('\n')) throw new TypeError('formatSeed: header.url cannot hold a line feed');
  const scheme = unsafeDestination(url) ?? unsafeInLine(url)?.scheme ?? null;
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
