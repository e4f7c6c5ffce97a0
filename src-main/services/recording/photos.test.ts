import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeFrame } from '../../../test/helpers/photo-fixtures';
import { addUser, dumpStore, loginAs, must, validResident } from '../../../test/helpers/station';
import { useTestStation } from '../../../test/helpers/station-hooks';

const ctx = useTestStation();
let good: string;
let dark: string;

// validResident() is born in 1990: an even year, so the wall must be BLUE.
beforeAll(async () => {
  good = (await makeFrame('good', { year: 'even' })).png.toString('base64');
  dark = (await makeFrame('dark', { year: 'even' })).png.toString('base64');
});

beforeEach(async () => {
  await addUser(ctx.station, 'ani', 'operator');
  await addUser(ctx.station, 'budi', 'operator');
  await addUser(ctx.station, 'tono', 'technician');
  await loginAs(ctx.station, 'ani');
});
afterAll(() => undefined);

async function draft(): Promise<string> {
  const rec = await must(ctx.station, 'recordings.saveDraft', { resident: validResident() });
  return rec.id;
}

describe('photo attempts and acceptance', () => {
  it('processes up to three attempts, refuses a fourth, accepts one and clears the rest', async () => {
    const recordingId = await draft();
    const a1 = await must(ctx.station, 'photo.process', { recordingId, frameBase64: good });
    expect(a1).toMatchObject({ index: 1, width: 480, height: 640, crop: 'face', worst: 'pass' });
    expect(a1.imageDataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(a1.checks.map((c) => [c.id, c.result])).toEqual([
      ['face', 'pass'],
      ['exposure', 'pass'],
      ['sharpness', 'pass'],
      ['background', 'pass'],
      ['glasses', 'warn'],
    ]);
    await must(ctx.station, 'photo.process', { recordingId, frameBase64: dark });
    await must(ctx.station, 'photo.process', { recordingId, frameBase64: good });

    const fourth = await ctx.station.call('photo.process', { recordingId, frameBase64: good });
    expect(fourth).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!fourth.ok) expect(fourth.error.message).toContain('Pilih salah satu');

    const list = await must(ctx.station, 'photo.attempts', { recordingId });
    expect(list.map((a) => a.index)).toEqual([1, 2, 3]);

    const noGlasses = await ctx.station.call('photo.accept', {
      recordingId,
      attemptId: a1.id,
      noGlassesConfirmed: false,
    });
    expect(noGlasses).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const photo = await must(ctx.station, 'photo.accept', {
      recordingId,
      attemptId: a1.id,
      noGlassesConfirmed: true,
    });
    expect(photo).toMatchObject({
      recordingId,
      forced: false,
      forceReason: null,
      attempts: 3,
      noGlassesConfirmed: true,
      acceptedBy: 'ani',
      width: 480,
      height: 640,
    });
    const jpeg = Buffer.from(photo.imageDataUrl.split(',')[1]!, 'base64');
    const meta = await sharp(jpeg).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 640 });
    expect(meta.exif).toBeUndefined();
    expect(
      await sharp(Buffer.from(photo.thumbDataUrl.split(',')[1]!, 'base64')).metadata(),
    ).toMatchObject({ width: 120 });

    expect(await must(ctx.station, 'photo.attempts', { recordingId })).toEqual([]);
    expect(await must(ctx.station, 'photo.get', { recordingId })).toMatchObject({ forced: false });

    const store = dumpStore(ctx.dir);
    const audit = store.audit_log as { action: string; target: string | null }[];
    expect(audit.filter((a) => a.action === 'photo.accept')).toEqual([
      expect.objectContaining({ target: recordingId }),
    ]);
  });

  it('a failed check needs a reason, and is then recorded as forced', async () => {
    const recordingId = await draft();
    const a = await must(ctx.station, 'photo.process', { recordingId, frameBase64: dark });
    expect(a.worst).toBe('fail');
    expect(a.checks.find((c) => c.id === 'exposure')?.result).toBe('fail');
    const refused = await ctx.station.call('photo.accept', {
      recordingId,
      attemptId: a.id,
      noGlassesConfirmed: true,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { forceReason: expect.any(String) } },
    });
    const photo = await must(ctx.station, 'photo.accept', {
      recordingId,
      attemptId: a.id,
      noGlassesConfirmed: true,
      forceReason: 'Lampu ruangan rusak, penduduk lansia',
    });
    expect(photo).toMatchObject({
      forced: true,
      attempts: 1,
      forceReason: 'Lampu ruangan rusak, penduduk lansia',
    });
    const audit = dumpStore(ctx.dir).audit_log as { action: string; target: string | null }[];
    expect(audit.find((x) => x.action === 'photo.accept')?.target).toBe(`${recordingId} forced`);
  });

  it('discarding starts the attempts over', async () => {
    const recordingId = await draft();
    for (let i = 0; i < 3; i++)
      await must(ctx.station, 'photo.process', { recordingId, frameBase64: good });
    await must(ctx.station, 'photo.discardAttempts', { recordingId });
    expect(await must(ctx.station, 'photo.attempts', { recordingId })).toEqual([]);
    expect(
      (await must(ctx.station, 'photo.process', { recordingId, frameBase64: good })).index,
    ).toBe(1);
  });

  it('bad frames get clear VALIDATION replies and store nothing', async () => {
    const recordingId = await draft();
    const cases = [
      '',
      Buffer.from('bukan gambar sama sekali').toString('base64'),
      (
        await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#00f' } })
          .png()
          .toBuffer()
      ).toString('base64'),
    ];
    for (const frameBase64 of cases) {
      const r = await ctx.station.call('photo.process', { recordingId, frameBase64 });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', fields: { frameBase64: expect.any(String) } },
      });
    }
    expect(await must(ctx.station, 'photo.attempts', { recordingId })).toEqual([]);
  });

  it('only the operator who owns the draft may take photos; other roles are refused', async () => {
    const recordingId = await draft();
    await loginAs(ctx.station, 'budi');
    expect(
      await ctx.station.call('photo.process', { recordingId, frameBase64: good }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await loginAs(ctx.station, 'tono');
    expect(
      await ctx.station.call('photo.process', { recordingId, frameBase64: good }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await ctx.station.call('photo.accept', {
        recordingId,
        attemptId: 'x',
        noGlassesConfirmed: true,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('settings and camera preference', () => {
  it('persists photo settings (validated, 3:4 only) and the chosen camera', async () => {
    expect(await must(ctx.station, 'photo.settings', {})).toMatchObject({
      width: 480,
      height: 640,
      jpegQuality: 90,
      thumbWidth: 120,
    });
    expect(await ctx.station.call('photo.setSettings', { width: 600 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await loginAs(ctx.station, 'tono');
    expect(await ctx.station.call('photo.setSettings', { width: 600 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await ctx.station.call('photo.setSettings', { jpegQuality: 20 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const s = await must(ctx.station, 'photo.setSettings', {
      width: 600,
      height: 800,
      backgroundTolerance: 30,
    });
    expect(s).toMatchObject({ width: 600, height: 800, backgroundTolerance: 30, jpegQuality: 90 });

    expect(await must(ctx.station, 'prefs.camera', {})).toBeNull();
    await must(ctx.station, 'prefs.setCamera', { deviceId: 'abc', label: 'Logitech C920' });

    ctx.reopen();
    await loginAs(ctx.station, 'ani');
    expect(await must(ctx.station, 'photo.settings', {})).toMatchObject({
      width: 600,
      height: 800,
    });
    expect(await must(ctx.station, 'prefs.camera', {})).toEqual({
      deviceId: 'abc',
      label: 'Logitech C920',
    });
    const recordingId = await draft();
    const a = await must(ctx.station, 'photo.process', { recordingId, frameBase64: good });
    expect(a).toMatchObject({ width: 600, height: 800 });
  });
});
