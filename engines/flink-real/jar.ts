/**
 * Where the job jar and Flink's runtime jars are (.cache/flink-job, built by scripts/flink-job.sh), and
 * the JVM options Flink's own launch scripts pass on Java 17 (env.java.opts.all in Flink's default
 * config.yaml: Kryo and the network stack reflect into these JDK packages).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FlinkJobError } from './errors.js';

const ROOT = join(import.meta.dirname, '..', '..');
export const JOB_DIR = join(ROOT, '.cache', 'flink-job');
export const JOB_JAR = join(JOB_DIR, 'flinkcoin-flink-job.jar');

/** Builds the jar if it is missing or older than its sources (a no-op when fresh). */
export function ensureJobJar(): string {
  try {
    execFileSync('bash', [join(ROOT, 'scripts', 'flink-job.sh'), 'build'], {
      stdio: 'pipe',
      timeout: 900_000,
    });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    throw new FlinkJobError(`building the Flink job failed: ${stderr}`, join(JOB_DIR, 'build.log'));
  }
  if (!existsSync(JOB_JAR))
    throw new FlinkJobError(`the Flink job jar is missing after the build: ${JOB_JAR}`);
  return JOB_JAR;
}

export const JAVA_17_OPTS = [
  '--add-exports=java.base/sun.net.util=ALL-UNNAMED',
  '--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.net=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens=java.base/java.text=ALL-UNNAMED',
  '--add-opens=java.base/java.time=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED',
];
