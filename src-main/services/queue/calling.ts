import type { BoardCall, QueueCard } from '../../api/contract-queue';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { cleanNumber } from '../../domain/nik';
import { cardNumber, pickNext } from '../../domain/scheduling';
import { findRecording } from '../../store/recordings-repo';
import {
  callsSince,
  cardsOfDate,
  expireStale,
  findCard,
  findLiveCardByNik,
  insertCall,
  nextCallOrder,
  setCardStatus,
} from '../../store/queue-repo';
import type { CardRow } from '../../store/queue-repo';
import { findEntry } from '../../store/queue-lists-repo';
import { activeSession, tagSessionRecording } from '../../store/outreach-repo';
import type { Actor } from '../common/audit';
import { isLive, toCard } from './context';
import type { QueueContext, QueueHandlers } from './context';
import { qmsg } from './messages';

/** Calling: the desks call cards in turn, the TV shows the calls, a recording serves a card. */

const BOARD_CALLS = 8;

/** Local midnight of the station's today, as an ISO instant (calls are kept per day). */
function startOfToday(q: QueueContext): string {
  const d = q.now();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString();
}

/** The card becomes 'served' by `recordingId`. */
function linkServed(q: QueueContext, card: CardRow, recordingId: string, actor: Actor | null) {
  setCardStatus(q.db, card.id, { status: 'served', recordingId, servedAt: q.now().toISOString() });
  q.audit.record(actor, 'queue.linked', card.id);
}

type CallingMethod =
  | 'queue.callNext'
  | 'queue.recall'
  | 'queue.skip'
  | 'queue.noShow'
  | 'queue.undoNoShow'
  | 'queue.linkRecording'
  | 'queue.board';

