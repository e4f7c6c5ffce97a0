// The operator's minute: N full recordings through the real browser host, driven like a fast
// operator at a 1366×768 desk, keyboard first.
//   npm run bench:desk            (3 recordings)
//   npm run bench:desk -- --n 5
// Devices: Chromium's fake camera playing a .y4m clip of a resident in front of a red wall, the
// simulated scanner on a socat pty pair paced at the real wire rate (--sim-speed 1; the link is
// negotiated to 115,200 baud at connect, as with a real module; the simulated resident moves the
// hand in 1.5 s), the simulated signature pad.
// "Typing" is instant (Playwright fill): what is measured is application time, not the operator.
// Keys are counted as an operator would press them: every character typed, one Tab for every
// move of the focus to a field or button, two keys (type-ahead, Tab) for a choice in a list.
// Prints per-step seconds per recording, then the medians and, last:
//   desk: recording-median-s=… fingers-median-s=… keys-per-recording=… clicks-per-recording=…
// Targets: fingers ≤ 40 s, whole recording ≤ 50 s, ≤ 2 pointer clicks.
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCentral } from '../central/server';
import { startBrowserHost } from '../helpers/browser-host';
import {
  OPERATOR,
  api,
  launchWithCamera,
  loginUi,
  setUpStation,
  writeCameraClip,
} from '../e2e/station-setup';

const STEPS = ['data', 'photo', 'fingers', 'signature', 'review'] as const;
type Step = (typeof STEPS)[number];

function argN(): number {
  const i = process.argv.indexOf('--n');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 3;
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new RangeError('--n must be 1–50');
  return n;
}

/** The operator's hands: every key and click goes through here and is counted. */
class Desk {
  keys = 0;
  clicks = 0;
  constructor(readonly page: Page) {}
  by(id: string): Locator {
    return this.page.getByTestId(id);
  }
  async press(key: string): Promise<void> {
    this.keys += 1;
    await this.page.keyboard.press(key);
  }
  /** Tab to a field and type into it. */
  async type(id: string, text: string, typed = text.length): Promise<void> {
    this.keys += 1 + typed;
    await this.by(id).fill(text);
  }
  /** Tab to a list and pick by type-ahead. */
  async choose(id: string, value: string | { index: number }): Promise<void> {
    this.keys += 2;
    const el = this.by(id);
    await expect(el).toBeEnabled();
    await expect(el.locator('option').nth(1)).toBeAttached();
    await el.selectOption(value);
  }
  /** Tab to a button (or checkbox) and press it with the keyboard. */
  async tabTo(id: string, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
    this.keys += 2;
    await this.by(id).focus();
    await this.page.keyboard.press(key);
  }
  async click(id: string): Promise<void> {
    this.clicks += 1;
    await this.by(id).click();
  }
}

const seconds = (ms: number) => ms / 1000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** A man born 15-08-1991 (odd year: red background, as in the camera clip) in Kec. Sukasari; the serial makes each NIK unique. */
function nikFor(i: number): string {
  return `327301150891${String(i + 1).padStart(4, '0')}`;
}

