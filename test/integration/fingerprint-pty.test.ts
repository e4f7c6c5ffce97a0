// The driver against the simulator over a real pseudo-terminal pair (socat): real tty layer,
// real serialport binding, real pacing. Unplug = socat killed (both ends hang up).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packImage4, unpackImage4 } from '../../drivers/fingerprint/codec';
import { discoverFingerprint } from '../../drivers/fingerprint/discovery';
import type { FingerprintDriver } from '../../drivers/fingerprint/driver';
import type { CaptureStatus } from '../../drivers/fingerprint/driver';
import { FingerprintError } from '../../drivers/fingerprint/errors';
import { FingerprintSimulator } from '../../drivers/fingerprint/simulator';
import type { SimulatorOptions } from '../../drivers/fingerprint/simulator';
import { openSerialTransport } from '../../drivers/transport/serial';
import type { SerialTransport } from '../../drivers/transport/serial';
import { openPtyPair } from '../helpers/pty';
import type { PtyPair } from '../helpers/pty';

const BAUD = 115200;
// Real code paths and real pacing, four times the wire rate, to keep the suite quick.
const SIM: SimulatorOptions = { baud: BAUD, pace: true, paceSpeedup: 4 };

let pair: PtyPair;
let devicePort: SerialTransport;
let sim: FingerprintSimulator;
let driver: FingerprintDriver;

async function startSimulator(): Promise<void> {
  devicePort = await openSerialTransport(pair.b, BAUD);
  sim = new FingerprintSimulator(devicePort, SIM);
}

function once<T = unknown>(event: string): Promise<T> {
  return new Promise((resolve) => driver.once(event, resolve));
}

async function rejection(p: Promise<unknown>): Promise<FingerprintError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FingerprintError);
    return e as FingerprintError;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  pair = await openPtyPair();
  await startSimulator();
});

afterAll(async () => {
  await driver?.close();
  sim?.stop();
  await devicePort?.close();
  await pair?.close();
});

describe('fingerprint driver ↔ simulator over a socat pty pair', () => {
  it('discovers the module on the configured pty path', async () => {
    const found = await discoverFingerprint({
      path: pair.a,
      probeTimeoutMs: 300,
      // The serial transport ignores speed on a pty; the module reports its own.
      baud: BAUD,
      driver: {
        backoff: { initialMs: 50, maxMs: 400 },
        timeouts: { ackMs: 500, dataIdleMs: 500, settleMs: 30 },
      },
    });
    driver = found.driver;
    expect(found).toMatchObject({ path: pair.a, baud: BAUD });
  });

  it('handshakes and reads the system parameters', async () => {
    await driver.handshake();
    const p = await driver.readSysPara();
    expect(p).toMatchObject({ baud: BAUD, packetSize: 128, capacity: 300, address: 0xffffffff });
  });

  it('negotiates the packet size', async () => {
    await driver.setPacketSize(32);
    expect(sim.currentPacketSize).toBe(32);
    await driver.setPacketSize(256);
    expect((await driver.readSysPara()).packetSize).toBe(256);
  });

  it('captures all ten fingers byte-exact', async () => {
    const statuses: CaptureStatus['kind'][] = [];
    const onStatus = (s: CaptureStatus) => statuses.push(s.kind);
    driver.on('status', onStatus);
    for (let finger = 1; finger <= 10; finger++) {
      sim.placeFinger(finger, { afterMs: 40 });
      const img = await driver.captureImage({ pollMs: 15 });
      expect(img.gray).toEqual(unpackImage4(packImage4(sim.lastImage!)));
      sim.liftFinger();
    }
    driver.off('status', onStatus);
    // 'waiting-finger' appears only when the first poll finds the sensor empty; on a loaded
    // machine the simulated finger may already be down by then, so count the sure events.
    expect(statuses.filter((s) => s === 'image-captured')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'image-ready')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'waiting-finger').length).toBeLessThanOrEqual(10);
  });

  it('matches two captures of one finger', async () => {
    for (const buffer of [1, 2] as const) {
      sim.placeFinger(6);
      await driver.genImg();
      await driver.img2Tz(buffer);
    }
    expect((await driver.match()).matched).toBe(true);
    expect(await driver.upChar(1)).toHaveLength(512);
  });

  it('fault: corrupted checksum → CORRUPT_FRAME, then recovers', async () => {
    sim.injectFault('checksum');
    expect((await rejection(driver.readSysPara())).code).toBe('CORRUPT_FRAME');
    await driver.handshake();
  });

  it('fault: dropped bytes mid-image → the driver re-reads the image', async () => {
    sim.placeFinger(9, { quality: 'smudged' });
    const before = sim.stats.imagesSent;
    sim.injectFault('drop', { afterPackets: 40 });
    const img = await driver.captureImage();
    expect(img.gray).toEqual(unpackImage4(packImage4(sim.lastImage!)));
    expect(sim.stats.imagesSent - before).toBe(2);
  });

  it('fault: stall → TIMEOUT, then works once the module answers again', async () => {
    sim.injectFault('stall');
    expect((await rejection(driver.handshake())).code).toBe('TIMEOUT');
    sim.resume();
    await driver.handshake();
  });

  it('fault: unplug mid-transfer → DISCONNECTED, replug → reconnects by itself', async () => {
    sim.placeFinger(2);
    sim.on('unplug', () => void pair.unplug());
    const disconnected = once('disconnected');
    const capture = driver.captureImage();
    await new Promise<void>((resolve) =>
      driver.on('status', function wait(s: CaptureStatus) {
        if (s.kind !== 'uploading') return;
        driver.off('status', wait);
        resolve();
      }),
    );
    sim.injectFault('unplug');
    expect((await rejection(capture)).code).toBe('DISCONNECTED');
    await disconnected;
    expect((await rejection(driver.handshake())).code).toBe('DISCONNECTED');
    // Let the backoff fail at least once against the missing port.
    await once('reconnecting');
    await pair.replug();
    sim.stop();
    await startSimulator();
    await once('reconnected');
    expect(driver.state).toBe('idle');
    sim.placeFinger(4);
    const img = await driver.captureImage();
    expect(img.gray).toEqual(unpackImage4(packImage4(sim.lastImage!)));
  });
});
