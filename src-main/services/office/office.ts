// The office (issue 17): one station is the hub (one queue, one TV board), desks pair with it.
// On the hub this service runs the LAN server and answers paired desks with the hub's own queue;
// on a desk it pairs, says hello periodically (last seen, clock skew, version) and forwards the
// queue calls to the hub, so the hub alone decides who gets which card.
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { methods } from '../../api/contract';
import type { MethodName } from '../../api/contract';
import type {
  OfficeDesk,
  OfficeHubLink,
  OfficeOutputs,
  OfficeRecap,
  OfficeRecapRecording,
  OfficeStatus,
  PairingCode,
} from '../../api/contract-office';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { localIsoDate, maskNik } from '../../domain/nik';
import { keyFingerprint, parsePublicKey } from '../../packets/keys';
import { checkCentralUrl } from '../../sync/central-http';
import { selfSignedCert } from '../../sync/tls-cert';
import {
  HANDED_TO_HUB,
  deskRangeCardIds,
  ensureDeskAccount,
  findOfficeDesk,
  findOfficeRecordingDesk,
  insertReconciledCard,
  listOfficeDesks,
  maxSeqInRange,
  officeRecapBy,
  officeRecordingsOn,
  recordingMetaBetween,
  upsertOfficeRecording,
  linkOfficeCard,
  markOfficeDeskSeen,
  revokeOfficeDesk,
  upsertOfficeDesk,
  useOfficeNonce,
} from '../../store/office-repo';
import type { OfficeDeskRow } from '../../store/office-repo';
import { DESK_RANGE_START, findCard, nextCallOrder, setCardStatus } from '../../store/queue-repo';
import { getSetting, setSetting } from '../../store/settings-repo';
import { getStation } from '../../store/station-repo';
import type { Actor, Audit } from '../common/audit';
import type { Logger } from '../common/log';
import type { Locale } from '../../domain/i18n';
import { HubTlsError, hubCall } from './hub-client';
import { startHubServer } from './hub-server';
import type { HubReplyOut, HubRoutes, HubServer } from './hub-server';
import {
  OFFICE_WINDOW_MS,
  checkHubDecision,
  signHubDecision,
  macMatches,
  newPairingCode,
  pairingMac,
  verifyOfficeRequest,
} from './office-auth';
import { omsg } from './messages';
import { renderOfficeReport } from './office-report';
import { checkPdf } from '../exports/daily-report';
import { findUserById } from '../../store/users-repo';
import { findRecording } from '../../store/recordings-repo';
import type { HandlersFor } from '../../api/handlers';

const SETTING_ROLE = 'office_role';
const SETTING_TLS = 'office_hub_tls';
const SETTING_BOARD = 'office_board_token';
const SETTING_LINK = 'office_hub_link';
/** On the hub: decisions made here, waiting for their desk to fetch them. */
const SETTING_DECISIONS = 'office_pending_decisions';
/** On a desk: the hub supervisor's stand-in user for decisions applied from the hub. */
const HUB_ACCOUNT = { id: 'OFFICEHUB', username: 'kantor.hub' } as const;

const CODE_TTL_MS = 10 * 60_000;
const CODE_ATTEMPTS = 5;
const SKEW_FLAG_MS = 60_000;
/** The queue methods a desk asks the hub for (the hub's queue is the office's queue). */
export const FORWARDED_QUEUE_METHODS = [
  'queue.cards',
  'queue.card',
  'queue.callNext',
  'queue.recall',
  'queue.skip',
  'queue.noShow',
  'queue.undoNoShow',
  'queue.board',
  'queue.linkRecording',
] as const satisfies readonly MethodName[];
type ForwardedMethod = (typeof FORWARDED_QUEUE_METHODS)[number];

type AnyHandler = (
  input: never,
  ctx: { actor: Actor | null },
) => Reply<unknown> | Promise<Reply<unknown>>;

