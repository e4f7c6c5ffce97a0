import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  formatCentralKeyBundle,
  generateCentralKeys,
  generateVerdictKeys,
} from '../../src-main/packets/index';
import { getCard } from '../../src-main/store/cards-repo';
import { startBrowserHost, type RunningHost } from '../helpers/browser-host';
import { cardsAtOffice } from '../helpers/handover-fixture';
import { openStore, seedCaptures } from '../helpers/sync-fixtures';
import { OPERATOR, SITI, api, loginUi, setUpStation } from './station-setup';
import { signUntilPenStill } from './recording-steps';

/**
 * Delivery rounds (antar ke rumah): three sealed recordings whose cards wait at the
 * office — one resident came through the priority lane (elderly), two cards have waited weeks.
 * The supervisor builds a round from the suggestions, changes the order, prints the sheet (read
 * back with pdftotext: names and RT/RW in the chosen order) and sends it out. In the field the
 * clerk records one card as not delivered (it is back at the counter) and hands one over through
 * the handover screen (visual check, signature on the simulated pad); closing the round puts the
 * last one back in the counter's stock.
 */

const shots = path.resolve('test-results/screenshots');
mkdirSync(shots, { recursive: true });
for (const f of readdirSync(shots))
  if (f.startsWith('delivery-round-')) rmSync(path.join(shots, f));
