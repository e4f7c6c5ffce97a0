// The module's whole documented command set against the simulator over a real socat pty pair:
// the template library (Store, LoadChar, UpChar/DownChar, Search, HighSpeedSearch, DeletChar,
// Empty, ReadIndexTable, TemplateNum), GetRandomCode, DownImage, SetAdder with the new address
// in force, a baud change in the middle of a session (both ends of the line reopened), and a
// module with a password, which answers nothing but VfyPwd until it has been verified.
import { afterEach, describe, expect, it } from 'vitest';
import {
  IMAGE_HEIGHT,
  IMAGE_WIDTH,
  packImage4,
  unpackImage4,
} from '../../drivers/fingerprint/codec';
import { FingerprintDriver } from '../../drivers/fingerprint/driver';
import type { FingerprintSimulator } from '../../drivers/fingerprint/simulator';
import { syntheticFingerprint } from '../../drivers/fingerprint/synthetic';
import { openSerialTransport } from '../../drivers/transport/serial';
import { openFingerprintLine } from '../helpers/fingerprint-line';
import type { Cleanup } from '../helpers/fingerprint-line';

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** The resident puts `finger` down; the module takes an image and makes a template in `buffer`. */
async function present(
  driver: FingerprintDriver,
  simulator: FingerprintSimulator,
  finger: number,
  buffer: 1 | 2 = 1,
): Promise<void> {
  simulator.placeFinger(finger);
  await driver.waitForImage({ pollMs: 10 });
  simulator.liftFinger();
  await driver.img2Tz(buffer);
}

