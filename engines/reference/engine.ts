/**
 * The reference execution: the plan's meaning, run as plainly as possible, as the oracle the
 * conformance suite compares every engine with. One thread, parallelism 1, no buffers or exchanges;
 * each record is pushed depth-first through the graph; the watermark (max event time − bound − 1)
 * advances after every source record; windows buffer their elements and aggregate only when they
 * fire, so this shares no window code with the engines it checks (session, count, delta and late-aware
 * windows: windows.ts).
 */
import { UnsupportedOperatorError } from '../../harness/errors.js';
import type { NodeId, PlanNode, WindowAssigner } from '../../workloads/plan/index.js';
import { assignWindows, isTimeAssigner, normalize } from '../../workloads/plan/index.js';
import type { Engine, EngineReport, JobSpec } from '../contract.js';
import { CounterSet } from '../shared/counters.js';
import { KeyedContextImpl } from '../shared/keyed-context.js';
import { TimerQueue } from '../shared/timer-queue.js';
import { referenceWindow } from './windows.js';

type Push = (value: unknown, ts: number, createdAt: number, ingestedAt: number, input: number) => void;

interface Vertex {
  push: Push;
  watermark(wm: number): void;
}

export const referenceEngine: Engine = {
  name: 'reference',
  description: 'Single-threaded reference execution of the plan (the conformance oracle).',
  async run(job: JobSpec): Promise<EngineReport> {
    const nodes = normalize(job.plan).nodes;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const counters = new CounterSet();
    const vertices = new Map<NodeId, Vertex>();
    const downstream = (id: NodeId) =>
      nodes.flatMap((n) => n.inputs.flatMap((input, index) => (input === id ? [{ node: n, index }] : [])));
    const emitTo = (id: NodeId): Push => {
      const targets = downstream(id);
      return (v, ts, ct, at) => {
        for (const t of targets) vertices.get(t.node.id)!.push(v, ts, ct, at, t.index);
      };
    };
    const keyOfInput = (node: PlanNode, index: number) => {
      let input = byId.get(node.inputs[index])!;
      while (input.kind !== 'keyBy') input = byId.get(input.inputs[0])!;
      return input.keyOf;
    };
    // Build back to front so every vertex's consumers exist when it is wired.
    for (const node of [...nodes].reverse())
      vertices.set(node.id, vertexFor(node, emitTo(node.id), keyOfInput, job, counters));

    for (const source of nodes.filter((n) => n.kind === 'source')) {
      let maxTs = Number.NEGATIVE_INFINITY;
      let wm = Number.NEGATIVE_INFINITY;
      for (const reader of job.sources[source.input] ?? []) {
        for (;;) {
          const now = job.clock.now();
          const result = reader.poll(now, 1, (v, ts, createdAt) => {
            vertices.get(source.id)!.push(v, ts, createdAt, now, 0);
            maxTs = Math.max(maxTs, ts);
          });
          if (result.kind === 'end') break;
          if (result.kind === 'idle')
            await new Promise((r) => setTimeout(r, Math.max(0, result.until - now)));
          const next = maxTs - source.watermarks.maxOutOfOrdernessMs - 1;
          if (next > wm) {
            wm = next;
            for (const n of nodes) vertices.get(n.id)!.watermark(wm);
          }
        }
      }
    }
    for (const n of nodes) vertices.get(n.id)!.watermark(Number.POSITIVE_INFINITY);
    await Promise.all(Object.values(job.sinks).map((s) => s.close?.()));
    return { counters: Object.fromEntries(counters.values), metrics: {} };
  },
};

