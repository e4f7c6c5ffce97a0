// The station's side of the centre's print feed: one signed GET for the statements
// after the last one this station has, read with the 64 KiB cap and checked with zod. What the
// statements mean (and whether their signatures hold) is decided by the caller.
import { z } from 'zod';
import { stationRequestHeaders } from '../packets/index';
import type { SignedPrintStatement } from '../packets/index';
import type { CentralClient } from './central-http';
import { parseReply } from './central-http';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const at = z.iso.datetime({ offset: true });
const signature = z.string().regex(/^[A-Za-z0-9+/]{86}==$/);
const seq = z.number().int().positive();

const cardPrinted = z.strictObject({
  kind: z.literal('card-printed'),
  stationId: id,
  seq,
  packetId: id,
  recordingId: id,
  at,
  signature,
});
const batchDispatched = z.strictObject({
  kind: z.literal('batch-dispatched'),
  stationId: id,
  seq,
  batchNo: id,
  at,
  cards: z
    .array(z.strictObject({ packetId: id, recordingId: id }))
    .min(1)
    .max(200),
  signature,
});

/** GET /api/print-feed/:after */
export const printFeedReplySchema = z.object({
  statements: z.array(z.discriminatedUnion('kind', [cardPrinted, batchDispatched])).max(50),
  next: z.number().int().nonnegative(),
});

export type PrintFeedPage = { statements: SignedPrintStatement[]; next: number };

export class PrintFeedHttpError extends Error {
  constructor(readonly status: number) {
    super(`print feed: HTTP ${status}`);
  }
}

/** One page of this station's feed after `after`; throws on no answer, HTTP errors or garbage. */
export async function fetchPrintFeed(
  client: CentralClient,
  s: { stationId: string; privateKeyPem: string; after: number; now: Date; timeoutMs?: number },
): Promise<PrintFeedPage> {
  const path = `/api/print-feed/${Math.max(0, Math.floor(s.after))}`;
  const reply = await client.request(path, {
    headers: stationRequestHeaders('GET', path, s.stationId, s.privateKeyPem, s.now),
    timeoutMs: s.timeoutMs ?? 15_000,
  });
  if (reply.status !== 200) throw new PrintFeedHttpError(reply.status);
  return parseReply(reply, printFeedReplySchema);
}
