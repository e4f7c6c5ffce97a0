import { chromium, expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { chromiumArgs } from '../../playwright.config';
import { chromiumPath } from '../../scripts/chromium-path.mjs';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { makeFrame, type FrameVariant } from '../helpers/photo-fixtures';
import { writeY4m } from '../helpers/y4m';
import { api, loginUi, setUpStation } from './station-setup';

/**
 * The photo step end to end: real Chromium whose webcam is a .y4m file we paint (fake capture
 * device), the real browser host and pipeline. A man born in 1991 (odd year → red background)
 * sits in front of a blue wall: the check tells the operator so. The feed is switched to a red
 * wall by relaunching the browser (the session and the attempts live in the host), the retake
 * passes, the operator confirms no glasses and accepts; the stored photo is 480×640 JPEG with
 * no metadata. Then the camera goes wrong: unplugged mid-preview, and no camera at all.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
let shotNo = 0;
/** What the operator sees at 1366×768, after scrolling `show` into view (the shell scrolls). */
async function shot(page: Page, name: string, show?: Locator): Promise<void> {
  await show?.scrollIntoViewIfNeeded();
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `photo-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

// Born 15 June 1991 in Kota Bandung (32.73.01): a man, so the day stays 15 → 150691.
const NIK = '3273011506910003';
const KK = '3273011203150007';
const NAME = 'AGUS SETIAWAN';

const work = mkdtempSync(path.join(tmpdir(), 'rekam-photo-e2e-'));

async function cameraFile(variant: FrameVariant): Promise<string> {
  const f = await makeFrame(variant, { year: 'odd', width: 1280, height: 720 });
  const file = path.join(work, `${variant}.y4m`);
  const frame = { width: f.width, height: f.height, rgb: f.rgb };
  writeY4m(file, [frame, frame, frame]);
  return file;
}

/** A fresh Chromium whose only camera plays `y4m` (or none at all when `y4m` is null). */
async function launch(y4m: string | null): Promise<{ browser: Browser; page: Page }> {
  const media = y4m
    ? [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${y4m}`,
      ]
    : ['--use-fake-ui-for-media-stream'];
  const browser = await chromium.launch({
    executablePath: chromiumPath() ?? undefined,
    headless: true,
    args: [...chromiumArgs, ...media],
  });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
  });
  const page = await context.newPage();
  return { browser, page };
}

let host: RunningHost;
let browser: Browser | undefined;

