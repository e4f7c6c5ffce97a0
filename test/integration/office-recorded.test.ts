// A card's "recorded" state comes from the desk that sealed the recording: starting the recording
// makes the hub's card served (being recorded), sealing at the desk makes it recorded — pushed
// at the seal (the desk's periodic hello is ten minutes apart here, so only the push can do it),
// and, when the hub was away at the link and the seal, reconciled once the hub is back. The desk
// keeps the card's lane, priority reason and phone with the link (its round suggestions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/station';
import { startCentral } from '../central/server';
import type { CentralHandle } from '../central/server';
import { pairDesk, sealedDeskStore, startOfficeStation } from '../helpers/office-stations';
import type { OfficeStation } from '../helpers/office-stations';
import { OPERATOR, OPERATOR_PASSWORD } from '../helpers/sync-station';
import { openStore } from '../helpers/sync-fixtures';

const ALL_DAY = {
  serviceDays: [0, 1, 2, 3, 4, 5, 6],
  opensAt: '00:00',
  closesAt: '23:59',
};

describe('office hub: a card is recorded when its desk seals the recording', () => {
  let central: CentralHandle;
  let hub: OfficeStation;
  let desk: OfficeStation;
  const ids: string[] = [];
  const cleanups: (() => void | Promise<void>)[] = [];

  beforeAll(async () => {
    const c = tempDir('rekam-central-');
    central = await startCentral({ dataDir: c.dir, tls: true, port: 0 });
    cleanups.push(c.cleanup, () => central.close());
    // Two complete drafts (photo, fingerprints, signature) the desk's operator seals.
    const d = await sealedDeskStore(central, 2, { seal: false });
    cleanups.push(d.cleanup);
    ids.push(...d.ids);

    hub = await startOfficeStation('Loket Kantor', { hub: true });
    await hub.as('supervisor');
    await hub.must('queue.setCapacity', ALL_DAY);
    desk = await startOfficeStation('Meja Satu', { dataDir: d.dir, helloSeconds: 600 });
    await pairDesk(hub, desk);
    await hub.as('operator');
    await desk.call('auth.logout', {});
    await desk.must('auth.login', { username: OPERATOR, password: OPERATOR_PASSWORD });
  }, 240_000);

  afterAll(async () => {
    await Promise.all([hub?.stop(), desk?.stop()]);
    while (cleanups.length > 0) await cleanups.pop()!();
  });

  const hubCard = (id: string) => hub.must('queue.card', { id });
  /** The desk's own record of the office card its recording was started for. */
  function deskCardLink(recordingId: string): unknown {
    const db = openStore(desk.host.dataDir);
    try {
      return db
        .prepare(
          `SELECT card_id, lane, priority_reason, phone FROM office_card_links
           WHERE recording_id = ? AND station_id IS NULL`,
        )
        .get(recordingId);
    } finally {
      db.close();
    }
  }

  it('served while recording, recorded once the desk seals', async () => {
    const issued = await hub.must('queue.issue', {
      name: 'Warga Pertama',
      priority: 'elderly',
      phone: '0812-7000-1111',
    });
    const called = await desk.must('queue.callNext', { desk: 'x' });
    expect(called?.card.id).toBe(issued.card.id);
    await desk.must('queue.linkRecording', { id: issued.card.id, recordingId: ids[0]! });
    const opened = await hubCard(issued.card.id);
    expect(opened.status).toBe('served');
    expect(opened.recordingSealed).toBe(false);
    // The desk keeps the card's lane, reason and phone for its delivery-round suggestions.
    expect(deskCardLink(ids[0]!)).toEqual({
      card_id: issued.card.id,
      lane: 'priority',
      priority_reason: 'elderly',
      phone: '081270001111',
    });

    await desk.must('recordings.finish', { id: ids[0]!, password: OPERATOR_PASSWORD });
    await expect
      .poll(async () => (await hubCard(issued.card.id)).recordingSealed, { timeout: 60_000 })
      .toBe(true);
    // The hub's recap has the recording, sealed, from this desk.
    await hub.as('supervisor');
    const recap = await hub.must('office.recap', {});
    expect(recap.recordings.find((r) => r.recordingId === ids[0])?.status).toBe('sealed');
    await hub.as('operator');
  }, 120_000);

  it('linked and sealed while the hub is down: reconciled when the hub is back', async () => {
    const issued = await hub.must('queue.issue', { name: 'Warga Kedua' });
    const called = await desk.must('queue.callNext', { desk: 'x' });
    expect(called?.card.id).toBe(issued.card.id);
    await hub.as('technician');
    const hubPort = Number(new URL((await hub.must('office.status', {})).service!.urls[0]!).port);
    const dataDir = hub.host.dataDir;
    await hub.stop('SIGKILL');

    // The desk records and seals without the hub; the card's details are those it called.
    await desk.call('queue.linkRecording', { id: issued.card.id, recordingId: ids[1]! });
    expect(deskCardLink(ids[1]!)).toEqual({
      card_id: issued.card.id,
      lane: 'regular',
      priority_reason: null,
      phone: null,
    });
    const sealed = await desk.must('recordings.finish', {
      id: ids[1]!,
      password: OPERATOR_PASSWORD,
    });
    expect(sealed.packetId).toBeTruthy();

    hub = await startOfficeStation('Loket Kantor', { hub: true, dataDir, hubPort });
    await hub.as('operator');
    expect((await hubCard(issued.card.id)).status).toBe('called');
    // The desk's next contact with the hub (any queue call) catches up at once.
    await desk.must('queue.cards', {});
    await expect
      .poll(
        async () => {
          const c = await hubCard(issued.card.id);
          return [c.status, c.recordingSealed];
        },
        { timeout: 60_000 },
      )
      .toEqual(['served', true]);
    // Both cards recorded, none added or lost on the way.
    const cards = await hub.must('queue.cards', {});
    expect(cards.map((c) => [c.status, c.recordingSealed])).toEqual([
      ['served', true],
      ['served', true],
    ]);
  }, 180_000);
});
