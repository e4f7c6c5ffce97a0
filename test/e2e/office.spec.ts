import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromiumArgs } from '../../playwright.config';
import { chromiumPath } from '../../scripts/chromium-path.mjs';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { api, loginUi, setUpStation } from './station-setup';

/**
 * The office journey: a hub (the counter PC) and a desk, each its own process. The technicians
 * pair them on their Office screens; the counter issues a card; desk 2 calls it; the waiting-room
 * TV (another browser, with the board link only) shows "A-001 → Meja 2".
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
for (const f of readdirSync(shots)) if (f.startsWith('office-')) rmSync(path.join(shots, f));
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(shots, `office-${name}.png`) });

const SUPERVISOR = { username: 'kepala', password: 'rahasia-kepala-1' };
const TECHNICIAN = { username: 'teknisi', password: 'rahasia-teknisi-1', fullName: 'Agus Teknisi' };
const OFFICE_ARGS = ['--hub-port', '0', '--hub-host', '127.0.0.1'];

let hub: RunningHost | undefined;
let desk: RunningHost | undefined;
let browser: Browser | undefined;
test.afterAll(async () => {
  await browser?.close();
  await Promise.all([hub?.stop(), desk?.stop()]);
});

async function prepare(host: RunningHost): Promise<void> {
  await setUpStation(host);
  await api(host, 'auth.login', SUPERVISOR);
  await api(host, 'users.create', { ...TECHNICIAN, role: 'technician' });
  await api(host, 'queue.setCapacity', {
    serviceDays: [0, 1, 2, 3, 4, 5, 6],
    opensAt: '00:00',
    closesAt: '23:59',
    recordingsPerDesk: 40,
    priorityShare: 0,
  });
  await api(host, 'auth.logout', {});
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-username')).toBeVisible();
}

test('pair a desk, issue at the counter, desk 2 calls, the TV board shows it', async () => {
  test.setTimeout(240_000);
  hub = await startBrowserHost({ extraArgs: [...OFFICE_ARGS, '--hub'] });
  desk = await startBrowserHost({ extraArgs: OFFICE_ARGS });
  await Promise.all([prepare(hub), prepare(desk)]);

  browser = await chromium.launch({
    headless: true,
    executablePath: chromiumPath() ?? undefined,
    args: chromiumArgs,
  });
  const open = async (url: string) => {
    const ctx = await browser!.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'id-ID',
    });
    const page = await ctx.newPage();
    await page.goto(url);
    return page;
  };
  const hubPage = await open(hub.url);
  const deskPage = await open(desk.url);

  // ---- pairing, as the two technicians do it -------------------------------------------------
  await loginUi(hubPage, TECHNICIAN);
  await hubPage.getByTestId('nav-office').click();
  await expect(hubPage.getByTestId('office-role')).toHaveText('Hub kantor');
  await hubPage.getByTestId('office-new-code').click();
  const code = (await hubPage.getByTestId('office-pairing-code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  const hubAddress = (await hubPage.getByTestId('office-hub-urls').textContent())!.trim();
  const boardUrl = (await hubPage.getByTestId('office-board-url').textContent())!.trim();
  await shot(hubPage, 'hub-pairing-code');

  await loginUi(deskPage, TECHNICIAN);
  await deskPage.getByTestId('nav-office').click();
  await deskPage.getByTestId('office-url').fill(hubAddress);
  await deskPage.getByTestId('office-code').fill(code.toLowerCase());
  await deskPage.getByRole('button', { name: 'Pasangkan meja ini' }).click();
  await expect(deskPage.getByTestId('office-desk-link')).toContainText('Meja ini: Meja 2');
  await expect(deskPage.getByTestId('office-connected')).toBeVisible();
  // The fingerprint the desk shows is the hub's, as on the hub's screen.
  await expect(deskPage.getByTestId('office-desk-hub-fingerprint')).toHaveAttribute(
    'data-value',
    (await hubPage.getByTestId('office-hub-fingerprint').getAttribute('data-value'))!,
  );
  await shot(deskPage, 'desk-joined');

  await hubPage.getByTestId('nav-diagnostics').click();
  await hubPage.getByTestId('nav-office').click();
  await expect(hubPage.getByTestId('office-desk-2')).toContainText('Meja 1 Kecamatan Sukasari');
  await shot(hubPage, 'hub-desks');

  // ---- the counter issues a card; desk 2 calls it -----------------------------------------
  await logout(hubPage);
  await loginUi(hubPage);
  await hubPage.getByTestId('nav-queue').click();
  await hubPage.getByTestId('walkin-name').fill('Siti Rahmawati');
  await hubPage.getByTestId('walkin-issue').click();
  await expect(hubPage.getByTestId('walkin-result-number')).toHaveText('A-001');
  await shot(hubPage, 'counter');

  await logout(deskPage);
  await loginUi(deskPage);
  await deskPage.getByTestId('nav-queue').click();
  await expect(deskPage.getByTestId('office-queue-connected')).toContainText('Meja 2');
  await deskPage.getByTestId('queue-call-next').click();
  await expect(deskPage.getByTestId('queue-called-number')).toHaveText('A-001');
  await shot(deskPage, 'desk-called');

  // ---- the TV: another browser, the board link only ---------------------------------------
  const tvCtx = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    // The hub's certificate is its own (desks pin it); a TV browser accepts it once.
    ignoreHTTPSErrors: true,
  });
  const tv = await tvCtx.newPage();
  await tv.goto(boardUrl);
  await expect(tv.locator('#now-number')).toHaveText('A-001');
  await expect(tv.locator('#now-desk')).toHaveText('Meja 2');
  await expect(tv.getByTestId('board-now')).toContainText('→');
  await shot(tv, 'tv');
  // The same page without the token shows nothing but a plain message.
  const bare = await tvCtx.newPage();
  await bare.goto(boardUrl.split('#')[0]!);
  await expect(bare.locator('#error')).toContainText('Tautan papan tidak berlaku');
  await expect(bare.locator('#now-number')).toHaveText('—');
});
