import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type {
  DiscoveredHub,
  OfficeDesk,
  OfficeStatus,
  PairingCode,
} from '../../../../src-main/api/contract-office';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n';
import { Field } from '../../../components/field';
import { TableCard } from '../../../components/table-card';
import { KeyFingerprint } from '../central/key-fingerprint';
import { skewText } from './office-model';
import { HubDiscovery } from './hub-discovery';
import './office.css';

const REFRESH_MS = 10_000;

/**
 * The technician's office screen. Alone: make this station the office hub, or join
 * one (its address and the code shown on it). On the hub: the pairing code with the hub's key
 * fingerprint, the TV board link, and the paired desks (last seen, clock skew, version) with
 * unpairing. On a desk: its hub, its desk name, and whether the office queue is connected.
 */
export function OfficeScreen() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OfficeStatus | null>(null);
  const [desks, setDesks] = useState<OfficeDesk[]>([]);
  const [code, setCode] = useState<PairingCode | null>(null);
  const [banner, setBanner] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const s = await call('office.status', {});
    if (!s.ok) return setBanner({ kind: 'error', text: s.error.message });
    setStatus(s.value);
    if (s.value.role === 'hub') {
      const d = await call('office.desks', {});
      if (d.ok) setDesks(d.value);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const act = async (run: () => Promise<string | null>) => {
    setBusy(true);
    setBanner(null);
    try {
      const text = await run();
      if (text) setBanner({ kind: 'ok', text });
      await load();
    } finally {
      setBusy(false);
    }
  };

  if (!status) return <section className="screen" />;

  return (
    <section className="screen office" data-testid="office-screen">
      <div className="screen__head">
        <h1>{t('office.officeHubDesksTvBoard')}</h1>
        <span className="badge" data-testid="office-role">
          {status.role === 'hub'
            ? t('office.officeHub')
            : status.role === 'desk'
              ? t('office.officeDesk')
              : t('office.standalone')}
        </span>
      </div>
      {banner ? (
        <p
          className={`banner banner--${banner.kind}`}
          role={banner.kind === 'error' ? 'alert' : 'status'}
        >
          {banner.text}
        </p>
      ) : null}
      {status.role === 'alone' ? (
        <AloneView busy={busy} act={act} onError={(text) => setBanner({ kind: 'error', text })} />
      ) : null}
      {status.role === 'hub' ? (
        <HubView
          status={status}
          desks={desks}
          code={code}
          setCode={setCode}
          busy={busy}
          act={act}
        />
      ) : null}
      {status.role === 'desk' ? <DeskView status={status} busy={busy} act={act} /> : null}
    </section>
  );
}

type Act = (run: () => Promise<string | null>) => Promise<void>;

function AloneView({
  busy,
  act,
  onError,
}: {
  busy: boolean;
  act: Act;
  onError: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [picked, setPicked] = useState<DiscoveredHub | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ url?: string; code?: string }>({});

  const join = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await call('office.join', {
        url: url.trim(),
        code: code.trim(),
        ...(picked && picked.urls.includes(url.trim()) ? { fingerprint: picked.fingerprint } : {}),
      });
      if (r.ok) return t('office.thisDeskJoinedTheOffice');
      setErrors({ url: r.error.fields?.url, code: r.error.fields?.code });
      if (!r.error.fields) onError(r.error.message);
      return null;
    });
  };

  return (
    <div className="office__grid">
      <form className="card" onSubmit={join} data-testid="office-join">
        <h2>{t('office.joinTheOfficeHub')}</h2>
        <p className="muted">{t('office.onTheHubOfficeScreen')}</p>
        <HubDiscovery
          busy={busy}
          picked={picked}
          onPick={(h) => {
            setPicked(h);
            setUrl(h.urls[0] ?? '');
          }}
        />
        <Field
          id="office-url"
          label={t('office.hubAddress')}
          errors={errors.url ? [errors.url] : []}
          hint="https://192.168.1.10:7443"
        >
          {(aria) => (
            <input
              {...aria}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              autoComplete="off"
              data-testid="office-url"
            />
          )}
        </Field>
        <Field
          id="office-code"
          label={t('office.pairingCode')}
          errors={errors.code ? [errors.code] : []}
        >
          {(aria) => (
            <input
              {...aria}
              className="mono office__code-input"
              value={code}
              onChange={(e) => setCode(e.target.value.toUpperCase())}
              autoComplete="off"
              placeholder="XXXX-XXXX"
              data-testid="office-code"
            />
          )}
        </Field>
        <button
          type="submit"
          className="btn btn--primary"
          disabled={busy || !url || code.length < 8}
        >
          {t('office.pairThisDesk')}
        </button>
      </form>
      <div className="card">
        <h2>{t('office.makeThisStationTheOffice')}</h2>
        <p className="muted">{t('office.oneStationPerOfficeE')}</p>
        <button
          type="button"
          className="btn"
          disabled={busy}
          data-testid="office-become-hub"
          onClick={() =>
            void act(async () => {
              const r = await call('office.becomeHub', {});
              if (!r.ok) onError(r.error.message);
              return r.ok ? t('office.thisStationIsNowThe') : null;
            })
          }
        >
          {t('office.makeOfficeHub')}
        </button>
      </div>
    </div>
  );
}

