/**
 * The job on an existing Flink cluster, through Flink's REST API (the Web UI's submission path):
 *   POST /jars/upload            multipart `jarfile` → { filename }; the jar id is its last path segment
 *   POST /jars/:jarid/run        { entryClass, programArgsList } → { jobid }
 *   GET  /jobs/:jobid            { state }: RUNNING, FAILED, ...
 *   GET  /jobs/:jobid/accumulators { "user-task-accumulators": [{ name, type, value }] }
 *   PATCH /jobs/:jobid?mode=cancel
 * The cluster must reach the same Kafka brokers (`flink-real.brokers`), and keeps checkpoints where its
 * own configuration says.
 */
import { readFileSync } from 'node:fs';
import { FlinkJobError } from './errors.js';

export class RestJob {
  private constructor(
    private readonly base: string,
    readonly jobId: string,
  ) {}

  static async submit(rest: string, jar: string, spec: string, timeoutMs: number): Promise<RestJob> {
    const base = rest.replace(/\/+$/, '');
    const form = new FormData();
    form.append(
      'jarfile',
      new Blob([readFileSync(jar)], { type: 'application/x-java-archive' }),
      'flinkcoin-flink-job.jar',
    );
    const uploaded = (await call(base, '/jars/upload', { method: 'POST', body: form })) as {
      filename: string;
    };
    const jarId = uploaded.filename.split('/').pop()!;
    const run = (await call(base, `/jars/${encodeURIComponent(jarId)}/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entryClass: 'flinkcoin.job.CryptoJob',
        programArgsList: ['--spec', spec, '--detached'],
      }),
    })) as { jobid: string };
    const job = new RestJob(base, run.jobid);
    await job.awaitState('RUNNING', timeoutMs);
    return job;
  }

  async state(): Promise<string> {
    return ((await call(this.base, `/jobs/${this.jobId}`)) as { state: string }).state;
  }

  private async awaitState(wanted: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.state();
      if (state === wanted) return;
      if (['FAILED', 'CANCELED', 'FINISHED'].includes(state))
        throw new FlinkJobError(`Flink job ${this.jobId} is ${state} on ${this.base}, not ${wanted}`);
      if (Date.now() > deadline)
        throw new FlinkJobError(`Flink job ${this.jobId} not ${wanted} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(): Promise<Record<string, number>> {
    const acc = (await call(this.base, `/jobs/${this.jobId}/accumulators`)) as {
      'user-task-accumulators'?: { name: string; value: string }[];
    };
    const counters: Record<string, number> = {};
    for (const a of acc['user-task-accumulators'] ?? []) counters[a.name] = Number(a.value);
    await call(this.base, `/jobs/${this.jobId}?mode=cancel`, { method: 'PATCH' });
    return counters;
  }
}

async function call(base: string, path: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, init);
  } catch (cause) {
    throw new FlinkJobError(`the Flink REST API at ${base} is unreachable`, undefined, {
      retriable: true,
      cause,
    });
  }
  const text = await response.text();
  if (!response.ok)
    throw new FlinkJobError(`Flink REST ${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return text === '' ? {} : JSON.parse(text);
}
