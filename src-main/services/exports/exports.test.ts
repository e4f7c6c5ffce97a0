import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../domain/nik';
import type { Station } from '../station/station';
import {
  SUPERVISOR,
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  validResident,
} from '../../../test/helpers/station';
import ExcelJS from 'exceljs';
import { parseCsv, writeCsv } from './csv';
import { openStore } from '../../../test/helpers/sync-fixtures';
import { checkPdf, operatorTotals } from './daily-report';
import type { ExportRow } from './data';
import { readXlsx, writeXlsx } from './xlsx';

let dir: { dir: string; cleanup: () => void };
let station: Station;
const today = localIsoDate(new Date());
const NIKS = ['3201011205900001', '3201015205900002', '3201011205900003'];

beforeEach(async () => {
  dir = tempDir('rekam-exports-');
  station = openTestStation(dir.dir, { faceDetector: null });
  await setUpStation(station);
  await addUser(station, 'ani', 'operator');
  await addUser(station, 'budi', 'operator');
  for (const [i, nik] of NIKS.entries()) {
    await loginAs(station, i === 2 ? 'budi' : 'ani');
    await must(station, 'recordings.saveDraft', {
      resident: validResident({
        nik,
        name: `Warga ${'ABC'[i]}`,
        sex: i === 1 ? 'PEREMPUAN' : 'LAKI-LAKI',
      }),
    });
  }
  await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
});

afterEach(() => {
  station.close();
  dir.cleanup();
});

