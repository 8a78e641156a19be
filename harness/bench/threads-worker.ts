/**
 * Worker side of `npm run bench:threads`: receives one key partition of the events in batches (the
 * cross-thread keyed exchange), then runs the bare loop's per-event work on it and reports back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MarketEvent } from '../../datasets/events.js';
import type { Timestamped } from '../../datasets/input.js';
import { CryptoConfig } from '../../workloads/crypto/config.js';
import { runBareLoop } from './bare-loop.js';

const { seed } = workerData as { seed: number };
const cfg = CryptoConfig.parse({});
let events: Timestamped<MarketEvent>[] = [];

type Message = { type: 'batch'; events: Timestamped<MarketEvent>[] } | { type: 'end'; work: boolean };

parentPort?.on('message', (m: Message) => {
  if (m.type === 'batch') {
    for (const e of m.events) events.push(e);
    return;
  }
  const predictions = m.work ? runBareLoop(events, cfg, 'linear', seed).predictions : 0;
  events = [];
  parentPort?.postMessage({ type: 'done', predictions });
});
