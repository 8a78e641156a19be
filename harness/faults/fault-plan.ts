/**
 * A fault plan: what to break, where and when, for `bench --faults` and `soak`.
 *
 *   process-crash     the worker process is killed with SIGKILL (nothing in its memory survives); the
 *                     supervisor restarts it, as a TaskManager or Storm worker is restarted
 *   task-crash        an operator instance (the source task) throws; the engine recovers in-process
 *                     if it can (Flink's restart strategy, Naiad's rollback), else the worker dies and
 *                     is restarted
 *   checkpoint-crash  SIGKILL in the middle of the next durable checkpoint or log write after `at`
 *   straggler         the source task spends `slowMs` per record for `durationMs` (a slow operator)
 *   source-outage     the driver stops releasing events for `durationMs`, then releases the backlog
 *                     with its intended times (open loop: the outage shows as queueing)
 *
 * `at` is an input event count (`{ event: N }`: once the worker has ingested N events) or a time
 * (`{ ms: T }`: T ms after the first event was due).
 *
 * Text form (CLI): `default`, a JSON file, or `kind@event=N` / `kind@ms=T` items with `;for=D;slow=S`,
 * separated by commas: `process-crash@event=30000,source-outage@ms=2000;for=1500`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';

export const FAULT_KINDS = [
  'process-crash',
  'task-crash',
  'checkpoint-crash',
  'straggler',
  'source-outage',
] as const;

const At = z.union([
  z.object({ event: z.number().int().min(1) }).strict(),
  z.object({ ms: z.number().min(0) }).strict(),
]);

export const Fault = z
  .object({
    kind: z.enum(FAULT_KINDS),
    at: At,
    /** straggler, source-outage: how long it lasts. */
    durationMs: z.number().min(0).default(1000),
    /** straggler: busy time per record. */
    slowMs: z.number().min(0).default(0.2),
  })
  .strict();
export type Fault = z.infer<typeof Fault>;

export const FaultPlan = z.object({ faults: z.array(Fault).min(1) }).strict();
export type FaultPlan = z.infer<typeof FaultPlan>;

/** `--faults default`: one worker crash part-way through the default run (120k events at 20k/s). */
export const DEFAULT_FAULT_PLAN: FaultPlan = FaultPlan.parse({
  faults: [{ kind: 'process-crash', at: { event: 40_000 } }],
});

/** Reads `--faults`: `default`, a JSON file with `{ faults: [...] }`, or the inline text form. */
export function parseFaultPlan(text: string): FaultPlan {
  if (text === 'default') return DEFAULT_FAULT_PLAN;
  if (existsSync(text)) {
    const parsed = FaultPlan.safeParse(JSON.parse(readFileSync(text, 'utf8')));
    if (!parsed.success) throw new ConfigError(`${text}: ${parsed.error.issues[0]?.message}`, 'faults');
    return parsed.data;
  }
  const faults = text.split(',').map((item) => parseItem(item.trim()));
  return FaultPlan.parse({ faults });
}

function parseItem(item: string): Fault {
  const [kind, rest = ''] = item.split('@');
  const fields = Object.fromEntries(rest.split(';').map((kv) => kv.split('=') as [string, string]));
  const num = (key: string) => {
    const v = Number(fields[key]);
    if (fields[key] === undefined || !Number.isFinite(v))
      throw new ConfigError(`fault "${item}": ${key} must be a number`, 'faults');
    return v;
  };
  if (!(FAULT_KINDS as readonly string[]).includes(kind!)) {
    throw new ConfigError(`fault "${item}": kind must be one of ${FAULT_KINDS.join(', ')}`, 'faults');
  }
  if (fields.event === undefined && fields.ms === undefined) {
    throw new ConfigError(`fault "${item}": give when, as @event=N or @ms=T`, 'faults');
  }
  const parsed = Fault.safeParse({
    kind,
    at: fields.event !== undefined ? { event: num('event') } : { ms: num('ms') },
    ...(fields.for !== undefined ? { durationMs: num('for') } : {}),
    ...(fields.slow !== undefined ? { slowMs: num('slow') } : {}),
  });
  if (!parsed.success) throw new ConfigError(`fault "${item}": ${parsed.error.issues[0]?.message}`, 'faults');
  return parsed.data;
}

/** A seeded random plan for soak runs: `count` faults of random kinds spread over `spanMs`. */
export function randomFaultPlan(seed: number, spanMs: number, count: number): FaultPlan {
  let s = seed >>> 0 || 1;
  const rand = () => {
    // xorshift32: enough for choosing faults, and the same on every machine
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  const faults: Fault[] = [];
  for (let i = 0; i < count; i++) {
    const kind = FAULT_KINDS[Math.floor(rand() * FAULT_KINDS.length)]!;
    const ms = Math.round(spanMs * (0.1 + 0.8 * ((i + rand()) / count)));
    faults.push(Fault.parse({ kind, at: { ms }, durationMs: 300 + Math.round(rand() * 1200) }));
  }
  return { faults };
}
