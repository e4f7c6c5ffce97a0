import type { Migration } from './types';

/**
 * Delivery rounds. `rounds` is one trip of the field clerk (a village or a
 * list), planned → out → closed; `round_items` its cards in walking order and what became of
 * each (handed over through the handover flow, undeliverable with a reason, or returned still
 * unvisited when the round closed). The card's own state lives in `cards` (on_round while out).
 *
 * Indexes follow the reads: the open rounds by `rounds_open` (closed ones never walked except
 * the latest few by `rounds_created`); a round's items by its primary key; "is this card already
 * on an open round" by `round_items_open`, which also makes that impossible twice.
 */
export const migration0021: Migration = {
  version: 21,
  name: 'delivery-rounds',
  up(db) {
    db.exec(`
      CREATE TABLE rounds (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        village_code TEXT,
        state TEXT NOT NULL CHECK (state IN ('planned', 'out', 'closed')),
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        sent_at TEXT,
        sent_by TEXT REFERENCES users(id),
        closed_at TEXT,
        closed_by TEXT REFERENCES users(id)
      );
      CREATE INDEX rounds_open ON rounds(created_at) WHERE state <> 'closed';
      CREATE INDEX rounds_created ON rounds(created_at);

      CREATE TABLE round_items (
        round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        recording_id TEXT NOT NULL REFERENCES recordings(id),
        position INTEGER NOT NULL,
        outcome TEXT NOT NULL DEFAULT 'pending'
          CHECK (outcome IN ('pending', 'delivered', 'undeliverable', 'returned')),
        reason TEXT CHECK (reason IN ('moved', 'not-home-twice', 'deceased', 'refused')),
        outcome_at TEXT,
        outcome_by TEXT REFERENCES users(id),
        PRIMARY KEY (round_id, recording_id)
      );
      CREATE INDEX round_items_position ON round_items(round_id, position);
      CREATE UNIQUE INDEX round_items_open ON round_items(recording_id) WHERE outcome = 'pending';
    `);
  },
};