test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('photo: bad background, retake, accept, stored clean; camera errors', async () => {
  const [badFile, goodFile] = await Promise.all([
    cameraFile('wrong-background'),
    cameraFile('good'),
  ]);
  host = await startBrowserHost();
  await setUpStation(host);

  // ---- operator saves a resident born in an odd year ---------------------------------------
  let page: Page;
  ({ browser, page } = await launch(badFile));
  await page.goto(host.url);
  await loginUi(page);
  await expect(page.getByTestId('field-nik')).toBeVisible();
  await expect(page.getByTestId('step-photo')).toBeDisabled();
  await page.getByTestId('field-nik').fill(NIK);
  await page.getByTestId('field-kk').fill(KK);
  await page.getByTestId('field-name').fill(NAME);
  await page.getByTestId('field-birthPlace').fill('Bandung');
  await page.getByTestId('field-birthDate').fill('15-06-1991');
  await page.getByTestId('field-sex').selectOption('LAKI-LAKI');
  await page.getByTestId('field-address').fill('Jl. Sukasari No. 5');
  await page.getByTestId('field-rt').fill('2');
  await page.getByTestId('field-rw').fill('4');
  await page.getByTestId('field-province').selectOption('32');
  await page.getByTestId('field-regency').selectOption('32.73');
  await page.getByTestId('field-district').selectOption('32.73.01');
  await page.getByTestId('field-villageCode').selectOption({ index: 1 });
  await page.getByTestId('field-religion').selectOption('ISLAM');
  await page.getByTestId('field-maritalStatus').selectOption('KAWIN');
  await page.getByTestId('field-occupation').selectOption('WIRASWASTA');
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('save-ok')).toBeVisible();
  await expect(page.getByTestId('workspace-name')).toHaveText(NAME);
  await expect(page.getByTestId('workspace-nik')).toHaveText('NIK 3273********0003');
  await expect(page.getByTestId('step-data')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('continue-photo')).toBeFocused();
  await shot(page, 'data-saved');

  // ---- Foto: the live preview, then a capture against the wrong (blue) wall ----------------
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-photo')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('camera-resolution')).toHaveText(/1280×720/);
  await expect(page.getByTestId('framing-guide')).toBeVisible();
  await expect(page.getByTestId('photo-capture')).toBeEnabled();
  await shot(page, 'camera-live');
  await page.keyboard.press('Space');
  let attempts = page.getByTestId('photo-attempt');
  await expect(attempts).toHaveCount(1, { timeout: 30_000 });
  const first = attempts.first();
  await expect(first).toHaveAttribute('data-worst', 'fail');
  await expect(first.getByTestId('check-background')).toContainText(/Latar harus MERAH/);
  await expect(page.getByTestId('force-warning')).toBeVisible();
  // The verdict is repeated next to the accept button, with the advice to retake.
  await expect(page.getByTestId('accept-problems')).toContainText(/Latar harus MERAH/);
  await expect(page.getByTestId('retry-hint')).toContainText('Spasi');
  await shot(page, 'bad-background');

  // A failed check cannot be accepted without the glasses check and a reason.
  await page.getByTestId('photo-accept').click();
  await expect(page.locator('#no-glasses')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#force-reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('photo-accepted')).toHaveCount(0);
  await shot(page, 'accept-refused', page.getByTestId('accept-panel'));

  // ---- the camera is unplugged mid-preview: clear message, retry brings it back -------------
  // stop() alone fires no event; a pulled cable ends the track, which is what the page hears.
  // (Structural types: test code is compiled without the DOM library.)
  await page.getByTestId('camera-video').evaluate((v) => {
    type Track = { stop(): void; dispatchEvent(e: Event): boolean };
    const el = v as unknown as { srcObject: { getVideoTracks(): Track[] } };
    const track = el.srcObject.getVideoTracks()[0];
    track?.stop();
    track?.dispatchEvent(new Event('ended'));
  });
  await expect(page.getByTestId('camera-error')).toContainText('Kamera terputus');
  await expect(page.getByTestId('camera-retry')).toBeFocused();
  await expect(page.getByTestId('photo-capture')).toBeDisabled();
  await shot(page, 'camera-unplugged', page.getByTestId('camera-stage'));
  await page.getByTestId('camera-retry').click();
  await expect(page.getByTestId('photo-capture')).toBeEnabled();
  await expect(page.getByTestId('camera-error')).toHaveCount(0);

  // ---- a new browser with the good (red) wall: the attempt is still there ------------------
  await browser.close();
  ({ browser, page } = await launch(goodFile));
  await page.goto(host.url);
  if (await page.getByTestId('login-username').isVisible()) await loginUi(page);
  await page.getByTestId('nav-today').click();
  await page.getByTestId('today-row').filter({ hasText: NAME }).getByTestId('today-open').click();
  // The draft opens on its first step still to do.
  await expect(page.getByTestId('step-photo')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('workspace-name')).toHaveText(NAME);
  attempts = page.getByTestId('photo-attempt');
  await expect(attempts).toHaveCount(1);
  await expect(page.getByTestId('photo-capture')).toBeEnabled();
  await page.getByTestId('photo-capture').click();
  await expect(attempts).toHaveCount(2, { timeout: 30_000 });
  await shot(page, 'good-attempt');
  const second = attempts.nth(1);
  // Every measured check passes; glasses cannot be measured, so it stays a reminder (warn)
  // that the operator answers with the confirmation below.
  for (const id of ['face', 'exposure', 'sharpness', 'background']) {
    await expect(second.getByTestId(`check-${id}`)).toHaveClass(/check--pass/);
  }
  await expect(second.getByTestId('check-glasses')).toHaveClass(/check--warn/);
  await expect(second.locator('.check--fail')).toHaveCount(0);
  await expect(page.getByTestId('attempt-select-2')).toBeChecked();
  await expect(page.getByTestId('force-reason')).toHaveCount(0);
  await expect(page.getByTestId('attempts-left')).toContainText('1');

  await page.getByTestId('no-glasses').check();
  await page.getByTestId('photo-accept').click();
  await expect(page.getByTestId('photo-accepted')).toBeVisible();
  await expect(page.getByTestId('step-photo')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('photo-forced')).toHaveCount(0);
  await expect(page.getByTestId('photo-next')).toBeFocused();
  await shot(page, 'accepted');

  // ---- what the station stored ---------------------------------------------------------------
  const today = await api(host, 'recordings.today', {});
  const rec = today.find((r) => r.name === NAME);
  expect(rec).toBeDefined();
  const photo = await api(host, 'photo.get', { recordingId: rec!.id });
  expect(photo).not.toBeNull();
  expect(photo!.forced).toBe(false);
  expect(photo!.noGlassesConfirmed).toBe(true);
  expect(photo!.attempts).toBe(2);
  const jpeg = Buffer.from(photo!.imageDataUrl.replace(/^data:image\/jpeg;base64,/, ''), 'base64');
  const meta = await sharp(jpeg).metadata();
  expect(meta.format).toBe('jpeg');
  expect([meta.width, meta.height]).toEqual([480, 640]);
  expect(meta.exif).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(meta.xmp).toBeUndefined();

  // Alt+3 reaches the fingerprint step, Alt+2 comes back to the accepted photo.
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('step-fingerprint')).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('photo-accepted')).toBeVisible();

  // ---- no camera at all: a clear message and a retry button, never a frozen screen ---------
  await browser.close();
  ({ browser, page } = await launch(null));
  await page.goto(host.url);
  if (await page.getByTestId('login-username').isVisible()) await loginUi(page);
  await page.getByTestId('nav-today').click();
  await page.getByTestId('today-row').filter({ hasText: NAME }).getByTestId('today-open').click();
  await expect(page.getByTestId('step-fingerprint')).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('photo-accepted')).toBeVisible();
  // Retaking keeps the accepted photo until a new one is accepted: the step stays done.
  await page.getByTestId('photo-redo').click();
  await expect(page.getByTestId('retake-note')).toBeVisible();
  await expect(page.getByTestId('step-photo')).toHaveAttribute('data-done', 'true');
  const error = page.getByTestId('camera-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText(/Kamera tidak ditemukan|Izin memakai kamera ditolak/);
  await expect(page.getByTestId('camera-retry')).toBeVisible();
  await expect(page.getByTestId('photo-capture')).toBeDisabled();
  await shot(page, 'camera-missing', page.getByTestId('camera-stage'));
  await page.getByTestId('camera-retry').click();
  await expect(error).toBeVisible();
  await page.getByTestId('retake-cancel').click();
  await expect(page.getByTestId('photo-accepted')).toBeVisible();
  expect((await api(host, 'photo.get', { recordingId: rec!.id }))?.acceptedAt).toBe(
    photo!.acceptedAt,
  );
});
