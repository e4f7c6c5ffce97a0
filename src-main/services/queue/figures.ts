import { fail, ok } from '../../api/reply';
import { localIsoDate } from '../../domain/nik';
import { addDays, dayCapacity, daysBetween, isValidDate, median } from '../../domain/scheduling';
import { cardsBetween } from '../../store/queue-repo';
import { capacityRules } from './capacity';
import type { QueueContext, QueueHandlers } from './context';
import { qmsg } from './messages';

/** Figures: per day cards issued, served and no-shows against capacity, and waiting days. */

export function figureHandlers(q: QueueContext): QueueHandlers<'queue.figures'> {
  const { db } = q;
  return {
    'queue.figures': (input) => {
      const span = daysBetween(input.from, input.to);
      if (!isValidDate(input.from) || !isValidDate(input.to) || span < 0 || span > 366) {
        return fail('VALIDATION', qmsg(q.locale(), 'rangeBad'));
      }
      const r = capacityRules(db);
      const cards = cardsBetween(db, input.from, input.to);
      const days = [];
      let capTotal = 0;
      for (let i = 0; i <= span; i++) {
        const date = addDays(input.from, i);
        const own = cards.filter((c) => c.date === date);
        const capacity = dayCapacity(r, date).capacity;
        const served = own.filter((c) => c.status === 'served').length;
        capTotal += capacity;
        days.push({
          date,
          capacity,
          issued: own.filter((c) => c.status !== 'cancelled').length,
          served,
          noShows: own.filter((c) => c.status === 'no-show').length,
          capacityUsed: capacity > 0 ? served / capacity : 0,
        });
      }
      const waits = cards
        .filter((c) => c.status === 'served' && c.servedAt)
        .map((c) =>
          daysBetween(localIsoDate(new Date(c.issuedAt)), localIsoDate(new Date(c.servedAt!))),
        );
      const served = days.reduce((n, d) => n + d.served, 0);
      return ok({
        from: input.from,
        to: input.to,
        days,
        issued: days.reduce((n, d) => n + d.issued, 0),
        served,
        noShows: days.reduce((n, d) => n + d.noShows, 0),
        waitingDays: { median: median(waits), worst: waits.length ? Math.max(...waits) : null },
        capacityUsed: capTotal > 0 ? served / capTotal : 0,
      });
    },
  };
}
