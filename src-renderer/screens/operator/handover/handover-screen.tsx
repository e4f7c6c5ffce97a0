import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverCandidate } from '../../../../src-main/api/contract-handover';
import { call } from '../../../app/station-client';
import { formatDateTime } from '../../../app/format';
import { HandoverCaseView } from './handover-case';
import { groupNik, looksLikeCode, typedByScanner } from './handover-model';
import { QrScanner } from './qr-scanner';
import './handover.css';

/**
 * Penyerahan KTP-el at the counter: find the card by NIK, name or the receipt's QR code (the
 * webcam, or a USB barcode scanner typing into the search field), then the handover itself.
 */
export function HandoverScreen() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<HandoverCandidate[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [qr, setQr] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const times = useRef<number[]>([]);
  const input = useRef<HTMLInputElement | null>(null);

  const show = (r: Awaited<ReturnType<typeof call<'handover.find'>>>) => {
    if (r.ok) {
      setError(null);
      setResults(r.value);
      // One card waiting at the counter opens at once; anything else is listed with its state.
      const only = r.value.length === 1 ? r.value[0]! : null;
      if (only?.cardState === 'at_office') setOpen(only.recordingId);
    } else {
      setResults([]);
      setError(r.error.message);
    }
  };

  const scanned = async (code: string) => {
    setQr(false);
    const r = await call('handover.scan', { code });
    show(r.ok ? { ok: true, value: [r.value] } : r);
  };

  const search = async () => {
    const q = query.trim();
    const byScanner = typedByScanner(times.current);
    times.current = [];
    if (!q) return;
    if (byScanner || looksLikeCode(q)) return scanned(q);
    show(await call('handover.find', { query: q }));
  };

  if (open) {
    return (
      <HandoverCaseView
        recordingId={open}
        kind="counter"
        roundId={null}
        onClose={() => {
          setOpen(null);
          setResults([]);
          setQuery('');
          setTimeout(() => input.current?.focus(), 0);
        }}
      />
    );
  }

  return (
    <section className="ho" data-testid="handover-screen">
      <h1 className="ho__title">{t('handover.title')}</h1>
      <form
        className="ho-search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label htmlFor="ho-search">{t('handover.searchLabel')}</label>
        <div className="ho-search__row">
          <input
            id="ho-search"
            ref={input}
            data-testid="ho-search"
            autoFocus
            autoComplete="off"
            value={query}
            placeholder={t('handover.searchPlaceholder')}
            onChange={(e) => {
              if (e.target.value === '') times.current = [];
              else times.current.push(performance.now());
              setQuery(e.target.value);
            }}
          />
          <button type="submit" className="btn btn--primary" data-testid="ho-find">
            {t('handover.find')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="ho-qr-toggle"
            aria-pressed={qr}
            onClick={() => setQr(!qr)}
          >
            {qr ? t('handover.qrClose') : t('handover.qrOpen')}
          </button>
        </div>
        <p className="ho-search__hint">{t('handover.searchHint')}</p>
      </form>
      {qr ? <QrScanner onCode={(c) => void scanned(c)} /> : null}
      {error ? (
        <p className="banner banner--error" role="alert" data-testid="ho-error">
          {error}
        </p>
      ) : null}
      {results.length > 0 ? (
        <table className="ho-results" data-testid="ho-results">
          <thead>
            <tr>
              <th>{t('handover.colName')}</th>
              <th>NIK</th>
              <th>{t('handover.colState')}</th>
              <th>{t('handover.colRecorded')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {results.map((c) => (
              <tr key={c.recordingId}>
                <td>{c.name}</td>
                <td className="ho-nik">{groupNik(c.nik)}</td>
                <td>{t(`handover.state.${c.cardState}`, { defaultValue: c.cardState })}</td>
                <td>{formatDateTime(c.recordedAt)}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn--small"
                    data-testid="ho-open"
                    onClick={() => setOpen(c.recordingId)}
                  >
                    {t('handover.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