export function callingHandlers(q: QueueContext): QueueHandlers<CallingMethod> {
  const { db, audit, emit, now } = q;

  /** What the called card brings to a new draft. */
  function prefill(c: CardRow) {
    let address = c.address ?? '';
    if (!address && c.listEntryId) address = findEntry(db, c.listEntryId)?.address ?? '';
    return { nik: c.nik ?? '', name: c.name, address };
  }

  function announce(c: CardRow, deskName: string, recall: boolean): BoardCall {
    const call: BoardCall = {
      cardId: c.id,
      number: cardNumber(c.lane, c.seq),
      desk: deskName,
      at: now().toISOString(),
      recall,
    };
    insertCall(db, {
      cardId: c.id,
      number: call.number,
      lane: c.lane,
      desk: deskName,
      at: call.at,
      recall: recall ? 1 : 0,
    });
    return call;
  }

  /** The card is called (again) at `desk`, inside the caller's transaction. */
  function callAt(c: CardRow, desk: string, recall: boolean, actor: Actor | null) {
    setCardStatus(db, c.id, {
      status: 'called',
      calledAt: now().toISOString(),
      desk,
      callCountPlus: 1,
    });
    const call = announce(c, desk, recall);
    audit.record(actor, 'queue.called', c.id);
    return { card: findCard(db, c.id)!, call };
  }

  /** After a call: the TV and the lists hear of it; the desk gets the card and its prefill. */
  function called(r: { card: CardRow; call: BoardCall }) {
    emit('queue.called', r.call);
    emit('queue.changed', { date: r.card.date });
    return ok({ card: toCard(r.card), prefill: prefill(r.card) });
  }

  return {
    'queue.callNext': (input, { actor }) => {
      const r = db
        .transaction(() => {
          const t = q.today();
          expireStale(db, t);
          const open = cardsOfDate(db, t);
          // A skipped card comes back after the cards that were waiting when it was skipped
          // (in either lane), not straight away because its lane's turn has come.
          const firstWaiting = Math.min(
            ...open.filter((c) => c.status === 'waiting').map((c) => c.callOrder),
          );
          const waiting = open.filter(
            (c) => c.status === 'waiting' || (c.status === 'skipped' && c.callOrder < firstWaiting),
          );
          const last = callsSince(db, startOfToday(q), 20).find((x) => x.recall === 0);
          const next = pickNext(
            waiting.map((c) => ({ ...c, order: c.callOrder })),
            last?.lane ?? null,
          );
          if (!next) return null;
          return callAt(next, input.desk, false, actor);
        })
        .immediate();
      return r ? called(r) : ok(null);
    },

    'queue.recall': (input, { actor }) => {
      const r = db.transaction(() => {
        const c = findCard(db, input.id);
        if (!c) return q.notFound();
        if (!isLive(c.status)) return q.notLive(c);
        return ok(callAt(c, input.desk, true, actor));
      })();
      return r.ok ? called(r.value) : r;
    },

    'queue.skip': (input, { actor }) =>
      db.transaction((): Reply<QueueCard> => {
        const c = findCard(db, input.id);
        if (!c) return q.notFound();
        if (c.status !== 'called') {
          return fail(
            'CONFLICT',
            qmsg(q.locale(), 'cardNotCalled', { number: cardNumber(c.lane, c.seq) }),
          );
        }
        setCardStatus(db, c.id, { status: 'skipped', callOrder: nextCallOrder(db, c.date) });
        audit.record(actor, 'queue.skipped', c.id);
        emit('queue.changed', { date: c.date });
        return ok(toCard(findCard(db, c.id)!));
      })(),

    'queue.noShow': (input, { actor }) =>
      db.transaction((): Reply<QueueCard> => {
        const c = findCard(db, input.id);
        if (!c) return q.notFound();
        if (!isLive(c.status)) return q.notLive(c);
        setCardStatus(db, c.id, { status: 'no-show' });
        audit.record(actor, 'queue.no-show', c.id);
        emit('queue.changed', { date: c.date });
        return ok(toCard(findCard(db, c.id)!));
      })(),

    'queue.undoNoShow': (input, { actor }) =>
      db.transaction((): Reply<QueueCard> => {
        const c = findCard(db, input.id);
        if (!c) return q.notFound();
        // Only the same day: after that the resident needs a new card (and a new date).
        if (c.status !== 'no-show' || c.date !== q.today()) {
          return fail(
            'CONFLICT',
            qmsg(q.locale(), 'cannotUndoNoShow', { number: cardNumber(c.lane, c.seq) }),
          );
        }
        setCardStatus(db, c.id, { status: 'waiting', callOrder: nextCallOrder(db, c.date) });
        audit.record(actor, 'queue.no-show-undone', c.id);
        emit('queue.changed', { date: c.date });
        return ok(toCard(findCard(db, c.id)!));
      })(),

    'queue.linkRecording': (input, { actor }) =>
      db.transaction((): Reply<QueueCard> => {
        const c = findCard(db, input.id);
        if (!c) return q.notFound();
        if (!findRecording(db, input.recordingId)) {
          return fail('NOT_FOUND', qmsg(q.locale(), 'recordingNotFound'));
        }
        if (c.status === 'served' && c.recordingId === input.recordingId) return ok(toCard(c));
        if (!isLive(c.status)) return q.notLive(c);
        linkServed(q, c, input.recordingId, actor);
        emit('queue.changed', { date: c.date });
        return ok(toCard(findCard(db, c.id)!));
      })(),

    'queue.board': () => {
      const t = q.today();
      const calls = callsSince(db, startOfToday(q), BOARD_CALLS).map((c) => ({
        cardId: c.cardId,
        number: c.number,
        desk: c.desk,
        at: c.at,
        recall: c.recall === 1,
      }));
      const waiting = cardsOfDate(db, t).filter(
        (c) => c.status === 'waiting' || c.status === 'skipped',
      ).length;
      return ok({ today: t, calls, waiting });
    },
  };
}

/**
 * After `recordings.saveDraft` succeeded: tags a new recording with the active outreach session
 * and links the called card with the same NIK. Never fails the save.
 */
export function linkDraft(q: QueueContext, recordingId: string, nik: string, created: boolean) {
  const { db } = q;
  try {
    db.transaction(() => {
      const s = created ? activeSession(db) : null;
      if (s) {
        tagSessionRecording(db, recordingId, s.id);
      }
      const clean = cleanNumber(nik);
      if (!clean) return;
      const card = findLiveCardByNik(db, clean);
      // Only a card being served now: a card for next week stays a promise for next week.
      if (card && card.status === 'called' && card.date === q.today()) {
        linkServed(q, card, recordingId, null);
        q.emit('queue.changed', { date: card.date });
      }
    })();
  } catch (err) {
    q.log.error('queue link after draft failed', {}, err);
  }
}
