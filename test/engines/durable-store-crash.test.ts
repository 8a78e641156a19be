/**
 * engines/shared/durable-store.ts, the file store every engine's checkpoints go through. The issue's
 * acceptance: a crash during a checkpoint write never leaves a checkpoint that restores wrongly.
 *   - a writer process putting entries of growing size (4 KiB – 256 KiB) in a loop is SIGKILLed at
 *     varied moments, 24 times over four directories; after every kill a fresh store on the directory
 *     returns, from latest(), an entry that is exactly what was written under its id, never older than
 *     the last put the writer reported complete, and no temp file survives the reopen;
 *   - deterministically: the newest file cut at every byte offset, or with any one byte flipped, is
 *     skipped (counted in corruptSkipped) and latest() falls back to the entry before it;
 *   - frame/unframe and the store's retention, ordering and missing entries.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DurableStore, frame, unframe } from '../../engines/shared/durable-store.js';
import { entryBody } from '../helpers/durable-entries.js';

const CHILD = fileURLToPath(new URL('../helpers/durable-store-child.ts', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'durable-store-'));
  dirs.push(d);
  return d;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the writer on `dir`, kills it `delayMs` after it began writing; the last put it reported. */
async function writeAndKill(dir: string, delayMs: number): Promise<number> {
  const child: ChildProcess = fork(CHILD, [dir], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let lastPut = 0;
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_c, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve) =>
    child.on('message', (m: { ready?: number; put?: number }) => {
      if (m.ready !== undefined) resolve();
      if (m.put !== undefined) lastPut = m.put;
    }),
  );
  await sleep(delayMs);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return lastPut;
}

describe('engines/shared/durable-store', () => {
  it('a writer SIGKILLed at 24 varied moments never leaves an entry that reads back wrong', async () => {
    // Delays from 0 to ~120 ms in uneven steps, so kills land in every phase of a put.
    const delays = Array.from({ length: 24 }, (_, i) => (i * 37) % 121);
    const lanes = [0, 1, 2, 3].map(() => tempDir());
    let checked = 0;
    let advanced = 0;
    await Promise.all(
      lanes.map(async (dir, lane) => {
        let previous = 0;
        for (let round = 0; round < delays.length / lanes.length; round++) {
          const lastPut = await writeAndKill(dir, delays[lane + round * lanes.length]!);
          const store = new DurableStore(dir, 'e', 2);
          const entry = store.latest();
          expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
          expect(store.corruptSkipped).toBe(0); // the atomic rename never exposes a torn file
          if (entry === null) {
            expect(lastPut).toBe(0);
            continue;
          }
          expect(entry.text).toBe(entryBody(entry.id));
          expect(entry.id).toBeGreaterThanOrEqual(Math.max(lastPut, previous));
          if (entry.id > previous) advanced++;
          previous = entry.id;
          checked++;
        }
      }),
    );
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(advanced).toBeGreaterThanOrEqual(12); // kills landed mid-loop, not only before the first put
  });

  describe('a damaged newest entry is skipped for the one before', () => {
    const dir = tempDir();
    const bodies = ['first entry é', 'second entry, with\nnewlines and é ü €'];
    const store = new DurableStore(dir, 'chk', 3);
    for (const [i, body] of bodies.entries()) store.put(i + 1, body);
    const newest = join(dir, 'chk-2.json');
    const bytes = readFileSync(newest);

    it('cut at every byte offset', () => {
      for (let cut = 0; cut < bytes.length; cut++) {
        writeFileSync(newest, bytes);
        truncateSync(newest, cut);
        const fresh = new DurableStore(dir, 'chk', 3);
        expect(fresh.latest(), `cut at ${cut}`).toEqual({ id: 1, text: bodies[0] });
        expect(fresh.corruptSkipped).toBe(1);
      }
    });

    it('with any one byte flipped', () => {
      for (let at = 0; at < bytes.length; at++) {
        const flipped = Buffer.from(bytes);
        flipped[at] = flipped[at]! ^ 0x01;
        writeFileSync(newest, flipped);
        const fresh = new DurableStore(dir, 'chk', 3);
        expect(fresh.latest(), `byte ${at} flipped`).toEqual({ id: 1, text: bodies[0] });
        expect(fresh.corruptSkipped).toBe(1);
      }
      writeFileSync(newest, bytes);
      expect(new DurableStore(dir, 'chk', 3).latest()).toEqual({ id: 2, text: bodies[1] });
    });
  });

  it('frame/unframe: round trip of any text; anything else is null', () => {
    for (const body of ['', 'x', 'line\nline\n', 'flinkcoin-ckpt v1 0 0\nnot a header', 'é€𝄞'.repeat(100)]) {
      expect(unframe(frame(body))).toBe(body);
    }
    const framed = frame('hello');
    expect(framed.startsWith('flinkcoin-ckpt v1 ')).toBe(true);
    expect(unframe('hello')).toBeNull(); // no header
    expect(unframe(`${framed}!`)).toBeNull(); // trailing bytes
    expect(unframe(framed.replace('v1', 'v2'))).toBeNull();
    expect(unframe(framed.replace(' 5\n', ' 6\n'))).toBeNull(); // wrong length
    expect(unframe(framed.replace('hello', 'hellO'))).toBeNull(); // wrong checksum
    expect(unframe(framed.replace(' 5\n', ' 5 x\n'))).toBeNull(); // extra header field
  });

  it('keeps the newest `retained` entries by numeric id, removes temp files on open, and a missing id is null', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.chk-7.json.123.456.tmp'), 'left by a crash');
    const store = new DurableStore(dir, 'chk', 2);
    expect(readdirSync(dir)).toEqual([]);
    for (const id of [1, 2, 9, 10]) store.put(id, `body ${id}`);
    expect(store.ids()).toEqual([9, 10]);
    expect(store.latest()).toEqual({ id: 10, text: 'body 10' });
    expect(store.get(1)).toBeNull();
    expect(store.corruptSkipped).toBe(0);
    writeFileSync(join(dir, 'other-11.json'), frame('another prefix'));
    expect(store.latest()?.id).toBe(10);
  });
});
