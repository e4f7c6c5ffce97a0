// The hub's LAN service: HTTPS with the hub's own self-signed key (desks pin it at pairing),
// JSON bodies with a hard size cap, every desk route behind a verified signature and a fresh
// nonce, and the TV board behind its own read-only token.
import { createHash, timingSafeEqual } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { boardPageHtml, boardPageScriptHash } from './board-page';

const MAX_BODY_BYTES = 64 * 1024;

export interface HubReplyOut {
  status: number;
  body: unknown;
}

export interface HubRoutes {
  /** Unsigned: the pairing request proves the code instead. */
  pair(body: unknown): HubReplyOut;
  /** Verifies the signature and spends the nonce; null when refused (already logged). */
  authenticate(
    path: string,
    body: Buffer,
    headers: IncomingMessage['headers'],
  ): { stationId: string } | { refused: HubReplyOut };
  signed(path: string, stationId: string, body: unknown): Promise<HubReplyOut> | HubReplyOut;
  boardToken(): string;
  boardState(): unknown;
}

export interface HubServer {
  port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

const sameToken = (a: string, b: string) => {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
};

export async function startHubServer(opts: {
  certPem: string;
  keyPem: string;
  host: string;
  port: number;
  routes: HubRoutes;
  log: (line: string) => void;
}): Promise<HubServer> {
  const { routes } = opts;
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && path === '/board') {
      const html = boardPageHtml();
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'content-security-policy': `default-src 'none'; script-src '${boardPageScriptHash()}'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      });
      return res.end(html);
    }
    if (req.method === 'GET' && path === '/board/state') {
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
      if (!token || !sameToken(token, routes.boardToken())) {
        return send(res, 401, { error: 'board-token' });
      }
      return send(res, 200, routes.boardState());
    }
    if (req.method !== 'POST' || !path.startsWith('/office/v1/')) {
      return send(res, 404, { error: 'not-found' });
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return send(res, 415, { error: 'content-type' });
    const raw = await readBody(req);
    if (!raw) return send(res, 413, { error: 'too-large' }, { connection: 'close' });
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return send(res, 400, { error: 'bad-json' });
    }
    if (path === '/office/v1/pair') {
      const r = routes.pair(body);
      return send(res, r.status, r.body);
    }
    const who = routes.authenticate(path, raw, req.headers);
    if ('refused' in who) return send(res, who.refused.status, who.refused.body);
    const r = await routes.signed(path, who.stationId, body);
    return send(res, r.status, r.body);
  };
  const server = https.createServer(
    { cert: opts.certPem, key: opts.keyPem, minVersion: 'TLSv1.2' },
    (req, res) => {
      handler(req, res).catch((err: unknown) => {
        opts.log(`office hub request failed: ${(err as Error).name}`);
        if (!res.headersSent) send(res, 500, { error: 'internal' });
        else res.destroy();
      });
    },
  );
  server.headersTimeout = 10_000;
  server.requestTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
