import type { Migration } from './types';

/**
 * The operator's work in progress at the desk: the form as typed (even before it passes the
 * checks and becomes a saved recording), the recording it belongs to and the step on screen.
 * One row per operator, written continuously (debounced) so a reload, a restart or a crash
 * loses nothing; it lives in the encrypted database like every other personal datum.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'desk-drafts',
  up(db) {
    db.exec(`
      CREATE TABLE desk_drafts (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        recording_id TEXT REFERENCES recordings(id) ON DELETE SET NULL,
        step TEXT NOT NULL,
        name TEXT NOT NULL,
        form_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
