/**
 * `flink-real`: the workload on Apache Flink itself, not an emulation. The plan's Java twin
 * (engines/flink-job, built by scripts/flink-job.sh) runs in Flink's MiniCluster in a JVM this adapter
 * starts, or on an existing cluster through its REST API (knob `rest`, `--flink-rest`):
 *
 *   SourceReaders ─feed (open-loop pacing)─▶ Kafka <run>-in ─▶ Flink job ─▶ Kafka <run>-out (EXACTLY_ONCE)
 *     ─read_committed─▶ SinkWriters (latency, accuracy, digests as for every engine)
 *
 * Fault run (knob `killAtEvent`): the JVM is SIGKILLed once that many events were fed, and a new one
 * restores the latest retained checkpoint (Flink's externalized checkpoints, RETAIN_ON_CANCELLATION);
 * the Kafka source resumes from the offsets in it and the sink's transactions make the output topic
 * exactly-once. JVM start-up (a few seconds) happens while the driver already feeds the topic, so the
 * first events queue in Kafka and show as event-time latency; a longer `driver.warmupMs` excludes it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectAdmin, ensureTopic, kafkaClient } from '../../harness/kafka/client.js';
import type { Engine, EngineReport, JobSpec } from '../contract.js';
import { FlinkRealConfig } from './config.js';
import { FlinkJobError } from './errors.js';
import { feed } from './feeder.js';
import { ensureJobJar } from './jar.js';
import { encodeSpec, jobSpec } from './job-spec.js';
import { LocalJob } from './local-job.js';
import { OutputReader } from './output-reader.js';
import { latestCheckpoint, RecoveryClock } from './recovery.js';
import { RestJob } from './rest-job.js';

const RUNS_DIR = join(import.meta.dirname, '..', '..', '.cache', 'flink-real');
/** After the last event is fed: the END output needs the final watermark and one more checkpoint. */
const END_TIMEOUT_MS = 120_000;

export const flinkRealEngine: Engine = {
  name: 'flink-real',
  description:
    'Apache Flink 2.2 itself (MiniCluster JVM, or a cluster via REST), Kafka in and out with exactly-once transactions: not an emulation',
  async run(job: JobSpec): Promise<EngineReport> {
    const knobs = FlinkRealConfig.parse(job.config);
    const jar = ensureJobJar();
    const id = `${Date.now()}-${process.pid}`;
    const runDir = job.stateDir ?? join(RUNS_DIR, id);
    mkdirSync(runDir, { recursive: true });
    const checkpoints = join(runDir, 'checkpoints');
    const prefix = knobs.topicPrefix ?? `flinkcoin-real-${id}`;
    const topics = { input: `${prefix}-in`, output: `${prefix}-out`, transactionalIdPrefix: prefix };
    const spec = encodeSpec(jobSpec(job.plan, knobs, topics, knobs.rest === null ? runDir : null));
    const now = () => job.clock.now();
    const kafka = kafkaClient(knobs.brokers, 'flinkcoin-real');
    const admin = await connectAdmin(kafka, knobs.brokers);
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    let reader: OutputReader | null = null;
    let local: LocalJob | null = null;
    const recovery = new RecoveryClock();
    const metrics: Record<string, number> = { restarts: 0, checkpointIntervalMs: knobs.checkpointIntervalMs };
    let counters: Record<string, number> = {};
    try {
      await ensureTopic(admin, topics.input);
      await ensureTopic(admin, topics.output);
      await producer.connect();
      const out = await OutputReader.open(kafka, topics.output, job.sinks, now);
      reader = out;
      out.onOutput.push((at, createdAt) => recovery.observe(at, createdAt));
      const began = now();
      /** Fails the run if the current JVM exits without being asked to. */
      let expectedExit = false;
      const watch = (j: LocalJob) =>
        j.exited.then((code) => {
          if (j === local && !expectedExit)
            out.fail(new FlinkJobError(`the Flink JVM exited unexpectedly (code ${code})`, j.log));
        });
      const deployed = (async () => {
        if (knobs.rest !== null) return RestJob.submit(knobs.rest, jar, spec, knobs.startTimeoutMs);
        local = LocalJob.start(runDir, spec, knobs.jvmHeapMb, null);
        void watch(local);
        const running = await local.next('running', knobs.startTimeoutMs);
        metrics.jvmStartMs = running.at - began;
        return null;
      })();
      deployed.catch((e: Error) => out.fail(e));
      const progress = { sent: 0 };
      let fed = false;
      const feeding = feed(
        job.sources.market ?? [],
        producer,
        topics.input,
        job.clock,
        progress,
        job.signal,
      ).finally(() => (fed = true));
      const fault = (async () => {
        const at = knobs.killAtEvent;
        if (at === null || knobs.rest !== null) return;
        await deployed;
        while (progress.sent < at && !fed) await new Promise((r) => setTimeout(r, 2));
        if (progress.sent < at) return;
        recovery.injectedAt = now();
        job.recovery?.faultInjected?.(recovery.injectedAt, 'process-crash');
        expectedExit = true;
        await local!.kill();
        recovery.detectedAt = now();
        job.recovery?.failureDetected?.(
          recovery.detectedAt,
          new FlinkJobError('the Flink JVM was killed (fault run)'),
        );
        const chk = latestCheckpoint(checkpoints);
        local = LocalJob.start(runDir, spec, knobs.jvmHeapMb, chk?.path ?? null);
        expectedExit = false;
        void watch(local);
        recovery.restartedAt = now();
        await local.next('running', knobs.startTimeoutMs);
        recovery.restoredAt = now();
        job.recovery?.stateRestored?.(recovery.restoredAt, chk?.id ?? null);
        metrics.restarts = 1;
        metrics.restoredCheckpointId = chk?.id ?? -1;
      })();
      fault.catch((e: Error) => out.fail(e));
      const rest = await deployed;
      await feeding;
      await fault;
      await withTimeout(out.ended, END_TIMEOUT_MS, 'the END record of the Flink job');
      expectedExit = true;
      counters = rest !== null ? await rest.stop() : await (local as LocalJob | null)!.stop(30_000);
      for (const [sink, n] of Object.entries(out.counts)) metrics[`outputs.${sink}`] = n;
      metrics.eventsFed = progress.sent;
      Object.assign(metrics, recovery.metrics());
      if (!Number.isNaN(recovery.caughtUpAt)) job.recovery?.caughtUp?.(recovery.caughtUpAt);
    } finally {
      await (local as LocalJob | null)?.kill().catch(() => undefined);
      await (reader as OutputReader | null)?.close().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      if (!knobs.keepTopics)
        await admin.deleteTopics({ topics: [topics.input, topics.output] }).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
    await Promise.all(Object.values(job.sinks).map((s) => s.close?.()));
    return { counters, metrics };
  },
};

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FlinkJobError(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
