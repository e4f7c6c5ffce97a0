import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../src-main/api/contract';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { auditSentence, auditTargetLabel } from './audit-text';

export function AuditLog() {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let live = true;
    void call('audit.list', { limit: 200 }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setRows(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [reloads]);
  return (
    <section className="screen">
      <div className="screen__head">
        <h1>{t('audit.title')}</h1>
        <button type="button" className="btn" onClick={() => setReloads((n) => n + 1)}>
          {t('common.refresh')}
        </button>
      </div>
      <p className="muted">{t('audit.intro')}</p>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {rows === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('audit.empty')}</p>
        </div>
      ) : (
        <table className="table">
          <caption className="sr-only">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('user.username')}</th>
              <th scope="col">{t('audit.action')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const target = auditTargetLabel(r.target);
              return (
                <tr key={r.id} data-testid="audit-row" data-action={r.action}>
                  <td className="mono">{formatDateTime(r.at, i18n.language)}</td>
                  <td className="mono">{r.username ?? '—'}</td>
                  <td>
                    {auditSentence(t, r.action)}
                    {target ? (
                      <span className="muted small mono" title={r.target ?? undefined}>
                        {' '}
                        · {t('audit.target')}: {target}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
