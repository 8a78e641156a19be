/**
 * Records an exchange's public WebSocket feed to JSON lines: subscribes on every (re)connection, writes
 * each message as one line, reconnects with exponential backoff when the connection drops, notes sequence
 * gaps (within a connection, and the loss a reconnect implies), and on `stop()` closes the socket and
 * finishes the file so it holds only whole lines (see LineFile).
 */
import WebSocket from 'ws';
import type { Exchange, GapTracker } from './exchanges.js';
import { LineFile } from './line-file.js';

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;
/** How often buffered lines reach the file while the feed is quiet. */
const FLUSH_EVERY_MS = 250;
/** Gap descriptions kept for the summary. */
const GAP_SAMPLES = 5;

export interface RecorderOptions {
  readonly exchange: Exchange;
  readonly url: string;
  readonly products: readonly string[];
  readonly out: string;
  /** Progress and connection notes (stderr in the CLI). */
  readonly log: (line: string) => void;
}

export interface RecordingSummary {
  readonly path: string;
  readonly messages: number;
  readonly connections: number;
  /** Messages that were not JSON objects: not written, so the file stays JSON lines. */
  readonly malformed: number;
  readonly gaps: number;
  readonly gapSamples: string[];
}

export class Recorder {
  private readonly file: LineFile;
  private socket: WebSocket | null = null;
  private tracker: GapTracker | null = null;
  private stopping = false;
  private backoffMs = FIRST_BACKOFF_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly flushTimer: NodeJS.Timeout;
  private connections = 0;
  private malformed = 0;
  private gaps = 0;
  private readonly gapSamples: string[] = [];

  constructor(private readonly options: RecorderOptions) {
    this.file = new LineFile(options.out);
    this.flushTimer = setInterval(() => this.file.flush(), FLUSH_EVERY_MS);
    this.connect();
  }

  /** Closes the connection and finishes the file; resolves with what was recorded. */
  async stop(): Promise<RecordingSummary> {
    this.stopping = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    clearInterval(this.flushTimer);
    const socket = this.socket;
    if (socket !== null && socket.readyState !== WebSocket.CLOSED) {
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.close(1000, 'recording stopped');
      const forced = setTimeout(() => socket.terminate(), 1000);
      await closed;
      clearTimeout(forced);
    }
    this.file.close();
    return {
      path: this.file.path,
      messages: this.file.lines,
      connections: this.connections,
      malformed: this.malformed,
      gaps: this.gaps,
      gapSamples: [...this.gapSamples],
    };
  }

  private connect(): void {
    const { url, exchange, products, log } = this.options;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.on('open', () => {
      this.connections++;
      this.backoffMs = FIRST_BACKOFF_MS;
      this.tracker = exchange.gapTracker();
      // Messages sent while disconnected are lost: a reconnect is a gap of unknown size.
      if (this.connections > 1) this.noteGap(`reconnected (connection ${this.connections})`);
      for (const message of exchange.subscribeMessages(products)) socket.send(JSON.stringify(message));
      log(`connected to ${url}, subscribed to ${products.join(', ')}`);
    });
    socket.on('message', (data) => this.receive(data.toString()));
    socket.on('error', (error) => log(`connection error: ${error.message}`));
    socket.on('close', () => {
      if (this.stopping) return;
      log(`connection closed; reconnecting in ${this.backoffMs} ms`);
      this.reconnectTimer = setTimeout(() => this.connect(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    });
  }

  private receive(text: string): void {
    if (this.stopping) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      message = null;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.malformed++;
      return;
    }
    const gap = this.tracker?.see(message as Record<string, unknown>) ?? null;
    if (gap !== null) this.noteGap(gap.reason);
    // JSON text may span lines; one message must be one line.
    this.file.write(text.includes('\n') ? JSON.stringify(message) : text);
  }

  private noteGap(reason: string): void {
    this.gaps++;
    if (this.gapSamples.length < GAP_SAMPLES) this.gapSamples.push(reason);
    this.options.log(`gap: ${reason}`);
  }
}
