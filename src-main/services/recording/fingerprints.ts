// Ten-finger capture for a draft recording: one capture at a time on the station's scanner,
// scored on the station, up to three attempts with best-of-three force capture, the module's
// own Match against the other fingers of the same recording (a finger presented twice), and
// exceptions with a reason. Images are stored lossless (8-bit PNG) in the encrypted store.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import sharp from 'sharp';
import type {
  DeviceState,
  EventPayloads,
  FingerAttempt,
  FingerCaptureResult,
  FingerException,
  FingerRecord,
  FingerprintSet,
} from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { FINGER_POSITIONS, fingerName } from '../../domain/fingers';
import { IMAGE_HEIGHT, IMAGE_WIDTH } from '../../../drivers/fingerprint/codec';
import type { CaptureStatus, FingerprintDriver } from '../../../drivers/fingerprint/driver';
import { FingerprintError, isFingerprintError } from '../../../drivers/fingerprint/errors';
import type { FingerprintErrorCode } from '../../../drivers/fingerprint/errors';
import { fingerprintQuality } from '../../../drivers/fingerprint/quality';
import {
  countAttempts,
  deleteAttempts,
  deleteFingerprint,
  findFingerprint,
  insertAttempt,
  insertFingerprint,
  lastAttempts,
  listAttempts,
  listFingerprints,
  takenTemplates,
} from '../../store/fingerprints-repo';
import type { FingerAttemptRow, FingerprintRow } from '../../store/fingerprints-repo';
import { findRecording } from '../../store/recordings-repo';
import type { RecordingRow } from '../../store/recordings-repo';
import type { Actor, Audit } from '../common/audit';
import { createFingerprintDevice } from '../devices/fingerprint-device';
import type { FingerprintDevice, FingerprintDeviceConfig } from '../devices/fingerprint-device';
import { newId } from '../common/ids';
import type { Logger } from '../common/log';
import { msg } from '../common/messages';
import { defineMessages, translator, type Locale } from '../../domain/i18n';
import type { HandlersFor } from '../../api/handlers';

/**
 * The lowest acceptable quality (0–100), MOSIP's 40. A constant, not a station setting: every
 * station must hand the centre fingerprints of the same minimum quality, so nobody may lower it
 * locally to get through a queue faster.
 */
export const QUALITY_THRESHOLD = 40;
export const MAX_ATTEMPTS = 3;
export const DEFAULT_WAIT_FINGER_MS = 30_000;

const TEXT = defineMessages('services/recording/fingerprints', {
  waiting: { id: 'Letakkan {finger} di sensor', en: 'Place the {finger} on the sensor' },
  lift: {
    id: 'Gambar {finger} sudah diambil — angkat jari',
    en: 'The {finger} is captured — lift the finger',
  },
  uploading: {
    id: 'Mengirim gambar {finger} ke komputer… {percent}%',
    en: 'Sending the {finger} image to the computer… {percent}%',
  },
  imageReady: {
    id: 'Gambar {finger} diterima — memeriksa mutu',
    en: 'The {finger} image is in — checking its quality',
  },
  cancelled: { id: 'Pengambilan dibatalkan', en: 'Capture cancelled' },
  noFingerTimeout: {
    id: 'Tidak ada jari di sensor selama {seconds} detik. Tekan Ambil untuk mencoba lagi.',
    en: 'No finger on the sensor for {seconds} seconds. Press Capture to try again.',
  },
  busy: {
    id: 'Pemindai sedang menunggu jari lain. Tunggu atau batalkan dulu.',
    en: 'The scanner is waiting for another finger. Wait or cancel it first.',
  },
  notReady: {
    id: 'Pemindai sidik jari belum siap. Periksa kabel atau hubungi teknisi.',
    en: 'The fingerprint scanner is not ready. Check the cable or call a technician.',
  },
  notOwner: {
    id: 'Perekaman ini dibuat oleh operator lain.',
    en: 'This recording belongs to another operator.',
  },
  alreadyTaken: {
    id: 'Jari ini sudah diambil. Hapus dulu jika ingin mengulang.',
    en: 'This finger is already taken. Clear it first to take it again.',
  },
  notSimulated: {
    id: 'Pemindai ini bukan simulasi.',
    en: 'This scanner is not a simulator.',
  },
});

const t = translator(TEXT);

/** Image and template problems that mean "take it again", not "the scanner is broken". */
const NO_TEMPLATE_CODES: ReadonlySet<FingerprintErrorCode> = new Set([
  'IMAGE_MESSY',
  'TOO_FEW_FEATURES',
  'NO_VALID_IMAGE',
]);

