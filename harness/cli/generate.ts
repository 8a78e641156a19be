/** `flinkcoin generate`: the seeded synthetic feed to a JSON-lines file, written atomically. */
import { generatorLines } from '../../datasets/generator/index.js';
import { writeFileAtomic } from '../results/atomic-write.js';

export function generateToFile(path: string, seed: number, messages: number): number {
  const lines: string[] = [];
  for (const line of generatorLines({ seed, messages })) lines.push(line);
  writeFileAtomic(path, `${lines.join('\n')}\n`);
  return lines.length;
}
