import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/station';
import { openDatabase } from '../db';
import { schemaVersion } from '../migrate';
import { LATEST_SCHEMA_VERSION, migrations } from './index';

// Files are named after what they change (NNNN-what-it-changes.ts); a store only remembers the
// number (user_version), so a file can be renamed without touching stores already in the field.

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('the migration registry', () => {
  it('registers every NNNN-name.ts file once, in order, with its number and name', () => {
    const files = readdirSync(dirname(fileURLToPath(import.meta.url)))
      .filter((f) => /^\d{4}-[a-z0-9-]+\.ts$/.test(f))
      .sort();
    expect(files.map((f) => f.replace(/\.ts$/, ''))).toEqual(
      migrations.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`),
    );
  });

  it('upgrades a store left at any earlier version to the latest, running each step once', () => {
    for (let v = 1; v < LATEST_SCHEMA_VERSION; v++) {
      const sub = `${dir}/v${v}`;
      const key = randomBytes(32);
      const old = openDatabase({
        dataDir: sub,
        key,
        migrations: migrations.filter((m) => m.version <= v),
      });
      expect(schemaVersion(old)).toBe(v);
      old.close();
      // A step that ran again would fail (CREATE TABLE of a table that exists, ADD COLUMN twice).
      for (let reopen = 0; reopen < 2; reopen++) {
        const db = openDatabase({ dataDir: sub, key });
        expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
        db.close();
      }
    }
  });
});
