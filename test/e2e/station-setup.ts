import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config';
import { chromiumPath } from '../../scripts/chromium-path.mjs';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import type { RunningHost } from '../helpers/browser-host';
import { makeFrame } from '../helpers/photo-fixtures';
import { writeY4m } from '../helpers/y4m';

/**
 * Shared e2e steps: talk to a running browser host straight over its HTTP API (as the page
 * does, with the per-run secret), set up a station with an operator, and log in through the UI.
 * The foundation journey does all of this through the UI; later journeys start from here.
 */
export async function api<M extends MethodName>(
  host: RunningHost,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const res = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rekam-secret': host.secret },
    body: JSON.stringify(input),
  });
  const reply = (await res.json()) as
    | { ok: true; value: MethodOutput<M> }
    | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

export interface Operator {
  username: string;
  password: string;
  fullName: string;
}

export const OPERATOR: Operator = {
  username: 'budi',
  password: 'operator-budi-1',
  fullName: 'Budi Santoso',
};

/** A station in Kec. Sukasari (Kota Bandung), its supervisor and one operator; nobody signed in. */
export async function setUpStation(host: RunningHost, operator = OPERATOR): Promise<void> {
  await api(host, 'setup.create', {
    stationName: 'Meja 1 Kecamatan Sukasari',
    kecamatanCode: '32.73.01',
    supervisor: { username: 'kepala', fullName: 'Dewi Lestari', password: 'rahasia-kepala-1' },
  });
  // These journeys upload sealed packets at once (approval before upload is on by default).
  await api(host, 'supervisor.setSettings', { approvalRequiredForUpload: false });
  await api(host, 'users.create', { ...operator, role: 'operator' });
  await api(host, 'auth.logout', {});
}

export async function loginUi(page: Page, operator = OPERATOR): Promise<void> {
  await expect(page.getByTestId('login-username')).toBeVisible();
  await page.getByTestId('login-username').fill(operator.username);
  await page.getByTestId('login-password').fill(operator.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('status-bar')).toBeVisible();
}

export type DraftResident = Omit<MethodInput<'recordings.saveDraft'>['resident'], 'villageCode'>;

/** A woman from Kec. Sukasari whose NIK agrees with her birth date and sex. */
export const SITI: DraftResident = {
  nik: '3273015508920002',
  kk: '3273011203150007',
  name: 'SITI RAHMAWATI',
  birthPlace: 'BANDUNG',
  birthDate: '1992-08-15',
  sex: 'PEREMPUAN',
  bloodType: 'A',
  address: 'JL. SUKASARI NO. 7',
  rt: '3',
  rw: '5',
  religion: 'ISLAM',
  maritalStatus: 'KAWIN',
  occupation: 'WIRASWASTA',
  citizenship: 'WNI',
};

/** A draft saved earlier by the operator, in the first village of the kecamatan; signs out. */
export async function saveDraftAsOperator(
  host: RunningHost,
  resident: DraftResident = SITI,
  operator = OPERATOR,
): Promise<void> {
  await api(host, 'auth.login', { username: operator.username, password: operator.password });
  const villages = await api(host, 'regions.children', { parent: '32.73.01' });
  await api(host, 'recordings.saveDraft', {
    resident: { ...resident, villageCode: villages[0]!.code },
  });
  await api(host, 'auth.logout', {});
}

/** Writes a webcam clip (.y4m) of a resident in front of a red wall (born in an odd year). */
export async function writeCameraClip(file: string): Promise<void> {
  const frame = await makeFrame('good', { year: 'odd', width: 1280, height: 720 });
  const f = { width: frame.width, height: frame.height, rgb: frame.rgb };
  writeY4m(file, [f, f, f]);
}

/** A Chromium whose webcam plays `y4m`, and a page in an Indonesian 1366×768 context. */
export async function launchWithCamera(y4m: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath() ?? undefined,
    headless: true,
    args: [
      ...chromiumArgs,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
    acceptDownloads: true,
  });
  return { browser, page: await context.newPage() };
}
