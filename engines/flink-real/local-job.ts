/**
 * The job in a local JVM: Flink's MiniCluster (JobManager and TaskManager in one process) started with
 * `java -cp flinkcoin-flink-job.jar:lib/*`. The JVM reports on stdout in `FLINKCOIN {json}` lines
 * (engines/flink-job CryptoJob): `running` once the job is, `stopped` with the accumulators after we
 * write `stop`, `failed` if the job fails. Flink's own logging goes to `flink.log` in the run directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FlinkJobError } from './errors.js';
import { JAVA_17_OPTS, JOB_DIR, JOB_JAR } from './jar.js';

export interface JobEvent {
  readonly event: 'submitted' | 'running' | 'stopped' | 'failed';
  readonly at: number;
  readonly [field: string]: unknown;
}

export class LocalJob {
  private readonly waiters: { event: string; resolve: (e: JobEvent) => void; reject: (e: Error) => void }[] =
    [];
  private exitError: Error | null = null;
  readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly log: string,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(line));
    this.exited.then((code) => {
      this.exitError = new FlinkJobError(`the Flink JVM exited (code ${code})`, log);
      for (const w of this.waiters.splice(0)) w.reject(this.exitError);
    });
  }

  /** Starts the JVM; `restore` is a retained checkpoint directory (chk-N) to resume from. */
  static start(dir: string, spec: string, heapMb: number, restore: string | null): LocalJob {
    const log = join(dir, 'flink.log');
    const log4j = join(dir, 'log4j2.properties');
    writeFileSync(
      log4j,
      [
        'rootLogger.level = WARN',
        'rootLogger.appenderRef.file.ref = file',
        'appender.file.type = File',
        'appender.file.name = file',
        `appender.file.fileName = ${log}`,
        'appender.file.layout.type = PatternLayout',
        'appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n',
      ].join('\n'),
    );
    const args = [
      `-Xmx${heapMb}m`,
      '-XX:+UseG1GC',
      `-Dlog4j.configurationFile=${log4j}`,
      ...JAVA_17_OPTS,
      '-cp',
      `${JOB_JAR}:${join(JOB_DIR, 'lib')}/*`,
      'flinkcoin.job.CryptoJob',
      '--spec',
      spec,
      ...(restore === null ? [] : ['--restore', restore]),
    ];
    const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const err = createWriteStream(join(dir, 'jvm-stderr.log'), { flags: 'a' });
    child.stderr!.pipe(err);
    return new LocalJob(child, log);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves at the next `event` line; rejects if the JVM exits first or `timeoutMs` passes. */
  next(event: JobEvent['event'], timeoutMs: number): Promise<JobEvent> {
    if (this.exitError !== null) return Promise.reject(this.exitError);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new FlinkJobError(`no "${event}" from the Flink JVM within ${timeoutMs} ms`, this.log)),
        timeoutMs,
      );
      this.waiters.push({
        event,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  /** Asks the job for its accumulators and to cancel (its retained checkpoints stay). */
  async stop(timeoutMs: number): Promise<Record<string, number>> {
    const stopped = this.next('stopped', timeoutMs);
    this.child.stdin!.write('stop\n');
    const e = await stopped;
    await this.exited;
    return numbers(e.counters);
  }

  /** SIGKILL, as a machine or container dying: no shutdown hook, open transactions left behind. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private onLine(line: string): void {
    if (!line.startsWith('FLINKCOIN ')) return;
    const e = JSON.parse(line.slice('FLINKCOIN '.length)) as JobEvent;
    if (e.event === 'failed') {
      const error = new FlinkJobError(`the Flink job failed: ${String(e.message)}`, this.log);
      for (const w of this.waiters.splice(0)) w.reject(error);
      return;
    }
    for (let i = 0; i < this.waiters.length; i++) {
      if (this.waiters[i].event === e.event) {
        this.waiters.splice(i, 1)[0].resolve(e);
        return;
      }
    }
  }
}

function numbers(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>))
    if (typeof v === 'number') out[k] = v;
  return out;
}
