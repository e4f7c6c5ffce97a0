// The sync runner's settings, what it needs from the station and what it offers (runner.ts
// builds it from the scheduler and its jobs; this file holds no state).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CentralStatus, SyncStatus } from '../domain/records';
import type { Locale } from '../domain/i18n';
import { DEFAULT_LINK_TUNING } from './rate';

export interface SyncTarget {
  url: string;
  registered: boolean;
  /** SPKI SHA-256 of the centre's TLS key (null: plain http on loopback). */
  tlsPin: string | null;
  /** The centre's Ed25519 verdict key. */
  verdictKeyPem: string;
}

export interface SyncOptions {
  /** Most uploads in flight at once (on a fast link; a slow one gets one). */
  concurrency: number;
  /** Backoff when the centre answers but says no (5xx, refusals, garbage). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** The shortest stall window (it grows with what a request carries and the measured rate). */
  stallMs: number;
  /** Timeout of the small requests (POST, HEAD, status polls); longer if the link needs it. */
  requestTimeoutMs: number;
  /** The first probe after the network went away, and the longest wait between probes. */
  probeMinMs: number;
  networkMaxMs: number;
  /** How long one PATCH should take on a clean link (chunk size = this × measured rate). */
  chunkTargetMs: number;
  /** Nothing pending: at most one print-ready status request this often (a quiet idle link). */
  idlePollMs: number;
  /** How soon to ask again for the verdict of a packet the centre has all bytes of. */
  verdictPollMs: number;
  /** How often to ask whether received packets became print-ready. */
  printReadyPollMs: number;
  /** A sent packet the centre still does not know after this long is uploaded again. */
  lostAfterMs: number;
  /** How often housekeeping (retention) runs. */
  housekeepingMs: number;
  random: () => number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  concurrency: 2,
  backoffBaseMs: 2_000,
  backoffMaxMs: 5 * 60_000,
  stallMs: DEFAULT_LINK_TUNING.stallMinMs,
  requestTimeoutMs: 15_000,
  probeMinMs: 250,
  networkMaxMs: 15_000,
  chunkTargetMs: DEFAULT_LINK_TUNING.chunkTargetMs,
  idlePollMs: 10 * 60_000,
  verdictPollMs: 3_000,
  printReadyPollMs: 15 * 60_000,
  lostAfterMs: 2 * 60_000,
  housekeepingMs: 60 * 60_000,
  random: Math.random,
};

export type NetworkState = 'online' | 'offline' | 'unknown';

export interface SyncDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  log: {
    info(m: string, f?: Record<string, unknown>): void;
    warn(m: string, f?: Record<string, unknown>, e?: unknown): void;
  };
  /** The centre's base URL and whether this station is registered there; null: not configured. */
  target(): SyncTarget | null;
  stationId(): string | null;
  /** Status changed (throttled for progress). */
  onStatus(status: SyncStatus, network: NetworkState): void;
  /** The centre acknowledged a packet (received, duplicate, print-ready) or rejected it. */
  onVerdict?(recordingId: string, packetId: string, status: CentralStatus): void;
  housekeeping?(): void;
  /** The station's signing key (status requests are signed so the centre answers only us). */
  stationPrivateKeyPem(): string;
  /** A TLS key other than the pinned one was met (null: the pinned one works again). */
  onTlsMismatch?(seenPin: string | null): void;
  /** A verdict was refused: unsigned, badly signed, or for another packet/station. */
  onUnverifiedVerdict?(packetId: string, why: string): void;
}

export interface SyncRunner {
  start(): void;
  /** Aborts uploads in flight (the server keeps their bytes) and stops every timer. */
  stop(): void;
  /** Try now: clears the offline backoff and runs a pass. */
  wake(): void;
  setPaused(paused: boolean): void;
  status(): SyncStatus;
  network(): NetworkState;
}
