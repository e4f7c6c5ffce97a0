import { useEffect, useState } from 'react';
import type {
  OfficeRecap,
  OfficeRecapGroup,
  OfficeRecapRecording,
} from '../../../../src-main/api/contract-office';
import { call } from '../../../app/station-client';
import { pdfUrl } from '../../../app/files';
import { TableCard } from '../../../components/table-card';
import { useTranslation } from 'react-i18next';

/**
 * The office's day on the hub: every paired desk's recordings, by desk, operator and
 * village, from the metadata the desks send (no biometrics, no full NIKs).
 */
export function OfficeRecapScreen() {
  const { t } = useTranslation();
  const [recap, setRecap] = useState<OfficeRecap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [report, setReport] = useState<{
    url: string;
    name: string;
    pages: number;
    total: number;
  } | null>(null);
  useEffect(() => () => (report ? URL.revokeObjectURL(report.url) : undefined), [report]);
  const print = async () => {
    const r = await call('office.report', {});
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    setReport({
      url: pdfUrl(r.value.base64),
      name: r.value.fileName,
      pages: r.value.pages,
      total: r.value.total,
    });
  };
  const load = () =>
    call('office.recap', {}).then((r) => {
      if (r.ok) setRecap(r.value);
      else setError(r.error.message);
    });
  useEffect(() => {
    void load();
  }, []);
  const decide = async (recordingId: string, decision: 'approved' | 'rejected') => {
    const r = await call('office.decide', {
      recordingId,
      decision,
      ...(decision === 'rejected' ? { reason } : {}),
    });
    if (!r.ok) {
      setError(r.error.fields?.reason ?? r.error.message);
      return;
    }
    setError(null);
    setRejecting(null);
    setReason('');
    setNotice(
      t('office.recapSent', {
        desk: r.value.desk,
        decision: t(
          decision === 'approved' ? 'office.recapDecisionApproved' : 'office.recapDecisionRejected',
        ),
      }),
    );
    await load();
  };
  const actions = (x: OfficeRecapRecording) => {
    if (x.decisionSent) {
      return t(
        x.decisionSent === 'approved'
          ? 'office.recapDecisionApproved'
          : 'office.recapDecisionRejected',
      );
    }
    if (x.status !== 'sealed' && x.status !== 'uploaded') return null;
    if (rejecting === x.recordingId) {
      return (
        <span className="row-actions">
          <input
            aria-label={t('office.recapReason')}
            placeholder={t('office.recapReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="office-recap-reason"
          />
          <button
            className="btn btn--danger"
            onClick={() => void decide(x.recordingId, 'rejected')}
          >
            {t('office.recapSendReject')}
          </button>
          <button className="btn" onClick={() => setRejecting(null)}>
            {t('office.recapCancel')}
          </button>
        </span>
      );
    }
    return (
      <span className="row-actions">
        <button
          className="btn btn--primary"
          data-testid="office-recap-approve"
          onClick={() => void decide(x.recordingId, 'approved')}
        >
          {t('office.recapApprove')}
        </button>
        <button className="btn" onClick={() => setRejecting(x.recordingId)}>
          {t('office.recapReject')}
        </button>
      </span>
    );
  };
  const table = (title: string, rows: OfficeRecapGroup[], testId: string) => (
    <TableCard
      title={title}
      empty={t('office.noRecordingsYet')}
      testId={testId}
      headers={[null, t('office.all'), t('office.finishedSealed')]}
      rows={rows}
      row={(g) => (
        <tr key={g.key}>
          <td>{g.key}</td>
          <td>{g.total}</td>
          <td>{g.sealed}</td>
        </tr>
      )}
    />
  );
  return (
    <section className="screen" data-testid="office-recap">
      <div className="screen__head">
        <h1>{t('office.todayRecap')}</h1>
        {recap ? (
          <span className="badge" data-testid="office-recap-total">
            {t('office.recordingsFinished', {
              count: recap.total,
              s: recap.sealed,
            })}
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="banner banner--ok" role="status">
          {notice}
        </p>
      ) : null}
      <p className="muted">{t('office.fromWhatEachDeskSends')}</p>
      <div className="row-actions office-recap__print">
        <button
          className="btn btn--primary"
          data-testid="office-report-print"
          onClick={() => void print()}
        >
          {t('office.recapPrint')}
        </button>
        {report ? (
          <span role="status" data-testid="office-report-done" className="muted">
            {t('office.recapPrinted', { pages: report.pages, total: report.total })}{' '}
            <a href={report.url} download={report.name} target="_blank" rel="noreferrer">
              {t('office.recapOpenPdf')}
            </a>
          </span>
        ) : null}
      </div>
      {recap ? (
        <>
          {table(t('office.byDesk'), recap.byDesk, 'office-recap-desks')}
          {table(t('office.byOperator'), recap.byOperator, 'office-recap-operators')}
          {table(t('office.byVillage'), recap.byVillage, 'office-recap-villages')}
          <TableCard
            title={t('office.recapRecordings')}
            hint={t('office.recapRecordingsHint')}
            empty={t('office.noRecordingsYet')}
            testId="office-recap-recordings"
            headers={[
              t('office.recapColDesk'),
              t('office.recapColOperator'),
              t('office.recapColVillage'),
              t('office.recapColNik'),
              t('office.recapColStatus'),
              null,
            ]}
            rows={recap.recordings}
            row={(x) => (
              <tr key={x.recordingId}>
                <td>{x.desk}</td>
                <td>{x.operator}</td>
                <td>{x.village}</td>
                <td className="mono">{x.nikMasked}</td>
                <td>{t(`recordingStatus.${x.status}`)}</td>
                <td>{actions(x)}</td>
              </tr>
            )}
          />
        </>
      ) : null}
    </section>
  );
}
