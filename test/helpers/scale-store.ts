/**
 * A station store as four years on one desk leave it: N recordings (~200 a working day), ten
 * finger rows, a photo and a signature each, ~12 audit rows, ~1.1 queue cards, the outbox with
 * the centre's verdicts, the supervisor's decisions and retention applied as the station does
 * it — except the day that falls due at `now`, so the purge has one day of work.
 *
 * The station is set up through its own API (setup, users, key file, migrations); the history is
 * then written in bulk, one transaction per day, with prepared statements — 200,000 recordings
 * in about a minute. Blobs are random bytes of realistic size (the store is encrypted page by
 * page, so content does not matter, size does); `compactBlobs` shrinks those still held inside
 * the retention window to keep the cached file small.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { GENESIS_HASH, auditRowHash } from '../../src-main/store/audit-chain';
import { auditTip } from '../../src-main/store/audit-repo';
import { LATEST_SCHEMA_VERSION } from '../../src-main/store/migrations/index';
import { SUPERVISOR, addUser, openTestStation, setUpStation } from './station';
import { openStore } from './sync-fixtures';

/** Bump when the generated data changes, so stale caches are rebuilt. */
const BUILDER_VERSION = 7;
export const PER_DAY = 200;
export const RETENTION_DAYS = 30;
export const OPERATORS = ['ani', 'budi', 'citra'];
export const OPERATOR_PASSWORD = (u: string) => `sandi-${u}-123`;

/** "Now" of every scale store: a Monday afternoon, local time. */
export const SCALE_NOW = new Date(2026, 11, 7, 14, 0, 0);

export interface ScaleStore {
  dir: string;
  n: number;
  /** A NIK with queue cards on several dates, and a name part that finds a few cards. */
  sampleNik: string;
  sampleName: string;
  buildMs: number | null;
}

const FIRST = [
  'BUDI',
  'SITI',
  'AGUS',
  'DEWI',
  'RUDI',
  'SRI',
  'EKO',
  'NUR',
  'ADI',
  'RINA',
  'JOKO',
  'LINA',
  'HENDRA',
  'WATI',
  'YUSUF',
  'TUTI',
  'BAMBANG',
  'ANI',
  'DODI',
  'FITRI',
];
const LAST = [
  'SANTOSO',
  'RAHAYU',
  'HIDAYAT',
  'LESTARI',
  'SAPUTRA',
  'WIJAYA',
  'KURNIAWAN',
  'PRATAMA',
  'SETIAWAN',
  'HANDAYANI',
  'NURHAYATI',
  'SUSANTO',
  'PURNAMA',
  'HASIBUAN',
  'SIREGAR',
  'NASUTION',
  'SIMANJUNTAK',
  'GUNAWAN',
  'MAULANA',
  'FAUZI',
];
const VILLAGES = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009', '1010'];

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function workingDays(now: Date, count: number): Date[] {
  const days: Date[] = [];
  for (let d = 0; days.length < count; d++) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - d);
    if (day.getDay() !== 0 && day.getDay() !== 6) days.push(day);
  }
  return days.reverse();
}

const iso = (ms: number) => new Date(ms).toISOString();
const dayKey = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function scaleStoreDir(n: number, compact: boolean): string {
  return join(
    tmpdir(),
    `rekam-scale-${n}-s${LATEST_SCHEMA_VERSION}-b${BUILDER_VERSION}${compact ? '-c' : ''}`,
  );
}

