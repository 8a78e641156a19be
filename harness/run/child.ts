/**
 * Entry point of a fresh process that runs one engine × model (forked by the bench with tsx loaded).
 * Protocol over the IPC channel:
 *   parent → child  { type: 'start', config, engine, model, variant? }
 *   child → parent  { type: 'progress', ingested }  (at most every 200 ms)
 *   child → parent  { type: 'result', result }      then the child exits
 */
import type { RunConfig } from '../config/schema.js';
import type { SweepPoint } from '../results/schema.js';
import { runOne } from './run-one.js';

interface StartMessage {
  type: 'start';
  config: RunConfig;
  engine: string;
  model: string;
  variant?: SweepPoint;
}

process.once('message', async (message: StartMessage) => {
  let lastProgress = 0;
  const result = await runOne(message.config, message.engine, message.model, {
    process: 'fresh-process',
    variant: message.variant,
    onProgress: (ingested) => {
      const now = Date.now();
      if (now - lastProgress < 200) return;
      lastProgress = now;
      process.send?.({ type: 'progress', ingested });
    },
  });
  process.send?.({ type: 'result', result }, () => process.exit(0));
});
