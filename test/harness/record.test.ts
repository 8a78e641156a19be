/**
 * `flinkcoin record` against a local WebSocket server on loopback that replays a feed (there is no
 * internet here): it subscribes, writes every message as one JSON line, reconnects and subscribes again
 * when the server drops the connection, notes sequence gaps, and on SIGINT leaves a complete file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { openMarketFile } from '../../datasets/file-input.js';
import { probeInput } from '../../datasets/probe.js';

const BIN = new URL('../../bin/flinkcoin.js', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A replay server: per connection, waits for `subscribes` messages, then sends that connection's lines. */
async function replayServer(subscribes: number, perConnection: string[][], dropAfterSend: boolean[]) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const received: unknown[][] = [];
  let sent = 0;
  server.on('connection', (socket: WebSocket) => {
    const index = received.length;
    received.push([]);
    socket.on('message', (data) => {
      received[index].push(JSON.parse(data.toString()));
      if (received[index].length !== subscribes) return;
      for (const line of perConnection[index] ?? []) socket.send(line);
      sent += perConnection[index]?.length ?? 0;
      if (dropAfterSend[index]) setTimeout(() => socket.terminate(), 50);
    });
  });
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, received, sent: () => sent };
}

let child: ChildProcess | null = null;
let server: WebSocketServer | null = null;
afterEach(async () => {
  child?.kill('SIGKILL');
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** Runs the recorder until `done()` holds, then SIGINTs it; returns its exit code and stdout. */
async function record(args: string[], done: () => boolean): Promise<{ code: number | null; stdout: string }> {
  child = spawn(process.execPath, [BIN, 'record', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
  for (let waited = 0; !done() && waited < 15_000; waited += 50) await sleep(50);
  await sleep(400); // the last messages reach the recorder
  child.kill('SIGINT');
  return { code: await exited, stdout };
}

const tick = (sequence: number, price: number, second: number) =>
  JSON.stringify({
    channel: 'ticker',
    timestamp: new Date(Date.UTC(2024, 0, 1) + second * 1000).toISOString(),
    sequence_num: sequence,
    events: [
      {
        type: 'update',
        tickers: [
          {
            product_id: 'BTC-USD',
            price: `${price}`,
            best_bid: `${price - 1}`,
            best_bid_quantity: '1',
            best_ask: `${price + 1}`,
            best_ask_quantity: '2',
          },
        ],
      },
    ],
  });

describe('flinkcoin record', () => {
  it('coinbase: resubscribes after a dropped connection, notes gaps, and leaves whole JSON lines on SIGINT', async () => {
    const first = Array.from({ length: 10 }, (_, i) => tick(i, 100 + i, i));
    const second = [0, 1, 2, 3, 4, 6, 7, 8, 9].map((i) => tick(i, 200 + i, 20 + i)); // 5 never arrives
    const replay = await replayServer(4, [first, second], [true, false]);
    server = replay.server;
    const dir = mkdtempSync(join(tmpdir(), 'flinkcoin-record-'));
    const out = join(dir, 'feed.jsonl');
    const { code, stdout } = await record(
      ['coinbase', '--products', 'BTC-USD,ETH-USD', '--out', out, '--url', replay.url],
      () => replay.sent() === 19,
    );
    expect(code).toBe(0);
    expect(replay.received).toHaveLength(2);
    for (const subscribes of replay.received) {
      expect(subscribes).toContainEqual({
        type: 'subscribe',
        product_ids: ['BTC-USD', 'ETH-USD'],
        channel: 'level2',
      });
      expect(subscribes).toContainEqual({ type: 'subscribe', channel: 'heartbeats' });
    }
    expect(readdirSync(dir)).toEqual(['feed.jsonl']); // no temp file left
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toEqual([...first, ...second]);
    expect(stdout).toMatch(
      /wrote 19 messages .* over 2 connection\(s\); 2 gap\(s\) \(reconnected .*; sequence_num 4 → 6\)/,
    );
    const replayed = probeInput(openMarketFile(out, { outOfOrderToleranceMs: 500 }));
    expect(replayed).toMatchObject({
      events: 19,
      kinds: { ticker: 19 },
      rejectedByKind: { 'sequence-gap': 1 },
    });
  });

  it('binance: subscribes to the combined streams and notes a depth gap (U after u + 1)', async () => {
    const depth = (U: number, u: number) =>
      JSON.stringify({
        stream: 'btcusdt@depth@100ms',
        data: { e: 'depthUpdate', E: 1723161255208 + U, s: 'BTCUSDT', U, u, b: [['100.0', '1']], a: [] },
      });
    const lines = [depth(1, 3), depth(4, 6), depth(9, 10), '{"result":null,"id":1}'];
    const replay = await replayServer(1, [lines], [false]);
    server = replay.server;
    const out = join(mkdtempSync(join(tmpdir(), 'flinkcoin-record-')), 'sub', 'binance.jsonl');
    const { code, stdout } = await record(
      ['binance', '--products', 'BTCUSDT', '--out', out, '--url', replay.url],
      () => replay.sent() === 4,
    );
    expect(code).toBe(0);
    expect(replay.received[0]).toEqual([
      { method: 'SUBSCRIBE', params: ['btcusdt@trade', 'btcusdt@bookTicker', 'btcusdt@depth@100ms'], id: 1 },
    ]);
    expect(readFileSync(out, 'utf8')).toBe(`${lines.join('\n')}\n`);
    expect(stdout).toContain('1 gap(s) (BTCUSDT depth 6 → 9..10)');
  });
});
