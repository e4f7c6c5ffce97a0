import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsProgress } from '../../../../src-main/api/contract';
import { formatBytes } from '../../../app/format';
import { call, onEvent } from '../../../app/station-client';
import { base64ToBytes } from './diagnostics-model';

interface Saved {
  url: string;
  name: string;
  bytes: number;
}

/**
 * Builds the bundle in main and saves it from the renderer (Blob + download link): the
 * renderer has no file system, and the save dialog (Electron) or downloads folder (browser)
 * lets the technician pick where it goes.
 */
export function ExportButton() {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<DiagnosticsProgress | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [error, setError] = useState<string | null>(null);
  const link = useRef<HTMLAnchorElement | null>(null);
  const autoSave = useRef(false);

  useEffect(() => onEvent('diagnostics.progress', (p) => setProgress(p)), []);
  // Object URLs hold the zip in memory until revoked.
  useEffect(() => () => (saved ? URL.revokeObjectURL(saved.url) : undefined), [saved]);

  const run = async () => {
    setBusy(true);
    setError(null);
    setProgress({ percent: 0, step: '' });
    const r = await call('diagnostics.export', {});
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      setProgress(null);
      return;
    }
    const blob = new Blob([base64ToBytes(r.value.zipBase64)], { type: 'application/zip' });
    const next = { url: URL.createObjectURL(blob), name: r.value.fileName, bytes: r.value.bytes };
    autoSave.current = true;
    setSaved(next);
  };

  // Save once the link is in the page with its new href.
  useEffect(() => {
    if (saved && autoSave.current && link.current) {
      autoSave.current = false;
      link.current.click();
    }
  }, [saved, busy]);

  const percent = busy ? (progress?.percent ?? 0) : saved ? 100 : 0;
  return (
    <div className="diag__export" data-testid="export">
      <button
        type="button"
        className="btn btn--primary btn--large"
        disabled={busy}
        data-testid="export-run"
        onClick={() => void run()}
      >
        {busy ? t('diag.export.running', { percent }) : `⬇ ${t('diag.export.button')}`}
      </button>
      {busy ? (
        <div className="diag__progress" data-testid="export-progress">
          <progress max={100} value={percent} aria-label={t('diag.export.title')} />
          <span className="small muted">{progress?.step}</span>
        </div>
      ) : null}
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {saved && !busy ? (
        <p className="diag__export-done small" role="status" data-testid="export-done">
          ✓{' '}
          {t('diag.export.done', {
            name: saved.name,
            size: formatBytes(saved.bytes, i18n.language),
          })}{' '}
          <a ref={link} href={saved.url} download={saved.name} data-testid="export-link">
            {t('diag.export.saveAgain')}
          </a>
        </p>
      ) : null}
      <p className="muted small diag__export-note">{t('diag.export.contents')}</p>
    </div>
  );
}
