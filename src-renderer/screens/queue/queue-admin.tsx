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
import { fileToBase64, useTx } from '../../app/tx';
import { DateField } from '../../components/date-field';
import { TimeField } from '../../components/time-field';
import type { Tx } from '../../app/tx';
import './queue.css';

type Tab = 'capacity' | 'lists' | 'outreach';
type Banner = { kind: 'ok' | 'error'; text: string } | null;

/** The supervisor's queue settings: capacity, pre-registration lists, outreach sessions. */
export function QueueAdmin() {
  const { tx } = useTx();
  const [tab, setTab] = useState<Tab>('capacity');
  const tabs: [Tab, string][] = [
    ['capacity', tx('Kapasitas', 'Capacity')],
    ['lists', tx('Daftar pra-registrasi', 'Pre-registration lists')],
    ['outreach', tx('Pelayanan keliling', 'Outreach sessions')],
  ];
  return (
    <section className="screen queue">
      <div className="screen__head">
        <h1>{tx('Pengaturan antrian', 'Queue settings')}</h1>
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
  const { tx, locale } = useTx();
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
      setBanner({ kind: 'error', text: tx('Isi angka bulat.', 'Enter whole numbers.') });
      return;
    }
    if (!opens || !closes) {
      setBanner({
        kind: 'error',
        text: tx(
          'Isi jam buka dan tutup sebagai JJ:MM, 24 jam (mis. 07:30 dan 15:00).',
          'Enter the opening and closing hours as HH:MM, 24-hour (e.g. 07:30 and 15:00).',
        ),
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
          ? tx(
              'Tersimpan. {{n}} kartu tidak lagi muat di tanggalnya: hubungi warga di bawah.',
              'Saved. {{n}} cards no longer fit their date: call the residents below.',
              { n: r.value.affected.length },
            )
          : tx('Kapasitas tersimpan.', 'Capacity saved.'),
    });
    load();
  };

  const addHoliday = async () => {
    if (!view || !/^\d{4}-\d{2}-\d{2}$/.test(holidayDate) || holidayName.trim() === '') {
      setBanner({
        kind: 'error',
        text: tx('Isi tanggal dan nama libur.', 'Enter the date and name.'),
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
      text: tx('Kartu {{n}} dipindah ke {{d}}.', 'Card {{n}} moved to {{d}}.', {
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
          <h2>{tx('Kapasitas stasiun', 'Station capacity')}</h2>
          {view ? (
            <p data-testid="capacity-daily">
              {tx('Kapasitas per hari: {{n}} perekaman', 'Capacity per day: {{n}} recordings', {
                n: view.dailyCapacity,
              })}
              {view.nextFreeDate
                ? ` · ${tx('tanggal kosong terdekat', 'next free date')}: ${displayServiceDate(view.nextFreeDate, locale)}`
                : ''}
            </p>
          ) : null}
          <div className="grid">
            <NumberField
              id="cap-desks"
              label={tx('Loket aktif', 'Active desks')}
              value={desks}
              onChange={setDesks}
            />
            <NumberField
              id="cap-per-desk"
              label={tx('Perekaman per loket per hari', 'Recordings per desk per day')}
              value={perDesk}
              onChange={setPerDesk}
            />
            <NumberField
              id="cap-share"
              label={tx('Porsi jalur prioritas (%)', 'Priority lane share (%)')}
              value={share}
              onChange={setShare}
            />
            <Field id="cap-hours" label={tx('Jam layanan', 'Service hours')}>
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
                    label={tx('Tutup', 'Closes')}
                    testId="cap-closes"
                    value={closes}
                    onChange={setCloses}
                  />
                </span>
              )}
            </Field>
          </div>
          <fieldset className="form-section">
            <legend>{tx('Hari layanan', 'Service days')}</legend>
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
                      {on ? tx('Buka', 'Open') : tx('Tutup', 'Closed')}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" data-testid="capacity-save">
              {tx('Simpan kapasitas', 'Save capacity')}
            </button>
          </div>
          <h3>{tx('Libur', 'Holidays')}</h3>
          <ul className="small">
            {view?.settings.holidays.map((h) => (
              <li key={h.date}>
                {displayServiceDate(h.date, locale)} — {h.name}
              </li>
            ))}
          </ul>
          <div className="inline-form">
            <DateField
              label={tx('Tanggal libur', 'Holiday date')}
              value={holidayDate}
              onChange={setHolidayDate}
            />
            <input
              aria-label={tx('Nama libur', 'Holiday name')}
              placeholder={tx('Nama libur', 'Holiday name')}
              value={holidayName}
              maxLength={80}
              onChange={(e) => setHolidayName(e.target.value)}
            />
            <button type="button" className="btn btn--small" onClick={() => void addHoliday()}>
              {tx('Tambah libur', 'Add holiday')}
            </button>
          </div>
        </form>
        <aside className="card split__side">
          <h2>{tx('14 hari ke depan', 'Next 14 days')}</h2>
          <ul className="queue__days" data-testid="capacity-days">
            {days.map((d) => (
              <li key={d.date} data-open={d.open} title={d.closedReason ?? ''}>
                <strong>{formatDayMonthShort(isoDay(d.date), locale)}</strong>
                <br />
                {d.open ? `${d.issued}/${d.capacity}` : (d.closedReason ?? tx('Tutup', 'Closed'))}
              </li>
            ))}
          </ul>
        </aside>
      </div>
      {affected.length > 0 ? (
        <div className="card" data-testid="capacity-affected">
          <h2>{tx('Kartu yang perlu dihubungi', 'Cards to call about')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th>{tx('Nomor', 'Number')}</th>
                <th>{tx('Tanggal', 'Date')}</th>
                <th>{tx('Nama', 'Name')}</th>
                <th>{tx('Telepon', 'Phone')}</th>
                <th>{tx('Tanggal baru terdekat', 'Earliest new date')}</th>
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
                      {tx('Pindahkan', 'Move')}
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
  const { tx, locale } = useTx();
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
        text: tx('Pilih berkas dan beri nama daftar.', 'Choose a file and name the list.'),
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
      text: tx(
        '{{n}} kartu diterbitkan ({{d}}); {{e}} sudah punya kartu; {{s}} dilewati.',
        '{{n}} cards issued ({{d}}); {{e}} already had one; {{s}} skipped.',
        {
          n: r.value.issued.length,
          d: dates.map((d) => displayServiceDate(d, locale)).join(', ') || '—',
          e: r.value.existing.length,
          s: r.value.skipped.length,
        },
      ),
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
                <th>{tx('Daftar', 'List')}</th>
                <th>{tx('Berkas', 'File')}</th>
                <th>{tx('Warga', 'Residents')}</th>
                <th>{tx('Ditolak', 'Rejected')}</th>
                <th>{tx('Berkartu', 'Carded')}</th>
                <th>{tx('Terekam', 'Recorded')}</th>
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
                      {tx('Beri kartu semua', 'Cards for all')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result ? <ImportReport result={result} tx={tx} /> : null}
        </div>
        <form className="card split__side" onSubmit={(e) => void upload(e)} noValidate>
          <h2>{tx('Impor daftar (CSV/XLSX)', 'Import a list (CSV/XLSX)')}</h2>
          <p className="muted small">
            {tx(
              'Kolom: NIK (atau NO. KTP), NAMA, ALAMAT, NO. HP/WA, NO. KK — seperti dikirim desa atau Dukcapil. Kolom NIK harus berformat Teks.',
              'Columns: NIK (or NO. KTP), NAMA, ALAMAT, NO. HP/WA, NO. KK — as the village or Dukcapil sends it. The NIK column must be formatted as Text.',
            )}
          </p>
          <Field id="list-name" label={tx('Nama daftar', 'List name')}>
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
          <Field id="list-file" label={tx('Berkas', 'File')}>
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
              label={tx('Lembar yang diimpor', 'Sheet to import')}
              hint={tx(
                'Berkas ini punya {{n}} lembar. Pilih lembar yang berisi daftar.',
                'This file has {{n}} sheets. Choose the sheet that holds the list.',
                { n: inspection.sheets.length },
              )}
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
                        ? tx('{{name}} ({{n}} baris)', '{{name}} ({{n}} rows)', {
                            name: s.name,
                            n: s.rows,
                          })
                        : tx(
                            '{{name}} ({{n}} baris, tanpa judul NIK/NAMA)',
                            '{{name}} ({{n}} rows, no NIK/NAMA header)',
                            { name: s.name, n: s.rows },
                          )}
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
              {tx('Impor', 'Import')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

function ImportReport({ result, tx }: { result: ImportListResult; tx: Tx }) {
  return (
    <div className="card" data-testid="import-report">
      <h2>{tx('Hasil impor', 'Import result')}</h2>
      <p data-testid="import-summary">
        {tx(
          '{{n}} baris diterima, {{r}} baris ditolak.',
          '{{n}} rows imported, {{r}} rows rejected.',
          {
            n: result.imported,
            r: result.rejected.length,
          },
        )}
      </p>
      {result.sheet !== null ? (
        <p className="small" data-testid="import-sheet">
          {tx(
            'Lembar yang dibaca: {{sheet}} (berkas ini punya: {{all}}).',
            'Sheet read: {{sheet}} (sheets in the file: {{all}}).',
            { sheet: result.sheet, all: result.sheets.join(', ') },
          )}
        </p>
      ) : null}
      {result.unusedColumns.length > 0 ? (
        <p className="small" data-testid="import-unused">
          <strong>
            {tx('Kolom tidak dipakai:', 'Columns not used:')} {result.unusedColumns.join(', ')}.
          </strong>{' '}
          {tx(
            'Isinya tidak disimpan. Bila kolom itu berisi NIK, nama, alamat atau nomor HP, ganti judulnya menjadi NIK, NAMA, ALAMAT atau NO. HP lalu impor lagi.',
            'Their contents were not saved. If one holds the NIK, name, address or phone number, rename its header to NIK, NAMA, ALAMAT or NO. HP and import again.',
          )}
        </p>
      ) : null}
      {result.rejected.length > 0 ? (
        <table className="table" data-testid="import-rejected">
          <thead>
            <tr>
              <th>{tx('Baris', 'Row')}</th>
              <th>NIK</th>
              <th>{tx('Nama', 'Name')}</th>
              <th>{tx('Alasan', 'Reason')}</th>
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
  const { tx, locale } = useTx();
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
      ? tx('Sekolah', 'School')
      : k === 'village-hall'
        ? tx('Balai desa', 'Village hall')
        : tx('Kunjungan rumah', 'Home visit');

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
    setBanner({ kind: 'ok', text: tx('Sesi dibuat.', 'Session created.') });
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
                <th>{tx('Tanggal', 'Date')}</th>
                <th>{tx('Tempat', 'Place')}</th>
                <th>{tx('Jenis', 'Kind')}</th>
                <th>{tx('Status', 'State')}</th>
                <th>{tx('Perekaman', 'Recordings')}</th>
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
                      ? tx('Berjalan', 'Active')
                      : s.state === 'ended'
                        ? tx('Selesai', 'Ended')
                        : tx('Direncanakan', 'Planned')}
                  </td>
                  <td>{s.recordings}</td>
                  <td className="row-actions">
                    {s.state === 'planned' ? (
                      <button
                        type="button"
                        className="btn btn--small"
                        onClick={() => void act(s, 'start')}
                      >
                        {tx('Mulai', 'Start')}
                      </button>
                    ) : null}
                    {s.state === 'active' ? (
                      <button
                        type="button"
                        className="btn btn--small"
                        onClick={() => void act(s, 'end')}
                      >
                        {tx('Akhiri', 'End')}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="btn btn--small"
                      data-testid="outreach-report"
                      onClick={() => void act(s, 'report')}
                    >
                      {tx('Laporan', 'Report')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report ? (
            <div className="card" data-testid="outreach-report-view">
              <h2>
                {tx('Laporan: {{p}}', 'Report: {{p}}', { p: report.session.place })} ·{' '}
                {displayServiceDate(report.session.date, locale)}
              </h2>
              <h3>
                {tx('Sudah direkam ({{n}})', 'Recorded ({{n}})', { n: report.recorded.length })}
              </h3>
              <ul>
                {report.recorded.map((r) => (
                  <li key={r.recordingId}>
                    {r.name} · <span className="mono">{maskNik(r.nik)}</span>
                  </li>
                ))}
              </ul>
              <h3>
                {tx('Belum direkam ({{n}})', 'Not recorded ({{n}})', {
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
          <h2>{tx('Sesi baru', 'New session')}</h2>
          <Field id="outreach-place" label={tx('Tempat', 'Place')}>
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
          <Field id="outreach-date" label={tx('Tanggal', 'Date')}>
            {(aria) => (
              <DateField id={aria.id} testId="outreach-date" value={date} onChange={setDate} />
            )}
          </Field>
          <Field id="outreach-kind" label={tx('Jenis', 'Kind')}>
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
          <Field
            id="outreach-list"
            label={tx('Daftar warga (opsional)', 'Resident list (optional)')}
          >
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
              {tx('Buat sesi', 'Create session')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
