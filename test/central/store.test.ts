import { sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateStationKeys } from '../../src-main/packets/index';
import { normaliseToken, openCentralStore, rotationBytes } from './store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function store(now: () => Date = () => new Date()) {
  const dir = mkdtempSync(join(tmpdir(), 'rekam-central-store-'));
  dirs.push(dir);
  return openCentralStore(join(dir, 'c.db'), now);
}

describe('registration tokens', () => {
  it('normalises what people do with a token: spaces, dashes, case, newline, look-alikes', () => {
    const canonical = normaliseToken('RKM-HFS7-BEY1-3QYH');
    for (const typed of [
      'rkm hfs7 bey1 3qyh',
      'RKM-HFS7-BEY1-3QYH\n',
      ' rkm-hfs7-bey1-3qyh ',
      'RKMHFS7BEY13QYH',
      'hfs7 bey1 3qyh',
      'RKM-HFS7-BEYI-3QYH',
      'rkm.hfs7.beyl.3qyh',
    ]) {
      expect(normaliseToken(typed), typed).toBe(canonical);
    }
    expect(normaliseToken('RKM-HFS7-BEY1-3QYJ')).not.toBe(canonical);
  });

  it('binds a token to one station, once, and accepts it as people type it', () => {
    const s = store();
    const a = generateStationKeys();
    const token = s.issueToken('SA');
    expect(s.register(token, 'SB', a.publicKeyPem)).toEqual({ ok: false, error: 'wrong-station' });
    const spoken = `${token.toLowerCase().replace(/-/g, ' ')}\n`;
    expect(s.register(spoken, 'SA', a.publicKeyPem).ok).toBe(true);
    // The same registration again (lost answer) is fine; anything else with it is not.
    expect(s.register(token, 'SA', a.publicKeyPem).ok).toBe(true);
    expect(s.register(token, 'SA', generateStationKeys().publicKeyPem)).toEqual({
      ok: false,
      error: 'token-used',
    });
    expect(s.register('RKM-0000-0000-0000', 'SA', a.publicKeyPem)).toEqual({
      ok: false,
      error: 'invalid-token',
    });
    s.close();
  });

  it('expires after 72 hours by default', () => {
    let t = new Date('2026-01-01T00:00:00Z');
    const s = store(() => t);
    const token = s.issueToken('SA');
    t = new Date('2026-01-03T23:59:00Z');
    const early = s.issueToken('SA');
    t = new Date('2026-01-04T00:00:01Z');
    expect(s.register(token, 'SA', generateStationKeys().publicKeyPem)).toEqual({
      ok: false,
      error: 'token-expired',
    });
    expect(s.register(early, 'SA', generateStationKeys().publicKeyPem).ok).toBe(true);
    s.close();
  });

  it('replacing a station key needs a re-key token or a signature by the current key', () => {
    const s = store();
    const first = generateStationKeys();
    const second = generateStationKeys();
    const third = generateStationKeys();
    expect(s.register(s.issueToken('SA'), 'SA', first.publicKeyPem).ok).toBe(true);
    // A plain token for the same station cannot take it over.
    expect(s.register(s.issueToken('SA'), 'SA', second.publicKeyPem)).toEqual({
      ok: false,
      error: 'key-exists',
    });
    // Key rotation: signed by the key being replaced.
    const forged = sign(null, rotationBytes('SA', second.publicKeyPem), second.privateKeyPem);
    expect(
      s.register(s.issueToken('SA'), 'SA', second.publicKeyPem, forged.toString('base64')).ok,
    ).toBe(false);
    const rotation = sign(null, rotationBytes('SA', second.publicKeyPem), first.privateKeyPem);
    expect(
      s.register(s.issueToken('SA'), 'SA', second.publicKeyPem, rotation.toString('base64')).ok,
    ).toBe(true);
    expect(s.station('SA')?.publicKeyPem).toBe(second.publicKeyPem);
    // The centre's operator issues a re-key token for a reinstalled station.
    expect(s.register(s.issueToken('SA', { rekey: true }), 'SA', third.publicKeyPem).ok).toBe(true);
    expect(s.station('SA')?.publicKeyPem).toBe(third.publicKeyPem);
    s.close();
  });
});
