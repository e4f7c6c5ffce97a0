import type { CardStatus, PriorityReason, QueueCard } from '../../../src-main/api/contract-queue';
import type { Tx } from '../../app/tx';

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

export function statusLabel(s: CardStatus, tx: Tx): string {
  switch (s) {
    case 'waiting':
      return tx('Menunggu', 'Waiting');
    case 'called':
      return tx('Dipanggil', 'Called');
    case 'skipped':
      return tx('Dilewati', 'Skipped');
    case 'served':
      return tx('Direkam', 'Recorded');
    case 'no-show':
      return tx('Tidak hadir', 'No-show');
    case 'cancelled':
      return tx('Dibatalkan', 'Cancelled');
  }
}

/**
 * A card's label: "Direkam" only once its recording is sealed; while the draft is open it is
 * being recorded, not recorded.
 */
export function cardLabel(c: Pick<QueueCard, 'status' | 'recordingSealed'>, tx: Tx): string {
  if (c.status === 'served' && !c.recordingSealed) return tx('Sedang direkam', 'Being recorded');
  return statusLabel(c.status, tx);
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

export function priorityLabel(p: PriorityReason | null, tx: Tx): string {
  switch (p) {
    case 'elderly':
      return tx('Lansia', 'Elderly');
    case 'disabled':
      return tx('Disabilitas', 'Disabled');
    case 'pregnant':
      return tx('Ibu hamil', 'Pregnant');
    default:
      return tx('Reguler', 'Regular');
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
  tx: Tx,
): { field: 'nik' | 'name'; message: string } | null {
  const nik = v.nik.replace(/\s+/g, '');
  if (nik !== '' && !/^\d{16}$/.test(nik))
    return { field: 'nik', message: tx('NIK harus 16 angka.', 'The NIK must be 16 digits.') };
  if (v.name.trim() === '')
    return {
      field: 'name',
      message: tx(
        'Isi nama (wajib bila NIK belum ada).',
        'Enter the name (required without a NIK).',
      ),
    };
  return null;
}
