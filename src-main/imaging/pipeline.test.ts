import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { PhotoCheck, PhotoCheckId } from '../api/contract';
import { makeFrame, type FrameVariant } from '../../test/helpers/photo-fixtures';
import { headGeometry } from './checks';
import { createHumanFaceDetector } from './face-detector';
import type { FaceDetector } from './face-detector';
import { DEFAULT_PHOTO_SETTINGS } from './geometry';
import { PhotoInputError, processFrame } from './pipeline';
import type { ProcessOptions } from './pipeline';

const detector = createHumanFaceDetector();
const ODD_YEAR = 1985;
const EVEN_YEAR = 1990;
const opts = (over: Partial<ProcessOptions> = {}): ProcessOptions => ({
  settings: DEFAULT_PHOTO_SETTINGS,
  birthYear: ODD_YEAR,
  locale: 'id',
  detector,
  ...over,
});
const byId = (checks: PhotoCheck[]) =>
  Object.fromEntries(checks.map((c) => [c.id, c.result])) as Record<PhotoCheckId, string>;

describe('quality checks on real-photo variants (1280×720, odd birth year → red)', () => {
  interface Expectation {
    fails: PhotoCheckId | null;
    crop: 'face' | 'guide';
  }
  const expected: Record<FrameVariant, Expectation> = {
    good: { fails: null, crop: 'face' },
    dark: { fails: 'exposure', crop: 'face' },
    blurred: { fails: 'sharpness', crop: 'face' },
    'wrong-background': { fails: 'background', crop: 'face' },
    'off-centre': { fails: 'face', crop: 'face' },
    'no-face': { fails: 'face', crop: 'guide' },
  };
  for (const [variant, want] of Object.entries(expected) as [FrameVariant, Expectation][]) {
    it(`${variant}: ${want.fails ? `fails ${want.fails} and nothing else` : 'passes all (glasses prompt aside)'}`, async () => {
      const frame = await makeFrame(variant);
      const r = await processFrame(frame.png, opts());
      const results = byId(r.checks);
      expect(r.crop).toBe(want.crop);
      expect(results.glasses).toBe('warn');
      for (const c of r.checks) {
        if (c.id === want.fails) expect(c, c.id).toMatchObject({ result: 'fail' });
        else if (c.id !== 'glasses') expect(c.result, `${c.id}: ${c.message}`).not.toBe('fail');
        if (!want.fails && c.id !== 'glasses')
          expect(c.result, `${c.id}: ${c.message}`).toBe('pass');
        expect(c.message.length).toBeGreaterThan(5);
      }
      expect(r.worst).toBe(want.fails ? 'fail' : 'pass');
    });
  }

  it('names the required colour: "Latar harus MERAH (tahun lahir ganjil)", English on request', async () => {
    const frame = await makeFrame('wrong-background');
    const id = await processFrame(frame.png, opts());
    expect(id.checks.find((c) => c.id === 'background')?.message).toContain(
      'Latar harus MERAH (tahun lahir ganjil)',
    );
    const en = await processFrame(frame.png, opts({ locale: 'en' }));
    expect(en.checks.find((c) => c.id === 'background')?.message).toContain(
      'must be RED (birth year odd)',
    );
  });

  it('even year wants blue: the blue-wall frame passes, the red one fails', async () => {
    const blue = await makeFrame('good', { year: 'even' });
    const r = await processFrame(blue.png, opts({ birthYear: EVEN_YEAR }));
    expect(byId(r.checks).background).toBe('pass');
    const red = await makeFrame('good', { year: 'odd' });
    const w = await processFrame(red.png, opts({ birthYear: EVEN_YEAR }));
    expect(w.checks.find((c) => c.id === 'background')).toMatchObject({
      result: 'fail',
      message: expect.stringContaining('BIRU'),
    });
  });

  it('1920×1080 good frame passes too', async () => {
    const frame = await makeFrame('good', { width: 1920, height: 1080 });
    const r = await processFrame(frame.png, opts());
    expect(r.checks.filter((c) => c.result !== 'pass').map((c) => c.id)).toEqual(['glasses']);
  });
});

