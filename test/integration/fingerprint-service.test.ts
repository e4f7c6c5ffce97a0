// The fingerprint service end to end inside the station: real encrypted store, real driver, the
// simulator on the far end of an in-memory pair and of a real socat pty pair, paced like a
// 57,600-baud module but sped up (the sim-speed knob) to keep the suite quick.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  EventPayloads,
  FingerprintProgress,
  FingerprintSet,
  StatusEvent,
} from '../../src-main/api/contract';
import { packImage4, unpackImage4 } from '../../drivers/fingerprint/codec';
import { ptyPairsAvailable } from '../../drivers/transport/pty-pair';
import { createFingerprintDevice } from '../../src-main/services/devices/fingerprint-device';
import type { FingerprintDevice } from '../../src-main/services/devices/fingerprint-device';
import { silentLogger } from '../../src-main/services/common/log';
import type { Station } from '../../src-main/services/station/station';
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

const carriers = (['memory', 'pty'] as const).filter((c) => c === 'memory' || ptyPairsAvailable());

describe.each(carriers)('fingerprint service over the simulator (%s)', (carrier) => {
  let dir: string;
  let cleanup: () => void;
  let station: Station;
  let device: FingerprintDevice;
  let recordingId: string;
  const progress: FingerprintProgress[] = [];
  const statuses: StatusEvent[] = [];
  const taken: Uint8Array[] = [];

  const capture = (finger: number) => station.call('fingerprint.capture', { recordingId, finger });
  const list = () => must(station, 'fingerprint.list', { recordingId });
  const waitState = async (want: string) => {
    for (let i = 0; i < 200 && device.state() !== want; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(device.state()).toBe(want);
  };

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    device = createFingerprintDevice(
      { mode: 'simulated', simSpeed: 40, simTransport: carrier },
      { log: silentLogger },
    );
    station = openTestStation(dir, { fingerprint: { instance: device, waitFingerMs: 4000 } });
    station.on('fingerprint.progress', (p) => progress.push(p));
    station.on('status', (s) => statuses.push(s));
    await device.ready();
    // Every image the simulated sensor took, as it crosses the wire (each capture differs).
    device.sim!.simulator!.on('captured', (c: { gray: Uint8Array }) =>
      taken.push(unpackImage4(packImage4(c.gray))),
    );
    await setUpStation(station);
    await addUser(station, 'ops', 'operator');
    await loginAs(station, 'ops');
    recordingId = (await must(station, 'recordings.saveDraft', { resident: validResident() })).id;
  });

  afterAll(async () => {
    station?.close();
    await device?.close();
    cleanup?.();
  });

  it('reports a simulated scanner with the negotiated 256-byte packets at 115,200 baud', async () => {
    const info = await must(station, 'fingerprint.device', {});
    expect(info).toMatchObject({
      state: 'simulated',
      simulated: true,
      packetSize: 256,
      baud: 115200,
    });
    expect(device.sim!.simulator!.currentBaud).toBe(115200);
    expect(info.sensor).toMatchObject({ capacity: 300, securityLevel: 3 });
    if (carrier === 'pty') expect(info.path).toMatch(/host$/);
    expect(station.status().devices.fingerprint).toBe('simulated');
  });

  it('a smudged finger is retried, and the 3rd low attempt forces the best one', async () => {
    await must(station, 'fingerprint.simulate', { quality: 'smudged' });
    progress.length = 0;
    const first = await capture(1);
    expect(first).toMatchObject({ ok: true, value: { outcome: 'retry' } });
    const phases = progress.map((p) => p.phase);
    expect(phases[0]).toBe('waiting-finger');
    expect(progress[0]!.message).toBe('Letakkan JEMPOL KANAN di sensor');
    expect(phases).toEqual(expect.arrayContaining(['lift', 'uploading', 'image-ready']));
    // "Lift the finger" comes as soon as the image is in the module, before the transfer.
    expect(phases.indexOf('lift')).toBeLessThan(phases.indexOf('uploading'));
    expect(progress.find((p) => p.phase === 'lift')!.message).toBe(
      'Gambar JEMPOL KANAN sudah diambil — angkat jari',
    );
    expect(progress.find((p) => p.phase === 'uploading')!.message).not.toMatch(/tahan/);
    const second = await must(station, 'fingerprint.capture', { recordingId, finger: 1 });
    expect(second.outcome).toBe('retry');
    expect(second.set.fingers[0]).toMatchObject({ state: 'pending', attempts: 2 });
    const third = await must(station, 'fingerprint.capture', { recordingId, finger: 1 });
    expect(third.outcome).toBe('forced');
    expect(third.attempt.index).toBe(3);
    expect(third.attempt.quality).toBeLessThan(third.set.threshold);
    expect(third.set.threshold).toBe(40);
    expect(third.set.fingers[0]).toMatchObject({ state: 'forced', attempts: 3 });
    // Taking it again needs an explicit clear.
    expect(await capture(1)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('captures the other fingers; complete stays false while one is pending', async () => {
    await must(station, 'fingerprint.simulate', { quality: 'clear' });
    let set: FingerprintSet | undefined;
    for (let f = 2; f <= 9; f++) {
      const r = await must(station, 'fingerprint.capture', { recordingId, finger: f });
      expect(r.outcome).toBe('accepted');
      expect(r.duplicateOf).toBeNull();
      expect(r.attempt.quality).toBeGreaterThanOrEqual(40);
      set = r.set;
    }
    expect(set!.complete).toBe(false);
    expect(set!.fingers.filter((f) => f.state === 'pending').map((f) => f.finger)).toEqual([10]);
  });

  it('pipelines: the next finger is asked for during the transfer and captured right after', async () => {
    await must(station, 'fingerprint.clear', { recordingId, finger: 8 });
    await must(station, 'fingerprint.clear', { recordingId, finger: 9 });
    const order: string[] = [];
    const onCommand = (c: string) => order.push(c);
    device.sim!.simulator!.on('command', onCommand);
    const off = station.on('fingerprint.progress', (p) => order.push(`${p.phase}:${p.finger}`));
    let second: ReturnType<typeof capture> | undefined;
    const secondAsked = new Promise<void>((resolve) => {
      const offLift = station.on('fingerprint.progress', (p) => {
        if (p.finger !== 8 || p.phase !== 'lift') return;
        offLift();
        // The resident presents finger 8 again instead of 9: the duplicate check must see 8.
        device.sim!.presentInstead(8);
        second = capture(9);
        resolve();
      });
    });
    const first = await capture(8);
    await secondAsked;
    const r2 = await second!;
    off();
    device.sim!.simulator!.off('command', onCommand);
    expect(first).toMatchObject({ ok: true, value: { outcome: 'accepted', duplicateOf: null } });
    expect(r2).toMatchObject({ ok: true, value: { duplicateOf: 8 } });
    const at = (e: string) => order.indexOf(e);
    // Finger 9 was prompted while finger 8's image was still on the wire …
    expect(at('waiting-finger:9')).toBeLessThan(at('image-ready:8'));
    // … and its first GenImg went out only after finger 8 had finished with the module.
    const genImgs = order.map((e, i) => (e === 'GEN_IMG' ? i : -1)).filter((i) => i >= 0);
    const secondGenImg = genImgs.find((i) => i > at('lift:8'))!;
    // Finger 8's module work ends with its template stored in the library for the next ones.
    const lastOfFirst = order.lastIndexOf('STORE', at('lift:9'));
    expect(lastOfFirst).toBeGreaterThan(order.indexOf('UP_CHAR', at('lift:8')));
    expect(secondGenImg).toBeGreaterThan(Math.max(lastOfFirst, at('image-ready:8')));
    expect(at('lift:9')).toBeGreaterThan(secondGenImg);
    // The duplicate check is one library Search per finger, not a Match per finger taken.
    const checks = order.slice(at('lift:9'));
    expect(checks.filter((c) => c === 'SEARCH')).toHaveLength(1);
    expect(order.filter((c) => c === 'MATCH' || c === 'DOWN_CHAR')).toEqual([]);
    await must(station, 'fingerprint.clear', { recordingId, finger: 9 });
    expect(await capture(9)).toMatchObject({ ok: true, value: { duplicateOf: null } });
  });

  it('an exception with a reason completes the set', async () => {
    const bad = await station.call('fingerprint.setException', {
      recordingId,
      finger: 10,
      kind: 'amputated',
      reason: '',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const set = await must(station, 'fingerprint.setException', {
      recordingId,
      finger: 10,
      kind: 'amputated',
      reason: 'Diamputasi sejak 2019',
    });
    expect(set.fingers[9]).toMatchObject({
      state: 'exception',
      exception: { kind: 'amputated', reason: 'Diamputasi sejak 2019' },
      imageDataUrl: null,
    });
    expect(set.complete).toBe(true);
  });

  it('the same finger presented twice is flagged with duplicateOf and blocks completion', async () => {
    await must(station, 'fingerprint.clear', { recordingId, finger: 9 });
    device.sim!.presentInstead(8);
    const dup = await must(station, 'fingerprint.capture', { recordingId, finger: 9 });
    expect(dup.duplicateOf).toBe(8);
    expect(dup.set.fingers[8]).toMatchObject({ finger: 9, duplicateOf: 8 });
    expect(dup.set.complete).toBe(false);
    await must(station, 'fingerprint.clear', { recordingId, finger: 9 });
    const again = await must(station, 'fingerprint.capture', { recordingId, finger: 9 });
    expect(again.duplicateOf).toBeNull();
    expect(again.set.complete).toBe(true);
  });

  it('stores a lossless 256×288 8-bit grayscale image per captured finger', async () => {
    const rows = dumpStore(dir).fingerprints as {
      finger: number;
      state: string;
      image_png: Buffer | null;
      template: Buffer | null;
      device_json: string | null;
    }[];
    expect(rows).toHaveLength(10);
    for (const row of rows.filter((r) => r.state !== 'exception')) {
      const meta = await sharp(row.image_png!).metadata();
      expect(meta).toMatchObject({ format: 'png', width: 256, height: 288, channels: 1 });
      expect(meta).toMatchObject({ depth: 'uchar', space: 'b-w' });
      // Decoding as grey (sharp turns everything into sRGB unless told otherwise).
      const data = await sharp(row.image_png!).toColourspace('b-w').raw().toBuffer();
      const stored = new Uint8Array(data);
      expect(taken.some((t) => Buffer.compare(t, stored) === 0)).toBe(true);
      expect(row.template).toHaveLength(512);
      expect(JSON.parse(row.device_json!)).toMatchObject({ simulated: true, packetSize: 256 });
    }
    const attempts = dumpStore(dir).finger_attempts as { finger: number }[];
    expect(attempts.filter((a) => a.finger === 1)).toHaveLength(3);
  });

  it('one capture at a time; cancel stops a waiting capture', async () => {
    await must(station, 'fingerprint.clear', { recordingId, finger: 2 });
    await must(station, 'fingerprint.clear', { recordingId, finger: 3 });
    device.sim!.setAbsent(true);
    const waiting = capture(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(await capture(3)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await must(station, 'fingerprint.cancel', {});
    expect(await waiting).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED', message: 'Pengambilan dibatalkan' },
    });
  });

  it('times out with a clear message when no finger comes', async () => {
    const r = await capture(2);
    expect(r).toMatchObject({ ok: false, error: { code: 'DEVICE' } });
    expect(!r.ok && r.error.message).toMatch(/^Tidak ada jari di sensor selama 4 detik/);
    device.sim!.setAbsent(false);
    expect(await capture(2)).toMatchObject({ ok: true, value: { outcome: 'accepted' } });
  });

  it('unplug mid-capture: clear error, state error, then recovers after replug', async () => {
    const uploading = new Promise<void>((resolve) => {
      const off = station.on('fingerprint.progress', (p: EventPayloads['fingerprint.progress']) => {
        if (p.phase !== 'uploading') return;
        off();
        resolve();
      });
    });
    const pending = capture(3);
    await uploading;
    await device.sim!.unplug();
    const r = await pending;
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'DEVICE', message: 'Pemindai sidik jari terlepas. Pasang kembali kabelnya.' },
    });
    await waitState('error');
    const info = await must(station, 'fingerprint.device', {});
    expect(info).toMatchObject({ state: 'error', message: expect.stringMatching(/terlepas/) });
    expect(statuses.at(-1)?.devices.fingerprint).toBe('error');
    expect(await capture(3)).toMatchObject({ ok: false, error: { code: 'DEVICE' } });
    await device.sim!.replug();
    await waitState('simulated');
    expect(statuses.at(-1)?.devices.fingerprint).toBe('simulated');
    const ok = await must(station, 'fingerprint.capture', { recordingId, finger: 3 });
    expect(ok.outcome).toBe('accepted');
    expect(ok.set.complete).toBe(true);
  });

  it("keeps the recording's templates in the module's library, rebuilt after a replug and emptied for the next resident", async () => {
    const sim = () => device.sim!.simulator!;
    // The replugged module came back empty; the capture after it stored the others again.
    expect(sim().libraryPages).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const other = (
      await must(station, 'recordings.saveDraft', {
        resident: validResident({ nik: '3201011205900002', name: 'Ahmad Fauzi' }),
      })
    ).id;
    const commands: string[] = [];
    const onCommand = (c: string) => commands.push(c);
    sim().on('command', onCommand);
    const first = await must(station, 'fingerprint.capture', { recordingId: other, finger: 1 });
    expect(first.duplicateOf).toBeNull();
    // The previous resident's templates are gone before anything is compared.
    expect(commands).toContain('EMPTY');
    expect(commands).not.toContain('SEARCH');
    expect(sim().libraryPages).toEqual([0]);
    device.sim!.presentInstead(1);
    const dup = await must(station, 'fingerprint.capture', { recordingId: other, finger: 2 });
    sim().off('command', onCommand);
    expect(dup.duplicateOf).toBe(1);
    expect(commands.filter((c) => c === 'SEARCH')).toHaveLength(1);
    expect(commands).not.toContain('DOWN_CHAR');
  });

  it('audits without biometrics or the free-text reason', async () => {
    const dump = dumpStore(dir).audit_log as { action: string; target: string | null }[];
    const fp = dump.filter((e) => e.action.startsWith('fingerprint.'));
    expect(fp.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'fingerprint.retry',
        'fingerprint.forced',
        'fingerprint.captured',
        'fingerprint.exception',
        'fingerprint.duplicate',
        'fingerprint.cleared',
      ]),
    );
    expect(JSON.stringify(fp)).not.toMatch(/Diamputasi/);
    expect(fp.find((e) => e.action === 'fingerprint.exception')?.target).toBe(
      `${recordingId}#10:amputated`,
    );
  });

  it('is for operators only, and only on their own drafts', async () => {
    await loginAs(station, 'sari', 'rahasia-sari-1');
    expect(await capture(4)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await station.call('fingerprint.cancel', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // The supervisor may look at the set.
    expect((await list()).complete).toBe(true);
    await addUser(station, 'ops2', 'operator');
    await loginAs(station, 'ops2');
    expect(await station.call('fingerprint.clear', { recordingId, finger: 4 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('fingerprint service without a scanner', () => {
  it("says the scanner is missing and refuses captures with the operator's message", async () => {
    const { dir, cleanup } = tempDir();
    const station = openTestStation(dir, { fingerprint: { device: { mode: 'none' } } });
    try {
      await setUpStation(station);
      await addUser(station, 'ops', 'operator');
      await loginAs(station, 'ops');
      const rec = await must(station, 'recordings.saveDraft', { resident: validResident() });
      const info = await must(station, 'fingerprint.device', {});
      expect(info).toMatchObject({ state: 'missing', simulated: false });
      expect(station.status().devices.fingerprint).toBe('missing');
      const r = await station.call('fingerprint.capture', { recordingId: rec.id, finger: 1 });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'DEVICE', message: expect.stringMatching(/tidak ditemukan/) },
      });
      expect(await station.call('fingerprint.simulate', { quality: 'dry' })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
    } finally {
      station.close();
      cleanup();
    }
  });
});
