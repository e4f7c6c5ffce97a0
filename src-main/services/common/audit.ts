import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditChainStatus, AuditEntry } from '../../api/contract';
import { keyFingerprint } from '../../packets/keys';
import { GENESIS_HASH, auditRowHash } from '../../store/audit-chain';
import {
  auditRowById,
  auditRowsAfter,
  auditTip,
  countAudit,
  insertAudit,
  insertAuditCheckpoint,
  latestAuditCheckpoint,
  listAudit,
} from '../../store/audit-repo';
import type { AuditCheckpointRow } from '../../store/audit-repo';
import { getSetting, setSetting } from '../../store/settings-repo';
import { localDateKey } from '../../domain/format-date';

export interface Actor {
  id: string;
  username: string;
}

import type { AuditAction } from '../../domain/audit-actions';

export type { AuditAction };

export interface Audit {
  record(actor: Actor | null, action: AuditAction, target?: string | null): void;
  list(limit: number): AuditEntry[];
  /** Signs a checkpoint (row count, last hash) with the station key; a no-op without keys. */
  checkpoint(reason: string): void;
  /** Checks the hash chain incrementally, at most `budget` rows per call (the log grows for years). */
  verify(budget?: number): AuditChainStatus;
}

export interface AuditOptions {
  /** The station's Ed25519 key pair (PEM); checkpoints are signed with it. */
  stationKeys?: () => { publicKeyPem: string; privateKeyPem: string };
}

/** Domain separation: an audit checkpoint signature can never pass for a packet's. */
const CHECKPOINT_PREFIX = 'RKM-audit-checkpoint-v1';
const checkpointText = (c: Omit<AuditCheckpointRow, 'id' | 'signature' | 'keyFingerprint'>) =>
  Buffer.from(
    [CHECKPOINT_PREFIX, c.at, c.reason, c.rowCount, c.lastId, c.lastHash].join('\n'),
    'utf8',
  );

/** Where the incremental check stands: the verified tip, and a sweep that re-reads old rows. */
interface VerifyState {
  tipId: number;
  tipHash: string;
  sweepId: number;
}
const VERIFY_SETTING = 'audit.chain_verified';

