import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { RunningHost } from '../helpers/browser-host';
import { loginUi, saveDraftAsOperator, setUpStation } from './station-setup';

// The start of the single-step journeys (fingerprint, signature): a draft the operator saved
// earlier, opened from "Hari ini" on a station whose devices are simulated.

/** Numbered full-page screenshots, `<prefix>-01-<name>.png`, under test-results/screenshots. */
export function numberedShots(prefix: string): (page: Page, name: string) => Promise<void> {
  const dir = path.resolve('test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, name) => {
    n += 1;
    await page.screenshot({
      path: path.join(dir, `${prefix}-${String(n).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };
}

/** Sets the station up, saves a draft as the operator, signs in and opens it from "Hari ini". */
export async function openSavedDraft(page: Page, host: RunningHost): Promise<void> {
  await setUpStation(host);
  await saveDraftAsOperator(host);
  await page.goto(host.url);
  await loginUi(page);
  // The status bar says plainly that the devices are not real.
  await expect(page.getByTestId('status-bar')).toContainText('SIMULASI');
  await page.getByTestId('nav-today').click();
  await page.getByTestId('today-open').first().click();
}
