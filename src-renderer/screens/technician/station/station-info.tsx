import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationInfo } from '../../../../src-main/api/contract';
import { formatBytes } from '../../../app/format';
import { call } from '../../../app/station-client';

export function StationInfoScreen() {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<StationInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('station.info', {}).then((r) => {
      if (r.ok) setInfo(r.value);
      else setError(r.error.message);
    });
  }, []);
  return (
    <section className="screen">
      <div className="screen__head">
        <h1>{t('station.title')}</h1>
      </div>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {info === null ? (
        error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : (
        <dl className="facts card" data-testid="station-info">
          <dt>{t('station.dataDir')}</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>{t('station.dbSize')}</dt>
          <dd>{formatBytes(info.databaseBytes, i18n.language)}</dd>
          <dt>{t('station.schema')}</dt>
          <dd>{info.schemaVersion}</dd>
          <dt>{t('station.encryption')}</dt>
          <dd>
            {info.encrypted ? t('station.encrypted') : t('station.notEncrypted')} ·{' '}
            {t(`station.keySource.${info.keySource}`)}
          </dd>
          <dt>{t('station.host')}</dt>
          <dd>{t(`station.hostKind.${info.host}`)}</dd>
          <dt>{t('station.version')}</dt>
          <dd>
            Rekam {info.version} · Node {info.node}
          </dd>
        </dl>
      )}
    </section>
  );
}
