/**
 * The writer process of the DurableStore crash test: opens a store on the directory in argument 1
 * (retained 2), continues after the newest entry there, and puts entries of growing size in a loop,
 * telling its parent over IPC when it starts and after each completed put, until it is killed.
 */
import { setImmediate } from 'node:timers/promises';
import { DurableStore } from '../../engines/shared/durable-store.js';
import { entryBody } from './durable-entries.js';

const store = new DurableStore(process.argv[2]!, 'e', 2);
let id = (store.latest()?.id ?? 0) + 1;
process.send!({ ready: id });
for (;;) {
  store.put(id, entryBody(id));
  process.send!({ put: id });
  id++;
  await setImmediate(); // lets the IPC messages out
}
