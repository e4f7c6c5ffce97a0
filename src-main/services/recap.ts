// The supervisor's daily recap (issue 7): what the desk did today, what is still on the station,
// how clean the captures were, and the last 30 days against the quota.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MethodInput, MethodOutput, RecordingStatus } from '../api/contract';
import type {
  DailyRecap,
  FreezeStatus,
  RecapBacklog,
  RecapDay,
  RecapQuality,
  StatusCounts,
} from '../api/contract-supervisor';
import { ok } from '../api/reply';
import type { Reply } from '../api/reply';
import { exportedExpr } from '../store/approvals-repo';
import type { Actor } from './audit';
import { readSupervisorSettings } from './freeze';

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

/** Local calendar date of `d` as YYYY-MM-DD. */
export function localDateKey(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

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
  const rows = db
    .prepare(
      `SELECT r.status, u.username, u.full_name AS fullName, COUNT(*) AS n
       FROM recordings r JOIN users u ON u.id = r.operator_id
       WHERE r.created_at >= ? AND r.created_at < ?
       GROUP BY r.status, u.username ORDER BY u.username`,
    )
    .all(from, to) as { status: RecordingStatus; username: string; fullName: string; n: number }[];
  for (const r of rows) {
    if (!STATUSES.includes(r.status)) continue;
    counts[r.status] += r.n;
    counts.total += r.n;
    let op = operators.get(r.username);
    if (!op) {
      op = { username: r.username, fullName: r.fullName, counts: emptyCounts() };
      operators.set(r.username, op);
    }
    op.counts[r.status] += r.n;
    op.counts.total += r.n;
  }

  const villages = db
    .prepare(
      `SELECT COALESCE(json_extract(resident_json, '$.villageCode'), '') AS code, COUNT(*) AS n
       FROM recordings WHERE created_at >= ? AND created_at < ?
       GROUP BY code ORDER BY n DESC, code`,
    )
    .all(from, to) as { code: string; n: number }[];

  const exported = exportedExpr(db);
  const b = db
    .prepare(
      `SELECT COUNT(*) AS packets, COALESCE(SUM(o.size), 0) AS bytes,
         COALESCE(SUM(CASE WHEN ${exported} IS NOT NULL THEN 1 ELSE 0 END), 0) AS exported,
         COALESCE(SUM(CASE WHEN r.status NOT IN ('approved', 'uploaded') THEN 1 ELSE 0 END), 0) AS unapproved
       FROM outbox o JOIN recordings r ON r.id = o.recording_id
       WHERE o.state = 'queued' AND o.withdrawn_at IS NULL`,
    )
    .get() as { packets: number; bytes: number; exported: number; unapproved: number };
  const oldest = db
    .prepare(
      `SELECT recording_id AS id, sealed_at AS at FROM outbox
       WHERE state = 'queued' AND withdrawn_at IS NULL ORDER BY sealed_at, packet_id LIMIT 1`,
    )
    .get() as { id: string; at: string } | undefined;
  const backlog: RecapBacklog = {
    packets: b.packets,
    bytes: b.bytes,
    heldForApproval: settings.approvalRequiredForUpload ? b.unapproved : 0,
    exported: b.exported,
    oldestSealedAt: oldest?.at ?? null,
    oldestRecordingId: oldest?.id ?? null,
  };

  const finished = `SELECT id FROM recordings WHERE status <> 'draft' AND created_at >= ? AND created_at < ?`;
  const ph = db
    .prepare(
      `SELECT COUNT(*) AS n, COALESCE(SUM(forced), 0) AS forced FROM photos
       WHERE recording_id IN (${finished})`,
    )
    .get(from, to) as { n: number; forced: number };
  const fi = db
    .prepare(
      `SELECT COALESCE(SUM(state <> 'exception'), 0) AS captured,
         COALESCE(SUM(state = 'forced'), 0) AS forced,
         COALESCE(SUM(state = 'exception'), 0) AS exceptions
       FROM fingerprints WHERE recording_id IN (${finished})`,
    )
    .get(from, to) as { captured: number; forced: number; exceptions: number };
  const si = db
    .prepare(
      `SELECT COUNT(*) AS n, COALESCE(SUM(exception_reason IS NOT NULL), 0) AS exceptions
       FROM signatures WHERE recording_id IN (${finished})`,
    )
    .get(from, to) as { n: number; exceptions: number };
  const finishedCount = counts.total - counts.draft;
  const quality: RecapQuality = {
    recordings: finishedCount,
    photos: ph.n,
    forcedPhotos: ph.forced,
    fingers: fi.captured,
    forcedFingers: fi.forced,
    fingerExceptions: fi.exceptions,
    signatures: si.n,
    signatureExceptions: si.exceptions,
    forcedShare: share(ph.forced + fi.forced, ph.n + fi.captured),
    exceptionShare: share(fi.exceptions + si.exceptions, fi.captured + fi.exceptions + si.n),
  };

  // 30 local days ending with `date`; grouped in JS because a local day is not a UTC day.
  const firstDay = localDayStart(opts.date, -29);
  const days: RecapDay[] = [];
  const index = new Map<string, RecapDay>();
  for (let i = 0; i < 30; i++) {
    const day: RecapDay = { date: localDateKey(localDayStart(opts.date, i - 29)), count: 0 };
    days.push(day);
    index.set(day.date, day);
  }
  const created = db
    .prepare(
      `SELECT created_at AS at FROM recordings WHERE status <> 'draft'
       AND created_at >= ? AND created_at < ?`,
    )
    .all(firstDay.toISOString(), to) as { at: string }[];
  for (const c of created) {
    const day = index.get(localDateKey(new Date(c.at)));
    if (day) day.count += 1;
  }

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
  };
}

export interface RecapDeps {
  db: Database;
  now: () => Date;
  regionName: (code: string) => string;
  freezeStatus: () => FreezeStatus;
}

export type RecapHandlers = {
  'recap.daily': (
    input: MethodInput<'recap.daily'>,
    ctx: { actor: Actor | null },
  ) => Reply<MethodOutput<'recap.daily'>>;
};

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
