import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Files that do one thing stay short: a source file over ~400 lines must say at its top why it
// is longer (a line starting "// Longer than 400 lines:").

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['src-main', 'src-renderer', 'drivers', 'shared', 'test/central', 'test/helpers'];
const LIMIT = 420;
const REASON = /^\/\/ Longer than 400 lines: \S/m;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') out.push(...sources(path));
    } else if (/\.(ts|tsx)$/.test(name) && !/\.(test|spec)\.tsx?$|\.d\.ts$/.test(name)) {
      out.push(path);
    }
  }
  return out;
}

const files = FOLDERS.flatMap((f) => sources(join(ROOT, f))).map((p) => ({
  path: relative(ROOT, p).split('\\').join('/'),
  text: readFileSync(p, 'utf8'),
}));

describe('source file size', () => {
  it(`keeps every source file under ~400 lines, or says why at its top`, () => {
    const long = files
      .filter((f) => f.text.split('\n').length > LIMIT)
      .filter((f) => !REASON.test(f.text.split('\n').slice(0, 15).join('\n')))
      .map((f) => `${f.path} (${f.text.split('\n').length} lines)`);
    expect(long).toEqual([]);
  });
});
