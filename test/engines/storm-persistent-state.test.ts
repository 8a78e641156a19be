/**
 * What keeps a Storm-style topology with stateful bolts from losing outputs after a crash (issue 6):
 * - a bolt's prepared state is durable, so a COMMIT rolled forward after a restart commits it, and no
 *   task restarts behind a transaction another task already committed (and acked tuples for);
 * - windows are persistent (Storm's PersistentWindowedBoltExecutor): the panes or window machine are
 *   checkpointed state, inputs are acked at the commit, results go out unanchored, and a restored task
 *   fires what it holds when the watermark passes it.
 */
import { describe, expect, it } from 'vitest';
import { DurableStore } from '../../engines/shared/durable-store.js';
import { MachineWindowBolt } from '../../engines/storm/bolts/machine-window-bolt.js';
import { WindowBolt } from '../../engines/storm/bolts/window-bolt.js';
import { COMMIT, INITSTATE, PREPARE } from '../../engines/storm/checkpoint.js';
import { KeyValueState } from '../../engines/storm/key-value-state.js';
import { ACK_ACK } from '../../engines/storm/tuple-queue.js';
import type { AggregateFunction, WindowNode } from '../../workloads/plan/index.js';
import { boltTask } from '../helpers/storm-bolt.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs('storm-persistent-');
function stores() {
  const dir = tempDir();
  return () => [new DurableStore(dir, 'bolt-x', 2), new DurableStore(dir, 'bolt-x-prepared', 2)] as const;
}

describe('engines/storm: durable prepared state', () => {
  it('a COMMIT rolled forward in a new process commits the prepared copy saved before the crash', () => {
    const open = stores();
    const before = new KeyValueState();
    before.attach(...open());
    before.setKey('a');
    before.set('n', 1);
    before.prepareCommit(0);
    before.commit(0);
    before.set('n', 2);
    before.prepareCommit(1); // the crash comes here, before COMMIT(1) reached this task

    const after = new KeyValueState();
    expect(after.attach(...open())).toBe(0); // starts from the last commit...
    after.setKey('a');
    expect(after.get('n')).toBe(1);
    after.commit(1); // ...and the $checkpointspout rolls transaction 1 forward
    after.setKey('a');
    expect(after.get('n')).toBe(2);
    expect(new KeyValueState().attach(...open())).toBe(1);
  });

  it('a COMMIT of a transaction this task never prepared changes nothing', () => {
    const open = stores();
    const s = new KeyValueState();
    s.attach(...open());
    s.setKey('a');
    s.set('n', 1);
    s.commit(4);
    expect(new KeyValueState().attach(...open())).toBeNull();
  });
});

/** Counts elements per key and window. */
const counting: AggregateFunction<unknown, number, number> = {
  create: () => 0,
  add: (acc) => acc + 1,
  merge: (a, b) => a + b,
  result: (_key, _w, acc) => acc,
};

/** A persistent 10 ms tumbling-window bolt (Storm's withPersistence) fed by hand. */
function persistentWindow() {
  const task = boltTask(
    (collector, counters) =>
      new WindowBolt(
        { type: 'tumbling', sizeMs: 10, offsetMs: 0 },
        counting,
        () => 'k',
        collector,
        counters,
        true,
      ),
    { checkpoints: true },
  );
  const bolt = task.bolt as WindowBolt;
  const send = { ...task.send, data: (root: number, ts: number) => task.send.data(root, { ts }, ts) };
  /** The results it emitted ([count, anchored?]) and the roots it acked. */
  const step = () => {
    const { emitted, acks } = task.step();
    return {
      results: emitted.map((e) => [e.value as number, e.anchored] as [number, boolean]),
      acked: acks.filter(([stream]) => stream === ACK_ACK).map(([, root]) => root),
    };
  };
  return { bolt, send, step };
}

describe('engines/storm: persistent time windows in a topology with stateful bolts', () => {
  it('acks inputs at the commit, not when the window fires, and emits the result unanchored', () => {
    const w = persistentWindow();
    expect(w.bolt.state).not.toBeNull();
    w.send.checkpoint(INITSTATE, -1, 100);
    w.send.data(1, 1);
    w.send.data(2, 2);
    w.send.checkpoint(PREPARE, 0, 101);
    expect(w.step().acked).toEqual([100, 101]); // the data tuples' acks wait for the commit
    w.send.checkpoint(COMMIT, 0, 102);
    expect(w.step().acked).toEqual([1, 2, 102]);
    w.send.watermark(9);
    expect(w.step()).toEqual({ results: [[2, false]], acked: [] });
  });

  it('a task restored from a checkpoint fires the panes it holds when the watermark passes them', () => {
    const open = stores();
    const first = persistentWindow();
    first.bolt.state!.attach(...open());
    first.send.checkpoint(INITSTATE, -1, 100);
    for (const [root, ts] of [
      [1, 1],
      [2, 2],
      [3, 11],
    ]) {
      first.send.data(root, ts);
    }
    first.send.checkpoint(PREPARE, 0, 101);
    first.send.checkpoint(COMMIT, 0, 102);
    first.step(); // then the process dies: nothing fired

    const second = persistentWindow();
    second.bolt.state!.attach(...open());
    second.send.checkpoint(INITSTATE, 0, 200);
    second.send.watermark(19);
    expect(second.step().results).toEqual([
      [2, false],
      [1, false],
    ]);
  });
});

describe('engines/storm: persistent session windows (the shared window machine) with stateful bolts', () => {
  it('a restored task closes the session its machine held when the watermark passes the gap', () => {
    const node = {
      kind: 'window',
      id: 1,
      name: 'sessions',
      inputs: [0],
      assigner: { type: 'session', gapMs: 5 },
      aggregate: counting,
    } as WindowNode;
    const open = stores();
    const task = () =>
      boltTask((collector, counters) => new MachineWindowBolt(node, () => 'k', collector, counters, true), {
        checkpoints: true,
      });
    const first = task();
    first.bolt.state!.attach(...open());
    first.send.checkpoint(INITSTATE, -1, 100);
    first.send.data(1, { ts: 1 }, 1);
    first.send.data(2, { ts: 3 }, 3);
    first.send.checkpoint(PREPARE, 0, 101);
    first.send.checkpoint(COMMIT, 0, 102);
    const before = first.step();
    expect(before.emitted).toEqual([]);
    expect(before.acks.filter(([s]) => s === ACK_ACK).map(([, r]) => r)).toEqual([100, 101, 1, 2, 102]);

    const second = task(); // a new process on the same state
    second.bolt.state!.attach(...open());
    second.send.checkpoint(INITSTATE, 0, 200);
    second.send.watermark(20);
    expect(second.step().emitted).toEqual([{ value: 2, anchored: false }]);
  });
});