export function createAudit(db: Database, now: () => Date, opts: AuditOptions = {}): Audit {
  let checkpointDay: string | null = null;

  function checkpoint(reason: string): void {
    if (!opts.stationKeys) return;
    const keys = opts.stationKeys();
    const tip = auditTip(db);
    const c = {
      at: now().toISOString(),
      reason,
      rowCount: countAudit(db),
      lastId: tip?.id ?? 0,
      lastHash: tip?.hash ?? GENESIS_HASH,
    };
    const signature = sign(null, checkpointText(c), createPrivateKey(keys.privateKeyPem));
    insertAuditCheckpoint(db, {
      ...c,
      signature: signature.toString('base64'),
      keyFingerprint: keyFingerprint(keys.publicKeyPem),
    });
    checkpointDay = localDateKey(now());
  }

  /** One signed checkpoint per local day with activity, besides those of exports. */
  function dailyCheckpoint(): void {
    if (!opts.stationKeys) return;
    const today = localDateKey(now());
    if (checkpointDay === null) {
      const last = latestAuditCheckpoint(db);
      checkpointDay = last ? localDateKey(new Date(last.at)) : '';
    }
    if (checkpointDay !== today) checkpoint('daily');
  }

  function checkpointOk(): AuditChainStatus['lastCheckpoint'] {
    const cp = latestAuditCheckpoint(db);
    if (!cp) return null;
    let signatureOk = false;
    if (opts.stationKeys) {
      const pub = opts.stationKeys().publicKeyPem;
      signatureOk =
        keyFingerprint(pub) === cp.keyFingerprint &&
        verify(null, checkpointText(cp), createPublicKey(pub), Buffer.from(cp.signature, 'base64'));
    }
    const row = auditRowById(db, cp.lastId);
    const matches =
      (cp.lastId === 0 || row?.hash === cp.lastHash) && countAudit(db, cp.lastId) === cp.rowCount;
    return { at: cp.at, reason: cp.reason, rows: cp.rowCount, signatureOk, matches };
  }

  function verifyChain(budget = 50_000): AuditChainStatus {
    const rows = countAudit(db);
    let st: VerifyState = { tipId: 0, tipHash: GENESIS_HASH, sweepId: 0 };
    try {
      st = { ...st, ...(JSON.parse(getSetting(db, VERIFY_SETTING) ?? '{}') as VerifyState) };
    } catch {
      // An unreadable state only means starting over.
    }
    const lastCheckpoint = checkpointOk();
    const broken = (brokenAt: NonNullable<AuditChainStatus['brokenAt']>): AuditChainStatus => ({
      state: 'broken',
      rows,
      verifiedRows: countAudit(db, st.tipId),
      brokenAt,
      lastCheckpoint,
    });
    // The row verified last time must be unchanged: rewriting older rows changes it.
    if (st.tipId > 0) {
      const anchor = auditRowById(db, st.tipId);
      if (!anchor) return broken({ id: st.tipId, at: null, reason: 'missing' });
      if (anchor.hash !== st.tipHash)
        return broken({ id: st.tipId, at: anchor.at, reason: 'changed' });
    }
    const ahead = walkChain(db, st.tipId, st.tipHash, budget, Infinity);
    if (ahead.broken) return broken(ahead.broken);
    st = { ...st, tipId: ahead.lastId, tipHash: ahead.lastHash };
    // A slice of the verified rows is read again each time, so a row rewritten in place (with
    // the triggers dropped) is found within a few checks, however long the log is.
    const sweepFrom = st.sweepId === 0 ? null : auditRowById(db, st.sweepId);
    if (st.sweepId !== 0 && !sweepFrom)
      return broken({ id: st.sweepId, at: null, reason: 'missing' });
    const sweep = walkChain(
      db,
      st.sweepId,
      sweepFrom?.hash ?? GENESIS_HASH,
      Math.ceil(budget / 4),
      st.tipId,
    );
    if (sweep.broken) return broken(sweep.broken);
    st.sweepId = sweep.lastId >= st.tipId ? 0 : sweep.lastId;
    setSetting(db, VERIFY_SETTING, JSON.stringify(st));
    if (lastCheckpoint && (!lastCheckpoint.matches || !lastCheckpoint.signatureOk)) {
      const cp = latestAuditCheckpoint(db)!;
      return broken({ id: cp.lastId, at: cp.at, reason: 'checkpoint' });
    }
    return {
      state: st.tipId === (auditTip(db)?.id ?? 0) ? 'intact' : 'checking',
      rows,
      verifiedRows: countAudit(db, st.tipId),
      brokenAt: null,
      lastCheckpoint,
    };
  }

  return {
    record(actor, action, target = null) {
      insertAudit(db, {
        at: now().toISOString(),
        userId: actor?.id ?? null,
        username: actor?.username ?? null,
        action,
        target,
      });
      // Every export and bundle leaves the station with a signed statement of the log so far.
      if (action.startsWith('export.')) checkpoint(action);
      else dailyCheckpoint();
    },
    list: (limit) => listAudit(db, limit),
    checkpoint,
    verify: verifyChain,
  };
}

/** Follows the chain from `afterId` (whose hash is `prevHash`) for at most `limit` rows. */
function walkChain(
  db: Database,
  afterId: number,
  prevHash: string,
  limit: number,
  untilId: number,
): { lastId: number; lastHash: string; broken: AuditChainStatus['brokenAt'] } {
  let lastId = afterId;
  let lastHash = prevHash;
  let left = limit;
  while (left > 0 && lastId < untilId) {
    const page = auditRowsAfter(db, lastId, Math.min(left, 1000));
    if (page.length === 0) break;
    for (const row of page) {
      if (row.id > untilId) return { lastId, lastHash, broken: null };
      if (row.prevHash !== lastHash) {
        return { lastId, lastHash, broken: { id: row.id, at: row.at, reason: 'link' } };
      }
      if (auditRowHash(row.prevHash, row) !== row.hash) {
        return { lastId, lastHash, broken: { id: row.id, at: row.at, reason: 'content' } };
      }
      lastId = row.id;
      lastHash = row.hash;
    }
    left -= page.length;
  }
  return { lastId, lastHash, broken: null };
}
