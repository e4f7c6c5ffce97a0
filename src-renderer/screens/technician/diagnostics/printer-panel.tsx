import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRINTER_CODE_PAGES } from '../../../../src-main/api/contract-queue';
import type {
  PrinterCodePage,
  PrinterInfo,
  PrinterPort,
} from '../../../../src-main/api/contract-queue';
import { Field } from '../../../components/field';
import { call } from '../../../app/station-client';

const BAUDS = [9600, 19200, 38400, 57600, 115200] as const;

type Banner = { kind: 'ok' | 'error'; text: string } | null;

/**
 * The technician sets up the queue's thermal printer: port (from the driver host's list or
 * typed), speed, paper width and character table, then prints a test page. Settings apply at
 * the next print; the station is not restarted.
 */
export function PrinterPanel() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<PrinterInfo | null>(null);
  const [ports, setPorts] = useState<PrinterPort[] | null>(null);
  const [path, setPath] = useState('');
  const [baud, setBaud] = useState<number>(9600);
  const [width, setWidth] = useState<32 | 48>(32);
  const [codePage, setCodePage] = useState<PrinterCodePage>('ascii');
  const [busy, setBusy] = useState<'save' | 'test' | 'remove' | null>(null);
  const [banner, setBanner] = useState<Banner>(null);

  const show = (p: PrinterInfo) => {
    setInfo(p);
    setPath(p.path ?? '');
    setBaud(p.baud);
    setWidth(p.width);
    setCodePage(p.codePage);
  };

  const loadPorts = useCallback(
    () => call('queue.printerPorts', {}).then((r) => setPorts(r.ok ? r.value : [])),
    [],
  );

  useEffect(() => {
    void call('queue.printer', {}).then((r) => {
      if (r.ok) show(r.value);
    });
    void loadPorts();
  }, [loadPorts]);

  const save = async (): Promise<boolean> => {
    if (path.trim() === '') {
      setBanner({ kind: 'error', text: t('printerSetup.pathMissing') });
      return false;
    }
    const r = await call('queue.setPrinter', { path: path.trim(), baud, width, codePage });
    if (!r.ok) {
      setBanner({ kind: 'error', text: r.error.message });
      return false;
    }
    show(r.value);
    setBanner({ kind: 'ok', text: t('printerSetup.saved') });
    return true;
  };

  const run = async (what: 'save' | 'test' | 'remove') => {
    setBusy(what);
    try {
      if (what === 'remove') {
        const r = await call('queue.setPrinter', { path: null });
        if (r.ok) {
          show(r.value);
          setBanner({ kind: 'ok', text: t('printerSetup.removed') });
        } else setBanner({ kind: 'error', text: r.error.message });
        return;
      }
      if (!(await save()) || what === 'save') return;
      const r = await call('queue.testPrint', {});
      setBanner(
        r.ok
          ? { kind: 'ok', text: t('printerSetup.printed', { bytes: r.value.bytes }) }
          : { kind: 'error', text: r.error.message },
      );
      const now = await call('queue.printer', {});
      if (now.ok) setInfo(now.value);
    } finally {
      setBusy(null);
    }
  };

  const detected = ports ?? [];
  return (
    <section className="card diag__panel printer-panel" id="printer" aria-labelledby="printer-h">
      <div className="diag__section-head">
        <h2 id="printer-h">{t('printerSetup.title')}</h2>
        <p className="printer-panel__now" data-testid="printer-now">
          {t('printerSetup.current')}:{' '}
          {info?.path ? (
            <strong className="mono">{info.path}</strong>
          ) : (
            <strong className="diag__warn">{t('printerSetup.none')}</strong>
          )}
        </p>
      </div>
      <p className="muted">{t('printerSetup.intro')}</p>
      {banner ? (
        <p
          className={`banner banner--${banner.kind}`}
          role={banner.kind === 'error' ? 'alert' : 'status'}
          data-testid="printer-banner"
        >
          {banner.text}
        </p>
      ) : null}
      {info?.lastError ? (
        <p className="diag__bad" data-testid="printer-last-error">
          {t('printerSetup.lastError')}: {info.lastError}
        </p>
      ) : null}
      <div className="printer-panel__grid">
        <Field
          id="printer-detected"
          label={t('printerSetup.detected')}
          className="printer-panel__wide"
        >
          {(aria) => (
            <div className="printer-panel__row">
              <select
                {...aria}
                data-testid="printer-detected"
                value={detected.some((p) => p.path === path) ? path : ''}
                onChange={(e) => e.target.value && setPath(e.target.value)}
              >
                <option value="">
                  {detected.length === 0
                    ? t('printerSetup.detectedNone')
                    : t('printerSetup.choosePort')}
                </option>
                {detected.map((p) => (
                  <option key={p.path} value={p.path}>
                    {p.label ? `${p.path} — ${p.label}` : p.path}
                  </option>
                ))}
              </select>
              <button type="button" className="btn btn--small" onClick={() => void loadPorts()}>
                ↻ {t('printerSetup.refreshPorts')}
              </button>
            </div>
          )}
        </Field>
        <Field
          id="printer-path"
          label={t('printerSetup.port')}
          hint={t('printerSetup.portHint')}
          className="printer-panel__wide"
        >
          {(aria) => (
            <input
              {...aria}
              className="mono"
              spellCheck={false}
              maxLength={256}
              data-testid="printer-path"
              value={path}
              onChange={(e) => setPath(e.target.value)}
            />
          )}
        </Field>
        <Field id="printer-baud" label={t('printerSetup.baud')}>
          {(aria) => (
            <select
              {...aria}
              data-testid="printer-baud"
              value={baud}
              onChange={(e) => setBaud(Number(e.target.value))}
            >
              {BAUDS.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="printer-width" label={t('printerSetup.width')}>
          {(aria) => (
            <select
              {...aria}
              data-testid="printer-width"
              value={width}
              onChange={(e) => setWidth(e.target.value === '48' ? 48 : 32)}
            >
              <option value={32}>{t('printerSetup.width32')}</option>
              <option value={48}>{t('printerSetup.width48')}</option>
            </select>
          )}
        </Field>
        <Field
          id="printer-codepage"
          label={t('printerSetup.codePage')}
          hint={t('printerSetup.codePageHint')}
          className="printer-panel__wide"
        >
          {(aria) => (
            <select
              {...aria}
              data-testid="printer-codepage"
              value={codePage}
              onChange={(e) => setCodePage(e.target.value as PrinterCodePage)}
            >
              {PRINTER_CODE_PAGES.map((cp) => (
                <option key={cp} value={cp}>
                  {t(`printerSetup.cp.${cp}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy !== null}
          data-testid="printer-test"
          onClick={() => void run('test')}
        >
          {busy === 'test' ? t('printerSetup.testing') : t('printerSetup.test')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy !== null}
          data-testid="printer-save"
          onClick={() => void run('save')}
        >
          {busy === 'save' ? t('printerSetup.saving') : t('printerSetup.save')}
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={busy !== null || !info?.path}
          data-testid="printer-remove"
          onClick={() => void run('remove')}
        >
          {t('printerSetup.remove')}
        </button>
      </div>
    </section>
  );
}
