import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PreregList } from '../../api/contract-queue';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { searchCards } from '../../store/queue-repo';
import { insertEntries, insertList, listEntries, listLists } from '../../store/queue-lists-repo';
import { newId } from '../common/ids';
import type { Locale } from '../../domain/i18n';
import { SEARCH_PAGE, normalizeQuery, toCard, toEntry } from './context';
import type { QueueContext, QueueHandlers } from './context';
import { ListFormatError } from './list-rows';
import { workerListImporter } from './list-import-run';
import { qmsg } from './messages';

/** Pre-registration lists: CSV/XLSX files of residents imported, browsed and searched. */

/** The list with its counts, or null. */
export function findList(db: Database, id: string): PreregList | null {
  return listLists(db).find((x) => x.id === id) ?? null;
}

/** A list file that could not be read, as the operator's message. */
function listFailure(err: unknown, locale: Locale): Reply<never> {
  if (!(err instanceof ListFormatError)) throw err;
  const key = (
    { tooBig: 'listTooBig', tooManyRows: 'listTooManyRows', timeout: 'listTimeout' } as const
  )[err.message];
  if (err.forOperator) return fail('VALIDATION', err.message);
  if (key) return fail('VALIDATION', qmsg(locale, key));
  return fail('VALIDATION', qmsg(locale, 'listUnreadable', { detail: err.message.slice(0, 80) }));
}

type ListMethod =
  | 'queue.inspectList'
  | 'queue.importList'
  | 'queue.lists'
  | 'queue.listEntries'
  | 'queue.search';

export function listHandlers(q: QueueContext): QueueHandlers<ListMethod> {
  const { db, audit, log } = q;
  const listImporter = q.listImporter ?? workerListImporter();
  return {
    'queue.inspectList': async (input) => {
      const bytes = Buffer.from(input.contentBase64, 'base64');
      try {
        return ok(await listImporter.inspect(bytes));
      } catch (err) {
        return listFailure(err, q.locale());
      }
    },

    'queue.importList': async (input, { actor }) => {
      const locale = q.locale();
      const bytes = Buffer.from(input.contentBase64, 'base64');
      let parsed;
      try {
        parsed = await listImporter.parse(bytes, locale, input.sheet ?? null);
      } catch (err) {
        return listFailure(err, locale);
      }
      const at = q.now();
      const listId = newId('L', at);
      db.transaction(() => {
        insertList(db, {
          id: listId,
          name: input.name,
          fileName: input.fileName,
          importedAt: at.toISOString(),
          importedBy: actor!.id,
          rejected: parsed.rejected.length,
        });
        insertEntries(
          db,
          listId,
          parsed.entries.map((e) => ({ ...e, id: newId('E', at) })),
        );
        audit.record(actor, 'queue.list-imported', listId);
      })();
      log.info('pre-registration list imported', {
        entries: parsed.entries.length,
        rejected: parsed.rejected.length,
      });
      return ok({
        list: findList(db, listId)!,
        imported: parsed.entries.length,
        rejected: parsed.rejected,
        unusedColumns: parsed.unusedColumns,
        sheet: parsed.sheet,
        sheets: parsed.sheets,
      });
    },

    'queue.lists': () => ok(listLists(db)),

    'queue.listEntries': (input) => {
      if (!findList(db, input.listId)) return fail('NOT_FOUND', qmsg(q.locale(), 'listNotFound'));
      const query = normalizeQuery(input.query);
      return ok(listEntries(db, input.listId, query, input.limit ?? 1000).map(toEntry));
    },

    'queue.search': (input) => {
      const query = normalizeQuery(input.query)!;
      return ok({
        entries: listEntries(db, null, query, 50).map(toEntry),
        cards: searchCards(db, query, SEARCH_PAGE).map(toCard),
      });
    },
  };
}
