// Retention of biometric data (UU 27/2022: keep it no longer than the purpose needs). Once the
// centre has acknowledged a packet and the retention period has passed, the station deletes the
// photo, the finger images and templates, the signature and the packet bytes, and keeps what
// reports need: the recording's status and times, the counts and the quality figures.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { markPurged, purgeCandidates } from '../store/outbox-repo';
import { getSetting } from '../store/settings-repo';
import type { Audit } from './audit';

export const SETTING_RETENTION_DAYS = 'retention.days';
export const DEFAULT_RETENTION_DAYS = 30;

export function retentionDays(db: Database): number {
  const raw = getSetting(db, SETTING_RETENTION_DAYS);
  const v = raw === null ? NaN : Number(raw);
  return Number.isFinite(v) && v >= 0 && v <= 3650 ? v : DEFAULT_RETENTION_DAYS;
}

function hasTable(db: Database, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

/**
 * Deletes the biometric parts of every recording acknowledged more than `days` ago. Each
 * recording is purged in its own transaction with its audit entry. Returns how many.
 */
export function purgeExpired(
  db: Database,
  now: Date,
  audit: Audit,
  days: number = retentionDays(db),
): number {
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  // Issue 11: only rows whose received/duplicate verdict verified (also enforced in the query).
  const rows = purgeCandidates(db, before).filter((r) => r.verdictVerified === 1);
  const signatures = hasTable(db, 'signatures');
  const at = now.toISOString();
  for (const r of rows) {
    db.transaction(() => {
      // Image columns are NOT NULL in the capture schemas; an empty blob marks "deleted".
      db.prepare("UPDATE photos SET jpeg = X'', thumb = X'' WHERE recording_id = ?").run(
        r.recordingId,
      );
      db.prepare('DELETE FROM photo_attempts WHERE recording_id = ?').run(r.recordingId);
      db.prepare(
        `UPDATE fingerprints SET image_png = CASE WHEN image_png IS NULL THEN NULL ELSE X'' END,
           template = NULL WHERE recording_id = ?`,
      ).run(r.recordingId);
      db.prepare('DELETE FROM finger_attempts WHERE recording_id = ?').run(r.recordingId);
      if (signatures) purgeSignature(db, r.recordingId);
      markPurged(db, r.packetId, at);
      audit.record(null, 'retention.purged', `${r.recordingId} ${r.packetId}`);
    })();
  }
  return rows.length;
}

/** Ink and time series go; counts and duration stay. An empty blob keeps the "signed" marker. */
function purgeSignature(db: Database, recordingId: string): void {
  db.prepare(
    `UPDATE signatures SET points = NULL,
       image = CASE WHEN image IS NULL THEN NULL ELSE X'' END WHERE recording_id = ?`,
  ).run(recordingId);
}
