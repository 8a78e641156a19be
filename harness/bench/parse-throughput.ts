/**
 * `npm run bench:parse`: parse throughput per format, messages/s and MB/s, against the bare baseline over
 * the same lines in one process and one run (tinybench, 2 warm-up and 10 measured passes, medians): bare
 * `JSON.parse` for the JSON formats (target: ≥ 0.6 of it), bare `split(',')` for the CSV ones. The parser
 * is each format's whole line parser (fields, checks, sequence tracking), without disk or gunzip.
 */
import { Bench } from 'tinybench';
import { createParser, FORMAT_NAMES, type FormatName } from '../../datasets/formats/registry.js';
import { corpusOf } from './parse-corpus.js';

const JSON_FORMATS: readonly FormatName[] = ['coinbase-exchange', 'coinbase-advanced', 'binance'];

const corpora = new Map(FORMAT_NAMES.map((format) => [format, corpusOf(format)]));
const bench = new Bench({ iterations: 10, time: 0, warmupIterations: 2, warmupTime: 0, throws: true });
let sink = 0;
for (const [format, { lines }] of corpora) {
  const head = lines.slice(0, 200);
  bench.add(`${format} parser`, () => {
    const parser = createParser(format, 'bench', head);
    for (let i = 0; i < lines.length; i++) sink += parser.parse(lines[i], i + 1).ok ? 1 : 0;
    sink += parser.end().length;
  });
  const json = JSON_FORMATS.includes(format);
  bench.add(`${format} baseline`, () => {
    for (const line of lines) sink += json ? (JSON.parse(line) === null ? 0 : 1) : line.split(',').length;
  });
}
process.stderr.write(`running ${bench.tasks.length} tasks × (2 warm-up + 10 measured passes)...\n`);
await bench.run();

const median = (name: string) => {
  const r = bench.tasks.find((t) => t.name === name)!.result;
  if (r.state !== 'completed') throw new Error(`${name}: ${r.state}`);
  return r.latency.p50;
};
const header = ['format', 'lines', 'MB', 'parser msg/s', 'parser MB/s', 'baseline msg/s', 'ratio', 'source'];
const widths = [19, 9, 7, 14, 13, 16, 7, 0];
const row = (cells: string[]) =>
  `${cells.map((c, i) => (i === 0 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ')}\n`;
process.stdout.write(
  `\nParse throughput per format (medians of 10 passes; baseline: JSON.parse, or split(',') for CSV)\n`,
);
process.stdout.write(row(header));
for (const [format, { lines, source }] of corpora) {
  const mb = lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0) / 1e6;
  const parseS = median(`${format} parser`) / 1000;
  const baseS = median(`${format} baseline`) / 1000;
  const perSec = (n: number) => Math.round(n).toLocaleString('en-US');
  process.stdout.write(
    row([
      format,
      `${lines.length}`,
      mb.toFixed(1),
      perSec(lines.length / parseS),
      (mb / parseS).toFixed(1),
      perSec(lines.length / baseS),
      (baseS / parseS).toFixed(2),
      source,
    ]),
  );
}
if (sink < 0) process.stdout.write('');
