// The printed KTP-el card on its way back to the resident: which cards the centre
// printed and sent to this kecamatan in which batch, which arrived, and to whom each was handed.
// Shared by the store (its rows), the services and the contract.

/**
 * Where a printed card is. `printed` and `dispatched` come from the centre's signed statements;
 * `at_office` once the supervisor confirms the batch arrived; `missing` when a card the centre
 * dispatched was not in the box; `on_round` while out on a delivery round; `handed_over` at the end.
 */
export const CARD_STATES = [
  'printed',
  'dispatched',
  'at_office',
  'missing',
  'on_round',
  'handed_over',
] as const;
export type CardState = (typeof CARD_STATES)[number];

/** Where the card reached the resident: at the counter, or on a delivery round. */
export const HANDOVER_KINDS = ['counter', 'round'] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

/** Why a card on a round could not be handed over; it goes back to the counter's stock. */
export const UNDELIVERABLE_REASONS = ['moved', 'not-home-twice', 'deceased', 'refused'] as const;
export type UndeliverableReason = (typeof UNDELIVERABLE_REASONS)[number];

export type PrintBatchState = 'dispatched' | 'arrived';

/** What the supervisor found when counting a batch's box against the centre's statement. */
export interface ArrivalDiscrepancy {
  /** Cards the centre listed that were not in the box (marked `missing`). */
  missing: string[];
  /** Cards counted beyond the declared number (received − declared, when positive). */
  extra: number;
}

/** A numbered batch of printed cards the centre dispatched to this kecamatan. */
export interface PrintBatch {
  batchNo: string;
  dispatchedAt: string;
  declaredCount: number;
  state: PrintBatchState;
  arrivedAt: string | null;
  confirmedBy: string | null;
  receivedCount: number | null;
  discrepancy: ArrivalDiscrepancy | null;
  /** The centre's signed statement for the batch, exactly as received (JSON). */
  verdictJson: string;
}

/** One printed card as the station tracks it. */
export interface CardRow {
  recordingId: string;
  batchNo: string | null;
  state: CardState;
  stateAt: string;
  arrivedAt: string | null;
  villageCode: string;
  roundId: string | null;
  handedOverAt: string | null;
  handoverKind: HandoverKind | null;
  byProxy: boolean;
  undeliverableReason: UndeliverableReason | null;
  undeliverableAt: string | null;
}

/** A card waiting at the office, with what the counter and the village list show. */
export interface CardAtOffice {
  recordingId: string;
  nik: string;
  name: string;
  villageCode: string;
  address: string;
  rt: string;
  rw: string;
  arrivedAt: string;
  batchNo: string | null;
}

export type ArrivalCount =
  | { ok: true; discrepancy: ArrivalDiscrepancy | null }
  /** Fewer cards counted than the statement lists minus those marked missing. */
  | { ok: false; unaccounted: number };

/**
 * The count check when a batch's box is opened: the cards present are the declared ones less
 * those marked missing; more counted than that are extra cards (flagged, e.g. another
 * kecamatan's); fewer means cards are missing that nobody has named yet.
 */
export function checkArrivalCount(
  declared: number,
  received: number,
  missing: readonly string[],
): ArrivalCount {
  const present = declared - missing.length;
  if (received < present) return { ok: false, unaccounted: present - received };
  const extra = received - present;
  return {
    ok: true,
    discrepancy: missing.length > 0 || extra > 0 ? { missing: [...missing], extra } : null,
  };
}

/** Local calendar days from the card's arrival to `now` (0: arrived today), never negative. */
export function daysWaiting(arrivedAtIso: string, now: Date): number {
  const a = new Date(arrivedAtIso);
  const from = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  const to = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.max(0, Math.round((to - from) / 86_400_000));
}

/**
 * The recap's age buckets of cards waiting at the office, as arrival bounds (UTC ISO) in the
 * station's local days: under 7 days arrived on or after `under7From` (0–6 days), over 30 before
 * `over30Before` (31 days and more); 7–30 days in between.
 */
export function waitingCuts(now: Date): { under7From: string; over30Before: string } {
  const day = (offset: number) =>
    new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset).toISOString();
  return { under7From: day(-6), over30Before: day(-30) };
}
