/**
 * One Storm bolt task on a real BoltExecutor, fed by hand: task 1 runs the bolt, as if fed by task 0;
 * it emits to task 2 and acks to task 3. A test puts data, checkpoint and watermark tuples in, steps
 * the executor, and reads what came out (emitted tuples, forwarded checkpoints, acker messages).
 */
import { CounterSet } from '../../engines/shared/counters.js';
import { BoltExecutor } from '../../engines/storm/bolt-executor.js';
import type { Bolt } from '../../engines/storm/bolts/bolt.js';
import { CheckpointHandler } from '../../engines/storm/checkpoint.js';
import { EdgeIds } from '../../engines/storm/message-id.js';
import { AckerClient, OutputCollector } from '../../engines/storm/output-collector.js';
import { StormStats } from '../../engines/storm/stats.js';
import { ExecutorTransfer, TransferStats } from '../../engines/storm/transfer.js';
import { CHECKPOINT, DATA, TupleQueue, WATERMARK } from '../../engines/storm/tuple-queue.js';
import { WatermarkValve } from '../../engines/storm/watermarks.js';

const UPSTREAM = 0;
const BOLT = 1;
const DOWNSTREAM = 2;
const ACKER = 3;

/** What one step sent on: emitted data (value, anchored?), forwarded checkpoint actions, acker messages [stream, root]. */
export interface StepOutput {
  readonly emitted: { value: unknown; anchored: boolean }[];
  readonly forwarded: number[];
  readonly acks: [number, number][];
}

/** A bolt task made by `makeBolt`, with the checkpoint protocol when `checkpoints` is set. */
export function boltTask(
  makeBolt: (collector: OutputCollector, counters: CounterSet) => Bolt,
  options: { checkpoints?: boolean } = {},
) {
  const queues = [0, 1, 2, 3].map(() => new TupleQueue(64));
  const transfer = new ExecutorTransfer(queues, Int32Array.of(0, 1, 2, 3), BOLT, 1, new TransferStats());
  const collector = new OutputCollector(
    0,
    transfer,
    [{ stream: DATA, targets: Int32Array.of(DOWNSTREAM), route: null }],
    Int32Array.of(DOWNSTREAM),
    Int32Array.of(DOWNSTREAM),
    new AckerClient(transfer, Int32Array.of(ACKER)),
    new EdgeIds(3),
  );
  const executor = new BoltExecutor(
    'bolt[0]',
    BOLT,
    queues[BOLT],
    transfer,
    collector,
    new WatermarkValve([UPSTREAM], 4),
    1,
    { failEveryNth: 0, dropEveryNth: 0 },
    new StormStats(),
  );
  const counters = new CounterSet();
  const bolt = makeBolt(collector, counters);
  executor.bolt = bolt;
  if (options.checkpoints) executor.checkpoints = new CheckpointHandler(1, bolt.state, collector);
  const input = queues[BOLT];
  const send = {
    /** A data tuple of spout tree `root` on input `stream` (DATA or DATA_RIGHT). */
    data: (root: number, value: unknown, ts: number, stream = DATA) =>
      input.put(BOLT, stream, UPSTREAM, value, ts, 0, 0, root, root * 7, root * 11),
    checkpoint: (action: number, txid: number, root: number) =>
      input.put(BOLT, CHECKPOINT, UPSTREAM, action, txid, 0, 0, root, 1, 2),
    watermark: (wm: number) => input.put(BOLT, WATERMARK, UPSTREAM, null, wm, 0, 0, null, 0, 0),
  };
  const step = (): StepOutput => {
    executor.step();
    const emitted: { value: unknown; anchored: boolean }[] = [];
    const forwarded: number[] = [];
    const out = queues[DOWNSTREAM];
    for (; out.size > 0; out.pop()) {
      const value = out.value[out.first];
      if (out.stream[out.first] === CHECKPOINT) forwarded.push(value as number);
      else if (out.stream[out.first] === DATA)
        emitted.push({ value, anchored: out.anchor[out.first] !== null });
    }
    const acks: [number, number][] = [];
    const q = queues[ACKER];
    for (; q.size > 0; q.pop()) acks.push([q.stream[q.first], q.anchor[q.first] as number]);
    return { emitted, forwarded, acks };
  };
  return { bolt, counters, send, step };
}
