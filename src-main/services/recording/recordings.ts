import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Recording, RecordingSummary, ValidationIssue } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { normalizeResident, validateResident } from '../../domain/validate-resident';
import type { ResidentData } from '../../domain/resident';
import {
  findOpenDraftByNik,
  findRecording,
  insertRecording,
  listOpenDrafts,
  listRecordingsBetween,
  setDraftOperator,
  updateDraft,
} from '../../store/recordings-repo';
import { findUserById } from '../../store/users-repo';
import type { RecordingRow } from '../../store/recordings-repo';
import type { Actor, Audit } from '../common/audit';
import { newId } from '../common/ids';
import { msg } from '../common/messages';
import type { Locale } from '../../domain/i18n';

export interface RecordingsDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  /** Region existence for warnings; undefined when the region index is unavailable. */
  regionKnown: (code: string) => boolean | undefined;
}

export interface Recordings {
  saveDraft(actor: Actor, input: { id?: string; resident: ResidentData }): Reply<Recording>;
  get(id: string): Reply<Recording>;
  today(query?: string): RecordingSummary[];
  /** Open drafts with their operators, for the supervisor. */
  openDrafts(): RecordingSummary[];
  /** Hands a draft to another active operator (audited); only its operator may edit or seal it. */
  reassign(actor: Actor, recordingId: string, operatorId: string): Reply<RecordingSummary>;
}

const toSummary = (r: RecordingRow): RecordingSummary => ({
  id: r.id,
  status: r.status,
  nik: r.nik,
  name: r.name,
  operator: r.operator,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  centralStatus: r.centralStatus,
  centralReason: r.centralReason,
  rejectionReason: r.rejectionReason,
});

const toRecording = (r: RecordingRow): Recording => ({
  ...toSummary(r),
  resident: JSON.parse(r.residentJson) as ResidentData,
  warnings: JSON.parse(r.warningsJson) as ValidationIssue[],
});

/** [start, end) of the local calendar day containing `d`, as UTC ISO strings (comparable as text). */
export function localDayRange(d: Date): [string, string] {
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
  return [start.toISOString(), end.toISOString()];
}

function localDate(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${d.getFullYear()}`;
}

export function createRecordings(deps: RecordingsDeps): Recordings {
  const { db, now, audit } = deps;

  return {
    saveDraft(actor, input) {
      const locale = deps.locale();
      const resident = normalizeResident(input.resident);
      const at = now();
      const issues = validateResident(resident, {
        today: at,
        locale,
        districtKnown: deps.regionKnown,
        villageKnown: deps.regionKnown,
      });
      const errors = issues.filter((i) => i.severity === 'error');
      if (errors.length > 0) {
        const fields: Record<string, string> = {};
        for (const e of errors) fields[e.field] ??= e.message;
        return fail('VALIDATION', msg(locale, 'validation'), fields);
      }
      const warnings = issues.filter((i) => i.severity === 'warning');

      // Check and write in one transaction so two saves cannot both pass the duplicate check.
      return db.transaction((): Reply<Recording> => {
        const existing = input.id ? findRecording(db, input.id) : null;
        if (input.id && !existing) return fail('NOT_FOUND', msg(locale, 'recordingNotFound'));
        if (existing && existing.status !== 'draft') {
          return fail('CONFLICT', msg(locale, 'recordingNotDraft'));
        }
        // A draft is edited and sealed by the operator who holds it (a supervisor reassigns).
        if (existing && existing.operatorId !== actor.id) {
          return fail('FORBIDDEN', msg(locale, 'draftNotOwner', { operator: existing.operator }));
        }
        const twin = findOpenDraftByNik(db, resident.nik, existing?.id ?? null);
        if (twin) {
          const [todayStart, todayEnd] = localDayRange(at);
          const text =
            twin.createdAt >= todayStart && twin.createdAt < todayEnd
              ? msg(locale, 'draftConflictToday')
              : msg(locale, 'draftConflictEarlier', { date: localDate(twin.createdAt) });
          return fail('CONFLICT', text, { nik: text });
        }
        const row = {
          nik: resident.nik,
          name: resident.name,
          residentJson: JSON.stringify(resident),
          warningsJson: JSON.stringify(warnings),
          updatedAt: at.toISOString(),
        };
        let id: string;
        if (existing) {
          id = existing.id;
          updateDraft(db, { id, ...row });
          audit.record(actor, 'recording.draft-saved', id);
        } else {
          id = newId('R', at);
          insertRecording(db, {
            id,
            status: 'draft',
            operatorId: actor.id,
            createdAt: at.toISOString(),
            ...row,
          });
          audit.record(actor, 'recording.draft-created', id);
        }
        return ok(toRecording(findRecording(db, id)!));
      })();
    },

    get(id) {
      const row = findRecording(db, id);
      return row
        ? ok(toRecording(row))
        : fail('NOT_FOUND', msg(deps.locale(), 'recordingNotFound'));
    },

    today(query) {
      const [from, to] = localDayRange(now());
      let q = query?.trim().toUpperCase() || null;
      // A NIK read aloud gets typed in groups ("3201 0112"); search the digits.
      if (q && /^[\d\s]+$/.test(q)) q = q.replace(/\s+/g, '');
      return listRecordingsBetween(db, from, to, q).map(toSummary);
    },

    openDrafts: () => listOpenDrafts(db).map(toSummary),

    reassign(actor, recordingId, operatorId) {
      const locale = deps.locale();
      return db.transaction((): Reply<RecordingSummary> => {
        const rec = findRecording(db, recordingId);
        if (!rec) return fail('NOT_FOUND', msg(locale, 'recordingNotFound'));
        if (rec.status !== 'draft') return fail('CONFLICT', msg(locale, 'recordingNotDraft'));
        const to = findUserById(db, operatorId);
        if (!to || !to.active || to.role !== 'operator') {
          const text = msg(locale, 'reassignNotOperator');
          return fail('VALIDATION', text, { operatorId: text });
        }
        if (to.id !== rec.operatorId) {
          setDraftOperator(db, rec.id, to.id, now().toISOString());
          audit.record(actor, 'recording.reassigned', `${rec.id}:${rec.operator}>${to.username}`);
        }
        return ok(toSummary(findRecording(db, rec.id)!));
      })();
    },
  };
}
