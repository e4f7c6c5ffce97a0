// The desk's side of the hub link: HTTPS to the hub with its key pinned (SPKI SHA-256 stored at
// pairing), every request signed with the desk's station key, replies read with a size cap.
import https from 'node:https';
import { CentralTlsError, PinningAgent } from '../../sync/central-http';
import { signOfficeRequest } from './office-auth';

const MAX_REPLY_BYTES = 256 * 1024;

export class HubTlsError extends Error {
  constructor(readonly seenPin: string | null) {
    super('office hub TLS key is not the paired one');
    this.name = 'HubTlsError';
  }
}

export interface HubReply {
  status: number;
  body: unknown;
  /** The hub's TLS key as seen on this connection. */
  seenPin: string | null;
}

export interface HubCallOptions {
  url: string;
  pin: string | null;
  path: string;
  body: unknown;
  /** The desk's identity; absent only for the pairing request (proven by the code instead). */
  signer?: { stationId: string; privateKeyPem: string; now: Date };
  /** Sent as given (a request's exact headers, e.g. to prove a replay is refused). */
  headers?: Record<string, string>;
  /** Sent instead of JSON of `body` (exact bytes, e.g. a tampered request). */
  rawBody?: Buffer;
  timeoutMs?: number;
}

/** One POST to the hub. Rejects on network/TLS failure; any HTTP status resolves. */
export function hubCall(o: HubCallOptions): Promise<HubReply> {
  const url = new URL(o.path, o.url);
  const body = o.rawBody ?? Buffer.from(JSON.stringify(o.body));
  // With a pin the hub's key must match it; without one (pairing only) any key is accepted and
  // remembered, and the pairing reply's MAC over that pin decides.
  const agent = new PinningAgent(o.pin, { keepAlive: false, unpinned: 'remember' });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(body.length),
    ...(o.signer
      ? signOfficeRequest(
          { method: 'POST', path: url.pathname, body },
          o.signer.stationId,
          o.signer.privateKeyPem,
          o.signer.now,
        )
      : {}),
    ...o.headers,
  };
  const timeoutMs = o.timeoutMs ?? 8_000;
  return new Promise<HubReply>((resolve, reject) => {
    const req = https.request(url, { method: 'POST', agent, headers, timeout: timeoutMs });
    const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
    const fail = (e: Error) => {
      clearTimeout(timer);
      agent.destroy();
      reject(e instanceof CentralTlsError ? new HubTlsError(e.seenPin) : e);
    };
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_REPLY_BYTES) {
          res.destroy();
          req.destroy(new Error('reply too large'));
          return;
        }
        chunks.push(c);
      });
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        agent.destroy();
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          parsed = null;
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, seenPin: agent.seenPin });
      });
    });
    req.end(body);
  });
}
