import { z } from 'zod';
import { FINGER_EXCEPTIONS } from '../domain/fingers';
import type { FingerException } from '../domain/fingers';
import { photoSettingsSchema } from '../domain/photo-checks';
import type { CheckResult, PhotoCheck, PhotoSettings } from '../domain/photo-checks';
import type {
  AuditEntry,
  CentralStatus,
  PenPoint,
  RecordingStatus,
  StorageCategory,
  SyncStatus,
} from '../domain/records';
import type { Locale } from '../domain/i18n';
import type { ValidationIssue } from '../domain/resident';
import { residentSchema } from '../domain/resident-schema';
import type { Reply } from './reply';
import { QUEUE_EVENTS, queueMethods } from './contract-queue';
import type { QueueEvents, QueueOutputs } from './contract-queue';
import { EXPORT_EVENTS, exportMethods } from './contract-exports';
import type { ExportEvents, ExportOutputs } from './contract-exports';
import { SUPERVISOR_EVENTS, supervisorMethods } from './contract-supervisor';
import type { ApprovalItem, SupervisorEvents, SupervisorOutputs } from './contract-supervisor';
import { deskMethods } from './contract-desk';
import { officeMethods } from './contract-office';
import type { OfficeOutputs } from './contract-office';
import type { DeskOutputs } from './contract-desk';
import { handoverMethods } from './contract-handover';
import type { HandoverOutputs } from './contract-handover';
import { ROLES, base64, id, password, regionCode, text, username } from './schema';
import type { MethodSpec, Role } from './schema';

export { ROLES } from './schema';
export type { Access, MethodSpec, Role } from './schema';

// The domain types the contract carries, re-exported so callers keep one import for the contract.
export type { ValidationIssue };
export { FINGER_EXCEPTIONS, photoSettingsSchema, residentSchema };
export type { FingerException, CheckResult, PhotoCheck, PhotoSettings };
export type { PhotoCheckId } from '../domain/photo-checks';
export type { AuditEntry, CentralStatus, PenPoint, RecordingStatus, StorageCategory, SyncStatus };

/**
 * The one contract between the renderer and main, shared by both hosts (Electron IPC and the
 * browser host's HTTP/WebSocket). Each method names its input schema and who may call it;
 * main validates every payload with the schema and checks the role before a service sees it.
 */

/** ISO/IEC 19794-4 / ANSI-NIST finger positions: 1 right thumb … 5 right little, 6 left thumb … 10 left little. */
const fingerPosition = z.number().int().min(1).max(10);

