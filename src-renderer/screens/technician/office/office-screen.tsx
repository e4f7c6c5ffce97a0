import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type {
  OfficeDesk,
  OfficeStatus,
  PairingCode,
} from '../../../../src-main/api/contract-office';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { useTx } from '../../../app/tx';
import { Field } from '../../../components/field';
import { KeyFingerprint } from '../central/key-fingerprint';
import { skewText } from './office-model';
import './office.css';

const REFRESH_MS = 10_000;

/**
 * The technician's office screen (issue 17). Alone: make this station the office hub, or join
 * one (its address and the code shown on it). On the hub: the pairing code with the hub's key
 * fingerprint, the TV board link, and the paired desks (last seen, clock skew, version) with
 * unpairing. On a desk: its hub, its desk name, and whether the office queue is connected.
 */
export function OfficeScreen() {
  const { tx } = useTx();
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
        <h1>{tx('Kantor: hub, meja, papan TV', 'Office: hub, desks, TV board')}</h1>
        <span className="badge" data-testid="office-role">
          {status.role === 'hub'
            ? tx('Hub kantor', 'Office hub')
            : status.role === 'desk'
              ? tx('Meja di kantor', 'Office desk')
              : tx('Berdiri sendiri', 'Standalone')}
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
  const { tx } = useTx();
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ url?: string; code?: string }>({});

  const join = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await call('office.join', { url: url.trim(), code: code.trim() });
      if (r.ok)
        return tx('Meja ini tergabung dengan hub kantor.', 'This desk joined the office hub.');
      setErrors({ url: r.error.fields?.url, code: r.error.fields?.code });
      if (!r.error.fields) onError(r.error.message);
      return null;
    });
  };

  return (
    <div className="office__grid">
      <form className="card" onSubmit={join} data-testid="office-join">
        <h2>{tx('Gabung ke hub kantor', 'Join the office hub')}</h2>
        <p className="muted">
          {tx(
            'Di hub: layar Kantor → "Buat kode pemasangan". Ketik alamat dan kode yang tampil di sana, lalu bandingkan sidik kunci hub di kedua layar.',
            'On the hub: Office screen → "New pairing code". Type the address and code shown there, then compare the hub key fingerprint on both screens.',
          )}
        </p>
        <Field
          id="office-url"
          label={tx('Alamat hub', 'Hub address')}
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
          label={tx('Kode pemasangan', 'Pairing code')}
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
          {tx('Pasangkan meja ini', 'Pair this desk')}
        </button>
      </form>
      <div className="card">
        <h2>{tx('Jadikan stasiun ini hub kantor', 'Make this station the office hub')}</h2>
        <p className="muted">
          {tx(
            'Satu stasiun per kantor (mis. PC loket). Hub memegang antrean kantor, papan TV dan rekap kantor. Perekaman di tiap meja tetap jalan walau hub mati.',
            'One station per office (e.g. the counter PC). The hub holds the office queue, the TV board and the office recap. Recording at each desk goes on even when the hub is off.',
          )}
        </p>
        <button
          type="button"
          className="btn"
          disabled={busy}
          data-testid="office-become-hub"
          onClick={() =>
            void act(async () => {
              const r = await call('office.becomeHub', {});
              if (!r.ok) onError(r.error.message);
              return r.ok
                ? tx('Stasiun ini sekarang hub kantor.', 'This station is now the office hub.')
                : null;
            })
          }
        >
          {tx('Jadikan hub kantor', 'Make office hub')}
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
  const { tx, locale } = useTx();
  const service = status.service;
  return (
    <>
      <div className="office__grid">
        <div className="card" data-testid="office-pairing">
          <h2>{tx('Pasangkan meja baru', 'Pair a new desk')}</h2>
          {code ? (
            <>
              <p className="office__code mono" data-testid="office-pairing-code">
                {code.code}
              </p>
              <p className="muted">
                {tx('Berlaku sampai {{t}}, sekali pakai.', 'Valid until {{t}}, single use.', {
                  t: formatDateTime(code.expiresAt, locale).slice(-5),
                })}
              </p>
              <KeyFingerprint
                id="office-hub-fp"
                label={tx('Sidik kunci hub', 'Hub key fingerprint')}
                value={code.fingerprint}
                testId="office-hub-fingerprint"
              />
            </>
          ) : (
            <p className="muted">
              {tx(
                'Buat kode, lalu ketik alamat dan kode ini di layar Kantor meja yang akan bergabung.',
                'Make a code, then type the address and this code on the joining desk’s Office screen.',
              )}
            </p>
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
            {tx('Buat kode pemasangan', 'New pairing code')}
          </button>
        </div>
        <div className="card">
          <h2>{tx('Alamat hub dan papan TV', 'Hub address and TV board')}</h2>
          {service ? (
            <dl className="facts">
              <dt>{tx('Alamat untuk meja', 'Address for desks')}</dt>
              <dd className="mono" data-testid="office-hub-urls">
                {service.urls.join('  ·  ')}
              </dd>
              <dt>
                {tx(
                  'Papan TV (buka di TV/PC ruang tunggu)',
                  'TV board (open on the waiting-room TV/PC)',
                )}
              </dt>
              <dd className="mono office__board-url" data-testid="office-board-url">
                {service.boardUrl}
              </dd>
            </dl>
          ) : (
            <p className="banner banner--error">
              {tx('Layanan hub belum berjalan.', 'The hub service is not running.')}
            </p>
          )}
          <p className="muted">
            {tx(
              'Tautan papan hanya bisa menampilkan panggilan; tidak membuka data apa pun.',
              'The board link can only show the calls; it opens no other data.',
            )}
          </p>
        </div>
      </div>
      <div className="card">
        <h2>{tx('Meja terpasang', 'Paired desks')}</h2>
        {desks.length === 0 ? (
          <p className="muted">{tx('Belum ada meja.', 'No desks yet.')}</p>
        ) : (
          <table className="table" data-testid="office-desks">
            <thead>
              <tr>
                <th>{tx('Meja', 'Desk')}</th>
                <th>{tx('Stasiun', 'Station')}</th>
                <th>{tx('Terakhir terlihat', 'Last seen')}</th>
                <th>{tx('Selisih jam', 'Clock skew')}</th>
                <th>{tx('Versi', 'Version')}</th>
                <th>{tx('Sidik kunci', 'Key fingerprint')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {desks.map((d) => (
                <tr key={d.stationId} data-testid={`office-desk-${d.deskNo}`}>
                  <td>
                    <strong>{d.label}</strong>
                  </td>
                  <td>{d.stationName}</td>
                  <td>{d.lastSeenAt ? formatDateTime(d.lastSeenAt, locale) : '—'}</td>
                  <td className={d.skewFlagged ? 'office__skew--flag' : undefined}>
                    {skewText(d.skewMs, locale)}
                    {d.skewFlagged ? ` ⚠ ${tx('setel jam meja', 'set the desk clock')}` : ''}
                  </td>
                  <td>{d.version ?? '—'}</td>
                  <td className="mono">{d.fingerprint.slice(0, 14)}…</td>
                  <td>
                    {d.revokedAt ? (
                      <span className="badge badge--rejected">{tx('Dicabut', 'Unpaired')}</span>
                    ) : (
                      <button
                        type="button"
                        className="btn btn--small btn--danger"
                        disabled={busy}
                        onClick={() => {
                          if (
                            !window.confirm(
                              tx(
                                'Cabut {{d}}? Meja itu ditolak hub sampai dipasangkan ulang.',
                                'Unpair {{d}}? The hub refuses it until it is paired again.',
                                { d: d.label },
                              ),
                            )
                          )
                            return;
                          void act(async () => {
                            const r = await call('office.unpair', { stationId: d.stationId });
                            return r.ok
                              ? tx('{{d}} dicabut.', '{{d}} unpaired.', { d: d.label })
                              : r.error.message;
                          });
                        }}
                      >
                        {tx('Cabut', 'Unpair')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}

function DeskView({ status, busy, act }: { status: OfficeStatus; busy: boolean; act: Act }) {
  const { tx, locale } = useTx();
  const hub = status.hub!;
  return (
    <div className="office__grid">
      <div className="card" data-testid="office-desk-link">
        <h2>{tx('Meja ini: {{d}}', 'This desk: {{d}}', { d: hub.label })}</h2>
        {hub.connected ? (
          <p className="banner banner--ok" data-testid="office-connected">
            {tx('Antrean kantor terhubung', 'Office queue connected')}
          </p>
        ) : (
          <p className="banner banner--error" role="alert" data-testid="office-disconnected">
            {tx('Antrean kantor tidak terhubung', 'Office queue not connected')}
            {hub.problem ? ` — ${hub.problem}` : ''}
          </p>
        )}
        <dl className="facts">
          <dt>{tx('Hub', 'Hub')}</dt>
          <dd>{hub.hubName}</dd>
          <dt>{tx('Alamat', 'Address')}</dt>
          <dd className="mono">{hub.url}</dd>
          <dt>{tx('Kontak terakhir', 'Last contact')}</dt>
          <dd>{hub.lastContactAt ? formatDateTime(hub.lastContactAt, locale) : '—'}</dd>
        </dl>
        <KeyFingerprint
          id="office-desk-hub-fp"
          label={tx(
            'Sidik kunci hub (sama dengan layar hub?)',
            'Hub key fingerprint (same as on the hub?)',
          )}
          value={hub.hubFingerprint}
          testId="office-desk-hub-fingerprint"
        />
        <button
          type="button"
          className="btn btn--danger"
          disabled={busy}
          onClick={() => {
            if (
              !window.confirm(
                tx(
                  'Keluar dari hub kantor? Antrean meja ini kembali berdiri sendiri.',
                  'Leave the office hub? This desk’s queue becomes standalone again.',
                ),
              )
            )
              return;
            void act(async () => {
              const r = await call('office.leave', {});
              return r.ok
                ? tx('Meja ini keluar dari hub kantor.', 'This desk left the office hub.')
                : r.error.message;
            });
          }}
        >
          {tx('Keluar dari hub', 'Leave the hub')}
        </button>
      </div>
    </div>
  );
}
