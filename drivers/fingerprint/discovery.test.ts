import { describe, expect, it } from 'vitest';
import { BAUD_CANDIDATES, discoverFingerprint } from './discovery';
import { FingerprintError } from './errors';
import { FingerprintSimulator } from './simulator';
import { createMemoryPair } from '../transport/byte-transport';
import type { ByteTransport } from '../transport/byte-transport';

/** A fake bus: the module sits on `modulePath` at `moduleBaud`; wrong bauds give line noise. */
function bus(modulePath: string, moduleBaud: number, password = 0) {
  const attempts: string[] = [];
  const open = async (path: string, baud: number): Promise<ByteTransport> => {
    attempts.push(`${path}@${baud}`);
    if (path === '/dev/busy') throw new Error('EBUSY');
    const [host, dev] = createMemoryPair();
    if (path === modulePath && baud === moduleBaud) {
      new FingerprintSimulator(dev, { pace: false, baud: moduleBaud, password });
    } else if (path === modulePath) {
      // At the wrong speed a UART sees framing garbage, not silence.
      dev.on('data', (b) => void dev.write(b.map((x) => (x * 7 + 3) & 0xff)));
    }
    return host;
  };
  return { open, attempts };
}

describe('discoverFingerprint', () => {
  it('tries 57600 first, then 115200 (where the station leaves modules), then N × 9600', () => {
    expect(BAUD_CANDIDATES).toEqual([
      57600, 115200, 9600, 19200, 28800, 38400, 48000, 67200, 76800, 86400, 96000, 105600,
    ]);
  });

  it('finds the module on a configured path at its baud', async () => {
    const { open, attempts } = bus('/dev/ttyUSB0', 57600);
    const found = await discoverFingerprint({ path: '/dev/ttyUSB0', open, probeTimeoutMs: 50 });
    expect(found).toMatchObject({ path: '/dev/ttyUSB0', baud: 57600 });
    expect(found.params.baud).toBe(57600);
    await found.driver.handshake();
    await found.driver.close();
    expect(attempts).toEqual(['/dev/ttyUSB0@57600', '/dev/ttyUSB0@57600']);
  });

  it('probes candidate ports and detects a non-default baud', async () => {
    const { open, attempts } = bus('/dev/ttyUSB1', 115200);
    const found = await discoverFingerprint({
      listPorts: async () => ['/dev/busy', '/dev/ttyS0', '/dev/ttyUSB1'],
      open,
      probeTimeoutMs: 30,
    });
    expect(found).toMatchObject({ path: '/dev/ttyUSB1', baud: 115200 });
    expect(attempts[0]).toBe('/dev/busy@57600');
    expect(attempts.filter((a) => a.startsWith('/dev/busy'))).toHaveLength(1);
    expect(attempts.filter((a) => a.startsWith('/dev/ttyS0'))).toHaveLength(12);
    await found.driver.close();
  });

  it('reports DEVICE_NOT_FOUND when nothing answers', async () => {
    const { open } = bus('/dev/none', 57600);
    await expect(
      discoverFingerprint({ listPorts: async () => ['/dev/ttyS0'], open, probeTimeoutMs: 10 }),
    ).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
  });

  it('stops at a module that refuses the password', async () => {
    const { open } = bus('/dev/ttyUSB0', 57600, 0xdead);
    const err = await discoverFingerprint({ path: '/dev/ttyUSB0', open }).catch((e) => e);
    expect(err).toBeInstanceOf(FingerprintError);
    expect(err.code).toBe('WRONG_PASSWORD');
  });
});
