import type { Migration } from './types';

/**
 * The printed cards coming back to the kecamatan. `print_batches` holds each numbered
 * batch the centre dispatched, with its signed statement kept verbatim (`verdict_json`) and what
 * the supervisor counted on arrival. `cards` holds one row per recording whose card was printed,
 * following it to the resident's hand.
 *
 * Indexes follow the reads: the counter's stock and the ageing recap walk `(state, arrived_at)`;
 * the village list `(village_code, state)`; "handed over today" only the handed-over rows; the
 * arrival check one batch; a round its own cards.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'card-stock',
  up(db) {
    db.exec(`
      CREATE TABLE print_batches (
        batch_no TEXT PRIMARY KEY,
        dispatched_at TEXT NOT NULL,
        declared_count INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('dispatched', 'arrived')),
        arrived_at TEXT,
        confirmed_by TEXT,
        received_count INTEGER,
        discrepancy_json TEXT,
        verdict_json TEXT NOT NULL
      );

      CREATE TABLE cards (
        recording_id TEXT PRIMARY KEY REFERENCES recordings(id),
        batch_no TEXT REFERENCES print_batches(batch_no),
        state TEXT NOT NULL CHECK (state IN
          ('printed', 'dispatched', 'at_office', 'missing', 'on_round', 'handed_over')),
        state_at TEXT NOT NULL,
        arrived_at TEXT,
        village_code TEXT NOT NULL,
        round_id TEXT,
        handed_over_at TEXT,
        handover_kind TEXT CHECK (handover_kind IN ('counter', 'round')),
        by_proxy INTEGER NOT NULL DEFAULT 0 CHECK (by_proxy IN (0, 1)),
        undeliverable_reason TEXT
          CHECK (undeliverable_reason IN ('moved', 'not-home-twice', 'deceased', 'refused')),
        undeliverable_at TEXT
      );
      CREATE INDEX cards_state_arrived ON cards(state, arrived_at);
      CREATE INDEX cards_village_state ON cards(village_code, state);
      CREATE INDEX cards_handed_over ON cards(handed_over_at) WHERE handed_over_at IS NOT NULL;
      CREATE INDEX cards_batch ON cards(batch_no);
      CREATE INDEX cards_round ON cards(round_id) WHERE round_id IS NOT NULL;
    `);
  },
};
