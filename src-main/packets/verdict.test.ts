import { describe, expect, it } from 'vitest';
import { generateVerdictKeys } from './keys';
import { checkVerdict, signVerdict, verdictSigningBytes } from './verdict';

const centre = generateVerdictKeys();
const base = {
  stationId: 'S01STATIONA',
  packetId: 'K01PACKETONE',
  status: 'received',
  reason: null,
  at: '2026-12-07T10:00:00.000Z',
};
const expected = { stationId: base.stationId, packetId: base.packetId };

describe('signed verdicts', () => {
  it('a verdict signed by the centre for this station and packet verifies', () => {
    expect(
      checkVerdict(signVerdict(base, centre.privateKeyPem), expected, centre.publicKeyPem),
    ).toBe('ok');
  });

  it('a verdict signed by another key is refused', () => {
    const other = generateVerdictKeys();
    const v = signVerdict(base, other.privateKeyPem);
    expect(checkVerdict(v, expected, centre.publicKeyPem)).toBe('bad-signature');
  });

  it('a verdict for another packet id is refused', () => {
    const v = signVerdict({ ...base, packetId: 'K01PACKETTWO' }, centre.privateKeyPem);
    expect(checkVerdict(v, expected, centre.publicKeyPem)).toBe('wrong-packet');
  });

  it('a verdict for another station id is refused', () => {
    const v = signVerdict({ ...base, stationId: 'S01STATIONB' }, centre.privateKeyPem);
    expect(checkVerdict(v, expected, centre.publicKeyPem)).toBe('wrong-station');
  });

  it("replaying another packet's genuine verdict under this packet id fails the signature", () => {
    const theirs = signVerdict({ ...base, packetId: 'K01PACKETTWO' }, centre.privateKeyPem);
    const replayed = { ...theirs, packetId: base.packetId };
    expect(checkVerdict(replayed, expected, centre.publicKeyPem)).toBe('bad-signature');
  });

  it('any edited field breaks the signature (status, reason, time)', () => {
    const v = signVerdict(
      { ...base, status: 'rejected', reason: 'bad-signature' },
      centre.privateKeyPem,
    );
    for (const edit of [
      { status: 'received' },
      { reason: null },
      { reason: 'truncated' },
      { at: '2026-12-07T10:00:01.000Z' },
      { signature: Buffer.alloc(64).toString('base64') },
      { signature: 'AAAA' },
    ]) {
      expect(checkVerdict({ ...v, ...edit }, expected, centre.publicKeyPem)).toBe('bad-signature');
    }
  });

  it('signs a domain-separated, unambiguous encoding', () => {
    const bytes = verdictSigningBytes(base).toString();
    expect(bytes.startsWith('["rekam-verdict-v1",')).toBe(true);
    // A field holding a would-be delimiter cannot shift the others.
    expect(verdictSigningBytes({ ...base, reason: 'a","b' })).not.toEqual(
      verdictSigningBytes({ ...base, reason: 'a', at: `b${base.at}` }),
    );
  });
});
