import type { Migration } from './types';

/**
 * Queue (antrian): cards with guaranteed dates, the calls shown on the waiting-room TV,
 * pre-registration lists and outreach sessions. Capacity and printer settings live in `settings`
 * as JSON (one row each).
 *
 * A card is a promise: `date` never changes on its own. The partial unique index makes "one
 * live card per NIK" a property of the store, not only of the service's check, so two desks
 * issuing for the same NIK at once cannot both win. `(date, lane, seq)` is unique for the same
 * reason: card numbers are never given twice.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'queue-cards-lists-outreach',
  up(db) {
    db.exec(`
      CREATE TABLE prereg_lists (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        file_name TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL REFERENCES users(id),
        rejected INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE prereg_entries (
        id TEXT PRIMARY KEY,
        list_id TEXT NOT NULL REFERENCES prereg_lists(id) ON DELETE CASCADE,
        row INTEGER NOT NULL,
        nik TEXT NOT NULL,
        name TEXT NOT NULL,
        address TEXT NOT NULL DEFAULT '',
        phone TEXT,
        UNIQUE (list_id, nik)
      );
      CREATE INDEX prereg_entries_nik ON prereg_entries(nik);
      CREATE INDEX prereg_entries_name ON prereg_entries(name COLLATE NOCASE);

      CREATE TABLE queue_cards (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        lane TEXT NOT NULL CHECK (lane IN ('regular', 'priority')),
        seq INTEGER NOT NULL,
        priority_reason TEXT CHECK (priority_reason IN ('elderly', 'disabled', 'pregnant')),
        nik TEXT,
        name TEXT NOT NULL,
        phone TEXT,
        address TEXT,
        status TEXT NOT NULL DEFAULT 'waiting'
          CHECK (status IN ('waiting', 'called', 'skipped', 'served', 'no-show', 'cancelled')),
        -- Order of calling within the day; a skipped card gets a later one.
        call_order INTEGER NOT NULL,
        issued_at TEXT NOT NULL,
        issued_by TEXT NOT NULL REFERENCES users(id),
        called_at TEXT,
        desk TEXT,
        call_count INTEGER NOT NULL DEFAULT 0,
        recording_id TEXT REFERENCES recordings(id) ON DELETE SET NULL,
        served_at TEXT,
        list_entry_id TEXT REFERENCES prereg_entries(id) ON DELETE SET NULL,
        cancel_reason TEXT,
        UNIQUE (date, lane, seq)
      );
      CREATE UNIQUE INDEX queue_cards_live_nik ON queue_cards(nik)
        WHERE nik IS NOT NULL AND status IN ('waiting', 'called', 'skipped');
      CREATE INDEX queue_cards_date ON queue_cards(date, status);
      CREATE INDEX queue_cards_entry ON queue_cards(list_entry_id);
      CREATE INDEX queue_cards_recording ON queue_cards(recording_id);

      CREATE TABLE queue_calls (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        card_id TEXT NOT NULL REFERENCES queue_cards(id) ON DELETE CASCADE,
        number TEXT NOT NULL,
        lane TEXT NOT NULL,
        desk TEXT NOT NULL,
        at TEXT NOT NULL,
        recall INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX queue_calls_at ON queue_calls(at);

      CREATE TABLE outreach_sessions (
        id TEXT PRIMARY KEY,
        place TEXT NOT NULL,
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('school', 'village-hall', 'home-visit')),
        list_id TEXT REFERENCES prereg_lists(id) ON DELETE SET NULL,
        notes TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'active', 'ended')),
        started_at TEXT,
        ended_at TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id)
      );
      -- At most one active session: recordings are tagged with "the" active session.
      CREATE UNIQUE INDEX outreach_one_active ON outreach_sessions(state) WHERE state = 'active';

      CREATE TABLE outreach_recordings (
        recording_id TEXT PRIMARY KEY REFERENCES recordings(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL REFERENCES outreach_sessions(id) ON DELETE CASCADE
      );
      CREATE INDEX outreach_recordings_session ON outreach_recordings(session_id);
    `);
  },
};
