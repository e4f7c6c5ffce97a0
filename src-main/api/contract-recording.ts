import { z } from 'zod';
import { FINGER_EXCEPTIONS } from '../domain/fingers';
import type { FingerException } from '../domain/fingers';
import { photoSettingsSchema } from '../domain/photo-checks';
import type { CheckResult, PhotoCheck, PhotoSettings } from '../domain/photo-checks';
import type { CentralStatus, PenPoint, RecordingStatus } from '../domain/records';
import type { ValidationIssue } from '../domain/resident';
import { residentSchema } from '../domain/resident-schema';
import type { FingerprintDeviceInfo, SignatureDeviceInfo } from './contract-devices';
import { base64, id, password } from './schema';
import type { MethodSpec } from './schema';

/**
 * Recording a resident: the draft, the photo, ten fingers, the signature, and finishing (review,
 * seal, receipt). contract.ts spreads these into `methods`, `MethodOutputs`, `EventPayloads` and
 * `EVENT_NAMES`.
 */

/** ISO/IEC 19794-4 / ANSI-NIST finger positions: 1 right thumb … 5 right little, 6 left thumb … 10 left little. */
const fingerPosition = z.number().int().min(1).max(10);

/** Largest camera frame the station accepts (an encoded JPEG/PNG of up to 1920×1080 is far less). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export const recordingMethods = {
  'recordings.saveDraft': {
    access: ['operator'],
    input: z.strictObject({ id: id.optional(), resident: residentSchema }),
  },
  'recordings.get': { access: ['operator', 'supervisor'], input: z.strictObject({ id }) },
  'recordings.today': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ query: z.string().max(64).optional() }),
  },
  'recordings.openDrafts': { access: ['supervisor'], input: z.strictObject({}) },
  'recordings.reassign': {
    access: ['supervisor'],
    input: z.strictObject({ recordingId: id, operatorId: id }),
  },
  /** One captured frame through the pipeline and the checks; at most 3 attempts per recording. */
  'photo.process': {
    access: ['operator'],
    maxBodyBytes: Math.ceil(MAX_FRAME_BYTES / 3) * 4 + 4096,
    input: z.strictObject({ recordingId: id, frameBase64: base64(MAX_FRAME_BYTES) }),
  },
  'photo.attempts': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id }),
  },
  /** Starts the attempts over (e.g. a new resident sat down by mistake): attempts are deleted. */
  'photo.discardAttempts': { access: ['operator'], input: z.strictObject({ recordingId: id }) },
  'photo.accept': {
    access: ['operator'],
    input: z.strictObject({
      recordingId: id,
      attemptId: id,
      /** The operator confirms the resident wears no glasses or contact lenses. */
      noGlassesConfirmed: z.boolean(),
      /** Required when a check failed: why the photo is accepted anyway. */
      forceReason: z.string().trim().min(5).max(300).optional(),
    }),
  },
  'photo.get': { access: ['operator', 'supervisor'], input: z.strictObject({ recordingId: id }) },
  'photo.settings': { access: 'any', input: z.strictObject({}) },
  'photo.setSettings': {
    access: ['technician', 'supervisor'],
    input: photoSettingsSchema.partial(),
  },
  /** The scanner as the station sees it (real or simulated). */
  'fingerprint.device': { access: 'any', input: z.strictObject({}) },
  /** Fingers 1–10 (ISO/ANSI positions) of a recording, with what is captured or excepted. */
  'fingerprint.list': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id }),
  },
  /**
   * Waits for a finger on the scanner, uploads and scores the image. Progress arrives as
   * `fingerprint.progress` events. At quality ≥ threshold the finger is accepted; below it the
   * operator retries; the 3rd low attempt accepts the best one as force-captured. A capture of
   * the next finger may be asked for once this one reports `lift` (its image is in the
   * module): it waits for the module, then starts at once.
   */
  'fingerprint.capture': {
    access: ['operator'],
    input: z.strictObject({ recordingId: id, finger: fingerPosition }),
  },
  /**
   * Withdraws the prompt for `finger` (a capture already in the module finishes); without a
   * finger (Esc) cancels the capture waiting for a finger, or else the transfer.
   */
  'fingerprint.cancel': {
    access: ['operator'],
    input: z.strictObject({ finger: fingerPosition.optional() }),
  },
  'fingerprint.setException': {
    access: ['operator'],
    input: z.strictObject({
      recordingId: id,
      finger: fingerPosition,
      kind: z.enum(FINGER_EXCEPTIONS),
      reason: z.string().trim().min(3).max(300),
    }),
  },
  /** Clears a finger (captured or excepted) so it can be taken again. */
  'fingerprint.clear': {
    access: ['operator'],
    input: z.strictObject({ recordingId: id, finger: fingerPosition }),
  },
  /** Simulated scanner only: what the next placed finger looks like (training, tests). */
  'fingerprint.simulate': {
    access: ['operator', 'technician'],
    input: z.strictObject({ quality: z.enum(['clear', 'smudged', 'partial', 'dry']) }),
  },
  // ---- Signature pad --------------------------------------------------------------------
  'signature.device': { access: 'any', input: z.strictObject({}) },
  /**
   * Opens a signing session on the pad for a draft: clears the pad screen, turns inking on.
   * Points stream as `signature.points` events until accept, clear or cancel.
   */
  'signature.start': { access: ['operator'], input: z.strictObject({ recordingId: id }) },
  'signature.clear': { access: ['operator'], input: z.strictObject({ recordingId: id }) },
  'signature.cancel': { access: ['operator'], input: z.strictObject({}) },
  /** Keeps the points drawn since start/clear; refuses an empty or trivially short signature. */
  'signature.accept': { access: ['operator'], input: z.strictObject({ recordingId: id }) },
  /** The resident cannot sign: the reason is recorded and shown to the supervisor. */
  'signature.setException': {
    access: ['operator'],
    input: z.strictObject({ recordingId: id, reason: z.string().trim().min(3).max(300) }),
  },
  'signature.get': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id }),
  },
  /** Simulated pad only: the simulated resident signs (training, demos, tests). */
  'signature.simulate': {
    access: ['operator', 'technician'],
    input: z.strictObject({ script: z.enum(['signature', 'short', 'garbage', 'unplug']) }),
  },

  // ---- Finishing ------------------------------------------------------------------------
  /** Everything the review screen shows for one recording. */
  'recordings.review': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ id }),
  },
  /** Operator confirms with their password; the station seals the packet and queues it. */
  'recordings.finish': {
    access: ['operator'],
    input: z.strictObject({ id, password }),
  },
  /** The "bukti perekaman" receipt of a sealed recording (PDF). */
  'recordings.receipt': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ id }),
  },
} as const satisfies Record<string, MethodSpec>;

