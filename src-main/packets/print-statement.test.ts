import { describe, expect, it } from 'vitest';
import { generateVerdictKeys } from './keys';
import { checkPrintStatement, signPrintStatement } from './print-statement';
import type { PrintStatementFields } from './print-statement';
import { signVerdict } from './verdict';

const centre = generateVerdictKeys();
const batch: PrintStatementFields = {
  kind: 'batch-dispatched',
  stationId: 'S01STATIONA',
  seq: 7,
  batchNo: 'B-2026-0001',
  at: '2026-12-07T10:00:00.000Z',
  cards: [
    { packetId: 'K01PACKETONE', recordingId: 'R01ONE' },
    { packetId: 'K01PACKETTWO', recordingId: 'R01TWO' },
  ],
};
const card: PrintStatementFields = {
  kind: 'card-printed',
  stationId: 'S01STATIONA',
  seq: 3,
  packetId: 'K01PACKETONE',
  recordingId: 'R01ONE',
  at: '2026-12-06T10:00:00.000Z',
};
const me = { stationId: 'S01STATIONA' };

describe('signed print statements', () => {
  it('a batch and a card statement signed by the centre for this station verify', () => {
    expect(
      checkPrintStatement(signPrintStatement(batch, centre.privateKeyPem), me, centre.publicKeyPem),
    ).toBe('ok');
    expect(
      checkPrintStatement(signPrintStatement(card, centre.privateKeyPem), me, centre.publicKeyPem),
    ).toBe('ok');
  });

  it('another key, another station, or any changed field is refused', () => {
    const other = generateVerdictKeys();
    expect(
      checkPrintStatement(signPrintStatement(batch, other.privateKeyPem), me, centre.publicKeyPem),
    ).toBe('bad-signature');
    const theirs = signPrintStatement({ ...batch, stationId: 'S01STATIONB' }, centre.privateKeyPem);
    expect(checkPrintStatement(theirs, me, centre.publicKeyPem)).toBe('wrong-station');
    // Their genuine statement relabelled as ours fails the signature.
    expect(
      checkPrintStatement({ ...theirs, stationId: me.stationId }, me, centre.publicKeyPem),
    ).toBe('bad-signature');
    const signed = signPrintStatement(batch, centre.privateKeyPem);
    if (signed.kind !== 'batch-dispatched') throw new Error('kind');
    const tampered = [
      { ...signed, seq: 8 },
      { ...signed, batchNo: 'B-2026-0002' },
      { ...signed, cards: signed.cards.slice(1) },
      { ...signed, cards: [...signed.cards, { packetId: 'K01X', recordingId: 'R01X' }] },
      { ...signed, signature: 'AAAA' },
    ];
    for (const t of tampered)
      expect(checkPrintStatement(t, me, centre.publicKeyPem)).toBe('bad-signature');
  });

  it('a verdict signature never passes as a statement (separate domain)', () => {
    const v = signVerdict(
      {
        stationId: me.stationId,
        packetId: 'K01PACKETONE',
        status: 'print-ready',
        reason: null,
        at: card.at,
      },
      centre.privateKeyPem,
    );
    expect(checkPrintStatement({ ...card, signature: v.signature }, me, centre.publicKeyPem)).toBe(
      'bad-signature',
    );
  });

  it('a key that is not an Ed25519 public key refuses instead of throwing', () => {
    const s = signPrintStatement(card, centre.privateKeyPem);
    expect(checkPrintStatement(s, me, 'not a key')).toBe('bad-signature');
  });
});
