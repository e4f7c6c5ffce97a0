// Delivery rounds (antar ke rumah): the supervisor picks cards waiting at the
// office, orders them along the way, prints the round sheet and sends the cards out; the field
// clerk hands each one over (the handover flow with kind 'round') or records why not.
// Shared by the store (its rows), the services, the contract and the renderer.
import { UNDELIVERABLE_REASONS } from './cards';
import type { CardAtOffice, UndeliverableReason } from './cards';

export { UNDELIVERABLE_REASONS };
export type { UndeliverableReason };

/** planned: being put together (nothing has left); out: the cards are on the round; closed. */
export const ROUND_STATES = ['planned', 'out', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/**
 * What became of one card on a round. `returned`: still pending when the round was closed, so it
 * went back to the counter's stock without a visit result.
 */
export const ROUND_OUTCOMES = ['pending', 'delivered', 'undeliverable', 'returned'] as const;
export type RoundOutcome = (typeof ROUND_OUTCOMES)[number];

/** Why a card is suggested for a round. */
export type SuggestionReason = 'elderly' | 'disabled' | 'waiting';

/** Days a card may wait at the office before it is suggested for delivery (supervisor setting). */
export const DEFAULT_UNCOLLECTED_DAYS = 14;
export const MAX_UNCOLLECTED_DAYS = 365;
/** Cards on one round: a day's walk, and a sheet that stays a few pages long. */
export const MAX_ROUND_ITEMS = 200;

export interface RoundSummary {
  id: string;
  label: string;
  villageCode: string | null;
  state: RoundState;
  createdAt: string;
  createdBy: string;
  sentAt: string | null;
  closedAt: string | null;
  total: number;
  pending: number;
  delivered: number;
  undeliverable: number;
}

/** Who a card goes to and where: the resident's data and the phone from the queue card. */
export type Doorstep = Pick<
  CardAtOffice,
  'recordingId' | 'nik' | 'name' | 'villageCode' | 'address' | 'rt' | 'rw'
> & { phone: string | null };

/** One card on a round with what the sheet and the field list show. */
export interface RoundItem extends Doorstep {
  position: number;
  outcome: RoundOutcome;
  reason: UndeliverableReason | null;
  outcomeAt: string | null;
}

/** A card waiting at the office that could go on a round, with why it is suggested. */
export interface RoundCandidate extends Doorstep {
  arrivedAt: string;
  priorityReason: 'elderly' | 'disabled' | null;
  /** Empty when listed only because "all cards at the office" was asked for. */
  reasons: SuggestionReason[];
  daysWaiting: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days since the card arrived at the office (0 on the day it arrived). */
export function daysWaiting(arrivedAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(arrivedAt)) / DAY_MS));
}

/** The reasons a card is suggested: the priority lane, or waiting `days` or longer. */
export function suggestionReasons(
  c: { priorityReason: 'elderly' | 'disabled' | null; arrivedAt: string },
  now: Date,
  days: number,
): SuggestionReason[] {
  const out: SuggestionReason[] = [];
  if (c.priorityReason) out.push(c.priorityReason);
  if (daysWaiting(c.arrivedAt, now) >= days) out.push('waiting');
  return out;
}

/** RT/RW as numbers where they are ("001" and "1" are the same RT); unknown ones last. */
function unitNumber(s: string): number {
  const n = Number.parseInt(s.trim(), 10);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

type Orderable = Pick<RoundItem, 'recordingId' | 'villageCode' | 'rt' | 'rw' | 'address' | 'name'>;

/**
 * The default walking order: village, then RW, then RT (the neighbourhood units, numerically),
 * then the address (house numbers in numeric order), then the name.
 */
export function compareForRound(a: Orderable, b: Orderable): number {
  return (
    collator.compare(a.villageCode, b.villageCode) ||
    unitNumber(a.rw) - unitNumber(b.rw) ||
    unitNumber(a.rt) - unitNumber(b.rt) ||
    collator.compare(a.address, b.address) ||
    collator.compare(a.name, b.name) ||
    collator.compare(a.recordingId, b.recordingId)
  );
}

export function defaultRoundOrder<T extends Orderable>(items: readonly T[]): T[] {
  return [...items].sort(compareForRound);
}

/** `order` is the same set of cards as `current`, each once. */
export function isPermutation(current: readonly string[], order: readonly string[]): boolean {
  if (current.length !== order.length) return false;
  const set = new Set(current);
  return new Set(order).size === order.length && order.every((id) => set.has(id));
}
