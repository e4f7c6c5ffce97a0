import { z } from 'zod';
import { PROXY_RELATIONS } from '../domain/handover';
import type { HandoverKind, ProxyRelation } from '../domain/handover';
import { id, text } from './schema';
import type { MethodSpec } from './schema';

/**
 * Handing the printed card over, at the counter or on a delivery round:
 * find the resident among the cards at the office, check identity 1:1 by fingerprint (or record
 * a visual check), a proxy from the same family card when the supervisor allows it, the
 * recipient's signature, then the signed handover record and its receipt.
 * contract.ts spreads these into `methods` and `MethodOutputs`.
 */

const kind = z.enum(['counter', 'round']);

export const proxySchema = z.strictObject({
  name: text(80),
  nik: z.string().max(32),
  relation: z.enum(PROXY_RELATIONS),
  kk: z.string().max(32),
});

export const handoverMethods = {
  /** Cards at the office (or on a round) by NIK, name or the receipt's packet number. */
  'handover.find': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ query: z.string().trim().min(1).max(80) }),
  },
  /** The receipt's QR code (webcam or a keyboard-like barcode scanner): its packet number. */
  'handover.scan': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ code: z.string().max(200) }),
  },
  /** One resident's card with the photo taken at recording and the fingers kept for the check. */
  'handover.open': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id, kind, roundId: id.optional() }),
  },
  /** The resident places the finger: live capture, the stored template downloaded, Match. */
  'handover.verifyFinger': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id, finger: z.number().int().min(1).max(10) }),
  },
  'handover.cancelFinger': { access: ['operator', 'supervisor'], input: z.strictObject({}) },
  /** Fingers that cannot be checked (worn, injured): the clerk's visual check with a reason. */
  'handover.visualCheck': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id, reason: z.string().trim().min(5).max(300) }),
  },
  /** A proxy from the same family card; checked against the policy and the resident's KK. */
  'handover.setProxy': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id, proxy: proxySchema.nullable() }),
  },
  /** Signing on the pad for the recipient: points stream as `signature.points`. */
  'handover.signStart': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id }),
  },
  'handover.signClear': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id }),
  },
  'handover.signAccept': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id }),
  },
  /** Records the handover, purges what was kept for the check, prints the receipt. */
  'handover.complete': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id }),
  },
  'handover.receipt': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ recordingId: id }),
  },
  /** Simulated scanner only: the resident presents this finger instead of the one asked for. */
  'handover.simulateFinger': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ finger: z.number().int().min(1).max(10) }),
  },
  'handover.policy': { access: ['operator', 'supervisor'], input: z.strictObject({}) },
  'handover.setPolicy': {
    access: ['supervisor'],
    input: z.strictObject({ proxyAllowed: z.boolean() }),
  },
} as const satisfies Record<string, MethodSpec>;

export type ProxyDetails = z.infer<typeof proxySchema>;

export interface HandoverCandidate {
  recordingId: string;
  name: string;
  nik: string;
  /** Card stock state: 'at_office', 'on_round', 'handed_over' … */
  cardState: string;
  recordedAt: string;
  villageCode: string;
  handedOverAt: string | null;
}

export interface HandoverCase {
  candidate: HandoverCandidate;
  kind: HandoverKind;
  roundId: string | null;
  /** The photo taken at recording (JPEG data: URL); null once purged. */
  photoDataUrl: string | null;
  /** Fingers whose templates were kept for the check (empty: visual check only). */
  fingers: number[];
  /** The verification so far in this handover (in memory until completed). */
  verified: {
    method: 'fingerprint' | 'visual';
    finger: number | null;
    score: number | null;
  } | null;
  fingerTriesLeft: number;
  proxy: ProxyDetails | null;
  proxyAllowed: boolean;
  signed: { imageDataUrl: string } | null;
  /** Scanner state for the screen: simulated scanners are shown as such. */
  scanner: 'connected' | 'simulated' | 'unavailable';
}

export interface FingerCheck {
  matched: boolean;
  score: number;
  finger: number;
  triesLeft: number;
  /** The reason in the UI language when refused. */
  message: string;
}

export interface HandoverDone {
  handoverId: string;
  recordingId: string;
  handedOverAt: string;
  receiptPdfBase64: string;
}

export interface HandoverOutputs {
  'handover.find': HandoverCandidate[];
  'handover.scan': HandoverCandidate;
  'handover.open': HandoverCase;
  'handover.verifyFinger': FingerCheck;
  'handover.cancelFinger': null;
  'handover.visualCheck': HandoverCase;
  'handover.setProxy': HandoverCase;
  'handover.signStart': null;
  'handover.signClear': null;
  'handover.signAccept': HandoverCase;
  'handover.complete': HandoverDone;
  'handover.receipt': { pdfBase64: string };
  'handover.simulateFinger': null;
  'handover.policy': { proxyAllowed: boolean };
  'handover.setPolicy': { proxyAllowed: boolean };
}

export type { HandoverKind, ProxyRelation };
