import { z } from 'zod';
import { UNDELIVERABLE_REASONS } from '../domain/cards';
import {
  MAX_ROUND_ITEMS,
  MAX_UNCOLLECTED_DAYS,
  type RoundCandidate,
  type RoundItem,
  type RoundSummary,
} from '../domain/rounds';
import { id, text } from './schema';
import type { MethodSpec } from './schema';

/**
 * Delivery rounds, antar ke rumah: the supervisor builds a round from the
 * suggested cards (priority lane, long waiting), orders it, prints the sheet, sends it out and
 * closes it; the field clerk hands cards over through the handover methods (kind 'round') and
 * records the undeliverable ones. contract.ts spreads these into `methods` and `MethodOutputs`.
 */

const villageCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/);
const roundRef = z.strictObject({ roundId: id });

export const roundMethods = {
  /** Cards at the office suggested for a round (or all of them), with why; by village. */
  'rounds.suggestions': {
    access: ['supervisor'],
    input: z.strictObject({ villageCode: villageCode.optional(), all: z.boolean().optional() }),
  },
  /** After how many days at the office an uncollected card is suggested. */
  'rounds.setUncollectedDays': {
    access: ['supervisor'],
    input: z.strictObject({ days: z.number().int().min(1).max(MAX_UNCOLLECTED_DAYS) }),
  },
  /** A planned round from the chosen cards, in the default walking order. */
  'rounds.create': {
    access: ['supervisor'],
    input: z.strictObject({
      label: text(80),
      villageCode: villageCode.optional(),
      recordingIds: z.array(id).min(1).max(MAX_ROUND_ITEMS),
    }),
  },
  /** Open rounds first, then the latest closed ones. */
  'rounds.list': { access: ['supervisor', 'operator'], input: z.strictObject({}) },
  /** One round with its cards in walking order and each card's outcome. */
  'rounds.get': { access: ['supervisor', 'operator'], input: roundRef },
  /** A planned round's new order: every card of the round exactly once. */
  'rounds.reorder': {
    access: ['supervisor'],
    input: z.strictObject({ roundId: id, order: z.array(id).min(1).max(MAX_ROUND_ITEMS) }),
  },
  /** Back to the default order: village, RW, RT, address. */
  'rounds.defaultOrder': { access: ['supervisor'], input: roundRef },
  /** Takes a card off a planned round. */
  'rounds.remove': {
    access: ['supervisor'],
    input: z.strictObject({ roundId: id, recordingId: id }),
  },
  /** The round sheet (A4 PDF): name, address, RT/RW, phone and a signature box per card. */
  'rounds.sheet': { access: ['supervisor', 'operator'], input: roundRef },
  /** The cards leave the office: each goes on the round (card state on_round). */
  'rounds.send': { access: ['supervisor'], input: roundRef },
  /** A card could not be handed over: the reason, and the card goes back to the counter. */
  'rounds.undeliverable': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({
      roundId: id,
      recordingId: id,
      reason: z.enum(UNDELIVERABLE_REASONS),
    }),
  },
  /** The round is over: every card still pending goes back to the counter's stock. */
  'rounds.close': { access: ['supervisor'], input: roundRef },
} as const satisfies Record<string, MethodSpec>;

export type RoundView = RoundSummary & { villageName: string | null };
export type RoundItemView = RoundItem & { villageName: string };
export type RoundCandidateView = RoundCandidate & { villageName: string };

export interface RoundDetail {
  round: RoundView;
  items: RoundItemView[];
}

export interface RoundSuggestions {
  /** The supervisor's setting: cards waiting this many days or more are suggested. */
  uncollectedDays: number;
  candidates: RoundCandidateView[];
  /** Villages with cards at the office, for the filter. */
  villages: { villageCode: string; villageName: string; n: number }[];
}

export interface RoundOutputs {
  'rounds.suggestions': RoundSuggestions;
  'rounds.setUncollectedDays': { uncollectedDays: number };
  'rounds.create': RoundDetail;
  'rounds.list': RoundView[];
  'rounds.get': RoundDetail;
  'rounds.reorder': RoundDetail;
  'rounds.defaultOrder': RoundDetail;
  'rounds.remove': RoundDetail;
  'rounds.sheet': { pdfBase64: string; fileName: string };
  'rounds.send': RoundDetail;
  'rounds.undeliverable': RoundDetail;
  'rounds.close': RoundDetail;
}
