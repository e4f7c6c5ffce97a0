// Everything the station says to the centre goes through here: the URL policy (https only, plain
// http for loopback demos), TLS with the centre's public key pinned (SPKI SHA-256), and replies
// read with a hard size cap and validated with zod before any code looks at them.
import { X509Certificate, createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { z } from 'zod';

/** No central JSON reply is anywhere near this; a bigger one is refused unread. */
export const MAX_REPLY_BYTES = 64 * 1024;

// ---- URL policy --------------------------------------------------------------------------

export type UrlProblem = 'unparseable' | 'scheme' | 'plain-http' | 'userinfo' | 'query';

/** 127.0.0.0/8, ::1 and `localhost` (a name the OS resolves to loopback without DNS). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (h.startsWith('::ffff:')) return isLoopbackHost(h.slice(7));
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && Number(m[1]) === 127 && m.slice(2).every((x) => Number(x) <= 255);
}

/**
 * The centre's URL as the station will use it, or why it is refused. `https://` always;
 * `http://` only to loopback. User info (`https://127.0.0.1@evil`) is refused outright: it
 * exists mostly to make a URL look like it points somewhere it does not.
 */
export function checkCentralUrl(
  raw: string,
): { ok: true; url: string } | { ok: false; problem: UrlProblem } {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'unparseable' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, problem: 'scheme' };
  if (u.username !== '' || u.password !== '' || /@/.test(raw.split('/')[2] ?? ''))
    return { ok: false, problem: 'userinfo' };
  if (u.search !== '' || u.hash !== '') return { ok: false, problem: 'query' };
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    return { ok: false, problem: 'plain-http' };
  }
  return { ok: true, url: `${u.origin}${u.pathname.replace(/\/+$/, '')}` };
}

/**
 * The tus upload URL (Location, or one stored in the outbox) may only point at the configured
 * centre: same origin and under its files path. Anything else would hand packet bytes, or the
 * station's trust, to whoever wrote the header.
 */
export function uploadUrlAllowed(candidate: string, filesEndpoint: string): boolean {
  let u: URL;
  let base: URL;
  try {
    base = new URL(filesEndpoint);
    u = new URL(candidate, base);
  } catch {
    return false;
  }
  if (u.origin !== base.origin || u.username !== '' || u.password !== '') return false;
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  // `new URL` has already resolved dot segments (also %2e%2e), so a prefix test is exact.
  return u.pathname.startsWith(prefix) && u.pathname.length > prefix.length && u.search === '';
}

// ---- Pins --------------------------------------------------------------------------------

/** SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex: what the station pins. */
export const spkiPin = (spkiDer: Buffer): string =>
  createHash('sha256').update(spkiDer).digest('hex');

