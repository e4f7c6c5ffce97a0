// Delivery rounds, antar ke rumah. The supervisor builds a round from the
// cards waiting at the office (suggested: the queue's priority lane — elderly, disabled — and
// any card not collected after N days), orders it, prints the sheet and sends the cards out
// (card state on_round). In the field each card is handed over through the handover flow with
// kind 'round' (index.ts marks the round's item delivered in the same transaction) or recorded
// undeliverable with a reason, which puts it back in the counter's stock; closing the round puts
// back everything still pending. Every supervisor action and every outcome is audited with ids.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MethodInput } from '../../api/contract';
import type { HandlersFor } from '../../api/handlers';
import type { RoundDetail, RoundOutputs, RoundSuggestions } from '../../api/contract-rounds';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import type { Locale } from '../../domain/i18n';
import {
  DAY_MS,
  DEFAULT_UNCOLLECTED_DAYS,
  daysWaiting,
  defaultRoundOrder,
  isPermutation,
  suggestionReasons,
} from '../../domain/rounds';
import type { RoundState } from '../../domain/rounds';
import {
  getCard,
  returnCardFromRound,
  sendCardsOnRound,
  villagesWithCards,
} from '../../store/cards-repo';
import {
  cardsOnOpenRounds,
  closeRoundRow,
  getRound,
  insertRound,
  listRounds,
  markRoundOut,
  pendingRoundCards,
  recordingNames,
  removeRoundItem,
  roundCandidates,
  roundItems,
  setItemOutcome,
  setRoundOrder,
} from '../../store/rounds-repo';
import { getSetting, setSetting } from '../../store/settings-repo';
import { getStation } from '../../store/station-repo';
import type { Actor, Audit } from '../common/audit';
import { newId } from '../common/ids';
import { rt } from './round-messages';
import { renderRoundSheet } from './round-sheet';

export const SETTING_UNCOLLECTED_DAYS = 'rounds.uncollected_days';
const SUGGESTION_LIMIT = 500;
const CLOSED_SHOWN = 20;

export type RoundMethod = keyof RoundOutputs;

export interface RoundsDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  regionName: (code: string) => string;
}

/** The supervisor's setting, or the default (14 days). */
export function uncollectedDays(db: Database): number {
  const n = Number.parseInt(getSetting(db, SETTING_UNCOLLECTED_DAYS) ?? '', 10);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_UNCOLLECTED_DAYS;
}

