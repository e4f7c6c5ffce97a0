// Photo capture for a draft recording: each camera frame goes through the imaging pipeline and
// becomes an attempt (processed JPEG + checks; never the frame itself); the operator accepts one
// of at most three attempts, with a reason when a check failed.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type {
  CameraPref,
  PhotoAttempt,
  PhotoCheck,
  PhotoRecord,
  PhotoSettings,
} from '../../api/contract';
import { photoSettingsSchema } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import type { FaceDetector } from '../../imaging/face-detector';
import { createWorkerFaceDetector } from '../../imaging/face-worker-client';
import { DEFAULT_PHOTO_SETTINGS } from '../../imaging/geometry';
import { photoMsg } from '../../imaging/messages';
import { PhotoInputError, processFrame } from '../../imaging/pipeline';
import {
  deletePhotoAttempts,
  findPhoto,
  findPhotoAttempt,
  insertPhotoAttempt,
  listPhotoAttempts,
  nextPhotoAttemptIndex,
  upsertPhoto,
} from '../../store/photos-repo';
import type { PhotoAttemptRow, PhotoRow } from '../../store/photos-repo';
import { findRecording } from '../../store/recordings-repo';
import type { RecordingRow } from '../../store/recordings-repo';
import { getSetting, setSetting } from '../../store/settings-repo';
import type { Actor, Audit } from '../common/audit';
import { newId } from '../common/ids';
import type { Logger } from '../common/log';
import { msg } from '../common/messages';
import type { Locale } from '../../domain/i18n';
import type { HandlersFor } from '../../api/handlers';

export const MAX_PHOTO_ATTEMPTS = 3;
export const SETTING_PHOTO = 'photo.settings';
export const SETTING_CAMERA = 'prefs.camera';

export interface PhotosDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log?: Logger;
  /** Defaults to Human (loaded on first use); null runs without detection (guide crop). */
  detector?: FaceDetector | null;
}

type PhotoMethod =
  | 'prefs.camera'
  | 'prefs.setCamera'
  | 'photo.process'
  | 'photo.attempts'
  | 'photo.discardAttempts'
  | 'photo.accept'
  | 'photo.get'
  | 'photo.settings'
  | 'photo.setSettings';

export type PhotoHandlers = HandlersFor<PhotoMethod>;

const dataUrl = (jpeg: Buffer) => `data:image/jpeg;base64,${jpeg.toString('base64')}`;

