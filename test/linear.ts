/**
 * Linear time, by doubling: work on an input of size 2n may take at most
 * `DOUBLING_BOUND` times the work at n. A linear stage takes about 2×, a
 * quadratic one about 4×. Every doubling test measures the same way:
 *
 * - samples at n and at 2n alternate, so that a busy machine slows both alike;
 * - a round is the ratio of the medians of its samples;
 * - a busy machine (CI runs test files side by side on two cores) can still
 *   disturb a whole round, but a quadratic stage fails every round: the best
 *   of up to `ROUNDS` rounds counts, and rounds stop as soon as one passes.
 */

export const DOUBLING_BOUND = 2.5;
const ROUNDS = 5;

export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1] as number;
}

/** The best of up to five rounds: `round()` measures one ratio (time at 2n over time at n). */
export function bestRatio(round: () => number): number {
  let best = Infinity;
  for (let index = 0; index < ROUNDS && best > DOUBLING_BOUND; index++) best = Math.min(best, round());
  return best;
}

/**
 * The best ratio of medians: `timeAt(1)` runs the work at n and `timeAt(2)` at 2n,
 * each returning the milliseconds it took. Each size runs once before timing, to warm up.
 */
export function doublingRatio(timeAt: (scale: 1 | 2) => number, samples = 5): number {
  timeAt(1);
  timeAt(2);
  return bestRatio(() => {
    const [atN, at2n]: [number[], number[]] = [[], []];
    for (let sample = 0; sample < samples; sample++) {
      atN.push(timeAt(1));
      at2n.push(timeAt(2));
    }
    return median(at2n) / median(atN);
  });
}

/** Milliseconds that `work` takes, by the wall clock. */
export function wallTime(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** Calibration stops once one run takes this long, so that a cost that does not grow with the input is small beside it. */
const CALIBRATED_MS = 50;

/**
 * The least count from `units` up, doubling, at which `work` on the input
 * `make(n)` takes at least 50 ms (at most 1,024× `units`); each input is
 * worked on once before it is timed.
 */
export function calibrated<T>(units: number, make: (n: number) => T, work: (input: T) => unknown): number {
  let n = units;
  for (; n < units * 1024; n *= 2) {
    const input = make(n);
    work(input);
    if (wallTime(() => work(input)) >= CALIBRATED_MS) break;
  }
  return n;
}
