import { z } from 'zod';
import type { ApprovalDecisionKind, RecordingStatus } from '../domain/records';
import type { Recording, RecordingReview } from './contract-recording';
import { id } from './schema';
import type { MethodSpec } from './schema';

/**
 * The supervisor (approval, recap, freeze rules) part of the contract.
 * contract.ts spreads these into `methods`, `MethodOutputs`, `EventPayloads` and `EVENT_NAMES`.
 */

/** Station settings the supervisor owns. A freeze threshold of 0 switches that rule off. */
export const supervisorSettingsSchema = z.strictObject({
  /** Only approved packets upload when on; otherwise every sealed packet uploads at once. */
  approvalRequiredForUpload: z.boolean(),
  /** Recordings a day the desk is planned for (Serang: 150 queue cards). */
  dailyQuota: z.number().int().min(1).max(5000),
  /** Freeze when this many sealed recordings await approval. */
  freezeMaxAwaitingApproval: z.number().int().min(0).max(100_000),
  /** Freeze when this many packets (approved, or sealed when approval is not required) are neither uploaded nor exported. */
  freezeMaxUnsent: z.number().int().min(0).max(100_000),
  /** Freeze when packets wait and nothing was uploaded or exported for this many hours. */
  freezeMaxHoursWithoutOffload: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
});
export type SupervisorSettings = z.infer<typeof supervisorSettingsSchema>;

/**
 * Defaults of a new station. Approval before upload is on: nothing reaches the centre before a
 * supervisor has looked at it (written at setup; a station set up earlier keeps its setting).
 */
