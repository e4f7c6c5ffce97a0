import { z } from 'zod';
import type { AuditEntry } from '../domain/records';
import type { Locale } from '../domain/i18n';
import { ROLES, id, password, regionCode, text, username } from './schema';
import type { MethodSpec, Role } from './schema';

/**
 * The station and its people: setup, sign-in and the idle lock, user accounts, regions, the
 * audit log and the station's preferences. contract.ts spreads these into `methods`,
 * `MethodOutputs` and `EventPayloads`.
 */

export const stationMethods = {
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
} as const satisfies Record<string, MethodSpec>;

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

export interface CameraPref {
  deviceId: string;
  label: string;
}

export interface StationOutputs {
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
  'audit.list': AuditEntry[];
  'station.info': StationInfo;
  'prefs.setLocale': null;
  'prefs.camera': CameraPref | null;
  'prefs.setCamera': null;
}

export interface StationEvents {
  'session.changed': SessionInfo | null;
}

export const STATION_EVENTS = ['session.changed'] as const;
