/**
 * The worker's side of a `checkpoint-crash` fault: arms engines/shared/durable-store so that the next
 * durable write is cut short by a SIGKILL of this process, at one of the points a real crash can hit:
 *
 *   torn-temp      part of the temp file written, not yet renamed (the store must ignore it)
 *   before-rename  the temp file complete and fsynced, not yet renamed
 *   torn-target    a torn file under the final name — what a non-atomic write leaves; only the
 *                  checksum can catch it, and the store must fall back to the previous checkpoint
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { interruptNextDurableWrite } from '../../engines/shared/durable-store.js';

export const CRASH_POINTS = ['torn-temp', 'before-rename', 'torn-target'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** Arms the crash; `fired` is called (to tell the supervisor) just before the kill. */
export function armCheckpointCrash(point: CrashPoint, cut: number, fired: () => void): void {
  interruptNextDurableWrite((path, framed) => {
    const bytes = Buffer.from(framed);
    const partial = bytes.subarray(0, Math.max(1, Math.floor(bytes.length * cut)));
    const target =
      point === 'torn-target' ? path : join(dirname(path), `.${basename(path)}.${process.pid}.crash.tmp`);
    const fd = openSync(target, 'w');
    writeSync(fd, point === 'before-rename' ? bytes : partial);
    fsyncSync(fd);
    closeSync(fd);
    fired();
    process.kill(process.pid, 'SIGKILL');
  });
}
