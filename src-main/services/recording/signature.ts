// The resident's signature for a draft: one signing session on the station's pad at a time,
// points streamed live to the screen, a plain refusal of a dab or a tick, the raw time series
// and a card-sized PNG stored in the encrypted store, or an exception with a reason.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DeviceState, EventPayloads, PenPoint, SignatureRecord } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import type { PadSample, PadSession } from '../../../drivers/signature-pad/driver';
import { isSignaturePadError } from '../../../drivers/signature-pad/errors';
import { findRecording } from '../../store/recordings-repo';
import type { RecordingRow } from '../../store/recordings-repo';
import { deleteSignature, getSignature, putSignature } from '../../store/signatures-repo';
import type { SignatureRow } from '../../store/signatures-repo';
import { findUserById } from '../../store/users-repo';
import type { Actor, Audit } from '../common/audit';
import { createSignatureDevice } from '../devices/signature-device';
import type { SignatureDevice, SignatureDeviceConfig } from '../devices/signature-device';
import type { Logger } from '../common/log';
import { msg } from '../common/messages';
import { defineMessages, translator, type Locale } from '../../domain/i18n';
import { inkStats, renderSignaturePng, tooShortDetail } from './signature-ink';
import type { HandlersFor } from '../../api/handlers';
import signatureText from './signature.json' with { type: 'json' };

/** 100 s at 200 reports/s: more is a pen left lying on the pad, not a signature. */
export const MAX_POINTS = 20_000;
const FLUSH_MS = 30;

const TEXT = defineMessages('services/recording/signature', signatureText);

const t = translator(TEXT);

export interface SignaturesDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  device: SignatureDevice;
  emitPoints: (p: EventPayloads['signature.points']) => void;
}

interface Live {
  recordingId: string;
  actorId: string;
  pad: PadSession;
  points: PenPoint[];
  pending: PenPoint[];
  cleared: boolean;
  t0: number | null;
  inStroke: boolean;
  last: PadSample | null;
}

export type SignatureMethod =
  | 'signature.device'
  | 'signature.start'
  | 'signature.clear'
  | 'signature.cancel'
  | 'signature.accept'
  | 'signature.setException'
  | 'signature.get'
  | 'signature.simulate';

export type SignatureHandlers = HandlersFor<SignatureMethod>;

export interface Signatures {
  handlers: SignatureHandlers;
  /** The pad behind the service (the device manager's self-test uses it). */
  readonly device: SignatureDevice;
  get(recordingId: string): SignatureRecord | null;
  /** The recording whose signing session is open, if any. */
  activeRecording(): string | null;
  close(): Promise<void>;
}

export function toSignatureRecord(row: SignatureRow, username: string): SignatureRecord {
  return {
    recordingId: row.recordingId,
    imageDataUrl: row.image ? `data:image/png;base64,${row.image.toString('base64')}` : null,
    pointCount: row.pointCount,
    strokeCount: row.strokeCount,
    durationMs: row.durationMs,
    exception: row.exceptionReason !== null ? { reason: row.exceptionReason } : null,
    acceptedAt: row.acceptedAt,
    acceptedBy: username,
  };
}

