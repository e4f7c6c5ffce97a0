import { afterEach, describe, expect, it } from 'vitest';
import { packImage4, unpackImage4 } from './codec';
import { FingerprintDriver } from './driver';
import type { CaptureStatus, DriverOptions } from './driver';
import { FingerprintError } from './errors';
import { FingerprintSimulator } from './simulator';
import type { SimulatorOptions } from './simulator';
import { createMemoryPair } from '../transport/byte-transport';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

// The simulator answers on this process's event loop and paints finger images on its CPU, so on
// a shared runner an answer can take a few hundred ms; 2 s still keeps the stall tests short.
const ANSWER_MS = 2000;

function setup(sim: SimulatorOptions = {}, drv: Partial<DriverOptions> = {}) {
  const [host, dev] = createMemoryPair();
  const simulator = new FingerprintSimulator(dev, { pace: false, ...sim });
  const driver = new FingerprintDriver({
    transport: host,
    timeouts: { ackMs: ANSWER_MS, dataIdleMs: ANSWER_MS, settleMs: 20 },
    ...drv,
  });
  cleanup.push(() => driver.close());
  return { driver, simulator };
}

/** The image on the module's sensor, as it crosses the wire (4 bits a pixel). */
const sent = (simulator: FingerprintSimulator) => unpackImage4(packImage4(simulator.lastImage!));

async function rejection(p: Promise<unknown>): Promise<FingerprintError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FingerprintError);
    return e as FingerprintError;
  }
  throw new Error('expected a rejection');
}

