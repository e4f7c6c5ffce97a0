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
import { pdfUrl, useTx } from '../../app/tx';
import type { Tx } from '../../app/tx';
import './queue.css';
import { OfficeLink } from './office-link';

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
  const { tx } = useTx();
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
      if (!r.value)
        setBanner({ kind: 'info', text: tx('Tidak ada yang menunggu.', 'Nobody is waiting.') });
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
        text: tx(
          'Nomor {{n}} kembali ke antrean menunggu.',
          'Number {{n}} is back in the waiting line.',
          { n: c.number },
        ),
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
            ? tx(
                'Nomor {{n}} dilewati; dipanggil lagi nanti.',
                'Number {{n}} skipped; called again later.',
                { n: c.number },
              )
            : tx('Nomor {{n}} dicatat tidak hadir.', 'Number {{n}} marked as no-show.', {
                n: c.number,
              }),
      });
    });

  const counts = countByStatus(cards ?? []);
  const called = current?.card;

  return (
    <section className="screen queue">
      <div className="screen__head">
        <h1>{tx('Antrian', 'Queue')}</h1>
        <div className="queue__tools">
          <label htmlFor="queue-desk-name">{tx('Nama loket', 'Desk name')}</label>
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
            {tx('Buka layar TV', 'Open TV screen')}
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
          <h2>{tx('Pemanggilan', 'Calling')}</h2>
          <p className="muted small" data-testid="queue-counts">
            {tx(
              'Hari ini: {{w}} menunggu · {{s}} direkam · {{n}} tidak hadir',
              'Today: {{w}} waiting · {{s}} recorded · {{n}} no-show',
              { w: counts.waiting + counts.skipped, s: counts.served, n: counts['no-show'] },
            )}
          </p>
          <button
            type="button"
            className="btn btn--primary btn--large btn--block"
            data-testid="queue-call-next"
            disabled={busy}
            onClick={() => void callNext()}
          >
            {tx('Panggil berikutnya', 'Call next')}
          </button>
          {called ? (
            <div className="queue__called" data-testid="queue-called">
              <div className="queue__called-number" data-testid="queue-called-number">
                {called.number}
              </div>
              <div>
                <div className="queue__called-name">{called.name}</div>
                <div className="mono small">
                  {called.nik ? `NIK ${maskNik(called.nik)}` : tx('Tanpa NIK', 'No NIK')}
                </div>
                {called.lane === 'priority' ? (
                  <span className="badge badge--sealed">
                    {priorityLabel(called.priorityReason, tx)}
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
                  {tx('Mulai perekaman', 'Start recording')}
                </button>
                <button
                  type="button"
                  className="btn"
                  data-testid="queue-recall"
                  disabled={busy}
                  onClick={() => void recall(called)}
                >
                  {tx('Panggil ulang', 'Recall')}
                </button>
                <button
                  type="button"
                  className="btn"
                  data-testid="queue-skip"
                  disabled={busy}
                  onClick={() => void dismiss(called, 'skip')}
                >
                  {tx('Lewati', 'Skip')}
                </button>
                <button
                  type="button"
                  className="btn btn--danger"
                  data-testid="queue-no-show"
                  disabled={busy}
                  onClick={() => setConfirmNoShow(called)}
                >
                  {tx('Tidak hadir', 'No-show')}
                </button>
                {confirmNoShow && confirmNoShow.id === called.id ? (
                  <span
                    className="banner banner--warning queue__confirm"
                    role="alertdialog"
                    aria-label={tx('Catat tidak hadir?', 'Mark as no-show?')}
                    data-testid="queue-no-show-confirm"
                  >
                    {tx(
                      'Catat nomor {{n}} tidak hadir? Bisa dibatalkan sampai akhir hari.',
                      'Mark number {{n}} as no-show? It can be undone until the end of the day.',
                      { n: called.number },
                    )}
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
                      {tx('Ya, tidak hadir', 'Yes, no-show')}
                    </button>
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => setConfirmNoShow(null)}
                    >
                      {tx('Batal', 'Cancel')}
                    </button>
                  </span>
                ) : null}
              </div>
            </div>
          ) : null}
        </div>
        <WalkIn onIssued={reload} />
      </div>
      <CardTable cards={cards} tx={tx} onUndoNoShow={(c) => void undoNoShow(c)} />
    </section>
  );
}

