// The handover itself, in one transaction: the signed record (with its outbox state), the card
// to handed_over, the retained photo and templates purged, the audit entry. Then the receipt.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { HandoverDone, ProxyDetails } from '../../api/contract-handover';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import type { HandoverKind, HandoverVerification } from '../../domain/handover';
import { handoverAllowedFrom } from '../../domain/handover';
import type { Locale } from '../../domain/i18n';
import { handoverRecordSchema, signHandoverRecord } from '../../packets/handover-record';
import type { HandoverRecord } from '../../packets/handover-record';
import {
  cardCandidate,
  findHandoverByRecording,
  insertHandover,
  purgeRetained,
} from '../../store/handover-repo';
import { getStation } from '../../store/station-repo';
import type { Actor, Audit } from '../common/audit';
import { newId } from '../common/ids';
import { ht } from './counter-messages';
import { renderHandoverReceipt } from './receipt';

export interface CompleteDeps {
  db: Database;
  now: () => Date;
  locale: Locale;
  audit: Audit;
  stationKeys: () => { privateKeyPem: string };
  kecamatanName: (code: string) => string;
  /** Card stock: the card becomes handed_over (false: it was not in a state that allows it). */
  markHandedOver: (h: {
    recordingId: string;
    at: string;
    kind: HandoverKind;
    byProxy: boolean;
    operatorId: string;
  }) => boolean;
  /** A record waits for the centre: the sender wakes up. */
  onRecorded?: () => void;
}

export interface CompleteInput {
  recordingId: string;
  kind: HandoverKind;
  roundId: string | null;
  verification: HandoverVerification;
  proxy: ProxyDetails | null;
}

export async function completeHandover(
  deps: CompleteDeps,
  actor: Actor,
  input: CompleteInput,
  signaturePng: Buffer,
): Promise<Reply<HandoverDone>> {
  const { db, audit } = deps;
  const L = deps.locale;
  const station = getStation(db);
  const card = cardCandidate(db, input.recordingId);
  if (!station) return fail('NOT_SET_UP', ht(L, 'noStation'));
  if (!card?.packetId) return fail('NOT_FOUND', ht(L, 'notArrived'));
  const at = deps.now();
  const handoverId = newId('H', at);
  const v = input.verification;
  const record: HandoverRecord = {
    v: 1,
    handoverId,
    stationId: station.id,
    recordingId: input.recordingId,
    packetId: card.packetId,
    kind: input.kind,
    roundId: input.roundId,
    handedOverAt: at.toISOString(),
    operator: actor.username,
    verification: {
      method: v.method,
      finger: v.method === 'fingerprint' ? v.finger : null,
      score: v.method === 'fingerprint' ? v.score : null,
      reason: v.method === 'visual' ? v.reason : null,
    },
    proxy: input.proxy
      ? { name: input.proxy.name, nik: input.proxy.nik, relation: input.proxy.relation }
      : null,
    signaturePng: signaturePng.toString('base64'),
  };
  const signed = signHandoverRecord(record, deps.stationKeys().privateKeyPem);
  const done = db.transaction((): boolean => {
    const now = cardCandidate(db, input.recordingId);
    if (!now || !handoverAllowedFrom(now.cardState, input.kind)) return false;
    insertHandover(db, {
      id: handoverId,
      recordingId: input.recordingId,
      kind: input.kind,
      roundId: input.roundId,
      verification: v.method,
      finger: record.verification.finger,
      score: record.verification.score,
      visualReason: record.verification.reason,
      byProxy: input.proxy !== null,
      proxyName: input.proxy?.name ?? null,
      proxyNik: input.proxy?.nik ?? null,
      proxyRelation: input.proxy?.relation ?? null,
      signaturePng,
      handedOverAt: record.handedOverAt,
      operatorId: actor.id,
      recordJson: signed.recordJson,
      recordSignature: signed.signature,
    });
    const moved = deps.markHandedOver({
      recordingId: input.recordingId,
      at: record.handedOverAt,
      kind: input.kind,
      byProxy: input.proxy !== null,
      operatorId: actor.id,
    });
    if (!moved) throw new Error('card state changed during the handover');
    purgeRetained(db, input.recordingId, record.handedOverAt, 'handed-over');
    // Ids and the way it went only: no name, NIK or free-text reason in the audit trail.
    audit.record(
      actor,
      'handover.completed',
      `${input.recordingId} ${handoverId} ${input.kind} ${v.method}${input.proxy ? ' proxy' : ''}`,
    );
    return true;
  })();
  if (!done) return fail('CONFLICT', ht(L, 'notArrived'));
  deps.onRecorded?.();
  const pdf = await handoverReceipt(deps, input.recordingId);
  return ok({
    handoverId,
    recordingId: input.recordingId,
    handedOverAt: record.handedOverAt,
    receiptPdfBase64: pdf.ok ? pdf.value.toString('base64') : '',
  });
}

/** The receipt of a recorded handover, rebuilt from its signed record. */
export async function handoverReceipt(
  deps: Pick<CompleteDeps, 'db' | 'locale' | 'kecamatanName'>,
  recordingId: string,
): Promise<Reply<Buffer>> {
  const h = findHandoverByRecording(deps.db, recordingId);
  const card = cardCandidate(deps.db, recordingId);
  const station = getStation(deps.db);
  if (!h || !card || !station) return fail('NOT_FOUND', ht(deps.locale, 'noSession'));
  const r = handoverRecordSchema.parse(JSON.parse(h.recordJson));
  return ok(
    await renderHandoverReceipt({
      handoverId: r.handoverId,
      packetId: r.packetId,
      name: card.name,
      nik: card.nik,
      handedOverAt: new Date(r.handedOverAt),
      kind: r.kind,
      stationName: station.name,
      kecamatanName: deps.kecamatanName(station.kecamatanCode),
      operator: r.operator,
      verification: r.verification,
      proxy: r.proxy,
      signaturePng: Buffer.from(r.signaturePng, 'base64'),
    }),
  );
}
