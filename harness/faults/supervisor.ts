/**
 * Runs one engine × model as a fault run: the driver here, the engine in a worker process that the
 * supervisor kills and restarts as a cluster manager would (Flink's ResourceManager bringing back a
 * TaskManager, Storm's supervisor restarting a worker).
 *
 *   driver (this process) ─input.log─▶ worker (child) ─▶ outputs/<sink>/…   state/ (checkpoints, logs)
 *          ▲ faults: SIGKILL, outage           │ ready / restored / detected / progress / done
 *          └────────────── observations ◀──────┘
 *
 * Detection here is the child's exit event, seen at once; a real cluster notices a lost TaskManager by
 * heartbeat timeout (Flink: heartbeat.timeout 50 s) — the phases after detection are what the engines
 * differ in.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunConfig } from '../config/schema.js';
import { systemClock } from '../driver/clock.js';
import { FlinkCoinError } from '../errors.js';
import { openRunInput, sourceReaderOf } from '../run/inputs.js';
import { pacingOf } from '../run/run-one.js';
import { CRASH_POINTS } from './checkpoint-crash.js';
import type { Fault, FaultPlan } from './fault-plan.js';
import { InputLogWriter } from './input-log.js';
import type { WorkerStart } from './worker.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
/** How often the driver releases due events into the log. */
const DRIVER_TICK_MS = 2;

/** What happened to one fault of the plan, in wall ms (null: not reached). */
export interface FaultObservation {
  readonly fault: Fault;
  injectedAt: number | null;
  detectedAt: number | null;
  restartedAt: number | null;
  restoredAt: number | null;
}

export interface SupervisedRun {
  readonly startAt: number;
  readonly endedAt: number;
  readonly faults: readonly FaultObservation[];
  /** (wall ms, input log lines the live worker had consumed). */
  readonly consumed: readonly [number, number][];
  /** (wall ms, events the driver had released). */
  readonly released: readonly [number, number][];
  readonly workers: number;
  readonly counters: Record<string, number>;
  readonly metrics: Record<string, number>;
  readonly recommitsIgnored: number;
  readonly workerErrors: readonly string[];
  /** Summed over the workers (each one's last report), and the largest worker's peak RSS. */
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  readonly peakRssBytes: number;
}

export interface SuperviseOptions {
  readonly config: RunConfig;
  readonly engine: string;
  readonly model: string;
  readonly engineConfig: Record<string, unknown>;
  readonly plan: FaultPlan;
  readonly runDir: string;
  /** Wait before a crashed worker is started again (a restart strategy's delay). */
  readonly restartDelayMs: number;
  readonly onProgress?: (released: number) => void;
}

export class WorkerFailedError extends FlinkCoinError {}

