import type { Migration } from './types';

/**
 * Which office queue card a recording was started for. On a paired desk: its own recordings
 * (station_id NULL), reported to the hub with their metadata. On the hub: the links the desks
 * reported (station_id = the desk), so a card shows recorded once the desk holding the
 * recording reports it sealed — also when the hub was away at the time.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'office-card-links',
  up(db) {
    db.exec(`
      CREATE TABLE office_card_links (
        recording_id TEXT PRIMARY KEY,
        card_id TEXT NOT NULL,
        station_id TEXT,
        linked_at TEXT NOT NULL
      );
      CREATE INDEX office_card_links_card ON office_card_links(card_id);
    `);
  },
};