/** Largest camera frame the station accepts (an encoded JPEG/PNG of up to 1920×1080 is far less). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** Default request body limit of JSON transports; methods carrying frames raise it. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export const methods = {
  'app.info': { access: 'public', input: z.strictObject({}) },
  'setup.create': {
    access: 'public',
    input: z.strictObject({
      stationName: text(80),
      kecamatanCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/),
      supervisor: z.strictObject({ username, fullName: text(80), password }),
    }),
  },
  'auth.login': { access: 'public', input: z.strictObject({ username, password }) },
  'auth.logout': { access: 'public', input: z.strictObject({}) },
  /** Unlock after the idle lock: the same user re-enters the password. */
  'auth.unlock': { access: 'public', input: z.strictObject({ password }) },
  'auth.session': { access: 'public', input: z.strictObject({}) },
  /** The renderer reports user activity (typing, clicks) so a long form does not idle-lock. */
  'auth.ping': { access: 'any', input: z.strictObject({}) },
  'auth.changePassword': {
    access: 'any',
    input: z.strictObject({ current: password, next: password }),
  },
  'users.list': { access: ['supervisor'], input: z.strictObject({}) },
  'users.create': {
    access: ['supervisor'],
    input: z.strictObject({ username, fullName: text(80), role: z.enum(ROLES), password }),
  },
  'users.setActive': {
    access: ['supervisor'],
    input: z.strictObject({ userId: id, active: z.boolean() }),
  },
  'users.resetPassword': {
    access: ['supervisor'],
    input: z.strictObject({ userId: id, password }),
  },
  'regions.children': {
    access: 'public',
    input: z.strictObject({ parent: z.union([regionCode, z.literal('')]) }),
  },
  'regions.lookup': { access: 'public', input: z.strictObject({ code: regionCode }) },
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
  'audit.list': {
    access: ['supervisor'],
    input: z.strictObject({ limit: z.number().int().min(1).max(500).optional() }),
  },
  'station.info': { access: ['technician', 'supervisor'], input: z.strictObject({}) },
  'prefs.setLocale': { access: 'public', input: z.strictObject({ locale: z.enum(['id', 'en']) }) },
  /** The camera chosen at this station, remembered across sessions. */
  'prefs.camera': { access: 'any', input: z.strictObject({}) },
  'prefs.setCamera': {
    access: ['operator', 'technician'],
    input: z.strictObject({ deviceId: z.string().max(256), label: z.string().max(256) }),
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

  // ---- Devices and diagnostics ----------------------------------------------------------
  'devices.list': { access: ['technician'], input: z.strictObject({}) },
  /** The chosen device per modality, remembered across restarts. */
  'devices.choose': {
    access: ['technician'],
    input: z.strictObject({
      modality: z.enum(['fingerprint', 'signature']),
      deviceId: z.string().max(256),
    }),
  },
  'devices.selfTest': {
    access: ['technician'],
    input: z.strictObject({ modality: z.enum(['fingerprint', 'signature']) }),
  },
  /** The renderer owns the camera (getUserMedia) and reports what it sees. */
  'devices.reportCamera': {
    access: 'any',
    input: z.strictObject({
      state: z.enum(['connected', 'missing', 'error']),
      label: z.string().max(256),
      width: z.number().int().min(0).max(10000),
      height: z.number().int().min(0).max(10000),
      frameRate: z.number().min(0).max(1000),
      message: z.string().max(500).optional(),
    }),
  },
  /** Raw bytes to and from a device, newest last, after sequence `after`. */
  'devices.traffic': {
    access: ['technician'],
    input: z.strictObject({ deviceId: z.string().max(256), after: z.number().int().min(0) }),
  },
  'diagnostics.network': { access: ['technician', 'supervisor'], input: z.strictObject({}) },
  'diagnostics.storage': { access: ['technician', 'supervisor'], input: z.strictObject({}) },
  /** A zip of logs, device inventory, config (no secrets) and test results; no personal data. */
  'diagnostics.export': { access: ['technician'], input: z.strictObject({}) },

  // ---- Finishing, packets and sync -------------------------------------------------------
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
  'sync.status': { access: 'any', input: z.strictObject({}) },
  'sync.setPaused': {
    access: ['supervisor', 'technician'],
    input: z.strictObject({ paused: z.boolean() }),
  },
  'sync.now': { access: ['operator', 'supervisor', 'technician'], input: z.strictObject({}) },
  'central.config': { access: ['technician', 'supervisor'], input: z.strictObject({}) },
  'central.setConfig': {
    access: ['technician'],
    input: z.strictObject({
      url: z.url({ protocol: /^https?$/ }).max(500),
      /**
       * The central key bundle: the centre's X25519 encryption key and its Ed25519 verdict key,
       * two PEM (SPKI) blocks in one text.
       */
      publicKey: z.string().trim().min(20).max(4000),
      /** The centre's TLS key pin (SPKI SHA-256, hex or base64) when it has no CA certificate. */
      tlsPin: z.string().trim().max(200).optional(),
    }),
  },
  /** Trusts a new TLS key of the centre (after comparing it by phone); audit-logged. */
  'central.repin': {
    access: ['technician'],
    input: z.strictObject({ pin: z.string().trim().min(40).max(200) }),
  },
  /** Registers this station's Ed25519 public key with the centre using a one-time token. */
  'central.register': {
    access: ['technician'],
    input: z.strictObject({ token: z.string().trim().min(6).max(200) }),
  },
  ...supervisorMethods,
  ...exportMethods,
  ...queueMethods,
  ...deskMethods,
  ...officeMethods,
  ...handoverMethods,
} as const satisfies Record<string, MethodSpec>;

