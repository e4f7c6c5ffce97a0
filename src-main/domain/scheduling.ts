/**
 * Queue scheduling rules (antrian): a day's capacity, the earliest date with room, the
 * priority-lane reservation, which issued cards no longer fit after a capacity change, and
 * the fair order of calling. Pure: dates are 'YYYY-MM-DD' strings of the station's calendar.
 *
 * Capacity, not the calendar, decides the date: a walk-in gets today when today still has a
 * seat and the office is open, otherwise the first service day with one — never "no card".
 */

export interface CapacityRules {
  /** 0 = Sunday … 6 = Saturday. */
  serviceDays: readonly number[];
  opensAt: string;
  closesAt: string;
  holidays: readonly { date: string; name: string }[];
  closures: readonly { date: string; reason: string }[];
  activeDesks: number;
  recordingsPerDesk: number;
  /** Percent of a day's seats held for the priority lane. */
  priorityShare: number;
}

export const DEFAULT_CAPACITY: CapacityRules = {
  serviceDays: [1, 2, 3, 4, 5],
  opensAt: '08:00',
  closesAt: '15:00',
  holidays: [],
  closures: [],
  activeDesks: 3,
  recordingsPerDesk: 50,
  // No seats held back unless a supervisor sets a share: a walk-in is never sent to another
  // day while a seat stays empty by default. The priority lane still exists (P numbers, called first).
  priorityShare: 0,
};

export type Lane = 'regular' | 'priority';

export type ClosedKind = 'holiday' | 'closure' | 'not-service-day';

export interface DayCapacity {
  date: string;
  weekday: number;
  open: boolean;
  closed: { kind: ClosedKind; label: string } | null;
  capacity: number;
  priorityReserved: number;
}

/** Seats a day already holds, per lane. */
export interface DayLoad {
  regular: number;
  priority: number;
}

function parse(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + n);
  return format(d);
}

export function weekdayOf(date: string): number {
  return parse(date).getUTCDay();
}

/** Whole calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parse(b).getTime() - parse(a).getTime()) / 86_400_000);
}

export function isValidDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && format(parse(date)) === date;
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

export function dailyCapacity(rules: CapacityRules): number {
  return rules.activeDesks * rules.recordingsPerDesk;
}

export function dayCapacity(rules: CapacityRules, date: string): DayCapacity {
  const weekday = weekdayOf(date);
  const holiday = rules.holidays.find((h) => h.date === date);
  const closure = rules.closures.find((c) => c.date === date);
  let closed: DayCapacity['closed'] = null;
  if (holiday) closed = { kind: 'holiday', label: holiday.name };
  else if (closure) closed = { kind: 'closure', label: closure.reason };
  else if (!rules.serviceDays.includes(weekday)) closed = { kind: 'not-service-day', label: '' };
  const capacity = closed ? 0 : dailyCapacity(rules);
  return {
    date,
    weekday,
    open: closed === null && capacity > 0,
    closed,
    capacity,
    priorityReserved: reserved(capacity, rules.priorityShare),
  };
}

/**
 * Seats held for the priority lane: rounded up, so a 5 % share of 30 still holds one seat, but
 * never more than half the day — regular residents must always be able to get a seat.
 */
export function reserved(capacity: number, share: number): number {
  const wanted = Math.ceil((capacity * Math.max(0, Math.min(100, share))) / 100);
  return Math.min(Math.floor(capacity / 2), wanted);
}

/**
 * Whether one more card of `lane` fits. Priority cards may use any free seat; regular cards may
 * not eat into the seats held for the priority lane that it has not used yet.
 */
export function hasRoom(
  day: Pick<DayCapacity, 'capacity' | 'priorityReserved'>,
  load: DayLoad,
  lane: Lane,
): boolean {
  const total = load.regular + load.priority;
  if (total >= day.capacity) return false;
  if (lane === 'priority') return true;
  const heldForPriority = Math.max(0, day.priorityReserved - load.priority);
  return total + heldForPriority < day.capacity;
}

export interface EarliestQuery {
  rules: CapacityRules;
  /** The station's today and the time of day now, minutes after midnight. */
  today: string;
  nowMinutes: number;
  lane: Lane;
  load: (date: string) => DayLoad;
  /** How far ahead to look before giving up (capacity zero everywhere). */
  horizonDays?: number;
}

/**
 * The earliest date with room for one more card, or null when no day within the horizon has
 * room (the station has no capacity at all). Today counts only until closing time.
 */
export function earliestDate(q: EarliestQuery): string | null {
  const horizon = q.horizonDays ?? 366;
  const startOffset = q.nowMinutes < minutesOf(q.rules.closesAt) ? 0 : 1;
  for (let i = startOffset; i <= horizon; i++) {
    const date = addDays(q.today, i);
    const day = dayCapacity(q.rules, date);
    if (!day.open) continue;
    if (hasRoom(day, q.load(date), q.lane)) return date;
  }
  return null;
}

export interface SeatHolder {
  id: string;
  lane: Lane;
  /** Issue order on that day (earlier promises are kept first). */
  issuedAt: string;
}

/**
 * After a change, which of a day's cards no longer fit: the earliest-issued cards keep their
 * seats (a promise made first is kept first), the rest are listed with their position.
 */
export function overCapacity<T extends SeatHolder>(
  cards: readonly T[],
  capacity: number,
): { card: T; position: number }[] {
  const sorted = [...cards].sort((a, b) =>
    a.issuedAt === b.issuedAt ? a.id.localeCompare(b.id) : a.issuedAt.localeCompare(b.issuedAt),
  );
  return sorted.map((card, i) => ({ card, position: i + 1 })).filter((x) => x.position > capacity);
}

export interface Waiting {
  id: string;
  lane: Lane;
  /** Call order within the day (a skipped card gets a new, later order). */
  order: number;
}

/**
 * The next card to call. Fair interleaving: the priority lane goes first, but never twice in a
 * row while regular cards wait — elderly and pregnant residents wait less, and the regular line
 * still moves at least every other call.
 */
export function pickNext<T extends Waiting>(
  waiting: readonly T[],
  lastCalledLane: Lane | null,
): T | null {
  const first = (lane: Lane) =>
    waiting.filter((w) => w.lane === lane).sort((a, b) => a.order - b.order)[0] ?? null;
  const p = first('priority');
  const r = first('regular');
  if (p && (!r || lastCalledLane !== 'priority')) return p;
  return r ?? p;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** 'A-001' regular, 'P-001' priority. */
export function cardNumber(lane: Lane, seq: number): string {
  return `${lane === 'priority' ? 'P' : 'A'}-${String(seq).padStart(3, '0')}`;
}
