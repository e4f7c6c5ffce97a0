import type { z } from 'zod';
import type { Reply } from './reply';
import { STATION_EVENTS, stationMethods } from './contract-station';
import type { StationEvents, StationOutputs } from './contract-station';
import { RECORDING_EVENTS, recordingMethods } from './contract-recording';
import type { RecordingEvents, RecordingOutputs } from './contract-recording';
import { DEVICES_EVENTS, devicesMethods } from './contract-devices';
import type { DeviceState, DevicesEvents, DevicesOutputs } from './contract-devices';
import { SYNC_EVENTS, syncMethods } from './contract-sync';
import type { SyncEvents, SyncOutputs } from './contract-sync';
import { QUEUE_EVENTS, queueMethods } from './contract-queue';
import type { QueueEvents, QueueOutputs } from './contract-queue';
import { EXPORT_EVENTS, exportMethods } from './contract-exports';
import type { ExportEvents, ExportOutputs } from './contract-exports';
import { SUPERVISOR_EVENTS, supervisorMethods } from './contract-supervisor';
import type { SupervisorEvents, SupervisorOutputs } from './contract-supervisor';
import { deskMethods } from './contract-desk';
import type { DeskOutputs } from './contract-desk';
import { officeMethods } from './contract-office';
import type { OfficeOutputs } from './contract-office';
import { cardMethods } from './contract-cards';
import type { CardOutputs } from './contract-cards';
import { handoverMethods } from './contract-handover';
import type { HandoverOutputs } from './contract-handover';
import { roundMethods } from './contract-rounds';
import type { RoundOutputs } from './contract-rounds';
import type { MethodSpec } from './schema';

/**
 * The one contract between the renderer and main, shared by both hosts (Electron IPC and the
 * browser host's HTTP/WebSocket). Each method names its input schema and who may call it;
 * main validates every payload with the schema and checks the role before a service sees it.
 *
 * This file only joins the parts (contract-<area>.ts); each part owns its methods, output types
 * and events, and no part imports this file (shared building blocks live in schema.ts).
 */

export { ROLES } from './schema';
export type { Access, MethodSpec, Role } from './schema';
export * from './contract-station';
export * from './contract-recording';
export * from './contract-devices';
export * from './contract-sync';
export type { ApprovalDetail } from './contract-supervisor';

// The domain types the contract carries, re-exported so callers keep one import for the contract.
export type { FingerException } from '../domain/fingers';
export { FINGER_EXCEPTIONS } from '../domain/fingers';
export type { ValidationIssue } from '../domain/resident';
export { residentSchema } from '../domain/resident-schema';
export { photoSettingsSchema } from '../domain/photo-checks';
export type { CheckResult, PhotoCheck, PhotoCheckId, PhotoSettings } from '../domain/photo-checks';
export type {
  AuditEntry,
  CentralStatus,
  PenPoint,
  RecordingStatus,
  StorageCategory,
  SyncStatus,
} from '../domain/records';

/** Default request body limit of JSON transports; methods carrying frames raise it. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export const methods = {
  ...stationMethods,
  ...recordingMethods,
  ...devicesMethods,
  ...syncMethods,
  ...supervisorMethods,
  ...exportMethods,
  ...queueMethods,
  ...deskMethods,
  ...officeMethods,
  ...cardMethods,
  ...handoverMethods,
  ...roundMethods,
} as const satisfies Record<string, MethodSpec>;

export const maxBodyBytes = (m: MethodName): number =>
  (methods[m] as { maxBodyBytes?: number }).maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

export type MethodName = keyof typeof methods;
export type MethodInput<M extends MethodName> = z.infer<(typeof methods)[M]['input']>;

export interface MethodOutputs
  extends StationOutputs,
    RecordingOutputs,
    DevicesOutputs,
    SyncOutputs,
    SupervisorOutputs,
    ExportOutputs,
    QueueOutputs,
    DeskOutputs,
    OfficeOutputs,
    CardOutputs,
    HandoverOutputs,
    RoundOutputs {}

export type MethodOutput<M extends MethodName> = MethodOutputs[M];

/** Every method has an output type, and every output type a method (fails to compile if not). */
const outputsMatchMethods: [
  Exclude<MethodName, keyof MethodOutputs>,
  Exclude<keyof MethodOutputs, MethodName>,
] extends [never, never]
  ? true
  : false = true;
void outputsMatchMethods;

// ---- Events pushed from main to the renderer ----------------------------------------------

export interface StatusEvent {
  devices: { camera: DeviceState; fingerprint: DeviceState; signature: DeviceState };
  network: 'online' | 'offline' | 'unknown';
  sync: { pending: number; state: 'idle' | 'syncing' | 'paused' | 'not-configured' };
}

export interface EventPayloads
  extends StationEvents,
    RecordingEvents,
    DevicesEvents,
    SyncEvents,
    SupervisorEvents,
    ExportEvents,
    QueueEvents {
  status: StatusEvent;
}
export type EventName = keyof EventPayloads;

/** Every event, for hosts that forward them all; fails to compile if one is left out. */
export const EVENT_NAMES = [
  'status',
  ...STATION_EVENTS,
  ...RECORDING_EVENTS,
  ...DEVICES_EVENTS,
  ...SYNC_EVENTS,
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
