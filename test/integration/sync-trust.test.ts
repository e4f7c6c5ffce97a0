// Over HTTPS, the station trusts nothing from the centre it cannot verify. Real
// stations, the real reference central (self-signed TLS, pinned) and a fake centre that stands
// in the middle: a different TLS key, forged verdicts, status storms, garbage, huge replies.
import { readFileSync, readdirSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateVerdictKeys, openPacket, signVerdict } from '../../src-main/packets/index';
import type { Station, StationOptions } from '../../src-main/services/station/station';
import { must, tempDir } from '../helpers/station';
import { getCentral, setCentral } from '../../src-main/store/keys-repo';
import { setSetting } from '../../src-main/store/settings-repo';
import { ReplyTooLargeError, createCentralClient } from '../../src-main/sync/central-http';
import { startCentral } from '../central/server';
import type { CentralHandle } from '../central/server';
import { selfSignedCert } from '../central/tls-cert';
import { json, startFakeCentre, swallowingTus } from '../helpers/fake-centre';
import type { FakeCentre, FakeHandler } from '../helpers/fake-centre';
import { documentedSchemaErrors } from '../helpers/manifest-schema';
import { openStore } from '../helpers/sync-fixtures';
import {
  FAST_SYNC,
  OPERATOR_PASSWORD,
  makeDrafts,
  prepareStation,
  until,
} from '../helpers/sync-station';
import { loginAs } from '../helpers/station';

let central: CentralHandle;
const cleanups: (() => void | Promise<void>)[] = [];

