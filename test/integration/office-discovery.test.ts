// mDNS discovery on this machine's LAN interfaces: a hub process listening on all interfaces
// advertises itself (`_rekam-hub._tcp`); a desk process lists it with its address and key
// fingerprint, pairs on the picked address with the code, and refuses a pick whose fingerprint
// is not the hub's key. Typing the address by hand stays (the other office tests pair that way).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredHub } from '../../src-main/api/contract-office';
import { startOfficeStation } from '../helpers/office-stations';
import type { OfficeStation } from '../helpers/office-stations';

describe('office hub discovery (mDNS)', () => {
  let hub: OfficeStation;
  let desk: OfficeStation;
  let other: OfficeStation;

  beforeAll(async () => {
    hub = await startOfficeStation('Loket Kantor Temu', { hub: true, hubHost: '0.0.0.0' });
    desk = await startOfficeStation('Meja Temu');
    other = await startOfficeStation('Meja Lain');
    await Promise.all([hub.as('technician'), desk.as('technician'), other.as('technician')]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([hub?.stop(), desk?.stop(), other?.stop()]);
  });

  /** This test's hub among whatever else answers on the LAN (other test runs' hubs). */
  const find = async (station: OfficeStation, fingerprint: string) => {
    let mine: DiscoveredHub | undefined;
    await expect
      .poll(
        async () => {
          const hubs = await station.must('office.discover', {});
          mine = hubs.find((h) => h.fingerprint === fingerprint);
          return mine !== undefined;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);
    return mine!;
  };

  it('a desk finds the hub, picks it and pairs with the code', async () => {
    const code = await hub.must('office.pairingCode', {});
    const found = await find(desk, code.fingerprint);
    expect(found.name).toContain('Loket Kantor Temu');
    const port = new URL(code.urls[0]!).port;
    expect(found.urls.length).toBeGreaterThan(0);
    expect(found.urls.every((u) => new URL(u).port === port)).toBe(true);
    // The address is one of the hub's own LAN addresses (not loopback: found over the network).
    expect(code.urls).toContain(found.urls[0]);

    const joined = await desk.must('office.join', {
      url: found.urls[0]!,
      code: code.code,
      fingerprint: found.fingerprint,
    });
    expect(joined.role).toBe('desk');
    expect(joined.hub?.hubFingerprint).toBe(code.fingerprint);
    expect(joined.hub?.url).toBe(found.urls[0]);
    const desks = await hub.must('office.desks', {});
    expect(desks.map((d) => d.stationName)).toEqual(['Meja Temu']);
  }, 120_000);

  it('a pick whose fingerprint is not the hub key is refused, even with the right code', async () => {
    const code = await hub.must('office.pairingCode', {});
    const found = await find(other, code.fingerprint);
    const forged = found.fingerprint.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const r = await other.call('office.join', {
      url: found.urls[0]!,
      code: code.code,
      fingerprint: forged,
    });
    expect(r.ok).toBe(false);
    expect((await other.must('office.status', {})).role).toBe('alone');
  }, 120_000);
});
