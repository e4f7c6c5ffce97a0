import type ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { excelWorkbook } from '../exports/xlsx';
import { ZipError, unzipBounded } from './list-zip';
import { ListFormatError, MAX_LIST_COLUMNS, MAX_LIST_ROWS } from './list-rows';
import type { ListCell, ListRow } from './list-rows';

/** XLSX lists: every worksheet read through exceljs after a bounded unzip. */

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  );
}

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

export interface Sheet {
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
