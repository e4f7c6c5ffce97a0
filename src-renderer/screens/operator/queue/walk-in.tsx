import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITY_REASONS } from '../../../../src-main/api/contract-queue';
import type {
  IssueResult,
  PriorityReason,
  QueueSearchResult,
} from '../../../../src-main/api/contract-queue';
import { displayServiceDate } from '../../../../src-main/domain/format-date';
import { maskNik } from '../../../../src-main/domain/nik';
import { pdfUrl } from '../../../app/files';
import { call } from '../../../app/station-client';
import { Field } from '../../../components/field';
import { currentLocale } from '../../../i18n';
import { priorityLabel, walkInProblem } from './queue-model';

/**
 * A walk-in's card: NIK or name (a pre-registered resident is found as it is typed), phone,
 * priority; the card is for today if there is room, otherwise the earliest day with room.
 */
export function WalkIn({ onIssued }: { onIssued: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [priority, setPriority] = useState<PriorityReason | ''>('');
  const [entryId, setEntryId] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [result, setResult] = useState<IssueResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<QueueSearchResult | null>(null);
  const [busy, setBusy] = useState(false);

  // Residents on a pre-registration list are found as the NIK or name is typed.
  const query = (nik.replace(/\s+/g, '') || name).trim();
  const searching = query.length >= 3 && !entryId;
  // When the search stops applying (too short, or a list entry was picked) the matches go away.
  const [wasSearching, setWasSearching] = useState(searching);
  if (searching !== wasSearching) {
    setWasSearching(searching);
    if (!searching) setFound(null);
  }
  useEffect(() => {
    if (!searching) return;
    let live = true;
    const timer = setTimeout(() => {
      void call('queue.search', { query: query.slice(0, 64) }).then((r) => {
        if (live && r.ok) setFound(r.value);
      });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, searching]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = walkInProblem({ nik, name }, t);
    setProblem(p);
    setError(null);
    if (p || busy) return;
    setBusy(true);
    const cleanNik = nik.replace(/\s+/g, '');
    const r = await call('queue.issue', {
      name: name.trim().toUpperCase(),
      ...(cleanNik ? { nik: cleanNik } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(address.trim() ? { address: address.trim().toUpperCase() } : {}),
      priority: priority || null,
      ...(entryId ? { listEntryId: entryId } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      if (r.error.fields) {
        const [field, message] = Object.entries(r.error.fields)[0] ?? [];
        if (field && message) setProblem({ field, message });
      }
      return;
    }
    setResult(r.value);
    setNik('');
    setName('');
    setPhone('');
    setAddress('');
    setPriority('');
    setEntryId(null);
    onIssued();
    setTimeout(() => document.getElementById('walkin-nik')?.focus(), 0);
  };

  const printPdf = async (id: string) => {
    const r = await call('queue.cardPdf', { id });
    if (r.ok) window.open(pdfUrl(r.value.pdfBase64), '_blank');
    else setError(r.error.message);
  };
  const printThermal = async (id: string) => {
    const r = await call('queue.print', { id });
    if (!r.ok) setError(r.error.message);
  };
  const err = (f: string) => (problem?.field === f ? [problem.message] : []);

  return (
    <form
      className="card queue__walkin"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        // A <select> does not submit its form on Enter; here Enter issues from every field.
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'SELECT') {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
      noValidate
    >
      <h2>{t('queue.desk.walkInRegistration')}</h2>
      <div className="grid">
        <Field id="walkin-nik" label="NIK" testKey="walkin-nik" errors={err('nik')}>
          {(aria) => (
            <input
              {...aria}
              className="mono"
              data-testid="walkin-nik"
              inputMode="numeric"
              maxLength={24}
              autoComplete="off"
              value={nik}
              onChange={(e) => {
                setNik(e.target.value);
                setEntryId(null);
              }}
            />
          )}
        </Field>
        <Field
          id="walkin-name"
          label={t('queue.desk.name')}
          testKey="walkin-name"
          errors={err('name')}
        >
          {(aria) => (
            <input
              {...aria}
              className="upper"
              data-testid="walkin-name"
              maxLength={120}
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field id="walkin-phone" label={t('queue.desk.phoneOptional')}>
          {(aria) => (
            <input
              {...aria}
              data-testid="walkin-phone"
              inputMode="tel"
              maxLength={20}
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
          )}
        </Field>
        <Field id="walkin-priority" label={t('queue.desk.lane')}>
          {(aria) => (
            <select
              {...aria}
              data-testid="walkin-priority"
              value={priority}
              onChange={(e) => setPriority(e.target.value as PriorityReason | '')}
            >
              <option value="">{priorityLabel(null, t)}</option>
              {PRIORITY_REASONS.map((p) => (
                <option key={p} value={p}>
                  {t('queue.desk.priority')}
                  {priorityLabel(p, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="walkin-address" label={t('queue.desk.addressOptional')} className="span-2">
          {(aria) => (
            <input
              {...aria}
              className="upper"
              data-testid="walkin-address"
              maxLength={200}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
          )}
        </Field>
      </div>
      {found && found.entries.length > 0 ? (
        <ul className="queue__found" data-testid="walkin-found">
          {found.entries.slice(0, 5).map((en) => (
            <li key={en.id}>
              <button
                type="button"
                className="btn btn--small"
                data-testid="walkin-found-entry"
                onClick={() => {
                  setNik(en.nik);
                  setName(en.name);
                  setAddress(en.address);
                  setPhone(en.phone ?? '');
                  setEntryId(en.id);
                }}
              >
                {en.name} · <span className="mono">{maskNik(en.nik)}</span>
                {en.cardNumber ? ` · ${t('queue.desk.card')} ${en.cardNumber}` : ''}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="banner banner--error" role="alert" data-testid="walkin-error">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn--primary"
          data-testid="walkin-issue"
          disabled={busy}
        >
          {t('queue.desk.issueQueueCard')}
        </button>
      </div>
      {result ? (
        <div className="queue__ticket" data-testid="walkin-result" role="status">
          <div className="queue__ticket-number" data-testid="walkin-result-number">
            {result.card.number}
          </div>
          <div>
            <div data-testid="walkin-result-date" data-date={result.card.date}>
              {displayServiceDate(result.card.date, locale)}
            </div>
            <div className="muted small">{result.note}</div>
            {result.existing ? (
              <div className="small">{t('queue.desk.theExistingCardForThis')}</div>
            ) : null}
            <div className="queue__free">GRATIS</div>
          </div>
          <div className="row-actions">
            <button
              type="button"
              className="btn btn--small"
              onClick={() => void printPdf(result.card.id)}
            >
              {t('queue.desk.printPdf')}
            </button>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => void printThermal(result.card.id)}
            >
              {t('queue.desk.printSlip')}
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
