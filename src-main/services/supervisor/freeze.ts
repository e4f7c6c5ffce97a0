// Freeze rules: a desk that piles up work nobody approves, or packets that never leave
// the station, stops starting new recordings until the backlog is dealt with. Recording already
// under way is never interrupted — only a NEW draft is refused — so no resident is lost mid-way.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_SUPERVISOR_SETTINGS } from '../../api/contract-supervisor';
import type {
  FreezeCheck,
  FreezeRule,
  FreezeStatus,
  SupervisorSettings,
} from '../../api/contract-supervisor';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { countAwaiting, unsentFigures } from '../../store/approvals-repo';
import { getSetting, setSetting } from '../../store/settings-repo';
import type { Actor, Audit } from '../common/audit';
import { defineMessages, translator, type Locale } from '../../domain/i18n';
import type { HandlersFor } from '../../api/handlers';
import freezeText from './freeze.json' with { type: 'json' };

/** Keys in the `settings` table; `approval.requiredForUpload` is also read by the outbox query. */
export const SETTING_KEYS: Record<keyof SupervisorSettings, string> = {
  approvalRequiredForUpload: 'approval.requiredForUpload',
  dailyQuota: 'recap.dailyQuota',
  freezeMaxAwaitingApproval: 'freeze.maxAwaitingApproval',
  freezeMaxUnsent: 'freeze.maxUnsent',
  freezeMaxHoursWithoutOffload: 'freeze.maxHoursWithoutOffload',
};

function intSetting(db: Database, key: string, fallback: number): number {
  const raw = getSetting(db, key);
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

export function readSupervisorSettings(db: Database): SupervisorSettings {
  const d = DEFAULT_SUPERVISOR_SETTINGS;
  return {
    // Missing = a station set up before approval was on by default: it keeps uploading at once.
    approvalRequiredForUpload: getSetting(db, SETTING_KEYS.approvalRequiredForUpload) === '1',
    dailyQuota: Math.max(1, intSetting(db, SETTING_KEYS.dailyQuota, d.dailyQuota)),
    freezeMaxAwaitingApproval: intSetting(
      db,
      SETTING_KEYS.freezeMaxAwaitingApproval,
      d.freezeMaxAwaitingApproval,
    ),
    freezeMaxUnsent: intSetting(db, SETTING_KEYS.freezeMaxUnsent, d.freezeMaxUnsent),
    freezeMaxHoursWithoutOffload: intSetting(
      db,
      SETTING_KEYS.freezeMaxHoursWithoutOffload,
      d.freezeMaxHoursWithoutOffload,
    ),
  };
}

export function writeSupervisorSettings(db: Database, patch: Partial<SupervisorSettings>): void {
  for (const [k, v] of Object.entries(patch) as [keyof SupervisorSettings, unknown][]) {
    if (v === undefined) continue;
    setSetting(db, SETTING_KEYS[k], typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
}

const TEXT = defineMessages('services/supervisor/freeze', freezeText);

const say = translator(TEXT);

const HOUR_MS = 3_600_000;

/**
 * Evaluates the three rules. Each trips when its figure REACHES the limit (a limit of 50 means
 * the 50th recording awaiting approval stops the next new one); a limit of 0 switches it off.
 *
 * The offload-age rule counts from the later of the last upload, the last export and the
 * moment the oldest unsent packet was sealed — a new station, or one whose queue is empty, is
 * never frozen for an old sync.
 */
export function evaluateFreeze(db: Database, at: Date, locale: Locale): FreezeStatus {
  const s = readSupervisorSettings(db);
  const awaiting = countAwaiting(db);
  const u = unsentFigures(db, s.approvalRequiredForUpload);
  let hours = 0;
  if (u.unsent > 0 && u.oldestUnsentSealedAt) {
    const since = [u.lastSentAt, u.lastExportedAt, u.oldestUnsentSealedAt]
      .filter((x): x is string => x !== null)
      .reduce((a, b) => (a > b ? a : b));
    hours = Math.max(0, Math.floor((at.getTime() - Date.parse(since)) / HOUR_MS));
  }
  const check = (rule: FreezeRule, value: number, limit: number): FreezeCheck => ({
    rule,
    value,
    limit,
    tripped: limit > 0 && value >= limit,
    message: say(locale, rule, { value, limit }),
  });
  const checks = [
    check('awaiting-approval', awaiting, s.freezeMaxAwaitingApproval),
    check('unsent', u.unsent, s.freezeMaxUnsent),
    check('offload-age', hours, s.freezeMaxHoursWithoutOffload),
  ];
  const tripped = checks.filter((c) => c.tripped);
  return {
    frozen: tripped.length > 0,
    checks,
    message:
      tripped.length > 0
        ? say(locale, 'frozen', { reasons: tripped.map((c) => c.message).join(' ') })
        : null,
    checkedAt: at.toISOString(),
  };
}

export interface FreezeDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  /** Settings changed (the sync runner re-reads which packets may upload). */
  onSettingsChanged?: () => void;
}

export type FreezeMethod = 'freeze.status' | 'supervisor.settings' | 'supervisor.setSettings';
export type FreezeHandlers = HandlersFor<FreezeMethod>;

export interface Freeze {
  handlers: FreezeHandlers;
  status(): FreezeStatus;
  /** The refusal for a NEW draft while frozen; null when a new recording may start. */
  guardNewRecording(actor: Actor | null): Reply<never> | null;
}

export function createFreeze(deps: FreezeDeps): Freeze {
  const { db, now, audit } = deps;
  const status = () => evaluateFreeze(db, now(), deps.locale());

  return {
    status,
    guardNewRecording(actor) {
      const s = status();
      if (!s.frozen) return null;
      const rules = s.checks
        .filter((c) => c.tripped)
        .map((c) => c.rule)
        .join(',');
      audit.record(actor, 'freeze.blocked', rules);
      return fail('CONFLICT', s.message ?? '');
    },
    handlers: {
      'freeze.status': () => ok(status()),
      'supervisor.settings': () => ok(readSupervisorSettings(db)),
      'supervisor.setSettings': (input, { actor }) => {
        const patch = Object.fromEntries(
          Object.entries(input).filter(([, v]) => v !== undefined),
        ) as Partial<SupervisorSettings>;
        db.transaction(() => {
          writeSupervisorSettings(db, patch);
          // Names of the settings changed, never values a free field could carry.
          audit.record(actor, 'supervisor.settings', Object.keys(patch).join(',').slice(0, 200));
        })();
        deps.onSettingsChanged?.();
        return ok(readSupervisorSettings(db));
      },
    },
  };
}
