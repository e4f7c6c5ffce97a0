import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { PRIORITY_REASONS } from '../../../src-main/api/contract-queue';
import type {
  CallResult,
  IssueResult,
  PriorityReason,
  QueueCard,
  QueueSearchResult,
} from '../../../src-main/api/contract-queue';
import { maskNik } from '../../../src-main/domain/nik';
import { call, onEvent } from '../../app/station-client';
import { Field } from '../../components/field';
import { tvUrl } from '../../tv/tv-model';
import {
  DESK_STORAGE_KEY,
  countByStatus,
  priorityLabel,
  readDesk,
  statusBadge,
  cardLabel,
  walkInProblem,
} from './queue-model';
import { displayServiceDate } from '../../../src-main/domain/format-date';
import { pdfUrl } from '../../app/files';
import type { TFunction } from 'i18next';
import './queue.css';
import { OfficeLink } from './office-link';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** Opens the waiting-room TV page as a second window (browser host; Electron allows #/tv). */
export function openTvWindow(): void {
  window.open(tvUrl(window.location.href), 'rekam-tv', 'popup,width=1280,height=720');
}

/**
 * The operator's queue desk: call the next card, recall / skip / no-show, start the recording
 * for the called card, and give walk-ins their card (today if there is room, otherwise the
 * earliest day with room — nobody leaves without one).
 */
export function QueueDesk({ onRecord }: { onRecord: (called: CallResult) => void }) {
  const { t } = useTranslation();
  const [desk, setDesk] = useState(() => readDesk(storage()));
  const [current, setCurrent] = useState<CallResult | null>(null);
  const [cards, setCards] = useState<QueueCard[] | null>(null);
  const [banner, setBanner] = useState<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const deskRef = useRef(desk.trim());
  deskRef.current = desk.trim() || readDesk(null);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    void call('queue.cards', { limit: 2000 }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setBanner({ kind: 'error', text: r.error.message });
        return;
      }
      setCards(r.value);
      // Coming back to the desk: the card this desk called is still the one in hand.
      setCurrent((cur) => {
        if (cur) return cur;
        const mine = r.value.find((c) => c.status === 'called' && c.desk === deskRef.current);
        return mine
          ? {
              card: mine,
              prefill: { nik: mine.nik ?? '', name: mine.name, address: mine.address ?? '' },
            }
          : null;
      });
    });
    return () => {
      live = false;
    };
  }, [tick]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent('queue.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [reload]);

  const deskName = desk.trim() || readDesk(null);
  const act = async (fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setBanner(null);
    try {
      await fn();
    } finally {
      setBusy(false);
      reload();
    }
  };

  const callNext = () =>
    act(async () => {
      const r = await call('queue.callNext', { desk: deskName });
      if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
      setCurrent(r.value);
      if (!r.value) setBanner({ kind: 'info', text: t('queue.desk.nobodyIsWaiting') });
    });
  const recall = (c: QueueCard) =>
    act(async () => {
      const r = await call('queue.recall', { id: c.id, desk: deskName });
      if (r.ok) setCurrent(r.value);
      else setBanner({ kind: 'error', text: r.error.message });
    });
  const [confirmNoShow, setConfirmNoShow] = useState<QueueCard | null>(null);
  const undoNoShow = (c: QueueCard) =>
    act(async () => {
      const r = await call('queue.undoNoShow', { id: c.id });
      if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
      setBanner({
        kind: 'ok',
        text: t('queue.desk.numberNIsBackIn', { n: c.number }),
      });
    });
  const dismiss = (c: QueueCard, how: 'skip' | 'noShow') =>
    act(async () => {
      const r = await call(how === 'skip' ? 'queue.skip' : 'queue.noShow', { id: c.id });
      if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
      setCurrent(null);
      setBanner({
        kind: 'ok',
        text:
          how === 'skip'
            ? t('queue.desk.numberNSkippedCalledAgain', { n: c.number })
            : t('queue.desk.numberNMarkedAsNo', {
                n: c.number,
              }),
      });
    });

  const counts = countByStatus(cards ?? []);
  const called = current?.card;

  return (
    <section className="screen queue">
      <div className="screen__head">
        <h1>{t('queue.desk.queue')}</h1>
        <div className="queue__tools">
          <label htmlFor="queue-desk-name">{t('queue.desk.deskName')}</label>
          <input
            id="queue-desk-name"
            data-testid="queue-desk-name"
            value={desk}
            maxLength={40}
            onChange={(e) => {
              setDesk(e.target.value);
              try {
                storage()?.setItem(DESK_STORAGE_KEY, e.target.value);
              } catch {
                // Not remembered: the name still works for this session.
              }
            }}
          />
          <button type="button" className="btn" data-testid="queue-open-tv" onClick={openTvWindow}>
            {t('queue.desk.openTvScreen')}
          </button>
        </div>
      </div>
      <OfficeLink onChange={reload} />
      {banner ? (
        <p
          className={`banner banner--${banner.kind}`}
          role={banner.kind === 'error' ? 'alert' : 'status'}
          data-testid="queue-banner"
        >
          {banner.text}
        </p>
      ) : null}
      <div className="queue__grid">
        <div className="card queue__caller">
          <h2>{t('queue.desk.calling')}</h2>
          <p className="muted small" data-testid="queue-counts">
            {t('queue.desk.todayWWaitingSRecorded', {
              w: counts.waiting + counts.skipped,
              s: counts.served,
              n: counts['no-show'],
            })}
          </p>
          <button
            type="button"
            className="btn btn--primary btn--large btn--block"
            data-testid="queue-call-next"
            disabled={busy}
            onClick={() => void callNext()}
          >
            {t('queue.desk.callNext')}
          </button>
          {called ? (
            <div className="queue__called" data-testid="queue-called">
              <div className="queue__called-number" data-testid="queue-called-number">
                {called.number}
              </div>
              <div>
                <div className="queue__called-name">{called.name}</div>
                <div className="mono small">
                  {called.nik ? `NIK ${maskNik(called.nik)}` : t('queue.desk.noNik')}
                </div>
                {called.lane === 'priority' ? (
                  <span className="badge badge--sealed">
                    {priorityLabel(called.priorityReason, t)}
                  </span>
                ) : null}
              </div>
              <div className="queue__called-actions">
                <button
                  type="button"
                  className="btn btn--primary"
                  data-testid="queue-record"
                  onClick={() => current && onRecord(current)}
                >
                  {t('queue.desk.startRecording')}
                </button>
                <button
                  type="button"
                  className="btn"
                  data-testid="queue-recall"
                  disabled={busy}
                  onClick={() => void recall(called)}
                >
                  {t('queue.desk.recall')}
                </button>
                <button
                  type="button"
                  className="btn"
                  data-testid="queue-skip"
                  disabled={busy}
                  onClick={() => void dismiss(called, 'skip')}
                >
                  {t('queue.desk.skip')}
                </button>
                <button
                  type="button"
                  className="btn btn--danger"
                  data-testid="queue-no-show"
                  disabled={busy}
                  onClick={() => setConfirmNoShow(called)}
                >
                  {t('queue.desk.noShow')}
                </button>
                {confirmNoShow && confirmNoShow.id === called.id ? (
                  <span
                    className="banner banner--warning queue__confirm"
                    role="alertdialog"
                    aria-label={t('queue.desk.markAsNoShow')}
                    data-testid="queue-no-show-confirm"
                  >
                    {t('queue.desk.markNumberNAsNo', { n: called.number })}
                    <button
                      type="button"
                      className="btn btn--danger btn--small"
                      data-testid="queue-no-show-yes"
                      autoFocus
                      onClick={() => {
                        setConfirmNoShow(null);
                        void dismiss(called, 'noShow');
                      }}
                    >
                      {t('queue.desk.yesNoShow')}
                    </button>
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => setConfirmNoShow(null)}
                    >
                      {t('queue.desk.cancel')}
                    </button>
                  </span>
                ) : null}
              </div>
            </div>
          ) : null}
        </div>
        <WalkIn onIssued={reload} />
      </div>
      <CardTable cards={cards} t={t} onUndoNoShow={(c) => void undoNoShow(c)} />
    </section>
  );
}

