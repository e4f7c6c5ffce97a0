// The supervisor's daily recap: what the desk did today, what is still on the station,
// how clean the captures were, and the last 30 days against the quota.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RecordingStatus } from '../../api/contract';
import type {
  DailyRecap,
  FreezeStatus,
  RecapBacklog,
  RecapDay,
  RecapHandover,
  RecapQuality,
  StatusCounts,
} from '../../api/contract-supervisor';
import { ok } from '../../api/reply';
import {
  finishedPerRange,
  recapBacklog,
  recapHandovers,
  recapQuality,
  recapStatusRows,
  recapVillages,
} from '../../store/recap-repo';
import { readSupervisorSettings } from './freeze';
import { localDateKey } from '../../domain/format-date';
import { waitingCuts } from '../../domain/cards';
import type { HandlersFor } from '../../api/handlers';

const STATUSES: readonly RecordingStatus[] = [
  'draft',
  'sealed',
  'approved',
  'rejected',
  'uploaded',
];

const emptyCounts = (): StatusCounts => ({
  draft: 0,
  sealed: 0,
  approved: 0,
  rejected: 0,
  uploaded: 0,
  total: 0,
});

export { localDateKey };

/** Start of the local day `key` (YYYY-MM-DD) plus `offsetDays`. */
function localDayStart(key: string, offsetDays = 0): Date {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + offsetDays);
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

export function computeRecap(
  db: Database,
  opts: { date: string; now: Date; regionName: (code: string) => string; freeze: FreezeStatus },
): DailyRecap {
  const from = localDayStart(opts.date).toISOString();
  const to = localDayStart(opts.date, 1).toISOString();
  const settings = readSupervisorSettings(db);

  const counts = emptyCounts();
  const operators = new Map<string, { username: string; fullName: string; counts: StatusCounts }>();
  for (const r of recapStatusRows(db, from, to)) {
    if (!STATUSES.includes(r.bucket)) continue;
    counts[r.bucket] += r.n;
    counts.total += r.n;
    let op = operators.get(r.username);
    if (!op) {
      op = { username: r.username, fullName: r.fullName, counts: emptyCounts() };
      operators.set(r.username, op);
    }
    op.counts[r.bucket] += r.n;
    op.counts.total += r.n;
  }

  const villages = recapVillages(db, from, to);

  const b = recapBacklog(db);
  const backlog: RecapBacklog = {
    packets: b.packets,
    bytes: b.bytes,
    heldForApproval: settings.approvalRequiredForUpload ? b.unapproved : 0,
    exported: b.exported,
    oldestSealedAt: b.oldestAt,
    oldestRecordingId: b.oldestId,
  };

  const q = recapQuality(db, from, to);
  const finishedCount = counts.total - counts.draft;
  const quality: RecapQuality = {
    recordings: finishedCount,
    ...q,
    forcedShare: share(q.forcedPhotos + q.forcedFingers, q.photos + q.fingers),
    exceptionShare: share(
      q.fingerExceptions + q.signatureExceptions,
      q.fingers + q.fingerExceptions + q.signatures,
    ),
  };

  // 30 local days ending with `date`, one count each (a local day is not a UTC day).
  const days: RecapDay[] = [];
  const ranges: [string, string][] = [];
  for (let i = 0; i < 30; i++) {
    days.push({ date: localDateKey(localDayStart(opts.date, i - 29)), count: 0 });
    ranges.push([
      localDayStart(opts.date, i - 29).toISOString(),
      localDayStart(opts.date, i - 28).toISOString(),
    ]);
  }
  finishedPerRange(db, ranges).forEach((n, i) => (days[i]!.count = n));

  return {
    date: opts.date,
    generatedAt: opts.now.toISOString(),
    counts,
    byOperator: [...operators.values()],
    byVillage: villages.map((v) => ({
      code: v.code,
      name: v.code ? opts.regionName(v.code) || v.code : '',
      total: v.n,
    })),
    backlog,
    quality,
    quota: settings.dailyQuota,
    days,
    freeze: opts.freeze,
    handover: handoverFigures(db, from, to, opts.now),
  };
}

/** The day's handovers in [from, to) and the cards waiting at the office now, by age. */
export function handoverFigures(db: Database, from: string, to: string, now: Date): RecapHandover {
  const h = recapHandovers(db, { fromIso: from, toIso: to, ...waitingCuts(now) });
  return {
    handedOver: h.handedOver,
    onRounds: h.onRounds,
    byProxy: h.byProxy,
    waiting: {
      under7: h.under7,
      from7to30: h.from7to30,
      over30: h.over30,
      total: h.under7 + h.from7to30 + h.over30,
    },
  };
}

export interface RecapDeps {
  db: Database;
  now: () => Date;
  regionName: (code: string) => string;
  freezeStatus: () => FreezeStatus;
}

export type RecapHandlers = HandlersFor<'recap.daily'>;

export function createRecap(deps: RecapDeps): { handlers: RecapHandlers } {
  return {
    handlers: {
      'recap.daily': (input) => {
        const at = deps.now();
        return ok(
          computeRecap(deps.db, {
            date: input.date ?? localDateKey(at),
            now: at,
            regionName: deps.regionName,
            freeze: deps.freezeStatus(),
          }),
        );
      },
    },
  };
}
