import { strFromU8, unzipSync } from 'fflate';
import { cleanNumber } from '../../domain/nik';
import type { Locale } from '../../domain/messages';
import type { RejectedRow } from '../../api/contract-queue';
import { nikProblem, normalizePhone, qmsg } from './messages';

/**
 * Pre-registration lists as villages and Dukcapil send them: CSV (comma or semicolon — Excel
 * in Indonesian locale writes ';') or XLSX (first worksheet). Every row is checked on its own;
 * good rows are kept and bad ones come back with the row number and why.
 */

export interface ListRow {
  /** 1-based row number in the file (the header is row 1 when it is the first row). */
  row: number;
  cells: string[];
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

const HEADER: Record<'nik' | 'name' | 'address' | 'phone', RegExp> = {
  nik: /^(nik|no\.?\s*nik|nomor\s*induk\s*kependudukan)$/,
  name: /^(nama|name|nama\s*lengkap)$/,
  address: /^(alamat|address)$/,
  phone: /^(telepon|telp\.?|no\.?\s*(hp|telp\.?|telepon)|hp|phone|nomor\s*hp|wa|whatsapp)$/,
};

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  );
}

/** Reads rows from CSV text: quotes, doubled quotes, newlines in quotes, BOM, `,` or `;`. */
export function parseCsv(text: string): ListRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const delim =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: ListRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delim) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ row: rowStart, cells });
      cells = [];
      cell = '';
      line++;
      rowStart = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ row: rowStart, cells });
  }
  return rows;
}

const xmlText = (s: string): string =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Reads the first worksheet of an XLSX (a zip of SpreadsheetML parts): shared strings, inline
 * strings and numbers. A NIK typed as a number in Excel arrives as digits (Excel keeps 15
 * significant digits — such a NIK is already wrong in the file, and the row check says so).
 */
export function parseXlsx(bytes: Uint8Array): ListRow[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) =>
        f.name === 'xl/sharedStrings.xml' ||
        f.name.startsWith('xl/worksheets/sheet') ||
        f.name === 'xl/workbook.xml' ||
        f.name === 'xl/_rels/workbook.xml.rels',
    });
  } catch (err) {
    throw new ListFormatError(`zip: ${(err as Error).message}`);
  }
  const shared: string[] = [];
  const ss = files['xl/sharedStrings.xml'];
  if (ss) {
    for (const m of strFromU8(ss).matchAll(/<si>([\s\S]*?)<\/si>/g)) {
      // Rich text runs: the text is every <t> inside the item, phonetic runs excluded.
      const inner = m[1]!.replace(/<rPh[\s\S]*?<\/rPh>/g, '');
      shared.push(
        [...inner.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1]!)).join(''),
      );
    }
  }
  const sheetName = firstSheetPath(files);
  const sheet = sheetName ? files[sheetName] : undefined;
  if (!sheet) throw new ListFormatError('no worksheet');
  const rows: ListRow[] = [];
  for (const r of strFromU8(sheet).matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNum = Number(/\br="(\d+)"/.exec(r[1]!)?.[1] ?? rows.length + 1);
    const cells: string[] = [];
    let next = 0;
    for (const c of (r[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const col = ref ? columnIndex(ref) : next;
      next = col + 1;
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const body = c[2] ?? '';
      let value = '';
      if (type === 's') value = shared[Number(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1])] ?? '';
      else if (type === 'inlineStr')
        value = [...body.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1]!)).join('');
      else value = xmlText(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '');
      while (cells.length < col) cells.push('');
      cells[col] = value;
    }
    rows.push({ row: rowNum, cells });
  }
  return rows;
}

function firstSheetPath(files: Record<string, Uint8Array>): string | null {
  const wb = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (wb && rels) {
    const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(strFromU8(wb))?.[1];
    const target = rid
      ? (new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(
          strFromU8(rels),
        )?.[1] ??
        new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(
          strFromU8(rels),
        )?.[1])
      : undefined;
    if (target) {
      const p = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      if (files[p]) return p;
    }
  }
  const sheets = Object.keys(files)
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]));
  return sheets[0] ?? null;
}

/** Finds the header among the first rows and checks every data row. */
export function validateRows(rows: readonly ListRow[], locale: Locale): ParsedList {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonEmpty.length === 0) throw new ListFormatError(qmsg(locale, 'listEmpty'), true);
  const headerAt = nonEmpty.slice(0, 5).findIndex((r) => findColumns(r.cells).nik >= 0);
  const header = nonEmpty[headerAt];
  if (!header) throw new ListFormatError(qmsg(locale, 'listHeader'), true);
  const cols = findColumns(header.cells);
  if (cols.name < 0) throw new ListFormatError(qmsg(locale, 'listHeader'), true);

  const entries: GoodEntry[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  for (const r of nonEmpty.slice(headerAt + 1)) {
    const cell = (i: number) => (i >= 0 ? (r.cells[i] ?? '').trim() : '');
    const rawNik = cell(cols.nik);
    const name = cell(cols.name).replace(/\s+/g, ' ').toUpperCase();
    const address = cell(cols.address).replace(/\s+/g, ' ');
    const rawPhone = cell(cols.phone);
    const reject = (reason: string) =>
      rejected.push({ row: r.row, reason, nik: rawNik.slice(0, 32), name: name.slice(0, 120) });
    // A leading apostrophe is how spreadsheets keep a long number as text.
    const nik = cleanNumber(rawNik.replace(/^'/, ''));
    const nikBad = nikProblem(nik, locale);
    if (nikBad) {
      reject(nikBad);
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
    if (rawPhone !== '') {
      phone = normalizePhone(rawPhone);
      if (!phone) {
        reject(qmsg(locale, 'phoneBad', { phone: rawPhone.slice(0, 24) }));
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
  return { entries, rejected };
}

function findColumns(cells: readonly string[]): Record<keyof typeof HEADER, number> {
  const norm = cells.map((c) => c.trim().toLowerCase().replace(/\s+/g, ' '));
  const find = (re: RegExp) => norm.findIndex((c) => re.test(c));
  return {
    nik: find(HEADER.nik),
    name: find(HEADER.name),
    address: find(HEADER.address),
    phone: find(HEADER.phone),
  };
}

/** CSV or XLSX by content (a zip is XLSX whatever the name says). */
export function parseListFile(bytes: Uint8Array, locale: Locale): ParsedList {
  let rows: ListRow[];
  if (isZip(bytes)) rows = parseXlsx(bytes);
  else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Older Excel saves CSV as Windows-1252.
      text = new TextDecoder('windows-1252').decode(bytes);
    }
    if (text.includes('\u0000')) throw new ListFormatError('binary');
    rows = parseCsv(text);
  }
  return validateRows(rows, locale);
}
