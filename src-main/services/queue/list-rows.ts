import { cleanNumber } from '../../domain/nik';
import type { Locale } from '../../domain/i18n';
import type { RejectedRow } from '../../api/contract-queue';
import { nikProblem, normalizePhone, qmsg } from './messages';

/**
 * The rows of a pre-registration list, whatever file they came from: the header found among the
 * first rows, then every data row checked on its own. A NIK or KK that reached the file as a
 * number has already lost digits, so such rows are refused with what to do.
 */

/** One cell as the file holds it: its text, and whether the file stored it as a number. */
export interface ListCell {
  text: string;
  numeric: boolean;
}

export interface ListRow {
  /** The row number the spreadsheet shows (1-based). */
  row: number;
  cells: ListCell[];
}

export interface GoodEntry {
  row: number;
  nik: string;
  name: string;
  address: string;
  phone: string | null;
}

export interface ParsedList {
  entries: GoodEntry[];
  rejected: RejectedRow[];
  /** Header cells of the columns that were not read, as the file names them. */
  unusedColumns: string[];
  /** The sheet read (XLSX), null for CSV. */
  sheet: string | null;
  /** Every worksheet of an XLSX, in order; empty for CSV. */
  sheets: string[];
}

/** `forOperator`: the message is already the operator's text; otherwise it is a technical detail. */
export class ListFormatError extends Error {
  constructor(
    message: string,
    readonly forOperator = false,
  ) {
    super(message);
  }
}

/** Rows and columns a list may have: far above a village list, far below what hurts. */
export const MAX_LIST_ROWS = 50_000;
export const MAX_LIST_COLUMNS = 200;

type Column = 'nik' | 'kk' | 'name' | 'address' | 'phone';

/** Header variants after normalising (lower case, punctuation to spaces): "NO. HP/WA" → "no hp wa". */
const HEADER: Record<Column, RegExp> = {
  nik: /^(nik|nik ktp|no nik|nomor nik|no ktp|nomor ktp|no ktp el|no e ktp|nomor induk kependudukan|no induk kependudukan)$/,
  kk: /^(kk|nkk|no kk|nomor kk|no kartu keluarga|nomor kartu keluarga)$/,
  name: /^(nama|name|nama lengkap|nama penduduk|nama warga|nama pemohon|nama sesuai ktp|nama sesuai kk)$/,
  address: /^(alamat( [a-z0-9 ]*)?|address)$/,
  phone:
    /^(telepon|telp|tlp|phone|hp|wa|whatsapp|handphone|kontak|(no|nomor) (telepon|telp|tlp|hp|wa|whatsapp|handphone|kontak)|(no |nomor )?(hp|telp|telepon) (wa|whatsapp|hp)|no hp wa|hp wa)$/,
};

export const normalizeHeader = (h: string): string =>
  h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

type Columns = Record<Column, number>;

function findColumns(cells: readonly ListCell[]): Columns {
  const norm = cells.map((c) => normalizeHeader(c.text));
  const find = (re: RegExp) => norm.findIndex((c) => re.test(c));
  return {
    nik: find(HEADER.nik),
    kk: find(HEADER.kk),
    name: find(HEADER.name),
    address: find(HEADER.address),
    phone: find(HEADER.phone),
  };
}

export const nonEmpty = (rows: readonly ListRow[]) =>
  rows.filter((r) => r.cells.some((c) => c.text.trim() !== ''));

/** The header among the first rows (title rows above it are skipped). */
export function findHeader(rows: readonly ListRow[]): { at: number; cols: Columns } | null {
  const candidates = nonEmpty(rows).slice(0, 10);
  for (const r of candidates) {
    const cols = findColumns(r.cells);
    if (cols.nik >= 0 && cols.name >= 0) return { at: rows.indexOf(r), cols };
  }
  return null;
}

