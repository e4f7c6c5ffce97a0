import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AuditChainStatus,
  MethodInput,
  MethodOutput,
  StorageCategory,
  StorageDiagnostics,
} from '../../../../src-main/api/contract';
import { formatBytes, formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { diskLow } from './diagnostics-model';

const STORAGE_CATEGORIES: readonly StorageCategory[] = [
  'photos',
  'fingerprints',
  'signatures',
  'packets',
  'rest',
];

/** One diagnostics check: fetched on mount, again on `check()`; busy while it runs. */
function useDiagnostic<M extends 'diagnostics.network' | 'diagnostics.storage'>(method: M) {
  const [value, setValue] = useState<MethodOutput<M> | null>(null);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const fetchNow = useCallback(
    () =>
      call(method, {} as MethodInput<M>).then((r) => {
        setBusy(false);
        if (r.ok) {
          setValue(r.value);
          setError(null);
        } else setError(r.error.message);
      }),
    [method],
  );
  const check = () => {
    setBusy(true);
    return fetchNow();
  };
  useEffect(() => void fetchNow(), [fetchNow]);
  return { value, busy, error, check };
}

/** A diagnostics panel: its title with a check button, the last error, then what was found. */
function CheckPanel(p: {
  id: string;
  title: string;
  checkLabel: string;
  busy: boolean;
  error: string | null;
  onCheck: () => Promise<unknown>;
  children: ReactNode;
}) {
  return (
    <section className="card diag__panel" id={p.id} aria-labelledby={`${p.id}-h`}>
      <div className="diag__section-head">
        <h2 id={`${p.id}-h`}>{p.title}</h2>
        <button
          type="button"
          className="btn btn--small"
          disabled={p.busy}
          data-testid={`${p.id}-check`}
          onClick={() => void p.onCheck()}
        >
          {p.checkLabel}
        </button>
      </div>
      {p.error ? (
        <p className="banner banner--error" role="alert">
          {p.error}
        </p>
      ) : null}
      {p.children}
    </section>
  );
}

export function NetworkPanel() {
  const { t, i18n } = useTranslation();
  const { value: net, busy, error, check } = useDiagnostic('diagnostics.network');

  const last = net?.lastSync ?? null;
  const lang = i18n.language;
  return (
    <CheckPanel
      id="network"
      title={t('diag.network.title')}
      checkLabel={busy ? t('diag.network.checking') : t('diag.network.check')}
      busy={busy}
      error={error}
      onCheck={check}
    >
      {net ? (
        <dl className="facts" data-testid="network-result">
          <dt>{t('diag.network.url')}</dt>
          <dd className={net.centralUrl ? 'mono' : 'diag__warn'} data-testid="network-url">
            {net.centralUrl ?? t('diag.network.notConfigured')}
          </dd>
          <dt>{t('diag.network.reach')}</dt>
          <dd data-testid="network-reach">
            {net.reachable === null ? (
              t('diag.network.unknown')
            ) : net.reachable ? (
              <strong className="diag__ok">✓ {t('diag.network.reachable')}</strong>
            ) : (
              <>
                <strong className="diag__bad">✕ {t('diag.network.unreachable')}</strong>
                {net.problem ? (
                  <span className="diag__bad" data-testid="network-problem">
                    {' '}
                    — {net.problem}
                  </span>
                ) : null}
              </>
            )}
          </dd>
          <dt>{t('diag.network.latency')}</dt>
          <dd>{net.latencyMs === null ? '—' : t('diag.network.ms', { ms: net.latencyMs })}</dd>
          <dt>{t('diag.network.lastSync')}</dt>
          <dd data-testid="network-last-sync">
            {!last ? (
              t('diag.network.never')
            ) : last.ok ? (
              last.at ? (
                t('diag.network.lastSyncOk', { time: formatDateTime(last.at, lang) })
              ) : (
                last.message
              )
            ) : (
              <>
                <span className="diag__bad">
                  {t('diag.network.lastSyncFail', { message: last.message })}
                </span>
                {last.at ? (
                  <span className="muted">
                    {' '}
                    · {t('diag.network.lastSuccess', { time: formatDateTime(last.at, lang) })}
                  </span>
                ) : null}
              </>
            )}
          </dd>
        </dl>
      ) : busy ? (
        <p className="muted">{t('diag.network.checking')}</p>
      ) : null}
    </CheckPanel>
  );
}

export function StoragePanel() {
  const { t, i18n } = useTranslation();
  const { value: st, busy, error, check } = useDiagnostic('diagnostics.storage');

  const lang = i18n.language;
  const low = st ? diskLow(st.freeBytes, st.totalBytes) : false;
  const healthy = st?.integrity === 'ok';
  const trendText = (trend: StorageDiagnostics['trend']) => {
    const first = trend[0];
    const last = trend[trend.length - 1];
    if (!first || !last) return t('diag.storage.trendNone');
    const change = last.fileBytes - first.fileBytes;
    return t('diag.storage.trendLine', {
      from: `${formatBytes(first.fileBytes, lang)} (${first.day})`,
      to: `${formatBytes(last.fileBytes, lang)} (${last.day})`,
      change: `${change >= 0 ? '+' : '−'}${formatBytes(Math.abs(change), lang)}`,
    });
  };
  return (
    <CheckPanel
      id="storage"
      title={t('diag.storage.title')}
      checkLabel={busy ? t('diag.storage.checking') : t('diag.storage.check')}
      busy={busy}
      error={error}
      onCheck={check}
    >
      {st ? (
        <>
          {low ? (
            <p className="banner banner--warning" role="status">
              {t('diag.storage.low')}
            </p>
          ) : null}
          <dl className="facts" data-testid="storage-result">
            <dt>{t('diag.storage.integrity')}</dt>
            <dd data-testid="storage-integrity">
              {healthy ? (
                <strong className="diag__ok">✓ {t('diag.storage.integrityOk')}</strong>
              ) : (
                <strong className="diag__bad">
                  ✕ {t('diag.storage.integrityBad', { detail: st.integrity })}
                </strong>
              )}
            </dd>
            <dt>{t('diag.storage.dbSize')}</dt>
            <dd>{formatBytes(st.databaseBytes, lang)}</dd>
            <dt>{t('diag.storage.free')}</dt>
            <dd className={low ? 'diag__bad' : undefined} data-testid="storage-free">
              {st.totalBytes > 0
                ? t('diag.storage.freeOf', {
                    free: formatBytes(st.freeBytes, lang),
                    total: formatBytes(st.totalBytes, lang),
                  })
                : '—'}
            </dd>
            <dt>{t('diag.storage.categories')}</dt>
            <dd data-testid="storage-categories">
              {STORAGE_CATEGORIES.map((c) => (
                <span key={c} className="diag__cat">
                  {t(`diag.storage.cat.${c}`)}: {formatBytes(st.categories[c], lang)}
                </span>
              ))}
            </dd>
            <dt>{t('diag.storage.reclaimable')}</dt>
            <dd>{formatBytes(st.reclaimableBytes, lang)}</dd>
            <dt>{t('diag.storage.trend')}</dt>
            <dd data-testid="storage-trend">{trendText(st.trend)}</dd>
            <dt>{t('diag.storage.dataDir')}</dt>
            <dd className="mono">{st.dataDir}</dd>
            {st.auditChain ? <AuditChainFact chain={st.auditChain} lang={lang} /> : null}
          </dl>
        </>
      ) : busy ? (
        <p className="muted">{t('diag.storage.checking')}</p>
      ) : null}
    </CheckPanel>
  );
}

function AuditChainFact({ chain, lang }: { chain: AuditChainStatus; lang: string }) {
  const { t } = useTranslation();
  const cp = chain.lastCheckpoint;
  return (
    <>
      <dt>{t('diag.storage.audit')}</dt>
      <dd data-testid="storage-audit">
        {chain.state === 'intact' ? (
          <strong className="diag__ok">
            ✓ {t('diag.storage.auditIntact', { rows: chain.rows })}
          </strong>
        ) : chain.state === 'checking' ? (
          <span>
            {t('diag.storage.auditChecking', { verified: chain.verifiedRows, rows: chain.rows })}
          </span>
        ) : (
          <strong className="diag__bad">
            ✕{' '}
            {t('diag.storage.auditBroken', {
              id: chain.brokenAt?.id ?? '?',
              at: chain.brokenAt?.at ? ` (${formatDateTime(chain.brokenAt.at, lang)})` : '',
              reason: t(`diag.storage.auditReason.${chain.brokenAt?.reason ?? 'content'}`),
            })}
          </strong>
        )}
        {cp ? (
          <div className="muted small">
            {t('diag.storage.auditCheckpoint', { at: formatDateTime(cp.at, lang), rows: cp.rows })}
          </div>
        ) : null}
      </dd>
    </>
  );
}