export function createRounds(deps: RoundsDeps): { handlers: HandlersFor<RoundMethod> } {
  const { db, audit } = deps;
  const L = () => deps.locale();
  const village = (code: string | null) => (code ? deps.regionName(code) : null);
  const namesOf = (ids: readonly string[]) => {
    const names = recordingNames(db, ids.slice(0, 5));
    return ids.length > 5 ? `${names.join(', ')} (+${ids.length - 5})` : names.join(', ');
  };

  function detail(roundId: string): Reply<RoundDetail> {
    const round = getRound(db, roundId);
    if (!round) return fail('NOT_FOUND', rt(L(), 'notFound'));
    return ok({
      round: { ...round, villageName: village(round.villageCode) },
      items: roundItems(db, roundId).map((i) => ({
        ...i,
        villageName: deps.regionName(i.villageCode),
      })),
    });
  }

  /** The round exists and is in `state`; else the reply that says why not. */
  function inState(roundId: string, state: RoundState): Reply<null> {
    const r = getRound(db, roundId);
    if (!r) return fail('NOT_FOUND', rt(L(), 'notFound'));
    if (r.state === state) return ok(null);
    if (state === 'planned') return fail('CONFLICT', rt(L(), 'notPlanned'));
    return fail('CONFLICT', rt(L(), r.state === 'closed' ? 'closed' : 'notOut'));
  }

  function suggestions(input: MethodInput<'rounds.suggestions'>): Reply<RoundSuggestions> {
    const now = deps.now();
    const days = uncollectedDays(db);
    const rows = roundCandidates(db, {
      villageCode: input.villageCode ?? null,
      arrivedBefore: new Date(now.getTime() - days * DAY_MS).toISOString(),
      all: input.all === true,
      limit: SUGGESTION_LIMIT,
    });
    return ok({
      uncollectedDays: days,
      candidates: rows.map((c) => ({
        ...c,
        villageName: deps.regionName(c.villageCode),
        reasons: suggestionReasons(c, now, days),
        daysWaiting: daysWaiting(c.arrivedAt, now),
      })),
      villages: villagesWithCards(db).map((v) => ({
        ...v,
        villageName: deps.regionName(v.villageCode),
      })),
    });
  }

  function create(actor: Actor, input: MethodInput<'rounds.create'>): Reply<RoundDetail> {
    const ids = [...new Set(input.recordingIds)];
    const at = deps.now();
    const id = newId('P', at);
    const problem = db.transaction((): Reply<null> => {
      const gone = ids.filter((r) => getCard(db, r)?.state !== 'at_office');
      if (gone.length > 0)
        return fail('CONFLICT', rt(L(), 'notAtOffice', { names: namesOf(gone) }));
      const taken = cardsOnOpenRounds(db, ids);
      if (taken.length > 0) {
        return fail('CONFLICT', rt(L(), 'onOtherRound', { names: namesOf(taken) }));
      }
      const round = {
        id,
        label: input.label,
        villageCode: input.villageCode ?? null,
        createdBy: actor.id,
        createdAt: at.toISOString(),
      };
      insertRound(db, round, ids);
      setRoundOrder(
        db,
        id,
        defaultRoundOrder(roundItems(db, id)).map((i) => i.recordingId),
      );
      audit.record(actor, 'rounds.created', `${id} ${ids.length}`);
      return ok(null);
    })();
    return problem.ok ? detail(id) : problem;
  }

  function reorder(actor: Actor, roundId: string, order: readonly string[] | null) {
    const state = inState(roundId, 'planned');
    if (!state.ok) return state;
    const items = roundItems(db, roundId);
    const next = order ?? defaultRoundOrder(items).map((i) => i.recordingId);
    if (
      !isPermutation(
        items.map((i) => i.recordingId),
        next,
      )
    ) {
      return fail('VALIDATION', rt(L(), 'badOrder'));
    }
    db.transaction(() => {
      setRoundOrder(db, roundId, next);
      audit.record(actor, 'rounds.reordered', `${roundId}${order ? '' : ' default'}`);
    })();
    return detail(roundId);
  }

  function remove(actor: Actor, roundId: string, recordingId: string) {
    const state = inState(roundId, 'planned');
    if (!state.ok) return state;
    const done = db.transaction(() => {
      if (!removeRoundItem(db, roundId, recordingId)) return false;
      audit.record(actor, 'rounds.card-removed', `${roundId} ${recordingId}`);
      return true;
    })();
    return done ? detail(roundId) : fail('NOT_FOUND', rt(L(), 'notOnRound'));
  }

  function send(actor: Actor, roundId: string) {
    const state = inState(roundId, 'planned');
    if (!state.ok) return state;
    const at = deps.now().toISOString();
    const sent = db.transaction((): Reply<null> => {
      const ids = pendingRoundCards(db, roundId);
      if (ids.length === 0) return fail('CONFLICT', rt(L(), 'empty'));
      const gone = ids.filter((r) => getCard(db, r)?.state !== 'at_office');
      if (gone.length > 0)
        return fail('CONFLICT', rt(L(), 'notAtOffice', { names: namesOf(gone) }));
      markRoundOut(db, roundId, at, actor.id);
      sendCardsOnRound(db, roundId, ids, at);
      audit.record(actor, 'rounds.sent', `${roundId} ${ids.length}`);
      return ok(null);
    })();
    return sent.ok ? detail(roundId) : sent;
  }

  function undeliverable(actor: Actor, input: MethodInput<'rounds.undeliverable'>) {
    const { roundId, recordingId, reason } = input;
    const state = inState(roundId, 'out');
    if (!state.ok) return state;
    const item = roundItems(db, roundId).find((i) => i.recordingId === recordingId);
    if (!item) return fail('NOT_FOUND', rt(L(), 'notOnRound'));
    if (item.outcome !== 'pending') return fail('CONFLICT', rt(L(), 'notPending'));
    const at = deps.now().toISOString();
    db.transaction(() => {
      setItemOutcome(db, {
        roundId,
        recordingId,
        outcome: 'undeliverable',
        reason,
        at,
        by: actor.id,
      });
      returnCardFromRound(db, { recordingId, at, reason });
      audit.record(actor, 'rounds.undeliverable', `${roundId} ${recordingId} ${reason}`);
    })();
    return detail(roundId);
  }

  function close(actor: Actor, roundId: string) {
    const r = getRound(db, roundId);
    if (!r) return fail('NOT_FOUND', rt(L(), 'notFound'));
    if (r.state === 'closed') return fail('CONFLICT', rt(L(), 'closed'));
    const at = deps.now().toISOString();
    db.transaction(() => {
      const back = pendingRoundCards(db, roundId);
      // Cards of a planned round never left the office: only those out come back.
      if (r.state === 'out') {
        for (const id of back) returnCardFromRound(db, { recordingId: id, at, reason: null });
      }
      closeRoundRow(db, roundId, at, actor.id);
      audit.record(actor, 'rounds.closed', `${roundId} ${r.state} returned=${back.length}`);
    })();
    return detail(roundId);
  }

  async function sheet(roundId: string) {
    const d = detail(roundId);
    if (!d.ok) return d;
    const station = getStation(db);
    const pdf = await renderRoundSheet({
      round: d.value.round,
      items: d.value.items,
      printedAt: deps.now(),
      stationName: station?.name ?? '',
      kecamatanName: station ? deps.regionName(station.kecamatanCode) : '',
    });
    return ok({ pdfBase64: pdf.toString('base64'), fileName: `lembar-antar-${roundId}.pdf` });
  }

  const handlers: HandlersFor<RoundMethod> = {
    'rounds.suggestions': (input) => suggestions(input),
    'rounds.setUncollectedDays': (input, { actor }) => {
      db.transaction(() => {
        setSetting(db, SETTING_UNCOLLECTED_DAYS, String(input.days));
        audit.record(actor, 'rounds.settings', `days=${input.days}`);
      })();
      return ok({ uncollectedDays: input.days });
    },
    'rounds.create': (input, { actor }) => create(actor!, input),
    'rounds.list': () =>
      ok(listRounds(db, CLOSED_SHOWN).map((r) => ({ ...r, villageName: village(r.villageCode) }))),
    'rounds.get': (input) => detail(input.roundId),
    'rounds.reorder': (input, { actor }) => reorder(actor!, input.roundId, input.order),
    'rounds.defaultOrder': (input, { actor }) => reorder(actor!, input.roundId, null),
    'rounds.remove': (input, { actor }) => remove(actor!, input.roundId, input.recordingId),
    'rounds.sheet': (input) => sheet(input.roundId),
    'rounds.send': (input, { actor }) => send(actor!, input.roundId),
    'rounds.undeliverable': (input, { actor }) => undeliverable(actor!, input),
    'rounds.close': (input, { actor }) => close(actor!, input.roundId),
  };
  return { handlers };
}
