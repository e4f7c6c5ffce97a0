import { z } from 'zod';
import type { PenPoint, StorageCategory } from '../domain/records';
import type { MethodSpec } from './schema';

/**
 * Devices and diagnostics: the scanner, the pad and the camera as the station sees them, the
 * technician's self-tests and raw traffic, network and storage checks, the diagnostics zip.
 * contract.ts spreads these into `methods`, `MethodOutputs`, `EventPayloads` and `EVENT_NAMES`.
 */

export const devicesMethods = {
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
} as const satisfies Record<string, MethodSpec>;

export type DeviceState = 'connected' | 'simulated' | 'missing' | 'error' | 'pending';

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

export interface DevicesOutputs {
  'devices.list': DeviceEntry[];
  'devices.choose': null;
  'devices.selfTest': SelfTestResult;
  'devices.reportCamera': null;
  'devices.traffic': TrafficEntry[];
  'diagnostics.network': NetworkDiagnostics;
  'diagnostics.storage': StorageDiagnostics;
  'diagnostics.export': DiagnosticsExport;
}

export interface DevicesEvents {
  'devices.changed': DeviceEntry[];
  'diagnostics.progress': DiagnosticsProgress;
}

export const DEVICES_EVENTS = ['devices.changed', 'diagnostics.progress'] as const;
