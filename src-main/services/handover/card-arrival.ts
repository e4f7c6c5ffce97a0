// Cards arriving: the centre's print feed read on a timer and on demand,
// the batches on their way, and the supervisor's arrival check (count, missing cards), audited.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type {
  BatchDetail,
  CardBatches,
  CardFeedResult,
  CardOutputs,
} from '../../api/contract-cards';
import type { MethodInput } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { checkArrivalCount } from '../../domain/cards';
import type { Locale } from '../../domain/i18n';
import {
  batchCards,
  confirmBatchArrival,
  getBatch,
  listAtOffice,
  listBatches,
  setCardState,
} from '../../store/cards-repo';
import { getSetting, setSetting } from '../../store/settings-repo';
import { CentralTlsError, ReplyShapeError, createCentralClient } from '../../sync/central-http';
import { PrintFeedHttpError, fetchPrintFeed } from '../../sync/card-feed';
import type { Actor, Audit } from '../common/audit';
import type { Central } from '../sync/central';
import { baseUrl } from '../sync/central';
import type { Logger } from '../common/log';
import { applyFeedPage, feedCursor } from './card-feed';
import { handoverText } from './messages';

const SETTING_LAST_FEED = 'cards.lastFeedAt';
/** Pages read per poll: a station away for weeks catches up over a few polls. */
const MAX_PAGES = 25;

export type CardMethod = keyof CardOutputs;
export type CardHandlers = {
  [M in CardMethod]: (
    input: MethodInput<M>,
    ctx: { actor: Actor | null },
  ) => Reply<CardOutputs[M]> | Promise<Reply<CardOutputs[M]>>;
};

export interface CardArrivalDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  central: Central;
  stationId: () => string | null;
  regionName: (code: string) => string;
  /** How often the feed is read in the background (default 15 minutes). */
  pollMs?: number;
}

export interface CardArrival {
  handlers: CardHandlers;
  /** Reads the feed now (all pages up to a bound). */
  refresh(): Promise<Reply<CardFeedResult>>;
  start(): void;
  stop(): void;
}