export interface OfficeOptions {
  /** Where the hub listens on the LAN (default all interfaces). */
  hubHost?: string;
  /** The hub's LAN port (default 7443; tests use 0). */
  hubPort?: number;
  /** Makes this station the hub at start (`--hub`). */
  makeHub?: boolean;
  /** How often a desk says hello to its hub (ms). */
  helloMs?: number;
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

interface PendingDecision {
  stationId: string;
  decision: 'approved' | 'rejected';
  reason: string | null;
  by: string;
}

const hubDecisionSchema = z.strictObject({
  recordingId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().max(300).nullable(),
  by: z.string().max(64),
  at: z.string().max(40),
  nonce: z.string().max(64),
  signature: z.string().max(200),
});
const decisionsReplySchema = z.strictObject({ decisions: z.array(hubDecisionSchema).max(500) });
const decisionsAckSchema = z.strictObject({
  done: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(500),
});

type Handlers = HandlersFor<keyof OfficeOutputs>;

interface HubTls {
  certPem: string;
  keyPem: string;
  pin: string;
}

interface StoredLink {
  url: string;
  pin: string;
  hubStationId: string;
  hubName: string;
  hubPublicKey: string;
  deskNo: number;
  pairedAt: string;
}

const pairRequestSchema = z.strictObject({
  stationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  stationName: z.string().min(1).max(80),
  publicKey: z.string().min(20).max(400),
  version: z.string().max(40),
  at: z.string().max(40),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  mac: z.string().max(100),
});

const pairReplySchema = z.strictObject({
  hubStationId: z.string().max(64),
  hubName: z.string().max(80),
  hubPublicKey: z.string().max(400),
  tlsPin: z.string().regex(/^[0-9a-f]{64}$/),
  deskNo: z.number().int().min(1).max(99),
  mac: z.string().max(100),
});

const reconcileCard = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  lane: z.enum(['regular', 'priority']),
  seq: z.number().int().min(DESK_RANGE_START).max(100_000),
  priorityReason: z.string().max(40).nullable(),
  nik: z
    .string()
    .regex(/^\d{16}$/)
    .nullable(),
  name: z.string().min(1).max(120),
  phone: z.string().max(20).nullable(),
  address: z.string().max(200).nullable(),
  status: z.enum(['waiting', 'called', 'skipped', 'served', 'no-show']),
  issuedAt: z.string().max(40),
  calledAt: z.string().max(40).nullable(),
  callCount: z.number().int().min(0).max(1000),
  servedAt: z.string().max(40).nullable(),
});
const reconcileSchema = z.strictObject({ cards: z.array(reconcileCard).max(2000) });

/** A desk's own number range for walk-ins while the hub is down: Meja 2 → A-2001, A-2002 … */
export const deskRange = (deskNo: number) => ({
  from: deskNo * DESK_RANGE_START,
  to: (deskNo + 1) * DESK_RANGE_START,
});

const recordingsSchema = z.strictObject({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  recordings: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
        status: z.enum(['draft', 'sealed', 'approved', 'rejected', 'uploaded']),
        operator: z.string().min(1).max(32),
        villageCode: z.string().max(13),
        // Masked on the desk: the hub never holds a full NIK.
        nikMasked: z
          .string()
          .regex(/^(\d{4}\*{8}\d{4}|\**)$/)
          .max(32),
        createdAt: z.string().max(40),
        /** The office card the recording was started for. */
        cardId: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/)
          .nullable()
          .optional(),
      }),
    )
    .max(5000),
});

const helloSchema = z.strictObject({ version: z.string().max(40), at: z.string().max(40) });
const queueCallSchema = z.strictObject({
  method: z.enum(FORWARDED_QUEUE_METHODS),
  input: z.unknown(),
});

export const deskLabel = (deskNo: number) => `Meja ${deskNo}`;

export interface Office {
  handlers: Handlers;
  /** The queue handlers as the station exposes them: forwarded to the hub on a paired desk. */
  wrapQueue<H extends Record<string, unknown>>(queueHandlers: H): H;
  /** Starts the hub's LAN service or the desk's hellos, as the stored role says. */
  start(): Promise<void>;
  /** A recording was sealed here: a paired desk tells the hub (its card shows recorded). */
  recordingSealed(): void;
  /** The hub's loopback address once it listens (hosts print it for scripts and tests). */
  hubUrl(): string | null;
  close(): Promise<void>;
}

