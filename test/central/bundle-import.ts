// The reference centre's side of offline bundles: a folder (CLI) or a zip of it (HTTP) carried
// from a station without a link. The bundle is refused whole when its manifest is not signed by
// the registered key of the station it names; otherwise each packet is judged on its own —
// checksum against the signed manifest, then the same verify path as an online upload — so one
// damaged file costs one packet, and a packet that also came online counts once.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';
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

/** A zip of a bundle folder; the folder itself may be the zip's single top-level entry. */
export function readBundleZip(zip: Uint8Array): Map<string, Buffer> {
  const entries = unzipSync(zip);
  const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
  const manifestPath = names.find((n) => n === MANIFEST_FILE || n.endsWith(`/${MANIFEST_FILE}`));
  const prefix = manifestPath ? manifestPath.slice(0, -MANIFEST_FILE.length) : '';
  const files = new Map<string, Buffer>();
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    files.set(n.slice(prefix.length), Buffer.from(entries[n]!));
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
