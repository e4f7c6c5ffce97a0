import { parse as parseCsvSync } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { cleanNumber } from '../../domain/nik';
import type { Locale } from '../../domain/i18n';
import type { ListInspection, RejectedRow } from '../../api/contract-queue';
import { excelWorkbook } from '../exports/xlsx';
import { ZipError, unzipBounded } from './list-zip';
import { nikProblem, normalizePhone, qmsg } from './messages';

/**
 * Pre-registration lists as villages and Dukcapil send them, parsed without ever changing a NIK:
 * CSV (UTF-8 with or without BOM, UTF-16 or Windows-1252; `,` `;` or tab) through csv-parse, and
 * XLSX (any sheet, the user picks) through exceljs after a bounded unzip. A NIK or KK that
 * reached the file as a number has already lost digits, so such rows are refused with what to
 * do. Every row is checked on its own; row numbers are the spreadsheet's. The station runs this
 * in a worker thread with a time limit (list-import-run.ts); it is pure and callable directly.
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

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  );
}

// ---- Text files ----------------------------------------------------------------------------

/** Windows-1252 0x80–0x9F (TextDecoder('windows-1252') in Node gives C1 controls there). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const part = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b,
    );
    s += String.fromCharCode(...part);
  }
  return s;
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 (older Excel "CSV"). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8' };
  }
  if (b[0] === 0xff && b[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le' };
  }
  if (b[0] === 0xfe && b[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(b), encoding: 'windows-1252' };
  }
}

/** Counts `delim` per record in the first records (quotes respected). */
function fieldCounts(text: string, delim: string, records: number): number[] {
  const counts: number[] = [];
  let n = 0;
  let quoted = false;
  let blank = true;
  for (let i = 0; i < text.length && counts.length < records; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === delim) n++;
    else if (c === '\n' || c === '\r') {
      if (!blank) counts.push(n);
      n = 0;
      blank = true;
      continue;
    }
    blank = false;
  }
  if (!blank && counts.length < records) counts.push(n);
  return counts;
}

/** `,` `;` or tab: the one that splits the first records into the same number of fields most often. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let best: { d: ',' | ';' | '\t'; score: number } = { d: ',', score: -1 };
  for (const d of [';', ',', '\t'] as const) {
    const counts = fieldCounts(text, d, 30).filter((n) => n > 0);
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    let score = 0;
    for (const [n, f] of freq) score = Math.max(score, f * 1000 + Math.min(n, 999));
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

export function parseCsvText(text: string): ListRow[] {
  if (text.includes('\u0000')) throw new ListFormatError('binary');
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parseCsvSync(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: 64 * 1024,
      to: MAX_LIST_ROWS + 1,
    }) as string[][];
  } catch (err) {
    throw new ListFormatError(`csv: ${(err as Error).message.slice(0, 60)}`);
  }
  if (records.length > MAX_LIST_ROWS) throw new ListFormatError('tooManyRows');
  // A spreadsheet shows one row per record (even with line breaks inside quotes).
  return records.map((cells, i) => ({
    row: i + 1,
    cells: cells.slice(0, MAX_LIST_COLUMNS).map((text) => ({ text, numeric: false })),
  }));
}

// ---- XLSX ----------------------------------------------------------------------------------

/** The parts of an XLSX a list needs; images, themes, macros and the like are never inflated. */
const XLSX_PART =
  /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/worksheets\/[^/]+\.xml)$/;

function cellOf(value: ExcelJS.CellValue): ListCell {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'string') return { text: value, numeric: false };
  if (typeof value === 'number') return { text: String(value), numeric: true };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', numeric: false };
  if (value instanceof Date) {
    return {
      text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10),
      numeric: true,
    };
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return { text: value.richText.map((r) => String(r.text ?? '')).join(''), numeric: false };
    }
    if ('formula' in value || 'sharedFormula' in value) {
      return cellOf((value as { result?: ExcelJS.CellValue }).result ?? null);
    }
    if ('hyperlink' in value) return { text: String(value.text ?? ''), numeric: false };
    if ('error' in value) return { text: String(value.error), numeric: false };
  }
  return { text: '', numeric: false };
}

interface Sheet {
  name: string;
  rows: ListRow[];
}

