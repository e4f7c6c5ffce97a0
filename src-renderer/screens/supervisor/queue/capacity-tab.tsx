import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AffectedCard, CapacityView, DayPlan } from '../../../../src-main/api/contract-queue';
import {
  displayServiceDate,
  formatDayMonthShort,
  isoDay,
  weekdayNames,
} from '../../../../src-main/domain/format-date';
import { call } from '../../../app/station-client';
import { useReload } from '../../../app/use-reload';
import { DateField } from '../../../components/date-field';
import { Field } from '../../../components/field';
import { BannerLine } from '../../../components/split-table';
import type { Banner } from '../../../components/split-table';
import { TableCard } from '../../../components/table-card';
import { TimeField } from '../../../components/time-field';
import { currentLocale } from '../../../i18n';

/** Capacity tab: desks, recordings per desk, hours, service days, holidays; cards to move. */

/** Monday first, as the week is laid out on an Indonesian calendar. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

export function CapacityTab() {
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

  const [reloads, load] = useReload();
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
      <BannerLine banner={banner} testId="queue-admin-banner" />
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
      <TableCard
        title={t('queue.admin.cardsToCallAbout')}
        cardTestId="capacity-affected"
        headers={[
          t('queue.admin.number'),
          t('queue.admin.date'),
          t('queue.admin.name'),
          t('queue.admin.phone'),
          t('queue.admin.earliestNewDate'),
          null,
        ]}
        rows={affected}
        row={(a) => (
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
        )}
      />
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
