import type { Migration } from './types';

/**
 * Name search on queue cards (desk search, all dates) through an FTS5 trigram index: a name
 * part of three letters or more is found by the index, case-insensitively, instead of a LIKE
 * over every card ever issued. External content (the card table), kept in step by triggers.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'queue-card-name-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE queue_cards_fts USING fts5(
        name, content = 'queue_cards', content_rowid = 'rowid', tokenize = 'trigram'
      );
      INSERT INTO queue_cards_fts (rowid, name) SELECT rowid, name FROM queue_cards;
      CREATE TRIGGER queue_cards_fts_ai AFTER INSERT ON queue_cards BEGIN
        INSERT INTO queue_cards_fts (rowid, name) VALUES (new.rowid, new.name);
      END;
      CREATE TRIGGER queue_cards_fts_ad AFTER DELETE ON queue_cards BEGIN
        INSERT INTO queue_cards_fts (queue_cards_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
      END;
      CREATE TRIGGER queue_cards_fts_au AFTER UPDATE OF name ON queue_cards BEGIN
        INSERT INTO queue_cards_fts (queue_cards_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
        INSERT INTO queue_cards_fts (rowid, name) VALUES (new.rowid, new.name);
      END;
    `);
  },
};
