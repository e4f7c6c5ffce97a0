// One finger at a time: prompt, wait, transfer, duplicate check, score, store; cancel, timeout.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EventPayloads, FingerAttempt, FingerCaptureResult } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { fingerName } from '../../domain/fingers';
import type { Locale } from '../../domain/i18n';
import { IMAGE_HEIGHT, IMAGE_WIDTH } from '../../../drivers/fingerprint/codec';
import type { CaptureStatus } from '../../../drivers/fingerprint/driver';
import { FingerprintError, isFingerprintError } from '../../../drivers/fingerprint/errors';
import type { FingerprintErrorCode } from '../../../drivers/fingerprint/errors';
import { fingerprintQuality } from '../../../drivers/fingerprint/quality';
import { findFingerprint } from '../../store/fingerprints-repo';
import type { Actor, Audit } from '../common/audit';
import type { Logger } from '../common/log';
import { msg } from '../common/messages';
import type { FingerprintDevice } from '../devices/fingerprint-device';
import { createTemplateLibrary } from './fingerprint-library';
import { t } from './fingerprint-messages';
import { encodeGrayPng, storeAttempt } from './fingerprint-records';
import { buildSet, dataUrl } from './fingerprint-set';

export const DEFAULT_WAIT_FINGER_MS = 30_000;

/** Image and template problems that mean "take it again", not "the scanner is broken". */
const NO_TEMPLATE_CODES: ReadonlySet<FingerprintErrorCode> = new Set([
  'IMAGE_MESSY',
  'TOO_FEW_FEATURES',
  'NO_VALID_IMAGE',
]);

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

export interface Captures {
  /** Captures `finger` of a draft the caller owns (checked by the caller). */
  capture(actor: Actor, recordingId: string, finger: number): Promise<Reply<FingerCaptureResult>>;
  /** A capture of this finger is under way (waiting or transferring). */
  inFlight(recordingId: string, finger: number): boolean;
  cancel(finger: number | undefined): void;
  busy(): boolean;
  /** Aborts every capture; none stores anything after this. */
  close(): void;
}

export function createCaptures(deps: FingerprintsDeps): Captures {
  const { db, now, log, device } = deps;
  const waitFingerMs = deps.waitFingerMs ?? DEFAULT_WAIT_FINGER_MS;
  const library = createTemplateLibrary(db);
  const jobs = new Set<Job>();
  let closed = false;
  /** The module: one capture holds it from its first GenImg to its last Match. */
  let moduleTail: Promise<void> = Promise.resolve();
  /** Each capture's duplicate check waits until the capture before it is stored. */
  let storeTail: Promise<void> = Promise.resolve();

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
        duplicateOf = await library.findDuplicate(driver, recordingId, finger, template, signal);
      }
      // The module is free: the next finger's capture starts while this one is scored and
      // stored (the score is the station's own work, not the module's).
      release();
      release = null;
      const quality = fingerprintQuality(img.gray, img.width, img.height).score;
      const png = await encodeGrayPng(img.gray, img.width, img.height);
      if (closed) return fail('INTERNAL', msg(L, 'internal'));

      const at = now().toISOString();
      const deviceJson = JSON.stringify(device.deviceDetails());
      const result = storeAttempt(deps, actor, L, {
        recordingId,
        finger,
        quality,
        png,
        width: img.width,
        height: img.height,
        template,
        duplicateOf,
        deviceJson,
        at,
      });
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
      return ok({ attempt: out, outcome, set: buildSet(db, recordingId), duplicateOf });
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

  return {
    capture,
    inFlight,
    cancel,
    busy: () => jobs.size > 0,
    close() {
      closed = true;
      for (const j of jobs) {
        j.cancelled = true;
        j.controller.abort();
      }
    },
  };
}
