// The centre's print feed on the station: statements are acted on only once their
// signature verifies under the centre's verdict key, they are for this station, they come after
// the last one applied (a replay is recognised by its place in the feed), and every card they
// name is a packet this station sealed for that recording. A refused statement changes nothing
// and is audit-logged.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { checkPrintStatement } from '../../packets/index';
import type { SignedPrintStatement } from '../../packets/index';
import { cardRefForPacket, upsertBatch, upsertPrintedCard } from '../../store/cards-repo';
import type { CardRef } from '../../store/cards-repo';
import { getSetting, setSetting } from '../../store/settings-repo';
import type { Audit } from '../common/audit';

export const SETTING_PRINT_FEED_CURSOR = 'cards.printFeedCursor';

export type StatementOutcome =
  | 'applied'
  | 'repeat'
  | 'replayed'
  | 'bad-signature'
  | 'wrong-station'
  | 'unknown-card';

export interface FeedApplyResult {
  applied: number;
  refused: number;
  batches: string[];
}

export const feedCursor = (db: Database): number =>
  Number(getSetting(db, SETTING_PRINT_FEED_CURSOR) ?? 0) || 0;

/** The cards a statement names, each resolved to this station's packet and recording. */
function resolveCards(db: Database, s: SignedPrintStatement): CardRef[] | null {
  const named = s.kind === 'card-printed' ? [s] : s.cards;
  const refs: CardRef[] = [];
  for (const c of named) {
    const ref = cardRefForPacket(db, c.packetId);
    if (!ref || ref.packetRecordingId !== c.recordingId) return null;
    refs.push({ recordingId: ref.recordingId, villageCode: ref.villageCode });
  }
  return refs;
}

export function applyStatement(
  db: Database,
  s: SignedPrintStatement,
  ctx: { stationId: string; verdictKeyPem: string; cursor: number; at: string },
): StatementOutcome {
  const check = checkPrintStatement(s, { stationId: ctx.stationId }, ctx.verdictKeyPem);
  if (check !== 'ok') return check;
  if (s.seq <= ctx.cursor) return 'replayed';
  const refs = resolveCards(db, s);
  if (!refs) return 'unknown-card';
  if (s.kind === 'card-printed') {
    return upsertPrintedCard(db, refs[0]!, s.at) ? 'applied' : 'repeat';
  }
  const batch = {
    batchNo: s.batchNo,
    dispatchedAt: s.at,
    declaredCount: s.cards.length,
    verdictJson: JSON.stringify(s),
  };
  return upsertBatch(db, batch, refs, ctx.at) ? 'applied' : 'repeat';
}

/**
 * Applies one page of the feed in one transaction and moves the cursor past it (a refused
 * statement is not asked for again: its signature will not change).
 */
export function applyFeedPage(
  db: Database,
  page: { statements: SignedPrintStatement[]; next: number },
  ctx: { stationId: string; verdictKeyPem: string; at: string; audit: Audit },
): FeedApplyResult {
  return db.transaction(() => {
    const start = feedCursor(db);
    let cursor = start;
    const result: FeedApplyResult = { applied: 0, refused: 0, batches: [] };
    for (const s of page.statements) {
      const outcome = applyStatement(db, s, { ...ctx, cursor });
      if (outcome === 'applied') {
        result.applied++;
        if (s.kind === 'batch-dispatched') {
          result.batches.push(s.batchNo);
          ctx.audit.record(null, 'cards.batch-received', s.batchNo);
        }
      } else if (outcome !== 'repeat') {
        result.refused++;
        ctx.audit.record(null, 'cards.statement-refused', `${s.seq} ${outcome}`);
      }
      if (outcome !== 'replayed' && outcome !== 'wrong-station' && outcome !== 'bad-signature') {
        cursor = Math.max(cursor, s.seq);
      }
    }
    // The page's own end marker is unsigned: only verified statements move the cursor.
    if (cursor !== start) setSetting(db, SETTING_PRINT_FEED_CURSOR, String(cursor));
    return result;
  })();
}
