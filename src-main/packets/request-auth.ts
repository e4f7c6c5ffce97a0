// Station-signed requests to the centre: the centre answers a station's questions (verdicts,
// its packet list) only about that station's own packets. The signature covers the method, the
// path, the station id and the time, under its own domain prefix.
import { sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { toPrivateKey, toPublicKey } from './keys';

export const REQUEST_DOMAIN = 'rekam-request-v1';
export const STATION_HEADER = 'rekam-station';
export const TIME_HEADER = 'rekam-time';
export const SIGNATURE_HEADER = 'rekam-signature';
/** How far the station's clock may be off the centre's. */
export const REQUEST_SKEW_MS = 10 * 60_000;

const bytes = (method: string, path: string, stationId: string, at: string) =>
  Buffer.from(JSON.stringify([REQUEST_DOMAIN, method.toUpperCase(), path, stationId, at]));

export function stationRequestHeaders(
  method: string,
  path: string,
  stationId: string,
  privateKey: KeyObject | string,
  at: Date = new Date(),
): Record<string, string> {
  const iso = at.toISOString();
  const sig = sign(null, bytes(method, path, stationId, iso), toPrivateKey(privateKey, 'ed25519'));
  return {
    [STATION_HEADER]: stationId,
    [TIME_HEADER]: iso,
    [SIGNATURE_HEADER]: sig.toString('base64'),
  };
}

/** True when the headers are a fresh signature by `publicKey` over this method and path. */
export function verifyStationRequest(
  method: string,
  path: string,
  headers: Record<string, string | string[] | undefined>,
  publicKeyFor: (stationId: string) => string | null,
  now: Date = new Date(),
): string | null {
  const stationId = headers[STATION_HEADER];
  const at = headers[TIME_HEADER];
  const sig = headers[SIGNATURE_HEADER];
  if (typeof stationId !== 'string' || typeof at !== 'string' || typeof sig !== 'string') {
    return null;
  }
  const t = Date.parse(at);
  if (!Number.isFinite(t) || Math.abs(now.getTime() - t) > REQUEST_SKEW_MS) return null;
  const pem = publicKeyFor(stationId);
  if (!pem) return null;
  try {
    const ok = verify(
      null,
      bytes(method, path, stationId, at),
      toPublicKey(pem, 'ed25519'),
      Buffer.from(sig, 'base64'),
    );
    return ok ? stationId : null;
  } catch {
    return null;
  }
}