export const DEFAULT_SUPERVISOR_SETTINGS: SupervisorSettings = {
  approvalRequiredForUpload: true,
  dailyQuota: 150,
  freezeMaxAwaitingApproval: 50,
  freezeMaxUnsent: 300,
  freezeMaxHoursWithoutOffload: 72,
};

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const supervisorMethods = {
  /** Sealed recordings for the supervisor: `pending` (no decision yet) or `decided` (newest first). */
  'approval.queue': {
    access: ['supervisor'],
    input: z.strictObject({
      filter: z.enum(['pending', 'decided']).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
  },
  /** One recording with everything captured (photo, ten fingers, signature, data) and flags. */
  'approval.item': { access: ['supervisor'], input: z.strictObject({ id }) },
  'approval.approve': { access: ['supervisor'], input: z.strictObject({ id }) },
  /** The reason goes back to the operator (today list) and into the audit trail's target id only. */
  'approval.reject': {
    access: ['supervisor'],
    input: z.strictObject({ id, reason: z.string().trim().min(5).max(300) }),
  },
  /**
   * The operator redoes a rejected recording: a new draft prefilled with its data (the rejected
   * one stays rejected). Calling it again returns the same draft while it is still a draft.
   */
  'recordings.redo': { access: ['operator'], input: z.strictObject({ id }) },
  /** Why the desk is frozen (new recordings blocked), if it is; the UI polls it. */
  'freeze.status': { access: 'any', input: z.strictObject({}) },
  'supervisor.settings': { access: ['supervisor'], input: z.strictObject({}) },
  'supervisor.setSettings': {
    access: ['supervisor'],
    input: supervisorSettingsSchema.partial(),
  },
  /** The day's recap (default today, local time) and the 30 days before it for the chart. */
  'recap.daily': {
    access: ['supervisor'],
    input: z.strictObject({ date: localDate.optional() }),
  },
} as const satisfies Record<string, MethodSpec>;

export type { ApprovalDecisionKind } from '../domain/records';

export interface ApprovalDecision {
  decision: ApprovalDecisionKind;
  /** The rejection reason (null for an approval). */
  reason: string | null;
  /** Username of the supervisor. */
  by: string;
  at: string;
  /** The draft an operator opened to redo a rejected recording. */
  redoRecordingId: string | null;
}

/** What makes a recording worth a closer look; the UI highlights these. */
export interface ApprovalFlags {
  forcedPhoto: boolean;
  /** Finger positions (1–10) accepted as force-captured. */
  forcedFingers: number[];
  /** Finger positions (1–10) recorded as exceptions (missing, amputated …). */
  fingerExceptions: number[];
  signatureException: boolean;
  /** Data warnings kept on the record (unknown region …). */
  warnings: number;
}

export interface ApprovalItem {
  recordingId: string;
  status: RecordingStatus;
  nik: string;
  name: string;
  operator: string;
  createdAt: string;
  sealedAt: string | null;
  /** The packet is at the centre (sent or answered). */
  uploaded: boolean;
  flags: ApprovalFlags;
  decision: ApprovalDecision | null;
}

export type FreezeRule = 'awaiting-approval' | 'unsent' | 'offload-age';

export interface FreezeCheck {
  rule: FreezeRule;
  /** Recordings awaiting approval; packets unsent; hours without an upload or export. */
  value: number;
  /** The threshold; 0 means the rule is off. */
  limit: number;
  tripped: boolean;
  /** What is wrong and what to do, in the UI language (also when not tripped, for the recap). */
  message: string;
}

export interface FreezeStatus {
  frozen: boolean;
  checks: FreezeCheck[];
  /** One message for the operator's banner: why, and what to do; null when not frozen. */
  message: string | null;
  checkedAt: string;
}

/**
 * The day's recordings in disjoint review buckets that add up to `total`: `approved` is every
 * recording the supervisor approved, whether or not its packet has reached the centre since;
 * `uploaded` is at the centre and not reviewed yet (approval not required for upload); `sealed`
 * awaits review on the station; `rejected` was rejected by the supervisor.
 */
export type StatusCounts = Record<RecordingStatus, number> & { total: number };

export interface RecapOperatorRow {
  username: string;
  fullName: string;
  counts: StatusCounts;
}

export interface RecapVillageRow {
  /** Kemendagri village code (xx.xx.xx.xxxx), '' when the data has none. */
  code: string;
  name: string;
  total: number;
}

export interface RecapQuality {
  /** Finished (non-draft) recordings of the day the figures are about. */
  recordings: number;
  photos: number;
  forcedPhotos: number;
  fingers: number;
  forcedFingers: number;
  fingerExceptions: number;
  signatures: number;
  signatureExceptions: number;
  /** (forced photos + forced fingers) / (photos + fingers captured), 0–1. */
  forcedShare: number;
  /** (finger + signature exceptions) / (fingers + signatures recorded), 0–1. */
  exceptionShare: number;
}

export interface RecapBacklog {
  /** Packets not yet at the centre (queued, not withdrawn). */
  packets: number;
  bytes: number;
  /** Of those, held back because approval is required and they are not approved. */
  heldForApproval: number;
  /** Of those, already exported to a bundle (USB). */
  exported: number;
  oldestSealedAt: string | null;
  oldestRecordingId: string | null;
}

export interface RecapDay {
  /** Local date YYYY-MM-DD. */
  date: string;
  /** Finished (non-draft) recordings created that day. */
  count: number;
}

/** Printed cards reaching residents. */
export interface RecapHandover {
  /** Cards handed over on the recap's day. */
  handedOver: number;
  /** Of those, delivered on a round (antar ke rumah). */
  onRounds: number;
  /** Of those, received by a family member of the same KK. */
  byProxy: number;
  /** Cards waiting at the kecamatan office now, by local days since arrival. */
  waiting: { under7: number; from7to30: number; over30: number; total: number };
}

export interface DailyRecap {
  date: string;
  generatedAt: string;
  counts: StatusCounts;
  byOperator: RecapOperatorRow[];
  byVillage: RecapVillageRow[];
  backlog: RecapBacklog;
  quality: RecapQuality;
  quota: number;
  /** 30 days ending with `date`, oldest first. */
  days: RecapDay[];
  freeze: FreezeStatus;
  handover: RecapHandover;
}

/** A recording under review: the approval item and everything the review screen shows. */
export interface ApprovalDetail {
  item: ApprovalItem;
  review: RecordingReview;
}

export interface SupervisorOutputs {
  'approval.item': ApprovalDetail;
  'recordings.redo': Recording;
  'approval.queue': ApprovalItem[];
  'approval.approve': ApprovalItem;
  'approval.reject': ApprovalItem;
  'freeze.status': FreezeStatus;
  'supervisor.settings': SupervisorSettings;
  'supervisor.setSettings': SupervisorSettings;
  'recap.daily': DailyRecap;
}

export type SupervisorEvents = Record<never, never>;

export const SUPERVISOR_EVENTS = [] as const;
