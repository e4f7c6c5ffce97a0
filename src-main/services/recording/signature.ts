// The resident's signature for a draft: one signing session on the station's pad at a time,
// points streamed live to the screen, a plain refusal of a dab or a tick, the raw time series
// and a card-sized PNG stored in the encrypted store, or an exception with a reason.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import sharp from 'sharp';
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
import type { HandlersFor } from '../../api/handlers';

/** Below any of these, what was drawn is a dab or a tick, not a signature. */
export const MIN_POINTS = 20;
export const MIN_INK_MM = 15;
export const MIN_DURATION_MS = 300;
/** 100 s at 200 reports/s: more is a pen left lying on the pad, not a signature. */
export const MAX_POINTS = 20_000;
export const CARD_WIDTH = 600;
export const CARD_HEIGHT = 200;
const FLUSH_MS = 30;

const TEXT = defineMessages('services/recording/signature', {
  empty: {
    id: 'Belum ada tanda tangan. Minta penduduk menandatangani di bantalan.',
    en: 'Nothing signed yet. Ask the resident to sign on the pad.',
  },
  tooShort: {
    id: 'Tanda tangan terlalu pendek ({detail}). Tekan "Hapus & ulangi" dan minta penduduk menandatangani lengkap.',
    en: 'The signature is too short ({detail}). Press "Clear & redo" and ask the resident to sign in full.',
  },
  detailPoints: { id: '{n} titik, perlu minimal {min}', en: '{n} points, at least {min} needed' },
  detailInk: {
    id: 'panjang {n} mm, perlu minimal {min} mm',
    en: '{n} mm of ink, at least {min} mm needed',
  },
  detailTime: { id: '{n} ms, perlu minimal {min} ms', en: '{n} ms, at least {min} ms needed' },
  notReady: {
    id: 'Bantalan tanda tangan belum siap. Periksa kabel atau hubungi teknisi.',
    en: 'The signature pad is not ready. Check the cable or call a technician.',
  },
  notOwner: {
    id: 'Perekaman ini dibuat oleh operator lain.',
    en: 'This recording belongs to another operator.',
  },
  noSession: {
    id: 'Tidak ada penandatanganan yang berjalan untuk perekaman ini. Tekan Mulai.',
    en: 'No signing is in progress for this recording. Press Start.',
  },
  alreadyStored: {
    id: 'Tanda tangan sudah tersimpan. Tekan "Hapus & ulangi" untuk mengambil lagi.',
    en: 'A signature is already stored. Press "Clear & redo" to take it again.',
  },
  notSimulated: {
    id: 'Bantalan ini bukan simulasi.',
    en: 'This pad is not a simulator.',
  },
});

const t = translator(TEXT);

export interface InkStats {
  pointCount: number;
  strokeCount: number;
  durationMs: number;
  inkMm: number;
}

/** Counts over ink points (p > 0); strokes are runs of ink between pen lifts (p = 0). */
export function inkStats(points: readonly PenPoint[]): InkStats {
  let pointCount = 0;
  let strokeCount = 0;
  let inkMm = 0;
  let first: number | null = null;
  let last = 0;
  let prev: PenPoint | null = null;
  for (const pt of points) {
    if (pt.p <= 0) {
      prev = null;
      continue;
    }
    pointCount += 1;
    if (!prev) strokeCount += 1;
    else inkMm += Math.hypot(pt.x - prev.x, pt.y - prev.y);
    first ??= pt.t;
    last = pt.t;
    prev = pt;
  }
  return { pointCount, strokeCount, durationMs: first === null ? 0 : last - first, inkMm };
}

/** Why the ink is not a signature, or null when it is long enough. */
export function tooShortDetail(s: InkStats, locale: Locale): string | null {
  if (s.pointCount < MIN_POINTS) {
    return t(locale, 'detailPoints', { n: s.pointCount, min: MIN_POINTS });
  }
  if (s.inkMm < MIN_INK_MM)
    return t(locale, 'detailInk', { n: Math.round(s.inkMm), min: MIN_INK_MM });
  if (s.durationMs < MIN_DURATION_MS) {
    return t(locale, 'detailTime', { n: Math.round(s.durationMs), min: MIN_DURATION_MS });
  }
  return null;
}

/**
 * The card image: the ink fitted into 600×200 (aspect kept, centred, a margin), black on
 * white, the line width following the pen pressure, as an 8-bit grey PNG.
 */
export async function renderSignaturePng(points: readonly PenPoint[]): Promise<Buffer> {
  const ink = points.filter((p) => p.p > 0);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ink) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const margin = 14;
  const w = maxX - minX;
  const h = maxY - minY;
  // A straight stroke has no height (or width): scale by the other side, centre it anyway.
  const scale = Math.min(
    (CARD_WIDTH - 2 * margin) / Math.max(w, 1),
    (CARD_HEIGHT - 2 * margin) / Math.max(h, 1),
  );
  const ox = (CARD_WIDTH - w * scale) / 2 - minX * scale;
  const oy = (CARD_HEIGHT - h * scale) / 2 - minY * scale;
  const lines: string[] = [];
  let prev: PenPoint | null = null;
  for (const p of points) {
    if (p.p <= 0) {
      prev = null;
      continue;
    }
    const a = prev ?? p;
    const width = (1.2 + 3.6 * ((a.p + p.p) / 2)).toFixed(2);
    lines.push(
      `<line x1="${(a.x * scale + ox).toFixed(1)}" y1="${(a.y * scale + oy).toFixed(1)}" x2="${(p.x * scale + ox).toFixed(1)}" y2="${(p.y * scale + oy).toFixed(1)}" stroke-width="${width}"/>`,
    );
    prev = p;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}"><rect width="100%" height="100%" fill="#fff"/><g stroke="#000" stroke-linecap="round" fill="none">${lines.join('')}</g></svg>`;
  return sharp(Buffer.from(svg))
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .png({ compressionLevel: 9 })
    .toBuffer();
}

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
