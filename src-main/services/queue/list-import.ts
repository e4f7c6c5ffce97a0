import type { Locale } from '../../domain/i18n';
import type { ListInspection } from '../../api/contract-queue';
import { decodeText, parseCsvText } from './list-csv';
import { ListFormatError, findHeader, nonEmpty, validateRows } from './list-rows';
import type { ParsedList } from './list-rows';
import { isZip, readXlsxSheets } from './list-xlsx';
import type { Sheet } from './list-xlsx';
import { qmsg } from './messages';

/**
 * Pre-registration lists as villages and Dukcapil send them, parsed without ever changing a NIK:
 * CSV (list-csv.ts) or XLSX (list-xlsx.ts, any sheet, the user picks) by content, then every row
 * checked on its own (list-rows.ts); row numbers are the spreadsheet's. The station runs this in
 * a worker thread with a time limit (list-import-run.ts); it is pure and callable directly.
 */

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
