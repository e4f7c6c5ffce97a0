import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface StationRow {
  id: string;
  name: string;
  kecamatanCode: string;
  createdAt: string;
}

export function getStation(db: Database): StationRow | null {
  const row = db
    .prepare(
      'SELECT id, name, kecamatan_code AS kecamatanCode, created_at AS createdAt FROM station LIMIT 1',
    )
    .get() as StationRow | undefined;
  return row ?? null;
}

export function insertStation(db: Database, s: StationRow): void {
  db.prepare('INSERT INTO station (id, name, kecamatan_code, created_at) VALUES (?, ?, ?, ?)').run(
    s.id,
    s.name,
    s.kecamatanCode,
    s.createdAt,
  );
}
