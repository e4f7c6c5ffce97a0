import type { Migration } from './types';

/**
 * Signed verdicts: the outbox row keeps the centre's signed `received`/`duplicate`
 * verdict (JSON with its Ed25519 signature) and whether it verified. Retention purges a
 * recording's biometrics only when both are there, so a forged or unsigned "received" can never
 * cost a resident their data. Rows acknowledged before this migration have no stored verdict:
 * the runner asks the centre again and stores the signed one before they can be purged.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'outbox-verified-verdict',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN verdict_json TEXT;
      ALTER TABLE outbox ADD COLUMN verdict_verified INTEGER NOT NULL DEFAULT 0
        CHECK (verdict_verified IN (0, 1));
    `);
  },
};
