import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceEntry, StatusEvent } from '../../api/contract';
import { strFromU8, unzipSync } from 'fflate';
import { TrafficRegistry, tapHid } from '../../../drivers/device-manager/traffic';
import { SignaturePadDriver } from '../../../drivers/signature-pad/driver';
import { SimulatedStuPad } from '../../../drivers/signature-pad/simulator';
import { signatureScript } from '../../../drivers/signature-pad/strokes';
import {
  CHOICE_FILE,
  SIM_FINGERPRINT_ID,
  SIM_SIGNATURE_ID,
  fingerprintArgFromChoice,
  readDeviceChoice,
} from './devices';
import { createFingerprintDevice } from './fingerprint-device';
import type { FingerprintDevice } from './fingerprint-device';
import { padTestPort } from './signature-self-test-port';
import type { Station } from '../station/station';
import {
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
} from '../../../test/helpers/station';
import { fingerprintTrafficRedactor } from '../../../drivers/fingerprint/traffic-redactor';

const silent = { info: () => undefined, warn: () => undefined };

let tmp: ReturnType<typeof tempDir>;
let station: Station;
let fp: FingerprintDevice;
let traffic: TrafficRegistry;
let pad: SimulatedStuPad;
let padDriver: SignaturePadDriver;

async function open(): Promise<void> {
  traffic = new TrafficRegistry();
  fp = createFingerprintDevice(
    { mode: 'simulated', simTransport: 'memory', simSpeed: 50 },
    { log: silent, tap: (t) => traffic.tap('fingerprint', t, fingerprintTrafficRedactor()) },
  );
  await fp.ready();
  pad = new SimulatedStuPad({ productId: 0x00a5, speed: 8 });
  padDriver = new SignaturePadDriver({
    open: async () => ({
      device: tapHid(pad, traffic.ring('signature')),
      target: { kind: 'stu', productId: 0x00a5 },
    }),
  });
  await padDriver.open();
  const port = padTestPort({
    driver: () => padDriver,
    info: () => ({
      state: 'simulated',
      simulated: true,
      model: 'STU-530',
      vendorId: 0x056a,
      productId: 0x00a5,
      capability: null,
      message: null,
    }),
    simulateDraw: () => pad.play(signatureScript(pad.size)),
  });
  station = openTestStation(tmp.dir, {
    faceDetector: null,
    fingerprint: { instance: fp },
    devices: { traffic, signature: () => port, signatureDrawMs: 4000 },
  });
}

async function close(): Promise<void> {
  station.close();
  await fp.close();
  await padDriver.close();
}

beforeEach(async () => {
  tmp = tempDir('rekam-devices-');
  await open();
  await setUpStation(station);
  await addUser(station, 'teknisi', 'technician');
  await addUser(station, 'ani', 'operator');
  await loginAs(station, 'teknisi');
});

afterEach(async () => {
  await close();
  tmp.cleanup();
});

const byId = (l: DeviceEntry[], id: string) => l.find((e) => e.id === id);

