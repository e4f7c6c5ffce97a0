import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { OUTREACH_KINDS } from '../../../src-main/api/contract-queue';
import type {
  AffectedCard,
  CapacityView,
  DayPlan,
  ImportListResult,
  ListInspection,
  OutreachKind,
  OutreachReport,
  OutreachSession,
  PreregList,
} from '../../../src-main/api/contract-queue';
import { maskNik } from '../../../src-main/domain/nik';
import { call } from '../../app/station-client';
import { Field } from '../../components/field';
import './queue-figures';
import {
  displayServiceDate,
  formatDayMonthShort,
  isoDay,
  weekdayNames,
} from '../../../src-main/domain/format-date';
import { fileToBase64 } from '../../app/files';
import { DateField } from '../../components/date-field';
import { TimeField } from '../../components/time-field';
import type { TFunction } from 'i18next';
import './queue.css';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';

type Tab = 'capacity' | 'lists' | 'outreach';
type Banner = { kind: 'ok' | 'error'; text: string } | null;

/** The supervisor's queue settings: capacity, pre-registration lists, outreach sessions. */
export function QueueAdmin() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('capacity');
  const tabs: [Tab, string][] = [
    ['capacity', t('queue.admin.capacity')],
    ['lists', t('queue.admin.preRegistrationLists')],
    ['outreach', t('queue.admin.outreachSessions')],
  ];
  return (
    <section className="screen queue">
      <div className="screen__head">
        <h1>{t('queue.admin.queueSettings')}</h1>
      </div>
      <div className="queue__tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`btn${tab === id ? ' btn--primary' : ''}`}
            data-testid={`queue-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'capacity' ? (
        <CapacityPanel />
      ) : tab === 'lists' ? (
        <ListsPanel />
      ) : (
        <OutreachPanel />
      )}
    </section>
  );
}

function BannerLine({ banner }: { banner: Banner }) {
  return banner ? (
    <p
      className={`banner banner--${banner.kind}`}
      role={banner.kind === 'error' ? 'alert' : 'status'}
      data-testid="queue-admin-banner"
    >
      {banner.text}
    </p>
  ) : null;
}

/** Monday first, as the week is laid out on an Indonesian calendar. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

function CapacityPanel() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [view, setView] = useState<CapacityView | null>(null);
  const [days, setDays] = useState<DayPlan[]>([]);
  const [affected, setAffected] = useState<AffectedCard[]>([]);
  const [banner, setBanner] = useState<Banner>(null);
  const [desks, setDesks] = useState('');
  const [perDesk, setPerDesk] = useState('');
  const [share, setShare] = useState('');
  const [opens, setOpens] = useState('');
  const [closes, setCloses] = useState('');
  const [serviceDays, setServiceDays] = useState<number[]>([]);
  const [holidayDate, setHolidayDate] = useState('');
  const [holidayName, setHolidayName] = useState('');

  const [reloads, setReloads] = useState(0);
  const load = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    void Promise.all([
      call('queue.capacity', {}),
      call('queue.days', { days: 14 }),
      call('queue.affected', {}),
    ]).then(([c, d, a]) => {
      if (!live) return;
      if (c.ok) {
        setView(c.value);
        const s = c.value.settings;
        setDesks(String(s.activeDesks));
        setPerDesk(String(s.recordingsPerDesk));
        setShare(String(s.priorityShare));
        setOpens(s.opensAt);
        setCloses(s.closesAt);
        setServiceDays(s.serviceDays);
      } else setBanner({ kind: 'error', text: c.error.message });
      if (d.ok) setDays(d.value);
      if (a.ok) setAffected(a.value);
    });
    return () => {
      live = false;
    };
  }, [reloads]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const n = (v: string) => Number.parseInt(v, 10);
    if ([desks, perDesk, share].some((v) => !/^\d+$/.test(v.trim()))) {
      setBanner({ kind: 'error', text: t('queue.admin.enterWholeNumbers') });
      return;
    }
    if (!opens || !closes) {
      setBanner({
        kind: 'error',
        text: t('queue.admin.enterTheOpeningAndClosing'),
      });
      return;
    }
    const r = await call('queue.setCapacity', {
      activeDesks: n(desks),
      recordingsPerDesk: n(perDesk),
      priorityShare: n(share),
      opensAt: opens,
      closesAt: closes,
      serviceDays: [...serviceDays].sort(),
    });
    if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
    setAffected(r.value.affected);
    setBanner({
      kind: 'ok',
      text:
        r.value.affected.length > 0
          ? t('queue.admin.savedNCardsNoLonger', { n: r.value.affected.length })
          : t('queue.admin.capacitySaved'),
    });
    load();
  };

  const addHoliday = async () => {
    if (!view || !/^\d{4}-\d{2}-\d{2}$/.test(holidayDate) || holidayName.trim() === '') {
      setBanner({
        kind: 'error',
        text: t('queue.admin.enterTheDateAndName'),
      });
      return;
    }
    const holidays = [...view.settings.holidays, { date: holidayDate, name: holidayName.trim() }];
    const r = await call('queue.setCapacity', { holidays });
    if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
    setHolidayDate('');
    setHolidayName('');
    setAffected(r.value.affected);
    load();
  };

  const reschedule = async (id: string) => {
    const r = await call('queue.reschedule', { id });
    if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
    setBanner({
      kind: 'ok',
      text: t('queue.admin.cardNMovedToD', {
        n: r.value.number,
        d: displayServiceDate(r.value.date, locale),
      }),
    });
    load();
  };

  const fullNames = weekdayNames(locale);
  return (
    <div>
      <BannerLine banner={banner} />
      <div className="split">
        <form className="card split__main" onSubmit={(e) => void save(e)} noValidate>
          <h2>{t('queue.admin.stationCapacity')}</h2>
          {view ? (
            <p data-testid="capacity-daily">
              {t('queue.admin.capacityPerDayNRecordings', {
                n: view.dailyCapacity,
              })}
              {view.nextFreeDate
                ? ` · ${t('queue.admin.nextFreeDate')}: ${displayServiceDate(view.nextFreeDate, locale)}`
                : ''}
            </p>
          ) : null}
          <div className="grid">
            <NumberField
              id="cap-desks"
              label={t('queue.admin.activeDesks')}
              value={desks}
              onChange={setDesks}
            />
            <NumberField
              id="cap-per-desk"
              label={t('queue.admin.recordingsPerDeskPerDay')}
              value={perDesk}
              onChange={setPerDesk}
            />
            <NumberField
              id="cap-share"
              label={t('queue.admin.priorityLaneShare')}
              value={share}
              onChange={setShare}
            />
            <Field id="cap-hours" label={t('queue.admin.serviceHours')}>
              {(aria) => (
                <span className="pair">
                  <TimeField
                    id={aria.id}
                    describedBy={aria['aria-describedby']}
                    testId="cap-opens"
                    value={opens}
                    onChange={setOpens}
                  />
                  <TimeField
                    label={t('queue.admin.closes')}
                    testId="cap-closes"
                    value={closes}
                    onChange={setCloses}
                  />
                </span>
              )}
            </Field>
          </div>
          <fieldset className="form-section">
            <legend>{t('queue.admin.serviceDays')}</legend>
            {/* One box per day, Monday first as on an Indonesian calendar: the day's name and its
                tick are in the same box, so which box is which day cannot be misread. */}
            <div className="week-grid" data-testid="service-days">
              {WEEK_ORDER.map((i) => {
                const on = serviceDays.includes(i);
                return (
                  <label
                    key={i}
                    className={`week-grid__day${on ? ' week-grid__day--on' : ''}`}
                    data-testid={`service-day-${i}`}
                    data-open={on}
                  >
                    <span className="week-grid__name">{fullNames[i]}</span>
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={(e) =>
                        setServiceDays((s) =>
                          e.target.checked ? [...s, i] : s.filter((x) => x !== i),
                        )
                      }
                    />
                    <span className="week-grid__state">
                      {on ? t('queue.admin.open') : t('queue.admin.closed')}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" data-testid="capacity-save">
              {t('queue.admin.saveCapacity')}
            </button>
          </div>
          <h3>{t('queue.admin.holidays')}</h3>
          <ul className="small">
            {view?.settings.holidays.map((h) => (
              <li key={h.date}>
                {displayServiceDate(h.date, locale)} — {h.name}
              </li>
            ))}
          </ul>
          <div className="inline-form">
            <DateField
              label={t('queue.admin.holidayDate')}
              value={holidayDate}
              onChange={setHolidayDate}
            />
            <input
              aria-label={t('queue.admin.holidayName')}
              placeholder={t('queue.admin.holidayName')}
              value={holidayName}
              maxLength={80}
              onChange={(e) => setHolidayName(e.target.value)}
            />
            <button type="button" className="btn btn--small" onClick={() => void addHoliday()}>
              {t('queue.admin.addHoliday')}
            </button>
          </div>
        </form>
        <aside className="card split__side">
          <h2>{t('queue.admin.next14Days')}</h2>
          <ul className="queue__days" data-testid="capacity-days">
            {days.map((d) => (
              <li key={d.date} data-open={d.open} title={d.closedReason ?? ''}>
                <strong>{formatDayMonthShort(isoDay(d.date), locale)}</strong>
                <br />
                {d.open ? `${d.issued}/${d.capacity}` : (d.closedReason ?? t('queue.admin.closed'))}
              </li>
            ))}
          </ul>
        </aside>
      </div>
      {affected.length > 0 ? (
        <div className="card" data-testid="capacity-affected">
          <h2>{t('queue.admin.cardsToCallAbout')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th>{t('queue.admin.number')}</th>
                <th>{t('queue.admin.date')}</th>
                <th>{t('queue.admin.name')}</th>
                <th>{t('queue.admin.phone')}</th>
                <th>{t('queue.admin.earliestNewDate')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {affected.map((a) => (
                <tr key={a.card.id}>
                  <td className="mono">{a.card.number}</td>
                  <td>{displayServiceDate(a.card.date, locale)}</td>
                  <td>{a.card.name}</td>
                  <td className="mono">{a.card.phone ?? '—'}</td>
                  <td>{a.earliestDate ? displayServiceDate(a.earliestDate, locale) : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => void reschedule(a.card.id)}
                    >
                      {t('queue.admin.move')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function NumberField(p: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field id={p.id} label={p.label}>
      {(aria) => (
        <input
          {...aria}
          data-testid={p.id}
          inputMode="numeric"
          value={p.value}
          maxLength={5}
          onChange={(e) => p.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

function ListsPanel() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [lists, setLists] = useState<PreregList[]>([]);
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [inspection, setInspection] = useState<ListInspection | null>(null);
  const [sheet, setSheet] = useState('');
  const [result, setResult] = useState<ImportListResult | null>(null);
  const [banner, setBanner] = useState<Banner>(null);
  const [busy, setBusy] = useState(false);
  const [reloads, setReloads] = useState(0);
  const load = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    void call('queue.lists', {}).then((r) => {
      if (live && r.ok) setLists(r.value);
    });
    return () => {
      live = false;
    };
  }, [reloads]);

  /** A chosen file is looked into first: an XLSX with several sheets asks which one to read. */
  const choose = async (f: File | null) => {
    setFile(f);
    setInspection(null);
    setSheet('');
    if (!f) return;
    setBusy(true);
    setBanner(null);
    const r = await call('queue.inspectList', { contentBase64: await fileToBase64(f) });
    setBusy(false);
    if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
    setInspection(r.value);
    setSheet(r.value.defaultSheet ?? '');
  };

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || name.trim() === '') {
      setBanner({
        kind: 'error',
        text: t('queue.admin.chooseAFileAndName'),
      });
      return;
    }
    setBusy(true);
    setBanner(null);
    const r = await call('queue.importList', {
      name: name.trim(),
      fileName: file.name.slice(0, 200),
      contentBase64: await fileToBase64(file),
      ...(sheet ? { sheet } : {}),
    });
    setBusy(false);
    if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
    setResult(r.value);
    setName('');
    load();
  };

  const bulk = async (l: PreregList) => {
    const r = await call('queue.issueForList', { listId: l.id });
    if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
    const dates = [...new Set(r.value.issued.map((c) => c.date))].sort();
    setBanner({
      kind: 'ok',
      text: t('queue.admin.nCardsIssuedDE', {
        n: r.value.issued.length,
        d: dates.map((d) => displayServiceDate(d, locale)).join(', ') || '—',
        e: r.value.existing.length,
        s: r.value.skipped.length,
      }),
    });
    load();
  };

  return (
    <div>
      <BannerLine banner={banner} />
      <div className="split">
        <div className="split__main">
          <table className="table" data-testid="lists-table">
            <thead>
              <tr>
                <th>{t('queue.admin.list')}</th>
                <th>{t('queue.admin.file')}</th>
                <th>{t('queue.admin.residents')}</th>
                <th>{t('queue.admin.rejected')}</th>
                <th>{t('queue.admin.carded')}</th>
                <th>{t('queue.admin.recorded')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {lists.map((l) => (
                <tr key={l.id} data-testid="list-row">
                  <td>{l.name}</td>
                  <td className="small">{l.fileName}</td>
                  <td>{l.entries}</td>
                  <td>{l.rejected}</td>
                  <td>{l.carded}</td>
                  <td>{l.recorded}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn--small"
                      data-testid="list-bulk-cards"
                      onClick={() => void bulk(l)}
                    >
                      {t('queue.admin.cardsForAll')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result ? <ImportReport result={result} t={t} /> : null}
        </div>
        <form className="card split__side" onSubmit={(e) => void upload(e)} noValidate>
          <h2>{t('queue.admin.importAListCsvXlsx')}</h2>
          <p className="muted small">{t('queue.admin.columnsNikOrNoKtp')}</p>
          <Field id="list-name" label={t('queue.admin.listName')}>
            {(aria) => (
              <input
                {...aria}
                data-testid="list-name"
                maxLength={80}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <Field id="list-file" label={t('queue.admin.file')}>
            {(aria) => (
              <input
                {...aria}
                type="file"
                data-testid="list-file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => void choose(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          {inspection && inspection.sheets.length > 1 ? (
            <Field
              id="list-sheet"
              label={t('queue.admin.sheetToImport')}
              hint={t('queue.admin.thisFileHasNSheets', { n: inspection.sheets.length })}
            >
              {(aria) => (
                <select
                  {...aria}
                  data-testid="list-sheet"
                  value={sheet}
                  onChange={(e) => setSheet(e.target.value)}
                >
                  {inspection.sheets.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.hasHeader
                        ? t('queue.admin.nameNRows', {
                            name: s.name,
                            n: s.rows,
                          })
                        : t('queue.admin.nameNRowsNoNik', { name: s.name, n: s.rows })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <div className="form-actions">
            <button
              type="submit"
              className="btn btn--primary"
              data-testid="list-import"
              disabled={busy}
            >
              {t('queue.admin.import')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

function ImportReport({ result, t }: { result: ImportListResult; t: TFunction }) {
  return (
    <div className="card" data-testid="import-report">
      <h2>{t('queue.admin.importResult')}</h2>
      <p data-testid="import-summary">
        {t('queue.admin.nRowsImportedRRows', {
          n: result.imported,
          r: result.rejected.length,
        })}
      </p>
      {result.sheet !== null ? (
        <p className="small" data-testid="import-sheet">
          {t('queue.admin.sheetReadSheetSheetsIn', {
            sheet: result.sheet,
            all: result.sheets.join(', '),
          })}
        </p>
      ) : null}
      {result.unusedColumns.length > 0 ? (
        <p className="small" data-testid="import-unused">
          <strong>
            {t('queue.admin.columnsNotUsed')} {result.unusedColumns.join(', ')}.
          </strong>{' '}
          {t('queue.admin.theirContentsWereNotSaved')}
        </p>
      ) : null}
      {result.rejected.length > 0 ? (
        <table className="table" data-testid="import-rejected">
          <thead>
            <tr>
              <th>{t('queue.admin.row')}</th>
              <th>NIK</th>
              <th>{t('queue.admin.name')}</th>
              <th>{t('queue.admin.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rejected.map((r) => (
              <tr key={r.row} data-testid="import-rejected-row">
                <td className="mono">{r.row}</td>
                <td className="mono">{r.nik || '—'}</td>
                <td>{r.name || '—'}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function OutreachPanel() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [sessions, setSessions] = useState<OutreachSession[]>([]);
  const [lists, setLists] = useState<PreregList[]>([]);
  const [place, setPlace] = useState('');
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<OutreachKind>('village-hall');
  const [listId, setListId] = useState('');
  const [report, setReport] = useState<OutreachReport | null>(null);
  const [banner, setBanner] = useState<Banner>(null);
  const kindLabel = (k: OutreachKind) =>
    k === 'school'
      ? t('queue.admin.school')
      : k === 'village-hall'
        ? t('queue.admin.villageHall')
        : t('queue.admin.homeVisit');

  const [reloads, setReloads] = useState(0);
  const load = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    void Promise.all([call('outreach.list', {}), call('queue.lists', {})]).then(([s, l]) => {
      if (!live) return;
      if (s.ok) setSessions(s.value);
      if (l.ok) setLists(l.value);
    });
    return () => {
      live = false;
    };
  }, [reloads]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const r = await call('outreach.create', {
      place: place.trim(),
      date,
      kind,
      listId: listId || null,
    });
    if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
    setPlace('');
    setBanner({ kind: 'ok', text: t('queue.admin.sessionCreated') });
    load();
  };
  const act = async (s: OutreachSession, what: 'start' | 'end' | 'report') => {
    if (what === 'report') {
      const r = await call('outreach.report', { id: s.id });
      if (r.ok) setReport(r.value);
      else setBanner({ kind: 'error', text: r.error.message });
      return;
    }
    const r = await call(what === 'start' ? 'outreach.start' : 'outreach.end', { id: s.id });
    if (!r.ok) setBanner({ kind: 'error', text: r.error.message });
    load();
  };

  return (
    <div>
      <BannerLine banner={banner} />
      <div className="split">
        <div className="split__main">
          <table className="table" data-testid="outreach-table">
            <thead>
              <tr>
                <th>{t('queue.admin.date')}</th>
                <th>{t('queue.admin.place')}</th>
                <th>{t('queue.admin.kind')}</th>
                <th>{t('queue.admin.state')}</th>
                <th>{t('queue.admin.recordings')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} data-testid="outreach-row">
                  <td>{displayServiceDate(s.date, locale)}</td>
                  <td>{s.place}</td>
                  <td>{kindLabel(s.kind)}</td>
                  <td>
                    {s.state === 'active'
                      ? t('queue.admin.active')
                      : s.state === 'ended'
                        ? t('queue.admin.ended')
                        : t('queue.admin.planned')}
                  </td>
                  <td>{s.recordings}</td>
                  <td className="row-actions">
                    {s.state === 'planned' ? (
                      <button
                        type="button"
                        className="btn btn--small"
                        onClick={() => void act(s, 'start')}
                      >
                        {t('queue.admin.start')}
                      </button>
                    ) : null}
                    {s.state === 'active' ? (
                      <button
                        type="button"
                        className="btn btn--small"
                        onClick={() => void act(s, 'end')}
                      >
                        {t('queue.admin.end')}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="btn btn--small"
                      data-testid="outreach-report"
                      onClick={() => void act(s, 'report')}
                    >
                      {t('queue.admin.report')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report ? (
            <div className="card" data-testid="outreach-report-view">
              <h2>
                {t('queue.admin.reportP', { p: report.session.place })} ·{' '}
                {displayServiceDate(report.session.date, locale)}
              </h2>
              <h3>{t('queue.admin.recordedN', { n: report.recorded.length })}</h3>
              <ul>
                {report.recorded.map((r) => (
                  <li key={r.recordingId}>
                    {r.name} · <span className="mono">{maskNik(r.nik)}</span>
                  </li>
                ))}
              </ul>
              <h3>
                {t('queue.admin.notRecordedN', {
                  n: report.notRecorded.length,
                })}
              </h3>
              <ul>
                {report.notRecorded.map((r) => (
                  <li key={r.entryId}>
                    {r.name} · <span className="mono">{maskNik(r.nik)}</span> · {r.address}
                    {r.phone ? ` · ${r.phone}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
        <form className="card split__side" onSubmit={(e) => void create(e)} noValidate>
          <h2>{t('queue.admin.newSession')}</h2>
          <Field id="outreach-place" label={t('queue.admin.place')}>
            {(aria) => (
              <input
                {...aria}
                data-testid="outreach-place"
                maxLength={120}
                value={place}
                onChange={(e) => setPlace(e.target.value)}
              />
            )}
          </Field>
          <Field id="outreach-date" label={t('queue.admin.date')}>
            {(aria) => (
              <DateField id={aria.id} testId="outreach-date" value={date} onChange={setDate} />
            )}
          </Field>
          <Field id="outreach-kind" label={t('queue.admin.kind')}>
            {(aria) => (
              <select
                {...aria}
                value={kind}
                onChange={(e) => setKind(e.target.value as OutreachKind)}
              >
                {OUTREACH_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(k)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="outreach-list" label={t('queue.admin.residentListOptional')}>
            {(aria) => (
              <select {...aria} value={listId} onChange={(e) => setListId(e.target.value)}>
                <option value="">—</option>
                {lists.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" data-testid="outreach-create">
              {t('queue.admin.createSession')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
