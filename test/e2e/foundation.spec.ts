import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';

/**
 * The foundation journey, end to end in real Chromium against the real browser host with a
 * fresh data folder: setup → supervisor creates an operator → operator enters a resident,
 * is told the NIK contradicts the birth date, fixes it, saves → today's list → host restart →
 * the recording is still there.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
let shotNo = 0;
async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `foundation-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

// A woman born 15 May 1990 in Kota Bandung (32.73): day 15 + 40 = 55 → 550590.
const NIK = '3273015505900002';
const KK = '3273011203150007';
const NAME = 'SITI NURHALIZA';

let host: RunningHost;

test.afterAll(async () => {
  await host?.stop();
});

test('setup, accounts, resident entry, restart', async ({ page }) => {
  host = await startBrowserHost();
  const dataDir = host.dataDir;

  // ---- first-run setup -------------------------------------------------------------------
  await page.goto(host.url);
  await expect(page.getByTestId('setup-station-name')).toBeVisible();
  await shot(page, 'setup-station');
  await page.getByTestId('setup-station-name').fill('Meja 1 Kecamatan Sukasari');
  await page.getByTestId('setup-province').selectOption('32');
  await page.getByTestId('setup-regency').selectOption('32.73');
  await page.getByTestId('setup-district').selectOption('32.73.01');
  await page.getByTestId('setup-next').click();

  await page.getByTestId('setup-sup-username').fill('kepala');
  await page.getByTestId('setup-sup-fullname').fill('Dewi Lestari');
  await page.getByTestId('setup-sup-password').fill('rahasia-kepala-1');
  await page.getByTestId('setup-sup-password2').fill('rahasia-kepala-1');
  await shot(page, 'setup-supervisor');
  await page.getByTestId('setup-finish').click();

  // ---- supervisor creates an operator ----------------------------------------------------
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await page.getByTestId('nav-users').click();
  await page.getByTestId('user-new-username').fill('budi');
  await page.getByTestId('user-new-fullname').fill('Budi Santoso');
  await page.getByTestId('user-new-role').selectOption('operator');
  await page.getByTestId('user-new-password').fill('operator-budi-1');
  await page.getByTestId('user-create').click();
  await expect(page.getByText('Budi Santoso')).toBeVisible();
  await shot(page, 'supervisor-users');
  await page.getByTestId('logout').click();

  // ---- operator logs in ------------------------------------------------------------------
  await login(page, 'budi', 'operator-budi-1');
  await page.getByTestId('nav-new-recording').click();
  await expect(page.getByTestId('field-nik')).toBeVisible();
  await shot(page, 'operator-empty-form');

  // ---- enters a resident whose NIK contradicts the birth date ----------------------------
  await page.getByTestId('field-nik').fill(NIK);
  await page.getByTestId('field-kk').fill(KK);
  await page.getByTestId('field-name').fill(NAME);
  await page.getByTestId('field-birthPlace').fill('Bandung');
  await fillBirthDate(page, '12-05-1990');
  await page.getByTestId('field-sex').selectOption('PEREMPUAN');
  await page.getByTestId('field-address').fill('Jl. Merdeka No. 10');
  await page.getByTestId('field-rt').fill('3');
  await page.getByTestId('field-rw').fill('7');
  await page.getByTestId('field-province').selectOption('32');
  await page.getByTestId('field-regency').selectOption('32.73');
  await page.getByTestId('field-district').selectOption('32.73.01');
  await page.getByTestId('field-villageCode').selectOption({ index: 1 });
  await page.getByTestId('field-religion').selectOption('ISLAM');
  await page.getByTestId('field-maritalStatus').selectOption('KAWIN');
  await selectOccupation(page, 'GURU');
  await page.getByTestId('field-name').focus();

  const dateError = page.getByTestId('error-birthDate').or(page.getByTestId('error-nik')).first();
  await expect(dateError).toBeVisible();
  await expect(dateError).toContainText(/tidak cocok/i);
  await expect(dateError).toContainText('NIK');
  await shot(page, 'operator-nik-date-mismatch');

  // Saving is refused while the error stands: nothing is written.
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('save-ok')).toHaveCount(0);

  // ---- fixes it and saves ----------------------------------------------------------------
  await fillBirthDate(page, '15-05-1990');
  await page.getByTestId('field-name').focus();
  await expect(page.getByTestId('error-birthDate')).toHaveCount(0);
  await expect(page.getByTestId('error-nik')).toHaveCount(0);
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('save-ok')).toBeVisible();
  await shot(page, 'operator-saved');

  // ---- today's list ----------------------------------------------------------------------
  await page.getByTestId('nav-today').click();
  await expect(page.getByTestId('today-row').filter({ hasText: NAME })).toHaveCount(1);
  await page.getByTestId('today-search').fill('327301');
  await expect(page.getByTestId('today-row').filter({ hasText: NAME })).toHaveCount(1);
  await page.getByTestId('today-search').fill('tidak ada orang ini');
  await expect(page.getByTestId('today-row')).toHaveCount(0);
  await page.getByTestId('today-search').fill('');
  await shot(page, 'operator-today');

  // ---- the host restarts; the recording is still there -----------------------------------
  await host.stop();
  host = await startBrowserHost({ dataDir });
  await page.goto(host.url);
  await login(page, 'budi', 'operator-budi-1');
  await page.getByTestId('nav-today').click();
  await expect(page.getByTestId('today-row').filter({ hasText: NAME })).toHaveCount(1);
  await shot(page, 'after-restart-today');
});

async function login(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByTestId('login-username')).toBeVisible();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await shot(page, `login-${username}`);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('status-bar')).toBeVisible();
}

async function fillBirthDate(page: Page, ddmmyyyy: string): Promise<void> {
  const input = page.getByTestId('field-birthDate');
  await input.fill(ddmmyyyy);
}

async function selectOccupation(page: Page, occupation: string): Promise<void> {
  await page.getByTestId('field-occupation').selectOption(occupation);
}
