import { generateStationKeys } from '../../packets/keys';
import { describe, expect, it } from 'vitest';
import { OFFICE_WINDOW_MS, checkHubDecision, signHubDecision } from './office-auth';
import type { HubDecision } from './office-auth';

const pair = () => {
  const k = generateStationKeys();
  return { pub: k.publicKeyPem, priv: k.privateKeyPem };
};

describe('decisions from the hub', () => {
  const hub = pair();
  const at = new Date('2026-12-07T09:00:00Z');
  const base = { recordingId: 'REC1', decision: 'approved' as const, reason: null, by: 'spv' };
  const fresh = () => {
    const seen = new Set<string>();
    return (nonce: string) => !seen.has(nonce) && !!seen.add(nonce);
  };
  const check = (d: HubDecision, spend = fresh(), desk = 'DESK2', key = hub.pub, now = at) =>
    checkHubDecision(d, desk, key, now, spend);

  it('accepts the paired hub signature once, for this desk, inside the window', () => {
    const d = signHubDecision(base, 'DESK2', hub.priv, at);
    const spend = fresh();
    expect(check(d, spend)).toEqual({ ok: true });
    expect(check(d, spend)).toEqual({ ok: false, problem: 'replay' });
  });

  it('refuses a forged, tampered, borrowed or stale decision', () => {
    const d = signHubDecision(base, 'DESK2', hub.priv, at);
    const forged = signHubDecision(base, 'DESK2', pair().priv, at);
    expect(check(forged)).toEqual({ ok: false, problem: 'bad-signature' });
    expect(check({ ...d, decision: 'rejected' })).toEqual({ ok: false, problem: 'bad-signature' });
    expect(check({ ...d, recordingId: 'REC2' })).toEqual({ ok: false, problem: 'bad-signature' });
    expect(check(d, fresh(), 'DESK3')).toEqual({ ok: false, problem: 'bad-signature' });
    expect(check({ ...d, signature: 'AAAA' })).toEqual({ ok: false, problem: 'bad-signature' });
    const late = new Date(at.getTime() + OFFICE_WINDOW_MS + 1000);
    expect(check(d, fresh(), 'DESK2', hub.pub, late)).toEqual({ ok: false, problem: 'stale' });
  });
});
