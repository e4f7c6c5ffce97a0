import { z } from 'zod';
import type { SyncStatus } from '../domain/records';
import type { MethodSpec } from './schema';

/**
 * Sending packets to the centre: the sync queue's status, pausing and nudging it, and the
 * centre's address, keys and registration. contract.ts spreads these into `methods`,
 * `MethodOutputs`, `EventPayloads` and `EVENT_NAMES`.
 */

export const syncMethods = {
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
} as const satisfies Record<string, MethodSpec>;

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

export interface SyncOutputs {
  'sync.status': SyncStatus;
  'sync.setPaused': SyncStatus;
  'sync.now': SyncStatus;
  'central.config': CentralConfig;
  'central.setConfig': CentralConfig;
  'central.register': CentralConfig;
  'central.repin': CentralConfig;
}

export interface SyncEvents {
  'sync.progress': SyncStatus;
}

export const SYNC_EVENTS = ['sync.progress'] as const;
