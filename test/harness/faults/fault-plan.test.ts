import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../harness/errors.js';
import { DEFAULT_FAULT_PLAN, parseFaultPlan, randomFaultPlan } from '../../../harness/faults/fault-plan.js';

describe('fault plans', () => {
  it('reads the inline form with several faults', () => {
    const plan = parseFaultPlan(
      'process-crash@event=30000,source-outage@ms=2000;for=1500,straggler@ms=10;slow=0.5',
    );
    expect(plan.faults).toEqual([
      { kind: 'process-crash', at: { event: 30000 }, durationMs: 1000, slowMs: 0.2 },
      { kind: 'source-outage', at: { ms: 2000 }, durationMs: 1500, slowMs: 0.2 },
      { kind: 'straggler', at: { ms: 10 }, durationMs: 1000, slowMs: 0.5 },
    ]);
    expect(parseFaultPlan('default')).toBe(DEFAULT_FAULT_PLAN);
  });

  it('names what is wrong in a bad item', () => {
    expect(() => parseFaultPlan('meteor@event=3')).toThrow(/kind must be one of process-crash/);
    expect(() => parseFaultPlan('task-crash')).toThrow(ConfigError);
    expect(() => parseFaultPlan('task-crash@event=x')).toThrow(/event must be a number/);
  });

  it('draws the same random plan from the same seed, and another from another', () => {
    const a = randomFaultPlan(7, 6000, 3);
    expect(randomFaultPlan(7, 6000, 3)).toEqual(a);
    expect(randomFaultPlan(8, 6000, 3)).not.toEqual(a);
    for (const f of a.faults) expect('ms' in f.at && f.at.ms >= 600 && f.at.ms <= 5400).toBe(true);
  });
});