/** A pin as people write it: hex with any spaces/colons, upper or lower case, or base64. */
export function normalisePin(text: string): string | null {
  const t = text.trim().replace(/^sha256\//i, '');
  const hex = t.replace(/[\s:-]+/g, '').toLowerCase();
  if (/^[0-9a-f]{64}$/.test(hex)) return hex;
  if (/^[A-Za-z0-9+/]{43}=$/.test(t)) return Buffer.from(t, 'base64').toString('hex');
  return null;
}

/** 16 groups of 4 upper-case hex digits, for reading aloud next to the key fingerprints. */
export const formatPin = (pin: string): string => pin.toUpperCase().match(/.{4}/g)!.join(' ');

export type TlsProblem = 'pin-mismatch' | 'untrusted';

/** The centre's TLS identity is not the one this station trusts. */
export class CentralTlsError extends Error {
  constructor(
    readonly problem: TlsProblem,
    /** The pin the server presented (null if it presented no certificate). */
    readonly seenPin: string | null,
    detail = '',
  ) {
    super(`central TLS ${problem}${detail ? `: ${detail}` : ''}`);
    this.name = 'CentralTlsError';
  }
}

export interface PinningAgentOptions {
  /** Keep connections open between requests (default true). */
  keepAlive?: boolean;
  /**
   * Without a pin: 'trust-store' (the certificate must chain to the trust store and match the
   * host name) or 'remember' (any key is accepted and kept in `seenPin`, for a caller that
   * proves it another way, e.g. the office hub's pairing code).
   */
  unpinned?: 'trust-store' | 'remember';
}

/**
 * An https.Agent that decides trust itself once the handshake is done: with a pin, the server's
 * key must match it (a self-signed centre is fine, a CA-signed impostor is not); without one
 * (first contact), as `unpinned` says. Nothing is written to the socket before that decision.
 * Used for the centre and for the office hub.
 */
export class PinningAgent extends https.Agent {
  seenPin: string | null = null;

  constructor(
    private readonly pin: string | null,
    private readonly opts: PinningAgentOptions = {},
  ) {
    // No TLS session resumption: every connection presents (and is checked against) the key.
    super({
      keepAlive: opts.keepAlive ?? true,
      keepAliveMsecs: KEEPALIVE_PROBE_MS,
      maxCachedSessions: 0,
    });
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const host = options.hostname ?? options.host ?? 'localhost';
    const socket = tls.connect({
      ...(options as tls.ConnectionOptions),
      rejectUnauthorized: false,
    });
    let done = false;
    const finish = (err: Error | null) => {
      if (done) return;
      done = true;
      socket.off('error', finish);
      if (err) socket.destroy();
      callback?.(err, socket);
    };
    socket.once('error', finish);
    socket.once('secureConnect', () => finish(this.check(socket, host)));
    return undefined;
  }

  private check(socket: tls.TLSSocket, host: string): Error | null {
    const cert = socket.getPeerCertificate(false);
    if (!cert?.raw) return new CentralTlsError('untrusted', null, 'no certificate');
    let seen: string;
    try {
      seen = spkiPin(
        new X509Certificate(cert.raw).publicKey.export({ type: 'spki', format: 'der' }),
      );
    } catch {
      return new CentralTlsError('untrusted', null, 'unreadable certificate');
    }
    this.seenPin = seen;
    if (this.pin) return seen === this.pin ? null : new CentralTlsError('pin-mismatch', seen);
    if (this.opts.unpinned === 'remember') return null;
    if (!socket.authorized) {
      return new CentralTlsError('untrusted', seen, String(socket.authorizationError));
    }
    const idErr = tls.checkServerIdentity(host.replace(/^\[|\]$/g, ''), cert);
    return idErr ? new CentralTlsError('untrusted', seen, idErr.message) : null;
  }
}

// ---- Requests ----------------------------------------------------------------------------

export class ReplyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`central reply larger than ${limit} bytes`);
    this.name = 'ReplyTooLargeError';
  }
}

export class ReplyShapeError extends Error {
  constructor(readonly summary: string) {
    super(`central reply refused: ${summary}`);
    this.name = 'ReplyShapeError';
  }
}

export interface CentralReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole request, first byte to last (a slow link's PATCH gets a window to match). */
  timeoutMs?: number;
  maxBytes?: number;
  /** Aborts the request (the runner stopping or pausing). */
  signal?: AbortSignal;
  /**
   * Write the body in pieces of this size, one after the other, so each travels in its own TLS
   * record: the centre can use every piece that arrived when a slow link is cut mid-body (a
   * 16 KB record takes 8 s at 16 kbit/s and is worth nothing until it is whole).
   */
  pieceBytes?: number;
}

export interface CentralClient {
  /** The centre's base URL (policy-checked, no trailing slash). */
  readonly baseUrl: string;
  /** For tus-js-client's Node HTTP stack: every upload request is pinned too. */
  readonly agent: http.Agent;
  /** The pin of the last server this client completed a handshake with (null: none, or http). */
  seenPin(): string | null;
  request(path: string, opts?: RequestOptions): Promise<CentralReply>;
  /** A request to an absolute URL, which must be on the centre's origin (tus upload URLs). */
  requestUrl(url: string, opts?: RequestOptions): Promise<CentralReply>;
  close(): void;
}

