// Offline bundles end to end: a real station seals packets and writes a bundle to a folder; the
// real reference centre imports it (in-process, over HTTP and through the CLI), then the same
// packets arrive online and the centre still holds each once. Bad input: a corrupted packet, a
// missing file, a cut packet, a station the centre does not know.
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleResult } from '../../src-main/api/contract-exports';
import { localIsoDate } from '../../src-main/domain/nik';
import type { Station } from '../../src-main/services/station/station';
import {
  SUPERVISOR,
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
} from '../helpers/station';
import { importBundle, readBundleDir } from '../central/bundle-import';
import type { BundleImportReport } from '../central/bundle-import';
import { loadOrCreateKeys, startCentral } from '../central/server';
import type { CentralHandle } from '../central/server';
import { openStore } from '../helpers/sync-fixtures';
import {
  FAST_SYNC,
  OPERATOR,
  OPERATOR_PASSWORD,
  makeDrafts,
  prepareStation,
  until,
} from '../helpers/sync-station';

const repo = path.resolve(import.meta.dirname, '../..');
let central: CentralHandle;
let station: Station;
let stationDir: string;
let out: string;
let bundle: BundleResult;
let packetIds: string[] = [];
const cleanups: (() => void | Promise<void>)[] = [];
const today = localIsoDate(new Date());

async function sealed(s: Station, dir: string, operatorId: string, n: number, first = 1) {
  const ids = await makeDrafts(s, dir, operatorId, n, first);
  const packets: string[] = [];
  for (const id of ids) {
    packets.push(
      (await must(s, 'recordings.finish', { id, password: OPERATOR_PASSWORD })).packetId,
    );
  }
  return packets;
}

const importDir = (dir: string): BundleImportReport =>
  importBundle(readBundleDir(dir), {
    store: central.store,
    centralPrivateKey: loadOrCreateKeys(central.dataDir).privateKeyPem,
    maxPacketBytes: 2 * 1024 * 1024,
  });

/** A copy of the good bundle to damage. */
function copyBundle(): string {
  const { dir, cleanup } = tempDir('rekam-bundle-copy-');
  cleanups.push(cleanup);
  const target = join(dir, bundle.name);
  cpSync(bundle.path, target, { recursive: true });
  return target;
}

beforeAll(async () => {
  const c = tempDir('rekam-central-');
  central = await startCentral({ dataDir: c.dir, port: 0, tls: true });
  cleanups.push(c.cleanup, () => central.close());
  const s = tempDir('rekam-station-');
  stationDir = s.dir;
  cleanups.push(s.cleanup);
  const o = tempDir('rekam-usb-');
  out = o.dir;
  cleanups.push(o.cleanup);
  const prepared = await prepareStation(stationDir, central);
  station = prepared.station;
  cleanups.push(() => station.close());
  packetIds = await sealed(station, stationDir, prepared.operatorId, 3);
  await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
}, 60_000);

afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('offline bundle', () => {
  it('refuses a folder that does not exist or is not absolute', async () => {
    const missing = await station.call('exports.bundle', {
      from: today,
      to: today,
      folder: join(out, 'tidak-ada'),
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/Folder tidak ditemukan/);
    const rel = await must(station, 'exports.checkFolder', { path: 'usb' });
    expect(rel.problem).toMatch(/jalur lengkap/);
    const good = await must(station, 'exports.checkFolder', { path: out });
    expect(good).toMatchObject({ exists: true, writable: true, problem: null });
  });

  it('writes the sealed packets with a signed manifest, atomically, and marks them exported', async () => {
    const events: number[] = [];
    const off = station.on('export.progress', (p) => events.push(p.percent));
    bundle = await must(station, 'exports.bundle', { from: today, to: today, folder: out });
    off();
    expect(bundle.packets.map((p) => p.packetId).sort()).toEqual([...packetIds].sort());
    expect(bundle.verification.ok).toBe(true);
    expect(events.at(-1)).toBe(100);
    // Only the final folder is left: no temp folder next to it.
    expect(readdirSync(out)).toEqual([bundle.name]);
    const files = readdirSync(bundle.path).sort();
    expect(files).toEqual(['SHA256SUMS', 'manifest.json', 'manifest.sig', 'packets']);
    const manifest = JSON.parse(readFileSync(join(bundle.path, 'manifest.json'), 'utf8'));
    expect(manifest.stationId).toBe(bundle.stationId);
    // Still encrypted: no JPEG/PNG magic and no resident name in the copied packet bytes.
    const bytes = readFileSync(join(bundle.path, 'packets', `${packetIds[0]}.rkp`));
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('RKMP');
    expect(bytes.includes(Buffer.from('Penduduk Uji'))).toBe(false);
    const db = openStore(stationDir);
    try {
      const rows = db.prepare('SELECT exported_at FROM outbox').all() as { exported_at: string }[];
      expect(rows.every((r) => r.exported_at !== null)).toBe(true);
      const log = db.prepare('SELECT kind, rows FROM exports_log').all();
      expect(log).toContainEqual({ kind: 'bundle', rows: 3 });
    } finally {
      db.close();
    }
    const preview = await must(station, 'exports.preview', { from: today, to: today });
    expect(preview).toMatchObject({ packets: 3, alreadyExported: 3 });
  });

  it('a corrupted packet is named; the rest are accepted', () => {
    const dir = copyBundle();
    const file = join(dir, 'packets', `${packetIds[1]}.rkp`);
    const b = readFileSync(file);
    b[b.length - 100]! ^= 0xff;
    writeFileSync(file, b);
    const r = importDir(dir);
    expect(r.accepted).toBe(true);
    const bad = r.packets.filter((p) => p.status === 'rejected');
    expect(bad).toEqual([
      { packetId: packetIds[1], status: 'rejected', reason: 'checksum-mismatch' },
    ]);
    expect(r.counts).toMatchObject({ received: 2, rejected: 1 });
    expect(central.packet(packetIds[1]!)).toBeNull();
  });

  it('a truncated bundle: a missing file and a cut packet are named', () => {
    const dir = copyBundle();
    rmSync(join(dir, 'packets', `${packetIds[0]}.rkp`));
    const cut = join(dir, 'packets', `${packetIds[1]}.rkp`);
    truncateSync(cut, 1000);
    const r = importDir(dir);
    expect(r.accepted).toBe(true);
    const byId = new Map(r.packets.map((p) => [p.packetId, p]));
    expect(byId.get(packetIds[0]!)?.reason).toBe('missing-file');
    expect(byId.get(packetIds[1]!)?.reason).toBe('checksum-mismatch');
    // The third was already received from the corrupted bundle: a duplicate, counted once.
    expect(byId.get(packetIds[2]!)?.status).toBe('duplicate');
  });

  it('a bundle without its manifest or with a forged signature is refused whole', () => {
    const a = copyBundle();
    rmSync(join(a, 'manifest.json'));
    expect(importDir(a)).toMatchObject({ accepted: false, refusal: 'no-manifest' });
    const b = copyBundle();
    const m = join(b, 'manifest.json');
    writeFileSync(m, readFileSync(m, 'utf8').replace('"range"', '"range" ').replace('  ', ' '));
    expect(importDir(b)).toMatchObject({ accepted: false, refusal: 'bad-signature' });
  });

  it('imports over HTTP (zip): the good bundle completes the set', async () => {
    const files = readBundleDir(bundle.path);
    const zip = zipSync(
      Object.fromEntries(
        [...files].map(([name, data]) => [`${bundle.name}/${name}`, new Uint8Array(data)]),
      ),
    );
    const refused = await central.fetch('/api/bundles', { method: 'POST', body: zip });
    expect(refused.status).toBe(401);
    const res = await central.fetch('/api/bundles', {
      method: 'POST',
      headers: {
        'content-type': 'application/zip',
        authorization: `Bearer ${central.adminSecret}`,
      },
      body: zip,
    });
    expect(res.status).toBe(200);
    const r = (await res.json()) as BundleImportReport;
    expect(r.counts).toEqual({ received: 1, duplicate: 2, rejected: 0 });
    for (const id of packetIds) expect(central.packet(id)?.status).toBe('received');
  });

  it('the same packets then upload online: the centre holds each once', async () => {
    station.startSync();
    await until(
      async () => (await must(station, 'sync.status', {})).pendingPackets === 0,
      20_000,
      'the outbox to empty',
    );
    const mine = central.packets(bundle.stationId);
    expect(mine.map((p) => p.packetId).sort()).toEqual([...packetIds].sort());
    expect(mine.every((p) => p.status === 'received')).toBe(true);
  }, 30_000);

  it('the CLI imports a folder and reports per packet', async () => {
    const { code, output } = await new Promise<{ code: number | null; output: string }>(
      (resolve) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            join(repo, 'test/central/main.ts'),
            'import',
            bundle.path,
            '--data-dir',
            central.dataDir,
          ],
          { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let output = '';
        child.stdout.on('data', (c: Buffer) => (output += c.toString()));
        child.stderr.on('data', (c: Buffer) => (output += c.toString()));
        child.once('exit', (code) => resolve({ code, output }));
      },
    );
    expect(code, output).toBe(0);
    const m = /IMPORT_RESULT=(.*)$/m.exec(output);
    const r = JSON.parse(m![1]!) as BundleImportReport;
    expect(r.counts).toEqual({ received: 0, duplicate: 3, rejected: 0 });
    expect(output).toContain(`${packetIds[0]}\tduplicate`);
  }, 30_000);

  it('a bundle from a station the centre does not know is refused', async () => {
    const d = tempDir('rekam-stranger-');
    cleanups.push(d.cleanup);
    const stranger = openTestStation(d.dir, { sync: FAST_SYNC, faceDetector: null });
    cleanups.push(() => stranger.close());
    await setUpStation(stranger);
    const opId = await addUser(stranger, OPERATOR, 'operator');
    await addUser(stranger, 'tekno', 'technician');
    await loginAs(stranger, 'tekno');
    await must(stranger, 'central.setConfig', {
      url: central.url,
      publicKey: central.keyBundle,
      tlsPin: central.tlsPin!,
    });
    await loginAs(stranger, OPERATOR);
    await sealed(stranger, d.dir, opId, 1, 50);
    await loginAs(stranger, SUPERVISOR.username, SUPERVISOR.password);
    const usb = tempDir('rekam-usb2-');
    cleanups.push(usb.cleanup);
    const b = await must(stranger, 'exports.bundle', { from: today, to: today, folder: usb.dir });
    const r = importDir(b.path);
    expect(r).toMatchObject({ accepted: false, refusal: 'unknown-station', packets: [] });
    expect(r.message).toMatch(/belum terdaftar/);
    expect(central.packets(b.stationId)).toEqual([]);
  }, 60_000);
});
