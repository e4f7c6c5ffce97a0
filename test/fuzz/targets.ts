// Loads every target in test/fuzz/targets/*.fuzz.ts (Vite's glob works under vitest and tsx alike
// only through import.meta.glob in vitest, so this file lists them by reading the folder).
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { FuzzTarget } from './harness';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'targets');

export async function loadFuzzTargets(filter?: string): Promise<FuzzTarget<unknown>[]> {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.fuzz.ts'))
    .sort();
  const out: FuzzTarget<unknown>[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(folder, f)).href)) as {
      default: FuzzTarget<unknown>;
    };
    if (!filter || mod.default.name.includes(filter)) out.push(mod.default);
  }
  return out;
}
