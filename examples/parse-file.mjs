// Parse one seed file and print its Article as JSON.
//   node examples/parse-file.mjs [file]      (defaults to examples/sample.seed.md)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSeed, SeedParseError } from 'seed-parser';

const file = process.argv[2] ?? fileURLToPath(new URL('./sample.seed.md', import.meta.url));

try {
  const article = parseSeed(readFileSync(file, 'utf8'));
  console.log(JSON.stringify(article, null, 2));
} catch (error) {
  if (!(error instanceof SeedParseError)) throw error;
  console.error(`${file}:${error.line}:${error.column}: ${error.code}: ${error.message}`);
  process.exitCode = 1;
}
