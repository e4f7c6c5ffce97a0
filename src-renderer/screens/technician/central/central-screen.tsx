import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentralConfig } from '../../../../src-main/api/contract';
import { call } from '../../../app/station-client';
import { Field } from '../../../components/field';
import { CentralFingerprints, PinField, PinMismatchForm } from './central-panels';
import {
  MAX_KEY_FILE_BYTES,
  looksLikePin,
  looksLikePublicKey,
  validCentralUrl,
} from './central-model';
import './central.css';

/**
 * Connects the station to the central server in two steps a technician can do with the centre
 * on the phone: (1) URL and the centre's public key, whose fingerprint is read aloud and
 * compared, (2) registration with the one-time token the centre gives out.
 */
export function CentralScreen() {
  const { t } = useTranslation();
  const [config, setConfig] = useState<CentralConfig | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [key, setKey] = useState('');
  const [pin, setPin] = useState('');
  const [repin, setRepin] = useState('');
  const [errors, setErrors] = useState<{
    url?: string;
    key?: string;
    token?: string;
    pin?: string;
    repin?: string;
  }>({});
  const [banner, setBanner] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [compared, setCompared] = useState(false);
  const [token, setToken] = useState('');
  const fileInput = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    void call('central.config', {}).then((r) => {
      if (!r.ok) {
        setLoadError(r.error.message);
        return;
      }
      setConfig(r.value);
      setUrl(r.value.url ?? '');
    });
  }, []);

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_KEY_FILE_BYTES) {
      setErrors((x) => ({ ...x, key: t('central.keyFileTooBig') }));
      return;
    }
    const text = (await file.text()).trim();
    setKey(text);
    setErrors((x) => ({
      ...x,
      key: looksLikePublicKey(text) ? undefined : t('central.keyInvalid'),
    }));
  };

  const saveConfig = async (e: FormEvent) => {
    e.preventDefault();
    const next = {
      url: validCentralUrl(url) ? undefined : t('central.urlInvalid'),
      key: looksLikePublicKey(key) ? undefined : t('central.keyInvalid'),
      pin: pin.trim() === '' || looksLikePin(pin) ? undefined : t('central.pinInvalid'),
    };
    setErrors(next);
    setBanner(null);
    if (next.url || next.key || next.pin) return;
    setBusy(true);
    const r = await call('central.setConfig', {
      url: url.trim(),
      publicKey: key.trim(),
      ...(pin.trim() ? { tlsPin: pin.trim() } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setBanner({ kind: 'error', text: r.error.message });
      return;
    }
    setConfig(r.value);
    setKey('');
    setPin('');
    setCompared(false);
    setBanner({ kind: 'ok', text: t('central.saved') });
    // The next thing to do is read the fingerprint aloud: bring it into view.
    setTimeout(
      () => document.getElementById('central-key-fp')?.scrollIntoView({ block: 'center' }),
      0,
    );
  };

  const register = async (e: FormEvent) => {
    e.preventDefault();
    if (token.trim().length < 6) {
      setErrors((x) => ({ ...x, token: t('central.tokenInvalid') }));
      return;
    }
    setErrors((x) => ({ ...x, token: undefined }));
    setBusy(true);
    const r = await call('central.register', { token: token.trim() });
    setBusy(false);
    if (!r.ok) {
      setBanner({ kind: 'error', text: r.error.message });
      // A refused TLS key is now on record: show it with the re-pin form.
      const fresh = await call('central.config', {});
      if (fresh.ok) setConfig(fresh.value);
      return;
    }
    setConfig(r.value);
    setToken('');
    setBanner({ kind: 'ok', text: t('central.registeredNow') });
  };

  const doRepin = async (e: FormEvent) => {
    e.preventDefault();
    if (!looksLikePin(repin)) {
      setErrors((x) => ({ ...x, repin: t('central.pinInvalid') }));
      return;
    }
    setErrors((x) => ({ ...x, repin: undefined }));
    setBusy(true);
    const r = await call('central.repin', { pin: repin.trim() });
    setBusy(false);
    if (!r.ok) {
      setBanner({ kind: 'error', text: r.error.message });
      return;
    }
    setConfig(r.value);
    setRepin('');
    setBanner({ kind: 'ok', text: t('central.repinned') });
  };

  if (loadError) {
    return (
      <section className="screen">
        <h1>{t('central.title')}</h1>
        <p className="banner banner--error" role="alert">
          {loadError}
        </p>
      </section>
    );
  }
  if (!config) return <p className="muted">{t('common.loading')}</p>;

  const configured = config.url !== null && config.centralKeyFingerprint !== null;
  return (
    <section className="screen central" data-testid="central-screen">
      <div className="screen__head">
        <h1>{t('central.title')}</h1>
        <p
          className={`central__state central__state--${config.registered ? 'ok' : 'todo'}`}
          data-testid="central-state"
          data-registered={config.registered}
        >
          {config.registered
            ? t('central.stateRegistered')
            : configured
              ? t('central.stateConfigured')
              : t('central.stateNew')}
        </p>
      </div>
      {banner ? (
        <p
          className={`banner banner--${banner.kind}`}
          role={banner.kind === 'error' ? 'alert' : 'status'}
          data-testid="central-banner"
        >
          {banner.text}
        </p>
      ) : null}

      <form className="card central__step" onSubmit={(e) => void saveConfig(e)} noValidate>
        <h2>
          <span className="central__no">1</span> {t('central.step1')}
        </h2>
        <p className="muted">{t('central.step1Intro')}</p>
        <Field
          id="central-url"
          label={t('central.url')}
          hint={t('central.urlHint')}
          errors={errors.url ? [errors.url] : []}
        >
          {(aria) => (
            <input
              {...aria}
              type="url"
              inputMode="url"
              spellCheck={false}
              data-testid="central-url"
              value={url}
              maxLength={500}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
        <Field
          id="central-key"
          label={t('central.key')}
          hint={config.centralKeyFingerprint ? t('central.keyHintReplace') : t('central.keyHint')}
          errors={errors.key ? [errors.key] : []}
        >
          {(aria) => (
            <textarea
              {...aria}
              className="central__key mono"
              rows={4}
              spellCheck={false}
              data-testid="central-key"
              value={key}
              maxLength={2000}
              placeholder="-----BEGIN PUBLIC KEY-----"
              onChange={(e) => setKey(e.target.value)}
            />
          )}
        </Field>
        <PinField
          id="central-pin"
          label={t('central.pin')}
          hint={t('central.pinHint')}
          error={errors.pin}
          value={pin}
          onChange={setPin}
        />
        <div className="actions central__actions">
          <input
            ref={fileInput}
            type="file"
            accept=".pem,.pub,.key,.txt,text/plain"
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="central-key-file"
            onChange={(e) => void readFile(e)}
          />
          <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
            {t('central.keyFromFile')}
          </button>
          <button
            type="submit"
            className="btn btn--primary"
            data-testid="central-save"
            disabled={busy}
          >
            {t('central.save')}
          </button>
        </div>
      </form>

      {configured ? <CentralFingerprints config={config} /> : null}

      {configured && config.tlsMismatchPin ? (
        <PinMismatchForm
          seenPin={config.tlsMismatchPin}
          value={repin}
          error={errors.repin}
          busy={busy}
          onChange={setRepin}
          onSubmit={(e) => void doRepin(e)}
        />
      ) : null}

      {configured ? (
        <form className="card central__step" onSubmit={(e) => void register(e)} noValidate>
          <h2>
            <span className="central__no">3</span> {t('central.step3')}
          </h2>
          {config.registered ? (
            <p className="banner banner--ok" data-testid="central-registered">
              {t('central.registeredNote')}
            </p>
          ) : (
            <p className="muted">{t('central.step3Intro')}</p>
          )}
          <label className="central__check">
            <input
              type="checkbox"
              data-testid="central-compared"
              checked={compared}
              onChange={(e) => setCompared(e.target.checked)}
            />
            {t('central.comparedConfirm')}
          </label>
          {config.stationId ? (
            <p
              className="muted small"
              data-testid="central-station-id"
              data-value={config.stationId}
            >
              {t('central.tokenFor', { id: config.stationId })}
            </p>
          ) : null}
          <Field
            id="central-token"
            label={t('central.token')}
            hint={t('central.tokenHint')}
            errors={errors.token ? [errors.token] : []}
          >
            {(aria) => (
              <input
                {...aria}
                className="mono"
                autoComplete="off"
                spellCheck={false}
                data-testid="central-token"
                value={token}
                maxLength={200}
                onChange={(e) => setToken(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button
              type="submit"
              className="btn btn--primary"
              data-testid="central-register"
              disabled={busy || !compared}
            >
              {config.registered ? t('central.registerAgain') : t('central.register')}
            </button>
          </div>
          {!compared ? <p className="muted small">{t('central.compareFirst')}</p> : null}
        </form>
      ) : null}
    </section>
  );
}
