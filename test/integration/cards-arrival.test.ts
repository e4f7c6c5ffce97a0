// Printed cards coming back: the print office marks cards printed and
// dispatches a numbered batch at the reference centre; the station reads its signed feed, the
// supervisor confirms the batch's arrival (count check, a missing card) and the cards wait at
// the office. A feed signed by any other key, another station's statement and a card that is not
// this station's are refused and change nothing.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { loginAs, must, tempDir } from '../helpers/station';
import type { Station } from '../../src-main/services/station/station';
import { startCentral } from '../central/server';
import type { CentralHandle } from '../central/server';
import {
  OPERATOR_PASSWORD,
  makeDrafts,
  nikFor,
  prepareStation,
  until,
} from '../helpers/sync-station';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function admin(central: CentralHandle, path: string, body: unknown) {
  const r = await central.fetch(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${central.adminSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

async function stationWithPackets(n: number) {
  const c = tempDir('rekam-central-');
  const central = await startCentral({ dataDir: c.dir, tls: true, port: 0 });
  cleanups.push(c.cleanup, () => central.close());
  const s = tempDir('rekam-cards-');
  cleanups.push(s.cleanup);
  const { station, operatorId } = await prepareStation(s.dir, central);
  cleanups.push(() => station.close());
  const ids = await makeDrafts(station, s.dir, operatorId, n);
  const packets: string[] = [];
  for (const id of ids) {
    packets.push(
      (await must(station, 'recordings.finish', { id, password: OPERATOR_PASSWORD })).packetId,
    );
  }
  station.startSync();
  await until(
    () => central.packets().filter((p) => p.status === 'received').length === n,
    30_000,
    'packets at the centre',
  );
  await loginAs(station, 'sari', 'rahasia-sari-1');
  return { central, station, ids, packets, centralDir: c.dir };
}

const refresh = (station: Station) => must(station, 'cards.refresh', {});

describe('cards arriving from the print office', () => {
  it('printed → batch dispatched → feed on the station → arrival confirmed → cards at the office', async () => {
    const { central, station, ids, packets } = await stationWithPackets(3);

    const printed = await admin(central, '/api/admin/print/cards', {
      niks: [nikFor(1), '3201011205999999'],
    });
    expect(printed.body).toMatchObject({ printed: [packets[0]], unknown: ['3201011205999999'] });
    const first = await refresh(station);
    expect(first).toMatchObject({ applied: 1, refused: 0, batches: [] });

    const batch = await admin(central, '/api/admin/print/batches', {
      batchNo: 'B-2025-001',
      packetIds: packets,
    });
    expect(batch.status).toBe(200);
    expect(await refresh(station)).toMatchObject({
      applied: 1,
      refused: 0,
      batches: ['B-2025-001'],
    });
    // Asked again, the centre has nothing new (the cursor moved past both statements).
    expect(await refresh(station)).toMatchObject({ applied: 0, refused: 0 });
    const again = await admin(central, '/api/admin/print/batches', {
      batchNo: 'B-2025-001',
      packetIds: packets,
    });
    expect(again.status).toBe(409);

    const list = await must(station, 'cards.batches', {});
    expect(list.onTheWay.map((b) => [b.batchNo, b.declaredCount, b.state])).toEqual([
      ['B-2025-001', 3, 'dispatched'],
    ]);
    expect(JSON.parse(list.onTheWay[0]!.verdictJson)).toMatchObject({
      kind: 'batch-dispatched',
      batchNo: 'B-2025-001',
    });

    // Two cards in the box: the count check wants the third named.
    const short = await station.call('cards.confirmArrival', {
      batchNo: 'B-2025-001',
      receivedCount: 2,
      missing: [],
    });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error.message).toMatch(/1 kartu lagi belum ditandai hilang/);
    const done = await must(station, 'cards.confirmArrival', {
      batchNo: 'B-2025-001',
      receivedCount: 2,
      missing: [ids[2]!],
    });
    expect(done.batch).toMatchObject({
      state: 'arrived',
      receivedCount: 2,
      confirmedBy: 'sari',
      discrepancy: { missing: [ids[2]], extra: 0 },
    });
    expect(done.cards.map((c) => c.state).sort()).toEqual(['at_office', 'at_office', 'missing']);
    const atOffice = await must(station, 'cards.atOffice', {});
    expect(atOffice.map((c) => c.recordingId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(atOffice[0]!.villageName).not.toBe('');
    const audit = await must(station, 'audit.list', { limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'cards.batch-received',
        'cards.batch-arrived',
        'cards.marked-missing',
      ]),
    );
  }, 90_000);

  it('refuses a feed signed by another key, another station’s statement and a card that is not ours', async () => {
    const { central, station, packets, centralDir } = await stationWithPackets(1);
    const stationId = central.packets()[0]!.stationId;

    // Another station's genuine statement, and one naming a packet this station never sealed,
    // slipped into our feed: the centre signs them, the station refuses them.
    const db = new Database(join(centralDir, 'central.db'));
    // Make the print tables exist before writing into them.
    await admin(central, '/api/admin/print/cards', { packetIds: [] });
    const put = db.prepare('INSERT INTO print_feed (station_id, fields_json) VALUES (?, ?)');
    const at = new Date().toISOString();
    put.run(
      stationId,
      JSON.stringify({
        kind: 'card-printed',
        stationId: 'S0THERSTATION',
        packetId: packets[0],
        recordingId: 'R0',
        at,
      }),
    );
    put.run(
      stationId,
      JSON.stringify({
        kind: 'card-printed',
        stationId,
        packetId: 'K0NOTOURS',
        recordingId: 'R0',
        at,
      }),
    );
    db.close();
    expect(await refresh(station)).toMatchObject({ applied: 0, refused: 2 });

    // A rogue centre at the same address (same TLS certificate, same feed) signing with its own
    // key: its batch is refused and the batch never appears on the station.
    const port = central.port;
    await central.close();
    cleanups.pop();
    rmSync(join(centralDir, 'central-verdict-key.pem'));
    const rogue = await startCentral({ dataDir: centralDir, tls: true, port });
    cleanups.push(() => rogue.close());
    await admin(rogue, '/api/admin/print/batches', { batchNo: 'B-FORGED', packetIds: packets });
    expect(await refresh(station)).toMatchObject({ applied: 0, refused: 1, batches: [] });
    expect((await must(station, 'cards.batches', {})).onTheWay).toEqual([]);
    const audit = await must(station, 'audit.list', { limit: 50 });
    expect(
      audit
        .filter((a) => a.action === 'cards.statement-refused')
        .map((a) => a.target?.split(' ')[1]),
    ).toEqual(expect.arrayContaining(['wrong-station', 'unknown-card', 'bad-signature']));
  }, 90_000);
});
