import { expect, test } from '@playwright/test';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { numberedShots, openSavedDraft } from './draft-journey';

/**
 * The Tanda tangan step end to end: the real browser host with its simulated STU-530 (real pen
 * report bytes through the real driver), sped up 2×. The operator opens a saved draft, the
 * simulated resident first dabs the pen (refused with a plain reason), then signs in full while
 * the strokes appear live; the operator accepts and sees the card image.
 */

const shot = numberedShots('signature');

let host: RunningHost;

test.afterAll(async () => {
  await host?.stop();
});

test('signature: a too-short scribble is refused, a full signature is accepted', async ({
  page,
}) => {
  host = await startBrowserHost({
    extraArgs: ['--fingerprint', 'none', '--signature', 'simulated', '--sim-speed', '2'],
  });
  await openSavedDraft(page, host);
  await page.getByTestId('step-signature').click();
  await expect(page.getByTestId('signature-step')).toBeVisible();
  await expect(page.getByTestId('sig-sim-badge')).toHaveText('SIMULASI');
  await expect(page.getByTestId('sig-device')).toContainText('STU-530');
  await expect(page.getByTestId('sig-prompt')).toContainText('Minta penduduk menandatangani');
  await shot(page, 'ready');

  // ---- a dab of the pen is not a signature ------------------------------------------------
  await page.getByTestId('sig-sim-script').selectOption('short');
  await page.getByTestId('sig-simulate').click();
  await expect(page.getByTestId('sig-live-stats')).toContainText(/^[1-9]\d* titik · 1 goresan/);
  await page.getByTestId('sig-accept').click();
  await expect(page.getByTestId('sig-message')).toContainText('Tanda tangan terlalu pendek');
  await expect(page.getByTestId('sig-message')).toContainText('perlu minimal 20');
  await shot(page, 'too-short');

  // ---- clear with the keyboard, then a full signature drawn live ---------------------------
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('sig-live-stats')).toContainText('0 titik · 0 goresan');
  await page.getByTestId('sig-sim-script').selectOption('signature');
  await page.getByTestId('sig-simulate').click();
  await expect(page.getByTestId('sig-prompt')).toContainText('sedang menandatangani');
  await expect(page.getByTestId('sig-live-stats')).toContainText('3 goresan', { timeout: 10_000 });
  // The last points arrive a moment after the third stroke starts.
  await page.waitForTimeout(400);
  await shot(page, 'signed-live');
  // Enter accepts when no button has the focus (as after the pen, not the mouse, was used).
  await page.locator(':focus').evaluate((el) => (el as unknown as { blur(): void }).blur());
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sig-message')).toContainText('Tanda tangan diterima');
  await expect(page.getByTestId('sig-image')).toBeVisible();
  await expect(page.getByTestId('sig-stored')).toContainText(/3 goresan, \d+\.\d detik/);
  await expect(page.getByTestId('step-signature')).toHaveAttribute('data-done', 'true');
  await shot(page, 'accepted');
});
