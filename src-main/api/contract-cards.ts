import { z } from 'zod';
import type { CardAtOffice, CardState, PrintBatch } from '../domain/cards';
import { id } from './schema';
import type { MethodSpec } from './schema';

/**
 * Printed cards coming back to the kecamatan: batches on their way and the
 * supervisor's arrival check. contract.ts spreads these into `methods` and `MethodOutputs`.
 */
export const cardMethods = {
  /** Batches on their way and those that arrived lately. */
  'cards.batches': { access: ['supervisor'], input: z.strictObject({}) },
  /** One batch with its cards (names and NIKs: the supervisor checks the box against them). */
  'cards.batch': { access: ['supervisor'], input: z.strictObject({ batchNo: id }) },
  /** Ask the centre now for new statements (printed cards, dispatched batches). */
  'cards.refresh': { access: ['supervisor'], input: z.strictObject({}) },
  /** The box was opened and counted: cards at the office, the missing ones marked. */
  'cards.confirmArrival': {
    access: ['supervisor'],
    input: z.strictObject({
      batchNo: id,
      receivedCount: z.number().int().min(0).max(10_000),
      missing: z.array(id).max(200),
    }),
  },
  /** A card at the office that cannot be found any more (lost after arrival). */
  'cards.markMissing': { access: ['supervisor'], input: z.strictObject({ recordingId: id }) },
  /** Cards waiting at the office, by village or by NIK / name. */
  'cards.atOffice': {
    access: ['supervisor', 'operator'],
    input: z.strictObject({
      villageCode: z
        .string()
        .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/)
        .optional(),
      search: z.string().trim().max(64).optional(),
    }),
  },
} as const satisfies Record<string, MethodSpec>;

export interface BatchCardView {
  recordingId: string;
  nik: string;
  name: string;
  villageCode: string;
  villageName: string;
  state: CardState;
}

export interface BatchDetail {
  batch: PrintBatch;
  cards: BatchCardView[];
}

export interface CardFeedResult {
  /** Statements applied now (printed cards and new batches). */
  applied: number;
  /** Statements refused (bad signature, another station, replayed, unknown card). */
  refused: number;
  /** New batches on their way. */
  batches: string[];
}

export interface CardBatches {
  onTheWay: PrintBatch[];
  arrived: PrintBatch[];
  /** When the centre's feed was last read successfully (null: never). */
  lastFeedAt: string | null;
}

export interface CardOutputs {
  'cards.batches': CardBatches;
  'cards.batch': BatchDetail;
  'cards.refresh': CardFeedResult;
  'cards.confirmArrival': BatchDetail;
  'cards.markMissing': null;
  'cards.atOffice': (CardAtOffice & { villageName: string })[];
}
