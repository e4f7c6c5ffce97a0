// A desk refuses decisions its hub did not sign for it: a forged one (another key), a tampered
// one, and a replay of a genuine one. The "hub" here is a stand-in on loopback serving exactly
// those decisions over the desk's pinned TLS link; the desk is a real station with a sealed
// recording awaiting approval. Only the genuine decision is applied, once, and acknowledged.
import { generateStationKeys } from '../../src-main/packets/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Station } from '../../src-main/services/station/station';
import { SUPERVISOR, loginAs, must, openTestStation, tempDir } from '../helpers/station';
import { signHubDecision } from '../../src-main/services/office/office-auth';
import { startHubServer } from '../../src-main/services/office/hub-server';
import type { HubServer } from '../../src-main/services/office/hub-server';
import { selfSignedCert } from '../../src-main/sync/tls-cert';
import { setSetting } from '../../src-main/store/settings-repo';
import { startCentral } from '../central/server';
import type { CentralHandle } from '../central/server';
import { openStore } from '../helpers/sync-fixtures';
import { sealedDeskStore } from '../helpers/office-stations';
import { FAST_SYNC, until } from '../helpers/sync-station';

const keys = () => {
  const k = generateStationKeys();
  return { pub: k.publicKeyPem, priv: k.privateKeyPem };
};

describe('a desk refuses forged and replayed decisions', () => {
  let central: CentralHandle;
  let station: Station;
  let fakeHub: HubServer;
  const acks: string[][] = [];
  let served = 0;
  const ids: string[] = [];
  const cleanups: (() => void | Promise<void>)[] = [];

  beforeAll(async () => {
    const c = tempDir('rekam-central-');
    central = await startCentral({ dataDir: c.dir, tls: true, port: 0 });
    cleanups.push(c.cleanup, () => central.close());
    const d = await sealedDeskStore(central, 2);
    cleanups.push(d.cleanup);
    ids.push(...d.ids);

    const hub = keys();
    const tls = selfSignedCert(['127.0.0.1'], 'fake-hub');
    let deskStationId = '';
    let genuine: ReturnType<typeof signHubDecision> | null = null;
    fakeHub = await startHubServer({
      certPem: tls.certPem,
      keyPem: tls.keyPem,
      host: '127.0.0.1',
      port: 0,
      log: () => {},
      routes: {
        pair: () => ({ status: 404, body: {} }),
        authenticate: (_p, _b, headers) => {
          deskStationId = String(headers['rekam-station']);
          return { stationId: deskStationId };
        },
        signed: (path, stationId, body) => {
          if (path === '/office/v1/decisions') {
            served++;
            const at = new Date();
            genuine ??= signHubDecision(
              { recordingId: ids[0]!, decision: 'approved', reason: null, by: 'spv' },
              stationId,
              hub.priv,
              at,
            );
            const forged = signHubDecision(
              { recordingId: ids[1]!, decision: 'approved', reason: null, by: 'spv' },
              stationId,
              keys().priv,
              at,
            );
            const tampered = { ...genuine, recordingId: ids[1]! };
            // The genuine one signed once: served twice now, and again (replays) on every later fetch.
            return { status: 200, body: { decisions: [forged, tampered, genuine, genuine] } };
          }
          if (path === '/office/v1/decisions/ack') {
            acks.push((body as { done: string[] }).done);
          }
          return { status: 200, body: { ok: true } };
        },
        boardToken: () => 'x'.repeat(24),
        boardState: () => ({}),
      },
    });
    cleanups.push(() => fakeHub.close());

    const db = openStore(d.dir);
    setSetting(db, 'office_role', 'desk');
    setSetting(
      db,
      'office_hub_link',
      JSON.stringify({
        url: `https://127.0.0.1:${fakeHub.port}`,
        pin: tls.spkiSha256,
        hubStationId: 'FAKEHUB',
        hubName: 'Hub uji',
        hubPublicKey: hub.pub,
        deskNo: 2,
        pairedAt: new Date().toISOString(),
      }),
    );
    db.close();
    station = openTestStation(d.dir, {
      sync: FAST_SYNC,
      faceDetector: null,
      office: { helloMs: 300 },
    });
    cleanups.push(() => station.close());
    await station.startOffice();
  }, 120_000);

  afterAll(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });

  it('applies the genuine decision once and refuses the forged, tampered and replayed ones', async () => {
    await until(() => served >= 3, 30_000, 'three fetches of decisions');
    await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
    const decided = await must(station, 'approval.queue', { filter: 'decided' });
    expect(decided.map((x) => [x.recordingId, x.decision?.decision, x.decision?.by])).toEqual([
      [ids[0], 'approved', 'kantor.hub'],
    ]);
    const pending = await must(station, 'approval.queue', { filter: 'pending' });
    expect(pending.map((x) => x.recordingId)).toEqual([ids[1]]);
    const audit = await must(station, 'audit.list', { limit: 200 });
    expect(
      audit.filter((e) => e.action === 'office.decision-applied').map((e) => e.target),
    ).toEqual([ids[0]]);
    expect(
      audit.filter((e) => e.action === 'office.decision-refused').length,
    ).toBeGreaterThanOrEqual(3 * 3);
    // Only the genuine decision is acknowledged, and only the first time it came.
    expect(acks.flat()).toEqual([ids[0]]);
  }, 60_000);
});
