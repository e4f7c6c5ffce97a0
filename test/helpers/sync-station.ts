/**
 * A set-up station ready to seal and sync against a central server: supervisor, an operator
 * ("ani") and a technician ("tekno"), the centre configured and the station registered, and
 * `drafts(n)` making complete recordings (data + photo + ten fingers + signature).
 */
import type { Station, StationOptions } from '../../src-main/services/station/station';
import { addUser, loginAs, must, openTestStation, setUpStation, validResident } from './station';
import { openStore, seedCaptures } from './sync-fixtures';

export const OPERATOR = 'ani';
export const OPERATOR_PASSWORD = `sandi-${OPERATOR}-123`;

/** Sync timings short enough for tests (the defaults are for real links). */
export const FAST_SYNC: StationOptions['sync'] = {
  backoffBaseMs: 200,
  backoffMaxMs: 2_000,
  stallMs: 2_500,
  requestTimeoutMs: 3_000,
  verdictPollMs: 150,
  lostAfterMs: 5_000,
};

export interface CentralLike {
  url: string;
  /** The central key bundle (X25519 encryption + Ed25519 verdict keys). */
  keyBundle: string;
  /** The self-signed TLS key's pin (null: plain http on loopback). */
  tlsPin: string | null;
  issueToken(stationId: string): string | Promise<string>;
}

export async function prepareStation(
  dataDir: string,
  central: CentralLike,
  opts: { centralUrl?: string; sync?: StationOptions['sync'] } = {},
): Promise<{ station: Station; operatorId: string }> {
  const station = openTestStation(dataDir, { sync: opts.sync ?? FAST_SYNC, faceDetector: null });
  await setUpStation(station);
  const operatorId = await addUser(station, OPERATOR, 'operator');
  await addUser(station, 'tekno', 'technician');
  await loginAs(station, 'tekno');
  const cfg = await must(station, 'central.setConfig', {
    url: opts.centralUrl ?? central.url,
    publicKey: central.keyBundle,
    ...(central.tlsPin ? { tlsPin: central.tlsPin } : {}),
  });
  await must(station, 'central.register', { token: await central.issueToken(cfg.stationId!) });
  await loginAs(station, OPERATOR);
  return { station, operatorId };
}

/** NIKs that agree with the resident's birth date and sex; serial `i` keeps them apart. */
export const nikFor = (i: number) => `320101120590${String(i).padStart(4, '0')}`;

/** Names may not hold digits: 1 → "B", 27 → "BB"… */
const nameFor = (i: number) =>
  String(i)
    .split('')
    .map((d) => 'ABCDEFGHIJ'[Number(d)])
    .join('');

/** Complete drafts owned by the signed-in operator; returns their ids. */
export async function makeDrafts(
  station: Station,
  dataDir: string,
  operatorId: string,
  n: number,
  first = 1,
): Promise<string[]> {
  const ids: string[] = [];
  const db = openStore(dataDir);
  try {
    for (let i = first; i < first + n; i++) {
      const rec = await must(station, 'recordings.saveDraft', {
        resident: validResident({ nik: nikFor(i), name: `Penduduk Uji ${nameFor(i)}` }),
      });
      await seedCaptures(db, rec.id, operatorId);
      ids.push(rec.id);
    }
  } finally {
    db.close();
  }
  return ids;
}

/** Resolves when `check` is true, polling; rejects with `what` after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}
