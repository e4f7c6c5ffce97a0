import { createHash } from 'node:crypto';

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: number;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  target: string | null;
}

/**
 * SHA-256 over the previous row's hash and every column of this row, as a JSON array so no
 * two different rows serialise alike. Changing, removing or reordering any row breaks every
 * hash after it.
 */
export function auditRowHash(prevHash: string, r: ChainedFields): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, r.id, r.at, r.userId, r.username, r.action, r.target]))
    .digest('hex');
}
