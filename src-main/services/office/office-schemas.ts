// The office's wire formats and stored shapes: settings keys, the hub request and reply schemas
// (zod, strict), the desk's stored link, and the desk numbering (labels, own card ranges).
import { z } from 'zod';
import type { MethodName } from '../../api/contract';
import type { Reply } from '../../api/reply';
import { DESK_RANGE_START } from '../../store/queue-repo';
import type { Actor } from '../common/audit';

export const SETTING_ROLE = 'office_role';
export const SETTING_TLS = 'office_hub_tls';
export const SETTING_BOARD = 'office_board_token';
export const SETTING_LINK = 'office_hub_link';
/** On the hub: decisions made here, waiting for their desk to fetch them. */
export const SETTING_DECISIONS = 'office_pending_decisions';
/** On a desk: the hub supervisor's stand-in user for decisions applied from the hub. */
export const HUB_ACCOUNT = { id: 'OFFICEHUB', username: 'kantor.hub' } as const;

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_ATTEMPTS = 5;
export const SKEW_FLAG_MS = 60_000;
/** The queue methods a desk asks the hub for (the hub's queue is the office's queue). */
export const FORWARDED_QUEUE_METHODS = [
  'queue.cards',
  'queue.card',
  'queue.callNext',
  'queue.recall',
  'queue.skip',
  'queue.noShow',
  'queue.undoNoShow',
  'queue.board',
  'queue.linkRecording',
] as const satisfies readonly MethodName[];
export type ForwardedMethod = (typeof FORWARDED_QUEUE_METHODS)[number];

export type AnyHandler = (
  input: never,
  ctx: { actor: Actor | null },
) => Reply<unknown> | Promise<Reply<unknown>>;

export interface PendingDecision {
  stationId: string;
  decision: 'approved' | 'rejected';
  reason: string | null;
  by: string;
}

export const hubDecisionSchema = z.strictObject({
  recordingId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().max(300).nullable(),
  by: z.string().max(64),
  at: z.string().max(40),
  nonce: z.string().max(64),
  signature: z.string().max(200),
});
export const decisionsReplySchema = z.strictObject({
  decisions: z.array(hubDecisionSchema).max(500),
});
export const decisionsAckSchema = z.strictObject({
  done: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(500),
});

export interface HubTls {
  certPem: string;
  keyPem: string;
  pin: string;
}

export interface StoredLink {
  url: string;
  pin: string;
  hubStationId: string;
  hubName: string;
  hubPublicKey: string;
  deskNo: number;
  pairedAt: string;
}

export const pairRequestSchema = z.strictObject({
  stationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  stationName: z.string().min(1).max(80),
  publicKey: z.string().min(20).max(400),
  version: z.string().max(40),
  at: z.string().max(40),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  mac: z.string().max(100),
});

export const pairReplySchema = z.strictObject({
  hubStationId: z.string().max(64),
  hubName: z.string().max(80),
  hubPublicKey: z.string().max(400),
  tlsPin: z.string().regex(/^[0-9a-f]{64}$/),
  deskNo: z.number().int().min(1).max(99),
  mac: z.string().max(100),
});

export const reconcileCard = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  lane: z.enum(['regular', 'priority']),
  seq: z.number().int().min(DESK_RANGE_START).max(100_000),
  priorityReason: z.string().max(40).nullable(),
  nik: z
    .string()
    .regex(/^\d{16}$/)
    .nullable(),
  name: z.string().min(1).max(120),
  phone: z.string().max(20).nullable(),
  address: z.string().max(200).nullable(),
  status: z.enum(['waiting', 'called', 'skipped', 'served', 'no-show']),
  issuedAt: z.string().max(40),
  calledAt: z.string().max(40).nullable(),
  callCount: z.number().int().min(0).max(1000),
  servedAt: z.string().max(40).nullable(),
});
export const reconcileSchema = z.strictObject({ cards: z.array(reconcileCard).max(2000) });

/** A desk's own number range for walk-ins while the hub is down: Meja 2 → A-2001, A-2002 … */
export const deskRange = (deskNo: number) => ({
  from: deskNo * DESK_RANGE_START,
  to: (deskNo + 1) * DESK_RANGE_START,
});

export const recordingsSchema = z.strictObject({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  recordings: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
        status: z.enum(['draft', 'sealed', 'approved', 'rejected', 'uploaded']),
        operator: z.string().min(1).max(32),
        villageCode: z.string().max(13),
        // Masked on the desk: the hub never holds a full NIK.
        nikMasked: z
          .string()
          .regex(/^(\d{4}\*{8}\d{4}|\**)$/)
          .max(32),
        createdAt: z.string().max(40),
        /** The office card the recording was started for. */
        cardId: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/)
          .nullable()
          .optional(),
      }),
    )
    .max(5000),
});

export const helloSchema = z.strictObject({ version: z.string().max(40), at: z.string().max(40) });
export const queueCallSchema = z.strictObject({
  method: z.enum(FORWARDED_QUEUE_METHODS),
  input: z.unknown(),
});

export const deskLabel = (deskNo: number) => `Meja ${deskNo}`;
