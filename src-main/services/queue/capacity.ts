import type { Database } from 'better-sqlite3-multiple-ciphers';
import type {
  AffectedCard,
  CapacitySettings,
  CapacityView,
  DayPlan,
  QueueCard,
} from '../../api/contract-queue';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import {
  DEFAULT_CAPACITY,
  addDays,
  dailyCapacity,
  dayCapacity,
  earliestDate,
  isValidDate,
  minutesOf,
  overCapacity,
} from '../../domain/scheduling';
import type { Lane } from '../../domain/scheduling';
import { getSetting, setSetting } from '../../store/settings-repo';
import {
  dayLoad,
  findCard,
  nextCallOrder,
  nextSeq,
  seatHoldersFrom,
  setCardStatus,
} from '../../store/queue-repo';
import type { CardRow } from '../../store/queue-repo';
import type { Locale } from '../../domain/i18n';
import { isLive, toCard } from './context';
import type { QueueContext, QueueHandlers } from './context';
import { formatServiceDate, qmsg } from './messages';

/** Capacity: service days, hours, desks; the plan of days; cards that no longer fit. */

const SETTING_CAPACITY = 'queue_capacity';

/** The supervisor's capacity settings (defaults until saved). */
export function capacityRules(db: Database): CapacitySettings {
  const raw = getSetting(db, SETTING_CAPACITY);
  if (!raw)
    return {
      ...DEFAULT_CAPACITY,
      serviceDays: [...DEFAULT_CAPACITY.serviceDays],
      holidays: [],
      closures: [],
    };
  try {
    return {
      ...DEFAULT_CAPACITY,
      ...(JSON.parse(raw) as Partial<CapacitySettings>),
    } as CapacitySettings;
  } catch {
    return { ...DEFAULT_CAPACITY, holidays: [], closures: [], serviceDays: [1, 2, 3, 4, 5] };
  }
}

/** The earliest date with a free seat in `lane` now (`load` defaults to the cards issued). */
export function earliestFree(
  q: QueueContext,
  lane: Lane,
  load: (date: string) => { regular: number; priority: number } = (d) => dayLoad(q.db, d),
  rules: CapacitySettings = capacityRules(q.db),
): string | null {
  return earliestDate({ rules, today: q.today(), nowMinutes: q.nowMinutes(), lane, load });
}

/** For the operator: why a new card is for `date` and not today, in `locale`. */
export function whyNotToday(q: QueueContext, date: string, locale: Locale): string {
  const t = q.today();
  if (date === t) return qmsg(locale, 'today');
  const r = capacityRules(q.db);
  const day = dayCapacity(r, t);
  const when = formatServiceDate(date, locale);
  if (!day.open) return qmsg(locale, 'todayNotService', { date: when });
  if (q.nowMinutes() >= minutesOf(r.closesAt))
    return qmsg(locale, 'todayClosedHours', { time: r.closesAt, date: when });
  return qmsg(locale, 'todayFull', { date: when });
}

type CapacityMethod =
  | 'queue.capacity'
  | 'queue.setCapacity'
  | 'queue.days'
  | 'queue.affected'
  | 'queue.reschedule';

export function capacityHandlers(q: QueueContext): QueueHandlers<CapacityMethod> {
  const { db, audit, emit } = q;

  function capacityView(): CapacityView {
    const r = capacityRules(db);
    return {
      settings: r,
      dailyCapacity: dailyCapacity(r),
      today: q.today(),
      nextFreeDate: earliestFree(q, 'regular', undefined, r),
    };
  }

  function affectedCards(): AffectedCard[] {
    const r = capacityRules(db);
    const byDate = new Map<string, CardRow[]>();
    for (const c of seatHoldersFrom(db, q.today())) {
      const list = byDate.get(c.date) ?? [];
      list.push(c);
      byDate.set(c.date, list);
    }
    const out: AffectedCard[] = [];
    for (const [date, cards] of byDate) {
      const cap = dayCapacity(r, date).capacity;
      for (const { card, position } of overCapacity(cards, cap)) {
        if (!isLive(card.status)) continue;
        out.push({
          card: toCard(card),
          dayCapacity: cap,
          position,
          earliestDate: earliestFree(q, card.lane, undefined, r),
        });
      }
    }
    return out;
  }

  function dayPlan(r: CapacitySettings, date: string, locale: Locale): DayPlan {
    const day = dayCapacity(r, date);
    const load = dayLoad(db, date);
    const issued = load.regular + load.priority;
    return {
      date,
      weekday: day.weekday,
      open: day.open,
      closedReason: day.closed
        ? day.closed.kind === 'holiday'
          ? qmsg(locale, 'dayHoliday', { label: day.closed.label })
          : day.closed.kind === 'closure'
            ? qmsg(locale, 'dayClosure', { label: day.closed.label })
            : qmsg(locale, 'dayNotServed')
        : null,
      capacity: day.capacity,
      priorityReserved: day.priorityReserved,
      issued,
      priorityIssued: load.priority,
      free: Math.max(0, day.capacity - issued),
    };
  }

  return {
    'queue.capacity': () => ok(capacityView()),

    'queue.setCapacity': (input, { actor }) => {
      const locale = q.locale();
      const next: CapacitySettings = { ...capacityRules(db), ...input };
      if (minutesOf(next.closesAt) <= minutesOf(next.opensAt)) {
        const text = qmsg(locale, 'hoursBad');
        return fail('VALIDATION', text, { closesAt: text });
      }
      for (const d of [...next.holidays.map((h) => h.date), ...next.closures.map((c) => c.date)]) {
        if (!isValidDate(d)) return fail('VALIDATION', qmsg(locale, 'dateBad', { date: d }));
      }
      next.serviceDays = [...new Set(next.serviceDays)].sort();
      db.transaction(() => {
        setSetting(db, SETTING_CAPACITY, JSON.stringify(next));
        audit.record(actor, 'queue.capacity', null);
      })();
      emit('queue.changed', { date: q.today() });
      return ok({ capacity: capacityView(), affected: affectedCards() });
    },

    'queue.days': (input) => {
      const r = capacityRules(db);
      const from = input.from ?? q.today();
      if (!isValidDate(from))
        return fail('VALIDATION', qmsg(q.locale(), 'dateBad', { date: from }));
      const locale = q.locale();
      const out: DayPlan[] = [];
      for (let i = 0; i < (input.days ?? 14); i++) out.push(dayPlan(r, addDays(from, i), locale));
      return ok(out);
    },

    'queue.affected': () => ok(affectedCards()),

    'queue.reschedule': (input, { actor }) =>
      db
        .transaction((): Reply<QueueCard> => {
          const c = findCard(db, input.id);
          if (!c) return q.notFound();
          if (!isLive(c.status)) return q.notLive(c);
          // The card's own seat does not count against the day it is on.
          const date = earliestFree(q, c.lane, (d) => {
            const l = dayLoad(db, d);
            if (d === c.date) l[c.lane] = Math.max(0, l[c.lane] - 1);
            return l;
          });
          if (!date) return fail('CONFLICT', qmsg(q.locale(), 'noCapacity'));
          if (date !== c.date) {
            setCardStatus(db, c.id, {
              date,
              seq: nextSeq(db, date, c.lane),
              callOrder: nextCallOrder(db, date),
              status: 'waiting',
            });
            audit.record(actor, 'queue.rescheduled', c.id);
            emit('queue.changed', { date: c.date });
            emit('queue.changed', { date });
          }
          return ok(toCard(findCard(db, c.id)!));
        })
        .immediate(),
  };
}
