export interface Progress {
  /** Files done so far (parsed or failed), failures among them. */
  update(done: number, failed: number): void;
  /** Writes lines (each ending in a line feed) to the stream, above the bar when it is shown. */
  log(text: string): void;
  stop(): void;
}

/**
 * A progress bar on standard error: files done of the total, files per second,
 * time left and failures so far. Not shown when standard error is not a
 * terminal (a log file, a pipe, a CI job), when asked to be quiet, or when the
 * output goes to the same terminal (`shown` false): a bar between the lines
 * of the output would garble them. Messages go above it, whole. The bar
 * changes no setting of the terminal (the cursor stays shown, lines still
 * wrap), so Ctrl-C, which ends the process at once, leaves nothing to put
 * back. The progress library is loaded only when the bar is shown.
 */
export async function createProgress(total: number, shown: boolean, stream: NodeJS.WriteStream = process.stderr): Promise<Progress> {
  if (!shown || stream.isTTY !== true || total === 0) return { update() {}, log: (text) => void stream.write(text), stop() {} };
  const { MultiBar, Presets } = await import('cli-progress');
  const started = performance.now();
  const bars = new MultiBar(
    {
      stream,
      format: '{bar} {value}/{total} files | {rate} files/s | ETA {eta_formatted} | {failed} failed',
      barsize: 20,
      hideCursor: false,
      // Line wrapping stays on: a message longer than the terminal is wrapped, not cut.
      linewrap: true,
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const bar = bars.create(total, 0, { rate: '0', failed: 0 });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    bars.stop();
  };
  return {
    update(done, failed) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds).toString() : '0', failed });
    },
    log(text) {
      if (stopped) {
        stream.write(text);
        return;
      }
      bars.log(text);
      // Written now, not at the next redraw: the bar is drawn again under it.
      bars.update();
    },
    stop,
  };
}
