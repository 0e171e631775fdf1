/** The command line: `seed-parser [options] <file|dir|->...` (see `--help`). */
import { describeError } from './inputs.js';
import { stopWrites } from './stop.js';

// A reader that stops early (`seed-parser archive | head -1`) closes the pipe: end quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`seed-parser: cannot write the output: ${describeError(error)}\n`);
  process.exit(1);
});
process.stderr.on('error', () => {});

/**
 * Ctrl-C (SIGINT), a `kill` (SIGTERM) or a closed terminal (SIGHUP) ends the
 * run between two writes, never inside one, on every thread (src/cli/stop.ts):
 * the output read so far ends with a whole record (a signal's default action
 * cuts a write into a pipe short), and a file of `--out` is there whole or not
 * at all. Output the stream still holds is handed over first; then the signal
 * is raised again, so that the process ends by it, as the shell expects
 * (status 130 for Ctrl-C). A second signal, of any of the three, ends it at once.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let stopping = false;

/** Ends the process by `signal`, as its default action does (the handlers let go of it first). */
function raise(signal: NodeJS.Signals): void {
  for (const each of SIGNALS) process.removeAllListeners(each);
  process.kill(process.pid, signal);
}

for (const signal of SIGNALS) {
  process.on(signal, () => {
    if (stopping) {
      raise(signal);
      return;
    }
    stopping = true;
    // The writes of --out files under way on other threads end first; no other begins.
    void stopWrites().then(() => {
      // An empty write's callback runs once all that was queued before it is handed over ('drain'
      // comes only after a write that filled the buffer).
      if (process.stdout.writableLength === 0) raise(signal);
      else process.stdout.write('', () => raise(signal));
    });
  });
}

const argv = process.argv.slice(2);
const { main } = await import('./run.js');
process.exitCode = await main(argv, process);
