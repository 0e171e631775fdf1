export interface Progress {
  /** Files done so far (parsed or failed), failures among them. */
  update(done: number, failed: number): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/**
 * A progress bar on standard error: files done of the total, files per second,
 * time left and failures so far. Silent when standard error is not a terminal
 * (a log file, a pipe, a CI job) or when asked to be quiet. The progress
 * library is loaded only when the bar is shown.
 */
export async function createProgress(total: number, quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Promise<Progress> {
  if (quiet || stream.isTTY !== true || total === 0) return SILENT;
  const { Presets, SingleBar } = await import('cli-progress');
  const started = performance.now();
  const bar = new SingleBar(
    {
      stream,
      format: '{bar} {value}/{total} files | {rate} files/s | ETA {eta_formatted} | {failed} failed',
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { rate: '0', failed: 0 });
  return {
    update(done, failed) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds).toString() : '0', failed });
    },
    stop() {
      bar.stop();
    },
  };
}
