import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromiumArgs } from '../../playwright.config';
import { chromiumPath } from '../../scripts/chromium-path.mjs';
import { localIsoDate } from '../../src-main/domain/nik';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { OPERATOR, api, loginUi, setUpStation } from './station-setup';

/**
 * Antrian end to end on the real browser host: capacity 150 a day, 160 walk-ins in
 * one day (157 through the API for speed, the last 3 at the desk) → 150 cards for today and 10
 * for the next service day, nobody without a card; the waiting-room TV (a second window at
 * #/tv, opened from the desk) shows the number called; the called card opens the recording
 * with the resident's data filled in; a pre-registration CSV with bad rows imports the good
 * ones and names the bad ones.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
for (const f of readdirSync(shots)) if (f.startsWith('queue-')) rmSync(path.join(shots, f));
let shotNo = 0;
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `queue-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage,
  });
}

const SUPERVISOR = { username: 'kepala', password: 'rahasia-kepala-1', fullName: 'Dewi Lestari' };
/** Valid NIKs of Kec. Sukasari (32.73.01), born 1 January 1990, serials 0001…: men. */
const nik = (n: number) => `3273010101900${String(n).padStart(3, '0')}`;
const FIRST_NAME = 'AHMAD FAUZI';

let host: RunningHost | undefined;
let browser: Browser | undefined;

test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

