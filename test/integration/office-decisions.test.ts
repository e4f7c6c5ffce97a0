// The hub supervisor decides on a desk's recording: the decision travels (signed by the hub,
// fetched by the desk over its pinned link) to the desk holding the packet, which applies it
// through its own approval; with approval before upload on, an approved packet then reaches the
// reference central and a rejected one never does. Hub, desk and central are separate: the hub
// and the desk as browser-host processes, the central in this process.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src-main/api/contract';
import { tempDir } from '../helpers/station';
import { startCentral } from '../central/server';
import type { CentralHandle } from '../central/server';
import { pairDesk, sealedDeskStore, startOfficeStation } from '../helpers/office-stations';
import type { OfficeStation } from '../helpers/office-stations';

const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');

describe('office hub: decisions travel to the desk holding the packet', () => {
  let central: CentralHandle;
  let hub: OfficeStation;
  let desk: OfficeStation;
  const ids: string[] = [];
  const packets: string[] = [];
  const cleanups: (() => void | Promise<void>)[] = [];

  beforeAll(async () => {
    const c = tempDir('rekam-central-');
    central = await startCentral({ dataDir: c.dir, tls: true, port: 0 });
    cleanups.push(c.cleanup, () => central.close());

    // The desk's store is prepared in this process (registered with the central, two sealed
    // recordings awaiting approval), then the desk runs as its own process on it.
    const d = await sealedDeskStore(central, 2);
    cleanups.push(d.cleanup);
    ids.push(...d.ids);
    packets.push(...d.packets);

    hub = await startOfficeStation('Loket Kantor', { hub: true });
    desk = await startOfficeStation('Meja Satu', { dataDir: d.dir });
    await pairDesk(hub, desk);
    await hub.as('supervisor');
  }, 240_000);

  afterAll(async () => {
    await Promise.all([hub?.stop(), desk?.stop()]);
    while (cleanups.length > 0) await cleanups.pop()!();
  });

  const atCentral = () => new Set(central.packets().map((p) => p.packetId));

  it('the hub sees the sealed recordings; the desk holds their packets until a decision', async () => {
    // The desk reports its day to the hub (metadata only) at its first hello.
    await expect
      .poll(async () => (await hub.must('office.recap', {})).sealed, { timeout: 60_000 })
      .toBe(2);
    const recap = await hub.must('office.recap', {});
    expect(
      recap.recordings.map((x) => [x.recordingId, x.desk, x.status, x.decisionSent]).sort(),
    ).toEqual(ids.map((id) => [id, 'Meja 2', 'sealed', null]).sort());
    expect(recap.recordings.every((x) => /^\d{4}\*{8}\d{4}$/.test(x.nikMasked))).toBe(true);
    // The office's printed day: read back with poppler, the counts as the recap has them.
    const report = await hub.must('office.report', { headName: 'Drs. Hadi Kusuma' });
    expect(report.total).toBe(2);
    const text = pdfText(Buffer.from(report.base64, 'base64'));
    expect(text).toContain('LAPORAN HARIAN PEREKAMAN KTP-el');
    expect(text).toMatch(/Total perekaman kantor: 2\b/);
    expect(text).toMatch(/Meja 2\s+2\s+2\n/);
    expect(text).toMatch(/Meja 2 · ani\s+2\s+2\n/);
    const village = recap.byVillage[0]!.key;
    expect(recap.byVillage).toHaveLength(1);
    expect(text).toContain(village);
    expect(text).toContain('Drs. Hadi Kusuma');
    expect(text.match(/Total\s+2\s+2\n/g)).toHaveLength(3);
    await desk.as('supervisor');
    const pending = await desk.must('approval.queue', { filter: 'pending' });
    expect(pending.map((x) => x.recordingId).sort()).toEqual([...ids].sort());
    const sync = (await desk.must('sync.status', {})) as SyncStatus;
    expect(sync.pendingPackets).toBe(2);
    expect(atCentral().size).toBe(0);
  }, 90_000);

  it('an approval reaches the desk and its packet uploads; a rejection uploads nothing', async () => {
    const sent = await hub.must('office.decide', { recordingId: ids[0]!, decision: 'approved' });
    expect(sent.desk).toBe('Meja 2');
    const noReason = await hub.call('office.decide', {
      recordingId: ids[1]!,
      decision: 'rejected',
    });
    expect(noReason.ok).toBe(false);
    await hub.must('office.decide', {
      recordingId: ids[1]!,
      decision: 'rejected',
      reason: 'Foto buram, ulangi foto.',
    });

    await desk.as('supervisor');
    await expect
      .poll(
        async () => {
          const decided = await desk.must('approval.queue', { filter: 'decided' });
          return decided.map((x) => [x.recordingId, x.decision?.decision]).sort();
        },
        { timeout: 90_000, interval: 500 },
      )
      .toEqual(
        [
          [ids[0], 'approved'],
          [ids[1], 'rejected'],
        ].sort(),
      );
    await expect.poll(() => atCentral().has(packets[0]!), { timeout: 60_000 }).toBe(true);
    expect(atCentral().has(packets[1]!)).toBe(false);

    const audit = await desk.must('audit.list', { limit: 100 });
    const applied = audit.filter((e) => e.action === 'office.decision-applied');
    expect(applied.map((e) => e.target).sort()).toEqual([...ids].sort());
    expect(audit.some((e) => e.action === 'office.decision-refused')).toBe(false);
  }, 180_000);
});
