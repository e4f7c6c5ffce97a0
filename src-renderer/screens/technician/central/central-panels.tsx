import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentralConfig } from '../../../../src-main/api/contract';
import { Field } from '../../../components/field';
import { KeyFingerprint } from './key-fingerprint';

/** Step 2: the fingerprints to read aloud and compare with the centre, and the trust state. */
export function CentralFingerprints({ config }: { config: CentralConfig }) {
  const { t } = useTranslation();
  return (
    <div className="card central__step" data-testid="central-fingerprints">
      <h2>
        <span className="central__no">2</span> {t('central.step2')}
      </h2>
      <p>{t('central.compareIntro')}</p>
      <KeyFingerprint
        id="central-key-fp"
        label={t('central.centralFingerprint')}
        value={config.centralKeyFingerprint ?? ''}
        testId="central-key-fingerprint"
        big
      />
      <p className="muted small">{t('central.compareMismatch')}</p>
      {config.verdictKeyFingerprint ? (
        <KeyFingerprint
          id="central-verdict-fp"
          label={t('central.verdictFingerprint')}
          value={config.verdictKeyFingerprint}
          testId="central-verdict-fingerprint"
        />
      ) : null}
      {config.tlsPin ? (
        <KeyFingerprint
          id="central-pin-fp"
          label={t('central.pinLabel')}
          value={config.tlsPin}
          testId="central-tls-pin"
        />
      ) : (
        <p className="muted small" data-testid="central-tls-pin-none">
          {t('central.pinNone')}
        </p>
      )}
      <KeyFingerprint
        id="station-key-fp"
        label={t('central.stationFingerprint')}
        value={config.stationKeyFingerprint}
        testId="station-key-fingerprint"
      />
      <p className="muted small">{t('central.currentUrl', { url: config.url })}</p>
      <p
        className={`small ${config.unverifiedVerdicts > 0 ? 'banner banner--error' : 'muted'}`}
        data-testid="central-unverified"
        data-count={config.unverifiedVerdicts}
      >
        {t('central.unverified', { count: config.unverifiedVerdicts })}
      </p>
    </div>
  );
}

/** The centre's TLS key changed: the key seen, and a new pin the centre confirms by phone. */
export function PinMismatchForm({
  seenPin,
  value,
  error,
  busy,
  onChange,
  onSubmit,
}: {
  seenPin: string;
  value: string;
  error: string | undefined;
  busy: boolean;
  onChange: (v: string) => void;
  onSubmit: (e: FormEvent) => void;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="card central__step"
      onSubmit={onSubmit}
      noValidate
      data-testid="central-pin-mismatch"
    >
      <h2>{t('central.mismatchTitle')}</h2>
      <p className="banner banner--error" role="alert">
        {t('central.mismatchIntro')}
      </p>
      <KeyFingerprint
        id="central-seen-pin"
        label={t('central.seenPin')}
        value={seenPin}
        testId="central-seen-pin"
      />
      <PinField
        id="central-repin"
        label={t('central.repin')}
        hint={t('central.repinHint')}
        error={error}
        value={value}
        onChange={onChange}
      />
      <div className="actions">
        <button type="submit" className="btn" data-testid="central-repin-save" disabled={busy}>
          {t('central.repinAction')}
        </button>
      </div>
    </form>
  );
}

/** The centre's key pin, typed or pasted as the centre reads it out. */
export function PinField(p: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field id={p.id} label={p.label} hint={p.hint} errors={p.error ? [p.error] : []}>
      {(aria) => (
        <input
          {...aria}
          className="mono"
          spellCheck={false}
          autoComplete="off"
          data-testid={p.id}
          value={p.value}
          maxLength={200}
          onChange={(e) => p.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
