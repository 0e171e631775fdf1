// The in-process loop that the command line is measured against, as a process of its own: what a user's
// script does on an archive, from Node's start to the last file. Lists the folder given (sorted), then
// readFileSync + parseSeed + JSON.stringify for every file, one after another, with nothing written.
//   node bench/cli-loop.mjs <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSeed } from 'seed-parser';

const dir = process.argv[2];
const paths = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
  .sort();
let sink = 0;
for (const path of paths) sink += JSON.stringify(parseSeed(readFileSync(path, 'utf8'))).length;
if (sink === 0) process.exitCode = 1;
