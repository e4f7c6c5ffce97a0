import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../store/errors';
import type { KeyProvider } from '../../store/key-file';
import { createLogger } from '../common/log';
import type { Station } from './station';
import {
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  validResident,
} from '../../../test/helpers/station';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const NAMES = ['KARTIKA WULANDARI', 'BAMBANG SUTRISNO'];
const NIKS = ['3201014512900002', '3201010101800003'];
const NEEDLES = [...NAMES, ...NIKS, 'Kartika', 'Wulandari'];

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => join(root, f))
    .filter((p) => statSync(p).isFile());
}

/** Files in the data folder that contain any needle in ASCII or UTF-16 (LE or BE). */
function leaks(root: string): string[] {
  const found: string[] = [];
  for (const file of filesUnder(root)) {
    const bytes = readFileSync(file);
    for (const needle of NEEDLES) {
      for (const variant of new Set([needle, needle.toUpperCase()])) {
        const le = Buffer.from(variant, 'utf16le');
        const be = Buffer.from(le).swap16();
        if (
          bytes.includes(Buffer.from(variant, 'latin1')) ||
          bytes.includes(le) ||
          bytes.includes(be)
        ) {
          found.push(`${file}: ${variant}`);
        }
      }
    }
  }
  return found;
}

async function writeResidents(station: Station): Promise<void> {
  await setUpStation(station);
  await addUser(station, 'opa', 'operator');
  await loginAs(station, 'opa');
  await must(station, 'recordings.saveDraft', {
    resident: validResident({
      nik: NIKS[0]!,
      name: 'Kartika Wulandari',
      sex: 'PEREMPUAN',
      birthDate: '1990-12-05',
    }),
  });
  await must(station, 'recordings.saveDraft', {
    resident: validResident({ nik: NIKS[1]!, name: 'Bambang Sutrisno', birthDate: '1980-01-01' }),
  });
  await must(station, 'recordings.today', { query: 'kartika' });
}

describe('encryption at rest', () => {
  it('has a leak detector that finds ASCII and UTF-16 text (control)', () => {
    const control = tempDir();
    try {
      writeFileSync(join(control.dir, 'a.txt'), `x${NIKS[0]}x`);
      writeFileSync(join(control.dir, 'b.bin'), Buffer.from('Kartika', 'utf16le'));
      expect(leaks(control.dir)).toHaveLength(2);
    } finally {
      control.cleanup();
    }
  });

  it('leaves no name or NIK in plain text in any file, while open (WAL) and after closing', async () => {
    const station = openTestStation(dir, {
      logger: createLogger({ dataDir: dir, level: 'debug' }),
    });
    await writeResidents(station);
    // Sanity: the needle search works on data we can see.
    expect((await must(station, 'recordings.today', {})).map((r) => r.name)).toEqual(
      [...NAMES].reverse(),
    );

    expect(existsSync(join(dir, 'rekam.db-wal'))).toBe(true);
    expect(statSync(join(dir, 'rekam.db-wal')).size).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'logs', 'rekam.log'))).toBe(true);
    expect(leaks(dir)).toEqual([]);

    station.close();
    expect(existsSync(join(dir, 'rekam.db'))).toBe(true);
    expect(leaks(dir)).toEqual([]);
  });

  it('refuses to open with a wrong key, with a clear error', async () => {
    const station = openTestStation(dir);
    await writeResidents(station);
    station.close();
    const wrong: KeyProvider = { source: 'os-keystore', getOrCreateKey: () => Buffer.alloc(32, 7) };
    expect(() => openTestStation(dir, { keyProvider: wrong })).toThrow(StoreError);
    expect(() => openTestStation(dir, { keyProvider: wrong })).toThrow(/cannot be decrypted/);
    // The right key still opens it with the data intact.
    const again = openTestStation(dir);
    await loginAs(again, 'opa');
    expect(await must(again, 'recordings.today', {})).toHaveLength(2);
    again.close();
  });
});
