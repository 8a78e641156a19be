/**
 * The Storm acker's XOR tree tracking, driven by hand: spout and bolt collectors wired to real queues
 * and a real acker executor. A tree completes exactly when its last tuple is acked, whatever the order,
 * and a fail is reported at once; the window's multi-anchored results and the RotatingMap's T..2T
 * expiry follow Storm.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AckerExecutor } from '../../engines/storm/acker.js';
import { HeldTuples } from '../../engines/storm/bolts/held-tuples.js';
import { type Anchor, EdgeIds } from '../../engines/storm/message-id.js';
import { AckerClient, OutputCollector } from '../../engines/storm/output-collector.js';
import { RotatingMap } from '../../engines/storm/rotating-map.js';
import { ExecutorTransfer, TransferStats } from '../../engines/storm/transfer.js';
import { ACK_INIT, SPOUT_ACK, SPOUT_FAIL, TupleQueue } from '../../engines/storm/tuple-queue.js';

const SPOUT = 0;
const BOLT = 1;
const ACKER = 2;

/** Three tasks (spout, one bolt task, acker) on one worker. */
function wire() {
  const queues = [new TupleQueue(1024), new TupleQueue(1024), new TupleQueue(1024)];
  const stats = new TransferStats();
  const transfer = (task: number) => new ExecutorTransfer(queues, Int32Array.of(0, 1, 2), task, 1, stats);
  const collector = (task: number, seed: number) => {
    const t = transfer(task);
    const toBolt = { stream: 0, targets: Int32Array.of(BOLT), route: null };
    const none = new Int32Array(0);
    return new OutputCollector(
      0,
      t,
      [toBolt],
      none,
      none,
      new AckerClient(t, Int32Array.of(ACKER)),
      new EdgeIds(seed),
    );
  };
  const acker = new AckerExecutor('acker', ACKER, queues[ACKER], transfer(ACKER), null, 0);
  const spout = collector(SPOUT, 1);
  const bolt = collector(BOLT, 2);
  /** Tuples waiting in the bolt's queue, taken out as (anchor, id). */
  const take = () => {
    const q = queues[BOLT];
    const out: { anchor: Anchor; hi: number; lo: number }[] = [];
    while (q.size > 0) {
      const i = q.first;
      out.push({ anchor: q.anchor[i], hi: q.idHi[i], lo: q.idLo[i] });
      q.pop();
    }
    return out;
  };
  /** Runs the acker and returns what it told the spout: [stream, root] pairs. */
  const replies = () => {
    acker.step(0);
    const q = queues[SPOUT];
    const out: [number, number][] = [];
    while (q.size > 0) {
      out.push([q.stream[q.first], q.anchor[q.first] as number]);
      q.pop();
    }
    return out;
  };
  /** SpoutOutputCollector.emit with a message id: `children` tuples anchored to `root`, then __ack_init. */
  const emitRoot = (root: number, children: number) => {
    spout.begin(root, 0, 0);
    for (let c = 0; c < children; c++) spout.emit(c, 0, 0, 0);
    spout.acker.send(ACK_INIT, root, spout.ackHi, spout.ackLo);
  };
  return { bolt, take, replies, emitRoot, stats };
}

describe('engines/storm: the XOR acker', () => {
  it('completes a tree exactly when its last tuple is acked, in any order and tree shape', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
        (roots, fanouts, picks) => {
          const { bolt, take, replies, emitRoot } = wire();
          for (let r = 1; r <= roots; r++) emitRoot(r, 1 + (r % 2));
          const waiting = take();
          const open = new Map<number, number>(); // root → tuples not yet acked
          for (const t of waiting) open.set(t.anchor as number, (open.get(t.anchor as number) ?? 0) + 1);
          expect(replies()).toEqual([]); // the init alone completes nothing
          let step = 0;
          while (waiting.length > 0) {
            // Execute a random waiting tuple: emit some anchored children, then ack it.
            const [t] = waiting.splice(picks[step % picks.length] % waiting.length, 1);
            const children = step < fanouts.length ? fanouts[step] : 0;
            step++;
            bolt.begin(t.anchor, t.hi, t.lo);
            for (let c = 0; c < children; c++) bolt.emit(c, 0, 0, 0);
            bolt.ack();
            const root = t.anchor as number;
            open.set(root, open.get(root)! - 1 + children);
            waiting.push(...take());
            const done = open.get(root) === 0;
            expect(replies()).toEqual(done ? [[SPOUT_ACK, root]] : []);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports a failed tuple’s tree at once, and only once', () => {
    const { bolt, take, replies, emitRoot } = wire();
    emitRoot(5, 2);
    const [a, b] = take();
    bolt.begin(a.anchor, a.hi, a.lo);
    bolt.fail();
    expect(replies()).toEqual([[SPOUT_FAIL, 5]]);
    bolt.begin(b.anchor, b.hi, b.lo);
    bolt.ack(); // the tree is gone from the acker: a straggler's ack completes nothing
    expect(replies()).toEqual([]);
  });

  it('anchors a window result to every held tuple: both trees complete only when the result is acked', () => {
    const { bolt, take, replies, emitRoot } = wire();
    emitRoot(1, 2);
    emitRoot(2, 1);
    const inputs = take();
    const held = new HeldTuples();
    const window = inputs.map((t) => {
      const i = held.hold(t.anchor, t.hi, t.lo);
      held.enter(i);
      return i;
    });
    bolt.begin(null, 0, 0);
    bolt.multi = { childAnchor: (e) => held.childAnchor(window, e) };
    bolt.emit('bar', 0, 0, 0);
    bolt.multi = null;
    held.leave(window, bolt.acker); // the window fired: its tuples are acked
    expect(replies()).toEqual([]);
    const [result] = take();
    expect(result.anchor).not.toBeNull();
    bolt.begin(result.anchor, result.hi, result.lo);
    bolt.ack();
    expect(replies().sort()).toEqual([
      [SPOUT_ACK, 1],
      [SPOUT_ACK, 2],
    ]);
  });
});

describe('engines/storm: RotatingMap', () => {
  it('expires an entry between (buckets − 1) and buckets rotations after it was put', () => {
    for (const buckets of [2, 3]) {
      const map = new RotatingMap(buckets, { ints: 0, floats: 0, refs: 1 });
      const expiredAt = new Map<unknown, number>();
      const put = (root: number) => {
        map.insert(root).refs[0][root & 4095] = root;
      };
      put(1);
      put(5000); // on another page
      for (let rotation = 1; rotation <= buckets + 1; rotation++) {
        map.rotate((page, o) => expiredAt.set(page.refs[0][o], rotation));
        if (rotation === 1) put(2); // put after one rotation: expires one rotation later
      }
      expect(Object.fromEntries(expiredAt)).toEqual({ 1: buckets, 5000: buckets, 2: buckets + 1 });
      expect(map.size).toBe(0);
      expect(map.find(1)).toBeNull();
    }
  });

  it('finds, removes and reuses pages for ids far apart', () => {
    const map = new RotatingMap(2, { ints: 0, floats: 1, refs: 0 });
    for (const root of [1, 4096, 4097, 1_000_000]) map.insert(root).floats[0][root & 4095] = root * 2;
    expect(map.size).toBe(4);
    const page = map.find(4097)!;
    expect(page.floats[0][4097 & 4095]).toBe(8194);
    map.remove(4097, page);
    expect(map.find(4097)).toBeNull();
    expect(map.find(4096)).not.toBeNull();
    expect(map.size).toBe(3);
    expect(() => map.insert(1)).toThrow(/already present/);
  });
});
