import { beforeEach, describe, expect, it } from 'vitest';
import {
  SUPERVISOR,
  addUser,
  dumpStore,
  loginAs,
  must,
  validResident,
} from '../../../test/helpers/station';
import { useTestStation } from '../../../test/helpers/station-hooks';

const ctx = useTestStation();

beforeEach(async () => {
  await addUser(ctx.station, 'opa', 'operator');
  await loginAs(ctx.station, 'opa');
});

describe('recordings', () => {
  it('refuses a NIK whose date contradicts the birth date, in Indonesian, writing nothing', async () => {
    const before = dumpStore(ctx.dir).recordings;
    const r = await ctx.station.call('recordings.saveDraft', {
      resident: validResident({ birthDate: '1990-05-13' }),
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toBe('Data belum benar — periksa kolom yang ditandai.');
    expect(r.error.fields?.birthDate).toMatch(/NIK/);
    expect(r.error.fields?.birthDate).toMatch(/tanggal|Tanggal/);
    expect(dumpStore(ctx.dir).recordings).toEqual(before);
  });

  it('saves a valid draft (normalized), lists it today, finds it by NIK prefix and by name', async () => {
    const saved = await must(ctx.station, 'recordings.saveDraft', {
      resident: validResident({ name: '  budi   santoso ', nik: '3201 0112 0590 0001' }),
    });
    expect(saved).toMatchObject({
      status: 'draft',
      nik: '3201011205900001',
      name: 'BUDI SANTOSO',
      operator: 'opa',
      warnings: [],
    });
    expect(saved.id).toMatch(/^R[0-9A-Z]{26}$/);
    expect(saved.resident.rt).toBe('001');
    expect(await must(ctx.station, 'recordings.get', { id: saved.id })).toEqual(saved);

    ctx.clock.advance(60_000);
    const second = await must(ctx.station, 'recordings.saveDraft', {
      resident: validResident({
        nik: '3201015708950002',
        sex: 'PEREMPUAN',
        birthDate: '1995-08-17',
        name: 'Siti Aminah',
      }),
    });

    const today = await must(ctx.station, 'recordings.today', {});
    expect(today.map((r) => r.id)).toEqual([second.id, saved.id]);
    expect(
      (await must(ctx.station, 'recordings.today', { query: '3201011' })).map((r) => r.id),
    ).toEqual([saved.id]);
    expect(
      (await must(ctx.station, 'recordings.today', { query: '3201 0157' })).map((r) => r.id),
    ).toEqual([second.id]);
    expect(
      (await must(ctx.station, 'recordings.today', { query: 'santo' })).map((r) => r.id),
    ).toEqual([saved.id]);
    expect(
      (await must(ctx.station, 'recordings.today', { query: 'AMINAH' })).map((r) => r.id),
    ).toEqual([second.id]);
    expect(await must(ctx.station, 'recordings.today', { query: '%' })).toEqual([]);
    expect(await must(ctx.station, 'recordings.today', { query: "' OR 1=1 --" })).toEqual([]);
    // The NIK matches by prefix only.
    expect(await must(ctx.station, 'recordings.today', { query: '0590' })).toEqual([]);

    // Tomorrow the list starts empty.
    ctx.clock.advance(24 * 60 * 60_000);
    await must(ctx.station, 'auth.unlock', { password: 'sandi-opa-123' });
    expect(await must(ctx.station, 'recordings.today', {})).toEqual([]);
  });

  it('refuses a second draft with the same NIK, but saves the same draft again by id', async () => {
    const first = await must(ctx.station, 'recordings.saveDraft', { resident: validResident() });
    const dup = await ctx.station.call('recordings.saveDraft', {
      resident: validResident({ name: 'Orang Lain' }),
    });
    expect(dup).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'NIK ini sudah ada dalam draf hari ini — buka dari daftar Hari Ini',
        fields: { nik: expect.any(String) },
      },
    });
    ctx.clock.advance(1000);
    const again = await must(ctx.station, 'recordings.saveDraft', {
      id: first.id,
      resident: validResident({ address: 'Jl. Melati 7' }),
    });
    expect(again).toMatchObject({ id: first.id, createdAt: first.createdAt });
    expect(again.updatedAt > first.updatedAt).toBe(true);
    expect(again.resident.address).toBe('JL. MELATI 7');
    expect(dumpStore(ctx.dir).recordings).toHaveLength(1);

    expect(
      await ctx.station.call('recordings.saveDraft', {
        id: 'R-missing',
        resident: validResident(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ctx.station.call('recordings.get', { id: 'R-missing' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Perekaman tidak ditemukan.' },
    });
  });

  it('stores warnings with the draft and returns them', async () => {
    // A NIK from a kecamatan not in the list is a warning: old codes stay valid.
    const saved = await must(ctx.station, 'recordings.saveDraft', {
      resident: validResident({ nik: '3201991205900001' }),
    });
    expect(saved.warnings).toEqual([
      expect.objectContaining({ field: 'nik', severity: 'warning' }),
    ]);
    expect((await must(ctx.station, 'recordings.get', { id: saved.id })).warnings).toEqual(
      saved.warnings,
    );
  });

  it('answers in English after the locale changes', async () => {
    await must(ctx.station, 'prefs.setLocale', { locale: 'en' });
    const r = await ctx.station.call('recordings.saveDraft', {
      resident: validResident({ birthDate: '1990-05-13' }),
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/marked fields/) },
    });
  });

  it('audits drafts by recording id only, never the NIK or name', async () => {
    const saved = await must(ctx.station, 'recordings.saveDraft', { resident: validResident() });
    const audit = JSON.stringify(dumpStore(ctx.dir).audit_log);
    expect(audit).toContain(saved.id);
    expect(audit).not.toContain('3201011205900001');
    expect(audit).not.toContain('BUDI');
  });
});

describe('draft ownership', () => {
  it('lets only the holding operator edit and seal a draft; a supervisor reassigns it, audited', async () => {
    await loginAs(ctx.station, SUPERVISOR.username, SUPERVISOR.password);
    await addUser(ctx.station, 'opb', 'operator');
    await loginAs(ctx.station, 'opa');
    const draft = await must(ctx.station, 'recordings.saveDraft', { resident: validResident() });
    await loginAs(ctx.station, 'opb');
    expect(
      await ctx.station.call('recordings.saveDraft', { id: draft.id, resident: validResident() }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('opa') },
    });
    expect(
      await ctx.station.call('recordings.finish', { id: draft.id, password: 'sandi-opb-123' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await loginAs(ctx.station, SUPERVISOR.username, SUPERVISOR.password);
    const open = await must(ctx.station, 'recordings.openDrafts', {});
    expect(open.map((d) => [d.id, d.operator])).toEqual([[draft.id, 'opa']]);
    const users = await must(ctx.station, 'users.list', {});
    const opb = users.find((u) => u.username === 'opb')!;
    const sup = users.find((u) => u.username === SUPERVISOR.username)!;
    // Only to an active operator.
    expect(
      await ctx.station.call('recordings.reassign', { recordingId: draft.id, operatorId: sup.id }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(
      await must(ctx.station, 'recordings.reassign', { recordingId: draft.id, operatorId: opb.id }),
    ).toMatchObject({ id: draft.id, operator: 'opb', status: 'draft' });

    await loginAs(ctx.station, 'opb');
    await must(ctx.station, 'recordings.saveDraft', { id: draft.id, resident: validResident() });
    await loginAs(ctx.station, 'opa');
    expect(
      await ctx.station.call('recordings.saveDraft', { id: draft.id, resident: validResident() }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const audit = dumpStore(ctx.dir).audit_log as { action: string; target: string | null }[];
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'recording.reassigned', target: `${draft.id}:opa>opb` }),
    );
    // Operators cannot reassign.
    expect(
      await ctx.station.call('recordings.reassign', { recordingId: draft.id, operatorId: opb.id }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