export function createOffice(deps: OfficeDeps): Office {
  const { db, now, audit, log } = deps;
  const L = deps.locale;
  const opts = deps.options ?? {};
  let server: HubServer | null = null;
  let starting: Promise<void> | null = null;
  let pairing: { code: string; expiresAt: number; attemptsLeft: number } | null = null;
  let helloTimer: NodeJS.Timeout | null = null;
  let closed = false;
  const linkState: { connected: boolean; lastContactAt: string | null; problem: string | null } = {
    connected: false,
    lastContactAt: null,
    problem: null,
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

  function serviceView(): OfficeStatus['service'] {
    const tls = hubTls();
    if (!server || !tls) return null;
    const urls = lanUrls(server.port);
    return {
      urls,
      boardUrl: `${urls[0]}/board#t=${boardToken()}`,
      fingerprint: myFingerprint(),
      tlsPin: tls.pin,
    };
  }

  function linkView(): OfficeHubLink | null {
    const l = link();
    if (!l) return null;
    return {
      url: l.url,
      hubName: l.hubName,
      hubFingerprint: keyFingerprint(l.hubPublicKey),
      deskNo: l.deskNo,
      label: deskLabel(l.deskNo),
      pairedAt: l.pairedAt,
      ...linkState,
    };
  }

  const status = (): OfficeStatus => ({ role: role(), hub: linkView(), service: serviceView() });

  function toDesk(r: OfficeDeskRow): OfficeDesk {
    return {
      stationId: r.stationId,
      stationName: r.stationName,
      deskNo: r.deskNo,
      label: deskLabel(r.deskNo),
      pairedAt: r.pairedAt,
      revokedAt: r.revokedAt,
      lastSeenAt: r.lastSeenAt,
      skewMs: r.skewMs,
      skewFlagged: r.skewMs !== null && Math.abs(r.skewMs) > SKEW_FLAG_MS,
      version: r.version,
      fingerprint: keyFingerprint(r.publicKey),
    };
  }

  // ---- Hub side ---------------------------------------------------------------------------

  const refused = (status: number, error: string): HubReplyOut => ({ status, body: { error } });

  function pair(body: unknown): HubReplyOut {
    const parsed = pairRequestSchema.safeParse(body);
    if (!parsed.success) return refused(400, 'bad-request');
    const req = parsed.data;
    const t = now().getTime();
    const code = pairing && pairing.expiresAt > t ? pairing.code : null;
    const { mac, ...signed } = req;
    const fresh = Math.abs(t - Date.parse(req.at)) <= OFFICE_WINDOW_MS;
    if (!code || !fresh || !macMatches(pairingMac(code, 'desk', signed), mac)) {
      if (pairing && --pairing.attemptsLeft <= 0) pairing = null;
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
    pairing = null; // one code, one desk
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

  /** Office capacity follows the desks present today (those that said hello), at least one. */
  function followPresentDesks(): void {
    const today = localIsoDate(now());
    const present = listOfficeDesks(db).filter(
      (d) => !d.revokedAt && d.lastSeenAt && localIsoDate(new Date(d.lastSeenAt)) === today,
    ).length;
    const q = deps.queue();
    const cap = (q['queue.capacity'] as AnyHandler)({} as never, { actor: null }) as Reply<{
      settings: { activeDesks: number };
    }>;
    if (cap.ok && present > 0 && cap.value.settings.activeDesks !== present) {
      void (q['queue.setCapacity'] as AnyHandler)({ activeDesks: present } as never, {
        actor: null,
      });
    }
  }

  async function signed(path: string, stationId: string, body: unknown): Promise<HubReplyOut> {
    const desk = findOfficeDesk(db, stationId)!;
    if (path === '/office/v1/hello') {
      const h = helloSchema.safeParse(body);
      if (!h.success) return refused(400, 'bad-request');
      const at = now();
      const deskTime = Date.parse(h.data.at);
      markOfficeDeskSeen(db, stationId, {
        at: at.toISOString(),
        skewMs: Number.isFinite(deskTime) ? deskTime - at.getTime() : null,
        version: h.data.version,
      });
      followPresentDesks();
      return { status: 200, body: { deskNo: desk.deskNo, hubTime: at.toISOString() } };
    }
    if (path === '/office/v1/queue') {
      const c = queueCallSchema.safeParse(body);
      if (!c.success) return refused(400, 'bad-request');
      const spec = methods[c.data.method];
      const input = spec.input.safeParse(c.data.input);
      if (!input.success) return refused(400, 'bad-request');
      markOfficeDeskSeen(db, stationId, { at: now().toISOString(), skewMs: null, version: null });
      const reply = await runForDesk(c.data.method, input.data as Record<string, unknown>, desk);
      return { status: 200, body: reply };
    }
    if (path === '/office/v1/recordings') {
      const r = recordingsSchema.safeParse(body);
      if (!r.success) return refused(400, 'bad-request');
      const reportedAt = now().toISOString();
      db.transaction(() => {
        for (const x of r.data.recordings) {
          upsertOfficeRecording(db, {
            recordingId: x.id,
            stationId,
            day: r.data.day,
            status: x.status,
            operator: x.operator,
            villageCode: x.villageCode,
            nikMasked: x.nikMasked,
            createdAt: x.createdAt,
            reportedAt,
          });
          if (x.cardId) linkReportedCard(stationId, x.id, x.cardId);
        }
      })();
      return { status: 200, body: { accepted: r.data.recordings.length } };
    }
    if (path === '/office/v1/decisions') {
      // Signed now, for this desk only: fresh time and nonce, so a copy cannot be replayed.
      const at = now();
      const key = deps.stationKeys().privateKeyPem;
      const decisions = Object.entries(pendingDecisions())
        .filter(([, d]) => d.stationId === stationId)
        .map(([recordingId, d]) =>
          signHubDecision(
            { recordingId, decision: d.decision, reason: d.reason, by: d.by },
            stationId,
            key,
            at,
          ),
        );
      return { status: 200, body: { decisions } };
    }
    if (path === '/office/v1/decisions/ack') {
      const a = decisionsAckSchema.safeParse(body);
      if (!a.success) return refused(400, 'bad-request');
      const pending = pendingDecisions();
      for (const id of a.data.done) {
        if (pending[id]?.stationId === stationId) delete pending[id];
      }
      setSetting(db, SETTING_DECISIONS, JSON.stringify(pending));
      return { status: 200, body: { ok: true } };
    }
    if (path === '/office/v1/reconcile') {
      const r = reconcileSchema.safeParse(body);
      if (!r.success) return refused(400, 'bad-request');
      const range = deskRange(desk.deskNo);
      // A desk hands over cards of its own range only: it cannot write into another desk's.
      if (r.data.cards.some((c) => c.seq < range.from || c.seq >= range.to)) {
        log.warn('office reconcile refused', { reason: 'range' });
        return refused(400, 'range');
      }
      const accepted = db.transaction(() => acceptDeskCards(desk, r.data.cards))();
      return { status: 200, body: { accepted } };
    }
    return refused(404, 'not-found');
  }

  /**
   * Cards a desk issued (and maybe called or served) while the hub was down join the office
   * queue as the desk left them. A card already here (a repeated hand-over) is left alone, so
   * nothing is added or called twice.
   */
  function acceptDeskCards(desk: OfficeDeskRow, cards: z.infer<typeof reconcileCard>[]): number {
    const accountId = `OFFICEDESK${desk.deskNo}`;
    ensureDeskAccount(db, {
      id: accountId,
      username: `kantor.meja-${desk.deskNo}`,
      fullName: `${deskLabel(desk.deskNo)} (${desk.stationName})`,
      createdAt: now().toISOString(),
    });
    let accepted = 0;
    for (const c of cards) {
      if (findCard(db, c.id)) continue;
      const called = c.status !== 'waiting';
      insertReconciledCard(db, {
        ...c,
        callOrder: nextCallOrder(db, c.date),
        issuedBy: accountId,
        desk: called ? deskLabel(desk.deskNo) : null,
      });
      audit.record(null, 'queue.issued', c.id);
      accepted++;
    }
    return accepted;
  }

  /** The hub's queue on behalf of a desk: the desk's name on calls is the hub's, never the desk's word. */
  function runForDesk(
    method: ForwardedMethod,
    input: Record<string, unknown>,
    desk: OfficeDeskRow,
  ): Reply<unknown> | Promise<Reply<unknown>> {
    const q = deps.queue();
    if (method === 'queue.linkRecording') {
      return markServed(String(input.id), String(input.recordingId), desk.stationId);
    }
    if ('desk' in input) input = { ...input, desk: deskLabel(desk.deskNo) };
    return (q[method] as AnyHandler)(input as never, { actor: null });
  }

  /**
   * A desk started recording the resident of a card it called: the card is served (being
   * recorded). It shows recorded once that desk reports the recording sealed; the recording
   * itself stays on the desk (only its metadata travels, with the day's report).
   */
  function markServed(
    cardId: string,
    recordingId: string,
    stationId: string,
  ): Reply<unknown> | Promise<Reply<unknown>> {
    const c = findCard(db, cardId);
    if (!c) return fail('NOT_FOUND', omsg(L(), 'cardNotFound'));
    if (c.status !== 'served' && !['waiting', 'called', 'skipped'].includes(c.status)) {
      return fail('CONFLICT', omsg(L(), 'cardNotLive'));
    }
    db.transaction(() => {
      linkOfficeCard(db, { recordingId, cardId: c.id, stationId, at: now().toISOString() });
      if (c.status !== 'served') {
        setCardStatus(db, c.id, { status: 'served', servedAt: now().toISOString() });
        audit.record(null, 'queue.linked', c.id);
      }
    })();
    return (deps.queue()['queue.card'] as AnyHandler)({ id: c.id } as never, { actor: null });
  }

  /**
   * A desk's report names the card a recording was started for (linked while the hub was away,
   * or again): the link is kept for that desk's own recordings only, and a card still live is
   * served from then on.
   */
  function linkReportedCard(stationId: string, recordingId: string, cardId: string): void {
    if (findOfficeRecordingDesk(db, recordingId) !== stationId) return;
    const c = findCard(db, cardId);
    if (!c) return;
    linkOfficeCard(db, { recordingId, cardId, stationId, at: now().toISOString() });
    if (['waiting', 'called', 'skipped'].includes(c.status)) {
      setCardStatus(db, c.id, { status: 'served', servedAt: now().toISOString() });
      audit.record(null, 'queue.linked', c.id);
    }
  }

  async function ensureServer(): Promise<void> {
    if (server || closed) return;
    if (starting) return starting;
    starting = (async () => {
      let tls = hubTls();
      if (!tls) {
        const c = selfSignedCert(
          lanUrls(0).map((u) => new URL(u).hostname),
          `rekam-office-hub ${me()?.id ?? ''}`.trim(),
        );
        tls = { certPem: c.certPem, keyPem: c.keyPem, pin: c.spkiSha256 };
        setSetting(db, SETTING_TLS, JSON.stringify(tls));
      }
      if (!boardToken()) setSetting(db, SETTING_BOARD, randomBytes(18).toString('base64url'));
      const routes: HubRoutes = {
        pair,
        authenticate,
        signed,
        boardToken,
        boardState: () => {
          const r = (deps.queue()['queue.board'] as AnyHandler)({} as never, { actor: null });
          return (r as Reply<unknown>).ok
            ? (r as { value: unknown }).value
            : { calls: [], waiting: 0 };
        },
      };
      server = await startHubServer({
        certPem: tls.certPem,
        keyPem: tls.keyPem,
        host: opts.hubHost ?? '0.0.0.0',
        port: opts.hubPort ?? 7443,
        routes,
        log: (line) => log.warn(line),
      });
      log.info('office hub listening', { port: server.port });
    })().finally(() => {
      starting = null;
    });
    return starting;
  }

  const pendingDecisions = () => readJson<Record<string, PendingDecision>>(SETTING_DECISIONS) ?? {};

  // ---- Desk side --------------------------------------------------------------------------

  const signer = () => ({
    stationId: me()?.id ?? '',
    privateKeyPem: deps.stationKeys().privateKeyPem,
    now: now(),
  });

  function describeFailure(err: unknown): string {
    if (err instanceof HubTlsError) return omsg(L(), 'hubKeyChanged');
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message ?? 'error';
    return omsg(L(), 'unreachable', { detail: String(code).slice(0, 40) });
  }

  function refusalText(status: number, body: unknown): string {
    const error = (body as { error?: string } | null)?.error ?? String(status);
    if (error === 'unknown-desk' || error === 'bad-signature') return omsg(L(), 'notPaired');
    if (error === 'stale') return omsg(L(), 'clockSkew');
    return omsg(L(), 'refused', { detail: error.slice(0, 40) });
  }

  /** One signed call to the hub; the link state follows what happened. */
  async function toHub(
    l: StoredLink,
    path: string,
    body: unknown,
  ): Promise<{ ok: true; body: unknown } | { ok: false; message: string; reachable: boolean }> {
    try {
      const r = await hubCall({ url: l.url, pin: l.pin, path, body, signer: signer() });
      linkState.lastContactAt = now().toISOString();
      // The hub is back after an outage: catch up at once (cards, decisions, recorded states).
      if (r.status === 200 && !linkState.connected && path !== '/office/v1/hello') {
        linkState.connected = true;
        void hello();
      }
      if (r.status !== 200) {
        const message = refusalText(r.status, r.body);
        Object.assign(linkState, { connected: false, problem: message });
        log.warn('office hub refused', { status: r.status });
        return { ok: false, message, reachable: true };
      }
      Object.assign(linkState, { connected: true, problem: null });
      return { ok: true, body: r.body };
    } catch (err) {
      const message = describeFailure(err);
      Object.assign(linkState, { connected: false, problem: message });
      return { ok: false, message, reachable: false };
    }
  }

  /** One round at a time; a request meanwhile (a seal, the hub back) runs one more after it. */
  let helloRun: Promise<void> | null = null;
  let helloAgain = false;
  function hello(): Promise<void> {
    if (helloRun) {
      helloAgain = true;
      return helloRun;
    }
    helloRun = (async () => {
      do {
        helloAgain = false;
        await helloOnce();
      } while (helloAgain && !closed);
    })().finally(() => {
      helloRun = null;
    });
    return helloRun;
  }

  async function helloOnce(): Promise<void> {
    const l = link();
    if (!l) return;
    const r = await toHub(l, '/office/v1/hello', {
      version: deps.version,
      at: now().toISOString(),
    });
    if (r.ok && (await reconcile(l))) {
      await fetchDecisions(l);
      await reportRecordings(l);
    }
  }

  /**
   * The hub supervisor's decisions on this desk's recordings: each checked (the paired hub key
   * signed it for this desk, fresh, never seen) and applied through the desk's own approval,
   * then acknowledged so the hub stops sending it.
   */
  async function fetchDecisions(l: StoredLink): Promise<void> {
    if (!deps.decide) return;
    const r = await toHub(l, '/office/v1/decisions', {});
    if (!r.ok) return;
    const parsed = decisionsReplySchema.safeParse(r.body);
    if (!parsed.success) return;
    const done = parsed.data.decisions
      .filter((d) => applyHubDecision(l, d))
      .map((d) => d.recordingId);
    if (done.length > 0) await toHub(l, '/office/v1/decisions/ack', { done });
  }

  /** True when the decision is settled on this desk (applied now, or decided already). */
  function applyHubDecision(l: StoredLink, d: z.infer<typeof hubDecisionSchema>): boolean {
    const stationId = me()?.id ?? '';
    const at = now();
    const forgetBefore = new Date(at.getTime() - 2 * OFFICE_WINDOW_MS).toISOString();
    const check = checkHubDecision(d, stationId, l.hubPublicKey, at, (nonce, t) =>
      useOfficeNonce(db, l.hubStationId, nonce, t, forgetBefore),
    );
    if (!check.ok) {
      log.warn('office decision refused', { problem: check.problem });
      audit.record(null, 'office.decision-refused', d.recordingId);
      return false;
    }
    ensureDeskAccount(db, {
      id: HUB_ACCOUNT.id,
      username: HUB_ACCOUNT.username,
      fullName: `Supervisor hub (${l.hubName})`.slice(0, 120),
      createdAt: at.toISOString(),
    });
    const result = deps.decide!(HUB_ACCOUNT, d.recordingId, d.decision, d.reason);
    audit.record(
      HUB_ACCOUNT,
      result.ok ? 'office.decision-applied' : 'office.decision-refused',
      d.recordingId,
    );
    // A recording decided here already keeps its decision; the hub's is settled too.
    return result.ok || result.error.code === 'CONFLICT' || result.error.code === 'NOT_FOUND';
  }

  /** Today's recordings as metadata only (status, operator, village, masked NIK), signed. */
  async function reportRecordings(l: StoredLink): Promise<void> {
    const t = now();
    const start = new Date(t.getFullYear(), t.getMonth(), t.getDate());
    const end = new Date(t.getFullYear(), t.getMonth(), t.getDate() + 1);
    const rows = recordingMetaBetween(db, start.toISOString(), end.toISOString());
    if (rows.length === 0) return;
    await toHub(l, '/office/v1/recordings', {
      day: localIsoDate(t),
      recordings: rows.map((x) => ({
        id: x.id,
        status: x.status,
        operator: x.operator,
        villageCode: x.villageCode,
        nikMasked: maskNik(x.nik),
        createdAt: x.createdAt,
        cardId: x.cardId,
      })),
    });
  }

  function startHellos(): void {
    if (helloTimer || closed) return;
    void hello();
    helloTimer = setInterval(() => void hello(), opts.helloMs ?? 20_000);
    helloTimer.unref();
  }

  async function join(
    url: string,
    code: string,
    actor: Actor | null,
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
    Object.assign(linkState, {
      connected: true,
      problem: null,
      lastContactAt: now().toISOString(),
    });
    startHellos();
    return ok(status());
  }

  /** Hands this desk's own-range cards to the hub; true when there is nothing left to hand. */
  let reconciling: Promise<boolean> | null = null;
  function reconcile(l: StoredLink): Promise<boolean> {
    reconciling ??= (async () => {
      const range = deskRange(l.deskNo);
      const cards = deskRangeCardIds(db, range.from, range.to)
        .map((id) => findCard(db, id)!)
        .filter((c) => c.status !== 'cancelled');
      if (cards.length === 0) return true;
      const r = await toHub(l, '/office/v1/reconcile', {
        cards: cards.map((c) => ({
          id: c.id,
          date: c.date,
          lane: c.lane,
          seq: c.seq,
          priorityReason: c.priorityReason,
          nik: c.nik,
          name: c.name,
          phone: c.phone,
          address: c.address,
          status: c.status,
          issuedAt: c.issuedAt,
          calledAt: c.calledAt,
          callCount: c.callCount,
          servedAt: c.servedAt,
        })),
      });
      if (!r.ok) return false;
      db.transaction(() => {
        for (const c of cards) {
          setCardStatus(db, c.id, { status: 'cancelled', cancelReason: HANDED_TO_HUB });
        }
      })();
      log.info('office cards handed to the hub', { count: cards.length });
      return true;
    })().finally(() => {
      reconciling = null;
    });
    return reconciling;
  }

  /**
   * A queue call on a paired desk: the hub's queue when it answers; this desk's own cards when
   * it cannot be reached (walk-ins issued here meanwhile), handed over once it is back.
   */
  async function forward(
    method: string,
    input: unknown,
    local: () => Reply<unknown> | Promise<Reply<unknown>>,
  ): Promise<Reply<unknown>> {
    const l = link()!;
    const handed = await reconcile(l);
    if (handed) {
      const r = await toHub(l, '/office/v1/queue', { method, input });
      if (r.ok) return r.body as Reply<unknown>;
      if (r.reachable) return fail('CONFLICT', r.message);
    }
    return local();
  }

  /** A walk-in card issued at a paired desk: numbered from the desk's own range. */
  async function issueAtDesk(
    l: StoredLink,
    local: () => Reply<unknown> | Promise<Reply<unknown>>,
  ): Promise<Reply<unknown>> {
    const r = (await local()) as Reply<{
      card: { id: string; date: string; lane: string };
      existing: boolean;
    }>;
    if (!r.ok || r.value.existing) return r;
    const { id, date, lane } = r.value.card;
    const range = deskRange(l.deskNo);
    db.transaction(() => {
      setCardStatus(db, id, { seq: maxSeqInRange(db, date, lane, range.from, range.to) + 1 });
    })();
    const card = (await (deps.queue()['queue.card'] as AnyHandler)({ id } as never, {
      actor: null,
    })) as Reply<unknown>;
    void reconcile(l).catch(() => {});
    return card.ok ? ok({ ...r.value, card: card.value }) : r;
  }

  function recapOf(day: string): OfficeRecap {
    const village = (code: string) =>
      `${code}${deps.regionName?.(code) ? ` ${deps.regionName(code)}` : ''}`;
    const villages = officeRecapBy(db, day, 'village').map((g) => ({
      ...g,
      key: village(g.key),
    }));
    const byDesk = officeRecapBy(db, day, 'desk');
    const pending = pendingDecisions();
    return {
      date: day,
      recordings: officeRecordingsOn(db, day).map((r) => ({
        recordingId: r.recordingId,
        desk: deskLabel(r.deskNo),
        operator: r.operator,
        village: village(r.villageCode),
        nikMasked: r.nikMasked,
        status: r.status as OfficeRecapRecording['status'],
        decisionSent: pending[r.recordingId]?.decision ?? null,
      })),
      total: byDesk.reduce((n, g) => n + g.total, 0),
      sealed: byDesk.reduce((n, g) => n + g.sealed, 0),
      byDesk,
      byOperator: officeRecapBy(db, day, 'operator'),
      byVillage: villages,
    };
  }

  // ---- Contract ---------------------------------------------------------------------------

  const handlers: Handlers = {
    'office.status': () => ok(status()),
    'office.becomeHub': async (_input, { actor }) => {
      if (role() === 'desk') return fail('CONFLICT', omsg(L(), 'notHub'));
      if (role() !== 'hub') {
        db.transaction(() => {
          setSetting(db, SETTING_ROLE, 'hub');
          audit.record(actor, 'office.hub', me()?.id ?? null);
        })();
      }
      await ensureServer();
      return ok(status());
    },
    'office.pairingCode': () => {
      if (role() !== 'hub') return fail('CONFLICT', omsg(L(), 'notHub'));
      const tls = hubTls();
      if (!server || !tls) return fail('CONFLICT', omsg(L(), 'hubNotListening'));
      const expiresAt = now().getTime() + CODE_TTL_MS;
      pairing = { code: newPairingCode(), expiresAt, attemptsLeft: CODE_ATTEMPTS };
      const view: PairingCode = {
        code: pairing.code,
        expiresAt: new Date(expiresAt).toISOString(),
        fingerprint: myFingerprint(),
        tlsPin: tls.pin,
        urls: lanUrls(server.port),
      };
      return ok(view);
    },
    'office.desks': () => ok(listOfficeDesks(db).map(toDesk)),
    'office.recap': (input) => ok(recapOf(input.date ?? localIsoDate(now()))),
    'office.report': async (input, { actor }) => {
      const day = input.date ?? localIsoDate(now());
      const recap = recapOf(day);
      const station = me();
      const [y, m, dd] = day.split('-').map(Number);
      const pdf = await renderOfficeReport({
        date: new Date(y!, m! - 1, dd!),
        hubName: station?.name ?? '',
        hubId: station?.id ?? '',
        kecamatanName: deps.regionName?.(station?.kecamatanCode ?? '') ?? '',
        recap,
        supervisorName: (actor && findUserById(db, actor.id)?.fullName) ?? '',
        headTitle: input.headTitle ?? 'Kepala Kantor',
        headName: input.headName || null,
        generatedAt: now(),
      });
      const c = checkPdf(pdf);
      if (c.pages < 1 || !c.allA4 || !c.titleFound || !c.streamsOk) {
        log.error('office report read-back failed', { ...c });
        return fail('INTERNAL', omsg(L(), 'reportFailed'));
      }
      const fileName = `laporan-harian-kantor-${station?.id ?? 'hub'}-${day}.pdf`;
      audit.record(actor, 'export.report', fileName);
      return ok({ fileName, base64: pdf.toString('base64'), pages: c.pages, total: recap.total });
    },
    'office.decide': (input, { actor }) => {
      if (role() !== 'hub') return fail('CONFLICT', omsg(L(), 'notHub'));
      const stationId = findOfficeRecordingDesk(db, input.recordingId);
      const desk = stationId ? findOfficeDesk(db, stationId) : null;
      if (!desk || desk.revokedAt) return fail('NOT_FOUND', omsg(L(), 'recordingNotReported'));
      const reason = input.reason?.trim() ?? null;
      if (input.decision === 'rejected' && !reason) {
        return fail('VALIDATION', omsg(L(), 'reasonNeeded'), { reason: omsg(L(), 'reasonNeeded') });
      }
      db.transaction(() => {
        const pending = pendingDecisions();
        pending[input.recordingId] = {
          stationId: desk.stationId,
          decision: input.decision,
          reason: input.decision === 'rejected' ? reason : null,
          by: actor?.username ?? '',
        };
        setSetting(db, SETTING_DECISIONS, JSON.stringify(pending));
        audit.record(actor, 'office.decision-sent', input.recordingId);
      })();
      return ok({
        recordingId: input.recordingId,
        decision: input.decision,
        desk: deskLabel(desk.deskNo),
      });
    },
    'office.unpair': (input, { actor }) => {
      const d = findOfficeDesk(db, input.stationId);
      if (!d) return fail('NOT_FOUND', omsg(L(), 'deskNotFound'));
      db.transaction(() => {
        if (revokeOfficeDesk(db, d.stationId, now().toISOString())) {
          audit.record(actor, 'office.unpaired', d.stationId);
        }
      })();
      return ok(toDesk(findOfficeDesk(db, d.stationId)!));
    },
    'office.join': (input, { actor }) => join(input.url, input.code, actor),
    'office.leave': (_input, { actor }) => {
      if (role() !== 'desk') return ok(status());
      const hubId = link()?.hubStationId ?? null;
      db.transaction(() => {
        setSetting(db, SETTING_ROLE, 'alone');
        setSetting(db, SETTING_LINK, '');
        audit.record(actor, 'office.left', hubId);
      })();
      if (helloTimer) clearInterval(helloTimer);
      helloTimer = null;
      Object.assign(linkState, { connected: false, problem: null, lastContactAt: null });
      return ok(status());
    },
  };

  return {
    handlers,
    wrapQueue(queueHandlers) {
      const out: Record<string, unknown> = { ...queueHandlers };
      for (const m of FORWARDED_QUEUE_METHODS) {
        const local = queueHandlers[m] as AnyHandler;
        out[m] = (input: never, ctx: { actor: Actor | null }) =>
          link() ? forward(m, input, () => local(input, ctx)) : local(input, ctx);
      }
      const linkRecording = out['queue.linkRecording'] as AnyHandler;
      out['queue.linkRecording'] = (input: never, ctx: { actor: Actor | null }) => {
        const { id, recordingId } = input as { id: string; recordingId: string };
        // Kept here too, so the hub learns it with the recording's report if it is away now.
        if (link() && findRecording(db, recordingId)) {
          linkOfficeCard(db, { recordingId, cardId: id, stationId: null, at: now().toISOString() });
        }
        return linkRecording(input, ctx);
      };
      const issue = queueHandlers['queue.issue'] as AnyHandler | undefined;
      if (issue) {
        out['queue.issue'] = (input: never, ctx: { actor: Actor | null }) => {
          const l = link();
          return l ? issueAtDesk(l, () => issue(input, ctx)) : issue(input, ctx);
        };
      }
      return out as typeof queueHandlers;
    },
    async start() {
      if (opts.makeHub && role() === 'alone') {
        db.transaction(() => {
          setSetting(db, SETTING_ROLE, 'hub');
          audit.record(null, 'office.hub', me()?.id ?? null);
        })();
      }
      if (role() === 'hub') await ensureServer();
      if (role() === 'desk') startHellos();
    },
    recordingSealed() {
      // The card's recorded state comes from here: reported now, or at the next contact.
      if (link()) void hello();
    },
    hubUrl: () => (server ? `https://127.0.0.1:${server.port}` : null),
    async close() {
      closed = true;
      if (helloTimer) clearInterval(helloTimer);
      helloTimer = null;
      const s = server;
      server = null;
      if (s) await s.close();
    },
  };
}