/** A NIK or KK that went through a number: scientific notation, decimals, float-rounded zeros. */
function lookedLikeNumber(cell: ListCell): boolean {
  if (cell.numeric) return true;
  const s = cell.text.trim();
  if (/^\d+(?:[.,]\d+)?\s*[eE]\s*\+?\s*\d+$/.test(s)) return true;
  if (/^\d{12,17}[.,]0+$/.test(s)) return true;
  // Excel keeps 15 significant digits: a 16-digit number ends in 0; "…0000" is never a NIK.
  return /^\d{12}0000$/.test(cleanNumber(s));
}

/**
 * Phone numbers kept as text with their leading 0 or +. A phone cell the spreadsheet stored as a
 * number lost them: 81234567890 was 081234567890, 6281234567890 was +6281234567890.
 */
function phoneOf(cell: ListCell): string | null {
  const p = normalizePhone(cell.text);
  if (!p || !cell.numeric) return p;
  if (/^8\d{7,12}$/.test(p)) return `0${p}`;
  if (/^62\d{8,13}$/.test(p)) return `+${p}`;
  return p;
}

/** Finds the header among the first rows and checks every data row. */
export function validateRows(
  rows: readonly ListRow[],
  locale: Locale,
): Omit<ParsedList, 'sheet' | 'sheets'> {
  if (nonEmpty(rows).length === 0) throw new ListFormatError(qmsg(locale, 'listEmpty'), true);
  const header = findHeader(rows);
  if (!header) throw new ListFormatError(qmsg(locale, 'listHeader'), true);
  const { cols } = header;
  const headerCells = rows[header.at]!.cells;
  const used = new Set(Object.values(cols).filter((i) => i >= 0));
  const unusedColumns = headerCells
    .map((c, i) => (used.has(i) ? '' : c.text.trim()))
    .filter((h) => h !== '');

  const entries: GoodEntry[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  const empty: ListCell = { text: '', numeric: false };
  for (const r of nonEmpty(rows.slice(header.at + 1))) {
    const at = (i: number): ListCell => (i >= 0 ? (r.cells[i] ?? empty) : empty);
    const text = (i: number) => at(i).text.trim();
    const rawNik = text(cols.nik);
    const name = text(cols.name).replace(/\s+/g, ' ').toUpperCase();
    const address = text(cols.address).replace(/\s+/g, ' ');
    const reject = (reason: string) =>
      rejected.push({ row: r.row, reason, nik: rawNik.slice(0, 32), name: name.slice(0, 120) });
    if (lookedLikeNumber(at(cols.nik))) {
      reject(qmsg(locale, 'nikAsNumber'));
      continue;
    }
    // A leading apostrophe is how spreadsheets keep a long number as text.
    const nik = cleanNumber(rawNik.replace(/^'/, ''));
    const nikBad = nikProblem(nik, locale);
    if (nikBad) {
      reject(nikBad);
      continue;
    }
    const kk = cleanNumber(text(cols.kk).replace(/^'/, ''));
    if (kk !== '' && lookedLikeNumber(at(cols.kk))) {
      reject(qmsg(locale, 'kkAsNumber'));
      continue;
    }
    if (kk !== '' && !/^\d{16}$/.test(kk)) {
      reject(qmsg(locale, 'kkBad', { length: kk.length }));
      continue;
    }
    if (name === '') {
      reject(qmsg(locale, 'rowNameMissing'));
      continue;
    }
    if (name.length > 120) {
      reject(qmsg(locale, 'rowNameLong'));
      continue;
    }
    if (address.length > 200) {
      reject(qmsg(locale, 'rowAddressLong'));
      continue;
    }
    let phone: string | null = null;
    if (text(cols.phone) !== '') {
      phone = phoneOf(at(cols.phone));
      if (!phone) {
        reject(qmsg(locale, 'phoneBad', { phone: text(cols.phone).slice(0, 24) }));
        continue;
      }
    }
    const dup = seen.get(nik);
    if (dup !== undefined) {
      reject(qmsg(locale, 'rowDuplicate', { row: dup }));
      continue;
    }
    seen.set(nik, r.row);
    entries.push({ row: r.row, nik, name, address, phone });
  }
  return { entries, rejected, unusedColumns };
}
