import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCentral, type CentralHandle } from '../central/server';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { nikOf, sealResidents } from './sealed-recordings';
import { OPERATOR, api, loginUi, setUpStation, type Operator } from './station-setup';

/**
 * Cards arriving: three sealed recordings reach the reference centre, the print office
 * dispatches them in one numbered batch, and the supervisor checks the box on "Kartu tiba": one
 * card is not there, the count says so until it is ticked, then two cards wait at the office.
 * The supervisor saves the village's "Daftar KTP-el siap diambil" and the recap counts the two
 * cards as waiting under 7 days.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
for (const f of readdirSync(shots)) if (f.startsWith('cards-arrival-')) rmSync(path.join(shots, f));
let shotNo = 0;
async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `cards-arrival-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

const SUPERVISOR: Operator = {
  username: 'kepala',
  password: 'rahasia-kepala-1',
  fullName: 'Dewi Lestari',
};
const TECHNICIAN = { username: 'teknisi', password: 'teknisi-rahasia-1', fullName: 'Joko' };

const work = mkdtempSync(path.join(tmpdir(), 'rekam-cards-e2e-'));
let central: CentralHandle | undefined;
let host: RunningHost | undefined;

test.afterAll(async () => {
  await host?.stop();
  await central?.close();
  rmSync(work, { recursive: true, force: true });
});

test('supervisor confirms a batch of printed cards with one card missing', async ({ browser }) => {
  test.setTimeout(90_000);
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

  await api(host, 'auth.login', { username: OPERATOR.username, password: OPERATOR.password });
  const packetIds = await sealResidents(host, OPERATOR.password);
  await api(host, 'auth.logout', {});
  await expect
    .poll(() => central!.packets().filter((p) => p.status === 'received').length, {
      timeout: 30_000,
    })
    .toBe(3);

  const res = await central.fetch('/api/admin/print/batches', {
    method: 'POST',
    headers: { authorization: `Bearer ${central.adminSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ batchNo: 'B-2025-017', packetIds }),
  });
  expect(res.status).toBe(200);

  const page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await loginUi(page, SUPERVISOR);
  await page.getByTestId('nav-cards').click();
  await expect(page.getByTestId('cards-arrival')).toBeVisible();
  await page.getByTestId('cards-refresh').click();
  await expect(page.getByTestId('cards-notice')).toContainText('1 batch baru dalam perjalanan');
  await expect(page.getByTestId('cards-on-the-way')).toContainText('B-2025-017');
  await shot(page, 'on-the-way');

  await page.getByTestId('cards-check-B-2025-017').click();
  await expect(page.getByTestId('cards-batch-cards')).toContainText('CECEP GUNAWAN');
  await page.getByTestId('cards-received-count').fill('2');
  await expect(page.getByTestId('cards-count-summary')).toContainText('Masih 1 kartu kurang');
  await expect(page.getByTestId('cards-confirm')).toBeDisabled();
  await page.getByTestId(`cards-missing-${nikOf(2)}`).check();
  await expect(page.getByTestId('cards-count-summary')).toContainText('1 hilang, 0 lebih');
  await shot(page, 'box-check');
  await page.getByTestId('cards-confirm').click();
  await expect(page.getByTestId('cards-notice')).toContainText(
    'Batch B-2025-017 tiba: 2 kartu siap diambil',
  );
  await expect(page.getByTestId('cards-arrived')).toContainText('2 / 3');
  await expect(page.getByTestId('cards-arrived')).toContainText('1 hilang, 0 lebih');
  await shot(page, 'arrived');

  // The list for the village head: the village picked, the PDF saved and read back by poppler.
  const lists = page.getByTestId('village-lists');
  await lists.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('village-list-village')).toContainText('(32.73.01.1001) — 2 kartu');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('village-list-pdf').click(),
  ]);
  const pdfPath = path.join(work, download.suggestedFilename());
  await download.saveAs(pdfPath);
  expect(download.suggestedFilename()).toMatch(/^ktp-siap-diambil-.+\.pdf$/);
  await expect(page.getByTestId('village-list-done')).toContainText('Daftar 2 kartu');
  await expect(page.getByTestId('village-list-done')).toContainText('NIK disamarkan');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('DAFTAR KTP-el SIAP DIAMBIL');
  expect(text).toContain('2 KTP-el menunggu diambil');
  expect(text).toMatch(/ASEP SUNANDAR\s+3273\*{8}0001\s+001\/002/);
  expect(text).toContain('BUDI HARTONO');
  expect(text).not.toContain('CECEP GUNAWAN');
  expect(text).not.toContain(nikOf(0));
  await shot(page, 'village-list');

  // The recap: nothing handed over yet, two cards waiting under a week.
  await page.getByTestId('nav-recap').click();
  const figures = page.getByTestId('recap-handover');
  await expect(figures).toBeVisible();
  await expect(page.getByTestId('recap-handover-today')).toContainText('0');
  await expect(page.getByTestId('recap-handover-under7')).toContainText('2');
  await expect(page.getByTestId('recap-handover-over30')).toContainText('0');
  await expect(figures).toContainText('2 KTP-el menunggu diambil di kantor kecamatan saat ini');
  await figures.scrollIntoViewIfNeeded();
  await shot(page, 'recap-handover');

  await api(host, 'auth.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  const stock = await api(host, 'cards.atOffice', {});
  expect(stock.map((c) => c.name).sort()).toEqual(['ASEP SUNANDAR', 'BUDI HARTONO']);
});
