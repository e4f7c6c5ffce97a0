import { useRef, useState } from 'react';
import { AccountFields, type AccountValues } from '../../components/account-fields';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../src-main/api/contract';
import { call } from '../../app/station-client';
import { regionOptions, useRegionChildren } from '../../app/use-regions';
import { Field } from '../../components/field';
import { FilterSelect } from '../../components/filter-select';
import { LangSwitch } from '../../components/lang-switch';

const USERNAME_RE = /^[a-z0-9._-]{3,32}$/;

/** First run: name the station, place it in its kecamatan, create the first supervisor. */
export function SetupWizard({ onDone }: { onDone: (s: SessionInfo) => void | Promise<void> }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<1 | 2>(1);
  const [stationName, setStationName] = useState('');
  const [province, setProvince] = useState('');
  const [regency, setRegency] = useState('');
  const [district, setDistrict] = useState('');
  const [account, setAccount] = useState<AccountValues>({
    username: '',
    fullName: '',
    password: '',
  });
  const { username, fullName, password } = account;
  const [password2, setPassword2] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstRef = useRef<HTMLInputElement | null>(null);

  const provinces = useRegionChildren('');
  const regencies = useRegionChildren(province || null);
  const districts = useRegionChildren(regency || null);

  const err = (k: string) => (errors[k] ? [errors[k]] : []);

  const next = (e: FormEvent) => {
    e.preventDefault();
    const es: Record<string, string> = {};
    if (stationName.trim() === '') es.stationName = t('setup.errStationName');
    if (!province) es.province = t('setup.errProvince');
    else if (!regency) es.regency = t('setup.errRegency');
    else if (!district) es.district = t('setup.errDistrict');
    setErrors(es);
    if (Object.keys(es).length === 0) setStep(2);
  };

  const finish = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const es: Record<string, string> = {};
    const u = username.trim().toLowerCase();
    if (!USERNAME_RE.test(u)) es.username = t('setup.errUsername');
    if (fullName.trim() === '') es.fullName = t('setup.errFullName');
    if (password.length < 8) es.password = t('setup.errPasswordShort');
    else if (/^\d+$/.test(password)) es.password = t('setup.errPasswordDigits');
    else if (password.toLowerCase() === u) es.password = t('setup.errPasswordUsername');
    if (password2 !== password) es.password2 = t('setup.errPasswordMatch');
    setErrors(es);
    if (Object.keys(es).length) return;
    setBusy(true);
    const r = await call('setup.create', {
      stationName: stationName.trim(),
      kecamatanCode: district,
      supervisor: { username: u, fullName: fullName.trim(), password },
    });
    setBusy(false);
    if (r.ok) {
      await onDone(r.value);
      return;
    }
    if (r.error.code === 'WEAK_PASSWORD') setErrors({ password: r.error.message });
    else if (r.error.fields) setErrors(r.error.fields);
    setFormError(r.error.message);
  };

  return (
    <main className="center-screen">
      <div className="corner-tools">
        <LangSwitch />
      </div>
      <div className="card card--wide">
        <p className="eyebrow">{t('setup.eyebrow', { step, total: 2 })}</p>
        {step === 1 ? (
          <form onSubmit={next} noValidate>
            <h1>{t('setup.step1Title')}</h1>
            <p className="muted">{t('setup.step1Intro')}</p>
            <Field
              id="setup-station-name"
              label={t('setup.stationName')}
              hint={t('setup.stationNameHint')}
              errors={err('stationName')}
            >
              {(aria) => (
                <input
                  {...aria}
                  ref={firstRef}
                  data-testid="setup-station-name"
                  value={stationName}
                  maxLength={80}
                  autoFocus
                  onChange={(e) => setStationName(e.target.value)}
                />
              )}
            </Field>
            <Field id="setup-province" label={t('region.province')} errors={err('province')}>
              {(aria) => (
                <FilterSelect
                  aria={aria}
                  testId="setup-province"
                  options={regionOptions(provinces.regions)}
                  loading={provinces.loading}
                  value={province}
                  placeholder={t('region.chooseProvince')}
                  onChange={(v) => {
                    setProvince(v);
                    setRegency('');
                    setDistrict('');
                  }}
                />
              )}
            </Field>
            <Field id="setup-regency" label={t('region.regency')} errors={err('regency')}>
              {(aria) => (
                <FilterSelect
                  aria={aria}
                  testId="setup-regency"
                  options={regionOptions(regencies.regions)}
                  loading={regencies.loading}
                  disabled={!province}
                  value={regency}
                  placeholder={t('region.chooseRegency')}
                  onChange={(v) => {
                    setRegency(v);
                    setDistrict('');
                  }}
                />
              )}
            </Field>
            <Field id="setup-district" label={t('region.district')} errors={err('district')}>
              {(aria) => (
                <FilterSelect
                  aria={aria}
                  testId="setup-district"
                  options={regionOptions(districts.regions)}
                  loading={districts.loading}
                  disabled={!regency}
                  value={district}
                  placeholder={t('region.chooseDistrict')}
                  onChange={setDistrict}
                />
              )}
            </Field>
            <div className="actions">
              <button type="submit" className="btn btn--primary" data-testid="setup-next">
                {t('setup.next')} <span aria-hidden="true">→</span>
              </button>
            </div>
          </form>
        ) : (
          <form onSubmit={(e) => void finish(e)} noValidate>
            <h1>{t('setup.step2Title')}</h1>
            <p className="muted">{t('setup.step2Intro')}</p>
            <AccountFields
              idPrefix="setup-sup"
              values={account}
              onChange={setAccount}
              errors={errors}
              passwordLabel={t('user.password')}
              autoFocus
            />
            <Field id="setup-sup-password2" label={t('user.password2')} errors={err('password2')}>
              {(aria) => (
                <input
                  {...aria}
                  type="password"
                  data-testid="setup-sup-password2"
                  value={password2}
                  autoComplete="new-password"
                  onChange={(e) => setPassword2(e.target.value)}
                />
              )}
            </Field>
            {formError ? (
              <p className="banner banner--error" role="alert">
                {formError}
              </p>
            ) : null}
            <div className="actions">
              <button type="button" className="btn" onClick={() => setStep(1)}>
                <span aria-hidden="true">←</span> {t('common.back')}
              </button>
              <button
                type="submit"
                className="btn btn--primary"
                data-testid="setup-finish"
                disabled={busy}
              >
                {busy ? t('common.working') : t('setup.finish')}
              </button>
            </div>
          </form>
        )}
      </div>
    </main>
  );
}
