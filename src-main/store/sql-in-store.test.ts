import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// SQL lives in store/ (repository functions with typed rows); every other layer calls those.
// This scans the production sources of src-main for statements, pragmas and SQL text outside
// store/. Tests may inspect the store directly and are not scanned.

const root = fileURLToPath(new URL('..', import.meta.url));

const SQL_PATTERNS: [string, RegExp][] = [
  ['prepare()', /\.prepare\s*\(/],
  ['pragma()', /\.pragma\s*\(/],
  ['exec() of SQL', /\b(db|database|conn)\.exec\s*\(|\.exec\s*\(\s*[`'"]/],
  [
    'SQL text',
    /[`'"]\s*(SELECT\s+[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX|TRIGGER|VIRTUAL)\s)/,
  ],
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

function sqlOutsideStore(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const rel = relative(root, file).split('\\').join('/');
    if (rel.startsWith('store/')) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const [what, re] of SQL_PATTERNS) {
          if (re.test(line)) found.push(`${rel}:${i + 1} ${what}: ${line.trim()}`);
        }
      });
  }
  return found;
}

describe('SQL only in store/', () => {
  it('finds no statement, pragma or SQL text in src-main outside store/', () => {
    expect(sqlOutsideStore(sources(root))).toEqual([]);
  });

  it('the scan sees what it looks for', () => {
    // A fixture file in the temp folder would be outside `root`; the patterns are checked on text.
    const lines = [
      "db.prepare('SELECT 1').get();",
      "db.pragma('optimize');",
      'db.exec(sql);',
      "const q = 'DELETE FROM users WHERE id = ?';",
      '`INSERT OR IGNORE INTO t (a) VALUES (?)`',
    ];
    for (const line of lines) {
      expect(SQL_PATTERNS.some(([, re]) => re.test(line))).toBe(true);
    }
    for (const line of ['const m = /^(\\d+)$/.exec(text);', "say('Select a finger')"]) {
      expect(SQL_PATTERNS.some(([, re]) => re.test(line))).toBe(false);
    }
  });
});
