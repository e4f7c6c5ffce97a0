import { expect, test, type Browser } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { attachSimulatedPrinter } from '../../drivers/printer/simulator';
import type { SimulatedPrinter } from '../../drivers/printer/simulator';
import { openSerialTransport } from '../../drivers/transport/serial';
import type { SerialTransport } from '../../drivers/transport/serial';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { openPtyPair } from '../helpers/pty';
import type { PtyPair } from '../helpers/pty';
import { api, launchWithCamera, loginUi, setUpStation, writeCameraClip } from './station-setup';

/**
 * The technician sets up the queue's thermal printer on Perangkat & diagnostik: types the port
 * (a socat pty whose far end is the ESC/POS printer simulator), picks 80 mm paper and the
 * WPC1252 table, and prints the test page. The simulator checks what arrived: ESC t 16 after
 * ESC @, the settings, a ruler 48 wide and the accented letters in that table. Then a queue
 * card prints on the new port at once, without restarting the station.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
const TECH = { username: 'teknisi', password: 'teknisi-rahasia-1', fullName: 'Rudi Hartono' };

const work = mkdtempSync(path.join(tmpdir(), 'rekam-printer-e2e-'));
let host: RunningHost | undefined;
let browser: Browser | undefined;
let pair: PtyPair | undefined;
let port: SerialTransport | undefined;
let printer: SimulatedPrinter | undefined;

test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
  printer?.detach();
  await port?.close();
  await pair?.close();
  rmSync(work, { recursive: true, force: true });
});

const textOf = (job: { kind: string; text?: string }[]) =>
  job.map((c) => (c.kind === 'text' ? (c.text ?? '') : '')).join('');

test('technician: receipt printer port, code page and test print', async () => {
  pair = await openPtyPair();
  port = await openSerialTransport(pair.b, 19200);
  printer = attachSimulatedPrinter(port);

  const y4m = path.join(work, 'camera.y4m');
  await writeCameraClip(y4m);
  host = await startBrowserHost({ extraArgs: ['--fingerprint', 'none', '--signature', 'none'] });
  await setUpStation(host);
  await api(host, 'auth.login', { username: 'kepala', password: 'rahasia-kepala-1' });
  await api(host, 'users.create', { ...TECH, role: 'technician' });
  await api(host, 'auth.logout', {});

  const launched = await launchWithCamera(y4m);
  browser = launched.browser;
  const page = launched.page;
  await page.goto(host.url);
  await loginUi(page, TECH);
  await expect(page.getByTestId('diagnostics-screen')).toBeVisible();

  const panel = page.locator('#printer');
  await panel.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('printer-now')).toContainText('Belum diatur');
  // The detected-port list comes from the driver host (a pty is not a USB port: not listed).
  await expect(page.getByTestId('printer-detected')).toBeVisible();

  // Saving without a port says what is missing.
  await page.getByTestId('printer-save').click();
  await expect(page.getByTestId('printer-banner')).toContainText('Isi port printer dulu');

  await page.getByTestId('printer-path').fill(pair.a);
  await page.getByTestId('printer-baud').selectOption('19200');
  await page.getByTestId('printer-width').selectOption('48');
  await page.getByTestId('printer-codepage').selectOption('wpc1252');
  const job = printer.nextJob(20_000);
  await page.getByTestId('printer-test').click();
  const commands = await job;
  await expect(page.getByTestId('printer-banner')).toContainText('Halaman uji terkirim');
  await expect(page.getByTestId('printer-now')).toContainText(pair.a);

  expect(commands.slice(0, 2)).toEqual([{ kind: 'init' }, { kind: 'codepage', page: 'wpc1252' }]);
  const text = textOf(commands);
  expect(text).toContain('TES PRINTER');
  expect(text).toContain('Meja 1 Kecamatan Sukasari');
  expect(text).toContain(`Port: ${pair.a}`);
  expect(text).toContain('Baud: 19200');
  expect(text).toContain('Tabel/code page: wpc1252');
  expect(text).toContain('123456789012345678901234567890123456789012345678\n');
  expect(text).toContain('Huruf: é è ü ö ñ ç à É Ü Ñ');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'printer-setup-01-test-page.png') });

  // Paper out: the test print says so in words the technician can act on.
  printer.setPaper(false);
  await page.getByTestId('printer-test').click();
  await expect(page.getByTestId('printer-banner')).toContainText('kertas habis');
  await expect(page.getByTestId('printer-last-error')).toContainText('kertas habis');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'printer-setup-02-paper-out.png') });
  printer.setPaper(true);

  // A queue card prints on the port just chosen, in the same table: no restart. (Through the
  // API as the supervisor, which ends the technician's desk session: the UI part is done.)
  await api(host, 'auth.login', { username: 'kepala', password: 'rahasia-kepala-1' });
  const { card } = await api(host, 'queue.issue', { name: 'Budi' });
  const cardJob = printer.nextJob(20_000);
  await api(host, 'queue.print', { id: card.id });
  const cardCommands = await cardJob;
  expect(cardCommands[1]).toEqual({ kind: 'codepage', page: 'wpc1252' });
  expect(textOf(cardCommands)).toContain(card.number);
});
