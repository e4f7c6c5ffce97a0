// The seal step's password check. Sealing happens with a resident waiting at the desk, so a
// mistyped password must not lock the operator out for minutes like a failed login does: the
// seal step counts its own attempts, says how many are left, and after the last one a
// supervisor standing at the desk lifts the lock with their own password (audit-logged).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { SealGuardState } from '../../api/contract-desk';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { getSetting, setSetting } from '../../store/settings-repo';
import { findUserById, findUserByUsername } from '../../store/users-repo';
import type { Actor, Audit } from '../common/audit';
import { defineMessages, format, type Locale } from '../../domain/i18n';
import { verifyPassword } from '../accounts/passwords';
import sealGuardText from './seal-guard.json' with { type: 'json' };

export const MAX_SEAL_ATTEMPTS = 5;

const TEXT = defineMessages('services/recording/seal-guard', sealGuardText);

export interface SealGuardDeps {
  db: Database;
  locale: () => Locale;
  audit: Audit;
  /** The accounts' password re-check: a supervisor's failures count toward their own lockout. */
  verifySupervisor(userId: string, password: string): Promise<Reply<unknown>>;
}

export interface SealGuard {
  state(userId: string): SealGuardState;
  /** ok when the operator's own password is right; counts and locks when it is not. */
  check(actor: Actor, password: string): Promise<Reply<null>>;
  unlock(actor: Actor, username: string, password: string): Promise<Reply<SealGuardState>>;
}

const key = (userId: string) => `seal_failures:${userId}`;

export function createSealGuard(deps: SealGuardDeps): SealGuard {
  const { db, audit } = deps;
  // Kept in the (encrypted) settings table so a restart does not reset the count.
  const failures = (userId: string) => Number(getSetting(db, key(userId)) ?? '0') || 0;
  const setFailures = (userId: string, n: number) => setSetting(db, key(userId), String(n));
  const state = (userId: string): SealGuardState => {
    const left = Math.max(0, MAX_SEAL_ATTEMPTS - failures(userId));
    return { attemptsLeft: left, maxAttempts: MAX_SEAL_ATTEMPTS, locked: left === 0 };
  };
  const tx = (k: keyof typeof TEXT, n = 0) => format(TEXT[k], deps.locale(), { n });

  return {
    state,

    async check(actor, password) {
      if (state(actor.id).locked) return fail('ACCOUNT_LOCKED', tx('locked'));
      const user = findUserById(db, actor.id);
      if (user && (await verifyPassword(password, user.passwordHash))) {
        if (failures(actor.id) > 0) setFailures(actor.id, 0);
        return ok(null);
      }
      const n = failures(actor.id) + 1;
      db.transaction(() => {
        setFailures(actor.id, n);
        audit.record(actor, 'seal.failed', actor.username);
        if (n >= MAX_SEAL_ATTEMPTS) audit.record(actor, 'seal.locked', actor.username);
      })();
      const left = MAX_SEAL_ATTEMPTS - n;
      if (left <= 0) return fail('ACCOUNT_LOCKED', tx('locked'));
      const text = left === 1 ? tx('wrongLast') : tx('wrong', left);
      return fail('BAD_CREDENTIALS', text, { password: text });
    },

    async unlock(actor, username, password) {
      const sup = findUserByUsername(db, username);
      if (!sup) {
        audit.record(actor, 'seal.unlock-refused', actor.username);
        const text = tx('badSupervisor');
        return fail('BAD_CREDENTIALS', text, { supervisorPassword: text });
      }
      if (sup.role !== 'supervisor' || !sup.active) {
        audit.record(actor, 'seal.unlock-refused', actor.username);
        return fail('FORBIDDEN', tx('notSupervisor'));
      }
      const v = await deps.verifySupervisor(sup.id, password);
      if (!v.ok) {
        audit.record(actor, 'seal.unlock-refused', actor.username);
        if (v.error.code !== 'BAD_CREDENTIALS') return v;
        const text = tx('badSupervisor');
        return fail('BAD_CREDENTIALS', text, { supervisorPassword: text });
      }
      db.transaction(() => {
        setFailures(actor.id, 0);
        // Who vouched, for whom: "kepala unlocked sealing for budi".
        audit.record({ id: sup.id, username: sup.username }, 'seal.unlocked', actor.username);
      })();
      return ok(state(actor.id));
    },
  };
}
