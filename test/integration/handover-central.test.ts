// A card's way from the centre into the resident's hand: recordings whose index
// fingers were captured by the simulated module over a real pty (templates uploaded with
// UpChar), sealed; their cards arrive at the office; at the counter the resident's same finger,
// a new capture, matches the template kept since sealing (DownChar + Match on the module); the
// signed handover record travels over tus to the reference central, which verifies it, keeps it
// once and reports it back. A wrong finger is refused and nothing changes.
// The print batch is seeded through the station's card stock (cards-repo: batch + arrival):
// the centre's print-batch feed belongs to another part of the issue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ptyPairsAvailable } from '../../drivers/transport/pty-pair';
import { checkVerdict } from '../../src-main/packets/verdict';
import type { SignedVerdict } from '../../src-main/packets/verdict';
import { stationRequestHeaders } from '../../src-main/packets/request-auth';
import { createFingerprintDevice } from '../../src-main/services/devices/fingerprint-device';
import type { FingerprintDevice } from '../../src-main/services/devices/fingerprint-device';
import { silentLogger } from '../../src-main/services/common/log';
import { createSignatureDevice } from '../../src-main/services/devices/signature-device';
import type { SignatureDevice } from '../../src-main/services/devices/signature-device';
import type { Station } from '../../src-main/services/station/station';
import { addUser, loginAs, must, openTestStation, setUpStation, tempDir } from '../helpers/station';
import { getCard } from '../../src-main/store/cards-repo';
import { findRetained } from '../../src-main/store/handover-repo';
import { getStationKeys } from '../../src-main/store/keys-repo';
import { getStation } from '../../src-main/store/station-repo';
import { centralHandovers } from '../central/handovers';
import { startCentral } from '../central/index';
import type { CentralHandle } from '../central/index';
import { cardsAtOffice } from '../helpers/handover-fixture';
import { openStore } from '../helpers/sync-fixtures';
import { FAST_SYNC, OPERATOR, OPERATOR_PASSWORD, makeDrafts, until } from '../helpers/sync-station';

const carrier = ptyPairsAvailable() ? 'pty' : 'memory';

describe(`handover with the simulated module (${carrier}) and the reference central`, () => {
  let dir: string;
  let cleanup: () => void;
  let central: CentralHandle;
  let device: FingerprintDevice;
  let pad: SignatureDevice;
  let station: Station;
  let ids: string[];

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    central = await startCentral({});
    device = createFingerprintDevice(
      { mode: 'simulated', simSpeed: 40, simTransport: carrier },
      { log: silentLogger },
    );
    pad = createSignatureDevice({ mode: 'simulated', simSpeed: 20 }, { log: silentLogger });
    station = openTestStation(dir, {
      sync: FAST_SYNC,
      faceDetector: null,
      fingerprint: { instance: device, waitFingerMs: 5000 },
      signature: { instance: pad },
    });
    await Promise.all([device.ready(), pad.ready()]);
    await setUpStation(station);
    const opId = await addUser(station, OPERATOR, 'operator');
    await addUser(station, 'tekno', 'technician');
    await loginAs(station, 'tekno');
    const cfg = await must(station, 'central.setConfig', {
      url: central.url,
      publicKey: central.keyBundle,
    });
    await must(station, 'central.register', { token: await central.issueToken(cfg.stationId!) });
    await loginAs(station, OPERATOR);
    ids = await makeDrafts(station, dir, opId, 2);
    // The index fingers again, this time from the module: its own templates (UpChar).
    for (const recordingId of ids) {
      for (const finger of [2, 7]) {
        await must(station, 'fingerprint.clear', { recordingId, finger });
        const r = await must(station, 'fingerprint.capture', { recordingId, finger });
        expect(r.outcome).toBe('accepted');
      }
      await must(station, 'recordings.finish', { id: recordingId, password: OPERATOR_PASSWORD });
    }
    const db = openStore(dir);
    try {
      cardsAtOffice(
        db,
        'CETAK-3201-0001',
        ids.map((recordingId) => ({ recordingId })),
      );
    } finally {
      db.close();
    }
    station.startSync();
  }, 120_000);

  afterAll(async () => {
    station?.close();
    await device?.close();
    await pad?.close();
    await central?.close();
    cleanup?.();
  });

  it('the same finger, captured anew, matches; the signed record reaches the centre and is reported back', async () => {
    const id = ids[0]!;
    const hc = await must(station, 'handover.open', { recordingId: id, kind: 'counter' });
    expect(hc.fingers).toEqual([2, 7]);
    expect(hc.scanner).toBe('simulated');
    const check = await must(station, 'handover.verifyFinger', { recordingId: id, finger: 2 });
    expect(check.matched).toBe(true);
    expect(check.score).toBeGreaterThanOrEqual(100);
    expect(check.message).toMatch(/cocok/);
    await must(station, 'handover.signStart', { recordingId: id });
    await pad.simulate('signature');
    await must(station, 'handover.signAccept', { recordingId: id });
    const done = await must(station, 'handover.complete', { recordingId: id });

    const db = openStore(dir);
    try {
      expect(getCard(db, id)?.state).toBe('handed_over');
      expect(findRetained(db, id)).toMatchObject({ templates: [], photoJpeg: null });
      await until(
        () => centralHandovers(central.dataDir).some((h) => h.handoverId === done.handoverId),
        20_000,
        'the handover record at the centre',
      );
      const [atCentre] = centralHandovers(central.dataDir);
      expect(atCentre).toMatchObject({
        handoverId: done.handoverId,
        recordingId: id,
        kind: 'counter',
        status: 'received',
      });
      expect(atCentre!.record!.verification).toEqual({
        method: 'fingerprint',
        finger: 2,
        score: check.score,
        reason: null,
      });
      await until(
        () =>
          (
            db.prepare('SELECT state FROM handovers WHERE id = ?').get(done.handoverId) as {
              state: string;
            }
          ).state === 'done',
        10_000,
        'the centre’s verified verdict on the station',
      );

      // The centre reports it back to the station that sent it (a station-signed request).
      const stationId = getStation(db)!.id;
      const path = `/api/handovers/${done.handoverId}`;
      const res = await central.fetch(path, {
        headers: stationRequestHeaders('GET', path, stationId, getStationKeys(db)!.privatePem),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { recordingId: string; verdict: SignedVerdict };
      expect(body.recordingId).toBe(id);
      expect(
        checkVerdict(
          body.verdict,
          { stationId, packetId: done.handoverId },
          central.verdictPublicKeyPem,
        ),
      ).toBe('ok');
      expect((await central.fetch(path)).status).toBe(401);
    } finally {
      db.close();
    }
  });

  it('another finger is refused with the score, and the card stays at the office', async () => {
    const id = ids[1]!;
    await must(station, 'handover.open', { recordingId: id, kind: 'counter' });
    await must(station, 'handover.simulateFinger', { finger: 5 });
    const check = await must(station, 'handover.verifyFinger', { recordingId: id, finger: 7 });
    expect(check.matched).toBe(false);
    expect(check.score).toBeLessThan(50);
    expect(check.triesLeft).toBe(2);
    expect(check.message).toMatch(/TIDAK cocok .*JARI TELUNJUK KIRI.*Sisa 2 kali/);
    const refused = await station.call('handover.complete', { recordingId: id });
    expect(!refused.ok && refused.error.message).toMatch(/Identitas belum diperiksa/);
    const db = openStore(dir);
    try {
      expect(getCard(db, id)?.state).toBe('at_office');
      expect(findRetained(db, id)!.templates).toHaveLength(2);
    } finally {
      db.close();
    }
  });
});
