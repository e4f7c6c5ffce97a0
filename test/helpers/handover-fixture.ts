// A station with sealed recordings whose cards arrived at the office.
// The card stock is seeded through the station's own cards-repo (batch + arrival), as the
// supervisor's arrival check would leave it. Not imported by production code.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  formatCentralKeyBundle,
  generateCentralKeys,
  generateVerdictKeys,
} from '../../src-main/packets/index';
import { createSignatureDevice } from '../../src-main/services/devices/signature-device';
import { silentLogger } from '../../src-main/services/common/log';
import { confirmBatchArrival, upsertBatch } from '../../src-main/store/cards-repo';
import { addUser, loginAs, must, openTestStation, setUpStation, tempDir } from './station';
import { openStore } from './sync-fixtures';
import { OPERATOR, OPERATOR_PASSWORD, makeDrafts } from './sync-station';

export function cardsAtOffice(
  db: Database,
  batchNo: string,
  cards: readonly { recordingId: string; villageCode?: string }[],
  at: Date = new Date(),
): void {
  const iso = at.toISOString();
  db.transaction(() => {
    upsertBatch(
      db,
      { batchNo, dispatchedAt: iso, declaredCount: cards.length, verdictJson: '{}' },
      cards.map((c) => ({
        recordingId: c.recordingId,
        villageCode: c.villageCode ?? '32.01.01.1001',
      })),
      iso,
    );
    confirmBatchArrival(db, {
      batchNo,
      at: iso,
      confirmedBy: 'sari',
      receivedCount: cards.length,
      discrepancy: null,
    });
  })();
}

/**
 * A station with `n` sealed recordings (operator signed in, a simulated pad, a centre that does
 * not answer) and a second connection to its store for seeding the card stock. Cleanups go on
 * `cleanups`, run by the test's afterEach.
 */
export async function counterWithCards(cleanups: (() => void | Promise<void>)[], n: number) {
  const { dir, cleanup } = tempDir();
  const pad = createSignatureDevice({ mode: 'simulated', simSpeed: 20 }, { log: silentLogger });
  const station = openTestStation(dir, { faceDetector: null, signature: { instance: pad } });
  cleanups.push(
    cleanup,
    () => station.close(),
    () => pad.close(),
  );
  await setUpStation(station);
  const opId = await addUser(station, OPERATOR, 'operator');
  await addUser(station, 'tekno', 'technician');
  await loginAs(station, 'tekno');
  await must(station, 'central.setConfig', {
    url: 'http://127.0.0.1:9/',
    publicKey: formatCentralKeyBundle(
      generateCentralKeys().publicKeyPem,
      generateVerdictKeys().publicKeyPem,
    ),
  });
  await loginAs(station, OPERATOR);
  const ids = await makeDrafts(station, dir, opId, n);
  const packets: string[] = [];
  for (const id of ids) {
    packets.push(
      (await must(station, 'recordings.finish', { id, password: OPERATOR_PASSWORD })).packetId,
    );
  }
  const db = openStore(dir);
  cleanups.push(() => {
    db.close();
  });
  await pad.ready();
  return { station, db, ids, packets, pad, dir };
}
