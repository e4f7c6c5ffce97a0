// The station's link to the central server: its own Ed25519 key pair (made once, kept in the
// encrypted store), the centre's URL and X25519 public key (sealing encrypts to it), and the
// one-time registration that tells the centre which key signs this station's packets.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CentralConfig, MethodInput, MethodOutput } from '../api/contract';
import { fail, ok } from '../api/reply';
import type { Reply } from '../api/reply';
import { generateStationKeys, keyFingerprint, parsePublicKey } from '../packets/index';
import { KeyFormatError } from '../packets/errors';
import {
  getCentral,
  getStationKeys,
  insertStationKeysIfMissing,
  setCentral,
} from '../store/keys-repo';
import { getStation } from '../store/station-repo';
import type { Actor, Audit } from './audit';
import type { Logger } from './log';
import type { Locale } from './messages';

const TEXT = {
  notSetUp: {
    id: 'Stasiun belum disiapkan.',
    en: 'The station is not set up yet.',
  },
  noUrl: {
    id: 'Alamat server pusat belum diisi. Isi alamat dan kunci publik pusat dulu.',
    en: 'The central server address is not set. Enter the address and the central public key first.',
  },
  unreachable: {
    id: 'Server pusat tidak dapat dihubungi ({detail}). Periksa jaringan dan alamat, lalu coba lagi.',
    en: 'The central server cannot be reached ({detail}). Check the network and the address, then try again.',
  },
  tokenRefused: {
    id: 'Server pusat menolak token pendaftaran (salah, sudah dipakai, atau kedaluwarsa). Minta token baru ke admin pusat.',
    en: 'The central server refused the registration token (wrong, used or expired). Ask the central admin for a new token.',
  },
  badKey: {
    id: 'Kunci publik pusat tidak sah. Salin ulang dari berkas yang diberikan admin pusat.',
    en: 'The central public key is not valid. Copy it again from the file the central admin gave you.',
  },
  centralError: {
    id: 'Server pusat menjawab dengan galat {status}. Coba lagi nanti atau hubungi admin pusat.',
    en: 'The central server answered with error {status}. Try again later or contact the central admin.',
  },
} as const;
type TextKey = keyof typeof TEXT;
const t = (L: Locale, k: TextKey, p: Record<string, string> = {}) =>
  TEXT[k][L].replace(/\{(\w+)\}/g, (_, n: string) => p[n] ?? '');

export type CentralMethod = 'central.config' | 'central.setConfig' | 'central.register';
export type CentralHandlers = {
  [M in CentralMethod]: (
    input: MethodInput<M>,
    ctx: { actor: Actor | null },
  ) => Reply<MethodOutput<M>> | Promise<Reply<MethodOutput<M>>>;
};

export interface CentralDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  /** Called when the configuration changes (the sync runner wakes up). */
  onChange?: () => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface CentralTarget {
  url: string;
  publicKeyPem: string;
  registered: boolean;
}

export interface Central {
  handlers: CentralHandlers;
  /** The station key pair (created on first use). */
  stationKeys(): { publicKeyPem: string; privateKeyPem: string };
  /** URL + central key, or null when not configured. */
  target(): CentralTarget | null;
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

export function createCentral(deps: CentralDeps): Central {
  const { db, now, audit, log } = deps;
  const doFetch = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const stationKeys = () => ensureStationKeys(db, now);

  function config(): CentralConfig {
    const c = getCentral(db);
    return {
      url: c.url || null,
      centralKeyFingerprint: c.publicKeyPem ? keyFingerprint(c.publicKeyPem) : null,
      stationKeyFingerprint: keyFingerprint(stationKeys().publicKeyPem),
      registered: c.registeredAt !== null,
    };
  }

  const handlers: CentralHandlers = {
    'central.config': () => ok(config()),

    'central.setConfig': (input, { actor }) => {
      const L = deps.locale();
      let pem: string;
      try {
        const key = parsePublicKey(input.publicKey, 'x25519');
        pem = key.export({ type: 'spki', format: 'pem' }).toString();
      } catch (err) {
        const text = err instanceof KeyFormatError ? err.localized(L) : t(L, 'badKey');
        return fail('VALIDATION', text, { publicKey: text });
      }
      const url = baseUrl(input.url);
      const before = getCentral(db);
      // Another centre (or another central key) has not seen this station's registration.
      const sameCentre = before.url === url && before.publicKeyPem === pem;
      db.transaction(() => {
        setCentral(db, {
          url,
          publicKeyPem: pem,
          registeredAt: sameCentre ? before.registeredAt : null,
        });
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
      if (!c.url || !c.publicKeyPem) return fail('VALIDATION', t(L, 'noUrl'));
      let res: Response;
      try {
        res = await doFetch(`${baseUrl(c.url)}/api/stations/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            token: input.token,
            stationId: st.id,
            publicKeyPem: stationKeys().publicKeyPem,
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
      } catch (err) {
        const detail = (err as Error).name === 'TimeoutError' ? 'timeout' : 'no connection';
        log.warn('central registration failed', { detail });
        return fail('DEVICE', t(L, 'unreachable', { detail }));
      }
      if (res.status >= 400 && res.status < 500) {
        audit.record(actor, 'central.register-refused', String(res.status));
        const text = t(L, 'tokenRefused');
        return fail('VALIDATION', text, { token: text });
      }
      if (!res.ok) return fail('DEVICE', t(L, 'centralError', { status: String(res.status) }));
      db.transaction(() => {
        setCentral(db, { ...c, registeredAt: now().toISOString() });
        audit.record(actor, 'central.registered', st.id);
      })();
      log.info('station registered with central', {});
      deps.onChange?.();
      return ok(config());
    },
  };

  return {
    handlers,
    stationKeys,
    target() {
      const c = getCentral(db);
      if (!c.url || !c.publicKeyPem) return null;
      return { url: c.url, publicKeyPem: c.publicKeyPem, registered: c.registeredAt !== null };
    },
  };
}
