/**
 * The Storm-style join in a plain topology (JoinBolt): a waiting input is held, not acked, so a crash
 * replays it instead of losing it with the bolt's memory; the joined result is anchored to both inputs
 * and acks them; an input that expires unmatched is acked and counted.
 */
import { describe, expect, it } from 'vitest';
import { JoinBolt } from '../../engines/storm/bolts/join-bolt.js';
import { ACK_ACK, DATA, DATA_RIGHT } from '../../engines/storm/tuple-queue.js';
import type { JoinNode } from '../../workloads/plan/index.js';
import { boltTask } from '../helpers/storm-bolt.js';

interface Side {
  k: string;
  at: number;
}

const node: JoinNode = {
  kind: 'join',
  id: 3,
  name: 'score',
  inputs: [1, 2],
  spec: {
    leftJoinKey: (l) => (l as Side).at,
    rightJoinKey: (r) => (r as Side).at,
    expireAt: (at) => at + 100,
    combine: (l, r) => `${(l as Side).k}@${(l as Side).at}+${(r as Side).at}`,
  },
};

function join() {
  const task = boltTask((collector, counters) => {
    const key = (v: unknown) => (v as Side).k;
    return new JoinBolt(node, [key, key], collector, counters);
  });
  const acked = (acks: [number, number][]) => acks.filter(([s]) => s === ACK_ACK).map(([, root]) => root);
  return { task, acked };
}

describe('engines/storm: JoinBolt holds the inputs that wait for a match', () => {
  it('acks nothing while an input waits; the match goes out anchored to both and acks both', () => {
    const { task, acked } = join();
    task.send.data(1, { k: 'a', at: 10 }, 5, DATA);
    task.send.data(2, { k: 'b', at: 10 }, 6, DATA);
    let out = task.step();
    expect(out.emitted).toEqual([]);
    expect(acked(out.acks)).toEqual([]); // held: a crash now replays them

    task.send.data(3, { k: 'a', at: 10 }, 10, DATA_RIGHT);
    out = task.step();
    expect(out.emitted).toEqual([{ value: 'a@10+10', anchored: true }]);
    expect(acked(out.acks).sort()).toEqual([1, 3]);
  });

  it('an input that expires unmatched is acked and counted; one on another key still waits', () => {
    const { task, acked } = join();
    task.send.data(1, { k: 'a', at: 10 }, 5, DATA);
    task.send.data(2, { k: 'b', at: 200 }, 6, DATA_RIGHT);
    task.step();
    task.send.watermark(110);
    const out = task.step();
    expect(out.emitted).toEqual([]);
    expect(acked(out.acks)).toEqual([1]);
    expect(task.counters.values.get('join.expiredLeft')).toBe(1);
    expect(task.counters.values.get('join.expiredRight')).toBeUndefined();
  });
});
