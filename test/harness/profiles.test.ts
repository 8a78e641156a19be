import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../harness/config/load.js';
import { withProfile } from '../../harness/config/profiles.js';

describe('harness/config/profiles: bench --profile presets', () => {
  it('default is the schema defaults; full fills in more events and a larger LSTM', () => {
    expect(resolveConfig(withProfile({}, 'default'), 'test')).toEqual(resolveConfig({}, 'test'));
    const full = resolveConfig(withProfile({}, 'full'), 'test');
    expect(full.data.generator.messages).toBe(600_000);
    expect(full.workloadConfig.lstm.hiddenUnits).toBe(32);
    expect(full.models).toEqual(['persistence', 'linear', 'sgd', 'lstm']);
    expect(full.tfBackend).toBe('auto');
  });

  it('a config file (or flags) still overrides what the profile sets', () => {
    const config = {
      data: { generator: { messages: 1000 } },
      workloadConfig: { lstm: { sequenceLength: 4 } },
    };
    const full = resolveConfig(withProfile(config, 'full'), 'test');
    expect(full.data.generator.messages).toBe(1000);
    expect(full.workloadConfig.lstm.sequenceLength).toBe(4);
    expect(full.workloadConfig.lstm.hiddenUnits).toBe(32);
    expect(config.workloadConfig.lstm).toEqual({ sequenceLength: 4 }); // the input is not modified
  });
});
