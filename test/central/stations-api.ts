// Station-facing basics: health, the centre's public keys, registration and a station's status.
import {
  KeyFormatError,
  keyFingerprint,
  parsePublicKey,
  rawPublicKey,
} from '../../src-main/packets/index';
import { ID_RE, readJson, sendJson } from './http';
import type { ApiRoute, CentralContext } from './http';
import type { RegisterError } from './store';

const REGISTER_ERRORS: Record<RegisterError, { id: string; en: string }> = {
  'invalid-token': { id: 'Token pendaftaran tidak dikenal.', en: 'Unknown registration token.' },
  'token-used': {
    id: 'Token pendaftaran sudah dipakai. Minta token baru ke server pusat.',
    en: 'The registration token was already used. Ask the centre for a new one.',
  },
  'token-expired': {
    id: 'Token pendaftaran sudah kedaluwarsa. Minta token baru ke server pusat.',
    en: 'The registration token has expired. Ask the centre for a new one.',
  },
  'wrong-station': {
    id: 'Token ini dibuat untuk stasiun lain. Minta token untuk ID stasiun ini.',
    en: 'This token was issued for another station. Ask for a token for this station id.',
  },
  'key-exists': {
    id: 'Stasiun ini sudah terdaftar dengan kunci lain. Minta token ganti-kunci (re-key) ke admin pusat.',
    en: 'This station is already registered with another key. Ask the central admin for a re-key token.',
  },
};

export function stationsApi(ctx: CentralContext): ApiRoute {
  const { store, keys, verdictKeys, keyBundle, fingerprint, log } = ctx;
  return async (req, res, path) => {
    if (req.method === 'GET' && path === '/api/health') {
      return sendJson(res, 200, { ok: true, service: 'rekam-central-reference' });
    }
    if (req.method === 'GET' && path === '/api/central-key') {
      return sendJson(res, 200, {
        publicKeyPem: keys.publicKeyPem,
        verdictPublicKeyPem: verdictKeys.publicKeyPem,
        verdictKeyFingerprint: keyFingerprint(verdictKeys.publicKeyPem),
        keyBundle,
        publicKeyBase64: rawPublicKey(parsePublicKey(keys.publicKeyPem, 'x25519')).toString(
          'base64',
        ),
        fingerprint,
      });
    }
    if (req.method === 'POST' && path === '/api/stations/register') {
      let body: {
        token?: unknown;
        stationId?: unknown;
        publicKeyPem?: unknown;
        rotationSignature?: unknown;
      };
      try {
        body = (await readJson(req)) as typeof body;
      } catch {
        return sendJson(res, 400, { error: 'bad-request', message: 'Permintaan tidak sah.' });
      }
      const { token, stationId, publicKeyPem } = body;
      if (typeof token !== 'string' || typeof stationId !== 'string' || !ID_RE.test(stationId)) {
        return sendJson(res, 400, {
          error: 'bad-request',
          message: 'token, stationId dan publicKeyPem wajib diisi.',
          messageEn: 'token, stationId and publicKeyPem are required.',
        });
      }
      let pem: string;
      try {
        const key = parsePublicKey(typeof publicKeyPem === 'string' ? publicKeyPem : '', 'ed25519');
        pem = key.export({ format: 'pem', type: 'spki' }).toString();
      } catch (e) {
        const k = e instanceof KeyFormatError ? e : null;
        return sendJson(res, 400, {
          error: 'bad-key',
          message: k?.messageId ?? 'Kunci publik tidak sah.',
          messageEn: k?.localized('en') ?? 'Invalid public key.',
        });
      }
      const rotation =
        typeof body.rotationSignature === 'string' ? body.rotationSignature : undefined;
      const r = store.register(token, stationId, pem, rotation);
      if (!r.ok) {
        log(`registration refused for station ${stationId}: ${r.error}`);
        return sendJson(res, 403, {
          error: r.error,
          message: REGISTER_ERRORS[r.error].id,
          messageEn: REGISTER_ERRORS[r.error].en,
        });
      }
      log(`station ${stationId} registered`);
      return sendJson(res, 200, {
        stationId,
        registeredAt: r.station.registeredAt,
        stationKeyFingerprint: keyFingerprint(pem),
        centralKeyFingerprint: fingerprint,
      });
    }
    const stationMatch = /^\/api\/stations\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (req.method === 'GET' && stationMatch) {
      const s = store.station(stationMatch[1]!);
      if (!s) return sendJson(res, 404, { error: 'not-found', registered: false });
      return sendJson(res, 200, {
        stationId: s.stationId,
        registered: true,
        registeredAt: s.registeredAt,
        stationKeyFingerprint: keyFingerprint(s.publicKeyPem),
      });
    }
    return false;
  };
}
