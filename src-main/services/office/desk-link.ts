// A paired desk's side: signed calls to the hub over the pinned link, the periodic hello (which
// also brings the office's capacity, hands over walk-in cards, fetches decisions and reports the
// day's recordings), and the queue calls forwarded to the hub or answered here while it is away.
import { z } from 'zod';
import { capacitySettingsSchema } from '../../api/contract-queue';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { localIsoDate, maskNik } from '../../domain/nik';
import {
  HANDED_TO_HUB,
  deskRangeCardIds,
  ensureDeskAccount,
  maxSeqInRange,
  recordingMetaBetween,
  useOfficeNonce,
} from '../../store/office-repo';
import { findCard, setCardStatus } from '../../store/queue-repo';
import { HubTlsError, hubCall } from './hub-client';
import { OFFICE_WINDOW_MS, checkHubDecision } from './office-auth';
import { omsg } from './messages';
import { HUB_ACCOUNT, decisionsReplySchema, deskRange } from './office-schemas';
import type { AnyHandler, StoredLink, hubDecisionSchema } from './office-schemas';
import type { OfficeContext } from './office-context';

export function createDeskLink(ctx: OfficeContext) {
  const { deps, db, now, audit, log, L, opts, state, link, me, queueCapacity } = ctx;

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
      state.linkState.lastContactAt = now().toISOString();
      // The hub is back after an outage: catch up at once (cards, decisions, recorded states).
      if (r.status === 200 && !state.linkState.connected && path !== '/office/v1/hello') {
        state.linkState.connected = true;
        void hello();
      }
      if (r.status !== 200) {
        const message = refusalText(r.status, r.body);
        Object.assign(state.linkState, { connected: false, problem: message });
        log.warn('office hub refused', { status: r.status });
        return { ok: false, message, reachable: true };
      }
      Object.assign(state.linkState, { connected: true, problem: null });
      return { ok: true, body: r.body };
    } catch (err) {
      const message = describeFailure(err);
      Object.assign(state.linkState, { connected: false, problem: message });
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
      } while (helloAgain && !state.closed);
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
    if (r.ok) keepOfficeCapacity(r.body);
    if (r.ok && (await reconcile(l))) {
      await fetchDecisions(l);
      await reportRecordings(l);
    }
  }

  /** On a desk: the office's capacity as the hub sent it replaces the desk's own copy. */
  function keepOfficeCapacity(body: unknown): void {
    const parsed = z.object({ capacity: capacitySettingsSchema }).safeParse(body);
    if (!parsed.success) return;
    const office = parsed.data.capacity;
    const own = capacitySettingsSchema.safeParse(queueCapacity());
    if (own.success && JSON.stringify(own.data) === JSON.stringify(office)) return;
    const r = (deps.queue()['queue.setCapacity'] as AnyHandler)(office as never, {
      actor: null,
    }) as Reply<unknown>;
    if (r.ok) log.info('office capacity taken from the hub', {});
    else log.warn('office capacity from the hub refused', { code: r.error.code });
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
    if (state.helloTimer || state.closed) return;
    void hello();
    state.helloTimer = setInterval(() => void hello(), opts.helloMs ?? 20_000);
    state.helloTimer.unref();
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

  return { describeFailure, refusalText, hello, startHellos, forward, issueAtDesk };
}
