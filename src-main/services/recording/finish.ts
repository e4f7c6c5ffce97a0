// Finishing a recording: the review of everything captured, the operator's confirmation with
// their password, sealing into a packet encrypted to the centre, and — in ONE transaction — the
// recording turning 'sealed' together with its outbox row. Then the receipt for the resident.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type {
  FingerprintSet,
  PenPoint,
  PhotoCheck,
  PhotoRecord,
  Recording,
  RecordingReview,
  SignatureRecord,
} from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import type { ResidentData } from '../../domain/resident';
import { PacketError, packetRejectionMessage } from '../../packets/errors';
import { newPacketId, sealPacket } from '../../packets/index';
import type { PacketCaptureMeta, PacketPart, DeviceMeta } from '../../packets/index';
import { listFingerprints } from '../../store/fingerprints-repo';
import { findOutboxByRecording, insertOutbox, setSealMs } from '../../store/outbox-repo';
import { findPhoto } from '../../store/photos-repo';
import { findRecording, markDraftSealed } from '../../store/recordings-repo';
import { getStation } from '../../store/station-repo';
import type { Actor, Audit } from '../common/audit';
import type { Central } from '../sync/central';
import type { Logger } from '../common/log';
import { msg } from '../common/messages';
import type { Locale } from '../../domain/i18n';
import { t } from './finish-messages';
import { renderReceipt } from './receipt';
import type { HandlersFor } from '../../api/handlers';

/** Default upper bound of a sealed packet; a normal one is ~150–250 KB. */
export const MAX_PACKET_BYTES = 2 * 1024 * 1024;

/** What the signature helper's `getSignature(db, id)` returns (only the fields used here). */
export interface StoredSignature {
  image: Buffer | null;
  points: PenPoint[];
  pointCount: number;
  strokeCount: number;
  durationMs: number;
  exceptionReason: string | null;
  device: unknown;
  acceptedAt: string;
}

type Awaitable<T> = T | Promise<T>;

export interface FinishDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  central: Central;
  /**
   * The seal step's own password check (seal-guard.ts): counts its attempts and says how many
   * are left; after the last one a supervisor unlocks it at the desk (no timed lockout).
   */
  checkPassword(actor: Actor, password: string): Promise<Reply<unknown>>;
  recording(id: string): Reply<Recording>;
  photo(recordingId: string): Awaitable<Reply<PhotoRecord | null>>;
  fingerprints(recordingId: string): Awaitable<Reply<FingerprintSet>>;
  signature(recordingId: string): Awaitable<Reply<SignatureRecord | null>>;
  storedSignature(recordingId: string): StoredSignature | null;
  kecamatanName(code: string): string;
  /** A packet was queued: the sync runner wakes up. */
  onSealed?: () => void;
  /** Inside the sealing transaction (what is kept for the check at handover). */
  onSealing?: (recordingId: string, at: string) => void;
  maxPacketBytes?: number;
}

export type FinishMethod = 'recordings.review' | 'recordings.finish' | 'recordings.receipt';
export type FinishHandlers = HandlersFor<FinishMethod>;

export interface SealResult {
  packetId: string;
  packetBytes: number;
  sealMs: number;
}

export interface Finish {
  handlers: FinishHandlers;
  /** Seals a complete draft (no password check — the handler does that). For tests and bench. */
  seal(actor: Actor, recordingId: string): Promise<Reply<SealResult>>;
  receipt(recordingId: string): Promise<Reply<Buffer>>;
}

