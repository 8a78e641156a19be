/**
 * Where two results' configurations differ, as `path: old → new`. A comparison across different inputs,
 * seeds or model settings is still made (that is how a deliberate change is shown to matter), but the
 * reader is told first, since deterministic figures then differ by design.
 */

/**
 * Settings that never make figures differ, or that the comparison handles itself: which engines and
 * models ran (skipped with a note per engine × model) and where the results were written.
 */
const IGNORED = new Set(['engines', 'models', 'outDir']);

export function configDifferences(
  baseline: Record<string, unknown>,
  current: Record<string, unknown>,
): string[] {
  const shared = new Set(namesIn(baseline.engines).filter((e) => namesIn(current.engines).includes(e)));
  const a = flatten(baseline);
  const b = flatten(current);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((path) => {
      const [head, engine] = path.split('.');
      if (IGNORED.has(head)) return false;
      // Knobs of an engine that only one side ran do not bear on the engines compared.
      return head !== 'engine' || shared.has(engine);
    })
    .filter((path) => a.get(path) !== b.get(path))
    .map((path) => `${path}: ${a.get(path) ?? 'unset'} → ${b.get(path) ?? 'unset'}`);
}

function namesIn(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Leaf values by dotted path, as JSON text so arrays and nulls compare by value. */
function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined) {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}
