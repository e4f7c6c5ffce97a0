import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTREACH_KINDS } from '../../../../src-main/api/contract-queue';
import type {
  OutreachKind,
  OutreachReport,
  OutreachSession,
  PreregList,
} from '../../../../src-main/api/contract-queue';
import { displayServiceDate } from '../../../../src-main/domain/format-date';
import { maskNik } from '../../../../src-main/domain/nik';
import { call } from '../../../app/station-client';
import { useReload } from '../../../app/use-reload';
import { DateField } from '../../../components/date-field';
import { Field } from '../../../components/field';
import { SplitTable } from '../../../components/split-table';
import type { Banner } from '../../../components/split-table';
import { currentLocale } from '../../../i18n';

/** Outreach tab: sessions away from the office (start, end, report) and a new session. */

export function OutreachTab() {
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

  const [reloads, load] = useReload();
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
    <SplitTable
      banner={banner}
      bannerTestId="queue-admin-banner"
      tableTestId="outreach-table"
      headers={[
        t('queue.admin.date'),
        t('queue.admin.place'),
        t('queue.admin.kind'),
        t('queue.admin.state'),
        t('queue.admin.recordings'),
        null,
      ]}
      rows={sessions.map((s) => (
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
              <button type="button" className="btn btn--small" onClick={() => void act(s, 'start')}>
                {t('queue.admin.start')}
              </button>
            ) : null}
            {s.state === 'active' ? (
              <button type="button" className="btn btn--small" onClick={() => void act(s, 'end')}>
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
      below={
        report ? (
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
        ) : null
      }
      side={
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
      }
    />
  );
}
