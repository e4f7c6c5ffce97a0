import { z } from 'zod';
import { HEAD_TITLES } from './contract-exports';
import { id } from './schema';
import type { MethodSpec } from './schema';

/**
 * The office: one station is the office hub (one queue, one TV board, one recap);
 * the other desks pair with it over the LAN. contract.ts spreads these into `methods` and
 * `MethodOutputs`.
 */
export const officeMethods = {
  /** What this station is in the office (alone, hub, desk) and how the link is. */
  'office.status': { access: 'any', input: z.strictObject({}) },
  /** Makes this station the office hub (starts its LAN service); audit-logged. */
  'office.becomeHub': { access: ['technician'], input: z.strictObject({}) },
  /** A fresh pairing code (valid 10 minutes, a few attempts) with the hub's key fingerprint. */
  'office.pairingCode': { access: ['technician'], input: z.strictObject({}) },
  /** The desks paired with this hub: last seen, clock skew, version. */
  'office.desks': { access: ['technician', 'supervisor'], input: z.strictObject({}) },
  /** The office's day on the hub: every desk's recordings by desk, operator and village. */
  'office.recap': {
    access: ['supervisor'],
    input: z.strictObject({
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
  },
  /**
   * The hub supervisor's decision on a recording of any desk: it travels to the desk holding
   * the packet at its next contact, which applies it (and uploads an approved packet).
   */
  'office.decide': {
    access: ['supervisor'],
    input: z.strictObject({
      recordingId: id,
      decision: z.enum(['approved', 'rejected']),
      reason: z.string().trim().min(5).max(300).optional(),
    }),
  },
  /** The office's "Laporan Harian Perekaman KTP-el" (PDF) by desk, operator and village. */
  'office.report': {
    access: ['supervisor'],
    input: z.strictObject({
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      headTitle: z.enum(HEAD_TITLES).optional(),
      headName: z.string().trim().max(80).optional(),
    }),
  },
  /** Refuses a desk from now on (stolen PC, desk retired); audit-logged. */
  'office.unpair': { access: ['technician'], input: z.strictObject({ stationId: id }) },
  /** Hubs answering on the LAN (mDNS), to pick one instead of typing its address. */
  'office.discover': { access: ['technician'], input: z.strictObject({}) },
  /** Pairs this desk with a hub: its address and the code shown on the hub's screen. */
  'office.join': {
    access: ['technician'],
    input: z.strictObject({
      url: z.string().trim().min(4).max(200),
      code: z.string().trim().min(8).max(20),
      /** The fingerprint of a hub picked from discovery: pairing refuses a hub with another key. */
      fingerprint: z
        .string()
        .regex(/^[0-9A-F ]{8,64}$/)
        .optional(),
    }),
  },
  /** Forgets the hub: the desk works alone again; audit-logged. */
  'office.leave': { access: ['technician'], input: z.strictObject({}) },
} as const satisfies Record<string, MethodSpec>;

export interface OfficeHubLink {
  url: string;
  hubName: string;
  /** The hub's Ed25519 station key fingerprint, to compare with the hub's screen. */
  hubFingerprint: string;
  deskNo: number;
  /** "Meja 2": what the TV shows for this desk. */
  label: string;
  pairedAt: string;
  /** The last exchange with the hub succeeded. */
  connected: boolean;
  lastContactAt: string | null;
  /** Why the hub could not be reached or refused (plain words), when it did. */
  problem: string | null;
}

export interface OfficeHubService {
  /** Addresses desks can use (one per LAN interface, and loopback). */
  urls: string[];
  /** The TV board page, with its read-only credential in the fragment. */
  boardUrl: string;
  fingerprint: string;
  tlsPin: string;
}

export interface OfficeStatus {
  role: 'alone' | 'hub' | 'desk';
  /** On a desk: its link to the hub. */
  hub: OfficeHubLink | null;
  /** On the hub: its LAN service (null until it is listening). */
  service: OfficeHubService | null;
}

export interface PairingCode {
  code: string;
  expiresAt: string;
  fingerprint: string;
  tlsPin: string;
  urls: string[];
}

/** A hub found on the LAN by mDNS (what it says of itself; pairing proves it). */
export interface DiscoveredHub {
  name: string;
  stationId: string;
  fingerprint: string;
  /** Its addresses as https URLs, IPv4 first. */
  urls: string[];
}

export interface OfficeDesk {
  stationId: string;
  stationName: string;
  deskNo: number;
  label: string;
  pairedAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** Desk clock minus hub clock, ms (positive: the desk is ahead). */
  skewMs: number | null;
  /** Skew over a minute: card times and reports depend on it. */
  skewFlagged: boolean;
  version: string | null;
  fingerprint: string;
}

export interface OfficeRecapGroup {
  /** "Meja 2", "Meja 2 · budi", or the village code and name. */
  key: string;
  total: number;
  /** Sealed, approved or uploaded. */
  sealed: number;
}

/** One recording of a desk as the hub knows it (metadata only, NIK masked). */
export interface OfficeRecapRecording {
  recordingId: string;
  desk: string;
  operator: string;
  village: string;
  nikMasked: string;
  status: 'draft' | 'sealed' | 'approved' | 'rejected' | 'uploaded';
  /** A decision made on the hub that the desk has not fetched yet. */
  decisionSent: 'approved' | 'rejected' | null;
}

export interface OfficeRecap {
  date: string;
  recordings: OfficeRecapRecording[];
  total: number;
  sealed: number;
  byDesk: OfficeRecapGroup[];
  byOperator: OfficeRecapGroup[];
  byVillage: OfficeRecapGroup[];
}

export interface OfficeDecisionSent {
  recordingId: string;
  decision: 'approved' | 'rejected';
  /** Label of the desk holding the recording ("Meja 2"). */
  desk: string;
}

export interface OfficeReport {
  fileName: string;
  /** The PDF itself, for the renderer to save. */
  base64: string;
  pages: number;
  /** Recordings counted in it. */
  total: number;
}

export interface OfficeOutputs {
  'office.report': OfficeReport;
  'office.recap': OfficeRecap;
  'office.decide': OfficeDecisionSent;
  'office.status': OfficeStatus;
  'office.becomeHub': OfficeStatus;
  'office.pairingCode': PairingCode;
  'office.desks': OfficeDesk[];
  'office.unpair': OfficeDesk;
  'office.discover': DiscoveredHub[];
  'office.join': OfficeStatus;
  'office.leave': OfficeStatus;
}
