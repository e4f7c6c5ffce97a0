import { expect, test, type Browser, type Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromiumArgs } from '../../playwright.config';
import { chromiumPath } from '../../scripts/chromium-path.mjs';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { api, loginUi, setUpStation } from './station-setup';

/**
 * The queue fixes of the operator's minute: the capacity screen's service days as a week grid
 * (which box is which day cannot be misread), Enter in the walk-in form from the lane select,
 * and "Tidak hadir" that asks first and can be undone the same day.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
for (const f of readdirSync(shots)) if (f.startsWith('queue-desk-')) rmSync(path.join(shots, f));
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(shots, `queue-desk-${name}.png`) });

const SUPERVISOR = { username: 'kepala', password: 'rahasia-kepala-1' };
const SUPERVISOR_UI = { ...SUPERVISOR, fullName: 'Dewi Lestari' };
let host: RunningHost | undefined;
let browser: Browser | undefined;
test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

test('capacity week grid; walk-in Enter from the lane; no-show confirms and is undone', async () => {
  test.setTimeout(120_000);
  host = await startBrowserHost();
  await setUpStation(host);
  await api(host, 'auth.login', SUPERVISOR);
  await api(host, 'queue.setCapacity', {
    serviceDays: [1, 2, 3, 4, 5],
    opensAt: '00:00',
    closesAt: '23:59',
    activeDesks: 1,
    recordingsPerDesk: 20,
    priorityShare: 0,
  });
  await api(host, 'auth.logout', {});
  browser = await chromium.launch({
    headless: true,
    executablePath: chromiumPath() ?? undefined,
    args: chromiumArgs,
  });
  const page = await (
    await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' })
  ).newPage();
  await page.goto(host.url);

  // ---- the week grid: Monday first, each day's name and tick in one box -------------------
  await loginUi(page, SUPERVISOR_UI);
  await page.getByTestId('nav-queue-admin').click();
  const grid = page.getByTestId('service-days');
  await expect(grid.locator('label')).toHaveText([
    /Senin.*Buka/,
    /Selasa.*Buka/,
    /Rabu.*Buka/,
    /Kamis.*Buka/,
    /Jumat.*Buka/,
    /Sabtu.*Tutup/,
    /Minggu.*Tutup/,
  ]);
  // Clicking the box named "Sabtu" opens Saturday — the name and the tick are the same target.
  await grid.getByText('Sabtu').click();
  await expect(page.getByTestId('service-day-6')).toHaveAttribute('data-open', 'true');
  await expect(page.getByTestId('service-day-6')).toContainText('Buka');
  const box = await page.getByTestId('service-day-6').boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(32);
  expect(box!.width).toBeGreaterThanOrEqual(32);
  // Service hours: a 24-hour HH:MM text field, not the browser's AM/PM time input.
  const opens = page.getByTestId('cap-opens');
  await expect(opens).toHaveValue('00:00');
  await opens.fill('2500');
  await expect(opens).toHaveValue('25:00');
  await expect(opens).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'Jam tidak ada' })).toBeVisible();
  await opens.fill('7.30');
  await expect(opens).toHaveValue('07:30');
  await expect(opens).not.toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'capacity-week');
  await opens.fill('0000');
  await page.getByTestId('capacity-save').click();
  await expect
    .poll(async () => (await api(host!, 'queue.capacity', {})).settings.serviceDays.toSorted())
    .toEqual([1, 2, 3, 4, 5, 6]);
  // Every day open from here on, so the rest does not depend on the day the test runs.
  await api(host, 'queue.setCapacity', { serviceDays: [0, 1, 2, 3, 4, 5, 6] });
  await page.getByTestId('logout').click();

  // ---- walk-in: Enter on the lane select issues the card ------------------------------------
  await loginUi(page);
  await page.getByTestId('nav-queue').click();
  await page.getByTestId('walkin-name').fill('SITI AMINAH');
  await page.getByTestId('walkin-priority').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('walkin-result')).toBeVisible();

  // ---- no-show asks first, then can be undone for the rest of the day ----------------------
  await page.getByTestId('queue-call-next').click();
  await expect(page.getByTestId('queue-called')).toContainText('SITI AMINAH');
  await page.getByTestId('queue-no-show').click();
  await expect(page.getByTestId('queue-no-show-confirm')).toBeVisible();
  await shot(page, 'no-show-confirm');
  await page.getByTestId('queue-no-show-yes').click();
  const row = page.getByTestId('queue-card-row').filter({ hasText: 'SITI AMINAH' });
  await expect(row).toHaveAttribute('data-status', 'no-show');
  await row.getByTestId('queue-undo-no-show').click();
  await expect(row).toHaveAttribute('data-status', 'waiting');
  await shot(page, 'no-show-undone');
});
