import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../app/station-client';
import { downloadPdf, receiptFileName } from '../app/files';

/** Prints a sealed recording's receipt again (printer jammed, resident came back for it). */
export function ReceiptButton({ id, onError }: { id: string; onError: (m: string) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="btn btn--small"
      data-testid="today-receipt"
      disabled={busy}
      aria-busy={busy}
      onClick={() => {
        setBusy(true);
        void call('recordings.receipt', { id }).then((r) => {
          setBusy(false);
          if (r.ok) downloadPdf(r.value.pdfBase64, receiptFileName(id, new Date()));
          else onError(r.error.message);
        });
      }}
    >
      {t('review.receiptAgain')}
    </button>
  );
}
