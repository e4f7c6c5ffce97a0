// The rows every export reads: recordings of a local-calendar range with their operator and
// packet. Times are stored in UTC; a "day" is the station's local day, as the supervisor sees it.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { exportRowsBetween } from '../../store/exports-repo';
import type { ExportRecordingRow } from '../../store/exports-repo';

export {
  bundleCandidates,
  insertExportLog,
  listExportLog,
  markExported,
} from '../../store/exports-repo';
export type { BundleCandidate, ExportLogInsert } from '../../store/exports-repo';

/** A recording as the exports show it: sex and village read from the resident data. */
export type ExportRow = Omit<ExportRecordingRow, 'residentJson'> & {
  sex: string;
  villageCode: string;
};

/** Longest range one export may cover (a year): keeps files and memory bounded. */
export const MAX_RANGE_DAYS = 366;

export function parseDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date;
}

/** UTC ISO bounds [start, end) of local days from..to; null when invalid or too long. */
export function rangeBounds(from: string, to: string): { start: string; end: string } | null {
  const a = parseDay(from);
  const b = parseDay(to);
  if (!a || !b || a > b) return null;
  const end = new Date(b.getFullYear(), b.getMonth(), b.getDate() + 1);
  if ((end.getTime() - a.getTime()) / 86_400_000 > MAX_RANGE_DAYS + 1) return null;
  return { start: a.toISOString(), end: end.toISOString() };
}

export function listExportRows(db: Database, start: string, end: string): ExportRow[] {
  return exportRowsBetween(db, start, end).map(({ residentJson, ...r }) => {
    let sex = '';
    let villageCode = '';
    try {
      const res = JSON.parse(residentJson) as { sex?: unknown; villageCode?: unknown };
      sex = typeof res.sex === 'string' ? res.sex : '';
      villageCode = typeof res.villageCode === 'string' ? res.villageCode : '';
    } catch {
      // A damaged JSON column leaves the two cells empty rather than failing the export.
    }
    return { ...r, sex, villageCode };
  });
}