/** The year of a resident's `YYYY-MM-DD` birth date, or null when it is not filled in yet. */
export function birthYearOf(residentJson: string): number | null {
  try {
    const r = JSON.parse(residentJson) as { birthDate?: unknown };
    const m = typeof r.birthDate === 'string' ? /^(\d{4})-\d{2}-\d{2}$/.exec(r.birthDate) : null;
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const toAttempt = (r: PhotoAttemptRow): PhotoAttempt => ({
  id: r.id,
  index: r.idx,
  createdAt: r.createdAt,
  imageDataUrl: dataUrl(r.jpeg),
  width: r.width,
  height: r.height,
  bytes: r.jpeg.length,
  checks: JSON.parse(r.checksJson) as PhotoCheck[],
  worst: r.worst,
  crop: r.crop,
});

const toRecord = (r: PhotoRow): PhotoRecord => ({
  recordingId: r.recordingId,
  imageDataUrl: dataUrl(r.jpeg),
  thumbDataUrl: dataUrl(r.thumb),
  width: r.width,
  height: r.height,
  bytes: r.jpeg.length,
  checks: JSON.parse(r.checksJson) as PhotoCheck[],
  forced: r.forced === 1,
  forceReason: r.forceReason,
  attempts: r.attempts,
  noGlassesConfirmed: r.noGlassesConfirmed === 1,
  acceptedAt: r.acceptedAt,
  acceptedBy: r.acceptedByUsername,
});

export function createPhotos(deps: PhotosDeps): {
  handlers: PhotoHandlers;
  settings(): PhotoSettings;
  /** Ends the face detector's thread (the station closing). */
  close(): Promise<void>;
} {
  const { db, now, audit } = deps;
  // The default detector runs in its own thread: main is never blocked by the model.
  const own = deps.detector === undefined ? createWorkerFaceDetector() : null;
  const detector = own ?? deps.detector ?? null;

  function settings(): PhotoSettings {
    const raw = getSetting(db, SETTING_PHOTO);
    if (!raw) return DEFAULT_PHOTO_SETTINGS;
    try {
      const parsed = photoSettingsSchema.safeParse({
        ...DEFAULT_PHOTO_SETTINGS,
        ...(JSON.parse(raw) as object),
      });
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: a damaged setting must not stop the camera
    }
    deps.log?.warn('photo settings unreadable, using defaults', {});
    return DEFAULT_PHOTO_SETTINGS;
  }

  /** The caller's own draft, or the reply that says why not. */
  function ownDraft(actor: Actor, recordingId: string): Reply<RecordingRow> {
    const L = deps.locale();
    const rec = findRecording(db, recordingId);
    if (!rec) return fail('NOT_FOUND', msg(L, 'recordingNotFound'));
    if (rec.operatorId !== actor.id) return fail('FORBIDDEN', msg(L, 'forbidden'));
    if (rec.status !== 'draft') return fail('CONFLICT', msg(L, 'recordingNotDraft'));
    return ok(rec);
  }

  const handlers: PhotoHandlers = {
    'prefs.camera': () => {
      const raw = getSetting(db, SETTING_CAMERA);
      if (!raw) return ok(null);
      try {
        const v = JSON.parse(raw) as Partial<CameraPref>;
        return typeof v.deviceId === 'string' && typeof v.label === 'string'
          ? ok({ deviceId: v.deviceId, label: v.label })
          : ok(null);
      } catch {
        return ok(null);
      }
    },

    'prefs.setCamera': (input) => {
      setSetting(
        db,
        SETTING_CAMERA,
        JSON.stringify({ deviceId: input.deviceId, label: input.label }),
      );
      return ok(null);
    },

    'photo.process': async (input, { actor }) => {
      const L = deps.locale();
      const own = ownDraft(actor!, input.recordingId);
      if (!own.ok) return own;
      // Checked before the (costly) processing and again in the insert transaction.
      if (nextPhotoAttemptIndex(db, input.recordingId) > MAX_PHOTO_ATTEMPTS)
        return fail('CONFLICT', photoMsg(L, 'attemptsFull'));
      const frame = Buffer.from(input.frameBase64, 'base64');
      let processed;
      try {
        processed = await processFrame(frame, {
          settings: settings(),
          birthYear: birthYearOf(own.value.residentJson),
          locale: L,
          detector,
        });
      } catch (err) {
        if (err instanceof PhotoInputError) {
          deps.log?.warn('camera frame refused', { kind: err.kind, bytes: frame.length });
          return fail('VALIDATION', err.message, { frameBase64: err.message });
        }
        deps.log?.error('photo processing failed', { bytes: frame.length }, err);
        return fail('INTERNAL', photoMsg(L, 'processFailed'));
      }
      const at = now();
      const row = db.transaction((): PhotoAttemptRow | null => {
        const still = findRecording(db, input.recordingId);
        if (!still || still.status !== 'draft') return null;
        const idx = nextPhotoAttemptIndex(db, input.recordingId);
        if (idx > MAX_PHOTO_ATTEMPTS) return null;
        const r: PhotoAttemptRow = {
          id: newId('P', at),
          recordingId: input.recordingId,
          idx,
          jpeg: processed.jpeg,
          thumb: processed.thumb,
          width: processed.width,
          height: processed.height,
          checksJson: JSON.stringify(processed.checks),
          worst: processed.worst,
          crop: processed.crop,
          createdAt: at.toISOString(),
        };
        insertPhotoAttempt(db, r);
        return r;
      })();
      if (!row) return fail('CONFLICT', photoMsg(L, 'attemptsFull'));
      return ok(toAttempt(row));
    },

    'photo.attempts': (input) => {
      if (!findRecording(db, input.recordingId))
        return fail('NOT_FOUND', msg(deps.locale(), 'recordingNotFound'));
      return ok(listPhotoAttempts(db, input.recordingId).map(toAttempt));
    },

    'photo.discardAttempts': (input, { actor }) => {
      const own = ownDraft(actor!, input.recordingId);
      if (!own.ok) return own;
      deletePhotoAttempts(db, input.recordingId);
      return ok(null);
    },

    'photo.accept': (input, { actor }) => {
      const L = deps.locale();
      const own = ownDraft(actor!, input.recordingId);
      if (!own.ok) return own;
      const attempt = findPhotoAttempt(db, input.attemptId);
      if (!attempt || attempt.recordingId !== input.recordingId)
        return fail('NOT_FOUND', photoMsg(L, 'attemptNotFound'));
      if (!input.noGlassesConfirmed) {
        const text = photoMsg(L, 'noGlassesRequired');
        return fail('VALIDATION', text, { noGlassesConfirmed: text });
      }
      const checks = JSON.parse(attempt.checksJson) as PhotoCheck[];
      const forced = checks.some((c) => c.result === 'fail');
      if (forced && !input.forceReason) {
        const text = photoMsg(L, 'forceReasonRequired');
        return fail('VALIDATION', text, { forceReason: text });
      }
      const at = now().toISOString();
      db.transaction(() => {
        const attempts = listPhotoAttempts(db, input.recordingId).reduce(
          (n, a) => Math.max(n, a.idx),
          1,
        );
        upsertPhoto(db, {
          recordingId: input.recordingId,
          jpeg: attempt.jpeg,
          thumb: attempt.thumb,
          width: attempt.width,
          height: attempt.height,
          checksJson: attempt.checksJson,
          forced: forced ? 1 : 0,
          forceReason: forced ? (input.forceReason ?? null) : null,
          attempts,
          noGlassesConfirmed: 1,
          acceptedAt: at,
          acceptedBy: actor!.id,
        });
        deletePhotoAttempts(db, input.recordingId);
        // Ids and a flag only: the free-text reason may name the resident, so it stays out.
        audit.record(actor, 'photo.accept', `${input.recordingId}${forced ? ' forced' : ''}`);
      })();
      return ok(toRecord(findPhoto(db, input.recordingId)!));
    },

    'photo.get': (input) => {
      const row = findPhoto(db, input.recordingId);
      return ok(row ? toRecord(row) : null);
    },

    'photo.settings': () => ok(settings()),

    'photo.setSettings': (input, { actor }) => {
      const L = deps.locale();
      const next = photoSettingsSchema.safeParse({ ...settings(), ...input });
      if (!next.success) return fail('VALIDATION', msg(L, 'badRequest', { detail: '' }));
      if (next.data.width * 4 !== next.data.height * 3) {
        const text = photoMsg(L, 'settingsAspect');
        return fail('VALIDATION', text, { width: text, height: text });
      }
      db.transaction(() => {
        setSetting(db, SETTING_PHOTO, JSON.stringify(next.data));
        audit.record(actor, 'photo.settings', null);
      })();
      return ok(next.data);
    },
  };

  return { handlers, settings, close: async () => own?.close() };
}
