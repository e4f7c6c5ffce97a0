import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type {
  ImportListResult,
  ListInspection,
  PreregList,
} from '../../../../src-main/api/contract-queue';
import { displayServiceDate } from '../../../../src-main/domain/format-date';
import { fileToBase64 } from '../../../app/files';
import { call } from '../../../app/station-client';
import { useReload } from '../../../app/use-reload';
import { Field } from '../../../components/field';
import { SplitTable } from '../../../components/split-table';
import type { Banner } from '../../../components/split-table';
import { currentLocale } from '../../../i18n';

/** Pre-registration lists tab: the lists imported, cards for a whole list, a new import. */

export function ListsTab() {
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
  const [reloads, load] = useReload();
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
    <SplitTable
      banner={banner}
      bannerTestId="queue-admin-banner"
      tableTestId="lists-table"
      headers={[
        t('queue.admin.list'),
        t('queue.admin.file'),
        t('queue.admin.residents'),
        t('queue.admin.rejected'),
        t('queue.admin.carded'),
        t('queue.admin.recorded'),
        null,
      ]}
      rows={lists.map((l) => (
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
      below={result ? <ImportReport result={result} t={t} /> : null}
      side={
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
      }
    />
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
