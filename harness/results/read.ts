/** Reads and validates a results JSON file, naming the file and the first bad field on any problem. */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { Results } from './schema.js';

export function readResultsFile(file: string): Results {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`cannot read results ${file}: ${(e as Error).message}`);
  }
  const parsed = Results.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `${file} is not valid FlinkCoin results: ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data;
}
