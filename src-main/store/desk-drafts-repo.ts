import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface DeskDraftRow {
  userId: string;
  recordingId: string | null;
  step: string;
  name: string;
  formJson: string;
  updatedAt: string;
}

export function getDeskDraft(db: Database, userId: string): DeskDraftRow | null {
  const row = db
    .prepare(
      `SELECT user_id AS userId, recording_id AS recordingId, step, name, form_json AS formJson,
              updated_at AS updatedAt
         FROM desk_drafts WHERE user_id = ?`,
    )
    .get(userId) as DeskDraftRow | undefined;
  return row ?? null;
}

export function putDeskDraft(db: Database, row: DeskDraftRow): void {
  db.prepare(
    `INSERT INTO desk_drafts (user_id, recording_id, step, name, form_json, updated_at)
     VALUES (@userId, @recordingId, @step, @name, @formJson, @updatedAt)
     ON CONFLICT(user_id) DO UPDATE SET recording_id = excluded.recording_id, step = excluded.step,
       name = excluded.name, form_json = excluded.form_json, updated_at = excluded.updated_at`,
  ).run(row);
}

export function deleteDeskDraft(db: Database, userId: string): void {
  db.prepare('DELETE FROM desk_drafts WHERE user_id = ?').run(userId);
}