/** Library page of a finger (1..10 → 0..9) in the module's template library. */
const pageOf = (finger: number) => finger - 1;

/**
 * What the module's template library holds for the recording being captured: page → template.
 * The module matches a new finger against all of them in one Search instead of one DownChar +
 * Match per finger already taken.
 */
interface LibraryMirror {
  driver: FingerprintDriver;
  recordingId: string;
  pages: Map<number, Uint8Array>;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Resolves with `p`, or rejects with CANCELLED as soon as `signal` aborts. */
function untilAborted(p: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new FingerprintError('CANCELLED'));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new FingerprintError('CANCELLED'));
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

export interface FingerprintsDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  device: FingerprintDevice;
  emitProgress: (p: EventPayloads['fingerprint.progress']) => void;
  /** How long to wait for a finger before giving up (default 30 s). */
  waitFingerMs?: number;
}

/**
 * One finger's capture. At most one waits for its finger at a time; the one before it may
 * still be transferring and checking its image (the module works on one command at a time, so
 * the waiting one's first GenImg goes out as soon as the module is free).
 */
interface Job {
  recordingId: string;
  finger: number;
  controller: AbortController;
  cancelled: boolean;
  timedOut: boolean;
  phase: 'waiting' | 'transfer';
}

export type FingerprintMethod =
  | 'fingerprint.device'
  | 'fingerprint.list'
  | 'fingerprint.capture'
  | 'fingerprint.cancel'
  | 'fingerprint.setException'
  | 'fingerprint.clear'
  | 'fingerprint.simulate';

export type FingerprintHandlers = HandlersFor<FingerprintMethod>;

export interface Fingerprints {
  handlers: FingerprintHandlers;
  list(recordingId: string): Reply<FingerprintSet>;
  /** Whether a capture is running (for the station's status and tests). */
  busy(): boolean;
  /** The scanner behind the service (the handover's 1:1 check uses it between recordings). */
  readonly device: FingerprintDevice;
  close(): Promise<void>;
}

const dataUrl = (png: Buffer | null) =>
  png ? `data:image/png;base64,${png.toString('base64')}` : null;

/** 8-bit single-channel PNG: lossless, and about a third of the raw 73,728 bytes. */
export async function encodeGrayPng(gray: Uint8Array, width: number, height: number) {
  return (
    sharp(Buffer.from(gray.buffer, gray.byteOffset, gray.byteLength), {
      raw: { width, height, channels: 1 },
    })
      // Without this sharp writes an RGB PNG; b-w keeps it a single 8-bit grey channel.
      .toColourspace('b-w')
      .png({ compressionLevel: 9, palette: false })
      .toBuffer()
  );
}