export const maxBodyBytes = (m: MethodName): number =>
  (methods[m] as { maxBodyBytes?: number }).maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

export type MethodName = keyof typeof methods;
export type MethodInput<M extends MethodName> = z.infer<(typeof methods)[M]['input']>;

// ---- Output types -------------------------------------------------------------------------

export interface SessionUser {
  id: string;
  username: string;
  fullName: string;
  role: Role;
}

export interface SessionInfo {
  user: SessionUser;
  locked: boolean;
  /** Minutes of inactivity before the session locks. */
  idleLockMinutes: number;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  setupDone: boolean;
  station: { id: string; name: string; kecamatanCode: string; kecamatanName: string } | null;
  locale: Locale;
}

export interface UserSummary extends SessionUser {
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Region {
  code: string;
  name: string;
}

export interface RegionPath {
  province: Region | null;
  regency: Region | null;
  district: Region | null;
  village: Region | null;
}

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

export interface StationInfo {
  dataDir: string;
  databaseBytes: number;
  schemaVersion: number;
  encrypted: boolean;
  keySource: 'os-keystore' | 'key-file';
  host: 'electron' | 'browser';
  version: string;
  node: string;
}

export interface MethodOutputs
  extends SupervisorOutputs,
    ExportOutputs,
    QueueOutputs,
    DeskOutputs,
    OfficeOutputs,
    HandoverOutputs {
  'approval.item': ApprovalDetail;
  'recordings.redo': Recording;
  'app.info': AppInfo;
  'setup.create': SessionInfo;
  'auth.login': SessionInfo;
  'auth.logout': null;
  'auth.unlock': SessionInfo;
  'auth.session': SessionInfo | null;
  'auth.ping': null;
  'auth.changePassword': null;
  'users.list': UserSummary[];
  'users.create': UserSummary;
  'users.setActive': UserSummary;
  'users.resetPassword': null;
  'regions.children': Region[];
  'regions.lookup': RegionPath;
  'recordings.saveDraft': Recording;
  'recordings.get': Recording;
  'recordings.today': RecordingSummary[];
  'recordings.openDrafts': RecordingSummary[];
  'recordings.reassign': RecordingSummary;
  'audit.list': AuditEntry[];
  'station.info': StationInfo;
  'prefs.setLocale': null;
  'prefs.camera': CameraPref | null;
  'prefs.setCamera': null;
  'photo.process': PhotoAttempt;
  'photo.attempts': PhotoAttempt[];
  'photo.discardAttempts': null;
  'photo.accept': PhotoRecord;
  'photo.get': PhotoRecord | null;
  'photo.settings': PhotoSettings;
  'photo.setSettings': PhotoSettings;
  'fingerprint.device': FingerprintDeviceInfo;
  'fingerprint.list': FingerprintSet;
  'fingerprint.capture': FingerCaptureResult;
  'fingerprint.cancel': null;
  'fingerprint.setException': FingerprintSet;
  'fingerprint.clear': FingerprintSet;
  'fingerprint.simulate': null;
  'signature.device': SignatureDeviceInfo;
  'signature.start': null;
  'signature.clear': null;
  'signature.cancel': null;
  'signature.accept': SignatureRecord;
  'signature.setException': SignatureRecord;
  'signature.get': SignatureRecord | null;
  'signature.simulate': null;
  'devices.list': DeviceEntry[];
  'devices.choose': null;
  'devices.selfTest': SelfTestResult;
  'devices.reportCamera': null;
  'devices.traffic': TrafficEntry[];
  'diagnostics.network': NetworkDiagnostics;
  'diagnostics.storage': StorageDiagnostics;
  'diagnostics.export': DiagnosticsExport;
  'recordings.review': RecordingReview;
  'recordings.finish': FinishResult;
  'recordings.receipt': { pdfBase64: string };
  'sync.status': SyncStatus;
  'sync.setPaused': SyncStatus;
  'sync.now': SyncStatus;
  'central.config': CentralConfig;
  'central.setConfig': CentralConfig;
  'central.register': CentralConfig;
  'central.repin': CentralConfig;
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

export interface CameraPref {
  deviceId: string;
  label: string;
}

export interface FingerprintDeviceInfo {
  state: DeviceState;
  simulated: boolean;
  /** Serial device path, e.g. /dev/ttyUSB0 or the simulator's pty. */
  path: string | null;
  baud: number | null;
  packetSize: number | null;
  /** What the module reports (system id, capacity, security level) — no personal data. */
  sensor: { systemId: number; capacity: number; securityLevel: number } | null;
  /** Text shown to the operator/technician when state is 'error' or 'missing'. */
  message: string | null;
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

export interface PadCapability {
  maxX: number;
  maxY: number;
  maxPressure: number;
  widthMm: number;
  heightMm: number;
  reportRate: number;
}

export interface SignatureDeviceInfo {
  state: DeviceState;
  simulated: boolean;
  model: string | null;
  vendorId: number | null;
  productId: number | null;
  capability: PadCapability | null;
  message: string | null;
}

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

// ---- Devices and diagnostics ---------------------------------------------------------------

export type Modality = 'camera' | 'fingerprint' | 'signature';

export interface DeviceEntry {
  id: string;
  modality: Modality;
  name: string;
  vendorId: number | null;
  productId: number | null;
  serial: string | null;
  firmware: string | null;
  driver: string;
  path: string | null;
  state: DeviceState;
  simulated: boolean;
  chosen: boolean;
  lastError: string | null;
}

export interface SelfTestStep {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SelfTestResult {
  modality: 'fingerprint' | 'signature';
  ok: boolean;
  steps: SelfTestStep[];
  /** Fingerprint: the test image and its quality. */
  imageDataUrl?: string;
  quality?: number;
  /** Signature pad: measured during a short draw. */
  reportsPerSecond?: number;
  pressureRange?: [number, number];
  /** Signature pad: what was drawn during the test, to show it back to the technician. */
  points?: PenPoint[];
  at: string;
}

export interface TrafficEntry {
  seq: number;
  /** ms since the epoch */
  t: number;
  dir: 'tx' | 'rx';
  hex: string;
  /** Bytes left out, count only: fingerprint image/template data, pen coordinates and
   *  pressure, or bytes outside a well-formed packet (which could be either). */
  withheld?: number;
  what?: 'fingerprint-data' | 'pen-report' | 'unframed';
}

export interface NetworkDiagnostics {
  centralUrl: string | null;
  reachable: boolean | null;
  latencyMs: number | null;
  lastSync: { at: string; ok: boolean; message: string } | null;
  /** Why the centre is unreachable, as a sentence for the technician (absent/null: reachable). */
  problem?: string | null;
}

export interface StorageTrendPoint {
  /** Local day (YYYY-MM-DD) of the daily sample. */
  day: string;
  fileBytes: number;
}

export interface StorageDiagnostics {
  dataDir: string;
  integrity: string;
  databaseBytes: number;
  freeBytes: number;
  totalBytes: number;
  /** What the store holds, by category (biometrics and packets; `rest` is everything else). */
  categories: Record<StorageCategory, number>;
  /** Free pages inside the file, given back by the next housekeeping run. */
  reclaimableBytes: number;
  /** One reading a day, oldest first (up to 30). */
  trend: StorageTrendPoint[];
  /** The audit log's hash chain (absent when the check could not run). */
  auditChain?: AuditChainStatus;
}

/**
 * The audit log's hash chain, checked incrementally: 'checking' while a long log is still being
 * walked (each check reads a bounded number of rows), 'broken' with the first row that fails.
 */
export interface AuditChainStatus {
  state: 'intact' | 'checking' | 'broken';
  rows: number;
  verifiedRows: number;
  /** 'content': the row was changed; 'link': a row before it is missing or was reordered;
   *  'changed'/'missing': a row already verified was rewritten or removed; 'checkpoint': the
   *  log does not match the last signed checkpoint (or its signature is bad). */
  brokenAt: {
    id: number;
    at: string | null;
    reason: 'content' | 'link' | 'changed' | 'missing' | 'checkpoint';
  } | null;
  lastCheckpoint: {
    at: string;
    reason: string;
    rows: number;
    signatureOk: boolean;
    matches: boolean;
  } | null;
}

export interface DiagnosticsExport {
  fileName: string;
  bytes: number;
  /** The zip itself, for the renderer to save. */
  zipBase64: string;
}

export interface DiagnosticsProgress {
  percent: number;
  step: string;
}

// ---- Finishing, packets and sync -------------------------------------------------------------

export interface RecordingReview {
  recording: Recording;
  photo: PhotoRecord | null;
  fingerprints: FingerprintSet;
  signature: SignatureRecord | null;
  /** What still blocks finishing, in the UI language (empty when it can be finished). */
  missing: string[];
}

/**
 * A recording under review. Here rather than in contract-supervisor.ts because it holds the
 * recording types of this file, and the contract parts never import contract.ts.
 */
export interface ApprovalDetail {
  item: ApprovalItem;
  review: RecordingReview;
}

export interface FinishResult {
  recordingId: string;
  packetId: string;
  packetBytes: number;
  /** The receipt PDF ("bukti perekaman"), base64. */
  receiptPdfBase64: string;
}

export interface CentralConfig {
  url: string | null;
  /** SHA-256 of the central public key, grouped for reading aloud over the phone. */
  centralKeyFingerprint: string | null;
  stationKeyFingerprint: string;
  /** The station id the centre's registration token must be issued for. */
  stationId: string | null;
  /** SHA-256 of the centre's verdict-signing (Ed25519) key, grouped like the others. */
  verdictKeyFingerprint: string | null;
  /** The centre's TLS key pin (SPKI SHA-256), grouped; null until known. */
  tlsPin: string | null;
  /** A centre answered with another TLS key than the pinned one: that key's pin, grouped. */
  tlsMismatchPin: string | null;
  /** Verdicts refused because their signature did not verify. */
  unverifiedVerdicts: number;
  registered: boolean;
}

export type MethodOutput<M extends MethodName> = MethodOutputs[M];

// ---- Events pushed from main to the renderer ----------------------------------------------

export type DeviceState = 'connected' | 'simulated' | 'missing' | 'error' | 'pending';

export interface StatusEvent {
  devices: { camera: DeviceState; fingerprint: DeviceState; signature: DeviceState };
  network: 'online' | 'offline' | 'unknown';
  sync: { pending: number; state: 'idle' | 'syncing' | 'paused' | 'not-configured' };
}

export interface EventPayloads extends SupervisorEvents, ExportEvents, QueueEvents {
  'session.changed': SessionInfo | null;
  status: StatusEvent;
  'fingerprint.progress': FingerprintProgress;
  'signature.points': SignaturePoints;
  'devices.changed': DeviceEntry[];
  'diagnostics.progress': DiagnosticsProgress;
  'sync.progress': SyncStatus;
}
export type EventName = keyof EventPayloads;

/** Every event, for hosts that forward them all; fails to compile if one is left out. */
export const EVENT_NAMES = [
  'session.changed',
  'status',
  'fingerprint.progress',
  'signature.points',
  'devices.changed',
  'diagnostics.progress',
  'sync.progress',
  ...SUPERVISOR_EVENTS,
  ...EXPORT_EVENTS,
  ...QUEUE_EVENTS,
] as const;
const allEventsListed: Exclude<EventName, (typeof EVENT_NAMES)[number]> extends never
  ? true
  : false = true;
void allEventsListed;

/** What the preload exposes as `window.station`, and what the browser transport implements. */
export interface StationBridge {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Reply<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
