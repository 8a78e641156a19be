/**
 * A small typed builder for the logical plan. Workloads write
 *
 *   const p = new PlanBuilder('crypto');
 *   p.source<MarketEvent>('market', { maxOutOfOrdernessMs: 500 })
 *     .keyBy('product', (e) => e.product)
 *     .window('features', { type: 'tumbling', sizeMs: 1000 }, aggregate)
 *     .sink('features', (f) => f.id);
 *   const plan = p.build();
 *
 * The builder only records nodes; it never executes anything.
 */
import { PlanValidationError } from '../../harness/errors.js';
import type { AggregateFunction, KeyedCoProcessFunction, KeyedProcessFunction } from './functions.js';
import { lateElements, windowResults } from './late-data.js';
import type { AnyWindowAssigner, JoinSpec, NodeId, Plan, PlanNode, WatermarkStrategy } from './nodes.js';
import { validateWindow } from './window-validation.js';

/** Allowed lateness of an event-time window (Flink's `allowedLateness`); 0 by default. */
export interface WindowOptions {
  readonly allowedLatenessMs?: number;
}

type Untyped<N> = N extends unknown ? Omit<N, 'id'> : never;

export class PlanBuilder {
  private readonly nodes: PlanNode[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly workload: string) {}

  source<T>(input: string, watermarks: WatermarkStrategy): Stream<T> {
    return new Stream<T>(this, this.add({ kind: 'source', name: input, inputs: [], input, watermarks }));
  }

  /** @internal A name not used yet, from `base` (for nodes the user does not name, such as keyBy). */
  uniqueName(base: string): string {
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}#${i}`;
    return name;
  }

  /** @internal Adds a node and returns its id; names must be unique. */
  add(node: Untyped<PlanNode>): NodeId {
    if (this.names.has(node.name)) {
      throw new PlanValidationError(`duplicate node name "${node.name}" in workload ${this.workload}`);
    }
    this.names.add(node.name);
    const id = this.nodes.length;
    this.nodes.push({ ...node, id } as PlanNode);
    return id;
  }

  build(): Plan {
    if (!this.nodes.some((n) => n.kind === 'sink')) {
      throw new PlanValidationError(`workload ${this.workload} has no sink`);
    }
    return { workload: this.workload, nodes: [...this.nodes] };
  }
}

/** A stream of T, not partitioned. */
export class Stream<T> {
  constructor(
    protected readonly b: PlanBuilder,
    readonly id: NodeId,
  ) {}

  map<O>(name: string, fn: (value: T) => O): Stream<O> {
    return new Stream<O>(this.b, this.b.add({ kind: 'map', name, inputs: [this.id], fn: fn as never }));
  }

  filter(name: string, fn: (value: T) => boolean): Stream<T> {
    return new Stream<T>(this.b, this.b.add({ kind: 'filter', name, inputs: [this.id], fn: fn as never }));
  }

  flatMap<O>(name: string, fn: (value: T, emit: (value: O) => void) => void): Stream<O> {
    return new Stream<O>(this.b, this.b.add({ kind: 'flatMap', name, inputs: [this.id], fn: fn as never }));
  }

  keyBy(keyName: string, keyOf: (value: T) => string): KeyedStream<T> {
    const name = this.b.uniqueName(`keyBy(${keyName})`);
    return new KeyedStream<T>(
      this.b,
      this.b.add({ kind: 'keyBy', name, inputs: [this.id], keyName, keyOf: keyOf as never }),
    );
  }

  sink(output: string, idOf: (value: T) => string): void {
    this.b.add({ kind: 'sink', name: `sink(${output})`, inputs: [this.id], output, idOf: idOf as never });
  }
}

/** A stream of T hash-partitioned by a named key. */
export class KeyedStream<T> extends Stream<T> {
  window<A, O>(
    name: string,
    assigner: AnyWindowAssigner,
    aggregate: AggregateFunction<T, A, O>,
    options: WindowOptions = {},
  ): Stream<O> {
    const node = {
      kind: 'window' as const,
      name,
      inputs: [this.id],
      assigner,
      aggregate: aggregate as never,
      ...(options.allowedLatenessMs ? { allowedLatenessMs: options.allowedLatenessMs } : {}),
    };
    validateWindow(node);
    return new Stream<O>(this.b, this.b.add(node));
  }

  /**
   * An event-time window whose late elements come out as a second stream (Flink's
   * `sideOutputLateData` + `getSideOutput`) instead of being dropped: `<name>.results` and
   * `<name>.late` split the window node's output (late-data.ts).
   */
  windowWithLateData<A, O>(
    name: string,
    assigner: AnyWindowAssigner,
    aggregate: AggregateFunction<T, A, O>,
    options: WindowOptions = {},
  ): { results: Stream<O>; late: Stream<T> } {
    const node = {
      kind: 'window' as const,
      name,
      inputs: [this.id],
      assigner,
      aggregate: aggregate as never,
      lateOutput: true,
      ...(options.allowedLatenessMs ? { allowedLatenessMs: options.allowedLatenessMs } : {}),
    };
    validateWindow(node);
    const windowed = new Stream<unknown>(this.b, this.b.add(node));
    return {
      results: windowed.flatMap<O>(`${name}.results`, windowResults as never),
      late: windowed.flatMap<T>(`${name}.late`, lateElements as never),
    };
  }

  process<O>(name: string, fn: KeyedProcessFunction<T, O>): Stream<O> {
    return new Stream<O>(this.b, this.b.add({ kind: 'process', name, inputs: [this.id], fn: fn as never }));
  }

  coProcess<R, O>(name: string, right: KeyedStream<R>, fn: KeyedCoProcessFunction<T, R, O>): Stream<O> {
    const node = { kind: 'coProcess' as const, name, inputs: [this.id, right.id], fn: fn as never };
    return new Stream<O>(this.b, this.b.add(node));
  }

  join<R, O>(name: string, right: KeyedStream<R>, spec: JoinSpec<T, R, O>): Stream<O> {
    const node = { kind: 'join' as const, name, inputs: [this.id, right.id], spec: spec as never };
    return new Stream<O>(this.b, this.b.add(node));
  }
}
