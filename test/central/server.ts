// The reference central server: composes its API areas, fault injection and the listener.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  DEFAULT_MAX_PACKET_BYTES,
  formatCentralKeyBundle,
  keyFingerprint,
  signVerdict,
} from '../../src-main/packets/index';
import type { SignedVerdict } from '../../src-main/packets/index';
import { adminApi } from './admin-api';
import { bundlesApi } from './bundles-api';
import { createHandoverDesk } from './handovers';
import { isLoopback, readJson, secretMatches, sendJson, trustingFetch } from './http';
import type { ApiRoute, CentralContext } from './http';
import {
  loadOrCreateAdminSecret,
  loadOrCreateKeys,
  loadOrCreateTls,
  loadOrCreateVerdictKeys,
} from './keys';
import { packetsApi } from './packets-api';
import { createPrintBatches } from './print-batches';
import { stationsApi } from './stations-api';
import { openCentralStore } from './store';
import type { CentralStore, PacketRow, UploadRow } from './store';
import { createUploads } from './uploads';

export { loadOrCreateKeys, loadOrCreateVerdictKeys } from './keys';

// What a station talks to in tests and demos. Not the Dukcapil system: it implements only the
// station-facing side of the protocol in docs/packet-format.md.

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  const log = opts.log ?? (() => {});
  const ctx: CentralContext = {
    store,
    keys,
    verdictKeys,
    keyBundle,
    fingerprint,
    maxPacketBytes: opts.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES,
    log,
    operatorAllowed(req) {
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      return secretMatches(given, adminSecret);
    },
  };
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
  const uploads = createUploads(ctx, { uploadDir, handovers });
  const areas: ApiRoute[] = [
    stationsApi(ctx),
    bundlesApi(ctx, opts.bundleLimits),
    packetsApi(ctx),
    async (req, res, path) => {
      const adminAllowed = isLoopback(req.socket.remoteAddress) && ctx.operatorAllowed(req);
      const printCtx = { adminAllowed, readJson: () => readJson(req), send: sendJson };
      return print.handle(req, res, path, printCtx);
    },
    async (req, res, path) => handovers.route(req, res, path),
    adminApi(ctx),
  ];

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    for (const area of areas) if (await area(req, res, url.pathname)) return;
    sendJson(res, 404, { error: 'not-found' });
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
          return uploads.droppingPatch(req, res, faults.dropAfterBytes);
        }
        return uploads.handle(req, res);
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
    waitForUploads: (n, timeoutMs = 10_000) => uploads.waitFor(n, timeoutMs),
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
