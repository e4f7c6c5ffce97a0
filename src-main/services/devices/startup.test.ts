import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHOICE_FILE } from './devices';
import { applyFingerprintChoice, startDevices } from './startup';
import { createLogger } from '../common/log';
import { tempDir } from '../../../test/helpers/station';

let tmp: ReturnType<typeof tempDir>;
afterEach(() => tmp?.cleanup());

describe('device start-up', () => {
  it("plain auto follows the technician's remembered choice; explicit choices win", () => {
    tmp = tempDir('rekam-devstart-');
    const auto = { mode: 'auto' as const, simSpeed: 1 };
    expect(applyFingerprintChoice(auto, tmp.dir)).toEqual(auto);
    writeFileSync(
      path.join(tmp.dir, CHOICE_FILE),
      JSON.stringify({ fingerprint: 'serial:/dev/ttyUSB1' }),
    );
    expect(applyFingerprintChoice(auto, tmp.dir)).toEqual({ ...auto, path: '/dev/ttyUSB1' });
    writeFileSync(
      path.join(tmp.dir, CHOICE_FILE),
      JSON.stringify({ fingerprint: 'sim:fingerprint' }),
    );
    expect(applyFingerprintChoice(auto, tmp.dir)).toEqual({ ...auto, mode: 'simulated' });
    const explicit = { mode: 'auto' as const, path: '/dev/ttyACM0' };
    expect(applyFingerprintChoice(explicit, tmp.dir)).toBe(explicit);
    expect(applyFingerprintChoice({ mode: 'none' }, tmp.dir)).toEqual({ mode: 'none' });
    writeFileSync(path.join(tmp.dir, CHOICE_FILE), '{not json');
    expect(applyFingerprintChoice(auto, tmp.dir)).toEqual(auto);
  });

  it('starts the scanner with its traffic tapped, without a driver host when none is given', async () => {
    tmp = tempDir('rekam-devstart-');
    const d = startDevices({
      dataDir: tmp.dir,
      fingerprint: { mode: 'simulated', simTransport: 'memory', simSpeed: 50 },
      spawn: null,
      log: createLogger({ dataDir: tmp.dir }),
    });
    try {
      await d.fingerprint.ready();
      expect(d.fingerprint.state()).toBe('simulated');
      expect(d.host).toBeNull();
      expect(d.manager).toBeNull();
      // Negotiation at start-up already went over the wire.
      expect(d.traffic.ring('fingerprint').after(0).length).toBeGreaterThan(0);
      expect(d.stationOptions.signature!()).toBeNull();
    } finally {
      await d.close();
    }
  });
});
