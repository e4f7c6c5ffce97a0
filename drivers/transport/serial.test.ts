import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPtyPair } from '../../test/helpers/pty';
import type { PtyPair } from '../../test/helpers/pty';
import { openSerialTransport } from './serial';

let pair: PtyPair;
beforeAll(async () => {
  pair = await openPtyPair();
});
afterAll(async () => {
  await pair.close();
});

describe('SerialTransport over a pty pair', () => {
  it('carries bytes both ways and reports the hang-up when the pair goes away', async () => {
    const a = await openSerialTransport(pair.a, 57600);
    const b = await openSerialTransport(pair.b, 57600);
    const got: number[] = [];
    const all = new Promise<void>((resolve) =>
      b.on('data', (d) => {
        got.push(...d);
        if (got.length >= 5000) resolve();
      }),
    );
    await a.write(Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff));
    await all;
    expect(got.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(got[4999]).toBe(4999 & 0xff);
    const closed = new Promise<void>((resolve) => a.on('close', resolve));
    await pair.unplug();
    await closed;
    expect(a.isOpen).toBe(false);
    await b.close();
    await pair.replug();
  });

  it('refuses a missing port with an error', async () => {
    await expect(openSerialTransport(`${pair.dir}/nope`, 57600)).rejects.toThrow();
  });
});