export async function supervise(o: SuperviseOptions): Promise<SupervisedRun> {
  mkdirSync(o.runDir, { recursive: true });
  const clock = systemClock;
  const faults: FaultObservation[] = o.plan.faults.map((fault) => ({
    fault,
    injectedAt: null,
    detectedAt: null,
    restartedAt: null,
    restoredAt: null,
  }));
  const consumed: [number, number][] = [];
  const released: [number, number][] = [];
  const workerErrors: string[] = [];
  const input = await openRunInput(o.config);
  const log = new InputLogWriter(join(o.runDir, 'input.log'));
  let startAt = Number.NaN;
  let workers = 0;
  const usage: { cpuUserMs: number; cpuSystemMs: number; rss: number }[] = [];
  let killedBy: FaultObservation | null = null;
  let outageUntil = 0;
  let driverDone = false;
  let finished: {
    counters: Record<string, number>;
    metrics: Record<string, number>;
    recommits: number;
  } | null = null;

  return new Promise<SupervisedRun>((resolve, reject) => {
    let child: ChildProcess | null = null;
    const deadline = setTimeout(
      () => fail(new WorkerFailedError(`fault run exceeded runTimeoutMs`)),
      o.config.runTimeoutMs,
    );

    const fail = (e: Error) => {
      clearTimeout(deadline);
      child?.kill('SIGKILL');
      void input.close?.();
      reject(e);
    };

    /** A checkpoint crash armed in the live worker, waiting for its next durable write. */
    const armed = () => faults.some((f) => f.injectedAt === Number.POSITIVE_INFINITY);
    const pending = (kinds: readonly Fault['kind'][]) =>
      faults.filter((f) => f.injectedAt === null && kinds.includes(f.fault.kind));

    /** Supervisor-side faults due now (time-based), or at the worker's reported event count. */
    const injectDue = (now: number, consumedNow: number | null) => {
      for (const f of pending(['process-crash', 'checkpoint-crash', 'source-outage'])) {
        const at = f.fault.at;
        const due = 'ms' in at ? now >= startAt + at.ms : consumedNow !== null && consumedNow >= at.event;
        if (!due) continue;
        if (f.fault.kind === 'source-outage') {
          f.injectedAt = now;
          outageUntil = now + f.fault.durationMs;
        } else if (child !== null && killedBy === null && !armed()) {
          if (f.fault.kind === 'process-crash') {
            f.injectedAt = now;
            killedBy = f;
            child.kill('SIGKILL');
          } else {
            // The worker kills itself in the middle of its next durable write, and says when.
            const index = faults.indexOf(f);
            const point = CRASH_POINTS[index % CRASH_POINTS.length];
            const cut = ((o.config.seed + index * 2654435761) % 997) / 997;
            child.send({ type: 'arm-checkpoint-crash', index, point, cut });
            f.injectedAt = Number.POSITIVE_INFINITY; // armed; the worker reports the moment
          }
        }
      }
    };

    const startWorker = () => {
      workers++;
      const pendingWorkerFaults = faults
        .map((f, index) => ({ index, fault: f.fault, seen: f.injectedAt !== null }))
        .filter((f) => !f.seen && (f.fault.kind === 'task-crash' || f.fault.kind === 'straggler'));
      const reportAt = pending(['process-crash', 'checkpoint-crash'])
        .map((f) => ('event' in f.fault.at ? f.fault.at.event : 0))
        .filter((n) => n > 0);
      const c = fork(WORKER, [], {
        execArgv: ['--import', import.meta.resolve('tsx')],
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      });
      child = c;
      let stderr = '';
      c.stderr?.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-4000);
      });
      c.on('message', (m: Record<string, unknown> & { type: string; at: number }) => {
        const now = clock.now();
        if (process.env.FLINKCOIN_DEBUG_FAULTS && m.type !== 'progress')
          console.error('[supervisor]', workers, m);
        switch (m.type) {
          case 'ready':
            if (workers === 1) {
              startAt = now + 50;
              driverTick();
            } else {
              for (const f of faults)
                if (f.detectedAt !== null && f.restartedAt === null) f.restartedAt = m.at;
            }
            c.send({ type: 'go', startAt });
            break;
          case 'restored':
            for (const f of faults)
              if (f.injectedAt !== null && f.restoredAt === null && f.detectedAt !== null)
                f.restoredAt = m.at;
            break;
          case 'detected':
            for (const f of faults)
              if (f.injectedAt !== null && f.detectedAt === null && f.fault.kind === 'task-crash') {
                f.detectedAt = m.at;
                f.restartedAt ??= null;
              }
            break;
          case 'fired': {
            const f = faults[m.index as number]!;
            f.injectedAt = m.at;
            if (f.fault.kind === 'checkpoint-crash') killedBy = f;
            break;
          }
          case 'progress':
            consumed.push([m.at, m.consumed as number]);
            usage[workers - 1] = m as unknown as (typeof usage)[number];
            injectDue(now, m.consumed as number);
            break;
          case 'done':
            finished = {
              counters: m.counters as Record<string, number>,
              metrics: m.metrics as Record<string, number>,
              recommits: m.recommitsIgnored as number,
            };
            break;
        }
      });
      c.on('exit', (code, signal) => {
        const now = clock.now();
        child = null;
        if (finished !== null && code === 0) {
          clearTimeout(deadline);
          void input.close?.();
          resolve({
            startAt,
            endedAt: now,
            faults,
            consumed,
            released,
            workers,
            counters: finished.counters,
            metrics: finished.metrics,
            recommitsIgnored: finished.recommits,
            workerErrors,
            cpuUserMs: usage.reduce((t, u) => t + (u?.cpuUserMs ?? 0), 0),
            cpuSystemMs: usage.reduce((t, u) => t + (u?.cpuSystemMs ?? 0), 0),
            peakRssBytes: Math.max(0, ...usage.map((u) => u?.rss ?? 0)),
          });
          return;
        }
        // A crash: ours (SIGKILL), or the engine gave up on a task failure (exit 1). A checkpoint crash
        // kills the worker before its 'fired' message may leave: its exit is the moment then.
        for (const f of faults)
          if (f.injectedAt === Number.POSITIVE_INFINITY) {
            f.injectedAt = now;
            killedBy = f;
          }
        const cause = killedBy ?? faults.find((f) => f.injectedAt !== null && f.detectedAt === null) ?? null;
        killedBy = null;
        if (cause === null) {
          fail(
            new WorkerFailedError(
              `worker exited (code ${code}, signal ${signal}) with no fault injected:\n${stderr}`,
            ),
          );
          return;
        }
        if (signal !== 'SIGKILL') workerErrors.push(stderr.trim().split('\n')[0] ?? `exit ${code}`);
        cause.detectedAt ??= now;
        if (workers > o.plan.faults.length + 3) {
          fail(new WorkerFailedError(`worker crashed ${workers} times; last:\n${stderr}`));
          return;
        }
        setTimeout(startWorker, o.restartDelayMs);
      });
      c.send({
        type: 'start',
        config: o.config,
        engine: o.engine,
        model: o.model,
        engineConfig: o.engineConfig,
        runDir: o.runDir,
        startAt: Number.isNaN(startAt) ? 0 : startAt,
        faults: pendingWorkerFaults.map(({ index, fault }) => ({ index, fault })),
        reportAt,
      } satisfies { type: 'start' } & WorkerStart);
    };

    // The open-loop driver: releases every due event into the log, whatever the worker is doing.
    let reader: ReturnType<typeof sourceReaderOf> | null = null;
    let lastReleasedNote = 0;
    const driverTick = () => {
      if (driverDone) return;
      const now = clock.now();
      reader ??= sourceReaderOf(input, pacingOf(o.config), startAt);
      injectDue(now, null);
      if (now >= outageUntil) {
        for (;;) {
          const r = reader.poll(now, 8192, (value, ts, createdAt) => log.append(value, ts, createdAt));
          if (r.kind === 'end') {
            driverDone = true;
            log.end();
            released.push([now, log.written]);
            return;
          }
          if (r.kind === 'idle') break;
        }
        log.flush();
      }
      if (now - lastReleasedNote >= 50) {
        lastReleasedNote = now;
        released.push([now, log.written]);
        o.onProgress?.(log.written);
      }
      setTimeout(driverTick, DRIVER_TICK_MS);
    };

    startWorker();
  });
}
