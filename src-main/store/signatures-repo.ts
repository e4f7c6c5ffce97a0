import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PenPoint } from '../domain/records';

export interface SignatureRow {
  recordingId: string;
  image: Buffer | null;
  points: PenPoint[];
  pointCount: number;
  strokeCount: number;
  durationMs: number;
  exceptionReason: string | null;
  device: unknown;
  acceptedAt: string;
  /** User id of the operator who accepted it. */
  acceptedBy: string;
}

const FLOATS_PER_POINT = 4;

/** x, y, p, t as little-endian float32s: 16 bytes a point, exact enough for mm and ms. */
export function packPoints(points: readonly PenPoint[]): Buffer {
  const buf = Buffer.alloc(points.length * FLOATS_PER_POINT * 4);
  points.forEach((p, i) => {
    const o = i * 16;
    buf.writeFloatLE(p.x, o);
    buf.writeFloatLE(p.y, o + 4);
    buf.writeFloatLE(p.p, o + 8);
    buf.writeFloatLE(p.t, o + 12);
  });
  return buf;
}

export function unpackPoints(buf: Buffer | null): PenPoint[] {
  if (!buf) return [];
  const out: PenPoint[] = [];
  for (let o = 0; o + 16 <= buf.length; o += 16) {
    out.push({
      x: buf.readFloatLE(o),
      y: buf.readFloatLE(o + 4),
      p: buf.readFloatLE(o + 8),
      t: buf.readFloatLE(o + 12),
    });
  }
  return out;
}

interface RawRow {
  recordingId: string;
  points: Buffer | null;
  image: Buffer | null;
  pointCount: number;
  strokeCount: number;
  durationMs: number;
  exceptionReason: string | null;
  deviceJson: string | null;
  acceptedAt: string;
  acceptedBy: string;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The stored signature (or exception) of a recording; the packets helper reads it. */
export function getSignature(db: Database, recordingId: string): SignatureRow | null {
  const r = db
    .prepare(
      `SELECT recording_id AS recordingId, points, image, point_count AS pointCount,
              stroke_count AS strokeCount, duration_ms AS durationMs,
              exception_reason AS exceptionReason, device_json AS deviceJson,
              accepted_at AS acceptedAt, accepted_by AS acceptedBy
         FROM signatures WHERE recording_id = ?`,
    )
    .get(recordingId) as RawRow | undefined;
  if (!r) return null;
  return {
    recordingId: r.recordingId,
    image: r.image,
    points: unpackPoints(r.points),
    pointCount: r.pointCount,
    strokeCount: r.strokeCount,
    durationMs: r.durationMs,
    exceptionReason: r.exceptionReason,
    device: parseJson(r.deviceJson),
    acceptedAt: r.acceptedAt,
    acceptedBy: r.acceptedBy,
  };
}

export function putSignature(db: Database, s: SignatureRow): void {
  db.prepare(
    `INSERT INTO signatures (recording_id, points, image, point_count, stroke_count, duration_ms,
       exception_reason, device_json, accepted_at, accepted_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (recording_id) DO UPDATE SET
       points = excluded.points, image = excluded.image, point_count = excluded.point_count,
       stroke_count = excluded.stroke_count, duration_ms = excluded.duration_ms,
       exception_reason = excluded.exception_reason, device_json = excluded.device_json,
       accepted_at = excluded.accepted_at, accepted_by = excluded.accepted_by`,
  ).run(
    s.recordingId,
    s.points.length > 0 ? packPoints(s.points) : null,
    s.image,
    s.pointCount,
    s.strokeCount,
    s.durationMs,
    s.exceptionReason,
    s.device === null || s.device === undefined ? null : JSON.stringify(s.device),
    s.acceptedAt,
    s.acceptedBy,
  );
}

export function deleteSignature(db: Database, recordingId: string): boolean {
  return db.prepare('DELETE FROM signatures WHERE recording_id = ?').run(recordingId).changes > 0;
}
