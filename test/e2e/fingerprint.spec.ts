import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { loginUi, saveDraftAsOperator, setUpStation } from './station-setup';

/**
 * The Sidik jari step end to end: the real browser host with its simulated scanner (a socat pty
 * pair, the real driver and serial transport, paced 8× faster than a 57,600-baud module). The
 * operator opens a saved draft from "Hari ini", takes the ten fingers in order with Enter — one
 * smudged finger needs a second try — marks the left little finger as amputated with a reason,
 * is told plainly while a finger is missing, and finishes the step.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
let shotNo = 0;
async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `fingerprint-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

let host: RunningHost;

test.afterAll(async () => {
  await host?.stop();
});

async function captureAccepted(page: Page, finger: string): Promise<void> {
  await expect(page.getByTestId('fp-prompt')).toContainText(`Letakkan ${finger} di sensor`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('fp-outcome')).toHaveAttribute('data-outcome', 'accepted', {
    timeout: 20_000,
  });
}

test('fingerprints: ten fingers with a retry and an exception, then complete', async ({ page }) => {
  host = await startBrowserHost({
    extraArgs: ['--fingerprint', 'simulated', '--sim-speed', '8'],
  });
  await setUpStation(host);

  // A draft saved earlier by the operator (the data step has its own journey).
  await saveDraftAsOperator(host);

  await page.goto(host.url);
  await loginUi(page);
  // The status bar says plainly that this scanner is not real.
  await expect(page.getByTestId('status-bar')).toContainText('Sidik jari: SIMULASI');
  await page.getByTestId('nav-today').click();
  await page.getByTestId('today-open').first().click();
  await page.getByTestId('step-fingerprint').click();
  await expect(page.getByTestId('fingerprint-step')).toBeVisible();
  await expect(page.getByTestId('fp-sim-badge')).toBeVisible();
  await expect(page.getByTestId('fp-prompt')).toContainText('Letakkan JEMPOL KANAN di sensor');
  await shot(page, 'ready');

  // ---- right thumb: watch the live status while the image comes in ----------------------
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('fp-live')).toContainText(/Mengambil gambar… \d+%/, {
    timeout: 10_000,
  });
  await shot(page, 'uploading');
  await expect(page.getByTestId('fp-outcome')).toHaveAttribute('data-outcome', 'accepted', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('fp-score')).toContainText(/Kualitas \d+ \(batas 40\)/);
  await expect(page.getByTestId('fp-image').locator('img')).toBeVisible();
  await shot(page, 'thumb-accepted');

  // ---- right index: next, then capture -------------------------------------------------
  await expect(page.getByTestId('fp-next')).toContainText('Lanjut: JARI TELUNJUK KANAN');
  await page.keyboard.press('Enter');
  await captureAccepted(page, 'JARI TELUNJUK KANAN');

  // ---- right middle: a smudged finger first -------------------------------------------
  await page.keyboard.press('Enter');
  await page.getByTestId('fp-sim-quality').selectOption('smudged');
  await expect(page.getByTestId('fp-prompt')).toContainText('Letakkan JARI TENGAH KANAN di sensor');
  await page.getByTestId('fp-capture').click();
  await expect(page.getByTestId('fp-outcome')).toHaveAttribute('data-outcome', 'retry', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('fp-outcome')).toContainText('di bawah batas 40');
  await expect(page.getByTestId('fp-capture')).toContainText('Ulangi (percobaan 2 dari 3)');
  await shot(page, 'smudged-retry');
  await page.getByTestId('fp-sim-quality').selectOption('clear');
  await page.getByTestId('fp-capture').click();
  await expect(page.getByTestId('fp-outcome')).toHaveAttribute('data-outcome', 'accepted', {
    timeout: 20_000,
  });

  // ---- the rest of the right hand and the left hand up to the ring finger --------------
  const rest = [
    'JARI MANIS KANAN',
    'JARI KELINGKING KANAN',
    'JEMPOL KIRI',
    'JARI TELUNJUK KIRI',
    'JARI TENGAH KIRI',
    'JARI MANIS KIRI',
  ];
  for (const finger of rest) {
    await page.getByTestId('fp-next').focus();
    await page.keyboard.press('Enter');
    await captureAccepted(page, finger);
  }
  await page.getByTestId('fp-next').click();
  await expect(page.getByTestId('fp-prompt')).toContainText('JARI KELINGKING KIRI');

  // ---- finishing too early says which finger is missing ----------------------------------
  await page.getByTestId('fp-finish').click();
  await expect(page.getByTestId('fp-incomplete')).toContainText(
    'Belum bisa selesai — 1 jari belum: JARI KELINGKING KIRI.',
  );
  await expect(page.getByTestId('fp-incomplete')).toHaveClass(/banner--error/);
  await expect(page.getByTestId('step-fingerprint')).toHaveAttribute('data-done', 'false');
  await shot(page, 'incomplete');

  // ---- left little finger: amputated, with a reason ----------------------------------------
  await page.getByTestId('fp-exception').click();
  await page.getByLabel('Diamputasi').check();
  await page.getByTestId('fp-exception-save').click();
  await expect(page.getByTestId('fp-exception-form')).toContainText('Tulis alasan');
  await page.getByTestId('fp-exception-reason').fill('Diamputasi sejak kecelakaan kerja');
  await shot(page, 'exception-form');
  await page.getByTestId('fp-exception-save').click();

  await expect(page.getByTestId('fp-complete')).toContainText('Sepuluh jari lengkap.');
  await expect(page.getByTestId('fp-tile-10')).toHaveAttribute('data-state', 'exception');
  for (let f = 1; f <= 9; f++) {
    await expect(page.getByTestId(`fp-tile-${f}`)).toHaveAttribute('data-state', 'captured');
  }
  await expect(page.getByTestId('step-fingerprint')).toHaveAttribute('data-done', 'true');
  await page.getByTestId('fp-finish').click();
  await shot(page, 'complete');
});