describe('exports', () => {
  it('daily report: A4 PDF with per-operator totals, masked NIKs and both signature lines', async () => {
    // One of ani's recordings was rejected by the supervisor: it is not finished work.
    const db = openStore(dir.dir);
    db.prepare("UPDATE recordings SET status = 'rejected' WHERE nik = ?").run(NIKS[0]);
    db.close();
    const progress: number[] = [];
    station.on('export.progress', (p) => progress.push(p.percent));
    const r = await must(station, 'exports.dailyReport', {
      date: today,
      headTitle: 'Camat',
      headName: 'Drs. Ahmad Fauzi',
    });
    expect(r.kind).toBe('pdf');
    expect(r.rows).toBe(3);
    expect(r.pages).toBe(1);
    expect(r.verification.ok).toBe(true);
    expect(progress.at(-1)).toBe(100);
    const pdf = Buffer.from(r.base64, 'base64');
    const file = join(dir.dir, r.fileName);
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('LAPORAN HARIAN PEREKAMAN KTP-el');
    expect(text).toMatch(/Pengguna ani \(ani\)\s+0\s+1\s+1\s+2/);
    expect(text).toMatch(/Total\s+0\s+1\s+2\s+3/);
    expect(text).toContain('Total perekaman selesai: 0');
    expect(text).toContain('Total perekaman ditolak supervisor (diulang): 1');
    expect(text).toContain('3201********0001');
    expect(text).not.toContain(NIKS[0]);
    expect(text).toContain('Camat');
    expect(text).toContain('Drs. Ahmad Fauzi');
    expect(text).toContain(SUPERVISOR.fullName);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);
  });

  it('daily report totals: only sealed, approved and uploaded recordings count as finished', () => {
    const row = (status: ExportRow['status'], operator = 'ani'): ExportRow => ({
      id: status,
      status,
      nik: NIKS[0]!,
      name: 'Warga',
      sex: '',
      villageCode: '',
      operator,
      operatorName: operator,
      createdAt: '2025-06-10T02:00:00.000Z',
      sealedAt: null,
      packetId: null,
      centralStatus: null,
      exportedAt: null,
    });
    const rows = (['draft', 'sealed', 'approved', 'rejected', 'uploaded'] as const).map((s) =>
      row(s),
    );
    expect(operatorTotals([...rows, row('rejected', 'budi')])).toEqual([
      { operator: 'ani', operatorName: 'ani', finished: 3, rejected: 1, drafts: 1 },
      { operator: 'budi', operatorName: 'budi', finished: 0, rejected: 1, drafts: 0 },
    ]);
  });

  it('a cut PDF fails the read-back check', async () => {
    const r = await must(station, 'exports.dailyReport', { date: today });
    const pdf = Buffer.from(r.base64, 'base64');
    expect(checkPdf(pdf)).toMatchObject({
      pages: 1,
      allA4: true,
      titleFound: true,
      streamsOk: true,
    });
    expect(checkPdf(pdf.subarray(0, pdf.length - 200)).streamsOk).toBe(false);
  });

  it('CSV: metadata only, NIKs masked by default; `;` and a BOM for Indonesian spreadsheets', async () => {
    const r = await must(station, 'exports.table', { from: today, to: today, format: 'csv' });
    const raw = Buffer.from(r.base64, 'base64');
    expect(raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(raw.toString('utf8', 3, 12)).toBe('"No";"ID ');
    const rows = parseCsv(raw);
    expect(rows.length).toBe(4);
    const header = rows[0]!.join(' ').toLowerCase();
    for (const w of ['foto', 'sidik', 'tanda tangan', 'photo', 'finger', 'signature']) {
      expect(header).not.toContain(w);
    }
    const nikCol = rows[0]!.indexOf('NIK');
    expect(rows.slice(1).map((row) => row[nikCol])).toEqual(
      NIKS.map((n) => `${n.slice(0, 4)}********${n.slice(12)}`),
    );
    const audit = await must(station, 'audit.list', { limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'export.table', target: r.fileName });
  });

  it('XLSX with "NIK lengkap": full NIKs as text, audit-logged', async () => {
    const r = await must(station, 'exports.table', {
      from: today,
      to: today,
      format: 'xlsx',
      fullNik: true,
    });
    const bytes = Buffer.from(r.base64, 'base64');
    const { rows, notDates, numbers } = await readXlsx(bytes);
    expect({ notDates, numbers }).toEqual({ notDates: 0, numbers: 0 });
    const nikCol = rows[0]!.indexOf('NIK');
    expect(rows.slice(1).map((row) => row[nikCol])).toEqual(NIKS);
    // Straight from exceljs: the NIK is a text cell, "Dibuat" a date cell with a date format.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const created = rows[0]!.indexOf('Dibuat') + 1;
    expect(ws.getRow(2).getCell(nikCol + 1).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(2).getCell(created).type).toBe(ExcelJS.ValueType.Date);
    expect(ws.getRow(2).getCell(created).numFmt).toBe('yyyy-mm-dd hh:mm');
    const audit = await must(station, 'audit.list', { limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'export.table-full-nik' });
    expect(JSON.stringify(audit)).not.toContain(NIKS[0]);
    const log = await must(station, 'exports.log', {});
    expect(log[0]).toMatchObject({ kind: 'xlsx', rows: 3, fullNik: true });
  });

  it('refuses bad ranges and operators', async () => {
    const bad = await station.call('exports.table', {
      from: today,
      to: '2000-01-01',
      format: 'csv',
    });
    expect(bad.ok).toBe(false);
    const none = await station.call('exports.bundle', { from: today, to: today, folder: dir.dir });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.code).toBe('NOT_FOUND');
    await loginAs(station, 'ani');
    const forbidden = await station.call('exports.table', {
      from: today,
      to: today,
      format: 'csv',
    });
    expect(forbidden.ok).toBe(false);
    if (!forbidden.ok) expect(forbidden.error.code).toBe('FORBIDDEN');
  });

  it('CSV and XLSX writers round-trip awkward text; formulas are defused', async () => {
    const rows = [
      ['a', 'b'],
      ['=1+1', 'koma, "kutip"\nbaris; titik koma'],
      ['<&>', 'Ñandú'],
      ['3201011205900001', 'ṢALIḤ BIN ʿUMAR'],
    ];
    for (const delimiter of [';', ','] as const) {
      expect(parseCsv(writeCsv(rows, { delimiter, textColumns: [0] }))).toEqual([
        rows[0],
        ["'=1+1", rows[1]![1]],
        rows[2],
        ['\t3201011205900001', rows[3]![1]],
      ]);
    }
    expect((await readXlsx(await writeXlsx('S', rows, new Date()))).rows).toEqual(rows);
  });

  it('CSV with `,` when asked', async () => {
    const r = await must(station, 'exports.table', {
      from: today,
      to: today,
      format: 'csv',
      delimiter: ',',
    });
    expect(Buffer.from(r.base64, 'base64').toString('utf8', 3, 12)).toBe('"No","ID ');
  });
});
