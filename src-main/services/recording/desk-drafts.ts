// Nothing lost at the desk: the operator's form and step, saved as typed (the renderer debounces),
// offered back after a reload, a restart or a crash ("Lanjutkan perekaman …?").
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DESK_STEPS } from '../../api/contract-desk';
import type { DeskDraft } from '../../api/contract-desk';
import { deleteDeskDraft, getDeskDraft, putDeskDraft } from '../../store/desk-drafts-repo';
import { findRecording } from '../../store/recordings-repo';

export interface DeskDrafts {
  get(userId: string): DeskDraft | null;
  save(userId: string, draft: Omit<DeskDraft, 'updatedAt'>): null;
  clear(userId: string): null;
}

const isStep = (s: string): s is DeskDraft['step'] => (DESK_STEPS as readonly string[]).includes(s);

export function createDeskDrafts(deps: { db: Database; now: () => Date }): DeskDrafts {
  const { db } = deps;
  return {
    get(userId) {
      const row = getDeskDraft(db, userId);
      if (!row) return null;
      // A recording sealed (or taken over) since then is no longer work in progress.
      if (row.recordingId) {
        const rec = findRecording(db, row.recordingId);
        if (!rec || rec.status !== 'draft' || rec.operatorId !== userId) {
          deleteDeskDraft(db, userId);
          return null;
        }
      }
      let form: Record<string, string> = {};
      try {
        const parsed = JSON.parse(row.formJson) as unknown;
        if (parsed && typeof parsed === 'object') form = parsed as Record<string, string>;
      } catch {
        form = {};
      }
      return {
        recordingId: row.recordingId,
        step: isStep(row.step) ? row.step : 'data',
        name: row.name,
        form,
        updatedAt: row.updatedAt,
      };
    },
    save(userId, d) {
      // Only a recording of this operator's, still a draft, may be remembered as theirs.
      const rec = d.recordingId ? findRecording(db, d.recordingId) : null;
      const own = rec && rec.status === 'draft' && rec.operatorId === userId;
      putDeskDraft(db, {
        userId,
        recordingId: own ? d.recordingId : null,
        step: own ? d.step : 'data',
        name: d.name,
        formJson: JSON.stringify(d.form),
        updatedAt: deps.now().toISOString(),
      });
      return null;
    },
    clear(userId) {
      deleteDeskDraft(db, userId);
      return null;
    },
  };
}
