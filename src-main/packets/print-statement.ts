// The centre's statements about printed cards: a card printed, a numbered batch of
// cards dispatched to this kecamatan. Signed with the centre's verdict key and checked exactly
// as verdicts are, under their own domain string, so a verdict signature can never pass as a
// statement or the other way round. `seq` is the statement's place in this station's feed: a
// statement seen again (a replay) is recognised by it.
import { sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { toPrivateKey, toPublicKey } from './keys';

export const PRINT_STATEMENT_DOMAIN = 'rekam-print-statement-v1';

export interface PrintedCardRef {
  packetId: string;
  recordingId: string;
}

export interface CardPrintedFields {
  kind: 'card-printed';
  stationId: string;
  seq: number;
  packetId: string;
  recordingId: string;
  /** ISO 8601 time the card was printed. */
  at: string;
}

export interface BatchDispatchedFields {
  kind: 'batch-dispatched';
  stationId: string;
  seq: number;
  batchNo: string;
  /** ISO 8601 time the batch left the Disdukcapil office. */
  at: string;
  cards: PrintedCardRef[];
}

export type PrintStatementFields = CardPrintedFields | BatchDispatchedFields;
export type SignedPrintStatement = PrintStatementFields & { signature: string };

/** One canonical encoding (a JSON array in a fixed order), as for verdicts. */
export function printStatementSigningBytes(s: PrintStatementFields): Buffer {
  const fields =
    s.kind === 'card-printed'
      ? [s.packetId, s.recordingId]
      : [s.batchNo, s.cards.map((c) => [c.packetId, c.recordingId])];
  return Buffer.from(
    JSON.stringify([PRINT_STATEMENT_DOMAIN, s.kind, s.stationId, s.seq, s.at, ...fields]),
    'utf8',
  );
}

export function signPrintStatement(
  s: PrintStatementFields,
  privateKey: KeyObject | string,
): SignedPrintStatement {
  const key = toPrivateKey(privateKey, 'ed25519');
  return { ...s, signature: sign(null, printStatementSigningBytes(s), key).toString('base64') };
}

export type PrintStatementCheck = 'ok' | 'bad-signature' | 'wrong-station';

/** For this station, and signed by the centre's verdict key. */
export function checkPrintStatement(
  s: SignedPrintStatement,
  expected: { stationId: string },
  verdictKey: KeyObject | string,
): PrintStatementCheck {
  if (s.stationId !== expected.stationId) return 'wrong-station';
  let key: KeyObject;
  try {
    key = toPublicKey(verdictKey, 'ed25519');
  } catch {
    return 'bad-signature';
  }
  const sig = Buffer.from(s.signature, 'base64');
  if (sig.length !== 64) return 'bad-signature';
  try {
    return verify(null, printStatementSigningBytes(s), key, sig) ? 'ok' : 'bad-signature';
  } catch {
    return 'bad-signature';
  }
}
