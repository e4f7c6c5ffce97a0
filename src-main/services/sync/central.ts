// The station's link to the central server: its own Ed25519 key pair (made once, kept in the
// encrypted store), the centre's URL and X25519 public key (sealing encrypts to it), and the
// one-time registration that tells the centre which key signs this station's packets.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CentralConfig } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import { generateStationKeys, keyFingerprint, parseCentralKeyBundle } from '../../packets/index';
import { KeyFormatError } from '../../packets/errors';
import {
  countUnverifiedVerdict,
  getCentral,
  getStationKeys,
  getTlsMismatch,
  insertStationKeysIfMissing,
  setCentral,
  setTlsMismatch,
  unverifiedVerdicts,
} from '../../store/keys-repo';
import { getStation } from '../../store/station-repo';
import {
  CentralTlsError,
  ReplyShapeError,
  ReplyTooLargeError,
  checkCentralUrl,
  createCentralClient,
  formatPin,
  normalisePin,
  parseReply,
} from '../../sync/central-http';
import type { CentralClient, UrlProblem } from '../../sync/central-http';
import { registerErrorSchema, registerReplySchema } from '../../sync/central-replies';
import type { Audit } from '../common/audit';
import type { Logger } from '../common/log';
import { defineMessages, translator, type Locale } from '../../domain/i18n';
import type { HandlersFor } from '../../api/handlers';
import centralText from './central.json' with { type: 'json' };

const TEXT = defineMessages('services/sync/central', centralText);
type TextKey = keyof typeof TEXT;
const t = translator(TEXT);

export type CentralMethod =
  | 'central.config'
  | 'central.setConfig'
  | 'central.register'
  | 'central.repin';
export type CentralHandlers = HandlersFor<CentralMethod>;

export interface CentralDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  /** Called when the configuration changes (the sync runner wakes up). */
  onChange?: () => void;
  timeoutMs?: number;
}

export interface CentralTarget {
  url: string;
  publicKeyPem: string;
  /** The centre's Ed25519 verdict key; verdicts are acted on only if they verify under it. */
  verdictKeyPem: string;
  /** SPKI SHA-256 of the centre's TLS key; every connection must present it (null: http loopback). */
  tlsPin: string | null;
  registered: boolean;
}

export interface Central {
  handlers: CentralHandlers;
  /** The station key pair (created on first use). */
  stationKeys(): { publicKeyPem: string; privateKeyPem: string };
  /** URL, keys and pin, or null when not configured. */
  target(): CentralTarget | null;
  /** The runner met a TLS key that is not the pinned one (null: the pinned one again). */
  noteTlsMismatch(seenPin: string | null): void;
  /** The runner refused a verdict whose signature did not verify. */
  noteUnverifiedVerdict(packetId: string, why: string): void;
}

/** Strips a trailing slash so `${url}/files/` and `${url}/api/…` are well formed. */
export const baseUrl = (url: string) => url.replace(/\/+$/, '');

/** The station key pair, created once and kept in the encrypted store. */
export function ensureStationKeys(db: Database, now: () => Date) {
  let keys = getStationKeys(db);
  if (!keys) {
    const k = generateStationKeys();
    insertStationKeysIfMissing(db, {
      publicPem: k.publicKeyPem,
      privatePem: k.privateKeyPem,
      createdAt: now().toISOString(),
    });
    keys = getStationKeys(db)!;
  }
  return { publicKeyPem: keys.publicPem, privateKeyPem: keys.privatePem };
}

const URL_TEXT: Record<UrlProblem, TextKey> = {
  'plain-http': 'urlPlainHttp',
  userinfo: 'urlUserinfo',
  unparseable: 'urlInvalid',
  scheme: 'urlInvalid',
  query: 'urlInvalid',
};

const REGISTER_TEXT: Record<string, TextKey> = {
  'invalid-token': 'tokenRefused',
  'token-used': 'tokenUsed',
  'token-expired': 'tokenExpired',
  'wrong-station': 'tokenWrongStation',
  'key-exists': 'keyExists',
};

