import { expect, test } from '@playwright/test';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { numberedShots, openSavedDraft } from './draft-journey';

/**
 * The Sidik jari step end to end: the real browser host with its simulated scanner (a socat pty
 * pair, the real driver and serial transport, the link negotiated to 115,200 baud, paced 4×
 * faster than the wire). The operator opens a saved draft from "Hari ini", marks the left
 * little finger as amputated, is told plainly while fingers are missing, and takes the rest
 * with one Enter: a good image asks for the next finger by itself while it still transfers; a
 * smudged one brings the operator back to it; U retakes the finger just taken; Enter on
 * "Selesai" moves on to the signature.
 */

const shot = numberedShots('fingerprint');

let host: RunningHost;

test.afterAll(async () => {
  await host?.stop();
});

test('fingerprints: exception, one Enter for the rest, a retry, a retake, then on to the signature', async ({
  page,
}) => {
  host = await startBrowserHost({
    extraArgs: ['--fingerprint', 'simulated', '--sim-speed', '4'],
  });
  // A draft saved earlier by the operator (the data step has its own journey).
  await openSavedDraft(page, host);
  await expect(page.getByTestId('status-bar')).toContainText('Sidik jari: SIMULASI');
  // Opening lands on the first open step once the draft is read; move on only after that.
  await expect(page.getByTestId('step-photo')).toHaveAttribute('aria-current', 'step');
  await page.getByTestId('step-fingerprint').click();
  await expect(page.getByTestId('fingerprint-step')).toBeVisible();
  await expect(page.getByTestId('fp-sim-badge')).toBeVisible();
  await expect(page.getByTestId('fp-prompt')).toContainText('Letakkan JEMPOL KANAN di sensor');
  await shot(page, 'ready');

  // ---- finishing too early says which fingers are missing ---------------------------------
  await page.getByTestId('fp-finish').click();
  await expect(page.getByTestId('fp-incomplete')).toContainText('Belum bisa selesai — 10 jari');
  await expect(page.getByTestId('fp-incomplete')).toHaveClass(/banner--error/);

  // ---- left little finger: amputated, with a reason ----------------------------------------
  await page.getByTestId('fp-tile-10').click();
  await page.getByTestId('fp-exception').click();
  await page.getByLabel('Diamputasi').check();
  await page.getByTestId('fp-exception-save').click();
  await expect(page.getByTestId('fp-exception-form')).toContainText('Tulis alasan');
  await page.getByTestId('fp-exception-reason').fill('Diamputasi sejak kecelakaan kerja');
  await shot(page, 'exception-form');
  await page.getByTestId('fp-exception-save').click();
  await expect(page.getByTestId('fp-tile-10')).toHaveAttribute('data-state', 'exception');

  // ---- right middle first, smudged: the operator is kept on it -----------------------------
  await page.getByTestId('fp-tile-3').click();
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/fingerprint.simulate')),
    page.getByTestId('fp-sim-quality').selectOption('smudged'),
  ]);
  await expect(page.getByTestId('fp-prompt')).toContainText('Letakkan JARI TENGAH KANAN di sensor');
  await page.getByTestId('fp-capture').click();
  await expect(page.getByTestId('fp-outcome')).toHaveAttribute('data-outcome', 'retry', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('fp-outcome')).toContainText('di bawah batas 40');
  await expect(page.getByTestId('fp-prompt')).toContainText('JARI TENGAH KANAN');
  await expect(page.getByTestId('fp-capture')).toContainText('Ulangi (percobaan 2 dari 3)');
  await expect(page.getByTestId('fp-capture')).toBeFocused();
  await shot(page, 'smudged-retry');

  // ---- one Enter: the rest follow by themselves ----------------------------------------------
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/fingerprint.simulate')),
    page.getByTestId('fp-sim-quality').selectOption('clear'),
  ]);
  await page.getByTestId('fp-capture').focus();
  await page.keyboard.press('Enter');
  // "Lift" comes when the image is in the module; the next finger is asked for while the
  // image still travels to the station, and the transfer shows on its own line.
  await expect(page.getByTestId('fp-prompt')).toContainText('Letakkan JARI MANIS KANAN di sensor', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('fp-transfer')).toContainText(/Mengirim gambar .+ \d+%/);
  await expect(page.getByTestId('fp-transfer')).not.toContainText('tahan');
  await shot(page, 'next-finger-while-transferring');
  // The finger just taken stays in view (image and score) while the next one is awaited.
  await expect(page.getByTestId('fp-previous')).toContainText(/Sebelumnya: (JARI|JEMPOL)/, {
    timeout: 20_000,
  });
  await shot(page, 'previous-in-view');
  await expect(page.getByTestId('fp-complete')).toContainText('Sepuluh jari lengkap.', {
    timeout: 60_000,
  });
  for (let f = 1; f <= 9; f++) {
    await expect(page.getByTestId(`fp-tile-${f}`)).toHaveAttribute('data-state', 'captured');
  }
  await expect(page.getByTestId('step-fingerprint')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('fp-finish')).toBeFocused();
  await expect(page.getByTestId('fp-finish')).toContainText('Enter');
  await shot(page, 'complete');

  // ---- U retakes the finger taken before the last one shown -------------------------------
  const retake = page.getByTestId('fp-retake');
  await expect(retake).toContainText('Ulangi');
  const retaken = ((await retake.textContent()) ?? '').replace(/^Ulangi (.+?)U?$/, '$1').trim();
  await page.keyboard.press('u');
  await expect(page.getByTestId('fp-prompt')).toContainText(retaken);
  await expect(page.getByTestId('fp-complete')).toContainText('Sepuluh jari lengkap.', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('fp-finish')).toBeFocused();

  // ---- Enter on "Selesai": on to the signature ---------------------------------------------
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-signature')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('signature-step')).toBeVisible();
});
