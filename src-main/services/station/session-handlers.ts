// Setting the station up, signing in and out, the idle lock, and the supervisor's user list:
// the handlers around the desk session (the session itself is accounts/session.ts).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { SessionInfo } from '../../api/contract';
import { DEFAULT_SUPERVISOR_SETTINGS } from '../../api/contract-supervisor';
import { fail, ok } from '../../api/reply';
import type { Locale } from '../../domain/i18n';
import { setSetting } from '../../store/settings-repo';
import { getStation, insertStation } from '../../store/station-repo';
import { insertUser, recordLogin } from '../../store/users-repo';
import { passwordPolicyReply } from '../accounts/accounts';
import type { Accounts } from '../accounts/accounts';
import type { DeskSession } from '../accounts/session';
import type { Actor, Audit } from '../common/audit';
import { newId } from '../common/ids';
import type { Logger } from '../common/log';
import { msg } from '../common/messages';
import type { RegionCache } from './region-cache';
import { SETTING_KEYS } from '../supervisor/freeze';
import type { Handlers } from './dispatch';

export const SETTING_LOCALE = 'locale';
export const SETTING_IDLE = 'idle_lock_minutes';

type SessionMethod =
  | 'setup.create'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.unlock'
  | 'auth.session'
  | 'auth.ping'
  | 'auth.changePassword'
  | 'users.list'
  | 'users.create'
  | 'users.setActive'
  | 'users.resetPassword';

export interface SessionHandlerDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  idleLockMinutes: number;
  host: string;
  audit: Audit;
  log: Logger;
  accounts: Accounts;
  session: DeskSession;
  regions: RegionCache['regions'];
}

export function createSessionHandlers(deps: SessionHandlerDeps): {
  handlers: Pick<Handlers, SessionMethod>;
  isSetUp: () => boolean;
} {
  const { db, now, audit, log, accounts, session } = deps;
  let setUp = getStation(db) !== null;
  const isSetUp = () => (setUp ||= getStation(db) !== null);
  const actorOf = (info: SessionInfo | null): Actor | null =>
    info ? { id: info.user.id, username: info.user.username } : null;

  function endSession(reason: 'logout' | 'replaced'): void {
    const s = session.current();
    if (!s) return;
    audit.record(
      { id: s.user.id, username: s.user.username },
      'logout',
      reason === 'replaced' ? 'replaced' : null,
    );
    session.end();
  }

  const handlers: Pick<Handlers, SessionMethod> = {
    'setup.create': async (input) => {
      const locale = deps.locale();
      if (isSetUp()) return fail('ALREADY_SET_UP', msg(locale, 'alreadySetUp'));
      const idx = deps.regions();
      if (idx && !idx.has(input.kecamatanCode)) {
        const text = msg(locale, 'kecamatanUnknown');
        return fail('VALIDATION', text, { kecamatanCode: text });
      }
      const { username, fullName, password } = input.supervisor;
      const weak = passwordPolicyReply(locale, password, username);
      if (weak) return weak;
      const passwordHash = await accounts.hash(password);
      const at = now();
      const user = { id: newId('U', at), username, fullName, role: 'supervisor' as const };
      const done = db.transaction(() => {
        // Re-checked inside the transaction: two setup calls may race through the hashing.
        if (getStation(db)) return false;
        const createdAt = at.toISOString();
        const stationId = newId('S', at);
        insertStation(db, {
          id: stationId,
          name: input.stationName,
          kecamatanCode: input.kecamatanCode,
          createdAt,
        });
        insertUser(db, { ...user, passwordHash, createdAt });
        setSetting(db, SETTING_LOCALE, deps.locale());
        setSetting(db, SETTING_IDLE, String(deps.idleLockMinutes));
        setSetting(
          db,
          SETTING_KEYS.approvalRequiredForUpload,
          DEFAULT_SUPERVISOR_SETTINGS.approvalRequiredForUpload ? '1' : '0',
        );
        recordLogin(db, user.id, createdAt);
        audit.record(user, 'setup', stationId);
        audit.record(user, 'user.created', username);
        audit.record(user, 'login.ok', username);
        return true;
      })();
      if (!done) return fail('ALREADY_SET_UP', msg(deps.locale(), 'alreadySetUp'));
      setUp = true;
      log.info('station set up', { host: deps.host });
      return ok(session.start(user));
    },

    'auth.login': async (input) => {
      if (!isSetUp()) return fail('NOT_SET_UP', msg(deps.locale(), 'notSetUp'));
      const r = await accounts.login(input.username, input.password);
      if (!r.ok) return r;
      if (session.current()) endSession('replaced');
      return ok(session.start(r.value));
    },

    'auth.logout': () => {
      endSession('logout');
      return ok(null);
    },

    'auth.unlock': async (input) => {
      if (!isSetUp()) return fail('NOT_SET_UP', msg(deps.locale(), 'notSetUp'));
      const s = session.current();
      if (!s) return fail('UNAUTHENTICATED', msg(deps.locale(), 'unauthenticated'));
      const r = await accounts.verifyUser(s.user.id, input.password);
      if (!r.ok) {
        // A locked-out or disabled account must not keep a (locked) session on the desk.
        if (r.error.code === 'ACCOUNT_LOCKED' || r.error.code === 'ACCOUNT_DISABLED') {
          endSession('logout');
        }
        return r;
      }
      if (s.locked) audit.record(actorOf(session.info()), 'session.unlocked', null);
      return ok(session.unlock()!);
    },

    'auth.session': () => ok(session.info()),

    'auth.ping': () => ok(null),

    'auth.changePassword': async (input, { actor }) => {
      const r = await accounts.changePassword(actor!, input.current, input.next);
      // Guessing the current password locks the account, and the desk's session with it.
      if (!r.ok && r.error.code === 'ACCOUNT_LOCKED') endSession('logout');
      return r;
    },

    'users.list': () => ok(accounts.list()),
    'users.create': (input, { actor }) => accounts.createUser(actor, input),
    'users.setActive': (input, { actor }) => accounts.setActive(actor!, input.userId, input.active),
    'users.resetPassword': (input, { actor }) =>
      accounts.resetPassword(actor!, input.userId, input.password),
  };
  return { handlers, isSetUp };
}