export interface RecordingSummary {
  id: string;
  status: RecordingStatus;
  nik: string;
  name: string;
  operator: string;
  createdAt: string;
  updatedAt: string;
  /** The centre's answer for the sealed packet. */
  centralStatus?: CentralStatus | null;
  centralReason?: string | null;
  /** The supervisor's reason when the recording was rejected. */
  rejectionReason?: string | null;
}

export interface Recording extends RecordingSummary {
  resident: z.infer<typeof residentSchema>;
  warnings: ValidationIssue[];
}

export interface PhotoAttempt {
  id: string;
  /** 1, 2 or 3. */
  index: number;
  createdAt: string;
  /** The processed, compliant JPEG (data: URL). */
  imageDataUrl: string;
  width: number;
  height: number;
  bytes: number;
  checks: PhotoCheck[];
  /** The worst check result, not counting the glasses prompt (confirmed on accept). */
  worst: CheckResult;
  /** How the crop was placed: around a detected face, or the framing-guide centre. */
  crop: 'face' | 'guide';
}

export interface PhotoRecord {
  recordingId: string;
  imageDataUrl: string;
  thumbDataUrl: string;
  width: number;
  height: number;
  bytes: number;
  checks: PhotoCheck[];
  forced: boolean;
  forceReason: string | null;
  /** Attempts made before this photo was accepted (1–3). */
  attempts: number;
  noGlassesConfirmed: boolean;
  acceptedAt: string;
  acceptedBy: string;
}