describe('FingerprintDriver over an in-memory pair', () => {
  it('handshakes, and reports a wrong password as a typed error', async () => {
    const { driver } = setup({ password: 0 });
    await driver.handshake();
    const other = setup({ password: 0x1234 });
    const err = await rejection(other.driver.handshake());
    expect(err.code).toBe('WRONG_PASSWORD');
    expect(err.messageId).toMatch(/sandi/);
  });

  it('reads system parameters and negotiates the packet size', async () => {
    const { driver, simulator } = setup({ packetSize: 128, baud: 57600 });
    const p = await driver.readSysPara();
    expect(p).toMatchObject({ capacity: 300, packetSize: 128, baud: 57600, securityLevel: 3 });
    await driver.setPacketSize(256);
    expect(simulator.currentPacketSize).toBe(256);
    expect(driver.negotiatedPacketSize).toBe(256);
  });

  it('polls until a finger lands, then uploads the exact image', async () => {
    const { driver, simulator } = setup();
    const statuses: CaptureStatus['kind'][] = [];
    driver.on('status', (s: CaptureStatus) => statuses.push(s.kind));
    // Long enough for the first poll to find the sensor empty even while the image is painted.
    simulator.placeFinger(3, { afterMs: 400 });
    const img = await driver.captureImage({ pollMs: 20 });
    expect(img.gray).toEqual(sent(simulator));
    expect(img.width * img.height).toBe(img.gray.length);
    expect(img.imageReadyAt).toBeGreaterThanOrEqual(img.fingerDownAt);
    expect(statuses[0]).toBe('waiting-finger');
    expect(statuses.filter((s) => s === 'waiting-finger')).toHaveLength(1);
    expect(statuses).toContain('image-captured');
    expect(statuses).toContain('uploading');
    expect(statuses.at(-1)).toBe('image-ready');
  });

  it('works with every packet size', async () => {
    const { driver, simulator } = setup();
    simulator.placeFinger(7, { quality: 'dry' });
    for (const size of [32, 64, 128, 256] as const) {
      await driver.setPacketSize(size);
      expect((await driver.captureImage()).gray).toEqual(sent(simulator));
    }
  });

  it('keeps one request in flight and answers queued ones in order', async () => {
    const { driver, simulator } = setup();
    const seen: string[] = [];
    simulator.on('command', (c: string) => seen.push(c));
    const states: string[] = [];
    driver.on('state', (s: string) => states.push(s));
    const results = await Promise.all([
      driver.handshake().then(() => 'a'),
      driver.readSysPara().then(() => 'b'),
      driver.templateNum().then((n) => `c${n}`),
      driver.auraLed({ control: 1, speed: 100, colour: 2, count: 0 }).then(() => 'd'),
    ]);
    expect(results).toEqual(['a', 'b', 'c0', 'd']);
    expect(seen).toEqual(['VFY_PWD', 'READ_SYS_PARA', 'TEMPLATE_NUM', 'AURA_LED']);
    expect(states.at(-1)).toBe('idle');
  });

  it('cancels a capture with an AbortSignal and stays usable', async () => {
    const { driver } = setup();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 60);
    const err = await rejection(driver.captureImage({ signal: ac.signal, pollMs: 10 }));
    expect(err.code).toBe('CANCELLED');
    await driver.handshake();
  });

  it('cancels a request that is only queued without sending it', async () => {
    const { driver, simulator } = setup();
    const seen: string[] = [];
    simulator.on('command', (c: string) => seen.push(c));
    const ac = new AbortController();
    const first = driver.handshake();
    const second = rejection(driver.readSysPara({ signal: ac.signal }));
    ac.abort();
    await first;
    expect((await second).code).toBe('CANCELLED');
    await driver.templateNum();
    expect(seen).toEqual(['VFY_PWD', 'TEMPLATE_NUM']);
  });

  it('reports a corrupted reply as CORRUPT_FRAME and recovers', async () => {
    const { driver, simulator } = setup();
    const frames: unknown[] = [];
    driver.on('frame-error', (f) => frames.push(f));
    simulator.injectFault('checksum');
    expect((await rejection(driver.handshake())).code).toBe('CORRUPT_FRAME');
    expect(frames).toHaveLength(1);
    await driver.handshake();
  });

  it('re-reads an image damaged by dropped bytes', async () => {
    const { driver, simulator } = setup();
    simulator.placeFinger(5);
    // Ack to GenImg, ack to UpImage, then the tenth data packet loses bytes.
    simulator.injectFault('drop', { afterPackets: 12 });
    const img = await driver.captureImage();
    expect(img.gray).toEqual(sent(simulator));
    expect(simulator.stats.imagesSent).toBe(2);
  });

  it('gives up on an image that stays damaged with a typed error', async () => {
    const { driver, simulator } = setup();
    simulator.placeFinger(5);
    await driver.genImg();
    simulator.injectFault('checksum', { afterPackets: 3, count: 10_000 });
    const err = await rejection(driver.captureImage({ uploadRetries: 1 }));
    expect(err.code).toBe('CORRUPT_FRAME');
    expect(err.retryable).toBe(true);
    expect(simulator.stats.imagesSent).toBe(2);
    simulator.clearFaults();
    await driver.handshake();
  });

  it('times out on a stalled module and works again once it resumes', async () => {
    const { driver, simulator } = setup();
    simulator.injectFault('stall');
    const err = await rejection(driver.handshake());
    expect(err.code).toBe('TIMEOUT');
    expect(err.messageId).toMatch(/tidak menjawab/);
    simulator.resume();
    await driver.handshake();
    expect(driver.state).toBe('idle');
  });

  it('treats a run of timeouts as a lost device', async () => {
    const { driver, simulator } = setup({}, { maxConsecutiveTimeouts: 2 });
    simulator.injectFault('stall');
    await rejection(driver.handshake());
    await rejection(driver.handshake());
    expect(driver.state).toBe('disconnected');
    expect((await rejection(driver.handshake())).code).toBe('DISCONNECTED');
  });

  it('detects an unplug and reconnects with backoff through reopen()', async () => {
    let sims = 0;
    const [host, dev] = createMemoryPair();
    const simulator = new FingerprintSimulator(dev, { pace: false });
    let replugged = false;
    const driver = new FingerprintDriver({
      transport: host,
      timeouts: { ackMs: ANSWER_MS },
      backoff: { initialMs: 20, maxMs: 100 },
      reopen: async () => {
        sims++;
        if (!replugged) throw new Error('ENOENT');
        const [h, d] = createMemoryPair();
        new FingerprintSimulator(d, { pace: false });
        return h;
      },
    });
    cleanup.push(() => driver.close());
    await driver.handshake();
    const attempts: number[] = [];
    driver.on('reconnecting', (r: { attempt: number }) => attempts.push(r.attempt));
    const disconnected = new Promise((r) => driver.once('disconnected', r));
    simulator.injectFault('unplug');
    await disconnected;
    expect(driver.state).toBe('disconnected');
    expect((await rejection(driver.handshake())).code).toBe('DISCONNECTED');
    await new Promise((r) => setTimeout(r, 150));
    replugged = true;
    await new Promise((r) => driver.once('reconnected', r));
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(sims).toBe(attempts.length);
    expect(driver.state).toBe('idle');
    await driver.readSysPara();
  });

  it('fails an in-flight image upload when the cable goes', async () => {
    const { driver, simulator } = setup({ pace: true, paceSpeedup: 4 });
    simulator.placeFinger(1);
    const p = driver.captureImage();
    driver.once('status', () => undefined);
    await new Promise((r) => setTimeout(r, 80));
    simulator.injectFault('unplug');
    expect((await rejection(p)).code).toBe('DISCONNECTED');
  });

  it('matches the same finger, rejects a different one, and builds models', async () => {
    const { driver, simulator } = setup();
    const enrol = async (finger: number, buffer: 1 | 2) => {
      simulator.placeFinger(finger);
      await driver.genImg();
      await driver.img2Tz(buffer);
    };
    await enrol(2, 1);
    await enrol(2, 2);
    const same = await driver.match();
    expect(same.matched).toBe(true);
    expect(same.score).toBeGreaterThan(150);
    await driver.regModel();
    const template = await driver.upChar(1);
    expect(template).toHaveLength(512);
    await enrol(8, 2);
    const other = await driver.match();
    expect(other).toEqual({ matched: false, score: expect.any(Number) });
    expect(other.score).toBeLessThan(20);
    expect((await rejection(driver.regModel())).code).toBe('MERGE_FAILED');
  });

  it('DownChar puts a stored template back so Match finds the same finger (packet size 256)', async () => {
    const { driver, simulator } = setup();
    await driver.setPacketSize(256);
    simulator.placeFinger(3);
    await driver.genImg();
    await driver.img2Tz(1);
    const three = await driver.upChar(1);
    simulator.placeFinger(7);
    await driver.genImg();
    await driver.img2Tz(1);
    await driver.downChar(2, three);
    expect((await driver.match()).matched).toBe(false);
    simulator.placeFinger(3, { quality: 'dry' });
    await driver.genImg();
    await driver.img2Tz(1);
    await driver.downChar(2, three);
    expect((await driver.match()).matched).toBe(true);
    await expect(driver.downChar(2, new Uint8Array(10))).rejects.toThrow(RangeError);
  });

  it('answers Img2Tz without an image with NO_VALID_IMAGE', async () => {
    const { driver } = setup();
    expect((await rejection(driver.img2Tz(1))).code).toBe('NO_VALID_IMAGE');
  });

  it('paces output at the configured baud', async () => {
    const { driver, simulator } = setup({ pace: true, baud: 115200, paceSpeedup: 4 });
    await driver.setPacketSize(256);
    simulator.placeFinger(4);
    await driver.genImg();
    const t0 = performance.now();
    await driver.upImage();
    const seconds = (performance.now() - t0) / 1000;
    const wire = (36864 + 144 * 11 + 12) / (11520 * 4);
    expect(seconds).toBeGreaterThan(wire * 0.95);
    expect(seconds).toBeLessThan(wire * 1.3);
  });
});
