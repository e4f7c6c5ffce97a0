// The reference centre's side of offline bundles: a folder (CLI) or a zip of it (HTTP) carried
// from a station without a link. The bundle is refused whole when its manifest is not signed by
// the registered key of the station it names; otherwise each packet is judged on its own —
// checksum against the signed manifest, then the same verify path as an online upload — so one
// damaged file costs one packet, and a packet that also came online counts once.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
import type { UnzipFile } from 'fflate';
import {
  MANIFEST_FILE,
  SIGNATURE_FILE,
  parseManifest,
  sha256Hex,
  verifyManifestSignature,
} from '../../src-main/services/exports/bundle-format';
import type { CentralStore } from './store';
import { verifyPacketBytes } from './verify';

export type BundleRefusal = 'no-manifest' | 'bad-manifest' | 'unknown-station' | 'bad-signature';
export type BundlePacketReason = 'missing-file' | 'checksum-mismatch' | string;

export interface BundlePacketReport {
  packetId: string;
  status: 'received' | 'duplicate' | 'rejected';
  reason: BundlePacketReason | null;
}

export interface BundleImportReport {
  accepted: boolean;
  stationId: string | null;
  manifestSha256: string | null;
  refusal: BundleRefusal | null;
  message: string;
  packets: BundlePacketReport[];
  counts: { received: number; duplicate: number; rejected: number };
}

const REFUSALS: Record<BundleRefusal, string> = {
  'no-manifest': 'Bundel tidak berisi manifest.json. / The bundle has no manifest.json.',
  'bad-manifest': 'manifest.json rusak atau bukan bundel Rekam. / manifest.json is damaged.',
  'unknown-station':
    'Stasiun pengirim belum terdaftar di server pusat; bundel ditolak. / The station is not registered; bundle refused.',
  'bad-signature':
    'Tanda tangan manifes tidak sah untuk stasiun ini; bundel ditolak. / The manifest signature is invalid; bundle refused.',
};

/** Every regular file under `dir`, keyed by its path relative to `dir` with '/' separators. */
export function readBundleDir(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) files.set(relative(dir, p).split(sep).join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

export interface BundleZipLimits {
  /** Bytes of zip read from the wire. */
  compressedBytes: number;
  /** Decompressed bytes of any one entry (a packet is at most a few MB). */
  entryBytes?: number;
  /** Decompressed bytes of all entries together. */
  totalBytes?: number;
  /** Entries in the zip (a day is a few hundred packets). */
  entries?: number;
}

export const DEFAULT_BUNDLE_LIMITS = {
  entryBytes: 64 * 1024 * 1024,
  totalBytes: 1024 * 1024 * 1024,
  entries: 20_000,
} as const;

export class BundleTooLargeError extends Error {
  constructor(what: string) {
    super(`bundle over the limit: ${what}`);
    this.name = 'BundleTooLargeError';
  }
}

/**
 * A zip of a bundle folder (the folder itself may be the zip's single top-level entry), read as
 * a stream and inflated with caps per entry, in total and on the entry count: a zip bomb is
 * stopped at the cap, not after it has filled the memory.
 */
export async function readBundleZipStream(
  source: AsyncIterable<Uint8Array>,
  limits: BundleZipLimits,
): Promise<Map<string, Buffer>> {
  const entryCap = limits.entryBytes ?? DEFAULT_BUNDLE_LIMITS.entryBytes;
  const totalCap = limits.totalBytes ?? DEFAULT_BUNDLE_LIMITS.totalBytes;
  const countCap = limits.entries ?? DEFAULT_BUNDLE_LIMITS.entries;
  const entries = new Map<string, Buffer[]>();
  const open: UnzipFile[] = [];
  let failure: Error | null = null;
  let total = 0;
  const fail = (e: Error) => {
    failure ??= e;
    for (const f of open) f.terminate();
  };
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (entries.size >= countCap)
      return fail(new BundleTooLargeError(`more than ${countCap} entries`));
    if (file.name.endsWith('/')) return;
    const chunks: Buffer[] = [];
    let size = 0;
    entries.set(file.name, chunks);
    open.push(file);
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) return fail(err);
      size += chunk.length;
      total += chunk.length;
      if (size > entryCap) return fail(new BundleTooLargeError(`entry over ${entryCap} bytes`));
      if (total > totalCap) return fail(new BundleTooLargeError(`over ${totalCap} bytes in total`));
      chunks.push(Buffer.from(chunk));
      if (final) open.splice(open.indexOf(file), 1);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  let read = 0;
  for await (const chunk of source) {
    read += chunk.length;
    if (read > limits.compressedBytes) fail(new BundleTooLargeError('zip too large'));
    if (failure) break;
    try {
      unzip.push(chunk, false);
    } catch (e) {
      fail(e instanceof Error ? e : new Error(String(e)));
    }
    if (failure) break;
  }
  if (!failure) {
    try {
      unzip.push(new Uint8Array(0), true);
    } catch (e) {
      fail(e instanceof Error ? e : new Error(String(e)));
    }
  }
  if (failure) throw failure;
  if (open.length > 0) throw new Error('truncated zip');
  const names = [...entries.keys()];
  const manifestPath = names.find((n) => n === MANIFEST_FILE || n.endsWith(`/${MANIFEST_FILE}`));
  const prefix = manifestPath ? manifestPath.slice(0, -MANIFEST_FILE.length) : '';
  const files = new Map<string, Buffer>();
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    files.set(n.slice(prefix.length), Buffer.concat(entries.get(n)!));
  }
  return files;
}

