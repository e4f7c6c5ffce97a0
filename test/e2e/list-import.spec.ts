import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumArgs } from '../../playwright.config';
import { chromiumPath } from '../../scripts/chromium-path.mjs';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { loginUi, setUpStation } from './station-setup';

/**
 * The supervisor imports a pre-registration XLSX written by openpyxl whose list is on the
 * second sheet under merged title rows: the screen asks which sheet (the one with the list is
 * preselected), and the report names the sheet read, the columns not used and each refused row
 * with its spreadsheet row number and what to do (NIKs stored as numbers).
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(shots, `list-import-${name}.png`), fullPage: true });

const SUPERVISOR = { username: 'kepala', password: 'rahasia-kepala-1', fullName: 'Dewi Lestari' };
const work = mkdtempSync(path.join(tmpdir(), 'rekam-list-e2e-'));
let host: RunningHost | undefined;
let browser: Browser | undefined;

test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('list import: sheet choice, unused columns and NIKs stored as numbers', async () => {
  test.setTimeout(90_000);
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  execFileSync(python, [path.resolve('test/fixtures/lists/make-lists.py'), work]);
  host = await startBrowserHost();
  await setUpStation(host);
  browser = await chromium.launch({
    headless: true,
    executablePath: chromiumPath() ?? undefined,
    args: chromiumArgs,
  });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
  });
  const page = await context.newPage();
  await page.goto(host.url);
  await loginUi(page, SUPERVISOR);
  await page.getByTestId('nav-queue-admin').click();
  await page.getByTestId('queue-tab-lists').click();

  await page.getByTestId('list-name').fill('Desa Cibinong Mei');
  await page
    .getByTestId('list-file')
    .setInputFiles(path.join(work, 'openpyxl-data-on-sheet-2.xlsx'));
  const sheet = page.getByTestId('list-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toHaveValue('Data');
  await expect(sheet.locator('option')).toHaveText([
    'Petunjuk (2 baris, tanpa judul NIK/NAMA)',
    'Data (11 baris)',
  ]);
  await page.getByTestId('list-import').scrollIntoViewIfNeeded();
  await shot(page, 'sheet-choice');

  await page.getByTestId('list-import').click();
  await expect(page.getByTestId('import-summary')).toContainText(
    '3 baris diterima, 5 baris ditolak',
  );
  await expect(page.getByTestId('import-sheet')).toContainText('Lembar yang dibaca: Data');
  await expect(page.getByTestId('import-unused')).toContainText('NO, KETERANGAN');
  const rejected = page.getByTestId('import-rejected-row');
  await expect(rejected).toHaveCount(5);
  await expect(rejected.nth(0)).toContainText('5');
  await expect(rejected.nth(0)).toContainText(
    'kolom NIK diformat sebagai angka oleh Excel; format kolom sebagai Teks lalu ketik ulang dari KK',
  );
  await expect(page.getByTestId('list-row')).toHaveCount(1);
  await rejected.nth(0).scrollIntoViewIfNeeded();
  await shot(page, 'report');
});
