import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/date-field';
import { HEAD_TITLES } from '../../../../src-main/api/contract-exports';
import type {
  BundleResult,
  ExportFile,
  ExportLogEntry,
  ExportPreview,
  ExportProgress,
  FolderCheck,
  HeadTitle,
} from '../../../../src-main/api/contract-exports';
import { localIsoDate } from '../../../../src-main/domain/nik';
import { formatBytes, formatDateTime } from '../../../app/format';
import { call, onEvent } from '../../../app/station-client';
import { Card, Checks, useSaver } from './exports-parts';
import './exports.css';

type Busy = 'pdf' | 'table' | 'bundle' | null;

export function ExportsScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = localIsoDate(new Date());
  const [busy, setBusy] = useState<Busy>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<ExportLogEntry[]>([]);
  const [reloads, setReloads] = useState(0);

  const [day, setDay] = useState(today);
  const [headTitle, setHeadTitle] = useState<HeadTitle>('Kepala Kantor');
  const [headName, setHeadName] = useState('');
  const [report, setReport] = useState<ExportFile | null>(null);
  const { link: pdfLink, file: pdfFile, save: savePdf } = useSaver();

  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [fullNik, setFullNik] = useState(false);
  // Indonesian-locale spreadsheets split CSV on ';'.
  const [delimiter, setDelimiter] = useState<';' | ','>(lang === 'en' ? ',' : ';');
  const [table, setTable] = useState<ExportFile | null>(null);
  const { link: tableLink, file: tableFile, save: saveTable } = useSaver();
  const [preview, setPreview] = useState<ExportPreview | null>(null);

  const [folder, setFolder] = useState('');
  const [folderCheck, setFolderCheck] = useState<FolderCheck | null>(null);
  const [bundle, setBundle] = useState<BundleResult | null>(null);

  useEffect(() => onEvent('export.progress', (p) => setProgress(p)), []);
  useEffect(() => {
    let live = true;
    void call('exports.log', { limit: 20 }).then((r) => live && r.ok && setHistory(r.value));
    return () => {
      live = false;
    };
  }, [reloads]);
  useEffect(() => {
    let live = true;
    void call('exports.preview', { from, to }).then((r) => {
      if (live) setPreview(r.ok ? r.value : null);
    });
    return () => {
      live = false;
    };
  }, [from, to, reloads]);

  async function run<T>(
    kind: Busy,
    fn: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
  ): Promise<T | null> {
    setBusy(kind);
    setError(null);
    setProgress({ kind: 'pdf', percent: 0, step: '' });
    const r = await fn();
    setBusy(null);
    setReloads((n) => n + 1);
    if (!r.ok) {
      setError(r.error.message);
      return null;
    }
    return r.value;
  }

  const percent = progress?.percent ?? 0;
  const progressBar = (kind: Busy) =>
    busy === kind ? (
      <div className="exp__progress" data-testid="exp-progress">
        <progress max={100} value={percent} aria-label={t('exp.running', { percent })} />
        <span className="small muted">{progress?.step}</span>
      </div>
    ) : null;

  return (
    <section className="screen exp" data-testid="exports-screen">
      <div className="screen__head">
        <h1>{t('exp.title')}</h1>
      </div>
      <p className="muted">{t('exp.intro')}</p>
      {error ? (
        <p className="banner banner--error" role="alert" data-testid="exp-error">
          {error}
        </p>
      ) : null}

      <div className="exp__grid">
        <Card title={t('exp.report.title')} testId="exp-report">
          <div className="exp__row">
            <label className="field">
              <span className="field__label">{t('exp.date')}</span>
              <DateField value={day} testId="exp-report-date" onChange={setDay} />
            </label>
            <label className="field">
              <span className="field__label">{t('exp.report.headTitle')}</span>
              <select
                value={headTitle}
                data-testid="exp-head-title"
                onChange={(e) => setHeadTitle(e.target.value as HeadTitle)}
              >
                {HEAD_TITLES.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">{t('exp.report.headName')}</span>
              <input
                value={headName}
                maxLength={80}
                data-testid="exp-head-name"
                onChange={(e) => setHeadName(e.target.value)}
              />
            </label>
          </div>
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy !== null}
            data-testid="exp-report-run"
            onClick={() =>
              void run('pdf', () =>
                call('exports.dailyReport', {
                  date: day,
                  headTitle,
                  ...(headName.trim() ? { headName: headName.trim() } : {}),
                }),
              ).then((v) => {
                setReport(v);
                if (v) savePdf(v);
              })
            }
          >
            ⬇ {t('exp.report.button')}
          </button>
          {progressBar('pdf')}
          {report && busy !== 'pdf' ? (
            <div role="status" data-testid="exp-report-done" className="exp__done">
              <p>
                {t('exp.report.done', { pages: report.pages ?? 0, rows: report.rows })}{' '}
                {pdfFile ? (
                  <a ref={pdfLink} href={pdfFile.url} download={pdfFile.name}>
                    {t('exp.save')}
                  </a>
                ) : null}
              </p>
              <Checks checks={report.verification.checks} />
            </div>
          ) : null}
        </Card>

        <Card title={t('exp.table.title')} testId="exp-table">
          <div className="exp__row">
            <label className="field">
              <span className="field__label">{t('exp.from')}</span>
              <DateField value={from} testId="exp-from" onChange={setFrom} />
            </label>
            <label className="field">
              <span className="field__label">{t('exp.to')}</span>
              <DateField value={to} testId="exp-to" onChange={setTo} />
            </label>
            <label className="field">
              <span className="field__label">{t('exp.table.format')}</span>
              <select
                value={format}
                data-testid="exp-format"
                onChange={(e) => setFormat(e.target.value as 'csv' | 'xlsx')}
              >
                <option value="csv">CSV</option>
                <option value="xlsx">XLSX (Excel)</option>
              </select>
            </label>
            {format === 'csv' ? (
              <label className="field">
                <span className="field__label">{t('exp.table.delimiter')}</span>
                <select
                  value={delimiter}
                  data-testid="exp-delimiter"
                  onChange={(e) => setDelimiter(e.target.value as ';' | ',')}
                >
                  <option value=";">{t('exp.table.delimiterSemicolon')}</option>
                  <option value=",">{t('exp.table.delimiterComma')}</option>
                </select>
              </label>
            ) : null}
          </div>
          {format === 'csv' ? <p className="small muted">{t('exp.table.delimiterHint')}</p> : null}
          {preview ? (
            <p className="small muted" data-testid="exp-preview">
              {t('exp.preview', {
                recordings: preview.recordings,
                packets: preview.packets,
                size: formatBytes(preview.packetBytes, lang),
                exported: preview.alreadyExported,
              })}
            </p>
          ) : null}
          <label className="exp__check">
            <input
              type="checkbox"
              checked={fullNik}
              data-testid="exp-full-nik"
              onChange={(e) => setFullNik(e.target.checked)}
            />{' '}
            {t('exp.table.fullNik')}
          </label>
          <p className="small muted">{t('exp.table.fullNikHint')}</p>
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy !== null}
            data-testid="exp-table-run"
            onClick={() =>
              void run('table', () =>
                call('exports.table', {
                  from,
                  to,
                  format,
                  ...(format === 'csv' ? { delimiter } : {}),
                  ...(fullNik ? { fullNik: true } : {}),
                }),
              ).then((v) => {
                setTable(v);
                if (v) saveTable(v);
              })
            }
          >
            ⬇ {t('exp.table.button')}
          </button>
          {progressBar('table')}
          {table && busy !== 'table' ? (
            <div role="status" data-testid="exp-table-done" className="exp__done">
              <p>
                {t('exp.table.done', { count: table.rows })}{' '}
                {tableFile ? (
                  <a ref={tableLink} href={tableFile.url} download={tableFile.name}>
                    {t('exp.save')}
                  </a>
                ) : null}
              </p>
              <Checks checks={table.verification.checks} />
            </div>
          ) : null}
        </Card>

        <Card title={t('exp.bundle.title')} testId="exp-bundle">
          <p className="small muted">
            {t('exp.from')}: {from} · {t('exp.to')}: {to}
          </p>
          <label className="field">
            <span className="field__label">{t('exp.bundle.folder')}</span>
            <input
              value={folder}
              className="mono"
              data-testid="exp-folder"
              placeholder="/media/usb"
              onChange={(e) => {
                setFolder(e.target.value);
                setFolderCheck(null);
              }}
            />
            <span className="field__hint">{t('exp.bundle.folderHint')}</span>
            {folderCheck ? (
              <span
                className={`field__msg${folderCheck.problem ? ' field__msg--error' : ''}`}
                data-testid="exp-folder-check"
              >
                {folderCheck.problem ??
                  t('exp.bundle.folderOk', {
                    free:
                      folderCheck.freeBytes === null
                        ? '?'
                        : formatBytes(folderCheck.freeBytes, lang),
                  })}
              </span>
            ) : null}
          </label>
          <div className="exp__actions">
            <button
              type="button"
              className="btn"
              disabled={busy !== null || !folder.trim()}
              data-testid="exp-folder-check-run"
              onClick={() =>
                void call('exports.checkFolder', { path: folder.trim() }).then((r) => {
                  if (r.ok) setFolderCheck(r.value);
                  else setError(r.error.message);
                })
              }
            >
              {t('exp.bundle.check')}
            </button>
            <button
              type="button"
              className="btn btn--primary"
              disabled={busy !== null || !folder.trim()}
              data-testid="exp-bundle-run"
              onClick={() =>
                void run('bundle', () =>
                  call('exports.bundle', { from, to, folder: folder.trim() }),
                ).then((v) => setBundle(v))
              }
            >
              {t('exp.bundle.button')}
            </button>
          </div>
          {progressBar('bundle')}
          {bundle && busy !== 'bundle' ? (
            <div role="status" data-testid="exp-bundle-done" className="exp__done">
              <p>
                {t('exp.bundle.done', {
                  name: bundle.name,
                  packets: bundle.packets.length,
                  size: formatBytes(bundle.bytes, lang),
                })}
              </p>
              <p className="small">
                {t('exp.bundle.manifest')}:{' '}
                <span className="mono">{bundle.manifestSha256.slice(0, 16)}…</span>
              </p>
              <Checks checks={bundle.verification.checks} />
            </div>
          ) : null}
          <p className="small muted">{t('exp.bundle.note')}</p>
        </Card>
      </div>

      <h2>{t('exp.log.title')}</h2>
      {history.length === 0 ? (
        <p className="muted">{t('exp.log.empty')}</p>
      ) : (
        <table className="table" data-testid="exp-log">
          <thead>
            <tr>
              <th scope="col">{t('exp.log.at')}</th>
              <th scope="col">{t('exp.log.kind')}</th>
              <th scope="col">{t('exp.log.range')}</th>
              <th scope="col">{t('exp.log.file')}</th>
              <th scope="col">{t('exp.log.rows')}</th>
              <th scope="col">{t('exp.log.by')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id} data-testid="exp-log-row">
                <td className="mono">{formatDateTime(h.at, lang)}</td>
                <td>
                  {h.kind.toUpperCase()}
                  {h.fullNik ? ' · NIK' : ''}
                </td>
                <td className="mono">{h.from === h.to ? h.from : `${h.from} – ${h.to}`}</td>
                <td className="mono small">{h.fileName}</td>
                <td>{h.rows}</td>
                <td className="mono">{h.username ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
