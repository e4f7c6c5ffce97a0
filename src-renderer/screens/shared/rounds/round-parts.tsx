import { useTranslation } from 'react-i18next';
import type { RoundItemView, RoundView } from '../../../../src-main/api/contract-rounds';
import { call } from '../../../app/station-client';
import { downloadPdf } from '../../../app/files';

/** A round's state as a badge: planned, out with the clerk, closed. */
export function RoundStateBadge({ state }: { state: RoundView['state'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge rounds-state rounds-state--${state}`} data-testid="round-state">
      {t(`rounds.state.${state}`)}
    </span>
  );
}

/** What became of one card: still to visit, handed over, not delivered (with why), returned. */
export function OutcomeBadge({ item }: { item: RoundItemView }) {
  const { t } = useTranslation();
  const text =
    item.outcome === 'undeliverable' && item.reason
      ? `${t('rounds.outcome.undeliverable')}: ${t(`rounds.reason.${item.reason}`)}`
      : t(`rounds.outcome.${item.outcome}`);
  return (
    <span
      className={`badge rounds-outcome rounds-outcome--${item.outcome}`}
      data-testid="round-outcome"
    >
      {text}
    </span>
  );
}

/** RT/RW as printed on the sheet. */
export const rtRw = (i: { rt: string; rw: string }) => `${i.rt || '—'}/${i.rw || '—'}`;

/** Downloads the round sheet PDF (the browser's viewer prints it); the error text if refused. */
export async function printSheet(roundId: string): Promise<string | null> {
  const r = await call('rounds.sheet', { roundId });
  if (!r.ok) return r.error.message;
  downloadPdf(r.value.pdfBase64, r.value.fileName);
  return null;
}

/** "3 kartu: 1 diserahkan, 1 tidak terantar, 1 belum". */
export function RoundCounts({ round }: { round: RoundView }) {
  const { t } = useTranslation();
  return (
    <>
      {t('rounds.summary', {
        total: round.total,
        delivered: round.delivered,
        undeliverable: round.undeliverable,
        pending: round.pending,
      })}
    </>
  );
}
