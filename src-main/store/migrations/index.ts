import { migration0001 } from './0001-station-users-audit-recordings';
import { migration0002 } from './0002-photos';
import { migration0003 } from './0003-fingerprints';
import { migration0004 } from './0004-signatures';
import { migration0005 } from './0005-outbox-and-station-keys';
import { migration0006 } from './0006-approvals-and-withdrawn-packets';
import { migration0007 } from './0007-exports-log-and-exported-packets';
import { migration0008 } from './0008-queue-cards-lists-outreach';
import { migration0009 } from './0009-audit-hash-chain';
import { migration0010 } from './0010-outbox-verified-verdict';
import { migration0011 } from './0011-desk-drafts';
import { migration0012 } from './0012-approval-reviewed-marker';
import { migration0013 } from './0013-history-indexes';
import { migration0014 } from './0014-queue-card-name-search';
import { migration0015 } from './0015-retention-marks';
import { migration0016 } from './0016-office-hub';
import { migration0017 } from './0017-office-recordings';
import { migration0018 } from './0018-card-stock';
import { migration0019 } from './0019-office-card-links';
import { migration0020 } from './0020-handover-records';
import { migration0021 } from './0021-delivery-rounds';
import { migration0022 } from './0022-office-card-details';
import type { Migration } from './types';

export type { Migration };

/** Every migration the app knows, in order. Append only; never edit a shipped one. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
  migration0021,
  migration0022,
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]?.version ?? 0;
