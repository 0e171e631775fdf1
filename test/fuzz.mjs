// Runs the property tests (robustness, streaming, the token stage against htmlparser2's Parser, the
// header and its front matter, word counts, the writer's round trip and the renderers' read-back)
// for a long time, round after round, each round with a new seed. A failing round prints its seed; run it again with --seed to reproduce.
//
//   npm run fuzz -- --seconds 600          rounds until ten minutes have passed
//   npm run fuzz -- --runs 50              50× the runs of CI, one round
//   npm run fuzz -- --seed 1234 --runs 50  reproduce a round
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    runs: { type: 'string', default: '20' },
    seed: { type: 'string' },
  },
});

const scale = Number(values.runs);
const deadline = values.seconds === undefined ? 0 : Date.now() + Number(values.seconds) * 1000;
if (!(scale > 0) || Number.isNaN(deadline)) {
  console.error('usage: npm run fuzz -- [--seconds N] [--runs SCALE] [--seed SEED]');
  process.exit(2);
}

/** Every test file whose properties honour FC_SEED and FC_SCALE (through test/chunks.ts's checkOptions). */
const PROPERTY_TESTS = [
  'test/robustness.test.ts',
  'test/streaming.test.ts',
  'test/tokens.test.ts',
  'test/header-positions.test.ts',
  'test/header-security.test.ts',
  'test/front-matter.test.ts',
  'test/measure.test.ts',
  'test/write-properties.test.ts',
  'test/render-properties.test.ts',
];

let round = 0;
do {
  const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
  round++;
  console.log(`round ${round}: --seed ${seed} --runs ${scale}`);
  const result = spawnSync('npx', ['vitest', 'run', ...PROPERTY_TESTS], {
    stdio: 'inherit',
    env: { ...process.env, FC_SEED: seed, FC_SCALE: String(scale) },
  });
  if (result.status !== 0) {
    console.error(`\nA property failed. Reproduce with: npm run fuzz -- --seed ${seed} --runs ${scale}`);
    process.exit(1);
  }
} while (values.seed === undefined && Date.now() < deadline);
console.log(`${round} round(s) passed.`);
