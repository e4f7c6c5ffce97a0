import { z } from 'zod';
import {
  BLOOD_TYPES,
  CITIZENSHIPS,
  MARITAL_STATUSES,
  OCCUPATIONS,
  RELIGIONS,
  SEXES,
} from '../domain/resident';
import type { ValidationIssue } from '../domain/resident';
import type { Reply } from './reply';

export type { ValidationIssue };

/**
 * The one contract between the renderer and main, shared by both hosts (Electron IPC and the
 * browser host's HTTP/WebSocket). Each method names its input schema and who may call it;
 * main validates every payload with the schema and checks the role before a service sees it.
 */

export const ROLES = ['operator', 'supervisor', 'technician'] as const;
export type Role = (typeof ROLES)[number];

/** `public`: no session needed. `any`: any unlocked session. Otherwise the listed roles. */
export type Access = 'public' | 'any' | readonly Role[];

const text = (max: number) => z.string().trim().min(1).max(max);
const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/);
const password = z.string().min(1).max(256);
const regionCode = z.string().regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const residentSchema = z.strictObject({
  nik: z.string().max(32),
  kk: z.string().max(32),
  name: z.string().max(120),
  birthPlace: z.string().max(80),
  birthDate: z.string().max(10),
  sex: z.enum(SEXES),
  bloodType: z.enum(BLOOD_TYPES),
  address: z.string().max(200),
  rt: z.string().max(3),
  rw: z.string().max(3),
  villageCode: z.string().max(13),
  religion: z.enum(RELIGIONS),
  maritalStatus: z.enum(MARITAL_STATUSES),
  occupation: z.enum(OCCUPATIONS),
  citizenship: z.enum(CITIZENSHIPS),
});

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
  'audit.list': {
    access: ['supervisor'],
    input: z.strictObject({ limit: z.number().int().min(1).max(500).optional() }),
  },
  'station.info': { access: ['technician', 'supervisor'], input: z.strictObject({}) },
  'prefs.setLocale': { access: 'public', input: z.strictObject({ locale: z.enum(['id', 'en']) }) },
} as const satisfies Record<string, { access: Access; input: z.ZodType }>;

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
  locale: 'id' | 'en';
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

export type RecordingStatus = 'draft' | 'sealed' | 'approved' | 'rejected' | 'uploaded';

export interface RecordingSummary {
  id: string;
  status: RecordingStatus;
  nik: string;
  name: string;
  operator: string;
  createdAt: string;
  updatedAt: string;
}

export interface Recording extends RecordingSummary {
  resident: z.infer<typeof residentSchema>;
  warnings: ValidationIssue[];
}

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  target: string | null;
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

export interface MethodOutputs {
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
  'audit.list': AuditEntry[];
  'station.info': StationInfo;
  'prefs.setLocale': null;
}

export type MethodOutput<M extends MethodName> = MethodOutputs[M];

// ---- Events pushed from main to the renderer ----------------------------------------------

export type DeviceState = 'connected' | 'simulated' | 'missing' | 'error' | 'pending';

export interface StatusEvent {
  devices: { camera: DeviceState; fingerprint: DeviceState; signature: DeviceState };
  network: 'online' | 'offline' | 'unknown';
  sync: { pending: number; state: 'idle' | 'syncing' | 'paused' | 'not-configured' };
}

export interface EventPayloads {
  'session.changed': SessionInfo | null;
  status: StatusEvent;
}
export type EventName = keyof EventPayloads;

/** What the preload exposes as `window.station`, and what the browser transport implements. */
export interface StationBridge {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Reply<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
