/**
 * Helpers for tests of the station (temp data dirs, a set-up station, a valid resident).
 * Not imported by production code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import type { ResidentData } from '../../src-main/domain/resident';
import { openReadOnlyDatabase } from '../../src-main/store/db';
import { dumpTables } from '../../src-main/store/diagnostics-repo';
import { fileKeyProvider } from '../../src-main/store/key-file';
import { openStation } from '../../src-main/services/station/station';
import type { Station, StationOptions } from '../../src-main/services/station/station';
import { TEST_ONLY_PARAMS } from '../../src-main/services/accounts/passwords';

export const RESOURCES_DIR = fileURLToPath(new URL('../../resources', import.meta.url));

export function tempDir(prefix = 'rekam-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A clock tests can move: `clock.now()` for the station, `clock.advance(ms)` to pass time. */
export function testClock(start = new Date(2025, 5, 10, 9, 0, 0)) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

export function openTestStation(dataDir: string, extra: Partial<StationOptions> = {}): Station {
  return openStation({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    host: 'browser',
    version: '0.0.0-test',
    keyProvider: fileKeyProvider,
    // Tests hash passwords cheaply, explicitly; stations never do (see TEST_ONLY_PARAMS).
    passwordHashing: TEST_ONLY_PARAMS,
    ...extra,
  });
}

/** Typed call that throws on an error reply — for arranging state, not for asserting errors. */
export async function must<M extends MethodName>(
  station: Station,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const r = await station.call(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value as MethodOutput<M>;
}

export const SUPERVISOR = {
  username: 'sari',
  fullName: 'Sari Supervisor',
  password: 'rahasia-sari-1',
};

export async function setUpStation(station: Station): Promise<void> {
  await must(station, 'setup.create', {
    stationName: 'Kecamatan Cibinong Meja 1',
    kecamatanCode: '32.01.01',
    supervisor: SUPERVISOR,
  });
  // Tests written before approval was on by default upload sealed packets at once.
  await must(station, 'supervisor.setSettings', { approvalRequiredForUpload: false });
}

/** Creates a user as the signed-in supervisor and returns its id. */
export async function addUser(
  station: Station,
  username: string,
  role: 'operator' | 'supervisor' | 'technician',
  password = `sandi-${username}-123`,
): Promise<string> {
  const u = await must(station, 'users.create', {
    username,
    fullName: `Pengguna ${username}`,
    role,
    password,
  });
  return u.id;
}

export async function loginAs(
  station: Station,
  username: string,
  password = `sandi-${username}-123`,
) {
  return must(station, 'auth.login', { username, password });
}

/** A resident whose NIK agrees with birth date, sex and a village that exists (Cibinong). */
export function validResident(over: Partial<ResidentData> = {}): ResidentData {
  return {
    nik: '3201011205900001',
    kk: '3201010101150003',
    name: 'Budi Santoso',
    birthPlace: 'Bogor',
    birthDate: '1990-05-12',
    sex: 'LAKI-LAKI',
    bloodType: 'O',
    address: 'Jl. Mawar No. 5',
    rt: '1',
    rw: '2',
    villageCode: '32.01.01.1001',
    religion: 'ISLAM',
    maritalStatus: 'KAWIN',
    occupation: 'WIRASWASTA',
    citizenship: 'WNI',
    ...over,
  };
}

/** Every row of every table, through a second read-only connection — to prove nothing changed. */
export function dumpStore(dataDir: string): Record<string, unknown[]> {
  const db = openReadOnlyDatabase(dataDir, fileKeyProvider.getOrCreateKey(dataDir));
  try {
    return dumpTables(db);
  } finally {
    db.close();
  }
}
