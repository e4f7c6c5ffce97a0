import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { EVENT_NAMES, maxBodyBytes, methods } from '../../api/contract';
import type { EventName, EventPayloads, MethodName } from '../../api/contract';
import { fail } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { PERMISSIONS_POLICY, contentSecurityPolicy } from '../shared/csp';
import { hostMessage } from './messages';
import type { HostMessage } from './messages';
import { resolveStaticFile } from '../shared/static-files';

/** What the host needs from the station; structural so the host does not pin services types. */
export interface HostedStation {
  call(method: string, input: unknown): Promise<Reply<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /** The current status, sent to each client as it connects (events only carry changes). */
  status?(): EventPayloads['status'];
}

export interface BrowserServerOptions {
  station: HostedStation;
  rendererDir: string;
  /** 0 = any free port. */
  port?: number;
  /** Per-run secret; generated when omitted. */
  secret?: string;
  log?: (line: string) => void;
  helloTimeoutMs?: number;
  pingIntervalMs?: number;
}

export interface BrowserServer {
  port: number;
  origin: string;
  secret: string;
  /** The URL to open: the secret rides in the fragment, which browsers never send to servers. */
  url: string;
  close(): Promise<void>;
}

export { DEFAULT_MAX_BODY_BYTES as BODY_LIMIT } from '../../api/contract';

