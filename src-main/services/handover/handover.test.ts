import { afterEach, describe, expect, it } from 'vitest';
import { cardsAtOffice, counterWithCards } from '../../../test/helpers/handover-fixture';
import { OPERATOR, nikFor } from '../../../test/helpers/sync-station';
import { getCard, sendCardsOnRound } from '../../store/cards-repo';
import { findRetained } from '../../store/handover-repo';
import { setCentralStatus, setVerifiedVerdict } from '../../store/outbox-repo';
import { createAudit } from '../common/audit';
import { purgeExpired } from '../supervisor/retention';
import { loginAs, must, SUPERVISOR } from '../../../test/helpers/station';
import { purgeExpiredRetained } from './retained';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('handover at the counter', { timeout: 90_000 }, () => {
  it('keeps two templates and the photo past retention, hands over with a visual check, then purges them', async () => {
    const { station, db, ids, packets, pad } = await counterWithCards(cleanups, 2);
    const [id, other] = ids as [string, string];
    const kept = findRetained(db, id)!;
    expect(kept.templates.map((t) => t.finger)).toEqual([2, 7]);
    expect(kept.photoJpeg!.length).toBeGreaterThan(1000);

    // The centre acknowledged long ago: the recording's biometrics go, the retained ones stay.
    const acked = new Date(Date.now() - 90 * 86_400_000).toISOString();
    setCentralStatus(db, packets[0]!, 'received', null, acked);
    setVerifiedVerdict(db, packets[0]!, '{"status":"received"}');
    expect(
      purgeExpired(
        db,
        new Date(),
        createAudit(db, () => new Date()),
        30,
      ),
    ).toBe(1);
    expect(findRetained(db, id)!.templates).toHaveLength(2);
    expect(findRetained(db, id)!.photoJpeg).not.toBeNull();

    // Not arrived yet: found nowhere, opened nowhere.
    const early = await station.call('handover.find', { query: nikFor(1) });
    expect(early).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    cardsAtOffice(db, 'B-001', [{ recordingId: id }, { recordingId: other }]);

    const byNik = await must(station, 'handover.find', { query: nikFor(1) });
    expect(byNik.map((c) => c.recordingId)).toEqual([id]);
    expect((await must(station, 'handover.scan', { code: packets[0]! })).recordingId).toBe(id);
    const unknown = await station.call('handover.scan', { code: 'https://example.com/x' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(!unknown.ok && unknown.error.message).toMatch(/Kode QR ini tidak dikenal/);
    const stranger = await station.call('handover.find', { query: '3201011205909999' });
    expect(!stranger.ok && stranger.error.message).toMatch(/Tidak ada KTP-el di kantor/);

    const hc = await must(station, 'handover.open', { recordingId: id, kind: 'counter' });
    expect(hc.photoDataUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect(hc.fingers).toEqual([2, 7]);
    // Nothing checked, nothing signed: refused.
    const tooSoon = await station.call('handover.complete', { recordingId: id });
    expect(!tooSoon.ok && tooSoon.error.message).toMatch(/Identitas belum diperiksa/);
    // A round may not take a counter card.
    const round = await station.call('handover.open', { recordingId: id, kind: 'round' });
    expect(round.ok).toBe(false);

    await must(station, 'handover.visualCheck', {
      recordingId: id,
      reason: 'Jari aus karena bertani; wajah cocok dengan foto',
    });
    await must(station, 'handover.signStart', { recordingId: id });
    await pad.simulate('signature');
    const signed = await must(station, 'handover.signAccept', { recordingId: id });
    expect(signed.signed?.imageDataUrl).toMatch(/^data:image\/png/);
    const done = await must(station, 'handover.complete', { recordingId: id });
    expect(Buffer.from(done.receiptPdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    expect(getCard(db, id)).toMatchObject({
      state: 'handed_over',
      handoverKind: 'counter',
      byProxy: false,
    });
    const after = findRetained(db, id)!;
    expect(after).toMatchObject({ photoJpeg: null, purgeReason: 'handed-over', templates: [] });
    const audit = db
      .prepare(`SELECT action, target FROM audit_log WHERE action LIKE 'handover.%'`)
      .all();
    expect(audit).toContainEqual({
      action: 'handover.completed',
      target: `${id} ${done.handoverId} counter visual`,
    });
    // The other card keeps its retained set; a second handover of the first is refused.
    expect(findRetained(db, other)!.templates).toHaveLength(2);
    const again = await station.call('handover.open', { recordingId: id, kind: 'counter' });
    expect(!again.ok && again.error.message).toMatch(/sudah diserahkan/);
    expect(
      (await must(station, 'handover.receipt', { recordingId: id })).pdfBase64.length,
    ).toBeGreaterThan(1000);
  });

  it('a proxy needs the supervisor policy, a valid NIK and the same KK; refusals change nothing', async () => {
    const { station, db, ids } = await counterWithCards(cleanups, 1);
    const id = ids[0]!;
    cardsAtOffice(db, 'B-002', [{ recordingId: id }]);
    await must(station, 'handover.open', { recordingId: id, kind: 'counter' });
    const proxy = {
      name: 'AHMAD SUBAGJA',
      nik: '3201011203850002',
      relation: 'anak' as const,
      kk: '3201010101150003',
    };
    const off = await station.call('handover.setProxy', { recordingId: id, proxy });
    expect(!off.ok && off.error.message).toMatch(/tidak diizinkan di kantor ini/);

    await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
    expect(await must(station, 'handover.setPolicy', { proxyAllowed: true })).toEqual({
      proxyAllowed: true,
    });
    await loginAs(station, OPERATOR);

    const badNik = await station.call('handover.setProxy', {
      recordingId: id,
      proxy: { ...proxy, nik: '32010112038' },
    });
    expect(!badNik.ok && badNik.error.message).toMatch(/NIK penerima kuasa tidak valid: .*16/);
    const ownNik = await station.call('handover.setProxy', {
      recordingId: id,
      proxy: { ...proxy, nik: nikFor(1) },
    });
    expect(!ownNik.ok && ownNik.error.message).toMatch(/sama dengan NIK pemilik/);
    const otherKk = await station.call('handover.setProxy', {
      recordingId: id,
      proxy: { ...proxy, kk: '3201010101150009' },
    });
    expect(!otherKk.ok && otherKk.error.message).toMatch(/berbeda dengan KK pemilik/);
    const hc = await must(station, 'handover.open', { recordingId: id, kind: 'counter' });
    expect(hc.proxy).toBeNull();
    expect(getCard(db, id)?.state).toBe('at_office');

    const ok = await must(station, 'handover.setProxy', {
      recordingId: id,
      proxy: { ...proxy, nik: '3201 0112 0385 0002' },
    });
    expect(ok.proxy).toMatchObject({ nik: '3201011203850002', relation: 'anak' });
  });

  it('on a delivery round, offline: the card handed over in the field, the record waits for the centre', async () => {
    const { station, db, ids, pad } = await counterWithCards(cleanups, 2);
    const [id, other] = ids as [string, string];
    cardsAtOffice(db, 'B-003', [{ recordingId: id }, { recordingId: other }]);
    expect(sendCardsOnRound(db, 'RONDE-1', [id], new Date().toISOString())).toBe(1);
    const atCounter = await station.call('handover.open', { recordingId: id, kind: 'counter' });
    expect(!atCounter.ok && atCounter.error.message).toMatch(/dibawa petugas pengantaran/);
    const wrongRound = await station.call('handover.open', {
      recordingId: id,
      kind: 'round',
      roundId: 'RONDE-2',
    });
    expect(!wrongRound.ok && wrongRound.error.message).toMatch(/tidak termasuk pengantaran ini/);
    const notOnRound = await station.call('handover.open', {
      recordingId: other,
      kind: 'round',
      roundId: 'RONDE-1',
    });
    expect(notOnRound.ok).toBe(false);

    const hc = await must(station, 'handover.open', {
      recordingId: id,
      kind: 'round',
      roundId: 'RONDE-1',
    });
    expect(hc.kind).toBe('round');
    await must(station, 'handover.visualCheck', {
      recordingId: id,
      reason: 'Lansia, jari aus; wajah cocok',
    });
    await must(station, 'handover.signStart', { recordingId: id });
    await pad.simulate('signature');
    await must(station, 'handover.signAccept', { recordingId: id });
    // The centre is unreachable (nothing listens on its port): the handover does not need it.
    const done = await must(station, 'handover.complete', { recordingId: id });
    expect(getCard(db, id)).toMatchObject({ state: 'handed_over', handoverKind: 'round' });
    const row = db
      .prepare('SELECT state, kind, round_id AS roundId FROM handovers WHERE id = ?')
      .get(done.handoverId);
    expect(row).toEqual({ state: 'queued', kind: 'round', roundId: 'RONDE-1' });
  });

  it('a card never collected loses its retained set after the maximum age', async () => {
    const { db, ids } = await counterWithCards(cleanups, 1);
    const audit = createAudit(db, () => new Date());
    expect(purgeExpiredRetained(db, new Date(), audit)).toBe(0);
    expect(purgeExpiredRetained(db, new Date(Date.now() + 366 * 86_400_000), audit)).toBe(1);
    expect(findRetained(db, ids[0]!)).toMatchObject({
      purgeReason: 'expired',
      templates: [],
      photoJpeg: null,
    });
  });
});
