/** The command line: `seed-parser [options] <file|dir|->...` (see `--help`). */
import { readdirSync } from 'node:fs';
import { readArguments } from './args.js';
import { startPool, type Pool } from './pool.js';

// A reader that stops early (`seed-parser archive | head -1`) closes the pipe: end quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`seed-parser: cannot write the output: ${error.message}\n`);
  process.exit(1);
});
process.stderr.on('error', () => {});

/** A folder with no subfolder and at most this many entries is parsed by one thread (one batch of the run). */
const EARLY_POOL_FILES = 64;

const argv = process.argv.slice(2);
// The workers boot while this thread loads the parser and walks the folders.
const pool = earlyPool(argv);
const { main } = await import('./run.js');
process.exitCode = await main(argv, process, pool);

/**
 * A pool for a run that will likely use threads: --jobs above 1 and several
 * paths, or a folder that holds folders or more than a batch of files; none of
 * them standard input. The run checks the arguments (and reports their
 * mistakes) itself, and closes a pool it does not need.
 */
function earlyPool(args: readonly string[]): Promise<Pool> | null {
  try {
    const command = readArguments(args);
    if (command.kind !== 'run') return null;
    const { jobs, paths } = command.options;
    if (jobs < 2 || paths.length === 0 || paths.includes('-')) return null;
    if (paths.length === 1) {
      // Throws for a file (or a missing path): no pool.
      const children = readdirSync(paths[0]!, { withFileTypes: true });
      if (children.length <= EARLY_POOL_FILES && !children.some((child) => child.isDirectory() || child.isSymbolicLink())) return null;
    }
    return startPool(jobs - 1);
  } catch {
    return null;
  }
}