function deviceMeta(raw: unknown): DeviceMeta | null {
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : null);
  const num = (v: unknown) => (typeof v === 'number' && v >= 0 && v <= 0xffff ? v : null);
  return {
    model:
      str(d.model) ?? str(d.name) ?? (typeof d.systemId === 'number' ? `ZFM ${d.systemId}` : null),
    simulated: d.simulated === true,
    vendorId: num(d.vendorId),
    productId: num(d.productId),
    serial: str(d.serial),
    firmware: str(d.firmware),
  };
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function createFinish(deps: FinishDeps): Finish {
  const { db, now, audit, log } = deps;
  const maxBytes = deps.maxPacketBytes ?? MAX_PACKET_BYTES;

  function missingOf(
    L: Locale,
    photo: PhotoRecord | null,
    fingers: FingerprintSet | null,
    signed: boolean,
  ): string[] {
    const out: string[] = [];
    if (!photo) out.push(t(L, 'missingPhoto'));
    if (!fingers || !fingers.complete) {
      const n = fingers ? fingers.fingers.filter((f) => f.state !== 'pending').length : 0;
      out.push(t(L, 'missingFingers', { n: String(n) }));
    }
    if (!signed) out.push(t(L, 'missingSignature'));
    return out;
  }

  async function review(id: string): Promise<Reply<RecordingReview>> {
    const L = deps.locale();
    const rec = deps.recording(id);
    if (!rec.ok) return rec;
    const ph = await deps.photo(id);
    const photo = ph.ok ? ph.value : null;
    const fingers = await deps.fingerprints(id);
    if (!fingers.ok) return fingers;
    const sig = await deps.signature(id);
    const signature = sig.ok ? sig.value : null;
    return ok({
      recording: rec.value,
      photo,
      fingerprints: fingers.value,
      signature,
      missing:
        rec.value.status === 'draft'
          ? missingOf(
              L,
              photo,
              fingers.value,
              signature !== null || deps.storedSignature(id) !== null,
            )
          : [],
    });
  }

  /** Parts and capture metadata straight from the store (bytes, not data URLs). */
  function gather(recordingId: string) {
    const photo = findPhoto(db, recordingId);
    const fingers = listFingerprints(db, recordingId);
    const sig = deps.storedSignature(recordingId);
    if (!photo || fingers.length !== 10 || !sig) return null;
    const parts: PacketPart[] = [{ name: 'photo.jpg', mediaType: 'image/jpeg', bytes: photo.jpeg }];
    for (const f of fingers) {
      if (f.imagePng && f.state !== 'exception') {
        parts.push({
          name: `finger-${String(f.finger).padStart(2, '0')}.png`,
          mediaType: 'image/png',
          bytes: f.imagePng,
        });
      }
    }
    if (sig.image) {
      parts.push({ name: 'signature.png', mediaType: 'image/png', bytes: sig.image });
      // Compact columns (x, y, p, t) rather than objects: a third of the size, same data.
      const series = {
        unit: { x: 'mm', y: 'mm', p: '0-1', t: 'ms' },
        x: sig.points.map((p) => Math.round(p.x * 100) / 100),
        y: sig.points.map((p) => Math.round(p.y * 100) / 100),
        p: sig.points.map((p) => Math.round(p.p * 1000) / 1000),
        t: sig.points.map((p) => Math.round(p.t)),
      };
      parts.push({
        name: 'signature.json',
        mediaType: 'application/json',
        bytes: Buffer.from(JSON.stringify(series)),
      });
    }
    const firstFinger = fingers.find((f) => f.deviceJson);
    const capture: PacketCaptureMeta = {
      photo: {
        checks: (JSON.parse(photo.checksJson) as PhotoCheck[]).map((c) => ({
          id: c.id,
          result: c.result,
          ...(typeof c.value === 'number' && Number.isFinite(c.value) ? { value: c.value } : {}),
        })),
        forced: photo.forced === 1,
        reason: photo.forceReason,
        attempts: photo.attempts,
        width: photo.width,
        height: photo.height,
        noGlassesConfirmed: photo.noGlassesConfirmed === 1,
      },
      fingers: fingers.map((f) => ({
        finger: f.finger,
        state: f.state,
        quality: f.quality,
        attempts: f.attempts,
        forced: f.state === 'forced',
        exception:
          f.exceptionKind !== null
            ? { kind: f.exceptionKind, reason: f.exceptionReason ?? '' }
            : null,
        duplicateOf: f.duplicateOf,
      })),
      fingerDevice: deviceMeta(parseJson(firstFinger?.deviceJson ?? null)),
      signature: {
        pointCount: sig.pointCount,
        strokeCount: sig.strokeCount,
        durationMs: Math.round(sig.durationMs),
        exception: sig.exceptionReason !== null ? { reason: sig.exceptionReason } : null,
      },
      signatureDevice: deviceMeta(sig.device),
    };
    const lastFinger = fingers.reduce((a, f) => (f.recordedAt > a ? f.recordedAt : a), '');
    const capturedAt: Record<string, string> = {
      photo: photo.acceptedAt,
      fingers: lastFinger,
      signature: sig.acceptedAt,
    };
    return { parts, capture, capturedAt };
  }

  async function seal(actor: Actor, recordingId: string): Promise<Reply<SealResult>> {
    const L = deps.locale();
    const started = performance.now();
    const rec = findRecording(db, recordingId);
    if (!rec) return fail('NOT_FOUND', msg(L, 'recordingNotFound'));
    if (rec.operatorId !== actor.id) return fail('FORBIDDEN', t(L, 'notOwner'));
    if (rec.status !== 'draft') return fail('CONFLICT', msg(L, 'recordingNotDraft'));
    const r = await review(recordingId);
    if (!r.ok) return r;
    if (r.value.missing.length > 0) {
      return fail('VALIDATION', t(L, 'cannotFinish', { list: r.value.missing.join(' ') }));
    }
    const target = deps.central.target();
    if (!target) return fail('VALIDATION', t(L, 'noCentralKey'));
    const station = getStation(db);
    const parts = gather(recordingId);
    if (!station || !parts) {
      return fail('VALIDATION', t(L, 'cannotFinish', { list: '' }));
    }
    const at = now();
    let sealed: { packetId: string; bytes: Buffer };
    try {
      sealed = sealPacket(
        {
          packetId: newPacketId(at),
          stationId: station.id,
          recordingId,
          operator: actor.username,
          demographics: JSON.parse(rec.residentJson) as ResidentData,
          capture: parts.capture,
          times: parts.capturedAt,
          parts: parts.parts,
        },
        {
          stationPrivateKey: deps.central.stationKeys().privateKeyPem,
          centralPublicKey: target.publicKeyPem,
        },
        { maxBytes },
      );
    } catch (err) {
      if (err instanceof PacketError && err.reason === 'too-large') {
        log.warn('packet too large', { recordingId });
        return fail(
          'VALIDATION',
          t(L, 'tooLarge', {
            kb: '>' + Math.round(maxBytes / 1024),
            max: String(Math.round(maxBytes / 1024)),
          }),
        );
      }
      log.error('sealing failed', { recordingId }, err);
      const detail = err instanceof PacketError ? packetRejectionMessage(err.reason, L) : '';
      return fail('INTERNAL', t(L, 'sealFailed', { detail }));
    }
    const sha256 = createHash('sha256').update(sealed.bytes).digest('hex');
    const committed = db.transaction(() => {
      // Re-checked inside: a second finish (double click, two windows) must not seal twice.
      const still = findRecording(db, recordingId);
      if (!still || still.status !== 'draft') return false;
      markDraftSealed(db, recordingId, at.toISOString());
      insertOutbox(db, {
        packetId: sealed.packetId,
        recordingId,
        bytes: sealed.bytes,
        sha256,
        sealedAt: at.toISOString(),
      });
      audit.record(actor, 'recording.sealed', `${recordingId} ${sealed.packetId}`);
      deps.onSealing?.(recordingId, at.toISOString());
      return true;
    })();
    if (!committed) return fail('CONFLICT', msg(L, 'recordingNotDraft'));
    const sealMs = performance.now() - started;
    setSealMs(db, sealed.packetId, sealMs);
    log.info('recording sealed', {
      recordingId,
      packetId: sealed.packetId,
      bytes: sealed.bytes.length,
      ms: Math.round(sealMs),
    });
    deps.onSealed?.();
    return ok({ packetId: sealed.packetId, packetBytes: sealed.bytes.length, sealMs });
  }

  async function receipt(recordingId: string): Promise<Reply<Buffer>> {
    const L = deps.locale();
    const rec = findRecording(db, recordingId);
    if (!rec) return fail('NOT_FOUND', msg(L, 'recordingNotFound'));
    const out = findOutboxByRecording(db, recordingId);
    const station = getStation(db);
    if (!out || !station) return fail('CONFLICT', t(L, 'notSealed'));
    const pdf = await renderReceipt({
      packetId: out.packetId,
      recordingId,
      name: rec.name,
      nik: rec.nik,
      sealedAt: new Date(out.sealedAt),
      stationName: station.name,
      stationId: station.id,
      kecamatanName: deps.kecamatanName(station.kecamatanCode),
      operator: rec.operator,
    });
    return ok(pdf);
  }

  const handlers: FinishHandlers = {
    'recordings.review': (input) => review(input.id),

    'recordings.finish': async (input, { actor }) => {
      const L = deps.locale();
      const rec = findRecording(db, input.id);
      if (!rec) return fail('NOT_FOUND', msg(L, 'recordingNotFound'));
      if (rec.operatorId !== actor!.id) return fail('FORBIDDEN', t(L, 'notOwner'));
      if (rec.status !== 'draft') return fail('CONFLICT', msg(L, 'recordingNotDraft'));
      const v = await deps.checkPassword(actor!, input.password);
      if (!v.ok) return v;
      const s = await seal(actor!, input.id);
      if (!s.ok) return s;
      const pdf = await receipt(input.id);
      return ok({
        recordingId: input.id,
        packetId: s.value.packetId,
        packetBytes: s.value.packetBytes,
        receiptPdfBase64: pdf.ok ? pdf.value.toString('base64') : '',
      });
    },

    'recordings.receipt': async (input) => {
      const r = await receipt(input.id);
      return r.ok ? ok({ pdfBase64: r.value.toString('base64') }) : r;
    },
  };

  return { handlers, seal, receipt };
}
