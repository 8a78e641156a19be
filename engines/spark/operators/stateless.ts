/**
 * map, filter and flatMap as batch operators: one tight loop over each column batch per node, each
 * output keeping its input's event time and latency stamps (Spark's narrow transformations).
 */
import type { FilterNode, FlatMapNode, MapNode } from '../../../workloads/plan/index.js';
import type { ChunkOutput, RowChunk } from '../rows.js';
import type { BatchOperator } from './operator.js';

/** The plan nodes that need no state and no key: they run in whatever partitioning they find. */
export type StatelessNode = MapNode | FilterNode | FlatMapNode;

/** One operator class per node kind, so that each loop's call site sees one user function shape. */
export function statelessOperator(node: StatelessNode): BatchOperator {
  switch (node.kind) {
    case 'map':
      return new MapOperator(node.fn);
    case 'filter':
      return new FilterOperator(node.fn);
    case 'flatMap':
      return new FlatMapOperator(node.fn);
  }
}

abstract class Narrow implements BatchOperator {
  open(): void {}
  abstract process(input: number, rows: RowChunk, out: ChunkOutput): void;
  finish(): void {}
}

class MapOperator extends Narrow {
  constructor(private readonly fn: (value: unknown) => unknown) {
    super();
  }
  process(_input: number, rows: RowChunk, out: ChunkOutput): void {
    const { values, ts, createdAt, ingestedAt } = rows;
    for (let i = 0; i < rows.size; i++) out.push(this.fn(values[i]), ts[i], createdAt[i], ingestedAt[i]);
  }
}

class FilterOperator extends Narrow {
  constructor(private readonly fn: (value: unknown) => boolean) {
    super();
  }
  process(_input: number, rows: RowChunk, out: ChunkOutput): void {
    const { values, ts, createdAt, ingestedAt } = rows;
    for (let i = 0; i < rows.size; i++) {
      if (this.fn(values[i])) out.push(values[i], ts[i], createdAt[i], ingestedAt[i]);
    }
  }
}

class FlatMapOperator extends Narrow {
  private out: ChunkOutput | null = null;
  private row = 0;
  private rows: RowChunk | null = null;
  private readonly emit = (value: unknown) => {
    const rows = this.rows!;
    this.out!.push(value, rows.ts[this.row], rows.createdAt[this.row], rows.ingestedAt[this.row]);
  };

  constructor(private readonly fn: (value: unknown, emit: (value: unknown) => void) => void) {
    super();
  }
  process(_input: number, rows: RowChunk, out: ChunkOutput): void {
    this.out = out;
    this.rows = rows;
    for (let i = 0; i < rows.size; i++) {
      this.row = i;
      this.fn(rows.values[i], this.emit);
    }
  }
}