describe('devices service', () => {
  it('lists one entry per modality with its state, the SIMULASI devices marked', async () => {
    const list = await must(station, 'devices.list', {});
    expect(list.map((e) => e.modality)).toEqual(['camera', 'fingerprint', 'signature']);
    expect(byId(list, 'camera')).toMatchObject({ state: 'pending', chosen: true });
    expect(byId(list, SIM_FINGERPRINT_ID)).toMatchObject({
      state: 'simulated',
      simulated: true,
      chosen: true,
      driver: 'zfm-uart',
      path: null,
    });
    expect(byId(list, SIM_FINGERPRINT_ID)!.firmware).toMatch(/^sys 0x5349/);
    expect(byId(list, SIM_SIGNATURE_ID)).toMatchObject({
      state: 'simulated',
      vendorId: 0x056a,
      productId: 0x00a5,
      driver: 'wacom-stu',
    });
  });

  it('takes the camera state from the renderer into the status bar and devices.changed', async () => {
    const statuses: StatusEvent[] = [];
    const changes: DeviceEntry[][] = [];
    station.on('status', (s) => statuses.push(s));
    station.on('devices.changed', (l) => changes.push(l));
    await must(station, 'devices.reportCamera', {
      state: 'connected',
      label: 'USB2.0 HD UVC WebCam',
      width: 1280,
      height: 720,
      frameRate: 29.97,
    });
    expect(station.status().devices.camera).toBe('connected');
    expect(statuses.at(-1)!.devices.camera).toBe('connected');
    expect(byId(changes.at(-1)!, 'camera')).toMatchObject({
      state: 'connected',
      name: 'USB2.0 HD UVC WebCam — 1280×720 @ 30 fps',
    });
    // The same report again changes nothing and says nothing.
    const n = changes.length;
    await must(station, 'devices.reportCamera', {
      state: 'connected',
      label: 'USB2.0 HD UVC WebCam',
      width: 1280,
      height: 720,
      frameRate: 29.97,
    });
    expect(changes.length).toBe(n);
    await must(station, 'devices.reportCamera', {
      state: 'error',
      label: '',
      width: 0,
      height: 0,
      frameRate: 0,
      message: 'NotReadableError',
    });
    expect(station.status().devices.camera).toBe('error');
  });

  it('remembers the chosen device across a restart, in the store and for the host', async () => {
    const r = await station.call('devices.choose', {
      modality: 'signature',
      deviceId: SIM_FINGERPRINT_ID,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const r2 = await station.call('devices.choose', {
      modality: 'fingerprint',
      deviceId: 'serial:/dev/nope',
    });
    expect(r2).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await must(station, 'devices.choose', {
      modality: 'fingerprint',
      deviceId: SIM_FINGERPRINT_ID,
    });
    expect(readDeviceChoice(tmp.dir)).toEqual({ fingerprint: SIM_FINGERPRINT_ID });
    expect(readFileSync(path.join(tmp.dir, CHOICE_FILE), 'utf8')).not.toMatch(/key|password/i);
    expect(fingerprintArgFromChoice(SIM_FINGERPRINT_ID)).toBe('simulated');
    expect(fingerprintArgFromChoice('serial:/dev/ttyUSB1')).toBe('/dev/ttyUSB1');
    await close();
    await open();
    await loginAs(station, 'teknisi');
    const list = await must(station, 'devices.list', {});
    expect(byId(list, SIM_FINGERPRINT_ID)!.chosen).toBe(true);
    const audit = await (async () => {
      await station.call('auth.logout', {});
      await loginAs(station, 'sari', 'rahasia-sari-1');
      return must(station, 'audit.list', {});
    })();
    expect(
      audit.some((a) => a.action === 'devices.chosen' && a.target === 'fingerprint:zfm-uart'),
    ).toBe(true);
  });

  it('self-tests the simulated scanner: handshake, ReadSysPara, a capture with its quality', async () => {
    const r = await must(station, 'devices.selfTest', { modality: 'fingerprint' });
    expect(r.ok).toBe(true);
    expect(r.steps.map((s) => s.ok)).toEqual([true, true, true]);
    expect(r.steps[1]!.detail).toMatch(/kapasitas \d+/);
    expect(r.imageDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(r.quality).toBeGreaterThanOrEqual(40);
    expect(r.modality).toBe('fingerprint');

    // The bytes of the test are in the traffic view: VfyPwd went out first, acks came back.
    const entries = await must(station, 'devices.traffic', {
      deviceId: SIM_FINGERPRINT_ID,
      after: 0,
    });
    expect(entries.find((e) => e.dir === 'tx')!.hex).toBe('ef01ffffffff0100071300000000001b');
    expect(entries.some((e) => e.dir === 'rx' && e.hex.startsWith('ef01ffffffff07'))).toBe(true);
    const last = entries.at(-1)!.seq;
    expect(
      await must(station, 'devices.traffic', { deviceId: 'fingerprint', after: last }),
    ).toEqual([]);
    expect(await station.call('devices.traffic', { deviceId: 'nope', after: 0 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    // Biometric bytes never reach the log.
    const logs = readdirSync(path.join(tmp.dir, 'logs'))
      .map((f) => readFileSync(path.join(tmp.dir, 'logs', f), 'utf8'))
      .join('\n');
    expect(logs).toContain('device self-test');
    for (const e of entries.filter((x) => x.hex.length >= 24)) expect(logs).not.toContain(e.hex);

    // The test image came up in data packets: their headers are shown, their pixels are not.
    const everything = await must(station, 'devices.traffic', {
      deviceId: 'fingerprint',
      after: 0,
    });
    const withheld = everything.filter((e) => e.withheld);
    expect(withheld.length).toBeGreaterThan(0);
    expect(withheld.every((e) => e.what === 'fingerprint-data')).toBe(true);
    expect(everything.map((e) => e.hex).join('')).toContain('ef01ffffffff02');

    // The diagnostics bundle carries the same redacted traffic.
    const bundle = await must(station, 'diagnostics.export', {});
    const files = unzipSync(new Uint8Array(Buffer.from(bundle.zipBase64, 'base64')));
    const traffic = JSON.parse(strFromU8(files['traffic.json']!)) as {
      deviceId: string;
      entries: { hex: string; withheld?: number }[];
    }[];
    const fp = traffic.find((t) => t.deviceId === SIM_FINGERPRINT_ID)!;
    expect(fp.entries.some((e) => (e.withheld ?? 0) > 0)).toBe(true);
    const shownBytes = fp.entries.reduce((n, e) => n + e.hex.length / 2, 0);
    // A 256×288 image is 36,864 bytes; what is shown is headers and acks, a small fraction.
    expect(shownBytes).toBeLessThan(4096);
  });

  it('self-tests the pad: capability and a live draw with reports/second and pressure range', async () => {
    // Opening the pad read its capability (feature report 0x09): already in the traffic view.
    const opened = await must(station, 'devices.traffic', { deviceId: SIM_SIGNATURE_ID, after: 0 });
    expect(opened.some((e) => e.dir === 'rx' && e.hex.startsWith('09'))).toBe(true);
    const r = await must(station, 'devices.selfTest', { modality: 'signature' });
    expect(r.ok).toBe(true);
    expect(r.steps[0]!.detail).toMatch(/10800×6480/);
    expect(r.reportsPerSecond).toBeGreaterThan(100);
    expect(r.reportsPerSecond).toBeLessThan(400);
    expect(r.pressureRange![0]).toBeGreaterThan(0);
    expect(r.pressureRange![1]).toBeLessThanOrEqual(1);
    expect(r.pressureRange![1]).toBeGreaterThan(r.pressureRange![0]);
    // Both self-tests are kept for the diagnostics export.
    await must(station, 'devices.selfTest', { modality: 'fingerprint' });
    const drawn = await must(station, 'devices.traffic', {
      deviceId: SIM_SIGNATURE_ID,
      after: opened.at(-1)!.seq,
    });
    // Inking on (0x21) went out, pen data (0x34) came back; one answer holds at most 500 lines.
    expect(drawn.some((e) => e.dir === 'tx' && e.hex.startsWith('21'))).toBe(true);
    expect(drawn.some((e) => e.dir === 'rx' && e.hex.startsWith('34'))).toBe(true);
    expect(drawn.length).toBeLessThanOrEqual(500);
    // Pen reports show their id and length only: coordinates and pressure are withheld.
    const pen = drawn.filter((e) => e.dir === 'rx' && e.hex.startsWith('34'));
    expect(pen.every((e) => e.hex === '34')).toBe(true);
    expect(drawn.some((e) => e.what === 'pen-report' && e.withheld === 10)).toBe(true);
  });

  it('is for technicians only', async () => {
    await station.call('auth.logout', {});
    await loginAs(station, 'ani');
    expect(await station.call('devices.list', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Any session may report the camera (the operator's photo step owns it).
    expect(
      await station.call('devices.reportCamera', {
        state: 'missing',
        label: '',
        width: 0,
        height: 0,
        frameRate: 0,
      }),
    ).toEqual({ ok: true, value: null });
  });
});
