// A queue card printed through the station to a simulated ESC/POS printer on the far end of a
// real pseudo-terminal pair (socat): real serialport, real tty layer, the bytes checked as the
// printer receives them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from '../../drivers/printer/escpos';
import { attachSimulatedPrinter } from '../../drivers/printer/simulator';
import type { SimulatedPrinter } from '../../drivers/printer/simulator';
import { openSerialTransport } from '../../drivers/transport/serial';
import type { SerialTransport } from '../../drivers/transport/serial';
import type { Station } from '../../src-main/services/station/station';
import {
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  testClock,
} from '../helpers/station';
import { openPtyPair } from '../helpers/pty';
import type { PtyPair } from '../helpers/pty';

const BAUD = 19200;
let pair: PtyPair;
let port: SerialTransport;
let printer: SimulatedPrinter;
let dir: ReturnType<typeof tempDir>;
let station: Station;

beforeAll(async () => {
  pair = await openPtyPair();
  port = await openSerialTransport(pair.b, BAUD);
  printer = attachSimulatedPrinter(port);
  dir = tempDir();
  station = openTestStation(dir.dir, { now: testClock().now });
  await setUpStation(station);
  await must(station, 'queue.setPrinter', { path: pair.a, baud: BAUD, width: 32 });
  await addUser(station, 'ani', 'operator');
  await loginAs(station, 'ani');
});

afterAll(async () => {
  station?.close();
  dir?.cleanup();
  printer?.detach();
  await port?.close();
  await pair?.close();
});

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('thermal printer over a pty pair', () => {
  it('prints the card: status checks, big bold number, date, QR with the card id, GRATIS, cut', async () => {
    const { card } = await must(station, 'queue.issue', { name: 'Budi', priority: 'elderly' });
    const job = printer.nextJob();
    const r = await must(station, 'queue.print', { id: card.id });
    const commands = await job;
    const bytes = printer.received();
    expect(r.bytes).toBeGreaterThan(100);

    // DLE EOT 1 and DLE EOT 4 were asked before the job, and the job starts with ESC @.
    expect(hex(bytes.subarray(0, 8))).toBe('100401' + '100404' + '1b40');
    const raw = hex(bytes);
    // The number: GS ! 0x33 (4× width and height) with ESC E 1 (bold), then "P-001\n".
    expect(raw).toContain('1d2133' + '1b4501' + Buffer.from('P-001\n').toString('hex'));
    // QR model 2, then the card id stored (GS ( k pL pH 31 50 30 …) and printed (31 51 30).
    const id = Buffer.from(card.id).toString('hex');
    const len = card.id.length + 3;
    expect(raw).toContain(`1d286b${(len & 0xff).toString(16).padStart(2, '0')}00315030${id}`);
    expect(raw).toContain('1d286b0300315130');
    // Partial cut after feeding.
    expect(raw.endsWith('1d564203')).toBe(true);

    const text = commands
      .filter((c) => c.kind === 'text')
      .map((c) => (c.kind === 'text' ? c.text : ''))
      .join('');
    expect(text).toContain('P-001');
    expect(text).toContain('PRIORITAS');
    expect(text).toContain('Selasa, 10 Juni 2025');
    expect(text).toContain('GRATIS');
    expect(text).not.toContain('BUDI');
    expect(commands).toContainEqual({ kind: 'qr', data: card.id, moduleSize: 6, ecc: 'M' });
    expect(decode(bytes.subarray(6)).rest.length).toBe(0);
  });

  it('says plainly when the paper is out or the printer does not answer', async () => {
    const { card } = await must(station, 'queue.issue', { name: 'Siti' });
    printer.setPaper(false);
    const r = await station.call('queue.print', { id: card.id });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('DEVICE');
      expect(r.error.message).toMatch(/kertas habis/);
    }
    printer.setPaper(true);
    printer.setMute(true);
    const r2 = await station.call('queue.print', { id: card.id });
    expect(!r2.ok && r2.error.message).toMatch(/tidak menjawab/);
    printer.setMute(false);
    const info = await must(station, 'queue.printer', {});
    expect(info.lastError).toMatch(/tidak menjawab/);
    const r3 = await station.call('queue.print', { id: card.id });
    expect(r3.ok).toBe(true);
  });

  it("prints the technician's test page in the chosen character table", async () => {
    await loginAs(station, 'sari', 'rahasia-sari-1');
    await must(station, 'queue.setPrinter', { path: pair.a, codePage: 'wpc1252', width: 48 });
    expect(await must(station, 'queue.printer', {})).toMatchObject({
      codePage: 'wpc1252',
      width: 48,
      baud: BAUD,
    });
    const job = printer.nextJob();
    await must(station, 'queue.testPrint', {});
    const commands = await job;
    // ESC @ resets the table, so ESC t 16 follows it.
    expect(commands.slice(0, 2)).toEqual([{ kind: 'init' }, { kind: 'codepage', page: 'wpc1252' }]);
    const text = commands.map((c) => (c.kind === 'text' ? c.text : '')).join('');
    expect(text).toContain('Huruf: é è ü ö ñ ç à É Ü Ñ');
    expect(text).toContain('123456789012345678901234567890123456789012345678\n');
    expect(text).toContain(`Port: ${pair.a}`);

    // ascii: no table selected, the letters without their accents (any printer shows them).
    await must(station, 'queue.setPrinter', { path: pair.a, codePage: 'ascii', width: 32 });
    const job2 = printer.nextJob();
    await must(station, 'queue.testPrint', {});
    const plain = await job2;
    expect(plain.some((c) => c.kind === 'codepage')).toBe(false);
    expect(plain.map((c) => (c.kind === 'text' ? c.text : '')).join('')).toContain(
      'Huruf: e e u o n c a E U N',
    );
    // No driver host in this station: the port list is empty, not an error.
    expect(await must(station, 'queue.printerPorts', {})).toEqual([]);
    await loginAs(station, 'ani');
  });

  it('fails with a clear message when no printer is set up', async () => {
    await loginAs(station, 'sari', 'rahasia-sari-1');
    await must(station, 'queue.setPrinter', { path: null });
    const { card } = await must(station, 'queue.issue', { name: 'Tono' });
    const r = await station.call('queue.print', { id: card.id });
    expect(!r.ok && r.error.message).toMatch(/Printer struk belum diatur/);
    const pdf = await must(station, 'queue.cardPdf', { id: card.id });
    expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
