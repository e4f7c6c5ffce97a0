import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFile, VillageWaiting } from '../../../../src-main/api/contract-exports';
import { call } from '../../../app/station-client';
import { Checks, useSaver } from '../exports/exports-parts';
import '../exports/exports.css';

/**
 * "Daftar KTP-el siap diambil": the supervisor picks a village with cards waiting
 * and saves its list as PDF (to print for the village head) or XLSX (to send), NIKs masked
 * unless asked. `reload` changes when a batch arrives, so the counts follow.
 */
export function VillageLists({ reload }: { reload: number }) {
  const { t } = useTranslation();
  const [villages, setVillages] = useState<VillageWaiting[] | null>(null);
  const [code, setCode] = useState('');
  const [fullNik, setFullNik] = useState(false);
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const [done, setDone] = useState<ExportFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { link, file, save } = useSaver();

  useEffect(() => {
    let live = true;
    void call('exports.villages', {}).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      setVillages(r.value);
      setCode((c) =>
        r.value.some((v) => v.villageCode === c) ? c : (r.value[0]?.villageCode ?? ''),
      );
    });
    return () => {
      live = false;
    };
  }, [reload]);

  const run = async (format: 'pdf' | 'xlsx') => {
    setBusy(format);
    setDone(null);
    const r = await call('exports.villageList', {
      villageCode: code,
      format,
      ...(fullNik ? { fullNik: true } : {}),
    });
    setBusy(null);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    setDone(r.value);
    save(r.value);
  };

  const picked = villages?.find((v) => v.villageCode === code);
  return (
    <div className="card" data-testid="village-lists">
      <h2>{t('cards.villageList.title')}</h2>
      <p className="muted">{t('cards.villageList.intro')}</p>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {villages && villages.length === 0 ? (
        <p className="muted" data-testid="village-lists-empty">
          {t('cards.villageList.none')}
        </p>
      ) : (
        <>
          <div className="exp__row">
            <label className="field">
              <span className="field__label">{t('cards.villageList.village')}</span>
              <select
                value={code}
                data-testid="village-list-village"
                onChange={(e) => {
                  setCode(e.target.value);
                  setDone(null);
                }}
              >
                {(villages ?? []).map((v) => (
                  <option key={v.villageCode} value={v.villageCode}>
                    {t('cards.villageList.option', {
                      name: v.villageName || v.villageCode,
                      code: v.villageCode,
                      count: v.waiting,
                    })}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="exp__check">
            <input
              type="checkbox"
              checked={fullNik}
              data-testid="village-list-full-nik"
              onChange={(e) => setFullNik(e.target.checked)}
            />{' '}
            {t('cards.villageList.fullNik')}
          </label>
          <p className="small muted">{t('exp.table.fullNikHint')}</p>
          <div className="exp__actions">
            <button
              type="button"
              className="btn btn--primary"
              disabled={busy !== null || !picked}
              data-testid="village-list-pdf"
              onClick={() => void run('pdf')}
            >
              ⬇ {busy === 'pdf' ? t('common.working') : t('cards.villageList.pdf')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={busy !== null || !picked}
              data-testid="village-list-xlsx"
              onClick={() => void run('xlsx')}
            >
              ⬇ {busy === 'xlsx' ? t('common.working') : t('cards.villageList.xlsx')}
            </button>
          </div>
          {done ? (
            <div role="status" data-testid="village-list-done" className="exp__done">
              <p>
                {t('cards.villageList.done', { count: done.rows })}{' '}
                {file ? (
                  <a ref={link} href={file.url} download={file.name}>
                    {t('exp.save')}
                  </a>
                ) : null}
              </p>
              <Checks checks={done.verification.checks} />
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
