import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromiumArgs } from '../../playwright.config';
import { chromiumPath } from '../../scripts/chromium-path.mjs';
import { validResident } from '../helpers/station';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { sealDirect } from '../helpers/supervisor-fixtures';
import { openStore, seedCaptures } from '../helpers/sync-fixtures';
import { OPERATOR, api, loginUi } from './station-setup';

/**
 * The supervisor's day: three recordings sealed at the desk wait in Persetujuan (one with a
 * forced finger and an excepted finger, highlighted); the supervisor rejects one with a reason
 * and approves two; the operator sees "Ditolak" and the reason on the today list and redoes it
 * as a new draft; the daily recap shows the counts and the 30-day chart.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
let shotNo = 0;
async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `approval-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

const SUPERVISOR = { username: 'kepala', password: 'rahasia-kepala-1', fullName: 'Dewi Lestari' };
// Kec. Sukasari, Kota Bandung; born 12 May 1990, men.
const RESIDENTS = [
  { nik: '3273011205900001', name: 'AGUS SETIAWAN' },
  { nik: '3273011205900002', name: 'BAYU PRATAMA' },
  { nik: '3273011205900003', name: 'CAHYO NUGROHO' },
];

let host: RunningHost;
let browser: Browser | undefined;

test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

test('approval: reject one with a reason, approve two; operator sees it and redoes; recap', async () => {
  host = await startBrowserHost();
  await api(host, 'setup.create', {
    stationName: 'Meja 1 Kecamatan Sukasari',
    kecamatanCode: '32.73.01',
    supervisor: SUPERVISOR,
  });
  const op = await api(host, 'users.create', { ...OPERATOR, role: 'operator' });
  await api(host, 'auth.login', { username: OPERATOR.username, password: OPERATOR.password });
  const db = openStore(host.dataDir);
  const ids: string[] = [];
  try {
    for (const r of RESIDENTS) {
      const rec = await api(host, 'recordings.saveDraft', {
        resident: validResident({ ...r, kk: '3273011203150007', villageCode: '32.73.01.1001' }),
      });
      await seedCaptures(db, rec.id, op.id);
      sealDirect(db, rec.id, new Date().toISOString());
      ids.push(rec.id);
    }
    // The second one: finger 4 force-captured, finger 9 bandaged.
    db.prepare(
      "UPDATE fingerprints SET state = 'forced', quality = 31 WHERE recording_id = ? AND finger = 4",
    ).run(ids[1]);
    db.prepare(
      `UPDATE fingerprints SET state = 'exception', exception_kind = 'bandaged',
       exception_reason = 'Jari diperban', image_png = NULL WHERE recording_id = ? AND finger = 9`,
    ).run(ids[1]);
  } finally {
    db.close();
  }
  await api(host, 'auth.logout', {});

  browser = await chromium.launch({
    executablePath: chromiumPath() ?? undefined,
    headless: true,
    args: chromiumArgs,
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  await page.goto(host.url);
  await loginUi(page, SUPERVISOR);

  // Persetujuan is the supervisor's first screen.
  await expect(page.getByTestId('approval-screen')).toBeVisible();
  await expect(page.getByTestId('nav-approval')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('approval-row')).toHaveCount(3);
  await expect(page.getByTestId('approval-tab-pending')).toContainText('Menunggu (3)');
  await expect(page.getByTestId('approval-detail')).toHaveAttribute('data-id', ids[0]!);
  await expect(page.getByTestId('approval-finger')).toHaveCount(10);
  // The village by name, the code only as secondary text.
  await expect(page.getByTestId('approval-village')).toContainText(
    'Kel./Desa SUKARASA, Kec. SUKASARI',
  );
  await shot(page, 'queue');

  // The flagged one: forced and excepted fingers highlighted.
  await page.locator(`[data-testid="approval-row"][data-id="${ids[1]}"]`).click();
  const detail = page.getByTestId('approval-detail');
  await expect(detail).toHaveAttribute('data-id', ids[1]!);
  await expect(detail.getByTestId('approval-flags')).toContainText('Jari dipaksa: 4');
  await expect(detail.getByTestId('approval-flags')).toContainText('Pengecualian jari: 9');
  await expect(detail.locator('[data-testid="approval-finger"][data-state="forced"]')).toHaveCount(
    1,
  );
  await expect(
    detail.locator('[data-testid="approval-finger"][data-state="exception"]'),
  ).toContainText('Jari diperban');
  await shot(page, 'flagged');

  // Reject with a reason: a too-short reason cannot be sent.
  await page.getByTestId('approval-reject').click();
  await page.getByTestId('approval-reason').fill('buru');
  await expect(page.getByTestId('approval-confirm-reject')).toBeDisabled();
  await page
    .getByTestId('approval-reason')
    .fill('Sidik jari manis kanan dipaksa, ulangi perekaman');
  await shot(page, 'reject-reason');
  await page.getByTestId('approval-confirm-reject').click();
  await expect(page.getByTestId('approval-notice')).toContainText('ditolak');
  await expect(page.getByTestId('approval-row')).toHaveCount(2);

  // Approve the other two.
  for (const id of [ids[0]!, ids[2]!]) {
    await page.locator(`[data-testid="approval-row"][data-id="${id}"]`).click();
    await expect(page.getByTestId('approval-detail')).toHaveAttribute('data-id', id);
    await page.getByTestId('approval-approve').click();
    await expect(page.getByTestId('approval-notice')).toContainText('disetujui');
  }
  await expect(page.getByTestId('approval-empty')).toBeVisible();
  await page.getByTestId('approval-tab-decided').click();
  await expect(page.getByTestId('approval-row')).toHaveCount(3);
  await shot(page, 'decided');

  // Recap: counts, backlog, quality, chart.
  await page.getByTestId('nav-recap').click();
  await expect(page.getByTestId('recap-count-total')).toContainText('3');
  await expect(page.getByTestId('recap-count-approved')).toContainText('2');
  await expect(page.getByTestId('recap-count-rejected')).toContainText('1');
  await expect(page.getByTestId('recap-operators')).toContainText(OPERATOR.fullName);
  await expect(page.getByTestId('recap-backlog')).toContainText('2 paket');
  await expect(page.getByTestId('recap-bar')).toHaveCount(30);
  await expect(page.getByTestId('recap-bar').last()).toHaveAttribute('data-count', '3');
  await shot(page, 'recap');
  await page.getByTestId('recap-chart').scrollIntoViewIfNeeded();
  await shot(page, 'recap-chart');

  // The audit log reads as sentences, not action keys or full ULIDs.
  await page.getByTestId('nav-audit').click();
  const approvedRow = page.locator('[data-testid="audit-row"][data-action="approval.approved"]');
  await expect(approvedRow.first()).toContainText('Perekaman disetujui supervisor');
  await expect(approvedRow.first()).not.toContainText('approval.approved');
  await expect(approvedRow.first()).toContainText(/R…[0-9A-Z]{6}/);
  await expect(approvedRow.first()).not.toContainText(/R[0-9A-Z]{26}/);
  await shot(page, 'audit-log');

  // The operator sees the rejection and redoes it.
  await page.getByTestId('logout').click();
  await loginUi(page, OPERATOR);
  await page.getByTestId('nav-today').click();
  const rejected = page.getByTestId('today-row').filter({ hasText: RESIDENTS[1]!.nik });
  await expect(rejected.getByTestId('today-status')).toHaveText('Ditolak');
  await expect(rejected.getByTestId('today-rejection')).toContainText('manis kanan dipaksa');
  await shot(page, 'operator-today');
  await rejected.getByTestId('today-redo').click();
  await expect(page.locator('#field-nik')).toHaveValue(RESIDENTS[1]!.nik);
  await shot(page, 'operator-redo');
});