export interface FingerAttempt {
  id: string;
  finger: number;
  /** 1, 2 or 3. */
  index: number;
  quality: number;
  /** Lossless 8-bit grayscale image, data: URL (PNG). */
  imageDataUrl: string;
  createdAt: string;
}

export interface FingerRecord {
  finger: number;
  state: 'pending' | 'captured' | 'forced' | 'exception';
  quality: number | null;
  attempts: number;
  imageDataUrl: string | null;
  exception: { kind: FingerException; reason: string } | null;
  /** Another finger of the same recording whose template matches this one's. */
  duplicateOf: number | null;
}

export interface FingerprintSet {
  recordingId: string;
  threshold: number;
  fingers: FingerRecord[];
  /** True when every finger is captured, forced or excepted — none silently missing. */
  complete: boolean;
}

export interface FingerCaptureResult {
  attempt: FingerAttempt;
  /** accepted: quality ≥ threshold; retry: below it, attempts left; forced: best of 3 taken. */
  outcome: 'accepted' | 'retry' | 'forced';
  set: FingerprintSet;
  /** Set when the captured finger matches another finger already taken (presented twice?). */
  duplicateOf: number | null;
}

export interface FingerprintProgress {
  recordingId: string;
  finger: number;
  /**
   * waiting-finger: the prompt; lift: the image is in the module, the finger may go (the
   * transfer needs none); uploading / image-ready: the transfer to the station.
   */
  phase: 'waiting-finger' | 'lift' | 'uploading' | 'image-ready' | 'cancelled' | 'error';
  message: string;
  /** Transfer progress 0–100 (uploading, image-ready). */
  percent?: number;
}

// ---- Signature pad -----------------------------------------------------------------------

export interface SignaturePoints {
  recordingId: string;
  /** New points since the last event; a `clear` resets the drawing (strokes start at p > 0). */
  points: PenPoint[];
  cleared?: boolean;
}

export interface SignatureRecord {
  recordingId: string;
  /** The rendered card image (PNG data: URL), or null for an exception. */
  imageDataUrl: string | null;
  pointCount: number;
  strokeCount: number;
  durationMs: number;
  exception: { reason: string } | null;
  acceptedAt: string;
  acceptedBy: string;
}

// ---- Finishing -------------------------------------------------------------------------------

export interface RecordingReview {
  recording: Recording;
  photo: PhotoRecord | null;
  fingerprints: FingerprintSet;
  signature: SignatureRecord | null;
  /** What still blocks finishing, in the UI language (empty when it can be finished). */
  missing: string[];
}

export interface FinishResult {
  recordingId: string;
  packetId: string;
  packetBytes: number;
  /** The receipt PDF ("bukti perekaman"), base64. */
  receiptPdfBase64: string;
}

export interface RecordingOutputs {
  'recordings.saveDraft': Recording;
  'recordings.get': Recording;
  'recordings.today': RecordingSummary[];
  'recordings.openDrafts': RecordingSummary[];
  'recordings.reassign': RecordingSummary;
  'photo.process': PhotoAttempt;
  'photo.attempts': PhotoAttempt[];
  'photo.discardAttempts': null;
  'photo.accept': PhotoRecord;
  'photo.get': PhotoRecord | null;
  'photo.settings': PhotoSettings;
  'photo.setSettings': PhotoSettings;
  'fingerprint.list': FingerprintSet;
  'fingerprint.capture': FingerCaptureResult;
  'fingerprint.cancel': null;
  'fingerprint.setException': FingerprintSet;
  'fingerprint.clear': FingerprintSet;
  'fingerprint.simulate': null;
  'signature.start': null;
  'signature.clear': null;
  'signature.cancel': null;
  'signature.accept': SignatureRecord;
  'signature.setException': SignatureRecord;
  'signature.get': SignatureRecord | null;
  'signature.simulate': null;
  'recordings.review': RecordingReview;
  'recordings.finish': FinishResult;
  'recordings.receipt': { pdfBase64: string };
  'fingerprint.device': FingerprintDeviceInfo;
  'signature.device': SignatureDeviceInfo;
}

export interface RecordingEvents {
  'fingerprint.progress': FingerprintProgress;
  'signature.points': SignaturePoints;
}

export const RECORDING_EVENTS = ['fingerprint.progress', 'signature.points'] as const;
