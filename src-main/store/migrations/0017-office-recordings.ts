import type { Migration } from './types';

/**
 * The office recap on the hub: one row per recording of any paired desk, as the desk reported
 * it (status, operator, village, masked NIK). Metadata only: biometrics, photos and full NIKs
 * stay on the desk that recorded them.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'office-recordings',
  up(db) {
    db.exec(`
      CREATE TABLE office_recordings (
        recording_id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL REFERENCES office_desks(station_id),
        day TEXT NOT NULL,
        status TEXT NOT NULL,
        operator TEXT NOT NULL,
        village_code TEXT NOT NULL,
        nik_masked TEXT NOT NULL,
        created_at TEXT NOT NULL,
        reported_at TEXT NOT NULL
      );
      CREATE INDEX office_recordings_day ON office_recordings(day);
    `);
  },
};
