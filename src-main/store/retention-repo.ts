// Retention deletes (UU 27/2022): the biometric parts of one recording go; what reports and the
// supervisor need stays (status, times, counts, quality figures, reasons). Storage figures for the
// technician come from SQLite's dbstat table.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { StorageCategory } from '../domain/records';

/**
 * Deletes the photo, finger images and templates, attempts and signature ink of a recording.
 * Image columns are NOT NULL in the capture schemas; an empty blob marks "deleted".
 */
export function purgeBiometrics(db: Database, recordingId: string): void {
  db.prepare("UPDATE photos SET jpeg = X'', thumb = X'' WHERE recording_id = ?").run(recordingId);
  db.prepare('DELETE FROM photo_attempts WHERE recording_id = ?').run(recordingId);
  db.prepare(
    `UPDATE fingerprints SET image_png = CASE WHEN image_png IS NULL THEN NULL ELSE X'' END,
       template = NULL WHERE recording_id = ?`,
  ).run(recordingId);
  db.prepare('DELETE FROM finger_attempts WHERE recording_id = ?').run(recordingId);
  // Ink and time series go; counts and duration stay. An empty blob keeps the "signed" marker.
  db.prepare(
    `UPDATE signatures SET points = NULL,
       image = CASE WHEN image IS NULL THEN NULL ELSE X'' END WHERE recording_id = ?`,
  ).run(recordingId);
}

/**
 * An abandoned draft's captures go entirely: it was never sealed, so no figure depends on them,
 * and a draft reopened later simply asks for its captures again (no empty "accepted" photo).
 */
export function deleteDraftCaptures(db: Database, recordingId: string): void {
  for (const table of [
    'photo_attempts',
    'photos',
    'finger_attempts',
    'fingerprints',
    'signatures',
  ]) {
    // Table names are the constants above, never input.
    db.prepare(`DELETE FROM ${table} WHERE recording_id = ?`).run(recordingId);
  }
}

/** Drafts nobody touched since `beforeIso` whose captures are still held (partial index). */
export function abandonedDrafts(db: Database, beforeIso: string, limit: number): string[] {
  return (
    db
      .prepare(
        `SELECT id FROM recordings WHERE status = 'draft' AND purged_at IS NULL
         AND updated_at <= ? ORDER BY updated_at LIMIT ?`,
      )
      .all(beforeIso, limit) as { id: string }[]
  ).map((r) => r.id);
}

export function markRecordingPurged(db: Database, recordingId: string, at: string): void {
  db.prepare('UPDATE recordings SET purged_at = ? WHERE id = ?').run(at, recordingId);
}

