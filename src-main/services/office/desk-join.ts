// A desk joins the office hub: the pairing request proven by the code, the hub's reply checked
// (code, the TLS key seen on this connection, and the fingerprint picked from discovery).
import { randomBytes } from 'node:crypto';
import type { OfficeStatus } from '../../api/contract-office';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { keyFingerprint } from '../../packets/keys';
import { checkCentralUrl } from '../../sync/central-http';
import { setSetting } from '../../store/settings-repo';
import type { Actor } from '../common/audit';
import { hubCall } from './hub-client';
import { macMatches, pairingMac } from './office-auth';
import { omsg } from './messages';
import { SETTING_ROLE, SETTING_LINK, pairReplySchema } from './office-schemas';
import type { StoredLink } from './office-schemas';
import type { OfficeContext } from './office-context';
import type { createDeskLink } from './desk-link';

export function createDeskJoin(
  ctx: OfficeContext,
  desk: ReturnType<typeof createDeskLink>,
  status: () => OfficeStatus,
) {
  const { deps, db, now, audit, log, L, state, role, me } = ctx;
  const { describeFailure, refusalText, startHellos } = desk;

  async function join(
    url: string,
    code: string,
    actor: Actor | null,
    expectedFingerprint: string | null,
  ): Promise<Reply<OfficeStatus>> {
    const locale = L();
    if (role() === 'hub') return fail('CONFLICT', omsg(locale, 'isHub'));
    const raw = /^https?:\/\//i.test(url) ? url : `https://${url}`;
    const policy = checkCentralUrl(raw);
    if (!policy.ok || !policy.url.startsWith('https://')) {
      return fail('VALIDATION', omsg(locale, 'urlBad'), { url: omsg(locale, 'urlBad') });
    }
    const station = me();
    if (!station) return fail('CONFLICT', omsg(locale, 'notPaired'));
    const keys = deps.stationKeys();
    const request = {
      stationId: station.id,
      stationName: station.name.slice(0, 80),
      publicKey: keys.publicKeyPem,
      version: deps.version,
      at: now().toISOString(),
      nonce: randomBytes(16).toString('base64url'),
    };
    let r;
    try {
      r = await hubCall({
        url: policy.url,
        pin: null,
        path: '/office/v1/pair',
        body: { ...request, mac: pairingMac(code, 'desk', request) },
      });
    } catch (err) {
      return fail('CONFLICT', describeFailure(err));
    }
    if (r.status === 403) {
      return fail('VALIDATION', omsg(locale, 'codeRefused'), { code: omsg(locale, 'codeRefused') });
    }
    if (r.status !== 200) return fail('CONFLICT', refusalText(r.status, r.body));
    const reply = pairReplySchema.safeParse(r.body);
    if (!reply.success) return fail('CONFLICT', omsg(locale, 'hubNotGenuine'));
    const { mac, ...fields } = reply.data;
    // The reply proves knowledge of the code and names the TLS key this connection used: a
    // machine in the middle could not produce it for its own key.
    if (
      !macMatches(pairingMac(code, 'hub', { ...fields, deskNonce: request.nonce }), mac) ||
      fields.tlsPin !== r.seenPin
    ) {
      log.warn('office pairing reply refused', {});
      return fail('CONFLICT', omsg(locale, 'hubNotGenuine'));
    }
    // Picked from discovery: the hub that answered must hold the key that was advertised.
    if (expectedFingerprint && keyFingerprint(fields.hubPublicKey) !== expectedFingerprint) {
      log.warn('office pairing reply refused', { reason: 'fingerprint' });
      return fail('CONFLICT', omsg(locale, 'hubNotGenuine'));
    }
    const stored: StoredLink = {
      url: policy.url,
      pin: fields.tlsPin,
      hubStationId: fields.hubStationId,
      hubName: fields.hubName,
      hubPublicKey: fields.hubPublicKey,
      deskNo: fields.deskNo,
      pairedAt: now().toISOString(),
    };
    db.transaction(() => {
      setSetting(db, SETTING_LINK, JSON.stringify(stored));
      setSetting(db, SETTING_ROLE, 'desk');
      audit.record(actor, 'office.joined', fields.hubStationId);
    })();
    Object.assign(state.linkState, {
      connected: true,
      problem: null,
      lastContactAt: now().toISOString(),
    });
    startHellos();
    return ok(status());
  }

  return { join };
}
