/**
 * The Kafka tests' broker: the project's own script starts it where Java and Maven are present; elsewhere
 * the tests skip with one line saying why, unless FLINKCOIN_REQUIRE_KAFKA=1 (CI) turns that into a failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { LOCAL_BROKERS } from '../../harness/kafka/client.js';

export const brokers = LOCAL_BROKERS;

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/**
 * Starts the broker unless it is already up. `skip` is why the Kafka tests cannot run (null when they
 * can); `started` says whether this call started it, so the tests stop only a broker they started.
 */
export function startBroker(): { skip: string | null; started: boolean } {
  if (!has('java') || !has('mvn'))
    return { skip: 'Java and Maven are needed to run the local Kafka broker', started: false };
  const up = spawnSync('bash', ['scripts/kafka.sh', 'status']).status === 0;
  if (up) return { skip: null, started: false };
  try {
    execFileSync('bash', ['scripts/kafka.sh', 'start'], { stdio: 'pipe', timeout: 120_000 });
    return { skip: null, started: true };
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    return { skip: `the local Kafka broker did not start: ${stderr}`, started: false };
  }
}

export function stopBroker(): void {
  execFileSync('bash', ['scripts/kafka.sh', 'stop'], { stdio: 'pipe', timeout: 60_000 });
}

/** Throws (CI) or logs the reason and returns true to skip. */
export function skipBecause(reason: string | null): boolean {
  if (reason === null) return false;
  if (process.env.FLINKCOIN_REQUIRE_KAFKA === '1') throw new Error(`FLINKCOIN_REQUIRE_KAFKA=1: ${reason}`);
  console.warn(`skipping Kafka tests: ${reason}`);
  return true;
}
