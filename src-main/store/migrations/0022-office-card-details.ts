import type { Migration } from './types';

/**
 * What a desk keeps of the office queue card its recording was started for: the lane, the
 * priority reason and the phone number. On a desk paired to a hub the queue cards live on the
 * hub, so the desk's delivery-round suggestions (priority lane first, a number to call ahead)
 * read them here. Filled on the desk only (station_id NULL); the hub has its own queue_cards.
 */
export const migration0022: Migration = {
  version: 22,
  name: 'office-card-details',
  up(db) {
    db.exec(`
      ALTER TABLE office_card_links ADD COLUMN lane TEXT;
      ALTER TABLE office_card_links ADD COLUMN priority_reason TEXT;
      ALTER TABLE office_card_links ADD COLUMN phone TEXT;
    `);
  },
};
