import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README's folder map and docs/architecture.md name files and folders in backticks: each
// one must exist in the tree, so the pictures cannot drift from the code after a move.

const ROOT = join(__dirname, '..', '..');
const DOCS = ['README.md', 'docs/architecture.md'];
const TOP = /^(src-main|src-renderer|drivers|shared|test|scripts|docs)\//;

/** `a/{b,c}.ts` → a/b.ts, a/c.ts; `x/<role>/y` matches any folder in place of <role>. */
function expand(path: string): string[] {
  const brace = /\{([^}]*)\}/.exec(path);
  if (!brace) return [path];
  return brace[1]!.split(',').flatMap((p) => expand(path.replace(brace[0], p)));
}

function exists(path: string): boolean {
  const parts = path.replace(/\/$/, '').split('/');
  let dirs = [ROOT];
  for (const part of parts) {
    const next: string[] = [];
    for (const d of dirs) {
      if (/<[a-z]+>|\*/.test(part)) {
        const pattern = new RegExp(
          `^${part.replace(/\./g, '\\.').replace(/<[a-z]+>|\*/g, '[^/]+')}$`,
        );
        try {
          next.push(
            ...readdirSync(d)
              .filter((n) => pattern.test(n))
              .map((n) => join(d, n)),
          );
        } catch {
          /* not a folder */
        }
      } else if (existsSync(join(d, part))) next.push(join(d, part));
    }
    dirs = next;
  }
  return dirs.length > 0;
}

describe('docs name files that exist', () => {
  for (const doc of DOCS) {
    it(doc, () => {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      const named = [...text.matchAll(/`([A-Za-z0-9_./{},*<>-]+)`/g)]
        .map((m) => m[1]!)
        .filter((p) => TOP.test(p));
      expect(named.length).toBeGreaterThan(0);
      const missing = named.flatMap(expand).filter((p) => !exists(p));
      expect(missing).toEqual([]);
    });
  }
});