function HubView({
  status,
  desks,
  code,
  setCode,
  busy,
  act,
}: {
  status: OfficeStatus;
  desks: OfficeDesk[];
  code: PairingCode | null;
  setCode: (c: PairingCode | null) => void;
  busy: boolean;
  act: Act;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const service = status.service;
  return (
    <>
      <div className="office__grid">
        <div className="card" data-testid="office-pairing">
          <h2>{t('office.pairANewDesk')}</h2>
          {code ? (
            <>
              <p className="office__code mono" data-testid="office-pairing-code">
                {code.code}
              </p>
              <p className="muted">
                {t('office.validUntilTSingleUse', {
                  t: formatDateTime(code.expiresAt, locale).slice(-5),
                })}
              </p>
              <KeyFingerprint
                id="office-hub-fp"
                label={t('office.hubKeyFingerprint')}
                value={code.fingerprint}
                testId="office-hub-fingerprint"
              />
            </>
          ) : (
            <p className="muted">{t('office.makeACodeThenType')}</p>
          )}
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy}
            data-testid="office-new-code"
            onClick={() =>
              void act(async () => {
                const r = await call('office.pairingCode', {});
                setCode(r.ok ? r.value : null);
                return r.ok ? null : r.error.message;
              })
            }
          >
            {t('office.newPairingCode')}
          </button>
        </div>
        <div className="card">
          <h2>{t('office.hubAddressAndTvBoard')}</h2>
          {service ? (
            <dl className="facts">
              <dt>{t('office.addressForDesks')}</dt>
              <dd className="mono" data-testid="office-hub-urls">
                {service.urls.join('  ·  ')}
              </dd>
              <dt>{t('office.tvBoardOpenOnThe')}</dt>
              <dd className="mono office__board-url" data-testid="office-board-url">
                {service.boardUrl}
              </dd>
            </dl>
          ) : (
            <p className="banner banner--error">{t('office.theHubServiceIsNot')}</p>
          )}
          <p className="muted">{t('office.theBoardLinkCanOnly')}</p>
        </div>
      </div>
      <TableCard
        title={t('office.pairedDesks')}
        empty={t('office.noDesksYet')}
        testId="office-desks"
        headers={[
          t('office.desk'),
          t('office.station'),
          t('office.lastSeen'),
          t('office.clockSkew'),
          t('office.version'),
          t('office.keyFingerprint'),
          null,
        ]}
        rows={desks}
        row={(d) => (
          <tr key={d.stationId} data-testid={`office-desk-${d.deskNo}`}>
            <td>
              <strong>{d.label}</strong>
            </td>
            <td>{d.stationName}</td>
            <td>{d.lastSeenAt ? formatDateTime(d.lastSeenAt, locale) : '—'}</td>
            <td className={d.skewFlagged ? 'office__skew--flag' : undefined}>
              {skewText(d.skewMs, locale)}
              {d.skewFlagged ? ` ⚠ ${t('office.setTheDeskClock')}` : ''}
            </td>
            <td>{d.version ?? '—'}</td>
            <td className="mono">{d.fingerprint.slice(0, 14)}…</td>
            <td>
              {d.revokedAt ? (
                <span className="badge badge--rejected">{t('office.unpaired')}</span>
              ) : (
                <button
                  type="button"
                  className="btn btn--small btn--danger"
                  disabled={busy}
                  onClick={() => {
                    if (!window.confirm(t('office.unpairDTheHubRefuses', { d: d.label }))) return;
                    void act(async () => {
                      const r = await call('office.unpair', { stationId: d.stationId });
                      return r.ok ? t('office.dUnpaired', { d: d.label }) : r.error.message;
                    });
                  }}
                >
                  {t('office.unpair')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}

function DeskView({ status, busy, act }: { status: OfficeStatus; busy: boolean; act: Act }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const hub = status.hub!;
  return (
    <div className="office__grid">
      <div className="card" data-testid="office-desk-link">
        <h2>{t('office.thisDeskD', { d: hub.label })}</h2>
        {hub.connected ? (
          <p className="banner banner--ok" data-testid="office-connected">
            {t('office.officeQueueConnected')}
          </p>
        ) : (
          <p className="banner banner--error" role="alert" data-testid="office-disconnected">
            {t('office.officeQueueNotConnected')}
            {hub.problem ? ` — ${hub.problem}` : ''}
          </p>
        )}
        <dl className="facts">
          <dt>{t('office.hub')}</dt>
          <dd>{hub.hubName}</dd>
          <dt>{t('office.address')}</dt>
          <dd className="mono">{hub.url}</dd>
          <dt>{t('office.lastContact')}</dt>
          <dd>{hub.lastContactAt ? formatDateTime(hub.lastContactAt, locale) : '—'}</dd>
        </dl>
        <KeyFingerprint
          id="office-desk-hub-fp"
          label={t('office.hubKeyFingerprintSameAs')}
          value={hub.hubFingerprint}
          testId="office-desk-hub-fingerprint"
        />
        <button
          type="button"
          className="btn btn--danger"
          disabled={busy}
          onClick={() => {
            if (!window.confirm(t('office.leaveTheOfficeHubThis'))) return;
            void act(async () => {
              const r = await call('office.leave', {});
              return r.ok ? t('office.thisDeskLeftTheOffice') : r.error.message;
            });
          }}
        >
          {t('office.leaveTheHub')}
        </button>
      </div>
    </div>
  );
}
