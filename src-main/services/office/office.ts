// The office: one station is the hub (one queue, one TV board), desks pair with it.
// On the hub this service runs the LAN server and answers paired desks with the hub's own queue;
// on a desk it pairs, says hello periodically (last seen, clock skew, version) and forwards the
// queue calls to the hub, so the hub alone decides who gets which card.
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
import { localIsoDate } from '../../domain/nik';
import { keyFingerprint } from '../../packets/keys';
import {
  findOfficeDesk,
  findOfficeRecordingDesk,
  listOfficeDesks,
  officeRecapBy,
  officeRecordingsOn,
  linkOfficeCard,
  revokeOfficeDesk,
  setOfficeCardDetails,
} from '../../store/office-repo';
import type { OfficeDeskRow } from '../../store/office-repo';
import { setSetting } from '../../store/settings-repo';
import type { Actor } from '../common/audit';
import { newPairingCode } from './office-auth';
import { omsg } from './messages';
import { discoverHubs } from './discovery';
import { renderOfficeReport } from './office-report';
import { checkPdf } from '../exports/daily-report';
import { findUserById } from '../../store/users-repo';
import type { HandlersFor } from '../../api/handlers';
import { findRecording } from '../../store/recordings-repo';
import {
  SETTING_ROLE,
  SETTING_LINK,
  SETTING_DECISIONS,
  CODE_TTL_MS,
  CODE_ATTEMPTS,
  SKEW_FLAG_MS,
  FORWARDED_QUEUE_METHODS,
  deskRange,
  deskLabel,
} from './office-schemas';
import type { AnyHandler } from './office-schemas';
import { createOfficeContext } from './office-context';
import type { OfficeDeps, OfficeOptions } from './office-context';
import { createHubPairing } from './hub-pairing';
import { createHubRoutes } from './hub-routes';
import { createDeskLink } from './desk-link';
import { createDeskJoin } from './desk-join';
import { cardOf, createDeskCardMemory } from './desk-cards';

export type { OfficeDeps, OfficeOptions };
export { FORWARDED_QUEUE_METHODS, deskLabel, deskRange };

type Handlers = HandlersFor<keyof OfficeOutputs>;

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
  const ctx = createOfficeContext(deps);
  const {
    db,
    now,
    audit,
    log,
    L,
    opts,
    state,
    role,
    hubTls,
    link,
    boardToken,
    me,
    myFingerprint,
    lanUrls,
    pendingDecisions,
  } = ctx;
  const hub = createHubRoutes(ctx, createHubPairing(ctx));
  const { ensureServer, refreshAdvert } = hub;
  const desk = createDeskLink(ctx);
  const { hello, startHellos, forward, issueAtDesk } = desk;
  /** The hub's cards this desk called or opened, for the details kept with a recording. */
  const deskCards = createDeskCardMemory();

  function serviceView(): OfficeStatus['service'] {
    const tls = hubTls();
    if (!state.server || !tls) return null;
    const urls = lanUrls(state.server.port);
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
      ...state.linkState,
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

  const { join } = createDeskJoin(ctx, desk, status);

  const handlers: Handlers = {
    'office.status': async () => {
      if (role() === 'hub') await refreshAdvert();
      return ok(status());
    },
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
    'office.pairingCode': async () => {
      if (role() !== 'hub') return fail('CONFLICT', omsg(L(), 'notHub'));
      await refreshAdvert();
      const tls = hubTls();
      if (!state.server || !tls) return fail('CONFLICT', omsg(L(), 'hubNotListening'));
      const expiresAt = now().getTime() + CODE_TTL_MS;
      state.pairing = { code: newPairingCode(), expiresAt, attemptsLeft: CODE_ATTEMPTS };
      const view: PairingCode = {
        code: state.pairing.code,
        expiresAt: new Date(expiresAt).toISOString(),
        fingerprint: myFingerprint(),
        tlsPin: tls.pin,
        urls: lanUrls(state.server.port),
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
    'office.discover': async () => {
      const hubs = await discoverHubs({
        waitMs: opts.discoverMs ?? 3000,
        onError: (message) => log.warn('office mDNS problem', { message: message.slice(0, 80) }),
      });
      return ok(hubs.filter((h) => h.stationId !== me()?.id));
    },
    'office.join': (input, { actor }) =>
      join(input.url, input.code, actor, input.fingerprint ?? null),
    'office.leave': (_input, { actor }) => {
      if (role() !== 'desk') return ok(status());
      const hubId = link()?.hubStationId ?? null;
      db.transaction(() => {
        setSetting(db, SETTING_ROLE, 'alone');
        setSetting(db, SETTING_LINK, '');
        audit.record(actor, 'office.left', hubId);
      })();
      if (state.helloTimer) clearInterval(state.helloTimer);
      state.helloTimer = null;
      Object.assign(state.linkState, { connected: false, problem: null, lastContactAt: null });
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
      for (const m of ['queue.card', 'queue.callNext', 'queue.recall'] as const) {
        const handler = out[m] as AnyHandler;
        out[m] = async (input: never, ctx: { actor: Actor | null }) => {
          const reply = await handler(input, ctx);
          const card = reply.ok && link() ? cardOf(reply.value) : null;
          if (card) deskCards.remember(card);
          return reply;
        };
      }
      const linkRecording = out['queue.linkRecording'] as AnyHandler;
      out['queue.linkRecording'] = async (input: never, ctx: { actor: Actor | null }) => {
        const { id, recordingId } = input as { id: string; recordingId: string };
        // Kept here too, so the hub learns it with the recording's report if it is away now.
        const onDesk = link() !== null && findRecording(db, recordingId) !== null;
        if (onDesk) {
          linkOfficeCard(db, { recordingId, cardId: id, stationId: null, at: now().toISOString() });
        }
        const reply = await linkRecording(input, ctx);
        const card = reply.ok ? cardOf(reply.value) : null;
        if (card) deskCards.remember(card);
        const details = onDesk ? deskCards.get(id) : null;
        if (details) setOfficeCardDetails(db, { recordingId, ...details });
        return reply;
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
    hubUrl: () => (state.server ? `https://127.0.0.1:${state.server.port}` : null),
    async close() {
      state.closed = true;
      if (state.helloTimer) clearInterval(state.helloTimer);
      state.helloTimer = null;
      const s = state.server;
      state.server = null;
      const a = state.advert;
      state.advert = null;
      await Promise.all([s?.close(), a?.stop()]);
    },
  };
}
