// What a host passes to open a station, and what it gets back.
import type { EventName, EventPayloads, StatusEvent } from '../../api/contract';
import type { Reply } from '../../api/reply';
import type { FaceDetector } from '../../imaging/face-detector';
import type { KeyProvider } from '../../store/key-file';
import type { SyncOptions } from '../../sync/runner';
import type { ScryptParams } from '../accounts/passwords';
import type { Logger } from '../common/log';
import type { DevicesStationOptions } from '../devices/devices';
import type { OfficeOptions } from '../office/office';
import type { FingerprintStationOptions } from '../recording/fingerprints';
import type { SignatureStationOptions } from '../recording/signature';
import type { HousekeepingRun } from './housekeeping';

export interface StationOptions {
  dataDir: string;
  resourcesDir: string;
  host: 'electron' | 'browser';
  version: string;
  keyProvider: KeyProvider;
  now?: () => Date;
  /** Defaults to JSON lines in `<dataDir>/logs`. */
  logger?: Logger;
  /** How often the idle lock is checked in the background (ms). */
  idleCheckMs?: number;
  /** better-sqlite3 addon built for Electron's ABI (see scripts/electron-native.mjs). */
  sqliteNativeBinding?: string;
  /** The fingerprint scanner: real, simulated or none (the default). */
  fingerprint?: FingerprintStationOptions;
  /** Face detector for photos; defaults to Human (loaded on first use), null for none. */
  faceDetector?: FaceDetector | null;
  /** The signature pad: real, simulated or none (the default). */
  signature?: SignatureStationOptions;
  /** Device manager (driver host), traffic taps and the pad for self-tests. */
  devices?: DevicesStationOptions;
  /** Sync runner tuning (tests shorten the timings). */
  sync?: Partial<SyncOptions>;
  /**
   * Password hashing cost. Leave unset (scrypt N=2^17); only test suites set a lower one
   * (TEST_ONLY_PARAMS) so they stay fast.
   */
  passwordHashing?: ScryptParams;
  /** The office hub's LAN service and the desk's link to it. */
  office?: OfficeOptions;
}

export interface Station {
  /** Validates, checks access, runs the handler. Never throws. */
  call(method: string, input: unknown): Promise<Reply<unknown>>;
  on<E extends EventName>(event: E, listener: (p: EventPayloads[E]) => void): () => void;
  /** Merges a status change (devices, network, sync) and pushes it to listeners. */
  emitStatus(patch?: Partial<StatusEvent>): void;
  status(): StatusEvent;
  /** Starts the outbox runner (hosts do; tests that want no network traffic do not). */
  startSync(): void;
  /** Starts the office hub's LAN service or a desk's link to its hub. */
  startOffice(): Promise<void>;
  /** The office hub's loopback address once it listens, else null. */
  officeHubUrl(): string | null;
  /**
   * Retention (in small batches, main free between them), the day's storage sample and the
   * planner's statistics. The sync runner calls it hourly; one run at a time.
   */
  housekeeping(): Promise<HousekeepingRun | null>;
  close(): void;
}