/** The cached store for `n`, built first when missing. */
export async function scaleStore(
  n: number,
  opts: { compactBlobs?: boolean; log?: (s: string) => void } = {},
): Promise<ScaleStore> {
  const compact = opts.compactBlobs ?? true;
  const dir = scaleStoreDir(n, compact);
  const sample = { sampleNik: nikOf(Math.floor(n / 2)), sampleName: 'HENDRA SIMANJ' };
  if (existsSync(join(dir, 'ready'))) return { dir, n, ...sample, buildMs: null };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const station = openTestStation(dir, { faceDetector: null, now: () => SCALE_NOW });
  try {
    await setUpStation(station);
    for (const u of OPERATORS) await addUser(station, u, 'operator', OPERATOR_PASSWORD(u));
    await addUser(station, 'tekno', 'technician');
  } finally {
    station.close();
  }
  const db = openStore(dir);
  try {
    // A benchmark fixture, rebuilt if lost: no fsync per day, a large cache while writing.
    // No WAL while filling: each page is encrypted once, not once in the WAL and again at the
    // checkpoint.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const f0 = performance.now();
    fill(db, n, compact, opts.log ?? (() => {}));
    opts.log?.(`  written in ${((performance.now() - f0) / 1000).toFixed(1)} s`);
    db.pragma('optimize = 0x10002');
    db.exec('ANALYZE');
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  const buildMs = performance.now() - t0;
  writeFileSync(join(dir, 'ready'), `${n}\n`);
  return { dir, n, ...sample, buildMs };
}

/** A private copy of the cached store (the benchmark purges and writes). */
export function copyStore(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  rmSync(join(to, 'ready'), { force: true });
}

/** Serial i → a NIK of Cibinong with a birth date that agrees (i keeps them apart). */
function nikOf(i: number): string {
  const dd = String((i % 28) + 1).padStart(2, '0');
  const mm = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
  const yy = String(60 + (Math.floor(i / 336) % 40)).padStart(2, '0');
  return `320101${dd}${mm}${yy}${String(i % 10000).padStart(4, '0')}`;
}

function fill(db: Database, n: number, compact: boolean, log: (s: string) => void): void {
  const users = db.prepare('SELECT id, username FROM users').all() as {
    id: string;
    username: string;
  }[];
  const opIds = OPERATORS.map((u) => users.find((x) => x.username === u)!.id);
  const supId = users.find((x) => x.username === SUPERVISOR.username)!.id;
  const rnd = lcg(7);
  const blob = (size: number) => randomBytes(size);
  const size = compact
    ? { photo: 4_000, thumb: 1_000, finger: 1_000, template: 512, ink: 1_000, packet: 16_000 }
    : { photo: 40_000, thumb: 4_000, finger: 14_000, template: 512, ink: 6_000, packet: 250_000 };
  const B = {
    photo: blob(size.photo),
    thumb: blob(size.thumb),
    finger: blob(size.finger),
    template: blob(size.template),
    ink: blob(size.ink),
    points: blob(size.ink),
    packet: blob(size.packet),
  };
  const EMPTY = Buffer.alloc(0);

  const ins = {
    rec: db.prepare(
      `INSERT INTO recordings (id, status, nik, name, resident_json, warnings_json, operator_id,
         created_at, updated_at, reviewed_at, purged_at) VALUES (?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)`,
    ),
    photo: db.prepare(
      `INSERT INTO photos (recording_id, jpeg, thumb, width, height, checks_json, forced,
         force_reason, attempts, no_glasses_confirmed, accepted_at, accepted_by)
       VALUES (?, ?, ?, 413, 531, ?, ?, NULL, 1, 1, ?, ?)`,
    ),
    finger: db.prepare(
      `INSERT INTO fingerprints (recording_id, finger, state, quality, attempts, image_png, width,
         height, template, duplicate_of, exception_kind, exception_reason, device_json,
         recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, 1, ?, 256, 288, ?, NULL, ?, ?, '{"systemId":9}', ?, ?)`,
    ),
    sig: db.prepare(
      `INSERT INTO signatures (recording_id, points, image, point_count, stroke_count,
         duration_ms, exception_reason, device_json, accepted_at, accepted_by)
       VALUES (?, ?, ?, 280, 3, 2400, NULL, '{"simulated":true}', ?, ?)`,
    ),
    outbox: db.prepare(
      `INSERT INTO outbox (packet_id, recording_id, size, sha256, state, attempts, sealed_at,
         seal_ms, sent_at, central_status, central_reason, central_checked_at, acked_at,
         purged_at, withdrawn_at, exported_at, purge_reason, verdict_json, verdict_verified)
       VALUES (?, ?, ?, 'ab', ?, 1, ?, 90, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    packet: db.prepare('INSERT INTO outbox_packets (packet_id, bytes) VALUES (?, ?)'),
    approval: db.prepare(
      `INSERT INTO approvals (recording_id, decision, reason, decided_by, decided_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    audit: db.prepare(
      `INSERT INTO audit_log (id, at, user_id, username, action, target, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    card: db.prepare(
      `INSERT INTO queue_cards (id, date, lane, seq, priority_reason, nik, name, phone, address,
         status, call_order, issued_at, issued_by, called_at, desk, call_count, recording_id,
         served_at) VALUES (?, ?, ?, ?, NULL, ?, ?, NULL, 'Jl. Mawar', ?, ?, ?, ?, ?, 'Meja 1', ?, ?, ?)`,
    ),
  };

  const tip = auditTip(db);
  let auditTipId = tip?.id ?? 0;
  let auditTipHash = tip?.hash ?? GENESIS_HASH;
  const nowMs = SCALE_NOW.getTime();
  const purgeCut = nowMs - RETENTION_DAYS * 86_400_000;
  // The working day just past the cut stays unpurged: it falls due now.
  const days = workingDays(SCALE_NOW, Math.ceil(n / PER_DAY));
  const dueDay = [...days].reverse().find((d) => d.getTime() + 17 * 3_600_000 < purgeCut);
  const lastDueEnd = dueDay ? dueDay.getTime() - 86_400_000 : 0;
  let serial = 0;
  let id = 0;
  const pad = (x: number) => String(x).padStart(8, '0');
  for (const [dIndex, day] of days.entries()) {
    const today = dIndex === days.length - 1;
    const count = Math.min(PER_DAY, n - serial);
    const date = dayKey(day);
    db.transaction(() => {
      let seq = 0;
      for (let k = 0; k < count; k++) {
        const i = serial++;
        const recId = `R${pad(i)}`;
        const op = opIds[i % opIds.length]!;
        const created = day.getTime() + 8 * 3_600_000 + Math.floor((k / PER_DAY) * 7.5 * 3_600_000);
        // Today: only what the morning allowed (up to 14:00).
        const sealed = created + 8 * 60_000;
        const age = nowMs - created;
        const r = rnd();
        const draft = today ? k >= count - 4 : r < 0.004;
        const supRejected = !draft && r > 0.99;
        const centreRejected = !draft && !supRejected && r > 0.987;
        const inFlight = today && !draft && k > count * 0.6;
        const reviewed = !draft && (!today || k < count * 0.3) && age > 3_600_000;
        const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
        const nik = nikOf(i);
        const village = VILLAGES[i % VILLAGES.length]!;
        const resident = JSON.stringify({
          nik,
          kk: '3201010101150003',
          name,
          birthPlace: 'BOGOR',
          birthDate: '1990-05-12',
          sex: i % 2 ? 'PEREMPUAN' : 'LAKI-LAKI',
          bloodType: 'O',
          address: `JL. MAWAR NO. ${i % 200}`,
          rt: '1',
          rw: '2',
          villageCode: `32.01.01.${village}`,
          religion: 'ISLAM',
          maritalStatus: 'KAWIN',
          occupation: 'WIRASWASTA',
          citizenship: 'WNI',
        });
        const decidedAt = sealed + 40 * 60_000;
        const uploaded = !draft && !supRejected && !centreRejected && !inFlight;
        const status = draft
          ? 'draft'
          : supRejected
            ? 'rejected'
            : uploaded
              ? 'uploaded'
              : reviewed
                ? 'approved'
                : 'sealed';
        const sentAt = sealed + 5 * 60_000;
        const ackedAt = uploaded ? sentAt + 60_000 : null;
        const verdictAt = centreRejected ? sentAt + 60_000 : ackedAt;
        // Retention as the station does it, up to the day that falls due now.
        const purgeAt = (t: number | null) =>
          t !== null && t <= purgeCut && created < lastDueEnd ? iso(t + 30 * 86_400_000) : null;
        const packetPurged = supRejected
          ? purgeAt(decidedAt)
          : centreRejected
            ? purgeAt(verdictAt)
            : purgeAt(ackedAt);
        const draftPurged = draft && !today ? purgeAt(created) : null;
        const gone = packetPurged !== null || draftPurged !== null;

        ins.rec.run(
          recId,
          status,
          nik,
          name,
          resident,
          op,
          iso(created),
          iso(draft ? created : sealed),
          reviewed || supRejected ? iso(decidedAt) : null,
          draftPurged,
        );
        if (!draftPurged) {
          ins.photo.run(
            recId,
            gone ? EMPTY : B.photo,
            gone ? EMPTY : B.thumb,
            '[]',
            r < 0.02 ? 1 : 0,
            iso(created),
            op,
          );
          for (let f = 1; f <= 10; f++) {
            const exc = r < 0.01 && f === 10;
            ins.finger.run(
              recId,
              f,
              exc ? 'exception' : r < 0.05 && f === 2 ? 'forced' : 'captured',
              exc ? null : 50 + ((i + f) % 50),
              exc ? null : gone ? EMPTY : B.finger,
              exc || gone ? null : B.template,
              exc ? 'missing' : null,
              exc ? 'tidak ada' : null,
              op,
              iso(created + f * 8_000),
            );
          }
          ins.sig.run(
            recId,
            gone ? null : B.points,
            gone ? EMPTY : B.ink,
            iso(created + 7 * 60_000),
            op,
          );
        }
        if (!draft) {
          const packetId = `K${pad(i)}`;
          const state = inFlight ? (k % 2 ? 'queued' : 'sent') : supRejected ? 'queued' : 'done';
          ins.outbox.run(
            packetId,
            recId,
            size.packet,
            state,
            iso(sealed),
            state === 'queued' ? null : iso(sentAt),
            centreRejected
              ? 'rejected'
              : uploaded
                ? age > 3 * 86_400_000
                  ? 'print-ready'
                  : 'received'
                : null,
            centreRejected ? 'invalid-data' : null,
            verdictAt !== null ? iso(verdictAt) : null,
            ackedAt !== null ? iso(ackedAt) : null,
            packetPurged,
            supRejected ? iso(decidedAt) : null,
            null,
            packetPurged
              ? supRejected
                ? 'withdrawn'
                : centreRejected
                  ? 'centre-rejected'
                  : 'acknowledged'
              : null,
            // A signed verdict that verified, as the runner stores it (what lets retention purge).
            ackedAt !== null ? '{"status":"received"}' : null,
            ackedAt !== null ? 1 : 0,
          );
          if (!packetPurged) ins.packet.run(packetId, B.packet);
          if (reviewed || supRejected) {
            ins.approval.run(
              recId,
              supRejected ? 'rejected' : 'approved',
              supRejected ? 'Foto buram, ulangi' : null,
              supId,
              iso(decidedAt),
            );
          }
        }
        const acts = [
          'queue.called',
          'recording.draft',
          'photo.accepted',
          'fingerprint.captured',
          'fingerprint.captured',
          'fingerprint.captured',
          'signature.accepted',
          'recording.draft',
          'recording.sealed',
          'approval.approved',
          'sync.uploaded',
          'retention.purged',
        ];
        for (const [a, action] of acts.entries()) {
          // Chained as the app chains them (the log's triggers refuse anything else).
          const row = {
            id: ++auditTipId,
            at: iso(created + a * 60_000),
            userId: op,
            username: 'ani',
            action,
            target: recId,
          };
          const hash = auditRowHash(auditTipHash, row);
          ins.audit.run(row.id, row.at, op, 'ani', action, recId, auditTipHash, hash);
          auditTipHash = hash;
        }
        const cardStatus = today && draft ? 'called' : 'served';
        ins.card.run(
          `C${pad(id++)}`,
          date,
          k % 7 === 0 ? 'priority' : 'regular',
          ++seq,
          nik,
          name,
          cardStatus,
          seq,
          iso(created - 30 * 60_000),
          op,
          iso(created - 60_000),
          1,
          recId,
          cardStatus === 'served' ? iso(created) : null,
        );
        // One resident in ten got a card and did not come (or came another day).
        if (k % 10 === 0) {
          ins.card.run(
            `C${pad(id++)}`,
            date,
            'regular',
            ++seq,
            nikOf(i + 500_000),
            `${FIRST[(i + 3) % FIRST.length]} ${LAST[(i + 7) % LAST.length]}`,
            'no-show',
            seq,
            iso(created - 40 * 60_000),
            op,
            iso(created - 2 * 60_000),
            2,
            null,
            null,
          );
        }
      }
    })();
    if (dIndex % 100 === 0) log(`  ${serial}/${n} recordings written…`);
  }
}
