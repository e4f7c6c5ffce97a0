import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { api, loginUi, saveDraftAsOperator, setUpStation } from './station-setup';

/**
 * Budi went home with a draft open; only he could finish it. The supervisor hands it to Ani on
 * the Pengguna screen, and the audit log says so.
 */
const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });

const SUPERVISOR = { username: 'kepala', password: 'rahasia-kepala-1', fullName: 'Dewi Lestari' };
const ANI = { username: 'ani', password: 'operator-ani-1', fullName: 'Ani Suryani' };

let host: RunningHost;
test.afterAll(async () => {
  await host?.stop();
});

test('supervisor reassigns an open draft to another operator', async ({ page }) => {
  host = await startBrowserHost();
  await setUpStation(host);
  await saveDraftAsOperator(host);
  await api(host, 'auth.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  await api(host, 'users.create', { ...ANI, role: 'operator' });
  await api(host, 'auth.logout', {});

  await page.goto(host.url);
  await loginUi(page, SUPERVISOR);
  await page.getByTestId('nav-users').click();
  const drafts = page.getByTestId('open-drafts');
  await expect(drafts).toBeVisible();
  const row = drafts.getByTestId('open-draft').first();
  await expect(row).toContainText('SITI RAHMAWATI');
  await expect(row).toContainText('budi');
  await row.getByRole('combobox').selectOption({ label: 'Ani Suryani (ani)' });
  await row.getByRole('button', { name: 'Pindahkan' }).click();
  await expect(page.getByText(/sekarang dipegang ani/)).toBeVisible();
  await expect(drafts.getByTestId('open-draft').first()).toContainText('ani');
  await drafts.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'draft-reassign.png'), fullPage: true });

  const audit = await api(host, 'audit.list', { limit: 5 });
  expect(
    audit.some((a) => a.action === 'recording.reassigned' && /:budi>ani$/.test(a.target ?? '')),
  ).toBe(true);
});
