import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Role, SessionUser, UserSummary } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import {
  countActiveByRole,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  lockUser,
  recordFailedAttempt,
  recordLogin,
  setPasswordHash,
  setUserActive,
} from '../../store/users-repo';
import type { UserRow } from '../../store/users-repo';
import type { Actor, Audit } from '../common/audit';
import { newId } from '../common/ids';
import { msg } from '../common/messages';
import type { Locale } from '../../domain/i18n';
import {
  CURRENT_PARAMS,
  checkPasswordPolicy,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './passwords';
import type { ScryptParams } from './passwords';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 5;

export interface AccountsDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  /** Password hashing cost; only tests lower it, explicitly (see TEST_ONLY_PARAMS). */
  hashing?: ScryptParams;
}

export const toSessionUser = (u: UserRow): SessionUser => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  role: u.role,
});

export const toSummary = (u: UserRow): UserSummary => ({
  ...toSessionUser(u),
  active: u.active,
  createdAt: u.createdAt,
  lastLoginAt: u.lastLoginAt,
});

function hhmm(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}.${String(d.getMinutes()).padStart(2, '0')}`;
}

/** WEAK_PASSWORD reply naming the form field, or null when the password is acceptable. */
export function passwordPolicyReply(
  locale: Locale,
  password: string,
  username: string,
  field = 'password',
): Reply<never> | null {
  const problem = checkPasswordPolicy(password, username);
  if (!problem) return null;
  const text = msg(locale, `password.${problem}`);
  return fail('WEAK_PASSWORD', text, { [field]: text });
}

export interface Accounts {
  login(username: string, password: string): Promise<Reply<SessionUser>>;
  /** Re-checks the password of the signed-in user (unlock); failures count toward lockout. */
  verifyUser(userId: string, password: string): Promise<Reply<SessionUser>>;
  createUser(
    actor: Actor | null,
    input: { username: string; fullName: string; role: Role; password: string },
  ): Promise<Reply<UserSummary>>;
  list(): UserSummary[];
  setActive(actor: Actor, userId: string, active: boolean): Reply<UserSummary>;
  resetPassword(actor: Actor, userId: string, password: string): Promise<Reply<null>>;
  changePassword(actor: Actor, current: string, next: string): Promise<Reply<null>>;
  /** A new password hash at this station's cost (the first supervisor at setup). */
  hash(password: string): Promise<string>;
}

export function createAccounts(deps: AccountsDeps): Accounts {
  const { db, now, audit } = deps;
  const L = () => deps.locale();
  const cost = deps.hashing ?? CURRENT_PARAMS;
  const hash = (password: string) => hashPassword(password, cost);

  /*
   * Unknown usernames get the same lockout as real ones (in memory), so "locked after 5 tries"
   * does not tell a guesser which usernames exist. Bounded so it cannot grow without limit.
   */
  const unknown = new Map<string, { failed: number; lockedUntil: number }>();
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= hash('rekam-dummy-password'));

  const lockedReply = (until: Date) =>
    fail('ACCOUNT_LOCKED', msg(L(), 'accountLocked', { time: hhmm(until) }));
  const lockUntil = () => new Date(now().getTime() + LOCKOUT_MINUTES * 60_000);

  async function failUnknown(username: string, password: string): Promise<Reply<never>> {
    const t = now().getTime();
    const entry = unknown.get(username);
    if (entry && entry.lockedUntil > t) return lockedReply(new Date(entry.lockedUntil));
    // Spend the same time as a real verification so response time does not leak existence.
    await verifyPassword(password, await dummy());
    // An expired lock starts a fresh count.
    const e = entry && entry.lockedUntil === 0 ? entry : { failed: 0, lockedUntil: 0 };
    e.failed += 1;
    if (unknown.size > 1000 && !unknown.has(username)) unknown.clear();
    unknown.set(username, e);
    // Typed usernames of unknown accounts are not audited: people type passwords there.
    audit.record(null, 'login.failed', null);
    if (e.failed >= MAX_FAILED_ATTEMPTS) {
      const until = lockUntil();
      e.failed = 0;
      e.lockedUntil = until.getTime();
      return lockedReply(until);
    }
    return fail('BAD_CREDENTIALS', msg(L(), 'badCredentials'));
  }

  /** Shared by login and unlock: lockout, password check, counting failures. */
  async function checkPassword(
    user: UserRow,
    password: string,
    failAction: 'login.failed' | 'unlock.failed' | 'password.change-failed',
  ): Promise<Reply<UserRow>> {
    const actor = { id: user.id, username: user.username };
    if (user.lockedUntil && Date.parse(user.lockedUntil) > now().getTime()) {
      audit.record(actor, 'login.refused-locked', user.username);
      return lockedReply(new Date(user.lockedUntil));
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failed = recordFailedAttempt(db, user.id);
      audit.record(actor, failAction, user.username);
      if (failed >= MAX_FAILED_ATTEMPTS) {
        const until = lockUntil();
        lockUser(db, user.id, until.toISOString());
        audit.record(actor, 'account.locked', user.username);
        return lockedReply(until);
      }
      if (failAction === 'login.failed') return fail('BAD_CREDENTIALS', msg(L(), 'badCredentials'));
      const text = msg(L(), 'wrongPassword');
      return fail(
        'BAD_CREDENTIALS',
        text,
        failAction === 'password.change-failed' ? { current: text } : undefined,
      );
    }
    if (!user.active) {
      audit.record(actor, 'login.refused-disabled', user.username);
      return fail('ACCOUNT_DISABLED', msg(L(), 'accountDisabled'));
    }
    if (needsRehash(user.passwordHash, cost)) {
      setPasswordHash(db, user.id, await hash(password));
    }
    return ok(user);
  }

  return {
    async login(username, password) {
      const user = findUserByUsername(db, username);
      if (!user) return failUnknown(username, password);
      const r = await checkPassword(user, password, 'login.failed');
      if (!r.ok) return r;
      recordLogin(db, user.id, now().toISOString());
      audit.record({ id: user.id, username: user.username }, 'login.ok', user.username);
      return ok(toSessionUser(user));
    },

    async verifyUser(userId, password) {
      const user = findUserById(db, userId);
      if (!user) return fail('UNAUTHENTICATED', msg(L(), 'unauthenticated'));
      const r = await checkPassword(user, password, 'unlock.failed');
      if (!r.ok) return r;
      recordLogin(db, user.id, now().toISOString());
      return ok(toSessionUser(user));
    },

    async createUser(actor, input) {
      const weak = passwordPolicyReply(L(), input.password, input.username);
      if (weak) return weak;
      if (findUserByUsername(db, input.username)) {
        const text = msg(L(), 'usernameTaken', { username: input.username });
        return fail('CONFLICT', text, { username: text });
      }
      const passwordHash = await hash(input.password);
      const at = now();
      const id = newId('U', at);
      try {
        db.transaction(() => {
          insertUser(db, {
            id,
            username: input.username,
            fullName: input.fullName,
            role: input.role,
            passwordHash,
            createdAt: at.toISOString(),
          });
          audit.record(actor ?? { id, username: input.username }, 'user.created', input.username);
        })();
      } catch (err) {
        // Lost a race with another create of the same username while hashing.
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          const text = msg(L(), 'usernameTaken', { username: input.username });
          return fail('CONFLICT', text, { username: text });
        }
        throw err;
      }
      return ok(toSummary(findUserById(db, id)!));
    },

    list: () => listUsers(db).map(toSummary),

    setActive(actor, userId, active) {
      const user = findUserById(db, userId);
      if (!user) return fail('NOT_FOUND', msg(L(), 'userNotFound'));
      if (!active && user.id === actor.id) return fail('CONFLICT', msg(L(), 'cannotDisableSelf'));
      if (
        !active &&
        user.active &&
        user.role === 'supervisor' &&
        countActiveByRole(db, 'supervisor') <= 1
      ) {
        return fail('CONFLICT', msg(L(), 'lastSupervisor'));
      }
      if (user.active !== active) {
        db.transaction(() => {
          setUserActive(db, user.id, active);
          audit.record(actor, active ? 'user.enabled' : 'user.disabled', user.username);
        })();
      }
      return ok(toSummary(findUserById(db, userId)!));
    },

    async resetPassword(actor, userId, password) {
      const user = findUserById(db, userId);
      if (!user) return fail('NOT_FOUND', msg(L(), 'userNotFound'));
      const weak = passwordPolicyReply(L(), password, user.username);
      if (weak) return weak;
      const hashed = await hash(password);
      db.transaction(() => {
        // Also clears a lockout: the supervisor vouches for the person at the desk.
        setPasswordHash(db, user.id, hashed);
        audit.record(actor, 'user.password-reset', user.username);
      })();
      return ok(null);
    },

    async changePassword(actor, current, next) {
      const user = findUserById(db, actor.id);
      if (!user) return fail('UNAUTHENTICATED', msg(L(), 'unauthenticated'));
      // Wrong current passwords count toward lockout like failed logins: an unattended
      // unlocked desk must not become a place to guess a colleague's password.
      const checked = await checkPassword(user, current, 'password.change-failed');
      if (!checked.ok) return checked;
      const weak = passwordPolicyReply(L(), next, user.username, 'next');
      if (weak) return weak;
      const hashed = await hash(next);
      db.transaction(() => {
        setPasswordHash(db, user.id, hashed);
        audit.record(actor, 'password.changed', user.username);
      })();
      return ok(null);
    },

    hash,
  };
}
