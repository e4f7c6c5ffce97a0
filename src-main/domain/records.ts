// The shapes of what the station keeps, shared by the store (its rows) and the contract (what
// the screens see), so the store never imports the contract.

export type RecordingStatus = 'draft' | 'sealed' | 'approved' | 'rejected' | 'uploaded';

/** What the centre reports for a packet; null until it has answered. */
export type CentralStatus = 'received' | 'duplicate' | 'rejected' | 'print-ready';

/** The supervisor's verdict on a sealed recording. */
export type ApprovalDecisionKind = 'approved' | 'rejected';

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  target: string | null;
}

/** One pen sample: millimetres from the pad's top-left, pressure 0–1, ms since start. */
export interface PenPoint {
  x: number;
  y: number;
  p: number;
  t: number;
}

/** What the station's disk holds, as the storage diagnostics and retention count it. */
export type StorageCategory = 'photos' | 'fingerprints' | 'signatures' | 'packets' | 'rest';

export const PRIORITY_REASONS = ['elderly', 'disabled', 'pregnant'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export type CardStatus =
  /** Issued, not yet called. */
  | 'waiting'
  /** Called at a desk, resident on the way / being recorded. */
  | 'called'
  /** Called, not present; back in the queue after the cards waiting at that moment. */
  | 'skipped'
  /** A recording was made for it. */
  | 'served'
  | 'no-show'
  | 'cancelled';

/** The outbox runner as the operator's status bar and the Pusat screen see it. */
export interface SyncStatus {
  state: 'idle' | 'syncing' | 'paused' | 'offline' | 'not-configured' | 'error';
  pendingPackets: number;
  pendingBytes: number;
  sentBytes: number;
  /** Seconds to empty the queue at the recent rate; null when unknown. */
  etaSeconds: number | null;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export type ExportKind = 'pdf' | 'csv' | 'xlsx' | 'bundle';

/** One line of the exports log: who exported what, when, and whether NIKs were in full. */
export interface ExportLogEntry {
  id: number;
  at: string;
  kind: ExportKind;
  username: string | null;
  from: string;
  to: string;
  fileName: string;
  bytes: number;
  rows: number;
  fullNik: boolean;
}
