// The shapes of the centre's JSON replies. Nothing from the centre is used before it passes
// one of these (after being read with the 64 KiB cap in central-http.ts).
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const CENTRAL_STATUSES = ['received', 'duplicate', 'rejected', 'print-ready'] as const;

/** The signed verdict the centre attaches to every packet status answer. */
export const signedVerdictSchema = z.object({
  stationId: id,
  packetId: id,
  status: z.enum(CENTRAL_STATUSES),
  reason: z.string().max(300).nullable(),
  at: z.iso.datetime({ offset: true }),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});

/** GET /api/packets/:id */
export const packetStatusReplySchema = z.object({
  packetId: id,
  verdict: signedVerdictSchema,
});

/** POST /api/stations/register (200) */
export const registerReplySchema = z.object({
  stationId: id,
  registeredAt: z.iso.datetime({ offset: true }),
});

/** POST /api/stations/register (4xx) */
export const registerErrorSchema = z.object({ error: z.string().max(64) });
