/**
 * Runs the store's read queries the way the screens, the freeze check, the runner and retention
 * do, records every statement with its parameters, and asks SQLite for each plan: a full SCAN of
 * a table that grows with history is a query that gets slower every day the desk works.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  countAwaiting,
  listDecided,
  listPending,
  unsentFigures,
} from '../../src-main/store/approvals-repo';
import {
  dueUploads,
  nextDueAt,
  outboxTotals,
  purgeCandidates,
  rangePackets,
  statusPollCandidates,
} from '../../src-main/store/outbox-repo';
import {
  finishedPerRange,
  recapBacklog,
  recapHandovers,
  recapQuality,
  recapStatusRows,
  recapVillages,
} from '../../src-main/store/recap-repo';
import {
  countRecordingsBetween,
  listRecordingsBetween,
} from '../../src-main/store/recordings-repo';
import { abandonedDrafts } from '../../src-main/store/retention-repo';
import { cardsOfDate, searchCards } from '../../src-main/store/queue-repo';
import { listAtOffice, villagesWithCards } from '../../src-main/store/cards-repo';
import { bundleCandidates, listExportRows } from '../../src-main/services/exports/data';
import { listAudit } from '../../src-main/store/audit-repo';
import { listRounds, roundCandidates, roundItems } from '../../src-main/store/rounds-repo';

/** Tables whose rows accumulate with every recording. */
export const HISTORY_TABLES = [
  'recordings',
  'photos',
  'photo_attempts',
  'fingerprints',
  'finger_attempts',
  'signatures',
  'outbox',
  'outbox_packets',
  'approvals',
  'audit_log',
  'queue_cards',
  'queue_calls',
  'prereg_entries',
  'exports_log',
  'cards',
  'handovers',
  'round_items',
];

export interface Recorded {
  name: string;
  sql: string;
  params: unknown[];
}

/** A view of `db` whose statements report their SQL and parameters when run. */
function recording(db: Database, name: string, out: Recorded[]): Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver) as unknown;
      return (sql: string) => {
        const stmt = target.prepare(sql);
        return new Proxy(stmt, {
          get(s, p, r) {
            const v = Reflect.get(s, p, r) as unknown;
            if ((p === 'all' || p === 'get' || p === 'iterate') && typeof v === 'function') {
              return (...params: unknown[]) => {
                out.push({ name, sql, params });
                return (v as (...a: unknown[]) => unknown).apply(s, params);
              };
            }
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(s) : v;
          },
        });
      };
    },
  });
}

export interface QueryArgs {
  /** Local-day bounds of "today" (UTC ISO) and the 30-day window start. */
  dayFrom: string;
  dayTo: string;
  windowFrom: string;
  monthFrom: string;
  now: string;
  purgeBefore: string;
  nik: string;
  name: string;
  date: string;
}

/** Every store read a screen, the freeze check, the runner or retention makes; named. */
export const STORE_READS: Record<string, (db: Database, a: QueryArgs) => unknown> = {
  'approval pending': (db) => listPending(db, 200),
  'approval decided': (db) => listDecided(db, 200),
  'freeze awaiting': (db) => countAwaiting(db),
  'freeze unsent': (db) => unsentFigures(db, false),
  'recap statuses': (db, a) => recapStatusRows(db, a.dayFrom, a.dayTo),
  'recap villages': (db, a) => recapVillages(db, a.dayFrom, a.dayTo),
  'recap backlog': (db) => recapBacklog(db),
  'recap quality': (db, a) => recapQuality(db, a.dayFrom, a.dayTo),
  'recap handovers': (db, a) =>
    recapHandovers(db, {
      fromIso: a.dayFrom,
      toIso: a.dayTo,
      under7From: a.windowFrom,
      over30Before: a.monthFrom,
    }),
  'recap 30 days': (db, a) => finishedPerRange(db, [[a.windowFrom, a.dayTo]]),
  'runner due': (db, a) => dueUploads(db, a.now, 2, []),
  'runner next due': (db) => nextDueAt(db),
  'runner poll': (db) => statusPollCandidates(db, 20),
  'runner totals': (db) => outboxTotals(db),
  'retention packets': (db, a) => purgeCandidates(db, a.purgeBefore, 25),
  'retention drafts': (db, a) => abandonedDrafts(db, a.purgeBefore, 25),
  'today list': (db, a) => listRecordingsBetween(db, a.dayFrom, a.dayTo, null),
  'today search': (db, a) => listRecordingsBetween(db, a.dayFrom, a.dayTo, 'BUDI'),
  'export preview count': (db, a) => countRecordingsBetween(db, a.monthFrom, a.dayTo),
  'export preview packets': (db, a) => rangePackets(db, a.monthFrom, a.dayTo),
  'bundle packets': (db, a) => bundleCandidates(db, a.dayFrom, a.dayTo),
  'export rows': (db, a) => listExportRows(db, a.dayFrom, a.dayTo),
  'desk search nik': (db, a) => searchCards(db, a.nik, 50),
  'desk search name': (db, a) => searchCards(db, a.name, 50),
  'queue of the day': (db, a) => cardsOfDate(db, a.date),
  'audit list': (db) => listAudit(db, 100),
  'village picker': (db) => villagesWithCards(db),
  'village list': (db) => listAtOffice(db, { villageCode: '32.01.01.1001', limit: 20_000 }),
  'round candidates': (db, a) =>
    roundCandidates(db, { villageCode: null, arrivedBefore: a.now, all: false, limit: 500 }),
  'round items': (db) => roundItems(db, 'P1'),
  'rounds list': (db) => listRounds(db, 20),
};

export interface Scan {
  name: string;
  sql: string;
  detail: string;
}

/**
 * Runs every read and returns the plan lines that walk a history table: a plain SCAN, or a
 * SCAN through an index when the query has no LIMIT to stop it.
 */
export function historyScans(db: Database, args: QueryArgs): Scan[] {
  const recorded: Recorded[] = [];
  for (const [name, read] of Object.entries(STORE_READS)) read(recording(db, name, recorded), args);
  const partial = new Set(
    (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'")
        .all() as { name: string }[]
    ).map((r) => r.name),
  );
  const scans: Scan[] = [];
  for (const r of recorded) {
    // Plans name a table by its alias: map aliases back (FROM recordings r, JOIN outbox AS o).
    const alias = new Map<string, string>();
    for (const m of r.sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
      alias.set(m[1]!, m[1]!);
      if (m[2] && !/^(WHERE|JOIN|LEFT|ON|ORDER|GROUP|LIMIT|INNER|CROSS)$/i.test(m[2])) {
        alias.set(m[2], m[1]!);
      }
    }
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.params) as {
      detail: string;
    }[];
    for (const { detail } of plan) {
      const m = /^SCAN (\w+)(?: AS \w+)?( USING (?:COVERING )?INDEX \w+)?/.exec(detail);
      const table = m ? (alias.get(m[1]!) ?? m[1]!) : '';
      if (!m || !HISTORY_TABLES.includes(table)) continue;
      // Walking an index (or the rowid, with no condition) in the wanted order stops at LIMIT;
      // a partial index holds only the rows the query is about (the backlog, the awaiting).
      const limited = /\bLIMIT\b/i.test(r.sql);
      const index = /INDEX (\w+)/.exec(m[2] ?? '')?.[1];
      const bounded =
        (index !== undefined && partial.has(index)) ||
        (limited && (m[2] !== undefined || !/\bWHERE\b/i.test(r.sql)));
      if (!bounded) scans.push({ name: r.name, sql: r.sql.replace(/\s+/g, ' '), detail });
    }
  }
  return scans;
}
