/**
 * Realistic captures for sync tests and the bench, written straight into a station's store:
 * a ~40 KB compliant-size JPEG photo, ten synthetic 256×288 fingerprints as 8-bit PNG of the
 * module's 16 grey levels (as the fingerprint service stores them) and a signature (PNG + time series). Captures go through the
 * same repositories the services use; only the devices are skipped.
 */
import sharp from 'sharp';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { packImage4, unpackImage4 } from '../../drivers/fingerprint/codec';
import { syntheticFingerprint } from '../../drivers/fingerprint/synthetic';
import { encodeGrayPng } from '../../src-main/services/recording/fingerprint-records';
import { insertFingerprint } from '../../src-main/store/fingerprints-repo';
import { upsertPhoto } from '../../src-main/store/photos-repo';
import { openDatabase } from '../../src-main/store/db';
import { fileKeyProvider } from '../../src-main/store/key-file';
import { insertSignatureFixture } from './signature-fixture';

export interface CaptureParts {
  photo: Buffer;
  thumb: Buffer;
  fingers: Buffer[];
  signaturePng: Buffer;
}

let cached: Promise<CaptureParts> | null = null;

/** Generated once per process (sharp is the slow part); every recording reuses them. */
export function captureParts(): Promise<CaptureParts> {
  cached ??= (async () => {
    const w = 480;
    const h = 640;
    const raw = Buffer.alloc(w * h * 3);
    let s = 12345;
    const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 3;
        const face = (x - 240) ** 2 / 150 ** 2 + (y - 300) ** 2 / 200 ** 2 < 1;
        const n = (rnd() - 0.5) * 24;
        raw[i] = face ? 200 + n : 190 + n;
        raw[i + 1] = face ? 160 + n : 30 + n;
        raw[i + 2] = face ? 130 + n : 40 + n;
      }
    }
    const photo = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
      .blur(0.8)
      .jpeg({ quality: 90 })
      .toBuffer();
    const thumb = await sharp(photo).resize(120).jpeg({ quality: 70 }).toBuffer();
    const fingers: Buffer[] = [];
    for (let f = 1; f <= 10; f++) {
      // Through the module's 4-bit wire format, as every real capture is (16 grey levels).
      const gray = unpackImage4(packImage4(syntheticFingerprint(f, 'clear', 7)));
      fingers.push(await encodeGrayPng(gray, 256, 288));
    }
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><rect width="600" height="200" fill="white"/><path d="M40 150 C 120 20, 180 180, 260 80 S 380 40, 440 140 S 520 60, 560 90" stroke="black" stroke-width="4" fill="none"/></svg>`;
    const signaturePng = await sharp(Buffer.from(svg)).png({ palette: true }).toBuffer();
    return { photo, thumb, fingers, signaturePng };
  })();
  return cached;
}

/** Photo, ten fingers and a signature for a draft recording, as the services would store them. */
export async function seedCaptures(db: Database, recordingId: string, userId: string) {
  const p = await captureParts();
  const at = new Date().toISOString();
  db.transaction(() => {
    upsertPhoto(db, {
      recordingId,
      jpeg: p.photo,
      thumb: p.thumb,
      width: 480,
      height: 640,
      checksJson: JSON.stringify([
        { id: 'face', result: 'pass', message: 'ok', value: 0.74 },
        { id: 'background', result: 'pass', message: 'ok', value: 8.1 },
      ]),
      forced: 0,
      forceReason: null,
      attempts: 1,
      noGlassesConfirmed: 1,
      acceptedAt: at,
      acceptedBy: userId,
    });
    for (let f = 1; f <= 10; f++) {
      insertFingerprint(db, {
        recordingId,
        finger: f,
        state: 'captured',
        quality: 60 + f,
        attempts: 1,
        imagePng: p.fingers[f - 1]!,
        width: 256,
        height: 288,
        template: Buffer.alloc(512, f),
        duplicateOf: null,
        exceptionKind: null,
        exceptionReason: null,
        deviceJson: JSON.stringify({
          systemId: 9,
          capacity: 300,
          securityLevel: 3,
          simulated: true,
        }),
        recordedBy: userId,
        recordedAt: at,
      });
    }
    insertSignatureFixture(db, recordingId, userId, p.signaturePng, at);
  })();
}

/** A second connection to a station's store (WAL: safe next to the station's own). */
export function openStore(dataDir: string): Database {
  return openDatabase({ dataDir, key: fileKeyProvider.getOrCreateKey(dataDir) });
}