test('160 walk-ins at capacity 150, the TV window, calling into a pre-filled recording, list import', async () => {
  test.setTimeout(90_000);
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

  // Capacity: one desk, 150 a day, every day open all day (so the test does not depend on when
  // it runs), no priority reserve (the walk-ins are all regular).
  await api(host, 'auth.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  await api(host, 'queue.setCapacity', {
    serviceDays: [0, 1, 2, 3, 4, 5, 6],
    opensAt: '00:00',
    closesAt: '23:59',
    holidays: [],
    closures: [],
    activeDesks: 1,
    recordingsPerDesk: 150,
    priorityShare: 0,
  });
  const first = await api(host, 'queue.issue', {
    nik: nik(1),
    name: FIRST_NAME,
    address: 'JL. SUKASARI NO. 1',
  });
  const today = localIsoDate(new Date());
  expect(first.card.date).toBe(today);
  for (let i = 2; i <= 157; i++) {
    await api(host, 'queue.issue', { nik: nik(i), name: `WARGA ${i}` });
  }
  // The same NIK again gets the same card, not a second one.
  const again = await api(host, 'queue.issue', { nik: nik(1), name: FIRST_NAME });
  expect(again.existing).toBe(true);
  expect(again.card.id).toBe(first.card.id);

  // ---- Supervisor: a pre-registration CSV with bad rows ------------------------------------
  await api(host, 'auth.logout', {});
  await page.goto(host.url);
  await loginUi(page, SUPERVISOR);
  await page.getByTestId('nav-queue-admin').click();
  await expect(page.getByTestId('capacity-daily')).toContainText('150');
  await shot(page, 'capacity');
  await page.getByTestId('queue-tab-lists').click();
  const csv = [
    'NIK;NAMA;ALAMAT;TELEPON',
    '3273014502950001;SITI AMINAH;JL. GEGER KALONG 2;081234567890',
    '32730145029;NIK PENDEK;JL. SETRASARI 1;',
    '3273010303880002;BUDI HARTONO;JL. SARIJADI 5;',
    '3273019913880003;TANGGAL SALAH;JL. SARIMANAH 9;',
    '3273012207010004;;JL. SUKAWARNA 4;',
  ].join('\n');
  await page.getByTestId('list-name').fill('Desa Sukarasa Juni');
  await page.getByTestId('list-file').setInputFiles({
    name: 'sukarasa.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await page.getByTestId('list-import').click();
  await expect(page.getByTestId('import-summary')).toContainText(
    '2 baris diterima, 3 baris ditolak',
  );
  const rejected = page.getByTestId('import-rejected-row');
  await expect(rejected).toHaveCount(3);
  await expect(rejected.nth(0)).toContainText('NIK PENDEK');
  await expect(rejected.nth(0)).toContainText('3');
  await expect(rejected.nth(1)).toContainText('TANGGAL SALAH');
  await expect(page.getByTestId('list-row')).toHaveCount(1);
  await shot(page, 'import-report');
  // The recap carries the queue figures.
  await page.getByTestId('nav-recap').click();
  await expect(page.getByTestId('queue-figures')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('figure-issued')).not.toHaveText('0');
  await page.getByTestId('queue-figures').scrollIntoViewIfNeeded();
  await shot(page, 'recap-figures', false);
  await page.getByTestId('logout').click();

  // ---- Operator: the last three walk-ins of the day at the desk ----------------------------
  await loginUi(page, OPERATOR);
  await page.getByTestId('nav-queue').click();
  await expect(page.getByTestId('queue-call-next')).toBeVisible();
  for (let i = 158; i <= 160; i++) {
    await page.getByTestId('walkin-nik').fill(nik(i));
    await page.getByTestId('walkin-name').fill(`warga ${i}`);
    await page.getByTestId('walkin-issue').click();
    await expect(page.getByTestId('walkin-result-number')).not.toHaveText('');
    await expect(page.getByTestId('walkin-name')).toHaveValue('');
  }
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  // 157 earlier + 3 here = 160: today is full at 150, so these land on the next service day.
  await expect(page.getByTestId('walkin-result-date')).toHaveAttribute(
    'data-date',
    localIsoDate(tomorrow),
  );
  await shot(page, 'walk-in-next-day');

  const days = await api(host, 'queue.days', { days: 3 });
  expect(days[0]?.issued).toBe(150);
  expect(days[1]?.issued).toBe(10);
  const todayCards = await api(host, 'queue.cards', { date: today, limit: 2000 });
  const nextCards = await api(host, 'queue.cards', { date: localIsoDate(tomorrow), limit: 2000 });
  expect(todayCards).toHaveLength(150);
  expect(nextCards).toHaveLength(10);
  // Nobody without a card: every NIK that came has exactly one.
  const carded = new Set([...todayCards, ...nextCards].map((c) => c.nik));
  for (let i = 1; i <= 160; i++) expect(carded.has(nik(i))).toBe(true);

  // ---- The TV window, then calling -------------------------------------------------------
  const [tv] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByTestId('queue-open-tv').click(),
  ]);
  await tv.setViewportSize({ width: 1280, height: 720 });
  await expect(tv.getByTestId('tv-page')).toBeVisible();
  await page.getByTestId('queue-desk-name').fill('Loket 2');
  await page.getByTestId('queue-call-next').click();
  const called = page.getByTestId('queue-called-number');
  await expect(called).toHaveText(first.card.number);
  await expect(tv.getByTestId('tv-number')).toHaveText(first.card.number);
  await expect(tv.getByTestId('tv-desk')).toHaveText('Loket 2');
  await shot(page, 'desk-called');
  await shot(tv, 'tv-called', false);

  // The called card opens the recording with what the card knows filled in.
  await page.getByTestId('queue-record').click();
  await expect(page.getByTestId('field-nik')).toHaveValue(nik(1));
  await expect(page.getByTestId('field-name')).toHaveValue(FIRST_NAME);
  await expect(page.getByTestId('field-address')).toHaveValue('JL. SUKASARI NO. 1');
  await shot(page, 'recording-prefilled');

  // Back at the desk the called card is still there; the next one is called and skipped.
  await page.getByTestId('nav-queue').click();
  await expect(called).toHaveText(first.card.number);
  await page.getByTestId('queue-call-next').click();
  await expect(called).not.toHaveText(first.card.number);
  const second = (await called.textContent()) ?? '';
  await expect(tv.getByTestId('tv-number')).toHaveText(second);
  await expect(tv.getByTestId('tv-earlier').first()).toContainText(first.card.number);
  await page.getByTestId('queue-skip').click();
  await expect(page.getByTestId('queue-banner')).toContainText('dilewati');
  await shot(tv, 'tv-after-two-calls', false);
});