/** Returns up to `pages` free pages to the file system; 0 when auto-vacuum is not incremental. */
export function reclaimFreePages(db: Database, pages: number): number {
  const before = db.pragma('freelist_count', { simple: true }) as number;
  if ((db.pragma('auto_vacuum', { simple: true }) as number) !== 2 || before === 0) return 0;
  db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(pages))})`);
  return before - (db.pragma('freelist_count', { simple: true }) as number);
}

export interface StorageFigures {
  pageSize: number;
  fileBytes: number;
  freeBytes: number;
  autoVacuum: 'none' | 'full' | 'incremental';
  /**
   * Bytes of biometrics and packets held, by category; `rest` is everything else in the file
   * (recordings, queue, audit, indexes, page overhead).
   */
  categories: Record<StorageCategory, number>;
}

/** What each category sums: biometric and packet columns, per table. */
const CATEGORY_SUMS: [Exclude<StorageCategory, 'rest'>, string, string][] = [
  ['photos', 'photos', 'length(jpeg) + length(thumb)'],
  ['photos', 'photo_attempts', 'length(jpeg) + length(thumb)'],
  ['fingerprints', 'fingerprints', 'IFNULL(length(image_png), 0) + IFNULL(length(template), 0)'],
  ['fingerprints', 'finger_attempts', 'length(image_png) + IFNULL(length(template), 0)'],
  ['signatures', 'signatures', 'IFNULL(length(points), 0) + IFNULL(length(image), 0)'],
  ['packets', 'outbox_packets', 'length(bytes)'],
];
/**
 * Rows summed per step: a few milliseconds of main at most, whatever the history (a finger row
 * keeps up to 4 KB of its image on the table's own page, so 20,000 rows took ~200 ms of CPU).
 */
const SUM_STEP_ROWS = 1_000;

/**
 * Size by category. `length()` of a blob is read from the record header, so the sums visit the
 * tables' leaf pages only, never the images' overflow pages; they still visit every row ever
 * written (ten finger rows a recording), so they go in rowid steps with `breathe()` between —
 * main is never held for long, on a station of any age.
 */
export async function storageFigures(
  db: Database,
  breathe: () => Promise<void> = async () => {},
): Promise<StorageFigures> {
  const sums: Record<Exclude<StorageCategory, 'rest'>, number> = {
    photos: 0,
    fingerprints: 0,
    signatures: 0,
    packets: 0,
  };
  for (const [category, table, expr] of CATEGORY_SUMS) {
    // Table names and expressions are the constants above, never input.
    const max = (db.prepare(`SELECT MAX(rowid) AS m FROM ${table}`).get() as { m: number | null })
      .m;
    const step = db.prepare(
      `SELECT SUM(${expr}) AS n FROM ${table} WHERE rowid > ? AND rowid <= ?`,
    );
    for (let lo = 0; max !== null && lo < max; lo += SUM_STEP_ROWS) {
      sums[category] += (step.get(lo, lo + SUM_STEP_ROWS) as { n: number | null }).n ?? 0;
      await breathe();
    }
  }
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const av = db.pragma('auto_vacuum', { simple: true }) as number;
  const fileBytes = pageSize * pageCount;
  const freeBytes = pageSize * free;
  const held = sums.photos + sums.fingerprints + sums.signatures + sums.packets;
  return {
    pageSize,
    fileBytes,
    freeBytes,
    autoVacuum: av === 2 ? 'incremental' : av === 1 ? 'full' : 'none',
    categories: { ...sums, rest: Math.max(0, fileBytes - freeBytes - held) },
  };
}

export interface StorageSample {
  day: string;
  at: string;
  fileBytes: number;
  freeBytes: number;
  categories: Record<StorageCategory, number>;
}

export function saveStorageSample(db: Database, day: string, at: string, f: StorageFigures): void {
  db.prepare(
    `INSERT INTO storage_samples (day, at, file_bytes, free_bytes, categories_json)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET at = excluded.at,
       file_bytes = excluded.file_bytes, free_bytes = excluded.free_bytes,
       categories_json = excluded.categories_json`,
  ).run(day, at, f.fileBytes, f.freeBytes, JSON.stringify(f.categories));
}

export function hasStorageSample(db: Database, day: string): boolean {
  return db.prepare('SELECT 1 FROM storage_samples WHERE day = ?').get(day) !== undefined;
}

/** The last `limit` daily samples, oldest first. */
export function storageTrend(db: Database, limit: number): StorageSample[] {
  const rows = db
    .prepare(
      `SELECT day, at, file_bytes AS fileBytes, free_bytes AS freeBytes,
         categories_json AS categoriesJson FROM storage_samples ORDER BY day DESC LIMIT ?`,
    )
    .all(limit) as (Omit<StorageSample, 'categories'> & { categoriesJson: string })[];
  return rows.reverse().map(({ categoriesJson, ...r }) => ({
    ...r,
    categories: JSON.parse(categoriesJson) as Record<StorageCategory, number>,
  }));
}

/** Re-analyses what the planner's statistics miss (cheap when nothing changed). */
export function optimizeStore(db: Database): void {
  db.pragma('optimize');
}
