/**
 * Named presets for `flinkcoin bench --profile`, filled in under the config file, flags and --set
 * (schema defaults ← profile ← --config ← flags ← --set), so any of them can still override a value.
 *   default  the schema defaults: 120k generator messages and a small LSTM, so that 4 engines × 4 models
 *            finish in under 3 minutes on 2 cores
 *   full     5× the messages and a larger LSTM (32 units over 16 windows, a replay buffer of 128
 *            sequences, a training round every 20 windows)
 */
type Json = Record<string, unknown>;

export const PROFILES = {
  default: {},
  full: {
    data: { generator: { messages: 600_000 } },
    workloadConfig: {
      // A training round costs ~6–9× the default's (npm run bench:lstm -- --profile full), so rounds come
      // half as often, to keep near the default 20,000 events/s replay.
      lstm: { sequenceLength: 16, hiddenUnits: 32, replaySize: 128, minSamples: 64, trainEvery: 20 },
    },
  },
} satisfies Record<string, Json>;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

/** A copy of `config` with the profile's values wherever `config` does not set them itself. */
export function withProfile(config: Json, profile: ProfileName): Json {
  return fillAbsent(structuredClone(config), PROFILES[profile]);
}

function fillAbsent(target: Json, preset: Json): Json {
  for (const [key, value] of Object.entries(preset)) {
    const own = target[key];
    if (own === undefined) target[key] = structuredClone(value);
    else if (isObject(own) && isObject(value)) fillAbsent(own, value);
  }
  return target;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
