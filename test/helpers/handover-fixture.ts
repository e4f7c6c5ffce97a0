// A station with sealed recordings whose cards arrived at the office (issue 18 handover tests).
// The card stock is seeded through the station's own cards-repo (batch + arrival), as the
// supervisor's arrival check would leave it. Not imported by production code.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { confirmBatchArrival, upsertBatch } from '../../src-main/store/cards-repo';

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