export interface ImportContext {
  store: CentralStore;
  centralPrivateKey: string;
  maxPacketBytes: number;
  log?: (line: string) => void;
}

export function importBundle(files: Map<string, Buffer>, ctx: ImportContext): BundleImportReport {
  const log = ctx.log ?? (() => {});
  const refuse = (
    refusal: BundleRefusal,
    stationId: string | null = null,
    manifestSha256: string | null = null,
  ): BundleImportReport => {
    log(`bundle refused: ${refusal}${stationId ? ` (station ${stationId})` : ''}`);
    return {
      accepted: false,
      stationId,
      manifestSha256,
      refusal,
      message: REFUSALS[refusal],
      packets: [],
      counts: { received: 0, duplicate: 0, rejected: 0 },
    };
  };
  const mBytes = files.get(MANIFEST_FILE);
  if (!mBytes) return refuse('no-manifest');
  const manifestSha256 = sha256Hex(mBytes);
  const manifest = parseManifest(mBytes);
  if (!manifest) return refuse('bad-manifest', null, manifestSha256);
  const station = ctx.store.station(manifest.stationId);
  if (!station) return refuse('unknown-station', manifest.stationId, manifestSha256);
  const sig = files.get(SIGNATURE_FILE)?.toString('utf8') ?? '';
  if (!verifyManifestSignature(mBytes, sig, station.publicKeyPem)) {
    return refuse('bad-signature', manifest.stationId, manifestSha256);
  }

  const packets: BundlePacketReport[] = [];
  for (const entry of manifest.packets) {
    const bytes = files.get(entry.file);
    if (!bytes) {
      packets.push({ packetId: entry.packetId, status: 'rejected', reason: 'missing-file' });
      continue;
    }
    // Damaged in transit (cut copy, bad medium): the packet may still arrive online or in another
    // bundle, so nothing is recorded against it here.
    if (bytes.length !== entry.size || sha256Hex(bytes) !== entry.sha256) {
      packets.push({ packetId: entry.packetId, status: 'rejected', reason: 'checksum-mismatch' });
      continue;
    }
    const r = verifyPacketBytes(bytes, {
      uploadId: `bundle-${manifestSha256.slice(0, 16)}-${entry.packetId}`,
      packetId: entry.packetId,
      stationId: manifest.stationId,
      store: ctx.store,
      centralPrivateKey: ctx.centralPrivateKey,
      maxPacketBytes: ctx.maxPacketBytes,
    });
    packets.push({ packetId: entry.packetId, status: r.status, reason: r.reason });
  }
  const counts = { received: 0, duplicate: 0, rejected: 0 };
  for (const p of packets) counts[p.status]++;
  log(
    `bundle from station ${manifest.stationId}: ${counts.received} received, ${counts.duplicate} duplicate, ${counts.rejected} rejected`,
  );
  return {
    accepted: true,
    stationId: manifest.stationId,
    manifestSha256,
    refusal: null,
    message:
      counts.rejected === 0
        ? 'Bundel diimpor. / Bundle imported.'
        : `Bundel diimpor; ${counts.rejected} paket ditolak. / Bundle imported; ${counts.rejected} packet(s) rejected.`,
    packets,
    counts,
  };
}
