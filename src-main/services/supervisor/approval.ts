// The supervisor's approval queue: every sealed recording is looked at — photo, ten
// fingers, signature, data, with forced captures and exceptions highlighted — and approved, or
// rejected with a reason the operator reads on the today list and redoes as a new draft.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Recording, RecordingReview } from '../../api/contract';
import type { ApprovalItem } from '../../api/contract-supervisor';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import type { ResidentData } from '../../domain/resident';
import {
  findApprovalRow,
  insertDecision,
  listDecided,
  listPending,
  setRecordingStatus,
  setRedo,
  withdrawOutbox,
} from '../../store/approvals-repo';
import type { ApprovalRow } from '../../store/approvals-repo';
import { findRecording } from '../../store/recordings-repo';
import type { Actor, Audit } from '../common/audit';
import { msg } from '../common/messages';
import { defineMessages, translator, type Locale } from '../../domain/i18n';
import type { HandlersFor } from '../../api/handlers';
import approvalText from './approval.json' with { type: 'json' };

const TEXT = defineMessages('services/supervisor/approval', approvalText);
const t = translator(TEXT);

const fingerList = (s: string | null): number[] =>
  s
    ? s
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n))
        .sort((a, b) => a - b)
    : [];

export function toApprovalItem(r: ApprovalRow): ApprovalItem {
  return {
    recordingId: r.recordingId,
    status: r.status,
    nik: r.nik,
    name: r.name,
    operator: r.operator,
    createdAt: r.createdAt,
    sealedAt: r.sealedAt,
    uploaded: r.outboxState === 'sent' || r.outboxState === 'done',
    flags: {
      forcedPhoto: r.forcedPhoto === 1,
      forcedFingers: fingerList(r.forcedFingers),
      fingerExceptions: fingerList(r.exceptionFingers),
      signatureException: r.signatureException === 1,
      warnings: r.warnings ?? 0,
    },
    decision:
      r.decision && r.decidedBy && r.decidedAt
        ? {
            decision: r.decision,
            reason: r.reason,
            by: r.decidedBy,
            at: r.decidedAt,
            redoRecordingId: r.redoRecordingId,
          }
        : null,
  };
}

type Awaitable<T> = T | Promise<T>;

export interface ApprovalDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  /** The finish service's review (photo, fingers, signature, data). */
  review(id: string): Awaitable<Reply<RecordingReview>>;
  /** The recordings service's draft save (validation, duplicate-draft check, audit). */
  saveDraft(actor: Actor, input: { resident: ResidentData }): Reply<Recording>;
  getRecording(id: string): Reply<Recording>;
  /** Refusal while the desk is frozen (a redo is a new recording too). */
  guardNewRecording(actor: Actor): Reply<never> | null;
  /** A decision was made: the sync runner re-reads which packets may upload. */
  onDecided?: () => void;
}

export type ApprovalMethod =
  | 'approval.queue'
  | 'approval.item'
  | 'approval.approve'
  | 'approval.reject'
  | 'recordings.redo';
export type ApprovalHandlers = HandlersFor<ApprovalMethod>;

export interface Approval {
  handlers: ApprovalHandlers;
  approve(actor: Actor, id: string): Reply<ApprovalItem>;
  reject(actor: Actor, id: string, reason: string): Reply<ApprovalItem>;
  redo(actor: Actor, id: string): Reply<Recording>;
}

export function createApproval(deps: ApprovalDeps): Approval {
  const { db, now, audit } = deps;

  /** Checks and writes in one transaction: two supervisors cannot both decide. */
  function decide(
    actor: Actor,
    id: string,
    decision: 'approved' | 'rejected',
    reason: string | null,
  ): Reply<ApprovalItem> {
    const L = deps.locale();
    const result = db.transaction((): Reply<ApprovalItem> => {
      const row = findApprovalRow(db, id);
      if (!row) return fail('NOT_FOUND', msg(L, 'recordingNotFound'));
      if (row.decision) {
        return fail(
          'CONFLICT',
          t(L, 'decided', { decision: t(L, row.decision), by: row.decidedBy ?? '?' }),
        );
      }
      if (row.status !== 'sealed' && row.status !== 'uploaded') {
        return fail('CONFLICT', t(L, 'notSealed'));
      }
      const at = now().toISOString();
      insertDecision(db, { recordingId: id, decision, reason, by: actor.id, at });
      if (decision === 'approved') {
        // An uploaded recording keeps 'uploaded'; the approval row records the decision.
        setRecordingStatus(db, id, ['sealed'], 'approved', at);
        audit.record(actor, 'approval.approved', id);
      } else {
        setRecordingStatus(db, id, ['sealed', 'uploaded'], 'rejected', at);
        const withdrawn = withdrawOutbox(db, id, at);
        audit.record(actor, 'approval.rejected', id);
        if (withdrawn) audit.record(actor, 'outbox.withdrawn', id);
      }
      return ok(toApprovalItem(findApprovalRow(db, id)!));
    })();
    if (result.ok) deps.onDecided?.();
    return result;
  }

  function redo(actor: Actor, id: string): Reply<Recording> {
    const L = deps.locale();
    const row = findApprovalRow(db, id);
    if (!row) return fail('NOT_FOUND', msg(L, 'recordingNotFound'));
    if (row.decision !== 'rejected') return fail('CONFLICT', t(L, 'notRejected'));
    if (row.redoRecordingId) {
      // Pressed twice, or reopened later: the same redo draft, never a twin.
      const existing = findRecording(db, row.redoRecordingId);
      if (existing && existing.status === 'draft') return deps.getRecording(existing.id);
    }
    const frozen = deps.guardNewRecording(actor);
    if (frozen) return frozen;
    const source = findRecording(db, id)!;
    const draft = deps.saveDraft(actor, {
      resident: JSON.parse(source.residentJson) as ResidentData,
    });
    if (!draft.ok) return draft;
    db.transaction(() => {
      setRedo(db, id, draft.value.id);
      audit.record(actor, 'recording.redo', id);
    })();
    return draft;
  }

  return {
    approve: (actor, id) => decide(actor, id, 'approved', null),
    reject: (actor, id, reason) => decide(actor, id, 'rejected', reason.trim()),
    redo,
    handlers: {
      'approval.queue': (input) => {
        const limit = input.limit ?? 200;
        const rows = input.filter === 'decided' ? listDecided(db, limit) : listPending(db, limit);
        return ok(rows.map(toApprovalItem));
      },
      'approval.item': async (input) => {
        const row = findApprovalRow(db, input.id);
        if (!row) return fail('NOT_FOUND', msg(deps.locale(), 'recordingNotFound'));
        if (row.status === 'draft') return fail('CONFLICT', t(deps.locale(), 'notSealed'));
        const review = await deps.review(input.id);
        if (!review.ok) return review;
        return ok({ item: toApprovalItem(row), review: review.value });
      },
      'approval.approve': (input, { actor }) => decide(actor!, input.id, 'approved', null),
      'approval.reject': (input, { actor }) =>
        decide(actor!, input.id, 'rejected', input.reason.trim()),
      'recordings.redo': (input, { actor }) => redo(actor!, input.id),
    },
  };
}