function vertexFor(
  node: PlanNode,
  out: Push,
  keyOfInput: (node: PlanNode, index: number) => (v: unknown) => string,
  job: JobSpec,
  counters: CounterSet,
): Vertex {
  const none = () => {};
  switch (node.kind) {
    case 'source':
    case 'keyBy':
      return { push: out, watermark: none };
    case 'map':
      return { push: (v, ts, ct, at) => out(node.fn(v), ts, ct, at, 0), watermark: none };
    case 'filter':
      return { push: (v, ts, ct, at) => node.fn(v) && out(v, ts, ct, at, 0), watermark: none };
    case 'flatMap':
      return { push: (v, ts, ct, at) => node.fn(v, (o) => out(o, ts, ct, at, 0)), watermark: none };
    case 'sink': {
      const writer = job.sinks[node.output];
      return { push: (v, ts, ct, at) => void writer.write(node.idOf(v), v, ts, ct, at), watermark: none };
    }
    case 'window':
      if (isTimeAssigner(node.assigner) && !node.allowedLatenessMs && !node.lateOutput)
        return windowVertex(node, node.assigner, out, keyOfInput(node, 0), counters);
      return referenceWindow(node, out, keyOfInput(node, 0), counters);
    case 'process':
    case 'coProcess':
      return keyedVertex(node, out, keyOfInput, counters);
    default:
      throw new UnsupportedOperatorError('reference', node.kind);
  }
}

function windowVertex(
  node: Extract<PlanNode, { kind: 'window' }>,
  assigner: WindowAssigner,
  out: Push,
  keyOf: (v: unknown) => string,
  counters: CounterSet,
): Vertex {
  const panes = new Map<
    string,
    { key: string; start: number; end: number; items: [unknown, number, number, number][] }
  >();
  let wm = Number.NEGATIVE_INFINITY;
  return {
    push(v, ts, ct, at) {
      for (const w of assignWindows(assigner, ts)) {
        if (w.end - 1 <= wm) {
          counters.inc('window.lateDropped');
          continue;
        }
        const key = keyOf(v);
        const id = `${w.start}\u0000${key}`;
        if (!panes.has(id)) panes.set(id, { key, start: w.start, end: w.end, items: [] });
        panes.get(id)!.items.push([v, ts, ct, at]);
      }
    },
    watermark(next) {
      wm = next;
      const due = [...panes.entries()].filter(([, p]) => p.end - 1 <= wm).sort((a, b) => a[1].end - b[1].end);
      for (const [id, p] of due) {
        panes.delete(id);
        let acc = node.aggregate.create();
        for (const [v, ts] of p.items) acc = node.aggregate.add(acc, v, ts);
        const ct = Math.max(...p.items.map((i) => i[2]));
        const at = Math.max(...p.items.map((i) => i[3]));
        out(node.aggregate.result(p.key, { start: p.start, end: p.end }, acc), p.end - 1, ct, at, 0);
      }
    },
  };
}

function keyedVertex(
  node: Extract<PlanNode, { kind: 'process' | 'coProcess' }>,
  out: Push,
  keyOfInput: (node: PlanNode, index: number) => (v: unknown) => string,
  counters: CounterSet,
): Vertex {
  const timers = new TimerQueue();
  const ctx = new KeyedContextImpl(timers, counters);
  let stamps: [number, number, number] = [0, 0, 0];
  const collector = {
    collect: (v: unknown, ts?: number) => out(v, ts ?? stamps[0], stamps[1], stamps[2], 0),
  };
  const keyOf = node.inputs.map((_, i) => keyOfInput(node, i));
  return {
    push(v, ts, ct, at, input) {
      ctx.setKey(keyOf[input](v), ts);
      stamps = [ts, ct, at];
      if (node.kind === 'process') node.fn.processElement(v, ctx, collector);
      else if (input === 0) node.fn.processLeft(v, ctx, collector);
      else node.fn.processRight(v, ctx, collector);
    },
    watermark(wm) {
      ctx.watermark = wm;
      for (let t = timers.pollUpTo(wm); t !== null; t = timers.pollUpTo(wm)) {
        ctx.setKey(t.key, t.time);
        stamps = [t.time, Number.NaN, Number.NaN];
        node.fn.onTimer?.(t.time, ctx, collector);
      }
    },
  };
}