export function createFingerprints(deps: FingerprintsDeps): Fingerprints {
  const { db, now, audit, log, device } = deps;
  const waitFingerMs = deps.waitFingerMs ?? DEFAULT_WAIT_FINGER_MS;
  const jobs = new Set<Job>();
  let closed = false;
  /** The module: one capture holds it from its first GenImg to its last Match. */
  let moduleTail: Promise<void> = Promise.resolve();
  /** Each capture's duplicate check waits until the capture before it is stored. */
  let storeTail: Promise<void> = Promise.resolve();
  /** The module's library as last written (null: unknown, emptied before the next use). */
  let library: LibraryMirror | null = null;
  const watched = new WeakSet<FingerprintDriver>();

  /**
   * Brings the module's library in line with the fingers of `recordingId` taken so far (except
   * `finger`, so a finger is never found as its own duplicate): emptied when another recording
   * (or an unknown state) is there, stale pages deleted, missing ones sent down and stored.
   */
  async function syncLibrary(
    driver: FingerprintDriver,
    recordingId: string,
    finger: number,
    signal: AbortSignal,
  ): Promise<LibraryMirror> {
    if (!watched.has(driver)) {
      watched.add(driver);
      // A module that went away may come back power-cycled or swapped: its library is unknown.
      driver.on('disconnected', () => {
        if (library?.driver === driver) library = null;
      });
    }
    if (!library || library.driver !== driver || library.recordingId !== recordingId) {
      library = null;
      await driver.empty({ signal });
      library = { driver, recordingId, pages: new Map() };
    }
    const lib = library;
    const want = new Map(
      takenTemplates(db, recordingId, finger).map((o) => [
        pageOf(o.finger),
        new Uint8Array(o.template),
      ]),
    );
    for (const [page, t] of [...lib.pages]) {
      const w = want.get(page);
      if (w && sameBytes(w, t)) continue;
      lib.pages.delete(page);
      await driver.deletChar(page, 1, { signal });
    }
    for (const [page, t] of want) {
      if (lib.pages.has(page)) continue;
      await driver.downChar(2, t, { signal });
      await driver.store(2, page, { signal });
      lib.pages.set(page, t);
    }
    return lib;
  }

  /**
   * The finger presented twice: one Search of the new template (char buffer 1) through the
   * library of this recording's other fingers, then the new template is stored on its own page
   * for the fingers after it. Returns the finger it matches, or null.
   */
  async function findDuplicate(
    driver: FingerprintDriver,
    recordingId: string,
    finger: number,
    template: Uint8Array,
    signal: AbortSignal,
  ): Promise<number | null> {
    try {
      const lib = await syncLibrary(driver, recordingId, finger, signal);
      const hit = lib.pages.size
        ? await driver.search(1, 0, FINGER_POSITIONS.length, { signal })
        : null;
      await driver.store(1, pageOf(finger), { signal });
      lib.pages.set(pageOf(finger), template);
      return hit ? hit.page + 1 : null;
    } catch (e) {
      // Whatever the module did with a command cut short is unknown: start clean next time.
      library = null;
      throw e;
    }
  }

  /** Waits for the module (abortably); the returned function hands it to the next capture. */
  async function acquireModule(signal: AbortSignal): Promise<() => void> {
    const prev = moduleTail;
    let release!: () => void;
    moduleTail = new Promise<void>((r) => (release = r));
    try {
      await untilAborted(prev, signal);
    } catch (e) {
      // Keep the order: this slot is handed on once the one before it is done.
      void prev.then(release);
      throw e;
    }
    return release;
  }

  function toRecord(
    finger: number,
    row: FingerprintRow | undefined,
    attempts: number,
    last: FingerAttemptRow | undefined,
  ): FingerRecord {
    if (row) {
      return {
        finger,
        state: row.state,
        quality: row.quality,
        attempts: row.attempts,
        imageDataUrl: dataUrl(row.imagePng),
        exception:
          row.exceptionKind !== null
            ? { kind: row.exceptionKind, reason: row.exceptionReason ?? '' }
            : null,
        duplicateOf: row.duplicateOf,
      };
    }
    // A pending finger shows its last (too weak) attempt, so a reload does not lose the picture.
    return {
      finger,
      state: 'pending',
      quality: last?.quality ?? null,
      attempts,
      imageDataUrl: dataUrl(last?.imagePng ?? null),
      exception: null,
      duplicateOf: last?.duplicateOf ?? null,
    };
  }

  function buildSet(recordingId: string): FingerprintSet {
    const rows = new Map(listFingerprints(db, recordingId).map((r) => [r.finger, r]));
    const counts = countAttempts(db, recordingId);
    const last = lastAttempts(db, recordingId);
    const fingers = FINGER_POSITIONS.map((f) =>
      toRecord(f, rows.get(f), counts.get(f) ?? 0, last.get(f)),
    );
    return {
      recordingId,
      threshold: QUALITY_THRESHOLD,
      fingers,
      // A finger matching another one stands for a finger never taken: not complete until
      // it is taken again (or marked as an exception).
      complete: fingers.every((f) => f.state !== 'pending' && f.duplicateOf === null),
    };
  }

  /** The caller's own draft, or the reply that says why not. */
  function ownDraft(actor: Actor, recordingId: string): Reply<RecordingRow> {
    const L = deps.locale();
    const rec = findRecording(db, recordingId);
    if (!rec) return fail('NOT_FOUND', msg(L, 'recordingNotFound'));
    if (rec.operatorId !== actor.id) return fail('FORBIDDEN', t(L, 'notOwner'));
    if (rec.status !== 'draft') return fail('CONFLICT', msg(L, 'recordingNotDraft'));
    return ok(rec);
  }

  const target = (recordingId: string, finger: number) => `${recordingId}#${finger}`;

  function progress(
    b: Job,
    phase: EventPayloads['fingerprint.progress']['phase'],
    message: string,
    percent?: number,
  ): void {
    deps.emitProgress({
      recordingId: b.recordingId,
      finger: b.finger,
      phase,
      message,
      ...(percent !== undefined ? { percent } : {}),
    });
  }

  async function capture(
    actor: Actor,
    recordingId: string,
    finger: number,
  ): Promise<Reply<FingerCaptureResult>> {
    const L = deps.locale();
    const own = ownDraft(actor, recordingId);
    if (!own.ok) return own;
    if (findFingerprint(db, recordingId, finger)) return fail('CONFLICT', t(L, 'alreadyTaken'));
    for (const j of jobs) {
      // Another finger may still be transferring; only one may wait for its finger.
      if (j.phase === 'waiting' || (j.recordingId === recordingId && j.finger === finger)) {
        return fail('CONFLICT', t(L, 'busy'));
      }
    }
    const driver = device.driver();
    const state = device.state();
    if (!driver || (state !== 'connected' && state !== 'simulated')) {
      return fail('DEVICE', device.info(L).message ?? t(L, 'notReady'));
    }

    const b: Job = {
      recordingId,
      finger,
      controller: new AbortController(),
      cancelled: false,
      timedOut: false,
      phase: 'waiting',
    };
    jobs.add(b);
    const signal = b.controller.signal;
    const fingerText = fingerName(finger, L);
    let lastPercent = -1;
    const onStatus = (s: CaptureStatus) => {
      if (s.kind === 'uploading' && s.total) {
        const percent = Math.floor((100 * s.received) / s.total / 10) * 10;
        if (percent === lastPercent) return;
        lastPercent = percent;
        progress(
          b,
          'uploading',
          t(L, 'uploading', { finger: fingerText, percent: String(percent) }),
          percent,
        );
      } else if (s.kind === 'image-ready') {
        progress(b, 'image-ready', t(L, 'imageReady', { finger: fingerText }), 100);
      }
    };
    let waitTimer: NodeJS.Timeout | undefined;
    let release: (() => void) | null = null;
    let stored: (() => void) | null = null;

    // The prompt goes out now, even while the module still sends the previous image: the
    // resident moves the hand meanwhile.
    progress(b, 'waiting-finger', t(L, 'waiting', { finger: fingerText }));
    device.beginCapture(finger);
    try {
      release = await acquireModule(signal);
      waitTimer = setTimeout(() => {
        b.timedOut = true;
        b.controller.abort();
      }, waitFingerMs);
      const fingerDownAt = await driver.waitForImage({ signal, pollMs: 50 });
      // The image is in the module's buffer: the finger is no longer needed.
      clearTimeout(waitTimer);
      b.phase = 'transfer';
      device.endCapture(finger);
      progress(b, 'lift', t(L, 'lift', { finger: fingerText }));
      const before = storeTail;
      storeTail = new Promise<void>((r) => (stored = r));

      const gray = await driver.readImage({ signal, onStatus });
      const img = { gray, width: IMAGE_WIDTH, height: IMAGE_HEIGHT, fingerDownAt };

      let template: Uint8Array | null = null;
      try {
        await driver.img2Tz(1, { signal });
        template = await driver.upChar(1, { signal });
      } catch (e) {
        if (!isFingerprintError(e) || !NO_TEMPLATE_CODES.has(e.code)) throw e;
      }
      let duplicateOf: number | null = null;
      if (template) {
        // The finger captured just before this one may still be on its way into the store.
        await before;
        duplicateOf = await findDuplicate(driver, recordingId, finger, template, signal);
      }
      // The module is free: the next finger's capture starts while this one is scored and
      // stored (the score is the station's own work, not the module's).
      release();
      release = null;
      const quality = fingerprintQuality(img.gray, img.width, img.height).score;
      const png = await encodeGrayPng(img.gray, img.width, img.height);
      if (closed) return fail('INTERNAL', msg(L, 'internal'));

      const limit = QUALITY_THRESHOLD;
      const at = now().toISOString();
      const details = JSON.stringify(device.deviceDetails());
      const result = db.transaction(
        (): Reply<{ attempt: FingerAttemptRow; outcome: FingerCaptureResult['outcome'] }> => {
          // Re-checked inside the transaction: the finger may have been cleared or excepted meanwhile.
          const recNow = findRecording(db, recordingId);
          if (!recNow || recNow.status !== 'draft') {
            return fail('CONFLICT', msg(L, 'recordingNotDraft'));
          }
          if (findFingerprint(db, recordingId, finger))
            return fail('CONFLICT', t(L, 'alreadyTaken'));
          const previous = listAttempts(db, recordingId, finger);
          // A fourth attempt starts a fresh round: the earlier three were never accepted.
          if (previous.length >= MAX_ATTEMPTS) deleteAttempts(db, recordingId, finger);
          const all = previous.length >= MAX_ATTEMPTS ? [] : previous;
          const attempt: FingerAttemptRow = {
            id: newId('FA', now()),
            recordingId,
            finger,
            idx: all.length + 1,
            quality,
            imagePng: png,
            width: img.width,
            height: img.height,
            template: template ? Buffer.from(template) : null,
            duplicateOf,
            createdAt: at,
          };
          insertAttempt(db, attempt);
          all.push(attempt);
          let outcome: FingerCaptureResult['outcome'] = 'retry';
          let chosen: FingerAttemptRow | null = null;
          if (quality >= limit) {
            outcome = 'accepted';
            chosen = attempt;
          } else if (attempt.idx >= MAX_ATTEMPTS) {
            outcome = 'forced';
            // Best of three; on a tie the later one (the resident had practised).
            chosen = all.reduce((best, a) => (a.quality >= best.quality ? a : best));
          }
          if (chosen) {
            insertFingerprint(db, {
              recordingId,
              finger,
              state: outcome === 'forced' ? 'forced' : 'captured',
              quality: chosen.quality,
              attempts: attempt.idx,
              imagePng: chosen.imagePng,
              width: chosen.width,
              height: chosen.height,
              template: chosen.template,
              duplicateOf: chosen.duplicateOf,
              exceptionKind: null,
              exceptionReason: null,
              deviceJson: details,
              recordedBy: actor.id,
              recordedAt: at,
            });
          }
          audit.record(
            actor,
            outcome === 'accepted'
              ? 'fingerprint.captured'
              : outcome === 'forced'
                ? 'fingerprint.forced'
                : 'fingerprint.retry',
            target(recordingId, finger),
          );
          if (duplicateOf !== null) {
            audit.record(
              actor,
              'fingerprint.duplicate',
              `${target(recordingId, finger)}=${duplicateOf}`,
            );
          }
          return ok({ attempt, outcome });
        },
      )();
      if (!result.ok) return result;
      const { attempt, outcome } = result.value;
      const out: FingerAttempt = {
        id: attempt.id,
        finger,
        index: attempt.idx,
        quality,
        imageDataUrl: dataUrl(png)!,
        createdAt: at,
      };
      log.info('finger captured', { finger, quality, outcome, attempt: attempt.idx });
      return ok({ attempt: out, outcome, set: buildSet(recordingId), duplicateOf });
    } catch (e) {
      device.endCapture(finger);
      if (b.timedOut) {
        const text = t(L, 'noFingerTimeout', { seconds: String(Math.round(waitFingerMs / 1000)) });
        progress(b, 'error', text);
        return fail('DEVICE', text);
      }
      if (b.cancelled || (isFingerprintError(e, 'CANCELLED') && signal.aborted)) {
        const text = t(L, 'cancelled');
        progress(b, 'cancelled', text);
        return fail('CANCELLED', text);
      }
      if (isFingerprintError(e)) {
        log.warn('finger capture failed', { code: e.code, finger });
        const text = e.localized(L);
        progress(b, 'error', text);
        return fail('DEVICE', text);
      }
      throw e;
    } finally {
      clearTimeout(waitTimer);
      release?.();
      (stored as (() => void) | null)?.();
      jobs.delete(b);
    }
  }

  /** A capture of this finger is under way (waiting or transferring). */
  function inFlight(recordingId: string, finger: number): boolean {
    for (const j of jobs) if (j.recordingId === recordingId && j.finger === finger) return true;
    return false;
  }

  /**
   * With a finger: its prompt is withdrawn (a capture whose image is already in the module
   * finishes). Without (Esc): the finger being waited for; with none waiting, the transfer.
   */
  function cancel(finger: number | undefined): void {
    const all = [...jobs];
    const waiting = all.filter((j) => j.phase === 'waiting');
    const chosen =
      finger !== undefined
        ? waiting.filter((j) => j.finger === finger)
        : waiting.length
          ? waiting
          : all;
    for (const j of chosen) {
      j.cancelled = true;
      j.controller.abort();
    }
  }

  function guardFinger(actor: Actor, recordingId: string, finger: number): Reply<null> {
    const own = ownDraft(actor, recordingId);
    if (!own.ok) return own;
    if (inFlight(recordingId, finger)) return fail('CONFLICT', t(deps.locale(), 'busy'));
    return ok(null);
  }

  function setException(
    actor: Actor,
    input: { recordingId: string; finger: number; kind: FingerException; reason: string },
  ): Reply<FingerprintSet> {
    const { recordingId, finger } = input;
    const g = guardFinger(actor, recordingId, finger);
    if (!g.ok) return g;
    return db.transaction((): Reply<FingerprintSet> => {
      if (findFingerprint(db, recordingId, finger)) {
        return fail('CONFLICT', t(deps.locale(), 'alreadyTaken'));
      }
      // Images of a finger that will not be used are not kept (data minimisation).
      deleteAttempts(db, recordingId, finger);
      insertFingerprint(db, {
        recordingId,
        finger,
        state: 'exception',
        quality: null,
        attempts: 0,
        imagePng: null,
        width: null,
        height: null,
        template: null,
        duplicateOf: null,
        exceptionKind: input.kind,
        exceptionReason: input.reason,
        deviceJson: null,
        recordedBy: actor.id,
        recordedAt: now().toISOString(),
      });
      // The reason is free text and may name the resident's condition: it stays out of the audit.
      audit.record(actor, 'fingerprint.exception', `${target(recordingId, finger)}:${input.kind}`);
      return ok(buildSet(recordingId));
    })();
  }

  function clear(actor: Actor, recordingId: string, finger: number): Reply<FingerprintSet> {
    const g = guardFinger(actor, recordingId, finger);
    if (!g.ok) return g;
    return db.transaction((): Reply<FingerprintSet> => {
      const had = deleteFingerprint(db, recordingId, finger);
      deleteAttempts(db, recordingId, finger);
      if (had) audit.record(actor, 'fingerprint.cleared', target(recordingId, finger));
      return ok(buildSet(recordingId));
    })();
  }

  function list(recordingId: string): Reply<FingerprintSet> {
    if (!findRecording(db, recordingId)) {
      return fail('NOT_FOUND', msg(deps.locale(), 'recordingNotFound'));
    }
    return ok(buildSet(recordingId));
  }

  const handlers: FingerprintHandlers = {
    'fingerprint.device': () => ok(device.info(deps.locale())),
    'fingerprint.list': (input) => list(input.recordingId),
    'fingerprint.capture': (input, { actor }) => capture(actor!, input.recordingId, input.finger),
    'fingerprint.cancel': (input) => {
      cancel(input.finger);
      return ok(null);
    },
    'fingerprint.setException': (input, { actor }) => setException(actor!, input),
    'fingerprint.clear': (input, { actor }) => clear(actor!, input.recordingId, input.finger),
    'fingerprint.simulate': (input) =>
      device.setSimulatedQuality(input.quality)
        ? ok(null)
        : fail('CONFLICT', t(deps.locale(), 'notSimulated')),
  };

  return {
    handlers,
    list,
    busy: () => jobs.size > 0,
    device,
    async close() {
      closed = true;
      for (const j of jobs) {
        j.cancelled = true;
        j.controller.abort();
      }
      await device.close();
    },
  };
}

