import type { OutreachSession } from '../../api/contract-queue';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { isValidDate } from '../../domain/scheduling';
import {
  activeSession,
  entriesNotRecorded,
  findSession,
  insertSession,
  listSessions,
  sessionRecordings,
  setSessionState,
} from '../../store/outreach-repo';
import { newId } from '../common/ids';
import { toSession } from './context';
import type { QueueContext, QueueHandlers } from './context';
import { findList } from './lists';
import { qmsg } from './messages';

/**
 * Outreach sessions (jemput bola: a school, a village hall, home visits): while one is active,
 * every new recording carries its id; the report shows who on its list is still not recorded.
 */

type OutreachMethod =
  | 'outreach.create'
  | 'outreach.list'
  | 'outreach.start'
  | 'outreach.end'
  | 'outreach.active'
  | 'outreach.report';

export function outreachHandlers(q: QueueContext): QueueHandlers<OutreachMethod> {
  const { db, audit } = q;
  const notFound = () => fail('NOT_FOUND', qmsg(q.locale(), 'sessionNotFound'));
  return {
    'outreach.create': (input, { actor }) => {
      const locale = q.locale();
      if (!isValidDate(input.date))
        return fail('VALIDATION', qmsg(locale, 'dateBad', { date: input.date }));
      if (input.listId && !findList(db, input.listId))
        return fail('NOT_FOUND', qmsg(locale, 'listNotFound'));
      const at = q.now();
      const id = newId('O', at);
      db.transaction(() => {
        insertSession(db, {
          id,
          place: input.place,
          date: input.date,
          kind: input.kind,
          listId: input.listId ?? null,
          notes: input.notes ?? '',
          createdAt: at.toISOString(),
          createdBy: actor!.id,
        });
        audit.record(actor, 'outreach.created', id);
      })();
      return ok(toSession(findSession(db, id)!));
    },

    'outreach.list': () => ok(listSessions(db).map(toSession)),

    'outreach.start': (input, { actor }) =>
      db.transaction((): Reply<OutreachSession> => {
        const locale = q.locale();
        const s = findSession(db, input.id);
        if (!s) return notFound();
        if (s.state === 'active') return ok(toSession(s));
        if (s.state === 'ended') return fail('CONFLICT', qmsg(locale, 'sessionEnded'));
        const other = activeSession(db);
        if (other)
          return fail('CONFLICT', qmsg(locale, 'sessionActiveOther', { place: other.place }));
        setSessionState(db, s.id, 'active', q.now().toISOString());
        audit.record(actor, 'outreach.started', s.id);
        return ok(toSession(findSession(db, s.id)!));
      })(),

    'outreach.end': (input, { actor }) =>
      db.transaction((): Reply<OutreachSession> => {
        const s = findSession(db, input.id);
        if (!s) return notFound();
        if (s.state !== 'active') return fail('CONFLICT', qmsg(q.locale(), 'sessionNotActive'));
        setSessionState(db, s.id, 'ended', q.now().toISOString());
        audit.record(actor, 'outreach.ended', s.id);
        return ok(toSession(findSession(db, s.id)!));
      })(),

    'outreach.active': () => {
      const s = activeSession(db);
      return ok(s ? toSession(s) : null);
    },

    'outreach.report': (input) => {
      const s = findSession(db, input.id);
      if (!s) return notFound();
      const recorded = sessionRecordings(db, s.id);
      const notRecorded = s.listId ? entriesNotRecorded(db, s.listId, s.id) : [];
      return ok({ session: toSession(s), recorded, notRecorded });
    },
  };
}
