/**
 * A map, filter or flatMap node as a bolt (Storm's BaseBasicBolt: anchors every emit to the input and
 * acks it after execute). Every emitted value keeps the input's event time and stamps.
 */
import type { FilterNode, FlatMapNode, MapNode, Millis } from '../../../workloads/plan/index.js';
import type { OutputCollector } from '../output-collector.js';
import type { Bolt } from './bolt.js';

/** One task of a map, filter or flatMap node. */
export class StatelessBolt implements Bolt {
  readonly state = null;
  private ts = 0;
  private createdAt = 0;
  private ingestedAt = 0;
  private readonly out = (value: unknown) =>
    this.collector.emit(value, this.ts, this.createdAt, this.ingestedAt);

  constructor(
    private readonly node: MapNode | FilterNode | FlatMapNode,
    private readonly collector: OutputCollector,
  ) {}

  execute(_input: number, value: unknown, ts: Millis, createdAt: Millis, ingestedAt: Millis): void {
    this.ts = ts;
    this.createdAt = createdAt;
    this.ingestedAt = ingestedAt;
    const node = this.node;
    switch (node.kind) {
      case 'map':
        this.out(node.fn(value));
        break;
      case 'filter':
        if (node.fn(value)) this.out(value);
        break;
      case 'flatMap':
        node.fn(value, this.out);
        break;
    }
  }

  onWatermark(): boolean {
    return true;
  }
}