function WalkIn({ onIssued }: { onIssued: () => void }) {
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

function CardTable({
  cards,
  t,
  onUndoNoShow,
}: {
  cards: QueueCard[] | null;
  t: TFunction;
  /** Today's no-shows can go back to the waiting line (a mistaken click, a late resident). */
  onUndoNoShow?: (c: QueueCard) => void;
}) {
  if (cards === null) return <p className="muted">{t('queue.desk.loading')}</p>;
  return (
    <div className="card">
      <h2>{t('queue.desk.todaySCards')}</h2>
      {cards.length === 0 ? (
        <p className="muted">{t('queue.desk.noCardsForTodayYet')}</p>
      ) : (
        <div className="queue__table-wrap">
          <table className="table" data-testid="queue-cards">
            <thead>
              <tr>
                <th scope="col">{t('queue.desk.number')}</th>
                <th scope="col">{t('queue.desk.name')}</th>
                <th scope="col">NIK</th>
                <th scope="col">{t('queue.desk.lane')}</th>
                <th scope="col">{t('queue.desk.status')}</th>
                <th scope="col">{t('queue.desk.desk')}</th>
              </tr>
            </thead>
            <tbody>
              {cards.map((c) => (
                <tr key={c.id} data-testid="queue-card-row" data-status={c.status}>
                  <td className="mono">{c.number}</td>
                  <td>{c.name}</td>
                  <td className="mono">{c.nik ? maskNik(c.nik) : '—'}</td>
                  <td>{priorityLabel(c.priorityReason, t)}</td>
                  <td>
                    <span
                      className={`badge badge--${statusBadge(c.status === 'served' && !c.recordingSealed ? 'called' : c.status)}`}
                    >
                      {cardLabel(c, t)}
                    </span>
                  </td>
                  <td>
                    {c.desk ?? '—'}
                    {c.status === 'no-show' && onUndoNoShow ? (
                      <button
                        type="button"
                        className="btn btn--small"
                        data-testid="queue-undo-no-show"
                        onClick={() => onUndoNoShow(c)}
                      >
                        {t('queue.desk.undoNoShow')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
