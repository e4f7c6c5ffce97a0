/**
 * A bare store with a user and recordings whose cards can be printed, dispatched and handed
 * over. Not imported by production code.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from '../../src-main/store/db';

export const STOCK_AT = '2025-06-10T02:00:00.000Z';

export interface StockResident {
  id: string;
  nik: string;
  name: string;
  villageCode: string;
  address?: string;
  rt?: string;
  rw?: string;
}

export function stockStore(dataDir: string): Database {
  const db = openDatabase({ dataDir, key: randomBytes(32) });
  db.prepare(
    `INSERT INTO users (id, username, full_name, role, password_hash, created_at)
     VALUES ('U1', 'sari', 'Sari', 'supervisor', 'x', ?)`,
  ).run(STOCK_AT);
  return db;
}

export function addResident(db: Database, r: StockResident): void {
  const resident = {
    nik: r.nik,
    name: r.name,
    villageCode: r.villageCode,
    address: r.address ?? 'JL. MAWAR NO. 1',
    rt: r.rt ?? '001',
    rw: r.rw ?? '002',
  };
  db.prepare(
    `INSERT INTO recordings (id, status, nik, name, resident_json, operator_id, created_at, updated_at)
     VALUES (?, 'uploaded', ?, ?, ?, 'U1', ?, ?)`,
  ).run(r.id, r.nik, r.name, JSON.stringify(resident), STOCK_AT, STOCK_AT);
}

/** `n` residents R1…Rn, alternating between two villages. */
export function residents(n: number): StockResident[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `R${i + 1}`,
    nik: `32010112059${String(i + 1).padStart(5, '0')}`,
    name: `WARGA ${String.fromCharCode(65 + (i % 26))} ${i + 1}`,
    villageCode: i % 2 === 0 ? '32.01.01.2001' : '32.01.01.2002',
  }));
}
