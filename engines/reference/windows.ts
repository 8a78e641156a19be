/**
 * The reference meaning of session, count and delta windows, and of event-time windows with allowed
 * lateness or a late side output, written as plainly as possible and sharing no code with the window
 * machines the engines run (engines/shared/windows): every window keeps its elements as a list, in
 * arrival order, and aggregates them from scratch when it fires.
 *
 *   time windows  fire when the watermark reaches end − 1, again for each element that arrives before
 *                 end − 1 + lateness (a late pane), purged then; an element all of whose windows are
 *                 past that is late
 *   sessions      [ts, ts + gap) merged with every session it overlaps or touches (their lists joined in
 *                 start order, the element last); fire at end − 1; late as above
 *   count         every `size` elements of a key (tumbling), or every `slide` over the last `size`
 *   delta         from the reference element to the first element whose delta from it exceeds the
 *                 threshold, which becomes the next window's reference and first element
 */
import type { PlanNode } from '../../workloads/plan/index.js';
import { assignWindows, isTimeAssigner, lateElement } from '../../workloads/plan/index.js';
import type { CounterSet } from '../shared/counters.js';

type WindowNode = Extract<PlanNode, { kind: 'window' }>;
type Item = [value: unknown, ts: number, createdAt: number, ingestedAt: number];
type Out = (value: unknown, ts: number, createdAt: number, ingestedAt: number, input: number) => void;

interface Win {
  key: string;
  start: number;
  end: number;
  items: Item[];
  fired: number;
  pending: boolean;
}

export interface ReferenceWindow {
  push(value: unknown, ts: number, createdAt: number, ingestedAt: number): void;
  watermark(wm: number): void;
}

export function referenceWindow(
  node: WindowNode,
  out: Out,
  keyOf: (v: unknown) => string,
  counters: CounterSet,
): ReferenceWindow {
  const a = node.assigner;
  if (a.type === 'count' || a.type === 'delta') return globalWindows(node, out, keyOf);
  const lateness = node.allowedLatenessMs ?? 0;
  let wm = Number.NEGATIVE_INFINITY;
  let wins: Win[] = [];
  const fire = (w: Win) => {
    let acc = node.aggregate.create();
    for (const [v, ts] of w.items) acc = node.aggregate.add(acc, v, ts);
    const result = node.aggregate.result(w.key, { start: w.start, end: w.end, pane: w.fired }, acc);
    w.fired++;
    w.pending = false;
    out(result, w.end - 1, Math.max(...w.items.map((i) => i[2])), Math.max(...w.items.map((i) => i[3])), 0);
  };
  const late = (item: Item) => {
    if (!node.lateOutput) return counters.inc('window.lateDropped');
    counters.inc('window.lateSideOutput');
    out(lateElement(item[0]), item[1], item[2], item[3], 0);
  };
  const addTo = (w: Win, item: Item) => {
    w.items.push(item);
    w.pending = true;
    if (w.fired > 0 && w.end - 1 <= wm) fire(w);
  };
  return {
    push(v, ts, ct, at) {
      const key = keyOf(v);
      const item: Item = [v, ts, ct, at];
      if (isTimeAssigner(a)) {
        let added = false;
        for (const bounds of assignWindows(a, ts)) {
          if (bounds.end - 1 + lateness <= wm) continue;
          let w = wins.find((x) => x.key === key && x.start === bounds.start);
          if (w === undefined) {
            w = { key, start: bounds.start, end: bounds.end, items: [], fired: 0, pending: false };
            wins.push(w);
          }
          addTo(w, item);
          added = true;
        }
        if (!added) late(item);
        return;
      }
      if (a.type !== 'session') return;
      const touched = wins
        .filter((w) => w.key === key && w.start <= ts + a.gapMs && w.end >= ts)
        .sort((x, y) => x.start - y.start);
      const start = Math.min(ts, ...touched.map((w) => w.start));
      const end = Math.max(ts + a.gapMs, ...touched.map((w) => w.end));
      if (end - 1 + lateness <= wm) return late(item);
      wins = wins.filter((w) => !touched.includes(w));
      const merged: Win = {
        key,
        start,
        end,
        items: touched.flatMap((w) => w.items),
        fired: Math.max(0, ...touched.map((w) => w.fired)),
        pending: touched.some((w) => w.pending),
      };
      wins.push(merged);
      addTo(merged, item);
    },
    watermark(next) {
      wm = next;
      const due = wins.filter((w) => w.pending && w.end - 1 <= wm).sort((x, y) => x.end - y.end);
      for (const w of due) fire(w);
      wins = wins.filter((w) => w.end - 1 + lateness > wm);
    },
  };
}

/** Count and delta windows: per key, the elements since the last firing (GlobalWindows). */
function globalWindows(node: WindowNode, out: Out, keyOf: (v: unknown) => string): ReferenceWindow {
  const a = node.assigner;
  const byKey = new Map<string, { seq: number; items: Item[]; total: number; reference?: unknown }>();
  const fire = (key: string, seq: number, items: Item[]) => {
    let acc = node.aggregate.create();
    for (const [v, ts] of items) acc = node.aggregate.add(acc, v, ts);
    const ts = items.map((i) => i[1]);
    const window = { start: Math.min(...ts), end: Math.max(...ts) + 1, seq };
    const ct = Math.max(...items.map((i) => i[2]));
    const at = Math.max(...items.map((i) => i[3]));
    out(node.aggregate.result(key, window, acc), window.end - 1, ct, at, 0);
  };
  return {
    push(v, ts, ct, at) {
      const key = keyOf(v);
      const item: Item = [v, ts, ct, at];
      let k = byKey.get(key);
      if (k === undefined) {
        k = { seq: 0, items: [], total: 0 };
        byKey.set(key, k);
        if (a.type === 'delta') {
          k.reference = v;
          k.items.push(item);
          return;
        }
      }
      k.items.push(item);
      k.total++;
      if (a.type === 'count' && a.slide === undefined && k.items.length === a.size) {
        fire(key, k.seq++, k.items);
        k.items = [];
      } else if (a.type === 'count' && a.slide !== undefined && k.total % a.slide === 0) {
        fire(key, k.seq++, k.items.slice(-a.size));
      } else if (a.type === 'delta' && a.delta(k.reference, v) > a.threshold) {
        fire(key, k.seq++, k.items);
        k.reference = v;
        k.items = [item];
      }
    },
    watermark() {},
  };
}
