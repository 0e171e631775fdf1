/** The command line: `seed-parser [options] <file|dir|->...` (see `--help`). */

// A reader that stops early (`seed-parser archive | head -1`) closes the pipe: end quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`seed-parser: cannot write the output: ${error.message}\n`);
  process.exit(1);
});
process.stderr.on('error', () => {});

const argv = process.argv.slice(2);
const { main } = await import('./run.js');
process.exitCode = await main(argv, process);
