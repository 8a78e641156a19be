import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/flinkcoin.js', import.meta.url).pathname;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('harness/cli: help and bad input', () => {
  it.each([[], ['bench'], ['report'], ['generate']])('prints --help for %j and exits 0', (...cmd) => {
    const r = cli(...cmd, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: flinkcoin/);
  });

  it('rejects a bad flag value with a clear message and exit 2', () => {
    const r = cli('bench', '--rate', '-5');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--rate must be a positive number');
  });

  it('rejects an unknown engine, naming it', () => {
    const r = cli('bench', '--engines', 'nope', '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown engine "nope"');
  });

  it('rejects a bad engine knob from --set, naming the setting', () => {
    const r = cli('bench', '--set', 'flink.bufferTimeoutMs=-1', '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toContain('engine.flink.bufferTimeoutMs');
  });

  it('rejects an unknown key in a config file, naming the file and the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkcoin-cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ driver: { rat: 5 } }));
    const r = cli('bench', '--config', file, '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toContain(file);
    expect(r.err).toMatch(/driver/);
  });

  it('rejects a config file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkcoin-cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ nope');
    const r = cli('bench', '--config', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is not a JSON object');
  });
});
