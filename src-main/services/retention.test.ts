import { afterEach, describe, expect, it } from 'vitest';
import { formatCentralKeyBundle, generateCentralKeys, generateVerdictKeys } from '../packets/index';
import { setCentralStatus, setVerifiedVerdict } from '../store/outbox-repo';
import { openStore } from '../../test/helpers/sync-fixtures';
import { OPERATOR, OPERATOR_PASSWORD, makeDrafts } from '../../test/helpers/sync-station';
import { createAudit } from './audit';
import { purgeExpired } from './retention';
import { addUser, loginAs, must, openTestStation, setUpStation, tempDir } from './testing';

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
    expect(audited).toEqual([{ target: `${id} ${packetId}` }]);
  });

  it('never purges a packet the centre has not acknowledged', async () => {
    const { dir, packetId } = await sealedRecording();
    const db = openStore(dir);
    cleanups.push(() => db.close());
    const audit = createAudit(db, () => new Date());
    expect(purgeExpired(db, new Date(Date.now() + 400 * 86_400_000), audit, 30)).toBe(0);
    setCentralStatus(db, packetId, 'rejected', 'bad-signature', new Date(0).toISOString());
    expect(purgeExpired(db, new Date(Date.now() + 400 * 86_400_000), audit, 30)).toBe(0);
  });

  it('never purges on a received verdict that is not stored verified (issue 11)', async () => {
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
