/**
 * Sample packets for tests (packets, sync, central server, e2e). Not imported by production code.
 * The images are real (sharp-encoded JPEG and 8-bit grayscale PNG), sized like real captures.
 */
import sharp from 'sharp';
import type { ResidentData } from '../../src-main/domain/resident';
import {
  PHOTO_PART,
  SIGNATURE_IMAGE_PART,
  SIGNATURE_SERIES_PART,
  fingerPartName,
} from '../../src-main/packets/manifest';
import type { FingerCaptureMeta, PacketCaptureMeta } from '../../src-main/packets/manifest';
import type { PacketPart, SealInput } from '../../src-main/packets/seal';

export const SAMPLE_RESIDENT: ResidentData = {
  nik: '3171014506900003',
  kk: '3171010101090001',
  name: 'SITI AMINAH',
  birthPlace: 'JAKARTA',
  birthDate: '1990-06-05',
  sex: 'PEREMPUAN',
  bloodType: 'O',
  address: 'JL. MELATI NO. 5',
  rt: '001',
  rw: '002',
  villageCode: '31.71.01.1001',
  religion: 'ISLAM',
  maritalStatus: 'KAWIN',
  occupation: 'KARYAWAN SWASTA',
  citizenship: 'WNI',
};

let cached: Promise<{ photo: Buffer; finger: Buffer; signature: Buffer }> | null = null;

function images() {
  cached ??= (async () => {
    // Ridge-like stripes compress like a real print, unlike noise.
    const fw = 256;
    const fh = 360;
    const fp = Buffer.alloc(fw * fh);
    for (let y = 0; y < fh; y++) {
      for (let x = 0; x < fw; x++) {
        const r = Math.hypot(x - fw / 2, y - fh / 2);
        fp[y * fw + x] = 128 + Math.round(100 * Math.sin(r / 2.5 + x / 40));
      }
    }
    const finger = await sharp(fp, { raw: { width: fw, height: fh, channels: 1 } })
      .png({ compressionLevel: 9 })
      .toColourspace('b-w')
      .toBuffer();
    const photo = await sharp({
      create: { width: 413, height: 531, channels: 3, background: { r: 200, g: 30, b: 40 } },
    })
      .jpeg({ quality: 85 })
      .toBuffer();
    const signature = await sharp({
      create: { width: 400, height: 160, channels: 3, background: { r: 255, g: 255, b: 255 } },
    })
      .png()
      .toColourspace('b-w')
      .toBuffer();
    return { photo, finger, signature };
  })();
  return cached;
}

export interface SampleOptions {
  stationId?: string;
  recordingId?: string;
  packetId?: string;
  /** Finger positions recorded as exceptions (no image part). */
  exceptions?: number[];
  signatureException?: boolean;
}

/** A complete, valid SealInput: photo, ten fingers (minus exceptions) and the signature. */
export async function sampleSealInput(opts: SampleOptions = {}): Promise<SealInput> {
  const img = await images();
  const exceptions = new Set(opts.exceptions ?? []);
  const parts: PacketPart[] = [{ name: PHOTO_PART, mediaType: 'image/jpeg', bytes: img.photo }];
  const fingers: FingerCaptureMeta[] = [];
  for (let f = 1; f <= 10; f++) {
    if (exceptions.has(f)) {
      fingers.push({
        finger: f,
        state: 'exception',
        quality: null,
        attempts: 0,
        forced: false,
        exception: { kind: 'bandaged', reason: 'Diperban setelah operasi' },
      });
    } else {
      fingers.push({
        finger: f,
        state: f === 3 ? 'forced' : 'captured',
        quality: f === 3 ? 31 : 70 + f,
        attempts: f === 3 ? 3 : 1,
        forced: f === 3,
        exception: null,
        duplicateOf: null,
      });
      parts.push({ name: fingerPartName(f), mediaType: 'image/png', bytes: img.finger });
    }
  }
  const series = Buffer.from(
    JSON.stringify({
      unit: 'mm',
      points: [
        { x: 10, y: 20, p: 0.5, t: 0 },
        { x: 11, y: 21, p: 0.6, t: 5 },
      ],
    }),
  );
  if (!opts.signatureException) {
    parts.push({ name: SIGNATURE_IMAGE_PART, mediaType: 'image/png', bytes: img.signature });
    parts.push({ name: SIGNATURE_SERIES_PART, mediaType: 'application/json', bytes: series });
  }
  const capture: PacketCaptureMeta = {
    photo: {
      checks: [
        { id: 'face', result: 'pass', value: 0.98 },
        { id: 'background', result: 'pass', value: 12.5 },
      ],
      forced: false,
      reason: null,
      attempts: 1,
      width: 413,
      height: 531,
      noGlassesConfirmed: true,
    },
    fingers,
    fingerDevice: { model: 'ZFM-20 (simulasi)', simulated: true, firmware: null },
    signature: opts.signatureException
      ? {
          pointCount: 0,
          strokeCount: 0,
          durationMs: 0,
          exception: { reason: 'Tidak dapat menulis' },
        }
      : { pointCount: 2, strokeCount: 1, durationMs: 5, exception: null },
    signatureDevice: {
      model: 'Pad (simulasi)',
      simulated: true,
      vendorId: 0x056a,
      productId: 0x00a8,
    },
  };
  return {
    ...(opts.packetId ? { packetId: opts.packetId } : {}),
    stationId: opts.stationId ?? 'S01JZTESTSTATION0000000000',
    recordingId: opts.recordingId ?? 'R01JZTESTRECORDING00000000',
    operator: 'budi',
    demographics: SAMPLE_RESIDENT,
    capture,
    times: {
      data: '2025-06-10T09:01:00.000+07:00',
      photo: '2025-06-10T09:03:00.000+07:00',
      fingers: '2025-06-10T09:06:00.000+07:00',
      signature: '2025-06-10T09:07:00.000+07:00',
    },
    parts,
  };
}
