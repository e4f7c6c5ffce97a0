// The plumbing the reference centre's API areas share: JSON in and out, who may call, a route.
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { CentralStore } from './store';
import type { KeyPair } from './keys';

export const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** What every API area of the centre works with. */
export interface CentralContext {
  store: CentralStore;
  /** The X25519 encryption key pair (what packets are sealed to). */
  keys: KeyPair;
  /** The Ed25519 verdict-signing key pair. */
  verdictKeys: KeyPair;
  keyBundle: string;
  /** Fingerprint of the encryption public key. */
  fingerprint: string;
  maxPacketBytes: number;
  log: (line: string) => void;
  /** The centre operator's credential: the admin secret as a bearer token. */
  operatorAllowed(req: http.IncomingMessage): boolean;
}

/** One API area: answers and returns true, or returns false when the path is not its own. */
export type ApiRoute = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
) => Promise<boolean>;

/** Sends a JSON answer; true, so a route can `return sendJson(…)`. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
  return true;
}

export async function readJson(req: http.IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export const isLoopback = (addr: string | undefined) =>
  addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';

export function secretMatches(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A minimal fetch over node:http(s) that trusts the given agent's CA (the self-signed cert). */
export function trustingFetch(
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
