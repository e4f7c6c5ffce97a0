import type {
  CardStatus,
  PriorityReason,
  QueueCard,
} from '../../../../src-main/api/contract-queue';
import type { TFunction } from 'i18next';

/** Where the desk name is remembered on this PC (the TV shows it; it is not personal data). */
export const DESK_STORAGE_KEY = 'rekam.queue.desk';
export const DEFAULT_DESK = 'Loket 1';

export function readDesk(storage: Pick<Storage, 'getItem'> | null): string {
  try {
    const v = storage?.getItem(DESK_STORAGE_KEY)?.trim();
    return v ? v.slice(0, 40) : DEFAULT_DESK;
  } catch {
    return DEFAULT_DESK;
  }
}

export function statusLabel(s: CardStatus, t: TFunction): string {
  switch (s) {
    case 'waiting':
      return t('queue.model.waiting');
    case 'called':
      return t('queue.model.called');
    case 'skipped':
      return t('queue.model.skipped');
    case 'served':
      return t('queue.model.recorded');
    case 'no-show':
      return t('queue.model.noShow');
    case 'cancelled':
      return t('queue.model.cancelled');
  }
}

/**
 * A card's label: "Direkam" only once its recording is sealed; while the draft is open it is
 * being recorded, not recorded.
 */
export function cardLabel(c: Pick<QueueCard, 'status' | 'recordingSealed'>, t: TFunction): string {
  if (c.status === 'served' && !c.recordingSealed) return t('queue.model.beingRecorded');
  return statusLabel(c.status, t);
}

/** The badge colours the shared stylesheet already has. */
export function statusBadge(s: CardStatus): string {
  return s === 'served'
    ? 'approved'
    : s === 'no-show' || s === 'cancelled'
      ? 'rejected'
      : s === 'called'
        ? 'sealed'
        : 'draft';
}

export function priorityLabel(p: PriorityReason | null, t: TFunction): string {
  switch (p) {
    case 'elderly':
      return t('queue.model.elderly');
    case 'disabled':
      return t('queue.model.disabled');
    case 'pregnant':
      return t('queue.model.pregnant');
    default:
      return t('queue.model.regular');
  }
}

/** Counts per status for the desk's summary line. */
export function countByStatus(cards: readonly QueueCard[]): Record<CardStatus, number> {
  const out: Record<CardStatus, number> = {
    waiting: 0,
    called: 0,
    skipped: 0,
    served: 0,
    'no-show': 0,
    cancelled: 0,
  };
  // "Recorded" counts sealed recordings only; one still being recorded is with the desk (called).
  for (const c of cards)
    out[c.status === 'served' && !c.recordingSealed ? 'called' : c.status] += 1;
  return out;
}

/** The walk-in form's own checks, before the station's: a NIK, if typed, is 16 digits. */
export function walkInProblem(
  v: { nik: string; name: string },
  t: TFunction,
): { field: 'nik' | 'name'; message: string } | null {
  const nik = v.nik.replace(/\s+/g, '');
  if (nik !== '' && !/^\d{16}$/.test(nik))
    return { field: 'nik', message: t('queue.model.theNikMustBe16') };
  if (v.name.trim() === '')
    return {
      field: 'name',
      message: t('queue.model.enterTheNameRequiredWithout'),
    };
  return null;
}
