// The hub's side of the office: the LAN service (TLS, mDNS advert, TV board) and the signed desk
// routes — hello (presence, skew, the office's capacity back), the office queue on a desk's
// behalf, recording reports (and the cards they were for), decisions, and hand-over of cards a
// desk issued while the hub was away.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { methods } from '../../api/contract';
import { fail } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { localIsoDate } from '../../domain/nik';
import { selfSignedCert } from '../../sync/tls-cert';
import {
  ensureDeskAccount,
  findOfficeDesk,
  findOfficeRecordingDesk,
  insertReconciledCard,
  listOfficeDesks,
  upsertOfficeRecording,
  linkOfficeCard,
  markOfficeDeskSeen,
} from '../../store/office-repo';
import type { OfficeDeskRow } from '../../store/office-repo';
import { findCard, nextCallOrder, setCardStatus } from '../../store/queue-repo';
import { setSetting } from '../../store/settings-repo';
import { startHubServer } from './hub-server';
import type { HubReplyOut, HubRoutes } from './hub-server';
import { signHubDecision } from './office-auth';
import { omsg } from './messages';
import { advertisable, advertiseHub } from './discovery';
import {
  SETTING_TLS,
  SETTING_BOARD,
  SETTING_DECISIONS,
  decisionsAckSchema,
  reconcileSchema,
  deskRange,
  recordingsSchema,
  helloSchema,
  queueCallSchema,
  deskLabel,
} from './office-schemas';
import type { ForwardedMethod, AnyHandler, reconcileCard } from './office-schemas';
import type { OfficeContext } from './office-context';
import type { createHubPairing } from './hub-pairing';

export function createHubRoutes(ctx: OfficeContext, door: ReturnType<typeof createHubPairing>) {
  const {
    deps,
    db,
    now,
    audit,
    log,
    L,
    opts,
    state,
    hubTls,
    boardToken,
    me,
    myFingerprint,
    lanUrls,
    pendingDecisions,
    queueCapacity,
  } = ctx;
  const { refused, pair, authenticate } = door;

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
      // The office's days, hours and holidays travel with every answer: the desk keeps them
      // for the walk-ins it issues itself while the hub is away.
      const capacity = queueCapacity();
      return {
        status: 200,
        body: { deskNo: desk.deskNo, hubTime: at.toISOString(), capacity },
      };
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
    if (state.server || state.closed) return;
    if (state.starting) return state.starting;
    state.starting = (async () => {
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
      state.server = await startHubServer({
        certPem: tls.certPem,
        keyPem: tls.keyPem,
        host: opts.hubHost ?? '0.0.0.0',
        port: opts.hubPort ?? 7443,
        routes,
        log: (line) => log.warn(line),
      });
      log.info('office hub listening', { port: state.server.port });
      await refreshAdvert();
    })().finally(() => {
      state.starting = null;
    });
    return state.starting;
  }

  /**
   * Announces the hub on the LAN once the station exists (a hub started with `--hub` before its
   * set-up is announced when its technician first opens the Kantor screen).
   */
  async function refreshAdvert(): Promise<void> {
    const station = me();
    const host = opts.hubHost ?? '0.0.0.0';
    if (!state.server || !station || opts.mdns === false || !advertisable(host)) return;
    if (state.advert?.stationId === station.id) return;
    await state.advert?.stop();
    state.advert = advertiseHub({
      name: station.name,
      stationId: station.id,
      fingerprint: myFingerprint(),
      port: state.server.port,
      host: host === '0.0.0.0' || host === '::' ? null : host,
      onError: (message) => log.warn('office mDNS problem', { message: message.slice(0, 80) }),
    });
  }

  return { ensureServer, refreshAdvert };
}
