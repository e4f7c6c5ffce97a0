// "Daftar KTP-el siap diambil" as XLSX: a few header lines (kecamatan, village, date, count),
// then the table with its header row bold, frozen and filterable; NIK, RT/RW as text cells (a
// NIK must never become 3.20101E+15), the arrival day a real date cell, the days waiting a
// number. Printed from a spreadsheet it fits A4 width with the header repeated on every page.
// Read back with exceljs before it is handed over.
import { localDay } from '../../domain/format-date';
import { excelWorkbook } from './xlsx';
import type { VillageListData } from './village-list-pdf';
import { VILLAGE_COLUMNS, VILLAGE_LIST_TITLE, villageLabel } from './village-list-pdf';
import { longDate } from './daily-report';

/** The table's header row (1-based): after the title, four facts and a blank line. */
export const VILLAGE_HEADER_ROW = 7;

/** The local arrival day as a date cell (its UTC fields are the calendar day). */
function dayCell(iso: string): Date {
  const c = localDay(new Date(iso));
  return new Date(Date.UTC(c.year, c.month - 1, c.day));
}

const sheetName = (d: VillageListData) =>
  (d.villageName || d.villageCode).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);

export async function writeVillageXlsx(d: VillageListData): Promise<Buffer> {
  const wb = new (await excelWorkbook())();
  wb.creator = 'Rekam';
  wb.created = d.generatedAt;
  wb.modified = d.generatedAt;
  wb.title = VILLAGE_LIST_TITLE;
  const ws = wb.addWorksheet(sheetName(d), {
    views: [{ state: 'frozen', ySplit: VILLAGE_HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${VILLAGE_HEADER_ROW}:${VILLAGE_HEADER_ROW}`,
    },
  });
  ws.columns = [
    { width: 5 },
    { width: 30 },
    { width: 20, style: { numFmt: '@' } },
    { width: 9, style: { numFmt: '@' } },
    { width: 34 },
    { width: 17, style: { numFmt: 'dd-mm-yyyy' } },
    { width: 16 },
  ];
  ws.getCell('A1').value = 'DAFTAR KTP-el SIAP DIAMBIL';
  ws.getCell('A1').font = { bold: true, size: 14 };
  const facts: [string, string][] = [
    ['Kecamatan', d.kecamatanName || '-'],
    ['Desa/Kelurahan', villageLabel(d)],
    ['Per tanggal', longDate(d.generatedAt)],
    ['Jumlah', `${d.rows.length} KTP-el menunggu diambil`],
  ];
  facts.forEach(([k, v], i) => {
    const row = ws.getRow(2 + i);
    row.getCell(1).value = k;
    row.getCell(3).value = v;
    row.getCell(1).font = { bold: true };
    ws.mergeCells(2 + i, 1, 2 + i, 2);
  });
  const header = ws.getRow(VILLAGE_HEADER_ROW);
  header.values = [...VILLAGE_COLUMNS];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  d.rows.forEach((r, i) => {
    ws.getRow(VILLAGE_HEADER_ROW + 1 + i).values = [
      i + 1,
      r.name,
      r.nik,
      r.rtRw,
      r.address,
      dayCell(r.arrivedAt),
      r.days,
    ];
  });
  ws.autoFilter = {
    from: { row: VILLAGE_HEADER_ROW, column: 1 },
    to: { row: VILLAGE_HEADER_ROW + Math.max(1, d.rows.length), column: VILLAGE_COLUMNS.length },
  };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads the file back with exceljs and compares every cell with what was meant: the header,
 * names, NIKs and RT/RW as text, arrival days as dates, days waiting as numbers, the count in
 * the header lines. Returns the problems found (empty: the file is right).
 */
export async function checkVillageXlsx(bytes: Buffer, d: VillageListData): Promise<string[]> {
  const wb = new (await excelWorkbook())();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return ['no sheet'];
  const problems: string[] = [];
  const text = (r: number, c: number) => ws.getRow(r).getCell(c).value ?? '';
  const header = VILLAGE_COLUMNS.map((_, c) => text(VILLAGE_HEADER_ROW, c + 1));
  if (header.join('|') !== VILLAGE_COLUMNS.join('|')) problems.push('header');
  if (text(5, 3) !== `${d.rows.length} KTP-el menunggu diambil`) problems.push('count line');
  if (ws.rowCount !== VILLAGE_HEADER_ROW + d.rows.length) problems.push(`rows ${ws.rowCount}`);
  d.rows.forEach((r, i) => {
    const n = VILLAGE_HEADER_ROW + 1 + i;
    const arrived = text(n, 6);
    const same =
      text(n, 1) === i + 1 &&
      text(n, 2) === r.name &&
      text(n, 3) === r.nik &&
      text(n, 4) === r.rtRw &&
      text(n, 5) === r.address &&
      arrived instanceof Date &&
      arrived.getTime() === dayCell(r.arrivedAt).getTime() &&
      text(n, 7) === r.days;
    if (!same && problems.length < 5) problems.push(`row ${i + 1}`);
  });
  return problems;
}
