// The signature service inside the station: real encrypted store, real driver, the simulated
// STU-530 (and the generic HID pen pad) emitting real report bytes, sped up 10×.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PenPoint, SignaturePoints, StatusEvent } from '../../src-main/api/contract';
import { silentLogger } from '../../src-main/services/common/log';
import { createSignatureDevice } from '../../src-main/services/devices/signature-device';
import type { SignatureDevice } from '../../src-main/services/devices/signature-device';
import { inkStats } from '../../src-main/services/recording/signature';
import type { Station } from '../../src-main/services/station/station';
import { getSignature } from '../../src-main/store/signatures-repo';
import {
  addUser,
  dumpStore,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  validResident,
} from '../helpers/station';
import Database from 'better-sqlite3-multiple-ciphers';
import { CIPHER, databasePath } from '../../src-main/store/db';
import { fileKeyProvider } from '../../src-main/store/key-file';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(['simulated', 'simulated-generic'] as const)('signature service (%s pad)', (mode) => {
  let dir: string;
  let cleanup: () => void;
  let station: Station;
  let device: SignatureDevice;
  let recordingId: string;
  const events: SignaturePoints[] = [];
  const statuses: StatusEvent[] = [];

  /** The drawing as the renderer rebuilds it from the events. */
  const drawn = (): PenPoint[] => {
    let pts: PenPoint[] = [];
    for (const e of events.filter((x) => x.recordingId === recordingId)) {
      if (e.cleared) pts = [];
      pts.push(...e.points);
    }
    return pts;
  };
  const play = async (script: 'signature' | 'short' | 'garbage') => {
    await device.simulate(script);
    await sleep(80); // the last batch of points is flushed every 30 ms
  };

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    // A generic pad has no clock of its own (host time): a slower pace keeps durations real.
    device = createSignatureDevice(
      { mode, simSpeed: mode === 'simulated' ? 10 : 4, replugMs: 300 },
      { log: silentLogger },
    );
    station = openTestStation(dir, { signature: { instance: device } });
    station.on('signature.points', (p) => events.push(p));
    station.on('status', (s) => statuses.push(s));
    await device.ready();
    await setUpStation(station);
    await addUser(station, 'ops', 'operator');
    await addUser(station, 'ops2', 'operator');
    await loginAs(station, 'ops');
    recordingId = (await must(station, 'recordings.saveDraft', { resident: validResident() })).id;
  });

  afterAll(async () => {
    station?.close();
    await device?.close();
    cleanup?.();
  });

  it('reports the simulated pad and its capability', async () => {
    const info = await must(station, 'signature.device', {});
    expect(info).toMatchObject({ state: 'simulated', simulated: true, message: null });
    expect(info.capability!.widthMm).toBeGreaterThan(90);
    expect(info.capability!.reportRate).toBe(200);
    expect(station.status().devices.signature).toBe('simulated');
  });

  it('refuses an empty and a too-short signature with a clear message', async () => {
    await must(station, 'signature.start', { recordingId });
    let r = await station.call('signature.accept', { recordingId });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!r.ok && r.error.message).toMatch(/Belum ada tanda tangan/);
    await play('short');
    expect(drawn().filter((p) => p.p > 0).length).toBeGreaterThan(0);
    r = await station.call('signature.accept', { recordingId });
    expect(!r.ok && r.error.message).toMatch(/terlalu pendek/);
    expect(getSignature(openDb(), recordingId)).toBeNull();
  });

  it('ignores garbage reports, clears, then accepts a full signature', async () => {
    await play('garbage');
    await must(station, 'signature.clear', { recordingId });
    await sleep(60);
    expect(drawn()).toHaveLength(0);
    await play('signature');
    const pts = drawn();
    const stats = inkStats(pts);
    expect(stats.strokeCount).toBe(3);
    expect(stats.pointCount).toBeGreaterThan(400);
    expect(stats.inkMm).toBeGreaterThan(100);
    expect(pts[0]!.t).toBe(0);
    const rec = await must(station, 'signature.accept', { recordingId });
    expect(rec).toMatchObject({ recordingId, exception: null, strokeCount: 3, acceptedBy: 'ops' });
    expect(rec.durationMs).toBeGreaterThan(mode === 'simulated' ? 2000 : 400);
    const png = Buffer.from(rec.imageDataUrl!.split(',')[1]!, 'base64');
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 600, 200, 1]);
    // Ink on the card: some dark pixels, mostly white.
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const dark = data.filter((v) => v < 128).length / data.length;
    expect(dark).toBeGreaterThan(0.01);
    expect(dark).toBeLessThan(0.3);

    const stored = getSignature(openDb(), recordingId)!;
    expect(stored.points).toHaveLength(pts.length);
    expect(stored.points[10]!.x).toBeCloseTo(pts[10]!.x, 4);
    expect(stored.pointCount).toBe(rec.pointCount);
    expect(stored.device).toMatchObject({ simulated: true });
    expect((await must(station, 'signature.get', { recordingId }))!.pointCount).toBe(
      rec.pointCount,
    );
    // Stored: a new start is refused until the operator clears it.
    expect(await station.call('signature.start', { recordingId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('keeps the reason of an exception and drops the ink; audit has no reason text', async () => {
    const rec = await must(station, 'signature.setException', {
      recordingId,
      reason: 'Tangan kanan cedera, tidak dapat menulis',
    });
    expect(rec).toMatchObject({
      imageDataUrl: null,
      exception: { reason: 'Tangan kanan cedera, tidak dapat menulis' },
    });
    const dump = JSON.stringify(dumpStore(dir).audit_log ?? dumpStore(dir));
    expect(dump).not.toContain('cedera');
    await must(station, 'signature.clear', { recordingId });
    expect(await must(station, 'signature.get', { recordingId })).toBeNull();
  });

  it('refuses another operator', async () => {
    await loginAs(station, 'ops2');
    expect(await station.call('signature.start', { recordingId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await loginAs(station, 'ops');
  });

  it('reports an unplug mid-signature as an error and comes back by itself', async () => {
    await must(station, 'signature.start', { recordingId });
    await device.simulate('unplug');
    for (let i = 0; i < 40 && device.state() !== 'error'; i++) await sleep(10);
    expect(device.state()).toBe('error');
    const info = await must(station, 'signature.device', {});
    expect(info.message).toMatch(/terputus/);
    for (let i = 0; i < 200 && device.state() !== 'simulated'; i++) await sleep(20);
    expect(device.state()).toBe('simulated');
    expect(statuses.map((s) => s.devices.signature)).toEqual(
      expect.arrayContaining(['error', 'simulated']),
    );
    // The session continues on the replugged pad.
    await must(station, 'signature.clear', { recordingId });
    await play('signature');
    expect((await must(station, 'signature.accept', { recordingId })).strokeCount).toBe(3);
  });

  function openDb() {
    const db = new Database(databasePath(dir), { readonly: true });
    db.pragma(`cipher='${CIPHER}'`);
    db.pragma(`key="x'${fileKeyProvider.getOrCreateKey(dir).toString('hex')}'"`);
    return db;
  }
});
