import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { parseCsv } from '../../src-main/services/exports/csv';
import { startCentral, type CentralHandle } from '../central/server';
import type { BundleImportReport } from '../central/bundle-import';
import { readBundleDir } from '../central/bundle-import';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { RESIDENTS, nikOf, sealResidents } from './sealed-recordings';
import { OPERATOR, api, loginUi, setUpStation, type Operator } from './station-setup';

/**
 * The supervisor's exports with three sealed recordings (seeded through the API and the store,
 * sync paused so nothing has left yet): the daily report PDF (rendered with poppler and read
 * back), the CSV (parsed: counts, no biometric column) and an offline bundle to a folder. The
 * reference centre imports the bundle; then the station uploads the same packets online and
 * the centre still holds each packet once.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
for (const f of readdirSync(shots)) if (f.startsWith('exports-')) rmSync(path.join(shots, f));
let shotNo = 0;
async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `exports-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

const SUPERVISOR: Operator = {
  username: 'kepala',
  password: 'rahasia-kepala-1',
  fullName: 'Dewi Lestari',
};
const TECHNICIAN = { username: 'teknisi', password: 'teknisi-rahasia-1', fullName: 'Joko' };
// Kota Bandung, Kec. Sukasari; born 12 May 1990 (men) — serials keep them apart.

const work = mkdtempSync(path.join(tmpdir(), 'rekam-exports-e2e-'));
let central: CentralHandle | undefined;
let host: RunningHost | undefined;

test.afterAll(async () => {
  await host?.stop();
  await central?.close();
  rmSync(work, { recursive: true, force: true });
});

test('supervisor exports report, CSV and an offline bundle; the centre counts each packet once', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  central = await startCentral({ dataDir: path.join(work, 'central'), tls: true });
  host = await startBrowserHost();
  await setUpStation(host);
  await api(host, 'auth.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  await api(host, 'users.create', { ...TECHNICIAN, role: 'technician' });
  await api(host, 'auth.login', { username: TECHNICIAN.username, password: TECHNICIAN.password });
  const cfg = await api(host, 'central.setConfig', {
    url: central.url,
    publicKey: central.keyBundle,
    tlsPin: central.tlsPin!,
  });
  await api(host, 'central.register', { token: central.issueToken(cfg.stationId!) });
  // Nothing leaves before the bundle: the network "is down" until the end of the journey.
  await api(host, 'sync.setPaused', { paused: true });

  await api(host, 'auth.login', { username: OPERATOR.username, password: OPERATOR.password });
  const app = await api(host, 'app.info', {});
  const stationId = app.station!.id;
  const packetIds = await sealResidents(host, OPERATOR.password);
  await api(host, 'auth.logout', {});

  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(host.url);
  await loginUi(page, SUPERVISOR);
  await page.getByTestId('nav-exports').click();
  await expect(page.getByTestId('exports-screen')).toBeVisible();
  await expect(page.getByTestId('exp-preview')).toContainText('3 perekaman, 3 paket tersegel');
  await shot(page, 'screen');

  // ---- daily report PDF --------------------------------------------------------------------
  await page.getByTestId('exp-head-title').selectOption('Camat');
  await page.getByTestId('exp-head-name').fill('Drs. H. Ahmad Fauzi');
  const [pdfDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('exp-report-run').click(),
  ]);
  const pdfPath = path.join(work, pdfDl.suggestedFilename());
  await pdfDl.saveAs(pdfPath);
  await expect(page.getByTestId('exp-report-done')).toContainText('1 halaman A4');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('LAPORAN HARIAN PEREKAMAN KTP-el');
  expect(text).toMatch(/Budi Santoso \(budi\)\s+3\s+0\s+0\s+3/);
  expect(text).toMatch(/Total\s+3\s+0\s+0\s+3/);
  expect(text).toContain('3273********0001');
  expect(text).not.toContain(nikOf(0));
  expect(text).toContain('Drs. H. Ahmad Fauzi');
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-singlefile',
    pdfPath,
    path.join(shots, `exports-${String(++shotNo).padStart(2, '0')}-report-pdf`),
  ]);

  // ---- CSV (`;` by default for Indonesian spreadsheets) ------------------------------------
  await expect(page.getByTestId('exp-delimiter')).toHaveValue(';');
  const [csvDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('exp-table-run').click(),
  ]);
  const csvPath = path.join(work, csvDl.suggestedFilename());
  await csvDl.saveAs(csvPath);
  await expect(page.getByTestId('exp-table-done')).toContainText('3 baris diekspor');
  expect(readFileSync(csvPath, 'utf8')).toMatch(/^\uFEFF"No";"ID Perekaman";"NIK";/);
  const rows = parseCsv(readFileSync(csvPath));
  expect(rows.length).toBe(4);
  expect(rows[0]!.join(' ')).not.toMatch(/foto|sidik|tanda tangan|photo|finger|signature/i);
  expect(rows.slice(1).map((r) => r[rows[0]!.indexOf('Nama')])).toEqual(RESIDENTS);
  expect(readFileSync(csvPath, 'utf8')).not.toContain(nikOf(0));
  await shot(page, 'report-and-csv');

  // ---- offline bundle ----------------------------------------------------------------------
  const usb = path.join(work, 'usb');
  await page.getByTestId('exp-folder').fill(path.join(work, 'tidak-ada'));
  await page.getByTestId('exp-folder-check-run').click();
  await expect(page.getByTestId('exp-folder-check')).toContainText('Folder tidak ditemukan');
  mkdirSync(usb);
  await page.getByTestId('exp-folder').fill(usb);
  await page.getByTestId('exp-folder-check-run').click();
  await expect(page.getByTestId('exp-folder-check')).toContainText('dapat ditulisi');
  await page.getByTestId('exp-bundle-run').click();
  await expect(page.getByTestId('exp-bundle-done')).toContainText('3 paket');
  await expect(page.getByTestId('exp-bundle-done')).toContainText('Tanda tangan manifes sah');
  await expect(page.getByTestId('exp-log-row')).toHaveCount(3);
  await shot(page, 'bundle-done');
  const [bundleName] = readdirSync(usb);
  expect(bundleName).toMatch(/^rekam-bundle-/);

  // ---- the centre imports the bundle (HTTP, zip of the folder) ------------------------------
  const files = readBundleDir(path.join(usb, bundleName!));
  const zip = zipSync(
    Object.fromEntries([...files].map(([n, d]) => [`${bundleName}/${n}`, new Uint8Array(d)])),
  );
  const res = await central.fetch('/api/bundles', {
    method: 'POST',
    body: zip,
    headers: { authorization: `Bearer ${central.adminSecret}` },
  });
  expect(res.status).toBe(200);
  const report = (await res.json()) as BundleImportReport;
  expect(report.counts).toEqual({ received: 3, duplicate: 0, rejected: 0 });
  expect(
    central
      .packets(stationId)
      .map((p) => p.packetId)
      .sort(),
  ).toEqual([...packetIds].sort());

  // ---- the network returns: the same packets upload, the centre keeps one of each ----------
  await api(host, 'sync.setPaused', { paused: false });
  await expect
    .poll(async () => (await api(host!, 'sync.status', {})).pendingPackets, { timeout: 20_000 })
    .toBe(0);
  const held = central.packets(stationId);
  expect(held.length).toBe(3);
  for (const p of held) {
    expect(p.status).toBe('received');
    expect(p.copies).toBe(2);
  }
  await page.getByTestId('nav-today').click();
  await shot(page, 'today-after-sync');
});