describe('the stored photo', () => {
  it('is a 3:4 JPEG of the configured size, ICAO-framed, with no EXIF, ICC or XMP', async () => {
    const frame = await makeFrame('good', { width: 1920, height: 1080 });
    // A camera-style JPEG with EXIF, an ICC profile and an orientation tag: the frame is stored
    // rotated 90° and tagged so that rotate() turns it back upright.
    const tagged = await sharp(frame.png)
      .rotate(-90)
      .withExif({ IFD0: { Make: 'Rekam test camera', Software: 'test' } })
      .withMetadata({ orientation: 6 })
      .withIccProfile('p3')
      .jpeg({ quality: 92 })
      .toBuffer();
    const inMeta = await sharp(tagged).metadata();
    expect(inMeta.exif).toBeDefined();
    expect(inMeta.icc).toBeDefined();
    expect(inMeta.orientation).toBe(6);

    const r = await processFrame(tagged, opts());
    expect(r.crop).toBe('face');
    expect(byId(r.checks).face).toBe('pass');
    const meta = await sharp(r.jpeg).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 640 });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(r.jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');

    const thumb = await sharp(r.thumb).metadata();
    expect(thumb).toMatchObject({ format: 'jpeg', width: 120, height: 160 });
    expect(thumb.exif).toBeUndefined();

    // ICAO geometry, measured again on the output: the crop aims at 75 %; a second detection at
    // another scale moves the landmarks by a few per cent (measured: 0.695–0.707), so allow it.
    const { data, info } = await sharp(r.jpeg).raw().toBuffer({ resolveWithObject: true });
    const faces = await detector.detect(data, info.width, info.height);
    expect(faces).toHaveLength(1);
    const g = headGeometry(faces[0]!);
    const share = (g.chinY - g.crownY) / info.height;
    expect(share).toBeGreaterThanOrEqual(0.68);
    expect(share).toBeLessThanOrEqual(0.8);
    expect(Math.abs(g.centerX / info.width - 0.5)).toBeLessThan(0.05);
    // The astronaut's head rolls ~4° in the frame; levelled it stays within the landmark noise.
    expect(Math.abs(faces[0]!.roll)).toBeLessThan(3.5);
  });

  it('follows the configured size, quality and thumbnail width', async () => {
    const frame = await makeFrame('good');
    const settings = {
      ...DEFAULT_PHOTO_SETTINGS,
      width: 600,
      height: 800,
      jpegQuality: 70,
      thumbWidth: 150,
    };
    const r = await processFrame(frame.png, opts({ settings }));
    expect(await sharp(r.jpeg).metadata()).toMatchObject({ width: 600, height: 800 });
    expect(await sharp(r.thumb).metadata()).toMatchObject({ width: 150, height: 200 });
    const hq = await processFrame(frame.png, opts({ settings: { ...settings, jpegQuality: 95 } }));
    expect(hq.jpeg.length).toBeGreaterThan(r.jpeg.length);
  });

  it('without a detector (or when it breaks) crops on the framing guide and says so', async () => {
    const frame = await makeFrame('good');
    const broken: FaceDetector = {
      name: 'broken',
      detect: () => Promise.reject(new Error('model missing')),
    };
    for (const d of [null, broken]) {
      const r = await processFrame(frame.png, opts({ detector: d }));
      expect(r.crop).toBe('guide');
      expect(r.checks.find((c) => c.id === 'face')).toMatchObject({
        result: 'warn',
        message: expect.stringContaining('Pendeteksi wajah tidak tersedia'),
      });
      // The guide matches the fixture's head placement, so the other checks still pass.
      expect(byId(r.checks)).toMatchObject({
        exposure: 'pass',
        sharpness: 'pass',
        background: 'pass',
      });
    }
  });
});

describe('bad input', () => {
  const refused = async (buf: Buffer) => {
    try {
      await processFrame(buf, opts());
    } catch (e) {
      expect(e).toBeInstanceOf(PhotoInputError);
      return e as PhotoInputError;
    }
    throw new Error('accepted');
  };

  it('refuses empty, non-image, damaged, tiny and animated input with clear messages', async () => {
    expect(await refused(Buffer.alloc(0))).toMatchObject({
      kind: 'empty',
      message: expect.stringContaining('kosong'),
    });
    expect(await refused(Buffer.from('hello, this is not a picture'))).toMatchObject({
      kind: 'not-image',
    });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"/>');
    expect(await refused(svg)).toMatchObject({ kind: 'not-image' });
    const good = await makeFrame('good');
    const jpeg = await sharp(good.png).jpeg().toBuffer();
    expect(await refused(jpeg.subarray(0, Math.floor(jpeg.length / 3)))).toMatchObject({
      kind: 'broken',
    });
    const tiny = await sharp({
      create: { width: 120, height: 90, channels: 3, background: '#888' },
    })
      .png()
      .toBuffer();
    expect(await refused(tiny)).toMatchObject({
      kind: 'too-small',
      message: expect.stringContaining('120×90'),
    });
  });

  it('refuses an 8000×8000 frame from its header, before decoding, with bounded memory', async () => {
    const huge = await sharp({
      create: { width: 8000, height: 8000, channels: 3, background: '#c00' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 5; i++) {
      const e = await refused(huge);
      expect(e).toMatchObject({ kind: 'too-large', message: expect.stringContaining('8000×8000') });
    }
    const growth = process.memoryUsage().rss - before;
    // Decoding it once would take 192 MB of pixels.
    expect(growth).toBeLessThan(64 * 1024 * 1024);
  });
});
