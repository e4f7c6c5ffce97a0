import type { Database } from 'better-sqlite3-multiple-ciphers';
import { likeLiteral } from './sql-like';

/** Pre-registration lists and their entries (migration 0008), with each entry's card. */

export interface ListRowDb {
  id: string;
  name: string;
  fileName: string;
  importedAt: string;
  importedBy: string;
  rejected: number;
  entries: number;
  carded: number;
  recorded: number;
}

/** "Recorded": a finished recording (sealed or later) exists for the NIK. */
export const RECORDED_NIK = `EXISTS (SELECT 1 FROM recordings r WHERE r.nik = e.nik AND r.status IN ('sealed', 'approved', 'uploaded'))`;

export function listLists(db: Database): ListRowDb[] {
  return db
    .prepare(
      `SELECT l.id, l.name, l.file_name AS fileName, l.imported_at AS importedAt,
         u.username AS importedBy, l.rejected,
         (SELECT COUNT(*) FROM prereg_entries e WHERE e.list_id = l.id) AS entries,
         (SELECT COUNT(*) FROM prereg_entries e WHERE e.list_id = l.id AND EXISTS
            (SELECT 1 FROM queue_cards c WHERE c.list_entry_id = e.id AND c.status != 'cancelled')) AS carded,
         (SELECT COUNT(*) FROM prereg_entries e WHERE e.list_id = l.id AND ${RECORDED_NIK}) AS recorded
       FROM prereg_lists l JOIN users u ON u.id = l.imported_by ORDER BY l.imported_at DESC`,
    )
    .all() as ListRowDb[];
}

export interface EntryRow {
  id: string;
  listId: string;
  row: number;
  nik: string;
  name: string;
  address: string;
  phone: string | null;
  cardId: string | null;
  cardNumberLane: 'regular' | 'priority' | null;
  cardSeq: number | null;
  cardDate: string | null;
  recorded: number;
}

const ENTRY = `SELECT e.id, e.list_id AS listId, e.row, e.nik, e.name, e.address, e.phone,
  c.id AS cardId, c.lane AS cardNumberLane, c.seq AS cardSeq, c.date AS cardDate,
  ${RECORDED_NIK} AS recorded
  FROM prereg_entries e
  LEFT JOIN queue_cards c ON c.id = (SELECT c2.id FROM queue_cards c2
    WHERE c2.list_entry_id = e.id AND c2.status != 'cancelled' ORDER BY c2.issued_at DESC LIMIT 1)`;

export function listEntries(
  db: Database,
  listId: string | null,
  query: string | null,
  limit: number,
): EntryRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (listId) {
    where.push('e.list_id = ?');
    params.push(listId);
  }
  if (query) {
    if (/^\d+$/.test(query)) {
      where.push(`e.nik LIKE ? ESCAPE '\\'`);
      params.push(`${likeLiteral(query)}%`);
    } else {
      where.push(`e.name LIKE ? ESCAPE '\\'`);
      params.push(`%${likeLiteral(query)}%`);
    }
  }
  return db
    .prepare(
      `${ENTRY} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.list_id, e.row LIMIT ?`,
    )
    .all(...params, limit) as EntryRow[];
}

export function findEntry(db: Database, id: string): EntryRow | null {
  return (db.prepare(`${ENTRY} WHERE e.id = ?`).get(id) as EntryRow | undefined) ?? null;
}

export function insertList(
  db: Database,
  l: Pick<ListRowDb, 'id' | 'name' | 'fileName' | 'importedAt' | 'rejected'> & {
    importedBy: string;
  },
): void {
  db.prepare(
    `INSERT INTO prereg_lists (id, name, file_name, imported_at, imported_by, rejected)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(l.id, l.name, l.fileName, l.importedAt, l.importedBy, l.rejected);
}

export function insertEntries(
  db: Database,
  listId: string,
  entries: readonly Pick<EntryRow, 'id' | 'row' | 'nik' | 'name' | 'address' | 'phone'>[],
): void {
  const ins = db.prepare(
    `INSERT INTO prereg_entries (id, list_id, row, nik, name, address, phone)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of entries) ins.run(e.id, listId, e.row, e.nik, e.name, e.address, e.phone);
}