let shotNo = 0;
async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  await page.screenshot({
    path: path.join(shots, `delivery-round-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

const SUPERVISOR = { username: 'kepala', password: 'rahasia-kepala-1', fullName: 'Dewi Lestari' };
const DAY = 86_400_000;
/** Name, NIK, RT, RW, address, days at the office, priority lane. */
const RESIDENTS = [
  {
    name: 'AMINAH SUKAESIH',
    nik: '3273014101500002',
    rt: '4',
    rw: '3',
    address: 'JL. SUKASARI NO. 7',
    days: 1,
    elderly: true,
  },
  {
    name: 'BAMBANG HERMAWAN',
    nik: '3273011203800003',
    rt: '1',
    rw: '1',
    address: 'JL. SETIABUDI NO. 20',
    days: 20,
    elderly: false,
  },
  {
    name: 'CUCU SURYANI',
    nik: '3273014505850004',
    rt: '2',
    rw: '1',
    address: 'GG. MELATI NO. 3',
    days: 30,
    elderly: false,
  },
] as const;

let host: RunningHost | undefined;
test.afterAll(async () => {
  await host?.stop();
});

test('a delivery round: suggestions, order, sheet, not delivered, handed over in the field, closed', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  host = await startBrowserHost({ extraArgs: ['--signature', 'simulated'] });
  await setUpStation(host);
  await api(host, 'auth.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  await api(host, 'users.create', {
    username: 'teknisi',
    fullName: 'Teknisi Kecamatan',
    role: 'technician',
    password: 'teknisi-rahasia-1',
  });
  await api(host, 'auth.login', { username: 'teknisi', password: 'teknisi-rahasia-1' });
  await api(host, 'central.setConfig', {
    url: 'http://127.0.0.1:9/',
    publicKey: formatCentralKeyBundle(
      generateCentralKeys().publicKeyPem,
      generateVerdictKeys().publicKeyPem,
    ),
  });
  await api(host, 'auth.login', { username: OPERATOR.username, password: OPERATOR.password });
  const village = (await api(host, 'regions.children', { parent: '32.73.01' }))[0]!;
  const db = openStore(host.dataDir);
  const operatorId = (
    db.prepare('SELECT id FROM users WHERE username = ?').get(OPERATOR.username) as { id: string }
  ).id;
  const ids: string[] = [];
  for (const r of RESIDENTS) {
    const rec = await api(host, 'recordings.saveDraft', {
      resident: {
        ...SITI,
        nik: r.nik,
        name: r.name,
        sex: r.nik.slice(6, 8) > '40' ? 'PEREMPUAN' : 'LAKI-LAKI',
        birthDate: `19${r.nik.slice(10, 12)}-${r.nik.slice(8, 10)}-${String(Number(r.nik.slice(6, 8)) % 40).padStart(2, '0')}`,
        rt: r.rt,
        rw: r.rw,
        address: r.address,
        villageCode: village.code,
      },
    });
    await seedCaptures(db, rec.id, operatorId);
    await api(host, 'recordings.finish', { id: rec.id, password: OPERATOR.password });
    ids.push(rec.id);
  }
  await api(host, 'auth.logout', {});
  RESIDENTS.forEach((r, i) => {
    cardsAtOffice(
      db,
      `CETAK-${i}`,
      [{ recordingId: ids[i]!, villageCode: village.code }],
      new Date(Date.now() - r.days * DAY),
    );
    if (r.elderly) {
      db.prepare(
        `INSERT INTO queue_cards (id, date, lane, seq, priority_reason, nik, name, phone, status,
           call_order, issued_at, issued_by, recording_id)
         VALUES ('Q-LANSIA', '2025-06-01', 'priority', 1, 'elderly', ?, ?, '0812 2233 4455', 'served', 1, ?, ?, ?)`,
      ).run(r.nik, r.name, new Date().toISOString(), operatorId, ids[i]);
    }
  });

  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);

  // ---- the supervisor builds the round from the suggestions ---------------------------------
  await loginUi(page, SUPERVISOR);
  await page.getByTestId('nav-rounds').click();
  await expect(page.getByTestId('rounds-screen')).toBeVisible();
  await page.getByTestId('round-new').click();
  const candidates = page.getByTestId('round-candidates');
  await expect(candidates).toContainText('AMINAH SUKAESIH');
  await expect(page.getByTestId(`round-candidate-${ids[0]}`)).toContainText(
    'Lansia (jalur prioritas)',
  );
  await expect(page.getByTestId(`round-candidate-${ids[2]}`)).toContainText('Menunggu 30 hari');
  for (const id of ids)
    await page.getByTestId(`round-candidate-${id}`).getByTestId('round-pick').check();
  await page.getByTestId('round-label').fill('Sukasari Senin pagi');
  await shot(page, 'suggestions');
  await page.getByTestId('round-create').click();

  // Default order: RW 1 (RT 1, RT 2), then RW 3.
  const names = page.getByTestId('round-item-name');
  await expect(names).toHaveText(['BAMBANG HERMAWAN', 'CUCU SURYANI', 'AMINAH SUKAESIH']);
  // The supervisor takes the elderly resident first.
  await page.getByTestId('round-item').nth(2).getByTestId('round-up').click();
  await expect(names).toHaveText(['BAMBANG HERMAWAN', 'AMINAH SUKAESIH', 'CUCU SURYANI']);
  await page.getByTestId('round-item').nth(1).getByTestId('round-up').click();
  await expect(names).toHaveText(['AMINAH SUKAESIH', 'BAMBANG HERMAWAN', 'CUCU SURYANI']);
  await shot(page, 'ordered');

  // ---- the sheet, read back --------------------------------------------------------------
  const download = page.waitForEvent('download');
  await page.getByTestId('round-print').click();
  const file = (await (await download).path())!;
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  expect(text).toContain('LEMBAR PENGANTARAN KTP-el');
  expect(text).toContain('Sukasari Senin pagi');
  const at = ['AMINAH SUKAESIH', 'BAMBANG HERMAWAN', 'CUCU SURYANI'].map((n) => text.indexOf(n));
  expect(at.every((p) => p >= 0)).toBe(true);
  expect(at).toEqual([...at].sort((a, b) => a - b));
  for (const unit of ['004/003', '001/001', '002/001']) expect(text).toContain(unit);
  expect(text).toContain('0812 2233 4455');
  // The sheet as the clerk sees it on paper, beside the screenshots.
  const png = path.join(shots, 'delivery-round-sheet');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, png]);

  await page.getByTestId('round-send').click();
  await expect(page.getByTestId('round-title')).toContainText('Sedang diantar');
  await expect(page.getByTestId('round-send')).toHaveCount(0);
  expect(ids.map((id) => getCard(db, id)?.state)).toEqual(['on_round', 'on_round', 'on_round']);
  await shot(page, 'sent');
  await page.getByTestId('logout').click();

  // ---- in the field: one not at home twice, one handed over --------------------------------
  await loginUi(page, OPERATOR);
  await page.getByTestId('nav-field-round').click();
  await page
    .getByTestId('field-rounds')
    .getByRole('button', { name: /Sukasari Senin pagi/ })
    .click();
  const items = page.getByTestId('field-item');
  await expect(items).toHaveCount(3);
  await items.nth(1).getByTestId('field-not-delivered').click();
  await shot(page, 'reasons');
  await items.nth(1).getByTestId('field-reason-not-home-twice').click();
  await expect(page.getByTestId('field-notice')).toContainText(
    'BAMBANG HERMAWAN dicatat tidak terantar',
  );
  await expect(items.nth(1)).toContainText('Tidak terantar: Tidak di rumah dua kali');
  expect(getCard(db, ids[1]!)).toMatchObject({
    state: 'at_office',
    undeliverableReason: 'not-home-twice',
  });

  await items.nth(0).getByTestId('field-hand-over').click();
  await expect(page.getByTestId('ho-name')).toHaveText('AMINAH SUKAESIH');
  await page.getByTestId('ho-mode-visual').check();
  await page
    .getByTestId('ho-visual-reason')
    .fill('Lansia, sidik jari aus; wajah cocok dengan foto');
  await page.getByTestId('ho-visual-save').click();
  await expect(page.getByTestId('ho-verified')).toBeVisible();
  await page.getByTestId('ho-sign-start').click();
  await signUntilPenStill(
    page,
    () => page.getByTestId('ho-sign-simulate').click(),
    'ho-sign-stats',
  );
  await page.getByTestId('ho-sign-accept').click();
  await expect(page.getByTestId('ho-signed')).toBeVisible({ timeout: 15_000 });
  const receipt = page.waitForEvent('download');
  await page.getByTestId('ho-complete').click();
  await receipt;
  await expect(page.getByTestId('ho-done')).toContainText('KTP-el diserahkan');
  await page.getByTestId('ho-next').click();
  await expect(page.getByTestId('field-notice')).toContainText('dicatat pada rute ini');
  await expect(items.nth(0)).toContainText('Diserahkan');
  await expect(items.nth(2)).toContainText('Belum');
  expect(getCard(db, ids[0]!)).toMatchObject({ state: 'handed_over', handoverKind: 'round' });
  await shot(page, 'field');
  await page.getByTestId('logout').click();

  // ---- back at the office: the supervisor closes the round ---------------------------------
  await loginUi(page, SUPERVISOR);
  await page.getByTestId('nav-rounds').click();
  await page.getByTestId('rounds-list').getByRole('button').first().click();
  await page.getByTestId('round-close').click();
  await expect(page.getByRole('alertdialog')).toContainText('1 kartu yang belum diserahkan');
  await page.getByTestId('round-close-confirm').click();
  await expect(page.getByTestId('round-title')).toContainText('Ditutup');
  await expect(page.getByTestId('round-outcome')).toHaveText([
    'Diserahkan',
    'Tidak terantar: Tidak di rumah dua kali',
    'Kembali ke loket',
  ]);
  expect(getCard(db, ids[2]!)?.state).toBe('at_office');
  await shot(page, 'closed');
  db.close();
});
