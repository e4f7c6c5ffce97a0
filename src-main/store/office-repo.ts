import type { Database } from 'better-sqlite3-multiple-ciphers';

/** A desk paired with this hub. */
export interface OfficeDeskRow {
  stationId: string;
  stationName: string;
  deskNo: number;
  publicKey: string;
  pairedAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  skewMs: number | null;
  version: string | null;
}

const DESK_COLUMNS = `station_id AS stationId, station_name AS stationName, desk_no AS deskNo,
  public_key AS publicKey, paired_at AS pairedAt, revoked_at AS revokedAt,
  last_seen_at AS lastSeenAt, skew_ms AS skewMs, version`;

export function listOfficeDesks(db: Database): OfficeDeskRow[] {
  return db
    .prepare(`SELECT ${DESK_COLUMNS} FROM office_desks ORDER BY desk_no`)
    .all() as OfficeDeskRow[];
}

export function findOfficeDesk(db: Database, stationId: string): OfficeDeskRow | null {
  return (
    (db.prepare(`SELECT ${DESK_COLUMNS} FROM office_desks WHERE station_id = ?`).get(stationId) as
      | OfficeDeskRow
      | undefined) ?? null
  );
}

/**
 * Pairs (or re-pairs) a desk: a desk seen before keeps its number, a new one gets the lowest
 * free number from 2 (the hub itself is desk 1 when it records).
 */
export function upsertOfficeDesk(
  db: Database,
  d: { stationId: string; stationName: string; publicKey: string; pairedAt: string },
): OfficeDeskRow {
  const existing = findOfficeDesk(db, d.stationId);
  if (existing) {
    db.prepare(
      `UPDATE office_desks SET station_name = ?, public_key = ?, paired_at = ?, revoked_at = NULL
       WHERE station_id = ?`,
    ).run(d.stationName, d.publicKey, d.pairedAt, d.stationId);
  } else {
    const used = new Set(
      (db.prepare('SELECT desk_no AS n FROM office_desks').all() as { n: number }[]).map(
        (r) => r.n,
      ),
    );
    let no = 2;
    while (used.has(no)) no++;
    db.prepare(
      `INSERT INTO office_desks (station_id, station_name, desk_no, public_key, paired_at)
       VALUES (?, ?, ?, ?, ?)`,
    ).run(d.stationId, d.stationName, no, d.publicKey, d.pairedAt);
  }
  return findOfficeDesk(db, d.stationId)!;
}

export function revokeOfficeDesk(db: Database, stationId: string, at: string): boolean {
  return (
    db
      .prepare('UPDATE office_desks SET revoked_at = ? WHERE station_id = ? AND revoked_at IS NULL')
      .run(at, stationId).changes === 1
  );
}

export function markOfficeDeskSeen(
  db: Database,
  stationId: string,
  seen: { at: string; skewMs: number | null; version: string | null },
): void {
  db.prepare(
    `UPDATE office_desks SET last_seen_at = ?, skew_ms = COALESCE(?, skew_ms),
       version = COALESCE(?, version) WHERE station_id = ?`,
  ).run(seen.at, seen.skewMs, seen.version, stationId);
}

/**
 * Remembers a request nonce; false when this desk already used it (a replay). Nonces older
 * than `forgetBefore` are dropped first: the signature's time check refuses those anyway.
 */
export function useOfficeNonce(
  db: Database,
  stationId: string,
  nonce: string,
  at: string,
  forgetBefore: string,
): boolean {
  db.prepare('DELETE FROM office_nonces WHERE at < ?').run(forgetBefore);
  return (
    db
      .prepare('INSERT OR IGNORE INTO office_nonces (station_id, nonce, at) VALUES (?, ?, ?)')
      .run(stationId, nonce, at).changes === 1
  );
}

/**
 * The hub's account for a paired desk: inactive (nobody signs in with it), so cards a desk
 * issued while the hub was down carry who issued them once they reach the hub.
 */
export function ensureDeskAccount(
  db: Database,
  a: { id: string; username: string; fullName: string; createdAt: string },
): void {
  db.prepare(
    `INSERT INTO users (id, username, full_name, role, password_hash, active, created_at)
     VALUES (?, ?, ?, 'operator', '!office-desk', 0, ?)
     ON CONFLICT(id) DO UPDATE SET full_name = excluded.full_name`,
  ).run(a.id, a.username, a.fullName, a.createdAt);
}

/** Ids of this desk's own-range cards not yet handed to the hub. */
export function deskRangeCardIds(db: Database, from: number, to: number): string[] {
  return (
    db
      .prepare(
        `SELECT id FROM queue_cards WHERE seq >= ? AND seq < ?
           AND NOT (status = 'cancelled' AND cancel_reason = ?) ORDER BY date, lane, seq`,
      )
      .all(from, to, HANDED_TO_HUB) as { id: string }[]
  ).map((r) => r.id);
}

/** Marks the desk's local copy of a card as handed to the hub (never called here again). */
export const HANDED_TO_HUB = 'office-hub';

export function maxSeqInRange(
  db: Database,
  date: string,
  lane: string,
  from: number,
  to: number,
): number {
  const r = db
    .prepare(
      'SELECT COALESCE(MAX(seq), ?) AS n FROM queue_cards WHERE date = ? AND lane = ? AND seq >= ? AND seq < ?',
    )
    .get(from, date, lane, from, to) as { n: number };
  return r.n;
}

