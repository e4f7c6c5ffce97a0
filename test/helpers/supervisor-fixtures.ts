/**
 * Sealed recordings for the supervisor's tests (approval, recap, freeze) without a central
 * server: complete drafts through the API, captures through the repositories, then the seal's
 * two writes (status + outbox row) as finish does them — only the packet crypto is skipped.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Station } from '../../src-main/services/station/station';
import { must, validResident } from './station';
import { insertOutbox } from '../../src-main/store/outbox-repo';
import { nikFor } from './sync-station';
import { seedCaptures } from './sync-fixtures';

const names = ['Ani', 'Budi', 'Citra', 'Dodi', 'Eka', 'Fajar', 'Gita', 'Hadi', 'Indah', 'Joko'];
const nameFor = (i: number) =>
  `Penduduk ${String(i)
    .split('')
    .map((d) => names[Number(d)])
    .join(' ')}`;

/** Complete drafts (signed-in operator), sealed with an outbox row each; returns their ids. */
export async function sealedRecordings(
  station: Station,
  db: Database,
  operatorId: string,
  n: number,
  opts: { first?: number; sealedAt?: () => string; villageCode?: string } = {},
): Promise<string[]> {
  const ids: string[] = [];
  const first = opts.first ?? 1;
  for (let i = first; i < first + n; i++) {
    const rec = await must(station, 'recordings.saveDraft', {
      resident: validResident({
        nik: nikFor(i),
        name: nameFor(i),
        ...(opts.villageCode ? { villageCode: opts.villageCode } : {}),
      }),
    });
    await seedCaptures(db, rec.id, operatorId);
    sealDirect(db, rec.id, opts.sealedAt?.() ?? new Date().toISOString());
    ids.push(rec.id);
  }
  return ids;
}

export function sealDirect(db: Database, recordingId: string, at: string): void {
  const bytes = Buffer.from(`packet-${recordingId}`);
  db.transaction(() => {
    db.prepare("UPDATE recordings SET status = 'sealed' WHERE id = ? AND status = 'draft'").run(
      recordingId,
    );
    insertOutbox(db, {
      packetId: `P${recordingId}`.slice(0, 64),
      recordingId,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sealedAt: at,
    });
  })();
}