export async function readXlsxSheets(bytes: Uint8Array): Promise<Sheet[]> {
  let parts: Map<string, Uint8Array>;
  try {
    parts = unzipBounded(bytes, (name) => XLSX_PART.test(name));
  } catch (err) {
    if (err instanceof ZipError) {
      throw new ListFormatError(err.kind === 'tooBig' ? 'tooBig' : `zip: ${err.message}`);
    }
    throw err;
  }
  if (!parts.has('xl/workbook.xml')) throw new ListFormatError('zip: no workbook');
  // Re-packed, stored, with only the bounded parts: all exceljs will ever inflate.
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, data] of parts) files[name] = [data, { level: 0 }];
  files['[Content_Types].xml'] ??= [strToU8('<?xml version="1.0"?><Types/>'), { level: 0 }];
  const wb = new (await excelWorkbook())();
  try {
    await wb.xlsx.load(Buffer.from(zipSync(files)) as unknown as ArrayBuffer);
  } catch (err) {
    throw new ListFormatError(`xlsx: ${String((err as Error)?.message ?? err).slice(0, 60)}`);
  }
  const sheets: Sheet[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state === 'veryHidden') continue;
    const rows: ListRow[] = [];
    ws.eachRow({ includeEmpty: false }, (r, n) => {
      if (rows.length >= MAX_LIST_ROWS) throw new ListFormatError('tooManyRows');
      const values = r.values as ExcelJS.CellValue[];
      const cells: ListCell[] = [];
      const last = Math.min(values.length - 1, MAX_LIST_COLUMNS);
      for (let c = 1; c <= last; c++) cells.push(cellOf(values[c]));
      rows.push({ row: n, cells });
    });
    sheets.push({ name: ws.name, rows });
  }
  if (sheets.length === 0) throw new ListFormatError('xlsx: no worksheet');
  return sheets;
}

// ---- Checking rows -------------------------------------------------------------------------

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

const nonEmpty = (rows: readonly ListRow[]) =>
  rows.filter((r) => r.cells.some((c) => c.text.trim() !== ''));

/** The header among the first rows (title rows above it are skipped). */
function findHeader(rows: readonly ListRow[]): { at: number; cols: Columns } | null {
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

// ---- Whole files ---------------------------------------------------------------------------

async function sheetsOf(bytes: Uint8Array): Promise<{ format: 'csv' | 'xlsx'; sheets: Sheet[] }> {
  if (isZip(bytes)) return { format: 'xlsx', sheets: await readXlsxSheets(bytes) };
  return { format: 'csv', sheets: [{ name: '', rows: parseCsvText(decodeText(bytes).text) }] };
}

const defaultSheet = (sheets: readonly Sheet[]): Sheet =>
  sheets.find((s) => findHeader(s.rows)) ??
  sheets.find((s) => nonEmpty(s.rows).length) ??
  sheets[0]!;

/** What the file holds, before importing: its sheets and which one has a list. */
export async function inspectListFile(bytes: Uint8Array): Promise<ListInspection> {
  const { format, sheets } = await sheetsOf(bytes);
  return {
    format,
    sheets:
      format === 'csv'
        ? []
        : sheets.map((s) => ({
            name: s.name,
            rows: nonEmpty(s.rows).length,
            hasHeader: findHeader(s.rows) !== null,
          })),
    defaultSheet: format === 'csv' ? null : defaultSheet(sheets).name,
  };
}

/**
 * CSV or XLSX by content (a zip is XLSX whatever the name says). `sheet` picks the worksheet;
 * without it, the first sheet with a recognisable header is read.
 */
export async function parseListFile(
  bytes: Uint8Array,
  locale: Locale,
  sheet?: string | null,
): Promise<ParsedList> {
  const { format, sheets } = await sheetsOf(bytes);
  const names = format === 'csv' ? [] : sheets.map((s) => s.name);
  let chosen: Sheet;
  if (format === 'csv') chosen = sheets[0]!;
  else if (sheet) {
    const found = sheets.find((s) => s.name === sheet);
    if (!found) {
      throw new ListFormatError(
        qmsg(locale, 'sheetMissing', { sheet, sheets: names.join(', ') }),
        true,
      );
    }
    chosen = found;
  } else chosen = defaultSheet(sheets);
  try {
    const parsed = validateRows(chosen.rows, locale);
    return { ...parsed, sheet: format === 'csv' ? null : chosen.name, sheets: names };
  } catch (err) {
    // Say which sheet was read when there are several: data may be on another one.
    if (err instanceof ListFormatError && err.forOperator && names.length > 1) {
      throw new ListFormatError(
        `${err.message} ${qmsg(locale, 'sheetRead', { sheet: chosen.name, sheets: names.join(', ') })}`,
        true,
      );
    }
    throw err;
  }
}