/** A card from a desk's range arriving at the hub: inserted as the desk left it. */
export function insertReconciledCard(
  db: Database,
  c: {
    id: string;
    date: string;
    lane: string;
    seq: number;
    priorityReason: string | null;
    nik: string | null;
    name: string;
    phone: string | null;
    address: string | null;
    status: string;
    callOrder: number;
    issuedAt: string;
    issuedBy: string;
    calledAt: string | null;
    desk: string | null;
    callCount: number;
    servedAt: string | null;
  },
): void {
  db.prepare(
    `INSERT INTO queue_cards (id, date, lane, seq, priority_reason, nik, name, phone, address,
       status, call_order, issued_at, issued_by, called_at, desk, call_count, served_at)
     VALUES (@id, @date, @lane, @seq, @priorityReason, @nik, @name, @phone, @address, @status,
       @callOrder, @issuedAt, @issuedBy, @calledAt, @desk, @callCount, @servedAt)`,
  ).run(c);
}

/** What a desk reports to the hub about one recording (no biometrics, NIK masked). */
export interface RecordingMetaRow {
  id: string;
  status: string;
  operator: string;
  villageCode: string;
  nik: string;
  createdAt: string;
  /** The office queue card the recording was started for (null: none). */
  cardId: string | null;
}

/** The desk's recordings created in [from, to), for the hub's office recap. */
export function recordingMetaBetween(db: Database, from: string, to: string): RecordingMetaRow[] {
  return db
    .prepare(
      `SELECT r.id, r.status, u.username AS operator,
         COALESCE(json_extract(r.resident_json, '$.villageCode'), '') AS villageCode,
         r.nik, r.created_at AS createdAt, l.card_id AS cardId
       FROM recordings r JOIN users u ON u.id = r.operator_id
         LEFT JOIN office_card_links l ON l.recording_id = r.id
       WHERE r.created_at >= ? AND r.created_at < ? ORDER BY r.created_at LIMIT 5000`,
    )
    .all(from, to) as RecordingMetaRow[];
}

/**
 * The office card a recording was started for: on a desk its own (stationId null), on the hub
 * as a desk reported it. The latest link of a recording wins; on the hub a recording another
 * desk already linked is left alone.
 */
export function linkOfficeCard(
  db: Database,
  l: { recordingId: string; cardId: string; stationId: string | null; at: string },
): void {
  db.prepare(
    `INSERT INTO office_card_links (recording_id, card_id, station_id, linked_at)
     VALUES (@recordingId, @cardId, @stationId, @at)
     ON CONFLICT(recording_id) DO UPDATE SET card_id = excluded.card_id,
       linked_at = excluded.linked_at
     WHERE office_card_links.station_id IS excluded.station_id`,
  ).run(l);
}

/** The desk's copy of its card's lane, priority reason and phone (for round suggestions). */
export function setOfficeCardDetails(
  db: Database,
  d: {
    recordingId: string;
    lane: 'regular' | 'priority';
    priorityReason: string | null;
    phone: string | null;
  },
): void {
  db.prepare(
    `UPDATE office_card_links SET lane = @lane, priority_reason = @priorityReason, phone = @phone
     WHERE recording_id = @recordingId AND station_id IS NULL`,
  ).run(d);
}

export function upsertOfficeRecording(
  db: Database,
  r: {
    recordingId: string;
    stationId: string;
    day: string;
    status: string;
    operator: string;
    villageCode: string;
    nikMasked: string;
    createdAt: string;
    reportedAt: string;
  },
): void {
  db.prepare(
    `INSERT INTO office_recordings (recording_id, station_id, day, status, operator, village_code,
       nik_masked, created_at, reported_at)
     VALUES (@recordingId, @stationId, @day, @status, @operator, @villageCode, @nikMasked,
       @createdAt, @reportedAt)
     ON CONFLICT(recording_id) DO UPDATE SET status = excluded.status,
       operator = excluded.operator, village_code = excluded.village_code,
       nik_masked = excluded.nik_masked, reported_at = excluded.reported_at
     WHERE office_recordings.station_id = excluded.station_id`,
  ).run(r);
}

export interface OfficeRecapGroup {
  key: string;
  total: number;
  sealed: number;
}

/** The office's day by desk (desk number), operator or village: all recordings and the finished. */
export function officeRecapBy(
  db: Database,
  day: string,
  by: 'desk' | 'operator' | 'village',
): OfficeRecapGroup[] {
  const key = {
    desk: "'Meja ' || d.desk_no",
    operator: "'Meja ' || d.desk_no || ' · ' || o.operator",
    village: 'o.village_code',
  }[by];
  return db
    .prepare(
      `SELECT ${key} AS key, COUNT(*) AS total,
         SUM(o.status IN ('sealed', 'approved', 'uploaded')) AS sealed
       FROM office_recordings o JOIN office_desks d ON d.station_id = o.station_id
       WHERE o.day = ? GROUP BY 1 ORDER BY 1`,
    )
    .all(day) as OfficeRecapGroup[];
}

/** Which desk holds a recording the hub knows of (from the desks' reports). */
export function findOfficeRecordingDesk(db: Database, recordingId: string): string | null {
  const r = db
    .prepare('SELECT station_id AS stationId FROM office_recordings WHERE recording_id = ?')
    .get(recordingId) as { stationId: string } | undefined;
  return r?.stationId ?? null;
}

export interface OfficeRecordingRow {
  recordingId: string;
  deskNo: number;
  operator: string;
  villageCode: string;
  nikMasked: string;
  status: string;
}

/** The office's recordings of one day, by desk and time. */
export function officeRecordingsOn(db: Database, day: string): OfficeRecordingRow[] {
  return db
    .prepare(
      `SELECT o.recording_id AS recordingId, d.desk_no AS deskNo, o.operator,
         o.village_code AS villageCode, o.nik_masked AS nikMasked, o.status
       FROM office_recordings o JOIN office_desks d ON d.station_id = o.station_id
       WHERE o.day = ? ORDER BY d.desk_no, o.created_at LIMIT 5000`,
    )
    .all(day) as OfficeRecordingRow[];
}
