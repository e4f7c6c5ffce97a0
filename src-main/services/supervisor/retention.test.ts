import { afterEach, describe, expect, it } from 'vitest';
import {
  formatCentralKeyBundle,
  generateCentralKeys,
  generateVerdictKeys,
} from '../../packets/index';
import { withdrawOutbox } from '../../store/approvals-repo';
import { setCentralStatus, setVerifiedVerdict } from '../../store/outbox-repo';
import { storageFigures } from '../../store/retention-repo';
import { openStore } from '../../../test/helpers/sync-fixtures';
import { OPERATOR, OPERATOR_PASSWORD, makeDrafts } from '../../../test/helpers/sync-station';
import { createAudit } from '../common/audit';
import { purgeBatch, purgeExpired, runRetention } from './retention';
import {
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
} from '../../../test/helpers/station';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function sealedRecording() {
  const { dir, cleanup } = tempDir();
  const station = openTestStation(dir, { faceDetector: null });
  cleanups.push(cleanup, () => station.close());
  await setUpStation(station);
  const opId = await addUser(station, OPERATOR, 'operator');
  await addUser(station, 'tekno', 'technician');
  await loginAs(station, 'tekno');
  const cfg = await must(station, 'central.setConfig', {
    url: 'http://127.0.0.1:9/',
    publicKey: formatCentralKeyBundle(
      generateCentralKeys().publicKeyPem,
      generateVerdictKeys().publicKeyPem,
    ),
  });
  expect(cfg.url).toBe('http://127.0.0.1:9');
  expect(cfg.centralKeyFingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  expect(cfg.registered).toBe(false);
  await loginAs(station, OPERATOR);
  const [id] = await makeDrafts(station, dir, opId, 1);
  const fin = await must(station, 'recordings.finish', { id: id!, password: OPERATOR_PASSWORD });
  expect(fin.packetBytes).toBeGreaterThan(50_000);
  expect(fin.packetBytes).toBeLessThan(300 * 1024);
  return { dir, station, id: id!, packetId: fin.packetId };
}

describe('retention of biometric data', () => {
  it('deletes images, templates, ink and packet bytes after the period; keeps figures', async () => {
    const { dir, id, packetId } = await sealedRecording();
    const db = openStore(dir);
    cleanups.push(() => db.close());
    const acked = new Date('2025-01-01T00:00:00Z');
    setCentralStatus(db, packetId, 'received', null, acked.toISOString());
    setVerifiedVerdict(db, packetId, '{"status":"received"}');
    const audit = createAudit(db, () => new Date());

    expect(purgeExpired(db, new Date(acked.getTime() + 29 * 86_400_000), audit, 30)).toBe(0);
    expect(purgeExpired(db, new Date(acked.getTime() + 31 * 86_400_000), audit, 30)).toBe(1);
    // Idempotent: a second pass finds nothing.
    expect(purgeExpired(db, new Date(acked.getTime() + 32 * 86_400_000), audit, 30)).toBe(0);

    const photo = db
      .prepare(
        'SELECT length(jpeg) AS n, checks_json AS checks, attempts FROM photos WHERE recording_id = ?',
      )
      .get(id) as { n: number; checks: string; attempts: number };
    expect(photo.n).toBe(0);
    expect(JSON.parse(photo.checks)).toHaveLength(2);
    const fingers = db
      .prepare(
        'SELECT length(image_png) AS n, template, quality FROM fingerprints WHERE recording_id = ?',
      )
      .all(id) as { n: number; template: Buffer | null; quality: number }[];
    expect(fingers).toHaveLength(10);
    expect(fingers.every((f) => f.n === 0 && f.template === null && f.quality > 0)).toBe(true);
    const sig = db
      .prepare(
        'SELECT points, length(image) AS n, point_count AS pc FROM signatures WHERE recording_id = ?',
      )
      .get(id) as { points: Buffer | null; n: number; pc: number };
    expect(sig).toEqual({ points: null, n: 0, pc: 280 });
    const out = db.prepare('SELECT size, purged_at AS p FROM outbox').get() as {
      size: number;
      p: string | null;
    };
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox_packets').get()).toEqual({ n: 0 });
    expect(out.size).toBeGreaterThan(0);
    expect(out.p).not.toBeNull();
    const audited = db
      .prepare("SELECT target FROM audit_log WHERE action = 'retention.purged'")
      .all() as { target: string }[];
    expect(audited).toEqual([{ target: `${id} ${packetId} acknowledged` }]);
  });

  it('never purges a packet still on its way, nor before the period since the verdict', async () => {
    const { dir, packetId } = await sealedRecording();
    const db = openStore(dir);
    cleanups.push(() => db.close());
    const audit = createAudit(db, () => new Date());
    expect(purgeExpired(db, new Date(Date.now() + 400 * 86_400_000), audit, 30)).toBe(0);
    const verdict = new Date('2025-03-01T00:00:00Z');
    setCentralStatus(db, packetId, 'rejected', 'bad-signature', verdict.toISOString());
    expect(purgeExpired(db, new Date(verdict.getTime() + 29 * 86_400_000), audit, 30)).toBe(0);
  });

  it('purges centre-rejected and withdrawn packets and abandoned drafts after the period, keeping reasons', async () => {
    const { dir, station, id, packetId } = await sealedRecording();
    const db = openStore(dir);
    cleanups.push(() => db.close());
    const verdict = new Date('2025-03-01T00:00:00Z');
    setCentralStatus(db, packetId, 'rejected', 'bad-signature', verdict.toISOString());
    // A second recording whose packet the supervisor withdrew, and a draft left with captures.
    const opId = (
      db.prepare('SELECT id FROM users WHERE username = ?').get(OPERATOR) as { id: string }
    ).id;
    const [withdrawnId, draftId] = await makeDrafts(station, dir, opId, 2, 50);
    const fin = await must(station, 'recordings.finish', {
      id: withdrawnId!,
      password: OPERATOR_PASSWORD,
    });
    expect(withdrawOutbox(db, withdrawnId!, verdict.toISOString())).toBe(true);
    db.prepare('UPDATE recordings SET updated_at = ? WHERE id = ?').run(
      verdict.toISOString(),
      draftId,
    );
    const audit = createAudit(db, () => new Date());

    // One recording per batch: three batches, each its own transaction, then an empty one.
    const later = new Date(verdict.getTime() + 31 * 86_400_000);
    const batches = [1, 2, 3, 4].map(() => purgeBatch(db, later, audit, 30, 1));
    expect(batches.map((b) => Object.values(b).reduce((a, n) => a + n, 0))).toEqual([1, 1, 1, 0]);
    const reasons = db
      .prepare(
        'SELECT packet_id AS p, purge_reason AS r, central_reason AS why FROM outbox ORDER BY p',
      )
      .all();
    expect(reasons).toEqual(
      expect.arrayContaining([
        { p: packetId, r: 'centre-rejected', why: 'bad-signature' },
        { p: fin.packetId, r: 'withdrawn', why: null },
      ]),
    );
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox_packets').get()).toEqual({ n: 0 });
    // The sealed ones keep their figures, the draft loses its captures entirely.
    for (const r of [id, withdrawnId!]) {
      expect(
        db
          .prepare(
            'SELECT COUNT(*) AS n, MAX(length(image_png)) AS len FROM fingerprints WHERE recording_id = ?',
          )
          .get(r),
      ).toEqual({ n: 10, len: 0 });
    }
    expect(
      db.prepare('SELECT COUNT(*) AS n FROM fingerprints WHERE recording_id = ?').get(draftId),
    ).toEqual({ n: 0 });
    expect(
      db.prepare('SELECT COUNT(*) AS n FROM photos WHERE recording_id = ?').get(draftId),
    ).toEqual({ n: 0 });
    const draft = db
      .prepare('SELECT status, purged_at AS p FROM recordings WHERE id = ?')
      .get(draftId) as {
      status: string;
      p: string | null;
    };
    expect(draft.status).toBe('draft');
    expect(draft.p).toBe(later.toISOString());
    expect(
      (
        db.prepare("SELECT target FROM audit_log WHERE action = 'retention.purged'").all() as {
          target: string;
        }[]
      ).map((a) => a.target.split(' ')[2]),
    ).toEqual(['centre-rejected', 'withdrawn', 'abandoned-draft']);
  });

  it('runs off the request path and gives freed pages back so the file shrinks', async () => {
    const { dir, packetId } = await sealedRecording();
    const db = openStore(dir);
    cleanups.push(() => db.close());
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    const acked = new Date('2025-01-01T00:00:00Z');
    setCentralStatus(db, packetId, 'received', null, acked.toISOString());
    setVerifiedVerdict(db, packetId, '{"status":"received"}');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = await storageFigures(db);
    expect(before.categories.packets).toBeGreaterThan(50_000);
    expect(before.categories.fingerprints).toBeGreaterThan(0);

    const audit = createAudit(db, () => new Date());
    // A request arriving while it runs is served between batches, not after the whole run.
    let served = false;
    setImmediate(() => (served = true));
    const run = await runRetention(db, () => new Date(acked.getTime() + 31 * 86_400_000), audit);
    expect(served).toBe(true);
    expect(run.counts.acknowledged).toBe(1);
    expect(run.reclaimedPages).toBeGreaterThan(0);
    const after = await storageFigures(db);
    expect(after.categories.packets).toBe(0);
    expect(after.categories.fingerprints).toBe(0);
    expect(after.freeBytes).toBe(0);
    expect(after.fileBytes).toBeLessThan(before.fileBytes);
  });

  it('housekeeping samples the store once a day; the storage check shows categories and the trend', async () => {
    const { station } = await sealedRecording();
    const first = await station.housekeeping();
    expect(first?.sampled).toBe(true);
    const again = await station.housekeeping();
    expect(again?.sampled).toBe(false);
    await loginAs(station, 'tekno');
    const st = await must(station, 'diagnostics.storage', {});
    expect(st.trend).toHaveLength(1);
    expect(st.trend[0]!.fileBytes).toBeGreaterThan(0);
    expect(st.categories.packets).toBeGreaterThan(50_000);
    expect(st.categories.fingerprints).toBeGreaterThan(0);
    expect(st.categories.photos).toBeGreaterThan(0);
  });

  it('never purges on a received verdict that is not stored verified', async () => {
    const { dir, packetId } = await sealedRecording();
    const db = openStore(dir);
    cleanups.push(() => db.close());
    const audit = createAudit(db, () => new Date());
    const later = new Date(Date.now() + 400 * 86_400_000);
    setCentralStatus(db, packetId, 'received', null, new Date(0).toISOString());
    expect(purgeExpired(db, later, audit, 30)).toBe(0);
    setVerifiedVerdict(db, packetId, '{"status":"received"}');
    expect(purgeExpired(db, later, audit, 30)).toBe(1);
  });
});
