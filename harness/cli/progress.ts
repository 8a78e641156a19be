/**
 * Renders the bench's event stream on stderr: a progress bar on a terminal, a line every few seconds
 * otherwise (CI logs), and one line per finished run. RxJS is used here, at the harness's edge, where
 * its cost per event does not matter.
 */
import { SingleBar } from 'cli-progress';
import { filter, type Observable, throttleTime } from 'rxjs';
import type { BenchEvent } from '../run/bench.js';

export function renderProgress(
  events: Observable<BenchEvent>,
  stream: NodeJS.WriteStream = process.stderr,
): void {
  const tty = stream.isTTY === true;
  let bar: SingleBar | null = null;
  let label = '';
  events.subscribe((e) => {
    if (e.type === 'run-start') {
      label = `[${e.index + 1}/${e.total}] ${e.engine} × ${e.model}`;
      if (tty) {
        const known = e.expectedEvents !== null;
        bar = new SingleBar({
          format: known
            ? `${label} {bar} {percentage}% | {value}/{total} events | {duration}s`
            : `${label} | {value} events | {duration}s`,
          stream,
        });
        bar.start(e.expectedEvents ?? 0, 0);
      } else {
        stream.write(`${label}: started\n`);
      }
    } else if (e.type === 'progress') {
      bar?.update(e.ingested);
    } else {
      bar?.stop();
      bar = null;
      const r = e.result;
      stream.write(
        r.state === 'completed'
          ? `${label}: done in ${(r.timing.wallMs / 1000).toFixed(1)} s\n`
          : `${label}: FAILED: ${r.error.message}\n`,
      );
    }
  });
  if (!tty) {
    events
      .pipe(
        filter((e): e is Extract<BenchEvent, { type: 'progress' }> => e.type === 'progress'),
        throttleTime(3000),
      )
      .subscribe((e) => stream.write(`${label}: ${e.ingested} events ingested\n`));
  }
}
