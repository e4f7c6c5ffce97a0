// The reference centre's side of handover records: a station uploads a signed record
// over the same tus path as packets (metadata kind=handover); the centre verifies the station's
// signature under the registered key, keeps the record once (a repeat is a duplicate), answers
// with a verdict signed by its verdict key, and reports it back on a station-signed GET.
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Upload } from '@tus/utils';
import { HANDOVER_UPLOAD_KIND, openHandoverEnvelope } from '../../src-main/packets/handover-record';
import type { HandoverRecord } from '../../src-main/packets/handover-record';
import { signVerdict, verifyStationRequest } from '../../src-main/packets/index';
import { sendJson } from './http';
import type { CentralStore } from './store';

export interface CentralHandoverRow {
  handoverId: string;
  stationId: string;
  recordingId: string;
  packetId: string;
  kind: 'counter' | 'round';
  status: 'received' | 'rejected';
  reason: string | null;
  receivedAt: string;
  copies: number;
  record: HandoverRecord | null;
}

export const isHandoverUpload = (u: Upload) => u.metadata?.kind === HANDOVER_UPLOAD_KIND;

/** Reads what a centre's data folder holds (tests, demos). */
export function centralHandovers(dataDir: string): CentralHandoverRow[] {
  const db = new Database(join(dataDir, 'handovers.db'), { readonly: true });
  try {
    return list(db);
  } finally {
    db.close();
  }
}

function list(db: Database.Database): CentralHandoverRow[] {
  return (
    db
      .prepare(
        `SELECT handover_id AS handoverId, station_id AS stationId, recording_id AS recordingId,
           packet_id AS packetId, kind, status, reason, received_at AS receivedAt, copies,
           record_json AS recordJson FROM handovers ORDER BY received_at`,
      )
      .all() as (Omit<CentralHandoverRow, 'record'> & { recordJson: string | null })[]
  ).map(({ recordJson, ...r }) => ({
    ...r,
    record: recordJson ? (JSON.parse(recordJson) as HandoverRecord) : null,
  }));
}

export function createHandoverDesk(opts: {
  dataDir: string;
  uploadDir: string;
  store: CentralStore;
  verdictPrivateKeyPem: string;
  log: (line: string) => void;
}) {
  const db = new Database(join(opts.dataDir, 'handovers.db'));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE IF NOT EXISTS handovers (
    handover_id TEXT PRIMARY KEY, station_id TEXT NOT NULL, recording_id TEXT NOT NULL,
    packet_id TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
    received_at TEXT NOT NULL, copies INTEGER NOT NULL DEFAULT 1, record_json TEXT)`);

  function verdictFor(
    stationId: string,
    handoverId: string,
    status: string,
    reason: string | null,
  ) {
    return signVerdict(
      { stationId, packetId: handoverId, status, reason, at: new Date().toISOString() },
      opts.verdictPrivateKeyPem,
    );
  }

  /** tus onUploadFinish for a handover upload: verify, keep once, answer with a verdict. */
  function finish(upload: Upload) {
    const stationId = upload.metadata?.stationId ?? '';
    const handoverId = upload.metadata?.packetId ?? '';
    const key = opts.store.station(stationId)?.publicKeyPem;
    let status: 'received' | 'duplicate' | 'rejected' = 'rejected';
    let reason: string | null = null;
    const bytes = readFileSync(join(opts.uploadDir, upload.id));
    const opened = key ? openHandoverEnvelope(bytes, key) : null;
    if (!opened) reason = 'unknown-station';
    else if (!opened.ok) reason = opened.reason;
    else if (opened.record.stationId !== stationId || opened.record.handoverId !== handoverId) {
      reason = 'wrong-station';
    } else {
      const r = opened.record;
      const before = db
        .prepare('SELECT status FROM handovers WHERE handover_id = ?')
        .get(handoverId) as { status: string } | undefined;
      if (before?.status === 'received') {
        db.prepare('UPDATE handovers SET copies = copies + 1 WHERE handover_id = ?').run(
          handoverId,
        );
        status = 'duplicate';
      } else {
        db.prepare(
          `INSERT OR REPLACE INTO handovers (handover_id, station_id, recording_id, packet_id, kind,
             status, reason, received_at, record_json) VALUES (?, ?, ?, ?, ?, 'received', NULL, ?, ?)`,
        ).run(
          handoverId,
          stationId,
          r.recordingId,
          r.packetId,
          r.kind,
          new Date().toISOString(),
          JSON.stringify(r),
        );
        status = 'received';
      }
    }
    if (status === 'rejected') {
      db.prepare(
        `INSERT OR IGNORE INTO handovers (handover_id, station_id, recording_id, packet_id, kind,
           status, reason, received_at) VALUES (?, ?, '', '', '', 'rejected', ?, ?)`,
      ).run(handoverId, stationId, reason, new Date().toISOString());
    }
    opts.log(`handover ${handoverId}: ${status}${reason ? ` (${reason})` : ''}`);
    const verdict = verdictFor(stationId, handoverId, status, reason);
    return {
      status_code: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ packetId: handoverId, status, reason, verdict }),
    };
  }

  /** GET /api/handovers/:id, signed by the station that sent it. Returns whether it answered. */
  function route(req: http.IncomingMessage, res: http.ServerResponse, path: string): boolean {
    const m = /^\/api\/handovers\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (req.method !== 'GET' || !m) return false;
    const caller = verifyStationRequest(
      'GET',
      path,
      req.headers,
      (id) => opts.store.station(id)?.publicKeyPem ?? null,
    );
    if (!caller) {
      sendJson(res, 401, { error: 'station-auth' });
      return true;
    }
    const row = list(db).find((h) => h.handoverId === m[1] && h.stationId === caller);
    if (!row) sendJson(res, 404, { error: 'not-found', handoverId: m[1] });
    else {
      sendJson(res, 200, {
        handoverId: row.handoverId,
        recordingId: row.recordingId,
        packetId: row.packetId,
        kind: row.kind,
        receivedAt: row.receivedAt,
        verdict: verdictFor(caller, row.handoverId, row.status, row.reason),
      });
    }
    return true;
  }

  return { finish, route, list: () => list(db), close: () => db.close() };
}
