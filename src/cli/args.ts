import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

export type Format = 'jsonl' | 'json' | 'markdown' | 'html';

export const FORMATS: readonly Format[] = ['jsonl', 'json', 'markdown', 'html'];

/** The extensions a directory walk picks up when `--ext` is not given. */
export const DEFAULT_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt', '.html'];

export interface Options {
  /** Paths as given; `-` is standard input. */
  paths: string[];
  /** null: chosen from the inputs (json for one file or stdin, jsonl otherwise). */
  format: Format | null;
  out: string | null;
  jobs: number;
  extensions: string[];
  shard: { index: number; count: number } | null;
  baseUrl: string | undefined;
  quiet: boolean;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: Options };

/** A mistake in the command line: exit status 2, with a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP = `Usage: seed-parser [options] <file|dir|->...

Parses seed files into Articles. Directories are walked recursively (hidden
folders skipped, symlink loops detected); "-", or no path with piped input,
reads one seed from standard input.

Options:
  -f, --format <name>  jsonl, json, markdown or html. Default: json for one
                       file or stdin, jsonl for a directory or several paths
  -o, --out <dir>      markdown/html: write one file per input under <dir>,
                       mirroring the input tree (.md or .html)
  -j, --jobs <n>       parse in n threads (default, and at most: the number of
                       CPUs, or 2 on a machine of one)
      --ext <list>     extensions a directory walk picks up, comma separated
                       (default: .md,.markdown,.txt,.html)
      --shard <k/n>    only the k-th of n disjoint parts of the inputs, split by
                       a stable hash of each path (1 <= k <= n)
      --base-url <url> base for relative URLs (default: each seed's own URL)
  -q, --quiet          no progress bar
  -h, --help           show this help
  -v, --version        show the version

Output (jsonl): one line per input file, in sorted path order:
  {"file":"<path>","ok":true,"article":{...}}
  {"file":"<path>","ok":false,"error":{"code","message","line","column"}}

Exit status: 0 every input parsed, 1 some failed, 2 usage error.
Schema of the records: seed-parser/schema.json (JSON Schema 2020-12).
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  jobs: { type: 'string', short: 'j' },
  ext: { type: 'string' },
  shard: { type: 'string' },
  'base-url': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Reads the command line. Throws {@link UsageError} for anything it cannot use. */
export function readArguments(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    // parseArgs refuses an option's value that starts with a dash (and is more than the dash alone).
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') dashedValue(argv);
    // parseArgs names the option in its message ("Unknown option '--x'"); keep only that sentence.
    const message = error instanceof Error ? error.message.split(/\.[ \n]/)[0]!.replace(/\.$/, '') : String(error);
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };

  let format: Format | null = null;
  if (values.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(values.format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(values.format)}`);
    }
    format = values.format as Format;
  }
  // More threads than CPUs parse no faster, and each worker holds a JavaScript heap of its own.
  const mostJobs = Math.max(2, availableParallelism());
  const jobs = values.jobs === undefined ? availableParallelism() : readPositiveInteger('--jobs', values.jobs, mostJobs);
  const extensions = values.ext === undefined ? [...DEFAULT_EXTENSIONS] : readExtensions(values.ext);
  const shard = values.shard === undefined ? null : readShard(values.shard);
  const out = values.out ?? null;
  if (out !== null && out === '') throw new UsageError('--out needs a directory');
  if (out !== null && format !== 'markdown' && format !== 'html') {
    throw new UsageError('--out is for --format markdown or html; redirect standard output for jsonl and json');
  }
  const baseUrl = values['base-url'];
  if (positionals.filter((path) => path === '-').length > 1) throw new UsageError('standard input ("-") can be read only once');
  if (positionals.includes('')) throw new UsageError('an empty path was given');
  return {
    kind: 'run',
    options: { paths: positionals, format, out, jobs, extensions, shard, baseUrl, quiet: values.quiet === true },
  };
}

/**
 * parseArgs refuses a value that starts with a dash after an option that
 * takes one (`--jobs -1`, `-f -x`): "argument is ambiguous". Such a value
 * gets the message of the option it was given to (`--jobs` and `--shard`
 * take no value with a dash), or one that says how to give it.
 */
function dashedValue(argv: readonly string[]): void {
  const { tokens } = parseArgs({ args: [...argv], allowPositionals: true, strict: false, tokens: true, options: OPTIONS });
  for (const token of tokens) {
    if (token.kind !== 'option' || token.inlineValue !== false || token.value === undefined || token.value.length < 2 || !token.value.startsWith('-')) continue;
    if (token.name === 'jobs') readPositiveInteger('--jobs', token.value);
    if (token.name === 'shard') readShard(token.value);
    throw new UsageError(`${token.rawName} needs a value, not ${JSON.stringify(token.value)}; write --${token.name}=${token.value} for a value that starts with a dash`);
  }
}

/** A whole number of at least 1; with `most`, any larger one (however large) is taken as `most`. */
function readPositiveInteger(name: string, text: string, most?: number): number {
  const number = Number(text);
  if (/^\d+$/.test(text) && number >= 1) {
    if (most !== undefined) return Math.min(number, most);
    if (Number.isSafeInteger(number)) return number;
  }
  throw new UsageError(`${name} must be a whole number of at least 1, not ${JSON.stringify(text)}`);
}

function readExtensions(text: string): string[] {
  const extensions = text
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '')
    .map((item) => (item.startsWith('.') ? item : `.${item}`));
  if (extensions.length === 0) throw new UsageError('--ext needs at least one extension, such as --ext md,html');
  return extensions;
}

function readShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = match === null ? NaN : Number(match[1]);
  const count = match === null ? NaN : Number(match[2]);
  if (!(index >= 1 && count >= 1 && index <= count && Number.isSafeInteger(count))) {
    throw new UsageError(`--shard must be K/N with 1 <= K <= N, such as --shard 2/8, not ${JSON.stringify(text)}`);
  }
  return { index, count };
}
