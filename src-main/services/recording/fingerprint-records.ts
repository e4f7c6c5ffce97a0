// What a finger's capture, exception or clearing writes: the quality rule, rows and audit lines.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import sharp from 'sharp';
import type { FingerCaptureResult, FingerException } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import type { Locale } from '../../domain/i18n';
import {
  deleteAttempts,
  deleteFingerprint,
  findFingerprint,
  insertAttempt,
  insertFingerprint,
  listAttempts,
} from '../../store/fingerprints-repo';
import type { FingerAttemptRow } from '../../store/fingerprints-repo';
import { findRecording } from '../../store/recordings-repo';
import type { Actor, Audit } from '../common/audit';
import { newId } from '../common/ids';
import { msg } from '../common/messages';
import { t } from './fingerprint-messages';

/**
 * The lowest acceptable quality (0–100), MOSIP's 40. A constant, not a station setting: every
 * station must hand the centre fingerprints of the same minimum quality, so nobody may lower it
 * locally to get through a queue faster.
 */
export const QUALITY_THRESHOLD = 40;
export const MAX_ATTEMPTS = 3;

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

export interface RecordsDeps {
  db: Database;
  now: () => Date;
  audit: Audit;
}

const target = (recordingId: string, finger: number) => `${recordingId}#${finger}`;

/** One scored image of a finger, ready to be stored. */
export interface ScoredImage {
  recordingId: string;
  finger: number;
  quality: number;
  png: Buffer;
  width: number;
  height: number;
  template: Uint8Array | null;
  duplicateOf: number | null;
  /** The module's details (JSON), kept with an accepted finger. */
  deviceJson: string;
  at: string;
}

export type AttemptOutcome = FingerCaptureResult['outcome'];

/**
 * Stores an attempt in one transaction and decides it: accepted at the threshold, forced (best
 * of three) at the third weak attempt, else retry.
 */
export function storeAttempt(
  deps: RecordsDeps,
  actor: Actor,
  L: Locale,
  img: ScoredImage,
): Reply<{ attempt: FingerAttemptRow; outcome: AttemptOutcome }> {
  const { db, now, audit } = deps;
  const { recordingId, finger, quality, duplicateOf, at } = img;
  return db.transaction((): Reply<{ attempt: FingerAttemptRow; outcome: AttemptOutcome }> => {
    // Re-checked inside the transaction: the finger may have been cleared or excepted meanwhile.
    const recNow = findRecording(db, recordingId);
    if (!recNow || recNow.status !== 'draft') {
      return fail('CONFLICT', msg(L, 'recordingNotDraft'));
    }
    if (findFingerprint(db, recordingId, finger)) return fail('CONFLICT', t(L, 'alreadyTaken'));
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
      imagePng: img.png,
      width: img.width,
      height: img.height,
      template: img.template ? Buffer.from(img.template) : null,
      duplicateOf,
      createdAt: at,
    };
    insertAttempt(db, attempt);
    all.push(attempt);
    let outcome: AttemptOutcome = 'retry';
    let chosen: FingerAttemptRow | null = null;
    if (quality >= QUALITY_THRESHOLD) {
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
        deviceJson: img.deviceJson,
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
      audit.record(actor, 'fingerprint.duplicate', `${target(recordingId, finger)}=${duplicateOf}`);
    }
    return ok({ attempt, outcome });
  })();
}

/** Marks a finger as an exception (call inside a transaction). */
export function storeException(
  deps: RecordsDeps,
  actor: Actor,
  L: Locale,
  input: { recordingId: string; finger: number; kind: FingerException; reason: string },
): Reply<null> {
  const { db, now, audit } = deps;
  const { recordingId, finger } = input;
  if (findFingerprint(db, recordingId, finger)) {
    return fail('CONFLICT', t(L, 'alreadyTaken'));
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
  return ok(null);
}

/** Forgets a finger and its attempts (call inside a transaction). */
export function clearFinger(
  deps: RecordsDeps,
  actor: Actor,
  recordingId: string,
  finger: number,
): void {
  const { db, audit } = deps;
  const had = deleteFingerprint(db, recordingId, finger);
  deleteAttempts(db, recordingId, finger);
  if (had) audit.record(actor, 'fingerprint.cleared', target(recordingId, finger));
}
