import { X509Certificate, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import type { Upload } from '@tus/utils';
import {
  DEFAULT_MAX_PACKET_BYTES,
  KeyFormatError,
  formatCentralKeyBundle,
  generateCentralKeys,
  generateVerdictKeys,
  keyFingerprint,
  parsePublicKey,
  publicKeyPemFromPrivate,
  rawPublicKey,
  signVerdict,
  verifyStationRequest,
} from '../../src-main/packets/index';
import type { PacketRejection, SignedVerdict } from '../../src-main/packets/index';
import { BundleTooLargeError, importBundle, readBundleZipStream } from './bundle-import';
import { openCentralStore } from './store';
import { createPrintBatches } from './print-batches';
import type { RegisterError } from './store';
import { selfSignedCert } from './tls-cert';
import type { CentralStore, PacketRow, UploadRow } from './store';
import { verifyPacketBytes } from './verify';
import { createHandoverDesk, isHandoverUpload } from './handovers';

/**
 * The reference central server: what a station talks to in tests and demos. Not the Dukcapil
 * system — it implements only the station-facing side of the protocol in docs/packet-format.md.
 */

export interface CentralFaults {
  /** Answer the next N matching requests with 503 (then behave). */
  fail5xx: number;
  /** Which requests the 5xx applies to. */
  failOn: 'files' | 'api' | 'all';
  /** Wait this long before handling every request (a slow link or an overloaded centre). */
  delayMs: number;
  /**
   * Cut the connection of the next N upload PATCH requests after `dropAfterBytes` bytes of
   * body have been stored: the station sees a network error and must resume from the offset.
   */
  dropUploads: number;
  dropAfterBytes: number;
}

export interface CentralOptions {
  /** Where keys, the database and uploads live; a fresh temp dir (removed on close) if absent. */
  dataDir?: string;
  port?: number;
  host?: string;
  /** Secret for the admin endpoints (loopback only); random when absent. */
  adminSecret?: string;
  maxPacketBytes?: number;
  /**
   * Serve HTTPS with a self-signed certificate (made on first start and kept in the data dir);
   * stations pin it by the SPKI SHA-256 the server prints (`tlsPin`).
   */
  tls?: boolean;
  /** Bundle import caps (decompressed bytes), for tests of the zip-bomb guard. */
  bundleLimits?: { entryBytes?: number; totalBytes?: number };
  faults?: Partial<CentralFaults>;
  /** One line per event, no personal data. Silent by default. */
  log?: (line: string) => void;
}

export interface CentralHandle {
  url: string;
  dataDir: string;
  port: number;
  /** The X25519 encryption key (what packets are sealed to). */
  publicKeyPem: string;
  fingerprint: string;
  /** The Ed25519 key every verdict is signed with. */
  verdictPublicKeyPem: string;
  /** Both public keys in one text: what a station's technician pastes. */
  keyBundle: string;
  /** SPKI SHA-256 of the TLS key (hex), or null when serving plain http. */
  tlsPin: string | null;
  /** The self-signed certificate (PEM), or null when serving plain http. */
  certPem: string | null;
  adminSecret: string;
  store: CentralStore;
  /** Live fault settings; assign fields to change behaviour mid-test. */
  faults: CentralFaults;
  /** A registration token for one station id (72 h, single use); `rekey` lets it replace a key. */
  issueToken(stationId: string, opts?: { ttlMs?: number; rekey?: boolean }): string;
  /** fetch() against this centre that trusts its self-signed certificate (tests and demos). */
  fetch(
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array },
  ): Promise<Response>;
  /** Signs a verdict with the centre's verdict key (tests forge and replay with it). */
  signVerdict(v: Omit<SignedVerdict, 'signature'>): SignedVerdict;
  packets(stationId?: string): PacketRow[];
  packet(packetId: string): PacketRow | null;
  uploads(): UploadRow[];
  /** Resolves once `n` uploads in total have ended: verified, rejected, or refused at creation. */
  waitForUploads(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Name used by the e2e and sync helpers. */
export type RunningCentral = CentralHandle;

const STATUS_HEADER = 'Rekam-Packet-Status';
const REASON_HEADER = 'Rekam-Packet-Reason';
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** The central X25519 key pair, created on first start and kept in the data dir. */
export function loadOrCreateKeys(dataDir: string): { publicKeyPem: string; privateKeyPem: string } {
  const file = join(dataDir, 'central-key.pem');
  if (existsSync(file)) {
    const privateKeyPem = readFileSync(file, 'utf8');
    return { privateKeyPem, publicKeyPem: publicKeyPemFromPrivate(privateKeyPem) };
  }
  const keys = generateCentralKeys();
  writeFileSync(file, keys.privateKeyPem, { mode: 0o600 });
  writeFileSync(join(dataDir, 'central-key.pub.pem'), keys.publicKeyPem);
  return keys;
}

/** The Ed25519 verdict-signing key pair, created on first start and kept in the data dir. */
export function loadOrCreateVerdictKeys(dataDir: string): {
  publicKeyPem: string;
  privateKeyPem: string;
} {
  const file = join(dataDir, 'central-verdict-key.pem');
  if (existsSync(file)) {
    const privateKeyPem = readFileSync(file, 'utf8');
    return { privateKeyPem, publicKeyPem: publicKeyPemFromPrivate(privateKeyPem) };
  }
  const keys = generateVerdictKeys();
  writeFileSync(file, keys.privateKeyPem, { mode: 0o600 });
  return keys;
}

function loadOrCreateTls(dataDir: string) {
  const certFile = join(dataDir, 'tls-cert.pem');
  const keyFile = join(dataDir, 'tls-key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    const c = selfSignedCert();
    writeFileSync(keyFile, c.keyPem, { mode: 0o600 });
    writeFileSync(certFile, c.certPem);
  }
  const certPem = readFileSync(certFile, 'utf8');
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return {
    certPem,
    keyPem: readFileSync(keyFile, 'utf8'),
    pin: createHash('sha256').update(spki).digest('hex'),
  };
}

function loadOrCreateAdminSecret(dataDir: string, given?: string): string {
  if (given) return given;
  const file = join(dataDir, 'admin-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** A bundle of a full day is a few hundred packets of ~200 KB each. */
const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

async function readJson(req: http.IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

const isLoopback = (addr: string | undefined) =>
  addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';

function secretMatches(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

const REGISTER_ERRORS: Record<RegisterError, { id: string; en: string }> = {
  'invalid-token': { id: 'Token pendaftaran tidak dikenal.', en: 'Unknown registration token.' },
  'token-used': {
    id: 'Token pendaftaran sudah dipakai. Minta token baru ke server pusat.',
    en: 'The registration token was already used. Ask the centre for a new one.',
  },
  'token-expired': {
    id: 'Token pendaftaran sudah kedaluwarsa. Minta token baru ke server pusat.',
    en: 'The registration token has expired. Ask the centre for a new one.',
  },
  'wrong-station': {
    id: 'Token ini dibuat untuk stasiun lain. Minta token untuk ID stasiun ini.',
    en: 'This token was issued for another station. Ask for a token for this station id.',
  },
  'key-exists': {
    id: 'Stasiun ini sudah terdaftar dengan kunci lain. Minta token ganti-kunci (re-key) ke admin pusat.',
    en: 'This station is already registered with another key. Ask the central admin for a re-key token.',
  },
};

export async function startCentral(opts: CentralOptions = {}): Promise<CentralHandle> {
  const ownDir = opts.dataDir ? null : mkdtempSync(join(tmpdir(), 'rekam-central-'));
  const dataDir = opts.dataDir ?? ownDir!;
  mkdirSync(join(dataDir, 'uploads'), { recursive: true });
  const keys = loadOrCreateKeys(dataDir);
  const verdictKeys = loadOrCreateVerdictKeys(dataDir);
  const keyBundle = formatCentralKeyBundle(keys.publicKeyPem, verdictKeys.publicKeyPem);
  const tlsMaterial = opts.tls ? loadOrCreateTls(dataDir) : null;
  const fingerprint = keyFingerprint(keys.publicKeyPem);
  const adminSecret = loadOrCreateAdminSecret(dataDir, opts.adminSecret);
  const store = openCentralStore(join(dataDir, 'central.db'));
  const maxPacketBytes = opts.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
  const log = opts.log ?? (() => {});
  const print = createPrintBatches({
    dbFile: join(dataDir, 'central.db'),
    store,
    centralPrivateKeyPem: keys.privateKeyPem,
    verdictPrivateKeyPem: verdictKeys.privateKeyPem,
    log,
  });
  const faults: CentralFaults = {
    fail5xx: 0,
    failOn: 'files',
    delayMs: 0,
    dropUploads: 0,
    dropAfterBytes: 64 * 1024,
    ...opts.faults,
  };
  const uploadDir = join(dataDir, 'uploads');
  const handovers = createHandoverDesk({
    dataDir,
    uploadDir,
    store,
    log,
    verdictPrivateKeyPem: verdictKeys.privateKeyPem,
  });
  let finished = 0;
  const finishWaiters = new Set<() => void>();
  const noteFinished = () => {
    finished++;
    for (const w of finishWaiters) w();
  };

  function verify(upload: Upload): {
    status: 'received' | 'duplicate' | 'rejected';
    reason: PacketRejection | null;
    packetId: string | null;
  } {
    const metaPacketId = upload.metadata?.packetId ?? null;
    const metaStationId = upload.metadata?.stationId ?? null;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(uploadDir, upload.id));
    } catch {
      store.reject(upload.id, {
        packetId: metaPacketId,
        stationId: metaStationId,
        reason: 'truncated',
        bytes: 0,
      });
      return { status: 'rejected', reason: 'truncated', packetId: metaPacketId };
    }
    return verifyPacketBytes(bytes, {
      uploadId: upload.id,
      packetId: metaPacketId,
      stationId: metaStationId,
      store,
      centralPrivateKey: keys.privateKeyPem,
      maxPacketBytes,
    });
  }

  const tus = new TusServer({
    path: '/files',
    datastore: new FileStore({ directory: uploadDir }),
    // Hard stop for absurd sizes; the real limit is checked in onUploadCreate so it is recorded.
    maxSize: maxPacketBytes * 4,
    respectForwardedHeaders: false,
    // Location relative to the request: correct for http and https alike (the station refuses
    // an upload URL on another origin).
    relativeLocation: true,
    exposedHeaders: [STATUS_HEADER, REASON_HEADER],
    async onUploadCreate(_req, upload) {
      const packetId = upload.metadata?.packetId ?? '';
      const stationId = upload.metadata?.stationId ?? '';
      if (!ID_RE.test(packetId) || !ID_RE.test(stationId)) {
        throw { status_code: 400, body: 'Upload-Metadata must carry packetId and stationId\n' };
      }
      if (upload.size === undefined) {
        throw { status_code: 400, body: 'Upload-Length is required (no deferred length)\n' };
      }
      if (upload.size > maxPacketBytes) {
        store.reject(upload.id, { packetId, stationId, reason: 'too-large', bytes: upload.size });
        log(`upload refused: ${upload.size} bytes > ${maxPacketBytes} (packet ${packetId})`);
        noteFinished();
        throw {
          status_code: 413,
          body: JSON.stringify({ packetId, status: 'rejected', reason: 'too-large' }),
        };
      }
      if (!store.station(stationId)) {
        // Refused before a byte is sent: an unregistered station would upload in vain.
        store.reject(upload.id, { packetId, stationId, reason: 'unknown-station', bytes: 0 });
        log(`upload refused: station ${stationId} not registered (packet ${packetId})`);
        noteFinished();
        throw {
          status_code: 403,
          body: JSON.stringify({ packetId, status: 'rejected', reason: 'unknown-station' }),
        };
      }
      return {};
    },
    async onUploadFinish(_req, upload) {
      if (isHandoverUpload(upload)) return handovers.finish(upload);
      const r = verify(upload);
      log(
        `upload ${upload.id}: packet ${r.packetId ?? '?'} ${r.status}${r.reason ? ` (${r.reason})` : ''}`,
      );
      noteFinished();
      // 200 even for a rejection: the transfer itself succeeded and must not be retried; the
      // verdict travels in the header and body, signed as /api/packets/:id signs it (so the
      // station needs no extra round trip), and stays readable there.
      const stationId = upload.metadata?.stationId ?? null;
      const verdict =
        r.packetId && stationId && ID_RE.test(r.packetId) && ID_RE.test(stationId)
          ? signVerdict(
              {
                stationId,
                packetId: r.packetId,
                status: r.status,
                reason: r.reason,
                at: new Date().toISOString(),
              },
              verdictKeys.privateKeyPem,
            )
          : null;
      return {
        status_code: 200,
        headers: {
          [STATUS_HEADER]: r.status,
          ...(r.reason ? { [REASON_HEADER]: r.reason } : {}),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          packetId: r.packetId,
          status: r.status,
          reason: r.reason,
          ...(verdict ? { verdict } : {}),
        }),
      };
    },
  });

  /** Hands a PATCH to tus through a body stream that stops after `limit` bytes, then cuts the socket. */
  async function droppingPatch(req: http.IncomingMessage, res: http.ServerResponse, limit: number) {
    let seen = 0;
    let cut = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (cut) return;
          const room = limit - seen;
          seen += chunk.length;
          if (chunk.length < room) {
            controller.enqueue(chunk);
            return;
          }
          cut = true;
          if (room > 0) controller.enqueue(chunk.subarray(0, room));
          controller.close();
        });
        req.on('end', () => {
          if (!cut) controller.close();
        });
        req.on('error', (e) => controller.error(e));
      },
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string') headers.set(k, v);
    }
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      method: 'PATCH',
      headers,
      body,
      duplex: 'half',
    } as RequestInit);
    await tus.handleWeb(request);
    log(`fault: connection cut after ${Math.min(seen, limit)} bytes`);
    res.socket?.destroy();
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/api/health') {
      return sendJson(res, 200, { ok: true, service: 'rekam-central-reference' });
    }
    if (req.method === 'GET' && path === '/api/central-key') {
      return sendJson(res, 200, {
        publicKeyPem: keys.publicKeyPem,
        verdictPublicKeyPem: verdictKeys.publicKeyPem,
        verdictKeyFingerprint: keyFingerprint(verdictKeys.publicKeyPem),
        keyBundle,
        publicKeyBase64: rawPublicKey(parsePublicKey(keys.publicKeyPem, 'x25519')).toString(
          'base64',
        ),
        fingerprint,
      });
    }
    if (req.method === 'POST' && path === '/api/stations/register') {
      let body: {
        token?: unknown;
        stationId?: unknown;
        publicKeyPem?: unknown;
        rotationSignature?: unknown;
      };
      try {
        body = (await readJson(req)) as typeof body;
      } catch {
        return sendJson(res, 400, { error: 'bad-request', message: 'Permintaan tidak sah.' });
      }
      const { token, stationId, publicKeyPem } = body;
      if (typeof token !== 'string' || typeof stationId !== 'string' || !ID_RE.test(stationId)) {
        return sendJson(res, 400, {
          error: 'bad-request',
          message: 'token, stationId dan publicKeyPem wajib diisi.',
          messageEn: 'token, stationId and publicKeyPem are required.',
        });
      }
      let pem: string;
      try {
        const key = parsePublicKey(typeof publicKeyPem === 'string' ? publicKeyPem : '', 'ed25519');
        pem = key.export({ format: 'pem', type: 'spki' }).toString();
      } catch (e) {
        const k = e instanceof KeyFormatError ? e : null;
        return sendJson(res, 400, {
          error: 'bad-key',
          message: k?.messageId ?? 'Kunci publik tidak sah.',
          messageEn: k?.localized('en') ?? 'Invalid public key.',
        });
      }
      const rotation =
        typeof body.rotationSignature === 'string' ? body.rotationSignature : undefined;
      const r = store.register(token, stationId, pem, rotation);
      if (!r.ok) {
        log(`registration refused for station ${stationId}: ${r.error}`);
        return sendJson(res, 403, {
          error: r.error,
          message: REGISTER_ERRORS[r.error].id,
          messageEn: REGISTER_ERRORS[r.error].en,
        });
      }
      log(`station ${stationId} registered`);
      return sendJson(res, 200, {
        stationId,
        registeredAt: r.station.registeredAt,
        stationKeyFingerprint: keyFingerprint(pem),
        centralKeyFingerprint: fingerprint,
      });
    }
    if (req.method === 'POST' && path === '/api/bundles') {
      // Bundles come from the centre's own operator (who carried the disk), never from the net.
      if (!operatorAllowed(req)) {
        req.resume();
        return sendJson(res, 401, {
          error: 'operator-required',
          message:
            'Impor bundel perlu kredensial operator pusat. / Bundle import needs the central operator credential.',
        });
      }
      let files: Map<string, Buffer>;
      try {
        files = await readBundleZipStream(req, {
          compressedBytes: MAX_BUNDLE_BYTES,
          ...opts.bundleLimits,
        });
      } catch (e) {
        req.resume();
        if (e instanceof BundleTooLargeError) {
          log(`bundle refused: ${e.message}`);
          return sendJson(res, 413, {
            error: 'too-large',
            message:
              'Bundel terlalu besar atau rusak (melewati batas ukuran). / The bundle is too large (size limit exceeded).',
          });
        }
        return sendJson(res, 400, {
          error: 'bad-zip',
          message: 'Kirim bundel sebagai berkas zip. / Send the bundle as a zip file.',
        });
      }
      const report = importBundle(files, {
        store,
        centralPrivateKey: keys.privateKeyPem,
        maxPacketBytes,
        log,
      });
      const status = report.accepted
        ? 200
        : report.refusal === 'unknown-station' || report.refusal === 'bad-signature'
          ? 403
          : 400;
      return sendJson(res, status, report);
    }
    const stationMatch = /^\/api\/stations\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (req.method === 'GET' && stationMatch) {
      const s = store.station(stationMatch[1]!);
      if (!s) return sendJson(res, 404, { error: 'not-found', registered: false });
      return sendJson(res, 200, {
        stationId: s.stationId,
        registered: true,
        registeredAt: s.registeredAt,
        stationKeyFingerprint: keyFingerprint(s.publicKeyPem),
      });
    }
    const packetMatch = /^\/api\/packets\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (req.method === 'GET' && (packetMatch || path === '/api/packets')) {
      // A station asks only about its own packets, with a request signed by its key.
      const caller = verifyStationRequest(
        'GET',
        path,
        req.headers,
        (id) => store.station(id)?.publicKeyPem ?? null,
      );
      if (!caller) {
        return sendJson(res, 401, {
          error: 'station-auth',
          message:
            'Permintaan harus ditandatangani kunci stasiun. / The request must be signed by the station key.',
        });
      }
      if (!packetMatch) {
        return sendJson(res, 200, { packets: store.packets(caller).map(publicPacket) });
      }
      const p = store.packet(packetMatch[1]!);
      if (!p || p.stationId !== caller) {
        return sendJson(res, 404, { error: 'not-found', packetId: packetMatch[1] });
      }
      return sendJson(res, 200, { ...publicPacket(p), verdict: verdictOf(p) });
    }
    const adminAllowed = isLoopback(req.socket.remoteAddress) && operatorAllowed(req);
    const printCtx = { adminAllowed, readJson: () => readJson(req), send: sendJson };
    if (await print.handle(req, res, path, printCtx)) return;
    if (handovers.route(req, res, path)) return;
    if (path.startsWith('/api/admin/')) return admin(req, res, path);
    return sendJson(res, 404, { error: 'not-found' });
  }

  /** The centre operator's credential: the admin secret as a bearer token. */
  function operatorAllowed(req: http.IncomingMessage): boolean {
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    return secretMatches(given, adminSecret);
  }

  function verdictOf(p: PacketRow): SignedVerdict {
    return signVerdict(
      {
        stationId: p.stationId,
        packetId: p.packetId,
        status: p.status,
        reason: p.reason,
        at: new Date().toISOString(),
      },
      verdictKeys.privateKeyPem,
    );
  }

  async function admin(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    if (!isLoopback(req.socket.remoteAddress) || !operatorAllowed(req)) {
      return sendJson(res, 403, { error: 'forbidden' });
    }
    if (req.method === 'POST' && path === '/api/admin/tokens') {
      let body: { stationId?: unknown; rekey?: unknown; ttlHours?: unknown };
      try {
        body = (await readJson(req)) as typeof body;
      } catch {
        return sendJson(res, 400, { error: 'bad-request' });
      }
      if (typeof body.stationId !== 'string' || !ID_RE.test(body.stationId)) {
        return sendJson(res, 400, {
          error: 'bad-request',
          message: 'stationId wajib: token selalu untuk satu stasiun. / stationId is required.',
        });
      }
      const ttlHours = typeof body.ttlHours === 'number' && body.ttlHours > 0 ? body.ttlHours : 72;
      const token = store.issueToken(body.stationId, {
        rekey: body.rekey === true,
        ttlMs: Math.min(ttlHours, 24 * 30) * 3600_000,
      });
      return sendJson(res, 200, { token, stationId: body.stationId });
    }
    const m = /^\/api\/admin\/packets\/([A-Za-z0-9_-]{1,64})\/print-ready$/.exec(path);
    if (req.method === 'POST' && m) {
      if (!store.setPrintReady(m[1]!)) return sendJson(res, 409, { error: 'not-received' });
      return sendJson(res, 200, publicPacket(store.packet(m[1]!)!));
    }
    if (req.method === 'GET' && path === '/api/admin/uploads') {
      return sendJson(res, 200, { uploads: store.uploads() });
    }
    return sendJson(res, 404, { error: 'not-found' });
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const isFiles = url.pathname === '/files' || url.pathname.startsWith('/files/');
      if (faults.delayMs > 0) await sleep(faults.delayMs);
      const applies = faults.failOn === 'all' || (faults.failOn === 'files' ? isFiles : !isFiles);
      if (faults.fail5xx > 0 && applies) {
        faults.fail5xx--;
        req.resume();
        res.writeHead(503, { 'Retry-After': '1', 'Content-Type': 'text/plain' });
        res.end('fault injected: service unavailable\n');
        return;
      }
      if (isFiles) {
        if (req.method === 'PATCH' && faults.dropUploads > 0) {
          faults.dropUploads--;
          return droppingPatch(req, res, faults.dropAfterBytes);
        }
        return tus.handle(req, res);
      }
      if (url.pathname.startsWith('/api/')) return api(req, res, url);
      return sendJson(res, 404, { error: 'not-found' });
    })().catch((e: unknown) => {
      log(`internal error: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.destroy();
    });
  };
  const server = tlsMaterial
    ? https.createServer({ cert: tlsMaterial.certPem, key: tlsMaterial.keyPem }, handler)
    : http.createServer(handler);

  // Slow links: a station's socket idles between chunks and outages for longer than Node's
  // 5 s default, and a reused socket the centre closed costs the station a failed request.
  // Keep-alive outlives the station's own idle close; a chunk may take minutes to arrive.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 60_000;
  server.requestTimeout = 15 * 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';
  const url = `${tlsMaterial ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const trustAgent = tlsMaterial
    ? new https.Agent({ ca: tlsMaterial.certPem, keepAlive: false })
    : undefined;

  return {
    url,
    dataDir,
    port,
    publicKeyPem: keys.publicKeyPem,
    fingerprint,
    verdictPublicKeyPem: verdictKeys.publicKeyPem,
    keyBundle,
    tlsPin: tlsMaterial?.pin ?? null,
    certPem: tlsMaterial?.certPem ?? null,
    adminSecret,
    store,
    faults,
    issueToken: (stationId, o) => store.issueToken(stationId, o),
    fetch: (path, init = {}) => trustingFetch(`${url}${path}`, trustAgent, init),
    signVerdict: (v) => signVerdict(v, verdictKeys.privateKeyPem),
    packets: (stationId) => store.packets(stationId),
    packet: (id) => store.packet(id),
    uploads: () => store.uploads(),
    waitForUploads(n, timeoutMs = 10_000) {
      if (finished >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          finishWaiters.delete(check);
          reject(new Error(`central: ${finished} of ${n} uploads finished after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (finished < n) return;
          clearTimeout(timer);
          finishWaiters.delete(check);
          resolve();
        };
        finishWaiters.add(check);
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      print.close();
      store.close();
      handovers.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

function publicPacket(p: PacketRow) {
  // Status only: the manifest (personal data) never leaves through this API.
  return {
    packetId: p.packetId,
    stationId: p.stationId,
    recordingId: p.recordingId,
    status: p.status,
    reason: p.reason,
    copies: p.copies,
    bytes: p.bytes,
    firstSeenAt: p.firstSeenAt,
    receivedAt: p.receivedAt,
  };
}

/** A minimal fetch over node:http(s) that trusts the given agent's CA (the self-signed cert). */
function trustingFetch(
  url: string,
  agent: https.Agent | undefined,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const req = (url.startsWith('https:') ? https : http).request(url, {
      method: init.method ?? 'GET',
      headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      ...(agent ? { agent } : {}),
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (typeof v === 'string') headers.set(k, v);
        }
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers }));
      });
    });
    req.end(body);
  });
}