function WalkIn({ onIssued }: { onIssued: () => void }) {
  const { tx, locale } = useTx();
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
    const p = walkInProblem({ nik, name }, tx);
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
      <h2>{tx('Pendaftaran datang langsung', 'Walk-in registration')}</h2>
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
          label={tx('Nama', 'Name')}
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
        <Field id="walkin-phone" label={tx('Telepon (opsional)', 'Phone (optional)')}>
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
        <Field id="walkin-priority" label={tx('Jalur', 'Lane')}>
          {(aria) => (
            <select
              {...aria}
              data-testid="walkin-priority"
              value={priority}
              onChange={(e) => setPriority(e.target.value as PriorityReason | '')}
            >
              <option value="">{priorityLabel(null, tx)}</option>
              {PRIORITY_REASONS.map((p) => (
                <option key={p} value={p}>
                  {tx('Prioritas: ', 'Priority: ')}
                  {priorityLabel(p, tx)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="walkin-address"
          label={tx('Alamat (opsional)', 'Address (optional)')}
          className="span-2"
        >
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
                {en.cardNumber ? ` · ${tx('kartu', 'card')} ${en.cardNumber}` : ''}
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
          {tx('Beri kartu antrian', 'Issue queue card')}
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
              <div className="small">
                {tx('Kartu yang sudah ada untuk NIK ini.', 'The existing card for this NIK.')}
              </div>
            ) : null}
            <div className="queue__free">GRATIS</div>
          </div>
          <div className="row-actions">
            <button
              type="button"
              className="btn btn--small"
              onClick={() => void printPdf(result.card.id)}
            >
              {tx('Cetak (PDF)', 'Print (PDF)')}
            </button>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => void printThermal(result.card.id)}
            >
              {tx('Cetak struk', 'Print slip')}
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}

function CardTable({
  cards,
  tx,
  onUndoNoShow,
}: {
  cards: QueueCard[] | null;
  tx: Tx;
  /** Today's no-shows can go back to the waiting line (a mistaken click, a late resident). */
  onUndoNoShow?: (c: QueueCard) => void;
}) {
  if (cards === null) return <p className="muted">{tx('Memuat…', 'Loading…')}</p>;
  return (
    <div className="card">
      <h2>{tx('Kartu hari ini', "Today's cards")}</h2>
      {cards.length === 0 ? (
        <p className="muted">{tx('Belum ada kartu untuk hari ini.', 'No cards for today yet.')}</p>
      ) : (
        <div className="queue__table-wrap">
          <table className="table" data-testid="queue-cards">
            <thead>
              <tr>
                <th scope="col">{tx('Nomor', 'Number')}</th>
                <th scope="col">{tx('Nama', 'Name')}</th>
                <th scope="col">NIK</th>
                <th scope="col">{tx('Jalur', 'Lane')}</th>
                <th scope="col">{tx('Status', 'Status')}</th>
                <th scope="col">{tx('Loket', 'Desk')}</th>
              </tr>
            </thead>
            <tbody>
              {cards.map((c) => (
                <tr key={c.id} data-testid="queue-card-row" data-status={c.status}>
                  <td className="mono">{c.number}</td>
                  <td>{c.name}</td>
                  <td className="mono">{c.nik ? maskNik(c.nik) : '—'}</td>
                  <td>{priorityLabel(c.priorityReason, tx)}</td>
                  <td>
                    <span
                      className={`badge badge--${statusBadge(c.status === 'served' && !c.recordingSealed ? 'called' : c.status)}`}
                    >
                      {cardLabel(c, tx)}
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
                        {tx('Batalkan tidak hadir', 'Undo no-show')}
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
