import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_CAPACITY,
  addDays,
  cardNumber,
  dayCapacity,
  earliestDate,
  hasRoom,
  median,
  overCapacity,
  pickNext,
  reserved,
} from './scheduling';
import type { CapacityRules, DayLoad, Lane } from './scheduling';

// 2025-03-03 is a Monday.
const MON = '2025-03-03';
const FRI = '2025-03-07';
const rules = (patch: Partial<CapacityRules> = {}): CapacityRules => ({
  ...DEFAULT_CAPACITY,
  activeDesks: 1,
  recordingsPerDesk: 150,
  ...patch,
});

/** Issues `n` cards one by one the way the service does, against an in-memory book. */
function issueMany(r: CapacityRules, lanes: Lane[], today = MON, nowMinutes = 9 * 60) {
  const book = new Map<string, DayLoad>();
  const load = (d: string) => book.get(d) ?? { regular: 0, priority: 0 };
  const dates: (string | null)[] = [];
  for (const lane of lanes) {
    const date = earliestDate({ rules: r, today, nowMinutes, lane, load });
    dates.push(date);
    if (date) {
      const l = { ...load(date) };
      l[lane]++;
      book.set(date, l);
    }
  }
  return { dates, book };
}

describe('day capacity', () => {
  it('is desks × recordings per desk on service days, zero otherwise', () => {
    expect(dayCapacity(rules({ activeDesks: 3, recordingsPerDesk: 50 }), MON).capacity).toBe(150);
    const sat = dayCapacity(rules(), addDays(MON, 5));
    expect(sat.open).toBe(false);
    expect(sat.closed?.kind).toBe('not-service-day');
  });

  it('closes holidays and closures', () => {
    const r = rules({
      holidays: [{ date: MON, name: 'Nyepi' }],
      closures: [{ date: addDays(MON, 1), reason: 'Blanko habis' }],
    });
    expect(dayCapacity(r, MON).closed).toEqual({ kind: 'holiday', label: 'Nyepi' });
    expect(dayCapacity(r, addDays(MON, 1)).closed?.kind).toBe('closure');
    expect(dayCapacity(r, addDays(MON, 2)).open).toBe(true);
  });
});

describe('earliest date with room', () => {
  const empty = () => ({ regular: 0, priority: 0 });

  it('is today when today has room and the office is open', () => {
    expect(
      earliestDate({ rules: rules(), today: MON, nowMinutes: 600, lane: 'regular', load: empty }),
    ).toBe(MON);
  });

  it('is the next service day after closing time or when today is full', () => {
    expect(
      earliestDate({
        rules: rules(),
        today: MON,
        nowMinutes: 15 * 60,
        lane: 'regular',
        load: empty,
      }),
    ).toBe(addDays(MON, 1));
    const full = (d: string) => (d === MON ? { regular: 150, priority: 0 } : empty());
    expect(
      earliestDate({ rules: rules(), today: MON, nowMinutes: 600, lane: 'regular', load: full }),
    ).toBe(addDays(MON, 1));
  });

  it('skips weekends and holidays', () => {
    const r = rules({ holidays: [{ date: addDays(FRI, 3), name: 'Idul Fitri' }] });
    const full = (d: string) => (d === FRI ? { regular: 150, priority: 0 } : empty());
    // Friday full → Saturday, Sunday not service days → Monday is a holiday → Tuesday.
    expect(
      earliestDate({ rules: r, today: FRI, nowMinutes: 600, lane: 'regular', load: full }),
    ).toBe(addDays(FRI, 4));
  });

  it('gives up (null) only when there is no capacity at all', () => {
    expect(
      earliestDate({
        rules: rules({ activeDesks: 0 }),
        today: MON,
        nowMinutes: 600,
        lane: 'regular',
        load: empty,
        horizonDays: 30,
      }),
    ).toBeNull();
  });

  it('160 walk-ins at capacity 150: 150 today, 10 the next service day, none without a card', () => {
    const { dates } = issueMany(rules(), Array<Lane>(160).fill('regular'), FRI);
    expect(dates.filter((d) => d === FRI)).toHaveLength(150);
    expect(dates.filter((d) => d === addDays(FRI, 3))).toHaveLength(10);
    expect(dates.every((d) => d !== null)).toBe(true);
  });
});

