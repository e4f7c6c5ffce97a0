// The hub's door: pairing a desk with the one-time code (both sides prove it), and checking
// every later desk request (paired key, signature, fresh time, unused nonce).
import { parsePublicKey } from '../../packets/keys';
import { findOfficeDesk, upsertOfficeDesk, useOfficeNonce } from '../../store/office-repo';
import type { HubReplyOut } from './hub-server';
import { OFFICE_WINDOW_MS, macMatches, pairingMac, verifyOfficeRequest } from './office-auth';
import { pairRequestSchema } from './office-schemas';
import type { OfficeContext } from './office-context';

export function createHubPairing(ctx: OfficeContext) {
  const { deps, db, now, audit, log, state, hubTls, me } = ctx;

  const refused = (status: number, error: string): HubReplyOut => ({ status, body: { error } });

  function pair(body: unknown): HubReplyOut {
    const parsed = pairRequestSchema.safeParse(body);
    if (!parsed.success) return refused(400, 'bad-request');
    const req = parsed.data;
    const t = now().getTime();
    const code = state.pairing && state.pairing.expiresAt > t ? state.pairing.code : null;
    const { mac, ...signed } = req;
    const fresh = Math.abs(t - Date.parse(req.at)) <= OFFICE_WINDOW_MS;
    if (!code || !fresh || !macMatches(pairingMac(code, 'desk', signed), mac)) {
      if (state.pairing && --state.pairing.attemptsLeft <= 0) state.pairing = null;
      log.warn('office pairing refused', { reason: code ? 'code' : 'no-code' });
      audit.record(null, 'office.pair-refused', req.stationId);
      return refused(403, 'code');
    }
    let publicKey: string;
    try {
      publicKey = parsePublicKey(req.publicKey, 'ed25519')
        .export({ type: 'spki', format: 'pem' })
        .toString();
    } catch {
      return refused(400, 'bad-key');
    }
    const existing = findOfficeDesk(db, req.stationId);
    if (
      req.stationId === me()?.id ||
      (existing && !existing.revokedAt && existing.publicKey !== publicKey)
    ) {
      // A second machine claiming a paired desk's id: the technician unpairs the old one first.
      log.warn('office pairing refused', { reason: 'id-taken' });
      audit.record(null, 'office.pair-refused', req.stationId);
      return refused(409, 'id-taken');
    }
    state.pairing = null; // one code, one desk
    const row = db.transaction(() => {
      const r = upsertOfficeDesk(db, {
        stationId: req.stationId,
        stationName: req.stationName,
        publicKey,
        pairedAt: now().toISOString(),
      });
      audit.record(null, 'office.paired', req.stationId);
      return r;
    })();
    const reply = {
      hubStationId: me()?.id ?? '',
      hubName: me()?.name ?? '',
      hubPublicKey: deps.stationKeys().publicKeyPem,
      tlsPin: hubTls()!.pin,
      deskNo: row.deskNo,
    };
    return {
      status: 200,
      body: { ...reply, mac: pairingMac(code, 'hub', { ...reply, deskNonce: req.nonce }) },
    };
  }

  function authenticate(
    path: string,
    body: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): { stationId: string } | { refused: HubReplyOut } {
    const at = now();
    const v = verifyOfficeRequest(
      { method: 'POST', path, body },
      headers,
      (id) => {
        const d = findOfficeDesk(db, id);
        return d && !d.revokedAt ? d.publicKey : null;
      },
      at,
    );
    if (!v.ok) {
      log.warn('office request refused', { problem: v.problem, path: path.slice(0, 40) });
      return { refused: refused(v.problem === 'stale' ? 408 : 401, v.problem) };
    }
    const forgetBefore = new Date(at.getTime() - 2 * OFFICE_WINDOW_MS).toISOString();
    if (
      !useOfficeNonce(db, v.value.stationId, v.value.nonce, v.value.at.toISOString(), forgetBefore)
    ) {
      log.warn('office request refused', { problem: 'replay', path: path.slice(0, 40) });
      return { refused: refused(401, 'replay') };
    }
    return { stationId: v.value.stationId };
  }

  return { refused, pair, authenticate };
}
