/**
 * An HTTPS server that stands where the centre should be and misbehaves on purpose: a storm of
 * one status code, garbage, oversized replies, or a man in the middle that swallows uploads and
 * forges verdicts. It has its own self-signed certificate (`pin`) and counts every request.
 */
import https from 'node:https';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { selfSignedCert } from '../central/tls-cert';

export interface FakeRequest {
  method: string;
  path: string;
}

export type FakeHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
) => void | Promise<void>;

export interface FakeCentre {
  url: string;
  pin: string;
  requests: FakeRequest[];
  /** Replace the behaviour (the next request uses it). */
  handle(h: FakeHandler): void;
  close(): Promise<void>;
}

export async function startFakeCentre(handler: FakeHandler): Promise<FakeCentre> {
  const cert = selfSignedCert();
  const requests: FakeRequest[] = [];
  let h = handler;
  const server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '' });
      void Promise.resolve(h(req, res, Buffer.concat(chunks))).catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    pin: cert.spkiSha256,
    requests,
    handle(next) {
      h = next;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/**
 * The tus side of a centre that takes every byte and keeps none of it: the station believes its
 * upload arrived. Anything else goes to `other`.
 */
export function swallowingTus(other: FakeHandler): FakeHandler {
  const sizes = new Map<string, { size: number; offset: number }>();
  let n = 0;
  return (req, res, body) => {
    const path = req.url ?? '';
    const tus = { 'Tus-Resumable': '1.0.0' };
    if (req.method === 'POST' && path === '/files/') {
      const id = `u${++n}`;
      sizes.set(id, { size: Number(req.headers['upload-length'] ?? 0), offset: 0 });
      res.writeHead(201, { ...tus, Location: `/files/${id}` });
      res.end();
      return;
    }
    const m = /^\/files\/(u\d+)$/.exec(path);
    const u = m ? sizes.get(m[1]!) : undefined;
    if (u && req.method === 'HEAD') {
      res.writeHead(200, {
        ...tus,
        'Upload-Offset': String(u.offset),
        'Upload-Length': String(u.size),
      });
      res.end();
      return;
    }
    if (u && req.method === 'PATCH') {
      u.offset += body.length;
      res.writeHead(204, { ...tus, 'Upload-Offset': String(u.offset) });
      res.end();
      return;
    }
    return other(req, res, body);
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(text);
}