async function recordOne(
  desk: Desk,
  i: number,
): Promise<Record<Step, number> & { fingersS: number }> {
  const { page } = desk;
  const t: Partial<Record<Step, number>> = {};
  let mark = performance.now();
  const lap = (s: Step) => {
    const now = performance.now();
    t[s] = seconds(now - mark);
    mark = now;
  };

  // ---- data ----------------------------------------------------------------------------------
  await expect(desk.by('field-nik')).toBeFocused();
  mark = performance.now();
  desk.keys -= 1; // the cursor already sits in NIK: no Tab to get there
  await desk.type('field-nik', nikFor(i));
  await desk.type('field-kk', '3273011203150007');
  await desk.type('field-name', `BUDI PRASETYO ${String.fromCharCode(65 + (i % 26))}`);
  await desk.type('field-birthPlace', 'BANDUNG');
  await desk.type('field-birthDate', '15-08-1991', 8);
  await desk.choose('field-sex', 'LAKI-LAKI');
  await desk.choose('field-bloodType', 'O');
  await desk.type('field-address', 'JL. SUKASARI NO. 12');
  await desk.type('field-rt', '1');
  await desk.type('field-rw', '3');
  await desk.choose('field-province', '32');
  await desk.choose('field-regency', '32.73');
  await desk.choose('field-district', '32.73.01');
  await desk.choose('field-villageCode', { index: 1 });
  await desk.choose('field-religion', 'ISLAM');
  await desk.choose('field-maritalStatus', 'BELUM KAWIN');
  await desk.choose('field-occupation', 'PELAJAR/MAHASISWA');
  await desk.press('Control+s');
  await expect(desk.by('save-ok')).toBeVisible({ timeout: 15_000 });
  lap('data');

  // ---- photo ---------------------------------------------------------------------------------
  await desk.press('Alt+2');
  await expect(desk.by('photo-capture')).toBeEnabled({ timeout: 15_000 });
  await page.locator('.workspace__stage').focus();
  await desk.press('Space');
  await expect(desk.by('photo-attempt')).toHaveCount(1, { timeout: 30_000 });
  await desk.tabTo('no-glasses', 'Space');
  await desk.tabTo('photo-accept');
  await expect(desk.by('photo-accepted')).toBeVisible({ timeout: 15_000 });
  lap('photo');

  // ---- ten fingers -----------------------------------------------------------------------------
  await desk.press('Alt+3');
  await expect(desk.by('fp-prompt')).toContainText('Letakkan JEMPOL KANAN di sensor');
  await expect(desk.by('fp-capture')).toBeEnabled({ timeout: 15_000 });
  await desk.press('Enter');
  // From the first prompt to the last image accepted.
  const f0 = performance.now();
  await expect(desk.by('fp-complete')).toBeVisible({ timeout: 180_000 });
  const fingersS = seconds(performance.now() - f0);
  for (let n = 1; n <= 10; n++) {
    await expect(desk.by(`fp-tile-${n}`)).toHaveAttribute('data-state', 'captured');
  }
  await expect(desk.by('fp-finish')).toBeFocused();
  await desk.press('Enter');
  lap('fingers');

  // ---- signature -----------------------------------------------------------------------------
  await expect(desk.by('sig-simulate')).toBeVisible({ timeout: 15_000 });
  const stats = desk.by('sig-live-stats');
  const before = (await stats.textContent()) ?? '';
  await desk.press('Alt+s');
  await expect(stats).not.toHaveText(before, { timeout: 10_000 });
  // The simulated resident signs at pen speed; the pen is done when the strokes stop coming.
  let last = '';
  let changedAt = performance.now();
  for (;;) {
    const now = (await stats.textContent()) ?? '';
    if (now !== last) {
      last = now;
      changedAt = performance.now();
    } else if (performance.now() - changedAt > 400) break;
    await page.waitForTimeout(50);
  }
  const watched = performance.now() - changedAt; // waiting to be sure, not application time
  await desk.press('Enter');
  await expect(desk.by('sig-image')).toBeVisible({ timeout: 10_000 });
  lap('signature');
  t.signature! -= seconds(watched);

  // ---- review and seal -----------------------------------------------------------------------
  await desk.press('Alt+5');
  await expect(desk.by('review-ready')).toBeVisible({ timeout: 15_000 });
  await desk.tabTo('review-finish');
  await expect(desk.by('finish-password')).toBeFocused();
  desk.keys -= 1; // the dialog puts the cursor in the password field
  await desk.type('finish-password', OPERATOR.password);
  await desk.press('Enter');
  await expect(desk.by('receipt')).toBeVisible({ timeout: 30_000 });
  lap('review');

  // ---- next resident -------------------------------------------------------------------------
  await desk.press('Alt+n');
  await expect(desk.by('field-nik')).toHaveValue('');
  await expect(desk.by('field-nik')).toBeFocused();
  return { ...(t as Record<Step, number>), fingersS };
}

async function main(): Promise<void> {
  const n = argN();
  const work = mkdtempSync(path.join(tmpdir(), 'rekam-bench-desk-'));
  const y4m = path.join(work, 'camera.y4m');
  await writeCameraClip(y4m);
  // The reference centre: sealing needs its key, and sealed packets upload as they would.
  const central = await startCentral({ dataDir: path.join(work, 'central'), tls: true });
  const host = await startBrowserHost({
    extraArgs: ['--fingerprint', 'simulated', '--sim-speed', '1', '--signature', 'simulated'],
  });
  const { browser, page } = await launchWithCamera(y4m);
  try {
    await setUpStation(host);
    await api(host, 'auth.login', { username: 'kepala', password: 'rahasia-kepala-1' });
    await api(host, 'users.create', {
      username: 'teknisi',
      password: 'teknisi-rahasia-1',
      fullName: 'Joko Prasetyo',
      role: 'technician',
    });
    await api(host, 'auth.login', { username: 'teknisi', password: 'teknisi-rahasia-1' });
    const cfg = (await api(host, 'central.setConfig', {
      url: central.url,
      publicKey: central.keyBundle,
      tlsPin: central.tlsPin ?? undefined,
    })) as { stationId: string };
    await api(host, 'central.register', { token: central.issueToken(cfg.stationId) });
    await api(host, 'auth.logout', {});
    await page.goto(host.url);
    await loginUi(page);
    await expect(page.getByTestId('status-bar')).toContainText('Sidik jari: SIMULASI');
    const desk = new Desk(page);
    const rows: { total: number; fingersS: number; keys: number; clicks: number }[] = [];
    console.log(`desk bench: ${n} recording(s), scanner simulated at the real wire rate`);
    for (let i = 0; i < n; i++) {
      const k0 = desk.keys;
      const c0 = desk.clicks;
      const r = await recordOne(desk, i);
      const total = STEPS.reduce((s, step) => s + r[step], 0);
      const keys = desk.keys - k0;
      const clicks = desk.clicks - c0;
      rows.push({ total, fingersS: r.fingersS, keys, clicks });
      console.log(
        `recording ${i + 1}: ${STEPS.map((s) => `${s} ${r[s].toFixed(1)} s`).join(' · ')} · ` +
          `total ${total.toFixed(1)} s · fingers (first prompt → last image) ${r.fingersS.toFixed(1)} s · ` +
          `keys ${keys} · clicks ${clicks}`,
      );
    }
    const m = (f: (r: (typeof rows)[number]) => number) => median(rows.map(f));
    console.log(
      `desk: recording-median-s=${m((r) => r.total).toFixed(1)} ` +
        `fingers-median-s=${m((r) => r.fingersS).toFixed(1)} ` +
        `keys-per-recording=${m((r) => r.keys)} clicks-per-recording=${m((r) => r.clicks)}`,
    );
  } finally {
    await browser.close();
    await host.stop();
    await central.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
