import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Code says what it does, not which ticket brought it: "issue N" belongs in commit messages and
// the issue tracker, where it stays true; in a comment it goes stale with the next change.

const ROOT = join(__dirname, '..', '..');
const HISTORY = /\bissue\s+#?\d+/i;

const tracked = execFileSync(
  'git',
  ['ls-files', '--', 'src-main', 'src-renderer', 'drivers', 'scripts', 'shared', 'test', '.ci'],
  { cwd: ROOT, encoding: 'utf8' },
)
  .split('\n')
  .filter((p) => /\.(ts|tsx|mjs|cjs|js|css|sh)$/.test(p) || p === '.ci/run')
  .filter((p) => p !== 'test/layers/history-comments.test.ts');

describe('history comments', () => {
  it('names no issue number in the source', () => {
    const found = tracked.flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((line, i) => (HISTORY.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
