import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditEntry } from '../api/contract';
import { insertAudit, listAudit } from '../store/audit-repo';

export interface Actor {
  id: string;
  username: string;
}

/**
 * Actions written to the audit trail. Targets are ids or usernames only — never a NIK, a
 * resident's name or anything typed into a free field (a mistyped password in a username box).
 */
export type AuditAction =
  | 'setup'
  | 'login.ok'
  | 'login.failed'
  | 'login.refused-locked'
  | 'login.refused-disabled'
  | 'account.locked'
  | 'logout'
  | 'session.locked'
  | 'session.unlocked'
  | 'unlock.failed'
  | 'password.changed'
  | 'user.created'
  | 'user.enabled'
  | 'user.disabled'
  | 'user.password-reset'
  | 'recording.draft-created'
  | 'recording.draft-saved'
  | 'prefs.locale'
  | 'fingerprint.captured'
  | 'fingerprint.retry'
  | 'fingerprint.forced'
  | 'fingerprint.duplicate'
  | 'fingerprint.exception'
  | 'fingerprint.cleared'
  | 'photo.accept'
  | 'signature.accepted'
  | 'signature.rejected'
  | 'signature.exception'
  | 'signature.cleared'
  | 'photo.settings'
  | 'diagnostics.export'
  | 'devices.chosen'
  | 'devices.self-test'
  | 'central.config'
  | 'central.registered'
  | 'central.register-refused'
  | 'recording.sealed'
  | 'retention.purged'
  | 'sync.paused'
  | 'sync.resumed'
  // Supervisor (issue 7): targets are recording ids, or the names of the settings changed.
  | 'approval.approved'
  | 'approval.rejected'
  | 'outbox.withdrawn'
  | 'recording.redo'
  | 'freeze.blocked'
  | 'supervisor.settings'
  // Queue (issue 8): targets are card, list or session ids.
  | 'queue.capacity'
  | 'queue.issued'
  | 'queue.cancelled'
  | 'queue.rescheduled'
  | 'queue.called'
  | 'queue.skipped'
  | 'queue.no-show'
  | 'queue.no-show-undone'
  | 'queue.linked'
  | 'queue.printed'
  | 'queue.printer'
  | 'queue.list-imported'
  | 'outreach.created'
  | 'outreach.started'
  | 'outreach.ended'
  // Exports (issue 7): targets are file or bundle names (station id and dates only).
  | 'export.report'
  | 'export.table'
  | 'export.table-full-nik'
  | 'export.bundle'
  // The desk (issue 14): targets are usernames only.
  | 'seal.failed'
  | 'seal.locked'
  | 'seal.unlocked'
  | 'seal.unlock-refused'
  | 'forbidden';

export interface Audit {
  record(actor: Actor | null, action: AuditAction, target?: string | null): void;
  list(limit: number): AuditEntry[];
}

export function createAudit(db: Database, now: () => Date): Audit {
  return {
    record(actor, action, target = null) {
      insertAudit(db, {
        at: now().toISOString(),
        userId: actor?.id ?? null,
        username: actor?.username ?? null,
        action,
        target,
      });
    },
    list: (limit) => listAudit(db, limit),
  };
}
