// Writing an offline bundle to a folder the supervisor picked: everything goes into a hidden
// temp folder next to the target, is flushed, read back and verified, and only then renamed to
// its final name — a pulled USB stick or a full disk leaves no half bundle that looks whole.
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  statfsSync,
  writeSync,
} from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { readPacketHeader } from '../../packets/index';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  MANIFEST_FILE,
  PACKETS_DIR,
  SIGNATURE_FILE,
  SUMS_FILE,
  manifestBytes,
  packetFile,
  parseManifest,
  parseSums,
  sha256Hex,
  signManifest,
  sumsText,
  verifyManifestSignature,
} from './bundle-format';
import type { BundleManifest } from './bundle-format';

export type FolderProblem = 'relative' | 'missing' | 'not-dir' | 'read-only';

export interface FolderState {
  path: string;
  exists: boolean;
  writable: boolean;
  freeBytes: number | null;
  problem: FolderProblem | null;
}

/** Whether `path` is an existing, writable folder — tried for real with a probe file. */
export function inspectFolder(path: string): FolderState {
  if (!isAbsolute(path)) {
    return { path, exists: false, writable: false, freeBytes: null, problem: 'relative' };
  }
  const abs = resolve(path);
  let st;
  try {
    st = statSync(abs);
  } catch {
    return { path: abs, exists: false, writable: false, freeBytes: null, problem: 'missing' };
  }
  if (!st.isDirectory()) {
    return { path: abs, exists: true, writable: false, freeBytes: null, problem: 'not-dir' };
  }
  let freeBytes: number | null = null;
  try {
    const fs = statfsSync(abs);
    freeBytes = Number(fs.bavail) * Number(fs.bsize);
  } catch {
    // Some mounts do not report; the write itself is the real test.
  }
  let writable = false;
  try {
    accessSync(abs, constants.W_OK);
    const probe = join(abs, `.rekam-probe-${randomBytes(4).toString('hex')}`);
    const fd = openSync(probe, 'wx');
    closeSync(fd);
    rmSync(probe, { force: true });
    writable = true;
  } catch {
    writable = false;
  }
  return { path: abs, exists: true, writable, freeBytes, problem: writable ? null : 'read-only' };
}

function writeDurable(path: string, data: Uint8Array): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface BundleSource {
  packetId: string;
  size: number;
  sha256: string;
  bytes(): Buffer;
}

export interface WriteBundleInput {
  folder: string;
  stationId: string;
  privateKeyPem: string;
  publicKeyPem: string;
  from: string;
  to: string;
  createdAt: Date;
  packets: readonly BundleSource[];
  onProgress?: (done: number, total: number) => void;
}

export interface WrittenBundle {
  path: string;
  name: string;
  manifest: BundleManifest;
  manifestSha256: string;
  bytes: number;
}

export class BundleError extends Error {
  constructor(
    readonly stage: 'write' | 'verify',
    detail: string,
  ) {
    super(detail);
  }
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export function bundleName(stationId: string, from: string, to: string, at: Date): string {
  return `rekam-bundle-${stationId}-${from}_${to}-${stamp(at)}`;
}

export function writeBundle(input: WriteBundleInput): WrittenBundle {
  const name = bundleName(input.stationId, input.from, input.to, input.createdAt);
  const finalPath = join(input.folder, name);
  const tmp = join(input.folder, `.${name}.tmp-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(join(tmp, PACKETS_DIR), { recursive: true });
    const entries: BundleManifest['packets'] = [];
    let total = 0;
    input.packets.forEach((p, i) => {
      const bytes = p.bytes();
      // The outbox row's hash is the reference: a packet that changed at rest is not exported.
      const sha = sha256Hex(bytes);
      if (bytes.length !== p.size || sha !== p.sha256) {
        throw new BundleError('write', `packet ${p.packetId} differs from its outbox record`);
      }
      writeDurable(join(tmp, packetFile(p.packetId)), bytes);
      entries.push({
        packetId: p.packetId,
        file: packetFile(p.packetId),
        size: p.size,
        sha256: sha,
      });
      total += bytes.length;
      input.onProgress?.(i + 1, input.packets.length);
    });
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      stationId: input.stationId,
      createdAt: input.createdAt.toISOString(),
      range: { from: input.from, to: input.to },
      packets: entries,
    };
    const mBytes = manifestBytes(manifest);
    const manifestSha256 = sha256Hex(mBytes);
    writeDurable(join(tmp, MANIFEST_FILE), mBytes);
    writeDurable(
      join(tmp, SIGNATURE_FILE),
      Buffer.from(`${signManifest(mBytes, input.privateKeyPem)}\n`),
    );
    writeDurable(
      join(tmp, SUMS_FILE),
      Buffer.from(
        sumsText([
          { file: MANIFEST_FILE, sha256: manifestSha256 },
          ...entries.map((e) => ({ file: e.file, sha256: e.sha256 })),
        ]),
      ),
    );
    const problems = verifyBundleDir(tmp, input.publicKeyPem, manifest);
    if (problems.length > 0) throw new BundleError('verify', problems.slice(0, 3).join('; '));
    renameSync(tmp, finalPath);
    return { path: finalPath, name, manifest, manifestSha256, bytes: total + mBytes.length };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (e instanceof BundleError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new BundleError('write', code ?? (e instanceof Error ? e.message : String(e)));
  }
}

/**
 * Re-reads a bundle from disk: manifest parses and matches what was meant, signature verifies
 * with the station's public key, SHA256SUMS agrees, and every packet has its size, hash and a
 * readable header carrying its own id and the station's. Returns problems (empty = good).
 */
export function verifyBundleDir(
  dir: string,
  publicKeyPem: string,
  expected?: BundleManifest,
): string[] {
  const problems: string[] = [];
  let mBytes: Buffer;
  try {
    mBytes = readFileSync(join(dir, MANIFEST_FILE));
  } catch {
    return ['manifest.json missing'];
  }
  const manifest = parseManifest(mBytes);
  if (!manifest) return ['manifest.json unreadable'];
  if (expected && JSON.stringify(manifest) !== JSON.stringify(expected)) {
    problems.push('manifest differs');
  }
  let sig = '';
  try {
    sig = readFileSync(join(dir, SIGNATURE_FILE), 'utf8');
  } catch {
    problems.push('manifest.sig missing');
  }
  if (sig && !verifyManifestSignature(mBytes, sig, publicKeyPem)) {
    problems.push('manifest signature invalid');
  }
  let sums = new Map<string, string>();
  try {
    sums = parseSums(readFileSync(join(dir, SUMS_FILE), 'utf8'));
  } catch {
    problems.push('SHA256SUMS missing');
  }
  if (sums.get(MANIFEST_FILE) !== sha256Hex(mBytes)) problems.push('SHA256SUMS manifest');
  for (const p of manifest.packets) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, p.file));
    } catch {
      problems.push(`${p.packetId}: missing`);
      continue;
    }
    const sha = sha256Hex(bytes);
    if (bytes.length !== p.size || sha !== p.sha256) problems.push(`${p.packetId}: checksum`);
    if (sums.get(p.file) !== p.sha256) problems.push(`${p.packetId}: SHA256SUMS`);
    try {
      const h = readPacketHeader(bytes);
      if (h.packetId !== p.packetId || h.stationId !== manifest.stationId) {
        problems.push(`${p.packetId}: header ids`);
      }
    } catch {
      problems.push(`${p.packetId}: header`);
    }
  }
  return problems;
}
