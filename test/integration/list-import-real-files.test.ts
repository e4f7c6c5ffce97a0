// Pre-registration lists made by the tools village clerks really use — openpyxl (as Python
// scripts and many web exports write XLSX), LibreOffice headless (as Calc saves a CSV it opened),
// older Excel's Windows-1252 semicolon CSV — imported through the station: the right rows, the
// right messages, row numbers as the spreadsheet shows them, and no NIK ever changed. Hostile
// files (a zip bomb, a sheet of 40,000 unclosed rows) are refused by the worker while the main
// thread keeps answering.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../src-main/api/contract';
import type { ImportListResult } from '../../src-main/api/contract-queue';
import type { Reply } from '../../src-main/api/reply';
import type { Station } from '../../src-main/services/station/station';
import {
  SUPERVISOR,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  testClock,
} from '../helpers/station';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const NUMBER_MSG =
  /kolom NIK diformat sebagai angka oleh Excel; format kolom sebagai Teks lalu ketik ulang dari KK/;

let dir: ReturnType<typeof tempDir>;
let files: string;
let station: Station;

/** LibreOffice headless, with its own profile so parallel runs do not share one. */
function soffice(args: string[]) {
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${join(dir.dir, 'lo-profile')}`, '--headless', ...args],
    { cwd: files, stdio: 'pipe', timeout: 120_000 },
  );
}

beforeAll(async () => {
  dir = tempDir('rekam-lists-');
  files = join(dir.dir, 'files');
  execFileSync(PYTHON, [
    fileURLToPath(new URL('../fixtures/lists/make-lists.py', import.meta.url)),
    files,
  ]);
  // Calc opening the CSV by double-click (numbers detected) and with NIK/phone typed as Text.
  copyFileSync(join(files, 'lo-source.csv'), join(files, 'lo-numbers.csv'));
  copyFileSync(join(files, 'lo-source.csv'), join(files, 'lo-text.csv'));
  soffice(['--convert-to', 'xlsx', '--outdir', files, 'lo-numbers.csv']);
  soffice([
    '--infilter=CSV:44,34,76,1,1/2/2/1/3/1/4/2',
    '--convert-to',
    'xlsx',
    '--outdir',
    files,
    'lo-text.csv',
  ]);
  station = openTestStation(join(dir.dir, 'station'), { now: testClock().now });
  await setUpStation(station);
  await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
}, 180_000);

afterAll(() => {
  station?.close();
  dir?.cleanup();
});

const content = (name: string) => readFileSync(join(files, name)).toString('base64');
const importFile = (name: string, sheet?: string) => {
  const input: MethodInput<'queue.importList'> = {
    name,
    fileName: name,
    contentBase64: content(name),
  };
  if (sheet) input.sheet = sheet;
  return station.call('queue.importList', input) as Promise<Reply<ImportListResult>>;
};

describe('lists made by real tools', () => {
  it('openpyxl: list on sheet 2 under merged title rows; NIKs as numbers refused, text and apostrophes kept', async () => {
    const inspected = await must(station, 'queue.inspectList', {
      contentBase64: content('openpyxl-data-on-sheet-2.xlsx'),
    });
    expect(inspected).toEqual({
      format: 'xlsx',
      sheets: [
        { name: 'Petunjuk', rows: 2, hasHeader: false },
        { name: 'Data', rows: 11, hasHeader: true },
      ],
      defaultSheet: 'Data',
    });

    const r = await importFile('openpyxl-data-on-sheet-2.xlsx', 'Data');
    if (!r.ok) throw new Error(r.error.message);
    const { value } = r;
    expect(value).toMatchObject({
      imported: 3,
      sheet: 'Data',
      sheets: ['Petunjuk', 'Data'],
      unusedColumns: ['NO', 'KETERANGAN'],
    });
    const entries = await must(station, 'queue.listEntries', { listId: value.list.id });
    expect(entries.map((e) => [e.row, e.nik, e.name, e.phone])).toEqual([
      [7, '3201011205900023', "NUR'AINI", '+6281234567891'],
      [8, '3201011205900024', 'ṢALIḤ BIN ʿUMAR', '081234567892'],
      [12, '3201011205900028', 'ANI', '+6281234567890'],
    ]);
    const reasons = Object.fromEntries(value.rejected.map((x) => [x.row, x.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([5, 6, 9, 10, 11]);
    // A numeric cell, a float, scientific notation as text, float-rounded zeros.
    for (const row of [5, 9, 10, 11]) expect(reasons[row]).toMatch(NUMBER_MSG);
    expect(reasons[6]).toMatch(/kolom No\. KK diformat sebagai angka/);
  });

  it('openpyxl: the instructions sheet, when chosen, says which sheet was read and which exist', async () => {
    const r = await importFile('openpyxl-data-on-sheet-2.xlsx', 'Petunjuk');
    expect(!r.ok && r.error.message).toMatch(/Baris judul tidak dikenali/);
    expect(!r.ok && r.error.message).toMatch(/Lembar yang dibaca: "Petunjuk".*Petunjuk, Data/);
    const missing = await importFile('openpyxl-data-on-sheet-2.xlsx', 'Lembar3');
    expect(!missing.ok && missing.error.message).toMatch(/Lembar "Lembar3" tidak ada/);
  });

  it('Windows-1252 semicolon CSV: ’ and NBSP decoded, scientific-notation NIK refused', async () => {
    const r = await importFile('win1252-semicolon.csv');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ imported: 2, sheet: null, unusedColumns: ['NO'] });
    const entries = await must(station, 'queue.listEntries', { listId: r.value.list.id });
    expect(entries.map((e) => [e.row, e.name, e.address, e.phone])).toEqual([
      [2, 'NUR’AINI', 'Jl. Mawar No. 5', '081234567890'],
      [3, 'JOSÉ “PEPE”', 'Gg. – Buntu', null],
    ]);
    expect(r.value.rejected).toHaveLength(1);
    expect(r.value.rejected[0]).toMatchObject({ row: 4, nik: '3,27302E+15' });
    expect(r.value.rejected[0]!.reason).toMatch(NUMBER_MSG);
  });

  it('LibreOffice, CSV opened as is: NIKs became numbers (last digit lost) and are refused', async () => {
    const r = await importFile('lo-numbers.xlsx');
    if (!r.ok) throw new Error(r.error.message);
    // Calc turned 3201011205900041 into 3.20101120590004E+15: the file no longer holds the NIK.
    expect(r.value.rejected.map((x) => [x.row, x.nik])).toEqual([
      [2, '3201011205900040'],
      [3, '3201011205900040'],
    ]);
    for (const x of r.value.rejected) expect(x.reason).toMatch(NUMBER_MSG);
    // The apostrophe kept that one as text; its phone, a number now, gets its 0 back.
    const entries = await must(station, 'queue.listEntries', { listId: r.value.list.id });
    expect(entries.map((e) => [e.row, e.nik, e.phone])).toEqual([
      [4, '3201011205900043', '081234567892'],
    ]);
  });

  it('LibreOffice, NIK and phone columns as Text: every NIK exact, phones with their 0', async () => {
    const r = await importFile('lo-text.xlsx');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rejected).toEqual([]);
    const entries = await must(station, 'queue.listEntries', { listId: r.value.list.id });
    expect(entries.map((e) => [e.row, e.nik, e.phone])).toEqual([
      [2, '3201011205900041', '081234567890'],
      [3, '3201011205900042', '081234567891'],
      [4, '3201011205900043', '081234567892'],
    ]);
  });
});

describe('hostile files', () => {
  /**
   * Starts the import, and while it runs calls app.info every 20 ms. Bounds are generous (a
   * loaded CI machine): the point is that main answers while the worker reads the file; the
   * figures are printed.
   */
  async function refusedWhileMainAnswers(name: string, expected: RegExp) {
    const started = performance.now();
    let done = false;
    const pending = importFile(name).finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      const info = await station.call('app.info', {});
      expect(info.ok).toBe(true);
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    const r = await pending;
    const ms = performance.now() - started;
    const worst = Math.max(...latencies);
    console.log(
      `${name}: refused in ${ms.toFixed(0)} ms; app.info answered ${latencies.length} times, worst ${worst.toFixed(1)} ms`,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(expected);
    expect(latencies.length).toBeGreaterThan(0);
    expect(worst).toBeLessThan(500);
    expect(ms).toBeLessThan(15_000);
  }

  it('a zip bomb (100 KB inflating to 100 MiB) is refused by the size cap', async () => {
    const before = (await must(station, 'queue.lists', {})).length;
    await refusedWhileMainAnswers('bomb.xlsx', /terlalu besar setelah dibuka/);
    expect(await must(station, 'queue.lists', {})).toHaveLength(before);
  });

  it('40,000 unclosed <row> tags are refused without stalling the station', async () => {
    await refusedWhileMainAnswers('rows-40k.xlsx', /tidak bisa dibaca/);
  });
});
