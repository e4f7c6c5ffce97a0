import { expect, type Page } from '@playwright/test';

// The operator's capture steps after the resident's data is saved, as a desk does them with the
// fake webcam, the simulated scanner (over its pty) and the simulated pad: photo, ten fingers,
// signature, review, seal with the password. Shared by the journeys that record a resident.

/** What the operator types into the data step; the date as on the form (dd-mm-yyyy). */
export interface TypedResident {
  nik: string;
  kk: string;
  name: string;
  birthPlace: string;
  birthDate: string;
  sex: string;
  bloodType?: string;
  address: string;
  rt: string;
  rw: string;
  religion: string;
  maritalStatus: string;
  occupation: string;
}

/** Types the resident into the data step (a village of Kec. Sukasari) and saves the draft. */
export async function typeAndSaveResident(page: Page, r: TypedResident): Promise<void> {
  const field = (name: string) => page.getByTestId(`field-${name}`);
  await field('nik').fill(r.nik);
  await field('kk').fill(r.kk);
  await field('name').fill(r.name);
  await field('birthPlace').fill(r.birthPlace);
  await field('birthDate').fill(r.birthDate);
  await field('sex').selectOption(r.sex);
  if (r.bloodType) await field('bloodType').selectOption(r.bloodType);
  await field('address').fill(r.address);
  await field('rt').fill(r.rt);
  await field('rw').fill(r.rw);
  await field('province').selectOption('32');
  await field('regency').selectOption('32.73');
  await field('district').selectOption('32.73.01');
  await field('villageCode').selectOption({ index: 1 });
  await field('religion').selectOption(r.religion);
  await field('maritalStatus').selectOption(r.maritalStatus);
  await field('occupation').selectOption(r.occupation);
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('save-ok')).toBeVisible();
}

/** Photo from the fake camera, accepted. */
export async function takePhoto(page: Page): Promise<void> {
  await page.getByTestId('step-photo').click();
  await expect(page.getByTestId('photo-capture')).toBeEnabled({ timeout: 15_000 });
  await page.getByTestId('photo-capture').click();
  await expect(page.getByTestId('photo-attempt')).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('no-glasses').check();
  await page.getByTestId('photo-accept').click();
  await expect(page.getByTestId('photo-accepted')).toBeVisible();
  await page.getByTestId('photo-next').click();
}

/** Ten fingers: one capture, each good image asks for the next finger by itself. */
export async function captureTenFingers(page: Page): Promise<void> {
  await expect(page.getByTestId('fingerprint-step')).toBeVisible();
  await expect(page.getByTestId('fp-prompt')).toContainText('Letakkan JEMPOL KANAN di sensor');
  await page.getByTestId('fp-capture').click();
  await expect(page.getByTestId('fp-complete')).toContainText('Sepuluh jari lengkap.', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('step-fingerprint')).toHaveAttribute('data-done', 'true');
}

/**
 * Starts the simulated resident signing (`start`: the button or its shortcut) and waits until
 * the pen's live figures (`statsTestId`: the recording step's, or the handover's) have moved,
 * then stayed still for a second.
 */
export async function signUntilPenStill(
  page: Page,
  start: () => Promise<void>,
  statsTestId = 'sig-live-stats',
): Promise<void> {
  const stats = page.getByTestId(statsTestId);
  const before = (await stats.textContent()) ?? '';
  await start();
  await expect(stats).not.toHaveText(before, { timeout: 10_000 });
  let last = '';
  let stableSince = Date.now();
  await expect
    .poll(
      async () => {
        const now = (await stats.textContent()) ?? '';
        if (now !== last) {
          last = now;
          stableSince = Date.now();
        }
        return Date.now() - stableSince;
      },
      { timeout: 20_000, intervals: [200] },
    )
    .toBeGreaterThan(1000);
}

/** The simulated resident signs; accepted once the pen has been still for a second. */
export async function signOnSimulatedPad(page: Page, beforeAccept?: () => Promise<void>) {
  await page.getByTestId('step-signature').click();
  await expect(page.getByTestId('signature-step')).toBeVisible();
  await expect(page.getByTestId('sig-sim-badge')).toBeVisible();
  await expect(page.getByTestId('sig-simulate')).toBeVisible({ timeout: 10_000 });
  await signUntilPenStill(page, () => page.getByTestId('sig-simulate').click());
  await beforeAccept?.();
  await page.getByTestId('sig-accept').click();
  await expect(page.getByTestId('sig-image')).toBeVisible({ timeout: 10_000 });
  await page.getByTestId('sig-next').click();
}

/** Review, then seal with the operator's password; ends on the receipt. */
export async function reviewAndSeal(page: Page, password: string): Promise<void> {
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('review-ready')).toBeVisible();
  await page.getByTestId('review-finish').click();
  await expect(page.getByTestId('finish-password')).toBeFocused();
  await page.getByTestId('finish-password').fill(password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt')).toBeVisible({ timeout: 20_000 });
}
