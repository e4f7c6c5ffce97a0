// The export tables: recordings of a time range with operator and packet, the packets a bundle
// carries, and the export log (who exported what, when).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CentralStatus, ExportLogEntry, RecordingStatus } from '../domain/records';
import { UPLOADABLE } from './outbox-repo';

export interface ExportRecordingRow {
  id: string;
  status: RecordingStatus;
  nik: string;
  name: string;
  residentJson: string;
  operator: string;
  operatorName: string;
  createdAt: string;
  sealedAt: string | null;
  packetId: string | null;
  centralStatus: CentralStatus | null;
  exportedAt: string | null;
}

/** Recordings created in [start, end) (UTC ISO), with operator and packet, oldest first. */
export function exportRowsBetween(db: Database, start: string, end: string): ExportRecordingRow[] {
  return db
    .prepare(
      `SELECT r.id, r.status, r.nik, r.name, r.resident_json AS residentJson,
         u.username AS operator, u.full_name AS operatorName, r.created_at AS createdAt,
         o.sealed_at AS sealedAt, o.packet_id AS packetId, o.central_status AS centralStatus,
         o.exported_at AS exportedAt
       FROM recordings r JOIN users u ON u.id = r.operator_id
       LEFT JOIN outbox o ON o.recording_id = r.id
       WHERE r.created_at >= ? AND r.created_at < ?
       ORDER BY r.created_at, r.id`,
    )
    .all(start, end) as ExportRecordingRow[];
}

export interface BundleCandidate {
  packetId: string;
  recordingId: string;
  size: number;
  sha256: string;
  exportedAt: string | null;
}

/**
 * Sealed packets of the range whose bytes are still on the station (not purged) and that the
 * station would upload: a bundle follows the same rules as the network (withdrawn packets and,
 * when approval is required, unapproved ones stay behind).
 */
export function bundleCandidates(db: Database, start: string, end: string): BundleCandidate[] {
  return db
    .prepare(
      `SELECT outbox.packet_id AS packetId, outbox.recording_id AS recordingId, outbox.size,
         outbox.sha256, outbox.exported_at AS exportedAt
       FROM outbox JOIN outbox_packets p ON p.packet_id = outbox.packet_id
       WHERE outbox.sealed_at >= ? AND outbox.sealed_at < ? AND outbox.purged_at IS NULL
         AND ${UPLOADABLE}
       ORDER BY outbox.sealed_at, outbox.packet_id`,
    )
    .all(start, end) as BundleCandidate[];
}

export function markExported(db: Database, packetIds: readonly string[], at: string): void {
  const stmt = db.prepare(
    'UPDATE outbox SET exported_at = COALESCE(exported_at, ?) WHERE packet_id = ?',
  );
  db.transaction(() => {
    for (const id of packetIds) stmt.run(at, id);
  })();
}

/** What an export writes to the log (the id is the row's). */
export type ExportLogInsert = Omit<ExportLogEntry, 'id'> & {
  userId: string | null;
  sha256: string;
};

export function insertExportLog(db: Database, e: ExportLogInsert): void {
  db.prepare(
    `INSERT INTO exports_log (at, kind, user_id, username, range_from, range_to, file_name, bytes,
       sha256, rows, full_nik) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.at,
    e.kind,
    e.userId,
    e.username,
    e.from,
    e.to,
    e.fileName,
    e.bytes,
    e.sha256,
    e.rows,
    e.fullNik ? 1 : 0,
  );
}

export function listExportLog(db: Database, limit: number) {
  return (
    db
      .prepare(
        `SELECT id, at, kind, username, range_from AS "from", range_to AS "to", file_name AS fileName,
           bytes, rows, full_nik AS fullNik FROM exports_log ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as (Omit<ExportLogEntry, 'fullNik'> & { fullNik: number })[]
  ).map((r) => ({ ...r, fullNik: r.fullNik === 1 }));
}