describe('priority share', () => {
  it('holds seats for the priority lane that regular cards cannot take', () => {
    const r = rules({ activeDesks: 1, recordingsPerDesk: 20, priorityShare: 10 });
    expect(reserved(20, 10)).toBe(2);
    const { dates, book } = issueMany(r, [
      ...Array<Lane>(20).fill('regular'),
      'priority',
      'priority',
    ]);
    expect(dates.slice(0, 18).every((d) => d === MON)).toBe(true);
    expect(dates.slice(18, 20).every((d) => d === addDays(MON, 1))).toBe(true);
    // The two held seats went to the two priority residents, today.
    expect(dates.slice(20)).toEqual([MON, MON]);
    expect(book.get(MON)).toEqual({ regular: 18, priority: 2 });
  });

  it('lets priority cards use any free seat beyond the share', () => {
    const day = { capacity: 10, priorityReserved: 1 };
    expect(hasRoom(day, { regular: 0, priority: 9 }, 'priority')).toBe(true);
    expect(hasRoom(day, { regular: 0, priority: 9 }, 'regular')).toBe(true);
    expect(hasRoom(day, { regular: 9, priority: 0 }, 'regular')).toBe(false);
    expect(hasRoom(day, { regular: 9, priority: 0 }, 'priority')).toBe(true);
    expect(hasRoom(day, { regular: 9, priority: 1 }, 'priority')).toBe(false);
  });

  it('never exceeds capacity or the regular limit, whatever the mix (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Lane>('regular', 'priority'), { maxLength: 120 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 50 }),
        (lanes, cap, share) => {
          const r = rules({ activeDesks: 1, recordingsPerDesk: cap, priorityShare: share });
          const { dates, book } = issueMany(r, lanes);
          expect(dates.every((d) => d !== null)).toBe(true);
          for (const [date, l] of book) {
            const day = dayCapacity(r, date);
            expect(l.regular + l.priority).toBeLessThanOrEqual(day.capacity);
            expect(l.regular).toBeLessThanOrEqual(day.capacity - day.priorityReserved);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('capacity shrink', () => {
  it('lists the cards issued last beyond the new capacity', () => {
    const cards = Array.from({ length: 5 }, (_, i) => ({
      id: `C${i}`,
      lane: 'regular' as const,
      issuedAt: `2025-03-01T08:0${i}:00.000Z`,
    }));
    const shuffled = [cards[3]!, cards[0]!, cards[4]!, cards[1]!, cards[2]!];
    const affected = overCapacity(shuffled, 3);
    expect(affected.map((a) => [a.card.id, a.position])).toEqual([
      ['C3', 4],
      ['C4', 5],
    ]);
    expect(overCapacity(shuffled, 5)).toEqual([]);
  });
});

describe('calling order', () => {
  it('interleaves the priority lane fairly and keeps order within a lane', () => {
    const waiting = [
      { id: 'A1', lane: 'regular' as const, order: 1 },
      { id: 'A2', lane: 'regular' as const, order: 2 },
      { id: 'P1', lane: 'priority' as const, order: 3 },
      { id: 'P2', lane: 'priority' as const, order: 4 },
    ];
    const called: string[] = [];
    let last: Lane | null = null;
    let left = [...waiting];
    while (left.length > 0) {
      const next: (typeof waiting)[number] = pickNext(left, last)!;
      called.push(next.id);
      last = next.lane;
      left = left.filter((w) => w.id !== next.id);
    }
    expect(called).toEqual(['P1', 'A1', 'P2', 'A2']);
    expect(pickNext([], null)).toBeNull();
  });
});

describe('helpers', () => {
  it('numbers cards per lane and computes medians', () => {
    expect(cardNumber('regular', 7)).toBe('A-007');
    expect(cardNumber('priority', 12)).toBe('P-012');
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