export function createSignatures(deps: SignaturesDeps): Signatures {
  const { db, now, audit, log, device } = deps;
  let live: Live | null = null;
  let flushTimer: NodeJS.Timeout | null = null;
  let closed = false;

  function usernameOf(userId: string): string {
    return findUserById(db, userId)?.username ?? userId;
  }

  function get(recordingId: string): SignatureRecord | null {
    const row = getSignature(db, recordingId);
    return row ? toSignatureRecord(row, usernameOf(row.acceptedBy)) : null;
  }

  function ownDraft(actor: Actor, recordingId: string): Reply<RecordingRow> {
    const L = deps.locale();
    const rec = findRecording(db, recordingId);
    if (!rec) return fail('NOT_FOUND', msg(L, 'recordingNotFound'));
    if (rec.operatorId !== actor.id) return fail('FORBIDDEN', t(L, 'notOwner'));
    if (rec.status !== 'draft') return fail('CONFLICT', msg(L, 'recordingNotDraft'));
    return ok(rec);
  }

  function flush(): void {
    flushTimer = null;
    const l = live;
    if (!l || (l.pending.length === 0 && !l.cleared)) return;
    const payload: EventPayloads['signature.points'] = {
      recordingId: l.recordingId,
      points: l.pending,
    };
    if (l.cleared) payload.cleared = true;
    l.pending = [];
    l.cleared = false;
    deps.emitPoints(payload);
  }

  function schedule(): void {
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  }

  function push(l: Live, pt: PenPoint): void {
    if (l.points.length >= MAX_POINTS) return;
    l.points.push(pt);
    l.pending.push(pt);
    schedule();
  }

  function onSample(s: PadSample): void {
    const l = live;
    if (!l) return;
    if (s.tip && s.p > 0) {
      l.t0 ??= s.t;
      push(l, { x: s.x, y: s.y, p: s.p, t: s.t - l.t0 });
      l.inStroke = true;
    } else if (l.inStroke) {
      // One pen-up marker ends the stroke; hovering is not kept.
      push(l, { x: s.x, y: s.y, p: 0, t: s.t - (l.t0 ?? s.t) });
      l.inStroke = false;
    }
    l.last = s;
  }

  // The driver outlives reconnects; listen once, route to whichever session is open.
  let listening: ReturnType<SignatureDevice['driver']> = null;
  function listen(): void {
    const d = device.driver();
    if (!d || d === listening) return;
    d.on('sample', onSample);
    d.on('garbage', (n: number) => {
      if (n === 1 || n % 100 === 0)
        log.warn('signature pad sent undecodable reports', { count: n });
    });
    listening = d;
  }

  async function endLive(): Promise<void> {
    const l = live;
    live = null;
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (l) await l.pad.end().catch(() => undefined);
  }

  function deviceFailure(e: unknown): Reply<never> {
    const L = deps.locale();
    if (isSignaturePadError(e)) {
      log.warn('signature pad failed', { code: e.code });
      return fail('DEVICE', e.localized(L));
    }
    throw e;
  }

  async function start(actor: Actor, recordingId: string): Promise<Reply<null>> {
    const L = deps.locale();
    const own = ownDraft(actor, recordingId);
    if (!own.ok) return own;
    if (getSignature(db, recordingId)) return fail('CONFLICT', t(L, 'alreadyStored'));
    const s = device.state();
    const d = device.driver();
    if (!d || (s !== 'connected' && s !== 'simulated')) {
      return fail('DEVICE', device.info(L).message ?? t(L, 'notReady'));
    }
    // One session on the desk: a new start (another draft, or the same after a reload) wins.
    await endLive();
    listen();
    try {
      const pad = await d.beginSession();
      live = {
        recordingId,
        actorId: actor.id,
        pad,
        points: [],
        pending: [],
        cleared: true,
        t0: null,
        inStroke: false,
        last: null,
      };
      schedule();
      return ok(null);
    } catch (e) {
      return deviceFailure(e);
    }
  }

  async function clear(actor: Actor, recordingId: string): Promise<Reply<null>> {
    const own = ownDraft(actor, recordingId);
    if (!own.ok) return own;
    const had = db.transaction(() => {
      const removed = deleteSignature(db, recordingId);
      if (removed) audit.record(actor, 'signature.cleared', recordingId);
      return removed;
    })();
    const l = live;
    if (l && l.recordingId === recordingId) {
      l.points = [];
      l.pending = [];
      l.cleared = true;
      l.t0 = null;
      l.inStroke = false;
      schedule();
      try {
        await l.pad.clear();
      } catch (e) {
        return deviceFailure(e);
      }
    } else if (!had) {
      return ok(null);
    }
    return ok(null);
  }

  async function accept(actor: Actor, recordingId: string): Promise<Reply<SignatureRecord>> {
    const L = deps.locale();
    const own = ownDraft(actor, recordingId);
    if (!own.ok) return own;
    const l = live;
    if (!l || l.recordingId !== recordingId) return fail('CONFLICT', t(L, 'noSession'));
    const points = [...l.points];
    const stats = inkStats(points);
    if (stats.pointCount === 0) return fail('VALIDATION', t(L, 'empty'));
    const detail = tooShortDetail(stats, L);
    if (detail) {
      audit.record(actor, 'signature.rejected', recordingId);
      return fail('VALIDATION', t(L, 'tooShort', { detail }));
    }
    const image = await renderSignaturePng(points);
    if (closed) return fail('INTERNAL', msg(L, 'internal'));
    const row: SignatureRow = {
      recordingId,
      image,
      points,
      pointCount: stats.pointCount,
      strokeCount: stats.strokeCount,
      durationMs: Math.round(stats.durationMs),
      exceptionReason: null,
      device: device.deviceDetails(),
      acceptedAt: now().toISOString(),
      acceptedBy: actor.id,
    };
    const saved = db.transaction((): Reply<null> => {
      const rec = findRecording(db, recordingId);
      if (!rec || rec.status !== 'draft') return fail('CONFLICT', msg(L, 'recordingNotDraft'));
      putSignature(db, row);
      audit.record(actor, 'signature.accepted', recordingId);
      return ok(null);
    })();
    if (!saved.ok) return saved;
    if (live === l) await endLive();
    log.info('signature accepted', {
      points: stats.pointCount,
      strokes: stats.strokeCount,
      durationMs: row.durationMs,
    });
    return ok(toSignatureRecord(row, actor.username));
  }

  async function setException(
    actor: Actor,
    recordingId: string,
    reason: string,
  ): Promise<Reply<SignatureRecord>> {
    const own = ownDraft(actor, recordingId);
    if (!own.ok) return own;
    if (live?.recordingId === recordingId) await endLive();
    const row: SignatureRow = {
      recordingId,
      image: null,
      points: [],
      pointCount: 0,
      strokeCount: 0,
      durationMs: 0,
      exceptionReason: reason,
      device: null,
      acceptedAt: now().toISOString(),
      acceptedBy: actor.id,
    };
    db.transaction(() => {
      putSignature(db, row);
      // The reason is free text about the resident: it stays out of the audit trail.
      audit.record(actor, 'signature.exception', recordingId);
    })();
    return ok(toSignatureRecord(row, actor.username));
  }

  const handlers: SignatureHandlers = {
    'signature.device': () => ok(device.info(deps.locale())),
    'signature.start': (input, { actor }) => start(actor!, input.recordingId),
    'signature.clear': (input, { actor }) => clear(actor!, input.recordingId),
    'signature.cancel': async () => {
      await endLive();
      return ok(null);
    },
    'signature.accept': (input, { actor }) => accept(actor!, input.recordingId),
    'signature.setException': (input, { actor }) =>
      setException(actor!, input.recordingId, input.reason),
    'signature.get': (input) => {
      if (!findRecording(db, input.recordingId)) {
        return fail('NOT_FOUND', msg(deps.locale(), 'recordingNotFound'));
      }
      return ok(get(input.recordingId));
    },
    'signature.simulate': (input) => {
      if (!device.simulated) return fail('CONFLICT', t(deps.locale(), 'notSimulated'));
      // The pen moves in the background; the points arrive as events, like a real resident's.
      device.simulate(input.script).catch((e: unknown) => {
        log.warn('signature simulation failed', {
          code: isSignaturePadError(e) ? e.code : 'OTHER',
        });
      });
      return ok(null);
    },
  };

  return {
    handlers,
    device,
    get,
    activeRecording: () => live?.recordingId ?? null,
    async close() {
      closed = true;
      await endLive();
      await device.close();
    },
  };
}

/** What a host tells the station about its signature pad. */
export interface SignatureStationOptions {
  /** Default: no pad (tests of other features); hosts pass their CLI/setting choice. */
  device?: SignatureDeviceConfig;
  /** An already created device (tests that play the resident or pull the cable). */
  instance?: SignatureDevice;
}

/**
 * The station's wiring: creates the pad from the host's choice, reports its state in the
 * status event (the status bar then says SIMULASI for a simulated pad) and returns the service.
 */
export function openSignatures(
  opts: SignatureStationOptions | undefined,
  deps: Omit<SignaturesDeps, 'device'> & { onDeviceState: (s: DeviceState) => void },
): Signatures {
  const device =
    opts?.instance ?? createSignatureDevice(opts?.device ?? { mode: 'none' }, { log: deps.log });
  const report = opts?.instance !== undefined || opts?.device !== undefined;
  if (report) deps.onDeviceState(device.state());
  const off = report ? device.onState((s) => deps.onDeviceState(s)) : () => undefined;
  const service = createSignatures({ ...deps, device });
  return {
    ...service,
    close: async () => {
      off();
      await service.close();
    },
  };
}
