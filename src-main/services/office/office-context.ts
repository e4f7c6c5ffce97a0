// The office service's shared context: its dependencies, options, mutable state (hub server,
// pairing code, link state) and the stored role, link and TLS key read from settings.
import { networkInterfaces } from 'node:os';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OfficeStatus } from '../../api/contract-office';
import type { CapacitySettings } from '../../api/contract-queue';
import type { Reply } from '../../api/reply';
import { keyFingerprint } from '../../packets/keys';
import { getSetting } from '../../store/settings-repo';
import { getStation } from '../../store/station-repo';
import type { Actor, Audit } from '../common/audit';
import type { Logger } from '../common/log';
import type { Locale } from '../../domain/i18n';
import type { HubServer } from './hub-server';
import type { HubAdvert } from './discovery';
import {
  SETTING_ROLE,
  SETTING_TLS,
  SETTING_BOARD,
  SETTING_LINK,
  SETTING_DECISIONS,
} from './office-schemas';
import type { AnyHandler, PendingDecision, HubTls, StoredLink } from './office-schemas';

export interface OfficeOptions {
  /** Where the hub listens on the LAN (default all interfaces). */
  hubHost?: string;
  /** The hub's LAN port (default 7443; tests use 0). */
  hubPort?: number;
  /** Makes this station the hub at start (`--hub`). */
  makeHub?: boolean;
  /** How often a desk says hello to its hub (ms). */
  helloMs?: number;
  /** Advertise the hub on the LAN by mDNS (default true). */
  mdns?: boolean;
  /** How long a desk listens for hubs on the LAN (ms, default 3000). */
  discoverMs?: number;
}

export interface OfficeDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  version: string;
  stationKeys: () => { publicKeyPem: string; privateKeyPem: string };
  /** The hub's own queue handlers (the hub runs the office queue on them). */
  queue: () => Record<string, AnyHandler>;
  options?: OfficeOptions;
  /** Village names for the office recap. */
  regionName?: (code: string) => string;
  /** The desk's own approval (checks, status, outbox, audit) for decisions from the hub. */
  decide?: (
    actor: Actor,
    recordingId: string,
    decision: 'approved' | 'rejected',
    reason: string | null,
  ) => Reply<unknown>;
}

/** What the hub and the desk sides share: the station's store and clock, and the link's state. */
export function createOfficeContext(deps: OfficeDeps) {
  const { db } = deps;
  const opts = deps.options ?? {};
  const state = {
    server: null as HubServer | null,
    advert: null as HubAdvert | null,
    starting: null as Promise<void> | null,
    pairing: null as { code: string; expiresAt: number; attemptsLeft: number } | null,
    helloTimer: null as NodeJS.Timeout | null,
    closed: false,
    linkState: {
      connected: false,
      lastContactAt: null as string | null,
      problem: null as string | null,
    },
  };

  const role = (): OfficeStatus['role'] => {
    const r = getSetting(db, SETTING_ROLE);
    return r === 'hub' || r === 'desk' ? r : 'alone';
  };
  const readJson = <T>(key: string): T | null => {
    const raw = getSetting(db, key);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  };
  const hubTls = () => readJson<HubTls>(SETTING_TLS);
  const link = () => (role() === 'desk' ? readJson<StoredLink>(SETTING_LINK) : null);
  const boardToken = () => getSetting(db, SETTING_BOARD) ?? '';
  const me = () => getStation(db);
  const myFingerprint = () => keyFingerprint(deps.stationKeys().publicKeyPem);

  function lanUrls(port: number): string[] {
    const out: string[] = [];
    const host = opts.hubHost ?? '0.0.0.0';
    if (host !== '0.0.0.0' && host !== '::') {
      return [`https://${host.includes(':') ? `[${host}]` : host}:${port}`];
    }
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) {
        if (a.family === 'IPv4' && !a.internal) out.push(`https://${a.address}:${port}`);
      }
    }
    out.push(`https://127.0.0.1:${port}`);
    return out;
  }
  const pendingDecisions = () => readJson<Record<string, PendingDecision>>(SETTING_DECISIONS) ?? {};

  /** This station's own capacity settings (on the hub: the office's). */
  function queueCapacity(): CapacitySettings | null {
    const cap = (deps.queue()['queue.capacity'] as AnyHandler)({} as never, {
      actor: null,
    }) as Reply<{ settings: CapacitySettings }>;
    return cap.ok ? cap.value.settings : null;
  }

  return {
    deps,
    db,
    now: deps.now,
    audit: deps.audit,
    log: deps.log,
    L: deps.locale,
    opts,
    state,
    role,
    readJson,
    hubTls,
    link,
    boardToken,
    me,
    myFingerprint,
    lanUrls,
    pendingDecisions,
    queueCapacity,
  };
}

export type OfficeContext = ReturnType<typeof createOfficeContext>;