export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Constant-time over the digests, so neither content nor length leaks through timing. */
export function secretMatches(given: unknown, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

/**
 * HTTP + WebSocket front of the browser host, bound to 127.0.0.1 only.
 *
 * Threats it answers: other local users and web pages in the same browser. Web pages are kept
 * out by the Host check (DNS rebinding), the Origin check, the absence of any CORS header and
 * the custom secret header (which forces a preflight that we never approve); local processes
 * are kept out by the per-run secret that only the launched browser tab knows.
 */
export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const { station, rendererDir } = opts;
  const secret = opts.secret ?? newSecret();
  const log = opts.log ?? (() => {});
  const helloTimeoutMs = opts.helloTimeoutMs ?? 5000;
  const pingIntervalMs = opts.pingIntervalMs ?? 30_000;
  let port = 0;
  let csp = '';

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const hostOk = (req: IncomingMessage) =>
    allowedHosts().has((req.headers.host ?? '').toLowerCase());
  // Origin must be the page this host served (the same Host the request was addressed to).
  const originOk = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return origin.toLowerCase() === `http://${(req.headers.host ?? '').toLowerCase()}`;
  };

  const securityHeaders = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  };

  const sendReply = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    reply: Reply<unknown>,
    extra: Record<string, string> = {},
  ) => {
    const body = JSON.stringify(reply);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      ...extra,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const sendError = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: Parameters<typeof fail>[0],
    msg: HostMessage,
    extra?: Record<string, string>,
  ) =>
    sendReply(
      req,
      res,
      status,
      fail(code, hostMessage(msg, req.headers['accept-language'])),
      extra,
    );

  const handleApi = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'POST') {
      return sendError(req, res, 405, 'BAD_REQUEST', 'methodNotAllowed', { Allow: 'POST' });
    }
    const method = pathname.slice('/api/'.length);
    if (!secretMatches(req.headers['x-rekam-secret'], secret)) {
      return sendError(req, res, 401, 'UNAUTHENTICATED', 'unauthenticated');
    }
    if (!Object.hasOwn(methods, method)) {
      return sendError(req, res, 404, 'UNKNOWN_METHOD', 'unknownMethod');
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      return sendError(req, res, 415, 'BAD_REQUEST', 'contentType');
    }
    const limit = maxBodyBytes(method as MethodName);
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      return sendError(req, res, 413, 'BAD_REQUEST', 'tooLarge', { Connection: 'close' });
    }
    const body = await readBody(req, limit);
    if (body === 'too-large') {
      return sendError(req, res, 413, 'BAD_REQUEST', 'tooLarge', { Connection: 'close' });
    }
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(req, res, 400, 'BAD_REQUEST', 'badJson');
    }
    const reply = await station.call(method, input);
    sendReply(req, res, 200, reply);
  };

  const handleStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('Method Not Allowed');
    }
    const index = await resolveStaticFile(rendererDir, '/');
    if (!index) return sendNotBuilt(res);
    const file = await resolveStaticFile(rendererDir, pathname);
    if (!file) {
      res.writeHead(404, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      return res.end(hostMessage('notFound', req.headers['accept-language']));
    }
    const isIndex = file.file === index.file;
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.size,
      // index.html names the hashed bundles; a stale copy would load yesterday's app.
      'Cache-Control': isIndex ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') return res.end();
    file
      .open()
      .on('error', () => res.destroy())
      .pipe(res);
  };

  const server = createServer((req, res) => {
    securityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Before URL normalisation, so `/api/../x` cannot dodge the API rules.
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const isApi = rawPath === '/api' || rawPath.startsWith('/api/');
    if (!hostOk(req) || !originOk(req)) {
      log(`refused ${req.method} (host/origin check)`);
      if (isApi) return sendError(req, res, 403, 'FORBIDDEN', 'forbidden');
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('Forbidden');
    }
    const work = isApi ? handleApi(req, res, rawPath) : handleStatic(req, res, url.pathname);
    work.catch((err: unknown) => {
      // The error itself may quote input, so only its kind goes to the log.
      log(`request failed: ${err instanceof Error ? err.name : 'unknown error'}`);
      if (!res.headersSent) {
        sendReply(
          req,
          res,
          500,
          fail('INTERNAL', hostMessage('internal', req.headers['accept-language'])),
        );
      } else {
        res.destroy();
      }
    });
  });
  // A slow-loris client must not hold the desk's only host forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  // ---- WebSocket /events ------------------------------------------------------------------
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const authed = new Set<WebSocket>();
  const alive = new WeakMap<WebSocket, boolean>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== '/events' || !hostOk(req) || !originOk(req)) {
      log('refused websocket (path/host/origin check)');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  const onConnection = (ws: WebSocket) => {
    alive.set(ws, true);
    const timer = setTimeout(() => ws.close(4401, 'hello required'), helloTimeoutMs);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data, isBinary) => {
      if (authed.has(ws)) return; // the channel is one-way after the hello
      clearTimeout(timer);
      let msg: unknown;
      try {
        msg = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        msg = undefined;
      }
      const m = msg as { type?: unknown; secret?: unknown } | undefined;
      if (!m || m.type !== 'hello' || !secretMatches(m.secret, secret)) {
        ws.close(4401, 'unauthenticated');
        return;
      }
      authed.add(ws);
      // Lets the client know events will now arrive (avoids racing a call against the hello).
      ws.send(JSON.stringify({ type: 'ready' }));
      if (station.status) {
        ws.send(JSON.stringify({ type: 'event', event: 'status', payload: station.status() }));
      }
    });
    ws.on('close', () => {
      clearTimeout(timer);
      authed.delete(ws);
    });
    ws.on('error', () => ws.terminate());
  };

  const unsubscribe = EVENT_NAMES.map((event) =>
    station.on(event, (payload: unknown) => {
      const frame = JSON.stringify({ type: 'event', event, payload });
      for (const ws of authed) if (ws.readyState === ws.OPEN) ws.send(frame);
    }),
  );

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, pingIntervalMs);
  pinger.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  csp = contentSecurityPolicy({ connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    port,
    origin,
    secret,
    url: `${origin}/#k=${secret}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(pinger);
        for (const off of unsubscribe) off();
        for (const ws of wss.clients) ws.close(1001, 'shutting down');
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
        // Clients that ignore the close frame must not hold shutdown hostage.
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1000).unref();
      });
      return closing;
    },
  };

  function sendNotBuilt(res: ServerResponse) {
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`<!doctype html><html lang="id"><meta charset="utf-8"><title>Rekam</title>
<h1>Tampilan Rekam belum dibangun</h1>
<p>Jalankan <code>npm run build</code> lalu muat ulang halaman ini, atau mulai dengan
<code>npm run start:browser</code> (yang membangun otomatis).</p>
<p lang="en">The Rekam interface has not been built. Run <code>npm run build</code> and reload,
or start with <code>npm run start:browser</code>, which builds it.</p></html>`);
  }
}

/** Reads at most `limit` bytes; past that, stops buffering and reports 'too-large'. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return; // drain so the 413 can be delivered
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