beforeEach(async () => {
  const { dir, cleanup } = tempDir('rekam-central-');
  central = await startCentral({ dataDir: dir, port: 0, tls: true });
  cleanups.push(cleanup, () => central.close());
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function fake(handler: FakeHandler): Promise<FakeCentre> {
  const f = await startFakeCentre(handler);
  cleanups.push(() => f.close());
  return f;
}

/** A registered station with `n` sealed recordings, not yet syncing. */
async function sealedStation(n: number, sync: StationOptions['sync'] = {}) {
  const { dir, cleanup } = tempDir('rekam-trust-');
  cleanups.push(cleanup);
  const { station, operatorId } = await prepareStation(dir, central, {
    sync: { ...FAST_SYNC, ...sync },
  });
  cleanups.push(() => station.close());
  const ids = await makeDrafts(station, dir, operatorId, n);
  const packets: string[] = [];
  for (const id of ids) {
    packets.push(
      (await must(station, 'recordings.finish', { id, password: OPERATOR_PASSWORD })).packetId,
    );
  }
  return { dir, station, ids, packets };
}

/** What a DNS or routing attack does: the station's centre URL now leads elsewhere. */
function redirect(dir: string, url: string, pin?: string) {
  const db = openStore(dir);
  try {
    const c = getCentral(db);
    setCentral(db, { ...c, url, tlsPin: pin ?? c.tlsPin });
  } finally {
    db.close();
  }
}

function row(dir: string, sql: string, ...args: unknown[]) {
  const db = openStore(dir);
  try {
    return db.prepare(sql).get(...args) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

function logLines(dir: string): Record<string, unknown>[] {
  const logs = path.join(dir, 'logs');
  return readdirSync(logs)
    .flatMap((f) => readFileSync(path.join(logs, f), 'utf8').split('\n'))
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const asTechnician = (station: Station) => loginAs(station, 'tekno');

describe('TLS pinning', () => {
  it('a centre with another TLS key is refused before any request, shown, and re-pinned only on purpose', async () => {
    const { dir, station, packets } = await sealedStation(1);
    const impostor = await fake(swallowingTus((_req, res) => json(res, 404, {})));
    redirect(dir, impostor.url);
    station.startSync();
    await until(
      async () =>
        (await must(station, 'sync.status', {})).lastError?.includes('kunci TLS') ?? false,
      20_000,
      'the pin mismatch to be reported',
    );
    // Not one HTTP request reached the impostor: the handshake was refused first.
    expect(impostor.requests).toEqual([]);
    await asTechnician(station);
    const cfg = await must(station, 'central.config', {});
    expect(cfg.tlsMismatchPin?.replace(/ /g, '').toLowerCase()).toBe(impostor.pin);
    expect(cfg.tlsPin?.replace(/ /g, '').toLowerCase()).toBe(central.tlsPin);

    // Registration through the impostor is refused with the technician-facing message too.
    const reg = await station.call('central.register', { token: 'RKM-AAAA-BBBB-CCCC' });
    expect(reg.ok).toBe(false);
    if (!reg.ok) expect(reg.error.message).toMatch(/BERBEDA/);

    // Re-pin: a typed pin that is not what the server presents is refused…
    const wrong = await station.call('central.repin', { pin: 'cd'.repeat(32) });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toMatch(/tidak sama/);
    // …the one read out by phone is taken, and the audit log says who did it.
    const ok = await must(station, 'central.repin', { pin: impostor.pin.toUpperCase() });
    expect(ok.tlsMismatchPin).toBeNull();
    const audit = row(
      dir,
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'central.repinned' AND username = 'tekno'",
    );
    expect(audit.n).toBe(1);
    await must(station, 'sync.now', {});
    await until(() => impostor.requests.length > 0, 20_000, 'requests to the re-pinned centre');
    expect(row(dir, 'SELECT state FROM outbox WHERE packet_id = ?', packets[0]).state).not.toBe(
      'done',
    );
  });
});

describe('signed verdicts', () => {
  it('forged, unsigned and replayed verdicts never move a recording nor purge it', async () => {
    const { dir, station, ids, packets } = await sealedStation(1, { housekeepingMs: 100 });
    const db = openStore(dir);
    setSetting(db, 'retention.days', '0');
    db.close();
    const stationId = (await asTechnician(station), await must(station, 'central.config', {}))
      .stationId!;
    const packetId = packets[0]!;
    const forger = generateVerdictKeys();
    const at = () => new Date().toISOString();
    const verdicts = [
      // Unsigned (no verdict at all), as an old or hostile centre would answer.
      () => ({ packetId, status: 'received' }),
      // Signed by a key that is not the centre's.
      () => ({
        packetId,
        verdict: signVerdict(
          { stationId, packetId, status: 'received', reason: null, at: at() },
          forger.privateKeyPem,
        ),
      }),
      // The centre's genuine verdict on another packet, replayed.
      () => ({
        packetId,
        verdict: central.signVerdict({
          stationId,
          packetId: 'K01OTHERPACKET',
          status: 'received',
          reason: null,
          at: at(),
        }),
      }),
      // The centre's genuine verdict for another station.
      () => ({
        packetId,
        verdict: central.signVerdict({
          stationId: 'S01SOMEONEELSE',
          packetId,
          status: 'received',
          reason: null,
          at: at(),
        }),
      }),
    ];
    let polls = 0;
    // A man in the middle holding a key the station was made to pin: swallows the upload (the
    // centre never gets it) and answers every status poll with a forgery.
    const mitm = await fake(
      swallowingTus((req, res) => {
        if (req.method === 'GET' && req.url?.startsWith('/api/packets/')) {
          return json(res, 200, verdicts[polls++ % verdicts.length]!());
        }
        return json(res, 404, {});
      }),
    );
    redirect(dir, mitm.url, mitm.pin);
    station.startSync();
    await until(() => polls >= 8, 30_000, 'eight forged verdicts');
    await until(
      async () => (await must(station, 'central.config', {})).unverifiedVerdicts >= 6,
      10_000,
      'the unverified counter',
    );
    expect(central.packet(packetId)).toBeNull();
    expect(row(dir, 'SELECT status FROM recordings WHERE id = ?', ids[0]).status).toBe('sealed');
    expect(
      row(
        dir,
        'SELECT state, purged_at AS p, verdict_verified AS v, central_status AS s FROM outbox WHERE packet_id = ?',
        packetId,
      ),
    ).toEqual({ state: 'sent', p: null, v: 0, s: null });
    expect(row(dir, 'SELECT COUNT(*) AS n FROM outbox_packets').n).toBe(1);
    expect(
      row(dir, 'SELECT length(jpeg) AS n FROM photos WHERE recording_id = ?', ids[0]).n,
    ).toBeGreaterThan(0);
    expect(
      row(dir, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'retention.purged'").n,
    ).toBe(0);
    expect(
      row(dir, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'central.verdict-unverified'").n,
    ).toBeGreaterThanOrEqual(6);

    // The genuine centre again: the packet goes through, its verdict verifies, and only then
    // may retention (0 days here) take the biometrics.
    redirect(dir, central.url, central.tlsPin!);
    await must(station, 'sync.now', {});
    await until(
      () => row(dir, 'SELECT purged_at AS p FROM outbox WHERE packet_id = ?', packetId).p !== null,
      30_000,
      'the verified packet to be purged',
    );
    expect(central.packet(packetId)?.status).toBe('received');
    expect(row(dir, 'SELECT status FROM recordings WHERE id = ?', ids[0]).status).toBe('uploaded');
    // A real station's packet, read by a reader built from docs/manifest.schema.json alone.
    const { manifest } = openPacket(central.store.packetBlob(packetId)!, {
      centralPrivateKey: readFileSync(path.join(central.dataDir, 'central-key.pem'), 'utf8'),
      stationPublicKey: (id) => central.store.station(id)?.publicKeyPem ?? null,
    });
    expect(documentedSchemaErrors(manifest)).toBeNull();
    expect(
      row(dir, 'SELECT verdict_verified AS v FROM outbox WHERE packet_id = ?', packetId).v,
    ).toBe(1);
  });
});

describe('sync loop bounds', () => {
  // With these test timings (0.2 s base, 2 s cap) a well-behaved runner makes ≈ 8 attempts in
  // 4 s; the old loop made hundreds. The defaults (2 s base, 5 min cap) make it ≈ 6 a minute.
  const BUDGET = 14;
  const storms: [string, FakeHandler][] = [
    ['404 on create', (_q, res) => json(res, 404, { error: 'not-found' })],
    ['410', (_q, res) => json(res, 410, { error: 'gone' })],
    ['409', (_q, res) => json(res, 409, { error: 'conflict' })],
    ['500', (_q, res) => json(res, 500, { error: 'internal' })],
    ['garbage', (_q, res) => json(res, 200, '\u0000\u00ff garbage <html>')],
  ];

  it('404, 410, 409, 500 and garbage storms stay under the request budget', async () => {
    const { dir, station } = await sealedStation(3, { backoffBaseMs: 200, backoffMaxMs: 2_000 });
    const storm = await fake(storms[0]![1]);
    redirect(dir, storm.url, storm.pin);
    station.startSync();
    const counts: Record<string, number> = {};
    for (const [name, handler] of storms) {
      storm.handle(handler);
      await must(station, 'sync.now', {});
      const before = storm.requests.length;
      await new Promise((r) => setTimeout(r, 4_000));
      counts[name] = storm.requests.length - before;
    }
    for (const [name, n] of Object.entries(counts)) {
      expect(n, `${name}: ${n} requests in 4 s`).toBeLessThanOrEqual(BUDGET);
      expect(n, `${name}: the runner kept trying`).toBeGreaterThan(0);
    }
    expect(row(dir, "SELECT COUNT(*) AS n FROM outbox WHERE state = 'queued'").n).toBe(3);
  }, 60_000);

  it('a 10 MB JSON reply is refused without buffering it', async () => {
    const cert = selfSignedCert();
    let written = 0;
    const server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
      const declared = req.url === '/declared';
      res.writeHead(200, {
        'Content-Type': 'application/json',
        ...(declared ? { 'Content-Length': String(10 * 1024 * 1024) } : {}),
      });
      const piece = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        while (written < 10 * 1024 * 1024) {
          written += piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        }),
    );
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createCentralClient({ url, pin: cert.spkiSha256 });
    cleanups.push(() => client.close());
    for (const p of ['/chunked', '/declared']) {
      written = 0;
      await expect(client.request(p)).rejects.toBeInstanceOf(ReplyTooLargeError);
      await new Promise((r) => setTimeout(r, 200));
      // The server could not push the 10 MB: the client stopped reading at 64 KiB.
      expect(written, p).toBeLessThan(4 * 1024 * 1024);
    }
  });
});

describe('bad central replies', () => {
  it('every reply shape zod refuses is logged once; the runner neither crashes nor stalls', async () => {
    const { dir, station, ids, packets } = await sealedStation(1, {
      backoffBaseMs: 50,
      backoffMaxMs: 300,
    });
    await asTechnician(station);
    const stationId = (await must(station, 'central.config', {})).stationId!;
    const packetId = packets[0]!;
    const good = () =>
      central.signVerdict({
        stationId,
        packetId,
        status: 'received',
        reason: null,
        at: new Date().toISOString(),
      });
    const shapes: unknown[] = [
      'null',
      '[]',
      '"received"',
      '42',
      '{"packetId":',
      {},
      { packetId },
      { packetId, verdict: null },
      { packetId, verdict: { ...good(), status: 'delivered' } },
      { packetId, verdict: { ...good(), signature: 'not base64!' } },
      { packetId, verdict: { ...good(), at: 'kemarin' } },
      { packetId, verdict: { ...good(), reason: 'x'.repeat(5000) } },
      { packetId, verdict: { ...good(), stationId: '../../etc' } },
      { packetId: 7, verdict: good() },
    ];
    let served = 0;
    const odd = await fake(
      swallowingTus((req, res) => {
        if (req.method === 'GET' && req.url?.startsWith('/api/packets/')) {
          // Every bad shape twice, then a good answer.
          const i = served++;
          if (i < shapes.length * 2) return json(res, 200, shapes[i % shapes.length]);
          return json(res, 200, { packetId, verdict: good() });
        }
        return json(res, 404, {});
      }),
    );
    redirect(dir, odd.url, odd.pin);
    station.startSync();
    await until(
      () => row(dir, 'SELECT status FROM recordings WHERE id = ?', ids[0]).status === 'uploaded',
      60_000,
      'the good verdict after the bad ones',
    );
    expect(served).toBeGreaterThan(shapes.length * 2);
    const refused = logLines(dir).filter((l) => l.msg === 'central reply refused');
    const details = refused.map((l) => String(l.detail));
    expect(new Set(details).size).toBe(details.length);
    expect(details.length).toBeGreaterThanOrEqual(5);
    expect(details.length).toBeLessThanOrEqual(shapes.length);
  }, 90_000);
});
