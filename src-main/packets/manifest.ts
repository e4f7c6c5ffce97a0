import { z } from 'zod';
import { FINGER_EXCEPTIONS } from '../domain/fingers';
import type { FingerException } from '../domain/fingers';
import { residentSchema } from '../domain/resident-schema';
import type { ResidentData } from '../domain/resident';
import { PacketError } from './errors';

export const MANIFEST_SCHEMA_VERSION = 1;

/** Every part a version-1 packet may carry, with its media type. */
export const PHOTO_PART = 'photo.jpg';
export const SIGNATURE_IMAGE_PART = 'signature.png';
export const SIGNATURE_SERIES_PART = 'signature.json';
export const fingerPartName = (finger: number): string =>
  `finger-${String(finger).padStart(2, '0')}.png`;

export function mediaTypeOf(name: string): string | null {
  if (name === PHOTO_PART) return 'image/jpeg';
  if (name === SIGNATURE_IMAGE_PART) return 'image/png';
  if (name === SIGNATURE_SERIES_PART) return 'application/json';
  if (/^finger-(0[1-9]|10)\.png$/.test(name)) return 'image/png';
  return null;
}

export interface DeviceMeta {
  model: string | null;
  simulated: boolean;
  vendorId?: number | null;
  productId?: number | null;
  serial?: string | null;
  firmware?: string | null;
}

export interface PhotoCaptureMeta {
  /** The pipeline's verdicts; `value` is the measured figure (no image data). */
  checks: { id: string; result: string; value?: number }[];
  forced: boolean;
  reason: string | null;
  attempts: number;
  width: number;
  height: number;
  noGlassesConfirmed?: boolean;
}

export interface FingerCaptureMeta {
  /** ISO finger position 1–10. */
  finger: number;
  state: 'captured' | 'forced' | 'exception';
  quality: number | null;
  attempts: number;
  forced: boolean;
  exception: { kind: FingerException; reason: string } | null;
  duplicateOf?: number | null;
}

export interface SignatureCaptureMeta {
  pointCount: number;
  strokeCount: number;
  durationMs: number;
  exception: { reason: string } | null;
}

export interface PacketCaptureMeta {
  photo: PhotoCaptureMeta;
  /** Exactly ten entries, positions 1–10. */
  fingers: FingerCaptureMeta[];
  fingerDevice: DeviceMeta | null;
  signature: SignatureCaptureMeta;
  signatureDevice: DeviceMeta | null;
}

export interface PartEntry {
  name: string;
  mediaType: string;
  byteLength: number;
  /** Lower-case hex. */
  sha256: string;
}

export interface PacketManifest {
  schemaVersion: 1;
  packetId: string;
  stationId: string;
  recordingId: string;
  operator: string;
  /** Device clock: `capturedAt` per modality (as given by the station) and the sealing time. */
  times: { capturedAt: Record<string, string>; sealedAt: string };
  demographics: ResidentData;
  capture: PacketCaptureMeta;
  /** In the order their bytes follow the signature inside the encrypted payload. */
  parts: PartEntry[];
}

export const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const id = z.string().regex(ID_RE);
const isoTime = z.iso.datetime({ offset: true });
const count = z.number().int().min(0).max(1_000_000);
const shortText = z.string().max(500);
const nullableText = z.string().max(500).nullable();

const deviceSchema = z.strictObject({
  model: z.string().max(200).nullable(),
  simulated: z.boolean(),
  vendorId: z.number().int().min(0).max(0xffff).nullable().optional(),
  productId: z.number().int().min(0).max(0xffff).nullable().optional(),
  serial: z.string().max(200).nullable().optional(),
  firmware: z.string().max(200).nullable().optional(),
});

const captureSchema = z.strictObject({
  photo: z.strictObject({
    checks: z
      .array(
        z.strictObject({
          id: z.string().max(40),
          result: z.string().max(40),
          value: z.number().optional(),
        }),
      )
      .max(20),
    forced: z.boolean(),
    reason: nullableText,
    attempts: z.number().int().min(1).max(20),
    width: z.number().int().min(1).max(10_000),
    height: z.number().int().min(1).max(10_000),
    noGlassesConfirmed: z.boolean().optional(),
  }),
  fingers: z
    .array(
      z.strictObject({
        finger: z.number().int().min(1).max(10),
        state: z.enum(['captured', 'forced', 'exception']),
        quality: z.number().min(0).max(100).nullable(),
        attempts: z.number().int().min(0).max(20),
        forced: z.boolean(),
        exception: z
          .strictObject({ kind: z.enum(FINGER_EXCEPTIONS), reason: shortText })
          .nullable(),
        duplicateOf: z.number().int().min(1).max(10).nullable().optional(),
      }),
    )
    .length(10),
  fingerDevice: deviceSchema.nullable(),
  signature: z.strictObject({
    pointCount: count,
    strokeCount: count,
    durationMs: count,
    exception: z.strictObject({ reason: shortText }).nullable(),
  }),
  signatureDevice: deviceSchema.nullable(),
});

const partSchema = z.strictObject({
  name: z.string().max(40),
  mediaType: z.string().max(60),
  byteLength: z
    .number()
    .int()
    .min(1)
    .max(64 * 1024 * 1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.strictObject({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  packetId: id,
  stationId: id,
  recordingId: id,
  operator: z.string().min(1).max(64),
  times: z.strictObject({
    capturedAt: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), isoTime),
    sealedAt: isoTime,
  }),
  demographics: residentSchema,
  capture: captureSchema,
  parts: z.array(partSchema).min(1).max(20),
});

/**
 * Rules a schema cannot say: each finger once, a part for every captured modality and none for
 * an exception, known part names with their media types. Throws PacketError('schema').
 */
export function checkManifestConsistency(m: PacketManifest): void {
  const fail = (detail: string): never => {
    throw new PacketError('schema', detail);
  };
  const names = new Set<string>();
  for (const p of m.parts) {
    if (names.has(p.name)) fail(`part ${p.name} twice`);
    names.add(p.name);
    const type = mediaTypeOf(p.name);
    if (!type) fail(`unknown part ${p.name}`);
    if (type !== p.mediaType) fail(`part ${p.name} media type ${p.mediaType}`);
  }
  const expected = new Set<string>([PHOTO_PART]);
  const seen = new Set<number>();
  for (const f of m.capture.fingers) {
    if (seen.has(f.finger)) fail(`finger ${f.finger} twice`);
    seen.add(f.finger);
    if (f.state === 'exception') {
      if (!f.exception) fail(`finger ${f.finger}: exception without kind`);
    } else {
      if (f.exception) fail(`finger ${f.finger}: exception on a captured finger`);
      if (f.quality === null) fail(`finger ${f.finger}: no quality`);
      expected.add(fingerPartName(f.finger));
    }
  }
  if (!m.capture.signature.exception) {
    expected.add(SIGNATURE_IMAGE_PART);
    expected.add(SIGNATURE_SERIES_PART);
  }
  for (const name of expected) if (!names.has(name)) fail(`part ${name} missing`);
  for (const name of names) if (!expected.has(name)) fail(`part ${name} not expected`);
}

/** Parses and checks manifest bytes; PacketError('schema') on anything off. */
export function parseManifest(bytes: Uint8Array): PacketManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new PacketError('schema', 'manifest is not UTF-8 JSON');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    // Paths only: values may be personal data.
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => i.path.join('.') || '(root)')
      .join(', ');
    throw new PacketError('schema', `manifest: ${where}`);
  }
  const manifest = parsed.data as PacketManifest;
  checkManifestConsistency(manifest);
  return manifest;
}
