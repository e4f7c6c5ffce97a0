// The supervisor's table as XLSX, written and read back with exceljs: a header row in bold and
// frozen, NIK and codes as text cells (a 16-digit NIK must never become 3.20101E+15), and the
// recording times as real date cells a spreadsheet can sort and filter.

/** exceljs loads on first use (a second or more at start-up on a slow laptop; login needs none). */
export async function excelWorkbook() {
  return (await import('exceljs')).default.Workbook;
}

/** Columns holding times ("2025-06-10 09.05" in the table) written as date cells. */
export const DATE_COLUMNS = ['Dibuat', 'Disegel'];
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

/** "2025-06-10 09.05" (station-local) → a Date whose UTC fields are that wall-clock time. */
function stampToCell(stamp: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2})\.(\d{2})$/.exec(stamp);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi));
}

function cellToStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}.${p(d.getUTCMinutes())}`;
}

export async function writeXlsx(
  sheetName: string,
  rows: string[][],
  created: Date,
): Promise<Buffer> {
  const wb = new (await excelWorkbook())();
  wb.creator = 'Rekam';
  wb.created = created;
  wb.modified = created;
  const ws = wb.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const header = rows[0] ?? [];
  const isDate = header.map((h) => DATE_COLUMNS.includes(h));
  ws.columns = header.map((h, c) => ({
    width: isDate[c] ? 17 : Math.min(60, Math.max(8, ...rows.map((r) => (r[c] ?? '').length + 2))),
    // '@' is the Text format: what is typed into the column later stays text too.
    style: { numFmt: isDate[c] ? DATE_FORMAT : '@' },
  }));
  rows.forEach((r, i) => {
    const values = r.map((v, c) => (i > 0 && isDate[c] ? stampToCell(v) : v));
    ws.addRow(values);
  });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface XlsxReadBack {
  rows: string[][];
  /** Data cells of the date columns that are not date cells. */
  notDates: number;
  /** Data cells that are numbers (the table writes none: NIKs and codes are text). */
  numbers: number;
}

/** Reads the first sheet back with exceljs; date cells come back as "YYYY-MM-DD HH.MM". */
export async function readXlsx(bytes: Uint8Array): Promise<XlsxReadBack> {
  const wb = new (await excelWorkbook())();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('xlsx: no sheet');
  const out: XlsxReadBack = { rows: [], notDates: 0, numbers: 0 };
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const width = header.length;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const v = row.getCell(c).value;
      const dateCol = r > 1 && DATE_COLUMNS.includes(header[c - 1]!);
      if (v instanceof Date) cells.push(cellToStamp(v));
      else {
        if (dateCol && v !== null && v !== undefined && v !== '') out.notDates++;
        if (typeof v === 'number') out.numbers++;
        cells.push(v === null || v === undefined ? '' : String(v));
      }
    }
    out.rows.push(cells);
  }
  return out;
}