export function createCardArrival(deps: CardArrivalDeps): CardArrival {
  const { db, audit } = deps;
  const L = () => deps.locale();
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<Reply<CardFeedResult>> | null = null;

  async function readFeed(): Promise<Reply<CardFeedResult>> {
    const t = deps.central.target();
    const stationId = deps.stationId();
    if (!t || !t.registered || !stationId) {
      return fail('VALIDATION', handoverText(L(), 'notConfigured'));
    }
    const client = createCentralClient({ url: baseUrl(t.url), pin: t.tlsPin });
    const total: CardFeedResult = { applied: 0, refused: 0, batches: [] };
    try {
      let after = feedCursor(db);
      for (let page = 0; page < MAX_PAGES; page++) {
        const p = await fetchPrintFeed(client, {
          stationId,
          privateKeyPem: deps.central.stationKeys().privateKeyPem,
          after,
          now: deps.now(),
        });
        if (p.statements.length === 0) break;
        const r = applyFeedPage(db, p, {
          stationId,
          verdictKeyPem: t.verdictKeyPem,
          at: deps.now().toISOString(),
          audit,
        });
        total.applied += r.applied;
        total.refused += r.refused;
        total.batches.push(...r.batches);
        after = Math.max(p.next, feedCursor(db));
      }
      setSetting(db, SETTING_LAST_FEED, deps.now().toISOString());
      if (total.applied || total.refused)
        deps.log.info('print feed read', { ...total, batches: total.batches.length });
      return ok(total);
    } catch (err) {
      if (
        err instanceof PrintFeedHttpError ||
        err instanceof ReplyShapeError ||
        err instanceof CentralTlsError
      ) {
        const detail =
          err instanceof PrintFeedHttpError
            ? `HTTP ${err.status}`
            : err instanceof CentralTlsError
              ? 'TLS'
              : 'format';
        deps.log.warn('print feed refused', { detail });
        return fail('DEVICE', handoverText(L(), 'feedTrouble', { detail }));
      }
      deps.log.warn('print feed unreachable', {
        error: err instanceof Error ? err.message.slice(0, 120) : 'unknown',
      });
      return fail('DEVICE', handoverText(L(), 'feedOffline'));
    } finally {
      client.close();
    }
  }

  function refresh(): Promise<Reply<CardFeedResult>> {
    running ??= readFeed().finally(() => {
      running = null;
    });
    return running;
  }

  function detail(batchNo: string): BatchDetail | null {
    const batch = getBatch(db, batchNo);
    if (!batch) return null;
    const cards = batchCards(db, batchNo).map((c) => ({
      ...c,
      villageName: deps.regionName(c.villageCode),
    }));
    return { batch, cards };
  }

  const handlers: CardHandlers = {
    'cards.batches': () => {
      const out: CardBatches = {
        onTheWay: listBatches(db, 'dispatched'),
        arrived: listBatches(db, 'arrived', 20),
        lastFeedAt: getSetting(db, SETTING_LAST_FEED),
      };
      return ok(out);
    },
    'cards.batch': (input) => {
      const d = detail(input.batchNo);
      return d
        ? ok(d)
        : fail('NOT_FOUND', handoverText(L(), 'batchNotFound', { batchNo: input.batchNo }));
    },
    'cards.refresh': () => refresh(),
    'cards.confirmArrival': (input, { actor }) => {
      const batch = getBatch(db, input.batchNo);
      if (!batch)
        return fail('NOT_FOUND', handoverText(L(), 'batchNotFound', { batchNo: input.batchNo }));
      if (batch.state === 'arrived') {
        return fail(
          'CONFLICT',
          handoverText(L(), 'batchAlreadyArrived', { batchNo: input.batchNo }),
        );
      }
      const inBatch = new Set(batchCards(db, input.batchNo).map((c) => c.recordingId));
      const missing = [...new Set(input.missing)];
      if (missing.some((m) => !inBatch.has(m))) {
        return fail('VALIDATION', handoverText(L(), 'notInBatch', { batchNo: input.batchNo }));
      }
      const count = checkArrivalCount(batch.declaredCount, input.receivedCount, missing);
      if (!count.ok) {
        return fail(
          'VALIDATION',
          handoverText(L(), 'countShort', {
            received: input.receivedCount,
            unaccounted: count.unaccounted,
          }),
        );
      }
      const at = deps.now().toISOString();
      const done = db.transaction(() => {
        const r = confirmBatchArrival(db, {
          batchNo: input.batchNo,
          at,
          confirmedBy: actor!.username,
          receivedCount: input.receivedCount,
          discrepancy: count.discrepancy,
        });
        if (!r) return false;
        audit.record(actor, 'cards.batch-arrived', input.batchNo);
        for (const m of missing) audit.record(actor, 'cards.marked-missing', m);
        return true;
      })();
      if (!done)
        return fail(
          'CONFLICT',
          handoverText(L(), 'batchAlreadyArrived', { batchNo: input.batchNo }),
        );
      return ok(detail(input.batchNo)!);
    },
    'cards.markMissing': (input, { actor }) => {
      const done = db.transaction(() => {
        const r = setCardState(db, input.recordingId, 'missing', deps.now().toISOString(), [
          'at_office',
        ]);
        if (r) audit.record(actor, 'cards.marked-missing', input.recordingId);
        return r;
      })();
      return done ? ok(null) : fail('CONFLICT', handoverText(L(), 'cardNotAtOffice'));
    },
    'cards.atOffice': (input) =>
      ok(
        listAtOffice(db, { ...input, limit: 500 }).map((c) => ({
          ...c,
          villageName: deps.regionName(c.villageCode),
        })),
      ),
  };

  return {
    handlers,
    refresh,
    start() {
      if (timer) return;
      stopped = false;
      const tick = () => {
        // The station may have closed its store since this tick was planned.
        if (stopped) return;
        void refresh().then((r) => {
          if (!r.ok && r.error.code !== 'VALIDATION')
            deps.log.info('print feed later', { code: r.error.code });
        });
      };
      timer = setInterval(tick, deps.pollMs ?? 15 * 60_000);
      timer.unref();
      first = setTimeout(tick, 5_000);
      first.unref();
    },
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
      timer = null;
      first = null;
    },
  };
}
