import type { Migration } from './types';

/**
 * Indexes for the runner's, the freeze rules' and the supervisor's outbox and queue reads, so
 * each costs what it returns rather than what the station has ever done:
 * - the latest upload / export time (`MAX()` each from its own index);
 * - the backlog: queued packets not withdrawn (a withdrawn packet stays 'queued' for ever, so
 *   `outbox_state` alone would grow with every rejection);
 * - packets of a sealed-at range (bundle export, export preview);
 * - the verdict poll (`state, central_status`; received packets still waiting for print-ready);
 * - retention's three kinds of candidates, as partial indexes that drop a packet once purged;
 * - a queue card by NIK on any date (desk search);
 * - the day's recordings by status and operator without visiting the 600-byte table rows
 *   (it starts with created_at, so it replaces `recordings_created_at`).
 * ANALYZE at the end gives the planner real row counts from the first start.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'history-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX outbox_sent_at ON outbox(sent_at);
      CREATE INDEX outbox_exported_at ON outbox(exported_at);
      CREATE INDEX outbox_queued ON outbox(sealed_at, packet_id)
        WHERE state = 'queued' AND withdrawn_at IS NULL;
      CREATE INDEX outbox_sealed_at ON outbox(sealed_at);
      CREATE INDEX outbox_state_central ON outbox(state, central_status);
      CREATE INDEX outbox_print_poll ON outbox(central_checked_at)
        WHERE state = 'done' AND central_status = 'received' AND purged_at IS NULL;
      CREATE INDEX outbox_acked_at ON outbox(acked_at)
        WHERE purged_at IS NULL AND acked_at IS NOT NULL;
      CREATE INDEX outbox_rejected_at ON outbox(central_checked_at)
        WHERE purged_at IS NULL AND central_status = 'rejected';
      CREATE INDEX outbox_withdrawn_at ON outbox(withdrawn_at)
        WHERE purged_at IS NULL AND withdrawn_at IS NOT NULL;
      CREATE INDEX queue_cards_nik ON queue_cards(nik, date) WHERE nik IS NOT NULL;
      CREATE INDEX recordings_day ON recordings(created_at, status, operator_id, reviewed_at);
      DROP INDEX recordings_created_at;
      ANALYZE;
    `);
  },
};