describe('the whole command set over a socat pty pair', () => {
  it('keeps, finds, loads, deletes and lists templates in the library', async () => {
    const { driver, simulator } = await openFingerprintLine(cleanup, { paceSpeedup: 20 });
    await driver.empty();
    expect(await driver.templateNum()).toBe(0);

    // Fingers 1, 2 and 3 of one resident on pages 0, 1 and 7.
    const stored = new Map<number, Uint8Array>();
    for (const [finger, page] of [
      [1, 0],
      [2, 1],
      [3, 7],
    ] as const) {
      await present(driver, simulator, finger);
      stored.set(page, await driver.upChar(1));
      await driver.store(1, page);
    }
    expect(await driver.templateNum()).toBe(3);
    expect(await driver.readIndexTable(0)).toEqual([0, 1, 7]);
    expect(await driver.readIndexTable(1)).toEqual([]);

    // A new capture of finger 2 is found on page 1, by both searches; not outside the range.
    await present(driver, simulator, 2);
    const hit = await driver.search(1, 0, 10);
    expect(hit).toMatchObject({ page: 1 });
    expect(hit!.score).toBeGreaterThanOrEqual(50);
    expect(await driver.search(1, 0, 10, { highSpeed: true })).toMatchObject({ page: 1 });
    expect(await driver.search(1, 2, 8)).toBeNull();
    // A finger never stored is not found.
    await present(driver, simulator, 9);
    expect(await driver.search(1, 0, 300)).toBeNull();

    // LoadChar brings a stored template back into a char buffer, byte for byte.
    await driver.loadChar(2, 1);
    expect(await driver.upChar(2)).toEqual(stored.get(1));
    await present(driver, simulator, 2);
    expect(await driver.match()).toMatchObject({ matched: true });
    await driver.loadChar(2, 0);
    expect(await driver.match()).toMatchObject({ matched: false });

    // DownChar + Store put a template from the host into the library.
    await driver.downChar(2, stored.get(7)!);
    await driver.store(2, 20);
    expect(await driver.readIndexTable(0)).toEqual([0, 1, 7, 20]);
    await present(driver, simulator, 3);
    expect(await driver.search(1, 8, 100)).toMatchObject({ page: 20 });

    await driver.deletChar(20);
    await driver.deletChar(0, 2);
    expect(await driver.readIndexTable(0)).toEqual([7]);
    await expect(driver.loadChar(1, 0)).rejects.toMatchObject({ code: 'BAD_TEMPLATE' });
    await expect(driver.store(1, 300)).rejects.toMatchObject({ code: 'PAGE_OUT_OF_RANGE' });
    await expect(driver.deletChar(299, 2)).rejects.toMatchObject({ code: 'DELETE_FAILED' });
    await driver.empty();
    expect(await driver.templateNum()).toBe(0);
    expect(await driver.readIndexTable(0)).toEqual([]);
  });

  it('GetRandomCode, DownImage, SetAdder and a baud change mid-session', async () => {
    const { driver, simulator, line } = await openFingerprintLine(cleanup, { paceSpeedup: 20 });
    const codes = [await driver.getRandomCode(), await driver.getRandomCode()];
    for (const c of codes) expect(c).toBeGreaterThanOrEqual(0);
    expect(codes[0]).not.toBe(codes[1]);

    // An image from the host goes into the image buffer; UpImage returns it as 4 bits.
    const gray = syntheticFingerprint(6);
    await driver.downImage(gray);
    expect(await driver.upImage()).toEqual(unpackImage4(packImage4(gray)));
    expect(gray.length).toBe(IMAGE_WIDTH * IMAGE_HEIGHT);
    // The simulator knows the minutiae only of fingers it put on its own sensor.
    await expect(driver.img2Tz(1)).rejects.toMatchObject({ code: 'TOO_FEW_FEATURES' });

    // Up to 115,200 in the middle of the session: both ends reopened, the library still there.
    await present(driver, simulator, 5);
    await driver.store(1, 4);
    expect(await driver.setBaud(115200)).toEqual({ baud: 115200, outcome: 'switched' });
    expect(line).toEqual({ host: 115200, module: 115200 });
    expect(simulator.currentBaud).toBe(115200);
    expect((await driver.readSysPara()).baud).toBe(115200);
    await present(driver, simulator, 5);
    expect(await driver.search(1, 0, 10)).toMatchObject({ page: 4 });
    // And down again.
    expect(await driver.setBaud(19200)).toEqual({ baud: 19200, outcome: 'switched' });
    expect(line).toEqual({ host: 19200, module: 19200 });
    expect(await driver.templateNum()).toBe(1);

    // SetAdder: the ack already comes from the new address; the old one is no longer answered.
    await driver.setAddress(0x12345678);
    expect(simulator.address).toBe(0x12345678);
    expect(driver.moduleAddress).toBe(0x12345678);
    expect((await driver.readSysPara()).address).toBe(0x12345678);
    await driver.handshake();
  });

  it('a password-protected module answers only VfyPwd until verified', async () => {
    const password = 0x00c0ffee;
    const { driver, simulator, pair } = await openFingerprintLine(
      cleanup,
      { paceSpeedup: 20, password },
      { handshake: false },
    );
    // Without the password: every command is refused with "verify the password first".
    await expect(driver.templateNum()).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
    await expect(driver.handshake()).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(driver.readSysPara()).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
    await driver.close();

    // With it, the whole set works; SetPwd changes it for the next session.
    const host = await openSerialTransport(pair.a, 57600);
    const owner = new FingerprintDriver({
      transport: host,
      password,
      timeouts: { ackMs: 400, dataIdleMs: 500, settleMs: 30 },
    });
    cleanup.push(() => owner.close());
    await owner.handshake();
    expect(await owner.templateNum()).toBe(0);
    await present(owner, simulator, 1);
    await owner.store(1, 0);
    await owner.setPassword(0x1234);
    await owner.handshake();
    expect(await owner.readIndexTable(0)).toEqual([0]);
    // A wrong VfyPwd locks the module again.
    const stale = new FingerprintDriver({
      transport: host,
      password,
      timeouts: { ackMs: 400, dataIdleMs: 500, settleMs: 30 },
    });
    await expect(stale.handshake()).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(owner.templateNum()).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
    await owner.handshake();
    expect(await owner.templateNum()).toBe(1);
  });
});