/** What a host tells the station about its scanner. */
export interface FingerprintStationOptions {
  /** Default: no scanner (tests of other features); hosts pass their CLI/setting choice. */
  device?: FingerprintDeviceConfig;
  /** An already created device (tests that play the resident or pull the cable). */
  instance?: FingerprintDevice;
  waitFingerMs?: number;
}

/**
 * The station's wiring: creates the device from the host's choice, reports its state in the
 * status event (the status bar then says SIMULASI for a simulated scanner) and returns the
 * service with its handlers.
 */
export function openFingerprints(
  opts: FingerprintStationOptions | undefined,
  deps: Omit<FingerprintsDeps, 'device' | 'waitFingerMs'> & {
    onDeviceState: (s: DeviceState) => void;
  },
): Fingerprints {
  const device =
    opts?.instance ?? createFingerprintDevice(opts?.device ?? { mode: 'none' }, { log: deps.log });
  // Without any scanner choice (tests of other features) the status bar keeps its honest
  // "not available yet"; a host always states its choice, and then the real state shows.
  const report = opts?.instance !== undefined || opts?.device !== undefined;
  if (report) deps.onDeviceState(device.state());
  const off = report ? device.onState((s) => deps.onDeviceState(s)) : () => undefined;
  const service = createFingerprints({
    ...deps,
    device,
    ...(opts?.waitFingerMs !== undefined ? { waitFingerMs: opts.waitFingerMs } : {}),
  });
  return {
    ...service,
    close: async () => {
      off();
      await service.close();
    },
  };
}
