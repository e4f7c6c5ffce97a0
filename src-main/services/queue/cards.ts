import type { QueueCard } from '../../api/contract-queue';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { cleanNumber } from '../../domain/nik';
import type { Lane } from '../../domain/scheduling';
import {
  cardsOfDate,
  expireStale,
  findCard,
  findLiveCardByEntry,
  findLiveCardByNik,
  insertCard,
  nextCallOrder,
  nextSeq,
  searchCards,
  setCardStatus,
} from '../../store/queue-repo';
import type { CardRow } from '../../store/queue-repo';
import { findEntry, listEntries } from '../../store/queue-lists-repo';
import type { Actor } from '../common/audit';
import { newId } from '../common/ids';
import { earliestFree, whyNotToday } from './capacity';
import { SEARCH_PAGE, isLive, normalizeQuery, toCard } from './context';
import type { QueueContext, QueueHandlers } from './context';
import { findList } from './lists';
import { formatServiceDate, nikProblem, normalizePhone, qmsg } from './messages';

/** Cards: walk-ins and list entries get a card for the earliest day with a free seat. */

interface NewCard {
  nik: string | null;
  name: string;
  phone: string | null;
  address: string | null;
  lane: Lane;
  reason: QueueCard['priorityReason'];
  entryId: string | null;
}

/** One card, inside the caller's transaction. Returns the card and whether it already existed. */
function issueOne(
  q: QueueContext,
  actor: Actor,
  data: NewCard,
): { row: CardRow; existing: boolean } | null {
  const { db } = q;
  if (data.nik) {
    const live = findLiveCardByNik(db, data.nik);
    if (live) return { row: live, existing: true };
  }
  if (data.entryId) {
    const live = findLiveCardByEntry(db, data.entryId);
    if (live) return { row: live, existing: true };
  }
  const date = earliestFree(q, data.lane);
  if (!date) return null;
  const at = q.now();
  const id = newId('Q', at);
  insertCard(db, {
    id,
    date,
    lane: data.lane,
    seq: nextSeq(db, date, data.lane),
    priorityReason: data.reason,
    nik: data.nik,
    name: data.name,
    phone: data.phone,
    address: data.address,
    callOrder: nextCallOrder(db, date),
    issuedAt: at.toISOString(),
    issuedById: actor.id,
    listEntryId: data.entryId,
  });
  q.audit.record(actor, 'queue.issued', id);
  return { row: findCard(db, id)!, existing: false };
}

type CardMethod =
  | 'queue.issue'
  | 'queue.issueForList'
  | 'queue.cards'
  | 'queue.card'
  | 'queue.cancel';

export function cardHandlers(q: QueueContext): QueueHandlers<CardMethod> {
  const { db, audit, emit } = q;
  return {
    'queue.issue': (input, { actor }) => {
      const locale = q.locale();
      const rawNik = input.nik?.trim() ?? '';
      let nik: string | null = null;
      if (rawNik !== '') {
        const problem = nikProblem(rawNik, locale);
        if (problem) return fail('VALIDATION', problem, { nik: problem });
        nik = cleanNumber(rawNik);
      }
      let phone: string | null = null;
      if (input.phone && input.phone.trim() !== '') {
        phone = normalizePhone(input.phone);
        if (!phone) {
          const text = qmsg(locale, 'phoneBad', { phone: input.phone.slice(0, 24) });
          return fail('VALIDATION', text, { phone: text });
        }
      }
      const name = input.name.replace(/\s+/g, ' ').toUpperCase();
      // IMMEDIATE: the write lock is taken before counting seats, so two stations' processes
      // sharing the file (or two connections) cannot both see the last free seat.
      const result = db
        .transaction(() => {
          expireStale(db, q.today());
          if (input.listEntryId && !findEntry(db, input.listEntryId)) return 'no-entry' as const;
          return issueOne(q, actor!, {
            nik,
            name,
            phone,
            address: input.address?.trim() || null,
            lane: input.priority ? 'priority' : 'regular',
            reason: input.priority ?? null,
            entryId: input.listEntryId ?? null,
          });
        })
        .immediate();
      if (result === 'no-entry') return fail('NOT_FOUND', qmsg(locale, 'entryNotFound'));
      if (!result) return fail('CONFLICT', qmsg(locale, 'noCapacity'));
      const card = toCard(result.row);
      if (!result.existing) emit('queue.changed', { date: card.date });
      return ok({
        card,
        existing: result.existing,
        note: result.existing
          ? qmsg(locale, 'existingCard', {
              number: card.number,
              date: formatServiceDate(card.date, locale),
            })
          : whyNotToday(q, card.date, locale),
      });
    },

    'queue.issueForList': (input, { actor }) => {
      const locale = q.locale();
      if (!findList(db, input.listId)) return fail('NOT_FOUND', qmsg(locale, 'listNotFound'));
      const wanted = input.entryIds ? new Set(input.entryIds) : null;
      const res = db
        .transaction(() => {
          expireStale(db, q.today());
          const issued: QueueCard[] = [];
          const existing: QueueCard[] = [];
          const skipped: { entryId: string; reason: string }[] = [];
          for (const e of listEntries(db, input.listId, null, 100_000)) {
            if (wanted && !wanted.has(e.id)) continue;
            if (e.recorded === 1) {
              skipped.push({ entryId: e.id, reason: qmsg(locale, 'alreadyRecorded') });
              continue;
            }
            const r = issueOne(q, actor!, {
              nik: e.nik,
              name: e.name,
              phone: e.phone,
              address: e.address || null,
              lane: 'regular',
              reason: null,
              entryId: e.id,
            });
            if (!r) {
              skipped.push({ entryId: e.id, reason: qmsg(locale, 'noCapacity') });
              continue;
            }
            (r.existing ? existing : issued).push(toCard(r.row));
          }
          return { issued, existing, skipped };
        })
        .immediate();
      for (const d of new Set(res.issued.map((c) => c.date))) emit('queue.changed', { date: d });
      return ok(res);
    },

    'queue.cards': (input) => {
      const query = normalizeQuery(input.query);
      if (query) {
        // A search returns one page of the cards issued last: a common name matches hundreds
        // over the years, and the page costs the same at 200,000 recordings as at 20,000.
        return ok(searchCards(db, query, input.limit ?? SEARCH_PAGE).map(toCard));
      }
      const date = input.date ?? q.today();
      return ok(
        cardsOfDate(db, date)
          .slice(0, input.limit ?? 1000)
          .map(toCard),
      );
    },

    'queue.card': (input) => {
      const c = findCard(db, input.id);
      return c ? ok(toCard(c)) : q.notFound();
    },

    'queue.cancel': (input, { actor }) =>
      db.transaction((): Reply<QueueCard> => {
        const c = findCard(db, input.id);
        if (!c) return q.notFound();
        if (!isLive(c.status)) return q.notLive(c);
        setCardStatus(db, c.id, { status: 'cancelled', cancelReason: input.reason });
        audit.record(actor, 'queue.cancelled', c.id);
        emit('queue.changed', { date: c.date });
        return ok(toCard(findCard(db, c.id)!));
      })(),
  };
}
