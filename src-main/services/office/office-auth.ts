// What makes a desk's request to the hub trustworthy. The transport is TLS pinned on the hub's
// key (the desk stored the pin at pairing), so the desk knows it talks to its hub; every request
// carries the desk's Ed25519 signature over the method, path, body hash, desk id, time and a
// random nonce, so the hub knows which paired desk sent it, that nothing in it was changed, and
// that it was not sent before (the hub remembers nonces inside the time window).
import { createHash, createHmac, randomBytes, sign, timingSafeEqual, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { toPrivateKey, toPublicKey } from '../../packets/keys';

export const OFFICE_DOMAIN = 'rekam-office-v1';
export const OFFICE_HEADERS = {
  station: 'rekam-station',
  time: 'rekam-time',
  nonce: 'rekam-nonce',
  signature: 'rekam-signature',
} as const;
/** A request older or newer than this is refused (clock skew over a minute is only flagged). */
export const OFFICE_WINDOW_MS = 10 * 60_000;

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

const signedBytes = (
  method: string,
  path: string,
  stationId: string,
  at: string,
  nonce: string,
  body: Buffer | string,
) =>
  Buffer.from(
    JSON.stringify([OFFICE_DOMAIN, method.toUpperCase(), path, stationId, at, nonce, sha256(body)]),
  );

export function signOfficeRequest(
  req: { method: string; path: string; body: Buffer | string },
  stationId: string,
  privateKey: KeyObject | string,
  at: Date = new Date(),
  nonce: string = randomBytes(16).toString('base64url'),
): Record<string, string> {
  const iso = at.toISOString();
  const sig = sign(
    null,
    signedBytes(req.method, req.path, stationId, iso, nonce, req.body),
    toPrivateKey(privateKey, 'ed25519'),
  );
  return {
    [OFFICE_HEADERS.station]: stationId,
    [OFFICE_HEADERS.time]: iso,
    [OFFICE_HEADERS.nonce]: nonce,
    [OFFICE_HEADERS.signature]: sig.toString('base64'),
  };
}

export type OfficeAuthProblem = 'missing' | 'stale' | 'unknown-desk' | 'bad-signature';

export interface VerifiedOfficeRequest {
  stationId: string;
  nonce: string;
  at: Date;
}

/** Checks the headers against the request; the caller then spends the nonce (replays). */
export function verifyOfficeRequest(
  req: { method: string; path: string; body: Buffer },
  headers: Record<string, string | string[] | undefined>,
  publicKeyFor: (stationId: string) => string | null,
  now: Date,
): { ok: true; value: VerifiedOfficeRequest } | { ok: false; problem: OfficeAuthProblem } {
  const get = (h: string) => {
    const v = headers[h];
    return typeof v === 'string' && v.length <= 200 ? v : null;
  };
  const stationId = get(OFFICE_HEADERS.station);
  const at = get(OFFICE_HEADERS.time);
  const nonce = get(OFFICE_HEADERS.nonce);
  const sig = get(OFFICE_HEADERS.signature);
  if (!stationId || !at || !nonce || !sig || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
    return { ok: false, problem: 'missing' };
  }
  const t = Date.parse(at);
  if (!Number.isFinite(t) || Math.abs(now.getTime() - t) > OFFICE_WINDOW_MS) {
    return { ok: false, problem: 'stale' };
  }
  const pem = publicKeyFor(stationId);
  if (!pem) return { ok: false, problem: 'unknown-desk' };
  let good = false;
  try {
    good = verify(
      null,
      signedBytes(req.method, req.path, stationId, at, nonce, req.body),
      toPublicKey(pem, 'ed25519'),
      Buffer.from(sig, 'base64'),
    );
  } catch {
    good = false;
  }
  return good
    ? { ok: true, value: { stationId, nonce, at: new Date(t) } }
    : { ok: false, problem: 'bad-signature' };
}

// ---- Pairing -------------------------------------------------------------------------------

/** Letters and digits that cannot be mistaken for one another when read off a screen. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A pairing code like "K7QM-4XPD" (40 bits), shown on the hub and typed at the desk. */
export function newPairingCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** The code as typed: case, spaces and dashes do not matter. */
export const normaliseCode = (code: string): string => code.toUpperCase().replace(/[\s-]+/g, '');

/**
 * Proof of knowing the pairing code without sending it: HMAC-SHA256 keyed with the code over
 * a labelled message. Both directions use it, with different labels, so a reply cannot be
 * played back as a request.
 */
export function pairingMac(code: string, label: 'desk' | 'hub', message: unknown): string {
  return createHmac('sha256', normaliseCode(code))
    .update(JSON.stringify([OFFICE_DOMAIN, 'pair', label, message]))
    .digest('base64');
}

export function macMatches(expected: string, got: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(got);
  return a.length === b.length && timingSafeEqual(a, b);
}

// ---- Decisions from the hub ----------------------------------------------------------------

/** A supervisor's decision on the hub about a recording one desk holds, signed by the hub. */
export interface HubDecision {
  recordingId: string;
  decision: 'approved' | 'rejected';
  reason: string | null;
  /** The hub supervisor's user name (shown in the desk's audit target only as the hub account). */
  by: string;
  at: string;
  nonce: string;
  signature: string;
}

const decisionBytes = (deskStationId: string, d: Omit<HubDecision, 'signature'>) =>
  Buffer.from(
    JSON.stringify([
      OFFICE_DOMAIN,
      'decision',
      deskStationId,
      d.recordingId,
      d.decision,
      d.reason,
      d.by,
      d.at,
      d.nonce,
    ]),
  );

/** Signed at delivery (fresh time and nonce), for one desk: no other desk can use it. */
export function signHubDecision(
  d: Omit<HubDecision, 'signature' | 'at' | 'nonce'>,
  deskStationId: string,
  privateKey: KeyObject | string,
  at: Date,
  nonce: string = randomBytes(16).toString('base64url'),
): HubDecision {
  const body = { ...d, at: at.toISOString(), nonce };
  const sig = sign(null, decisionBytes(deskStationId, body), toPrivateKey(privateKey, 'ed25519'));
  return { ...body, signature: sig.toString('base64') };
}

export type HubDecisionProblem = 'bad-signature' | 'stale' | 'replay';

/**
 * The desk's check of a decision from its hub: the paired hub key signed it for this desk,
 * inside the time window, with a nonce not seen before (`spendNonce` remembers it).
 */
export function checkHubDecision(
  d: HubDecision,
  deskStationId: string,
  hubPublicKeyPem: string,
  now: Date,
  spendNonce: (nonce: string, at: string) => boolean,
): { ok: true } | { ok: false; problem: HubDecisionProblem } {
  let good = false;
  try {
    const { signature, ...body } = d;
    good = verify(
      null,
      decisionBytes(deskStationId, body),
      toPublicKey(hubPublicKeyPem, 'ed25519'),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    good = false;
  }
  if (!good) return { ok: false, problem: 'bad-signature' };
  const t = Date.parse(d.at);
  if (!Number.isFinite(t) || Math.abs(now.getTime() - t) > OFFICE_WINDOW_MS) {
    return { ok: false, problem: 'stale' };
  }
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(d.nonce) || !spendNonce(d.nonce, new Date(t).toISOString())) {
    return { ok: false, problem: 'replay' };
  }
  return { ok: true };
}
