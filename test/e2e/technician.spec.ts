import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import {
  api,
  launchWithCamera,
  loginUi,
  saveDraftAsOperator,
  setUpStation,
  writeCameraClip,
} from './station-setup';

/**
 * The technician on the phone with the office: logs in, lands on Perangkat & diagnostik, reads
 * out the (simulated) devices, runs the fingerprint self-test (handshake, ReadSysPara, a test
 * capture) and watches its raw bytes, runs the signature-pad test and the camera test (a
 * painted .y4m as the webcam), checks network and storage, and exports the diagnostics bundle.
 * The bundle is opened here: the expected files, and no NIK or name of the resident an
 * operator recorded earlier.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
let shotNo = 0;
async function shot(page: Page, name: string, show?: Locator): Promise<void> {
  await show?.scrollIntoViewIfNeeded();
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `technician-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

const TECH = { username: 'teknisi', password: 'teknisi-rahasia-1', fullName: 'Rudi Hartono' };
// Born 1 July 1985, a woman: day 01 + 40 → 410785.
const RESIDENT = {
  nik: '3273014107850004',
  kk: '3273011203150007',
  name: 'RINA MARLINA',
};

const work = mkdtempSync(path.join(tmpdir(), 'rekam-tech-e2e-'));
let host: RunningHost;
let browser: Browser | undefined;

test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('technician: devices, self-tests, traffic, network, storage, diagnostics export', async () => {
  const y4m = path.join(work, 'camera.y4m');
  await writeCameraClip(y4m);

  host = await startBrowserHost({
    extraArgs: ['--fingerprint', 'simulated', '--signature', 'simulated', '--sim-speed', '8'],
  });
  await setUpStation(host);
  await api(host, 'auth.login', { username: 'kepala', password: 'rahasia-kepala-1' });
  await api(host, 'users.create', { ...TECH, role: 'technician' });
  // An operator records a resident first: their data must never reach the bundle.
  await saveDraftAsOperator(host, {
    ...RESIDENT,
    birthPlace: 'BANDUNG',
    birthDate: '1985-07-01',
    sex: 'PEREMPUAN',
    bloodType: 'B',
    address: 'JL. GERLONG HILIR NO. 9',
    rt: '1',
    rw: '3',
    religion: 'ISLAM',
    maritalStatus: 'KAWIN',
    occupation: 'WIRASWASTA',
    citizenship: 'WNI',
  });

  const launched = await launchWithCamera(y4m);
  browser = launched.browser;
  const page = launched.page;
  await page.goto(host.url);
  await loginUi(page, TECH);

  // ---- lands on Perangkat & diagnostik; every device with its facts ------------------------
  await expect(page.getByTestId('diagnostics-screen')).toBeVisible();
  await expect(page.getByTestId('nav-diagnostics')).toHaveAttribute('aria-current', 'page');
  const fp = page.getByTestId('device-fingerprint');
  const pad = page.getByTestId('device-signature');
  await expect(fp).toBeVisible();
  await expect(pad).toBeVisible();
  await expect(page.getByTestId('device-state-fingerprint')).toContainText('SIMULASI');
  await expect(page.getByTestId('device-state-signature')).toContainText('SIMULASI');
  await expect(pad).toContainText('0x056A');
  await expect(page.getByTestId('storage-integrity')).toContainText('Baik');
  await expect(page.getByTestId('network-url')).toContainText('Belum diatur');
  await shot(page, 'devices');

  // ---- fingerprint self-test, with its bytes on the wire -----------------------------------
  await page.getByTestId('selftest-run-fingerprint').click();
  await expect(page.getByTestId('selftest-verdict-fingerprint')).toContainText('LULUS', {
    timeout: 45_000,
  });
  await expect(page.getByTestId('selftest-steps-fingerprint')).toContainText('ReadSysPara');
  await expect(page.getByTestId('selftest-image')).toBeVisible();
  await expect(page.getByTestId('selftest-quality')).toContainText('/ 100');
  await shot(page, 'fingerprint-test', page.getByTestId('selftest-result-fingerprint'));

  const traffic = page.getByTestId('traffic-table');
  await expect(traffic.locator('tr[data-dir="tx"]').first()).toBeVisible();
  await expect(traffic.locator('tr[data-dir="rx"]').first()).toBeVisible();
  // The handshake goes out as a ZFM command packet: EF 01, address, PID 01.
  await expect(traffic.locator('tr[data-dir="tx"]').first()).toContainText('EF 01');
  // The test image's data packets show their headers; the pixels are withheld.
  await expect(traffic.getByTestId('traffic-withheld').first()).toContainText('disembunyikan');
  await page.getByTestId('traffic-pause').click();
  await expect(page.getByTestId('traffic-state')).toHaveText('DIJEDA');
  await shot(page, 'traffic-paused', page.getByTestId('traffic-table'));
  await page.getByTestId('traffic-pause').click();
  await expect(page.getByTestId('traffic-state')).toContainText('LANGSUNG');

  // ---- signature pad: capability and a short (simulated) draw ------------------------------
  await page.getByTestId('selftest-run-signature').click();
  await expect(page.getByTestId('selftest-verdict-signature')).toContainText('LULUS', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('selftest-rate')).toContainText('Laporan per detik');
  await expect(page.getByTestId('selftest-pressure')).toContainText('Rentang tekanan');
  await shot(page, 'signature-test', page.getByTestId('selftest-result-signature'));

  // ---- camera: resolution and frame rate measured in the page, reported to main ------------
  await page.getByTestId('selftest-run-camera').click();
  await expect(page.getByTestId('camera-reported')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('camera-resolution')).toContainText('1280×720');
  await expect(page.getByTestId('camera-fps')).toHaveText(/^\d+\.\d/);
  await expect(page.getByTestId('device-state-camera')).toContainText('Terhubung');
  await shot(page, 'camera-test', page.getByTestId('camera-result'));

  // ---- network and storage -----------------------------------------------------------------
  await page.getByTestId('network-check').click();
  await expect(page.getByTestId('network-url')).toContainText('Belum diatur');
  await page.getByTestId('storage-check').click();
  await expect(page.getByTestId('storage-integrity')).toContainText('Baik');
  await expect(page.getByTestId('storage-free')).toContainText(' dari ');
  await expect(page.getByTestId('storage-audit')).toContainText(/Rantai audit utuh \(\d+ baris\)/);
  await shot(page, 'network-storage', page.getByTestId('storage-result'));

  // ---- the diagnostics bundle ----------------------------------------------------------------
  await page.getByTestId('nav-diagnostics').scrollIntoViewIfNeeded();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^rekam-diagnostik-meja-1-kecamatan-sukasari-\d{4}-\d{2}-\d{2}\.zip$/,
  );
  const file = path.join(work, download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByTestId('export-done')).toBeVisible();
  await shot(page, 'exported');

  const files = unzipSync(new Uint8Array(readFileSync(file)));
  const names = Object.keys(files).sort();
  for (const expected of [
    'README.txt',
    'app.json',
    'config.json',
    'devices.json',
    'logs/rekam.log',
    'network.json',
    'self-tests.json',
    'storage.json',
    'summary.json',
    'traffic.json',
  ]) {
    expect(names).toContain(expected);
  }
  const all = Object.values(files)
    .map((b) => strFromU8(b))
    .join('\n');
  expect(all).not.toContain(RESIDENT.nik);
  expect(all).not.toContain(RESIDENT.kk);
  expect(all.toUpperCase()).not.toContain(RESIDENT.name);
  expect(all.toUpperCase()).not.toContain('GERLONG HILIR');
  expect(all).not.toContain('$scrypt$');
  expect(all).not.toContain('data:image');
  const tests = JSON.parse(strFromU8(files['self-tests.json']!)) as { modality: string }[];
  expect(tests.map((t) => t.modality).sort()).toEqual(['fingerprint', 'signature']);
  const devices = strFromU8(files['devices.json']!);
  expect(devices).toContain('fingerprint');
  expect(devices).toContain('signature');
  expect(strFromU8(files['logs/rekam.log']!)).toContain('station opened');
});