export function createCentralClient(opts: {
  url: string;
  pin: string | null;
  timeoutMs?: number;
}): CentralClient {
  const policy = checkCentralUrl(opts.url);
  if (!policy.ok) throw new Error(`central URL refused: ${policy.problem}`);
  const base = new URL(policy.url);
  const secure = base.protocol === 'https:';
  // TCP keep-alive probes every second would be a steady trickle on a metered GPRS link.
  const agent = secure
    ? new PinningAgent(opts.pin)
    : new http.Agent({ keepAlive: true, keepAliveMsecs: KEEPALIVE_PROBE_MS });
  const go = (url: URL, r: RequestOptions) =>
    sendRetryingReused(url, agent, secure, {
      ...r,
      timeoutMs: r.timeoutMs ?? opts.timeoutMs ?? 15_000,
    });
  return {
    baseUrl: policy.url,
    agent,
    seenPin: () => (agent instanceof PinningAgent ? agent.seenPin : null),
    request: (path, r = {}) => go(new URL(`${policy.url}${path}`), r),
    requestUrl(raw, r = {}) {
      const url = new URL(raw, base);
      if (url.origin !== base.origin) return Promise.reject(new Error('not the centre origin'));
      return go(url, r);
    },
    close: () => agent.destroy(),
  };
}

/** TCP keep-alive on idle upload sockets: once a minute, not Node's default of every second. */
const KEEPALIVE_PROBE_MS = 60_000;

/** A reused keep-alive socket that the server (or a NAT) closed while it idled. */
function isStaleSocket(err: unknown, reused: boolean): boolean {
  const code = (err as { code?: string }).code;
  return reused && (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED');
}

/**
 * A request that failed on a reused socket before any answer is sent again at once on a fresh
 * connection: the socket was dead before the request left, so it is not a network failure.
 */
async function sendRetryingReused(
  url: URL,
  agent: http.Agent,
  secure: boolean,
  r: RequestOptions & { timeoutMs: number },
): Promise<CentralReply> {
  try {
    return await send(url, agent, secure, r);
  } catch (err) {
    if (!isStaleSocket(err, (err as { reusedSocket?: boolean }).reusedSocket === true)) throw err;
    return send(url, agent, secure, r);
  }
}

function send(
  url: URL,
  agent: http.Agent,
  secure: boolean,
  r: RequestOptions & { timeoutMs: number },
): Promise<CentralReply> {
  const limit = r.maxBytes ?? MAX_REPLY_BYTES;
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? null : Buffer.from(r.body);
    const req = (secure ? https : http).request(url, {
      method: r.method ?? 'GET',
      agent,
      headers: {
        accept: 'application/json',
        ...(body ? { 'content-length': String(body.length) } : {}),
        ...r.headers,
      },
      timeout: r.timeoutMs,
    });
    const timer = setTimeout(() => req.destroy(new Error('timeout')), r.timeoutMs);
    let answered = false;
    const onAbort = () => req.destroy(new Error('aborted'));
    r.signal?.addEventListener('abort', onAbort, { once: true });
    const fail = (e: Error) => {
      clearTimeout(timer);
      r.signal?.removeEventListener('abort', onAbort);
      if (!answered) Object.assign(e, { reusedSocket: req.reusedSocket });
      reject(e);
    };
    if (r.signal?.aborted) onAbort();
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', fail);
    req.on('response', (res) => {
      answered = true;
      const declared = Number(res.headers['content-length'] ?? '0');
      if (declared > limit) {
        res.destroy();
        req.destroy();
        return fail(new ReplyTooLargeError(limit));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          // Stop reading at once: the rest is never buffered.
          res.destroy();
          req.destroy();
          return fail(new ReplyTooLargeError(limit));
        }
        chunks.push(c);
      });
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        r.signal?.removeEventListener('abort', onAbort);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    const piece = r.pieceBytes ?? 0;
    if (!body || piece <= 0 || body.length <= piece) {
      req.end(body ?? undefined);
      return;
    }
    // Each piece waits for the one before to reach the socket: writes are never coalesced.
    const next = (at: number) => {
      if (at >= body.length) return void req.end();
      req.write(body.subarray(at, at + piece), (err) => {
        if (!err) next(at + piece);
      });
    };
    next(0);
  });
}

/** Parses a reply body as JSON and validates it; ReplyShapeError (with a short summary) if not. */
export function parseReply<T>(reply: CentralReply, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(reply.body.toString('utf8'));
  } catch {
    throw new ReplyShapeError('not JSON');
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new ReplyShapeError(`${i?.path.join('.') || '(root)'}: ${i?.code ?? 'invalid'}`);
  }
  return r.data;
}