export function createCentral(deps: CentralDeps): Central {
  const { db, now, audit, log } = deps;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const stationKeys = () => ensureStationKeys(db, now);

  function config(): CentralConfig {
    const c = getCentral(db);
    const mismatch = getTlsMismatch(db);
    return {
      url: c.url,
      centralKeyFingerprint: c.publicKeyPem ? keyFingerprint(c.publicKeyPem) : null,
      stationKeyFingerprint: keyFingerprint(stationKeys().publicKeyPem),
      stationId: getStation(db)?.id ?? null,
      verdictKeyFingerprint: c.verdictKeyPem ? keyFingerprint(c.verdictKeyPem) : null,
      tlsPin: c.tlsPin ? formatPin(c.tlsPin) : null,
      tlsMismatchPin: mismatch ? formatPin(mismatch) : null,
      unverifiedVerdicts: unverifiedVerdicts(db),
      registered: c.registeredAt !== null,
    };
  }

  /** A failed request to the centre as the technician should read it. */
  function connectionFailure(L: Locale, err: unknown) {
    if (err instanceof CentralTlsError) {
      if (err.problem === 'pin-mismatch') {
        setTlsMismatch(db, err.seenPin);
        return fail('DEVICE', t(L, 'pinMismatch', { seen: formatPin(err.seenPin ?? '') }));
      }
      return fail(
        'DEVICE',
        t(L, 'untrusted', { detail: err.message.replace(/^central TLS /, '') }),
      );
    }
    if (err instanceof ReplyTooLargeError || err instanceof ReplyShapeError) {
      return fail('DEVICE', t(L, 'badReply', { detail: err.message }));
    }
    const detail = (err as Error).message === 'timeout' ? 'timeout' : 'no connection';
    log.warn('central request failed', { detail });
    return fail('DEVICE', t(L, 'unreachable', { detail }));
  }

  const handlers: CentralHandlers = {
    'central.config': () => ok(config()),

    'central.setConfig': (input, { actor }) => {
      const L = deps.locale();
      const policy = checkCentralUrl(input.url);
      if (!policy.ok) {
        const text = t(L, URL_TEXT[policy.problem]);
        return fail('VALIDATION', text, { url: text });
      }
      let keys: { encryptionKeyPem: string; verdictKeyPem: string };
      try {
        keys = parseCentralKeyBundle(input.publicKey);
      } catch (err) {
        const text = err instanceof KeyFormatError ? err.localized(L) : t(L, 'badKey');
        return fail('VALIDATION', text, { publicKey: text });
      }
      let pin: string | null = null;
      if (input.tlsPin) {
        pin = normalisePin(input.tlsPin);
        if (!pin) return fail('VALIDATION', t(L, 'pinInvalid'), { tlsPin: t(L, 'pinInvalid') });
      }
      const url = policy.url;
      const pem = keys.encryptionKeyPem;
      const before = getCentral(db);
      // Another centre (or other central keys) has not seen this station's registration.
      const sameCentre =
        before.url === url &&
        before.publicKeyPem === pem &&
        before.verdictKeyPem === keys.verdictKeyPem &&
        (pin === null || pin === before.tlsPin);
      db.transaction(() => {
        setCentral(db, {
          url,
          publicKeyPem: pem,
          verdictKeyPem: keys.verdictKeyPem,
          tlsPin: sameCentre ? before.tlsPin : pin,
          registeredAt: sameCentre ? before.registeredAt : null,
        });
        if (!sameCentre) setTlsMismatch(db, null);
        audit.record(actor, 'central.config', keyFingerprint(pem).slice(0, 19));
      })();
      log.info('central configured', { registered: sameCentre && before.registeredAt !== null });
      deps.onChange?.();
      return ok(config());
    },

    'central.register': async (input, { actor }) => {
      const L = deps.locale();
      const c = getCentral(db);
      const st = getStation(db);
      if (!st) return fail('NOT_SET_UP', t(L, 'notSetUp'));
      if (!c.url || !c.publicKeyPem || !c.verdictKeyPem) return fail('VALIDATION', t(L, 'noUrl'));
      let client: CentralClient;
      try {
        client = createCentralClient({ url: c.url, pin: c.tlsPin, timeoutMs });
      } catch {
        return fail('VALIDATION', t(L, 'urlPlainHttp'));
      }
      let reply;
      try {
        reply = await client.request('/api/stations/register', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            // Trimmed and with its inner spacing as typed: the centre normalises tokens.
            token: input.token.trim(),
            stationId: st.id,
            publicKeyPem: stationKeys().publicKeyPem,
          }),
        });
      } catch (err) {
        return connectionFailure(L, err);
      } finally {
        client.close();
      }
      const station = { station: st.id };
      if (reply.status >= 400 && reply.status < 500) {
        let code = 'invalid-token';
        try {
          code = parseReply(reply, registerErrorSchema).error;
        } catch {
          code = 'invalid-token';
        }
        audit.record(actor, 'central.register-refused', `${reply.status} ${code.slice(0, 32)}`);
        const text = t(L, REGISTER_TEXT[code] ?? 'tokenRefused', station);
        return fail('VALIDATION', text, { token: text });
      }
      if (reply.status < 200 || reply.status >= 300) {
        return fail('DEVICE', t(L, 'centralError', { status: String(reply.status) }));
      }
      try {
        const r = parseReply(reply, registerReplySchema);
        if (r.stationId !== st.id) throw new ReplyShapeError('stationId differs');
      } catch (err) {
        return connectionFailure(L, err);
      }
      // First contact over a CA-trusted certificate: from now on this key, and only it.
      const pin = c.tlsPin ?? client.seenPin();
      db.transaction(() => {
        setCentral(db, { ...c, tlsPin: pin, registeredAt: now().toISOString() });
        setTlsMismatch(db, null);
        audit.record(actor, 'central.registered', st.id);
      })();
      log.info('station registered with central', { pinned: pin !== null });
      deps.onChange?.();
      return ok(config());
    },

    'central.repin': async (input, { actor }) => {
      const L = deps.locale();
      const c = getCentral(db);
      if (!c.url || !c.publicKeyPem) return fail('VALIDATION', t(L, 'noUrl'));
      const typed = normalisePin(input.pin);
      if (!typed) return fail('VALIDATION', t(L, 'pinInvalid'), { pin: t(L, 'pinInvalid') });
      // Connect pinned to the typed key: succeeds only if the centre presents exactly that key.
      const client = createCentralClient({ url: c.url, pin: typed, timeoutMs });
      try {
        await client.request('/api/health');
      } catch (err) {
        if (err instanceof CentralTlsError && err.seenPin) {
          const text = t(L, 'repinDifferent', {
            typed: formatPin(typed),
            seen: formatPin(err.seenPin),
          });
          return fail('VALIDATION', text, { pin: text });
        }
        return connectionFailure(L, err);
      } finally {
        client.close();
      }
      db.transaction(() => {
        setCentral(db, { ...c, tlsPin: typed });
        setTlsMismatch(db, null);
        audit.record(
          actor,
          'central.repinned',
          `${(c.tlsPin ?? '-').slice(0, 16)} -> ${typed.slice(0, 16)}`,
        );
      })();
      log.warn('central TLS pin replaced by a technician', {});
      deps.onChange?.();
      return ok(config());
    },
  };

  return {
    handlers,
    stationKeys,
    target() {
      const c = getCentral(db);
      if (!c.url || !c.publicKeyPem || !c.verdictKeyPem) return null;
      return {
        url: c.url,
        publicKeyPem: c.publicKeyPem,
        verdictKeyPem: c.verdictKeyPem,
        tlsPin: c.tlsPin,
        registered: c.registeredAt !== null,
      };
    },
    noteTlsMismatch(seenPin) {
      setTlsMismatch(db, seenPin);
    },
    noteUnverifiedVerdict(packetId, why) {
      db.transaction(() => {
        countUnverifiedVerdict(db);
        audit.record(null, 'central.verdict-unverified', `${packetId} ${why}`);
      })();
    },
  };
}
