import { useTranslation } from 'react-i18next';
import {
  BLOOD_TYPES,
  CITIZENSHIPS,
  MARITAL_STATUSES,
  OCCUPATIONS,
  RELIGIONS,
  SEXES,
  VALID_FOR_LIFE,
} from '../../../../src-main/domain/resident';
import { regionOptions } from '../../../app/use-regions';
import type { useRegionChildren } from '../../../app/use-regions';
import { Field } from '../../../components/field';
import { FilterSelect } from '../../../components/filter-select';
import type { ResidentForm as FormState } from './resident-form-model';
import {
  BirthDateField,
  ChoiceField,
  NumberField,
  RegionField,
  RegionSelect,
  RtRwFields,
  TextField,
} from './resident-fields';
import type { FormBinding } from './use-resident-form';

const OCCUPATION_OPTIONS = OCCUPATIONS.map((o) => ({ value: o, label: o }));

type Regions = ReturnType<typeof useRegionChildren>;

/** NIK, KK, name, birth and the card's other personal fields. */
export function IdentitySection({ b }: { b: FormBinding }) {
  const { t } = useTranslation();
  return (
    <fieldset className="card form-section">
      <legend>{t('form.sectionIdentity')}</legend>
      <div className="grid">
        <NumberField b={b} field="nik" label="NIK" hint={t('form.nikHint')} />
        <NumberField b={b} field="kk" label={t('form.kk')} hint={t('form.kkHint')} />
        <TextField b={b} field="name" label={t('form.name')} maxLength={120} wide />
        <TextField b={b} field="birthPlace" label={t('form.birthPlace')} maxLength={80} />
        <BirthDateField b={b} />
        <ChoiceField
          b={b}
          field="sex"
          label={t('form.sex')}
          values={SEXES}
          labelOf={(v) => t(`sex.${v}`)}
        />
        <ChoiceField
          b={b}
          field="bloodType"
          label={t('form.bloodType')}
          values={BLOOD_TYPES}
          labelOf={(v) => (v === '-' ? t('form.bloodUnknown') : v)}
        />
      </div>
    </fieldset>
  );
}

/** Street address, RT/RW and the region cascade down to the village. */
export function AddressSection({
  b,
  regions: { provinces, regencies, districts, villages },
}: {
  b: FormBinding;
  regions: { provinces: Regions; regencies: Regions; districts: Regions; villages: Regions };
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="card form-section">
      <legend>{t('form.sectionAddress')}</legend>
      <div className="grid">
        <TextField b={b} field="address" label={t('form.address')} maxLength={200} wide />
        <RtRwFields b={b} />
        <RegionField id="field-province" label={t('region.province')}>
          {(aria) => (
            <RegionSelect
              b={b}
              level="province"
              aria={aria}
              options={regionOptions(provinces.regions)}
              loading={provinces.loading}
              placeholder={t('region.chooseProvince')}
            />
          )}
        </RegionField>
        <RegionField id="field-regency" label={t('region.regency')}>
          {(aria) => (
            <RegionSelect
              b={b}
              level="regency"
              aria={aria}
              options={regionOptions(regencies.regions)}
              loading={regencies.loading}
              placeholder={t('region.chooseRegency')}
            />
          )}
        </RegionField>
        <RegionField id="field-district" label={t('region.district')}>
          {(aria) => (
            <RegionSelect
              b={b}
              level="district"
              aria={aria}
              options={regionOptions(districts.regions)}
              loading={districts.loading}
              placeholder={t('region.chooseDistrict')}
            />
          )}
        </RegionField>
        <Field
          id="field-villageCode"
          label={t('region.village')}
          testKey="villageCode"
          errors={b.errorsFor('villageCode')}
          warnings={b.warningsFor('villageCode')}
        >
          {(aria) => (
            <RegionSelect
              b={b}
              level="villageCode"
              aria={aria}
              options={regionOptions(villages.regions)}
              loading={villages.loading}
              placeholder={t('region.chooseVillage')}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}

/** Religion, marital status, occupation, citizenship and the card's validity. */
export function OtherSection({ b }: { b: FormBinding }) {
  const { t } = useTranslation();
  return (
    <fieldset className="card form-section">
      <legend>{t('form.sectionOther')}</legend>
      <div className="grid">
        <ChoiceField b={b} field="religion" label={t('form.religion')} values={RELIGIONS} />
        <ChoiceField
          b={b}
          field="maritalStatus"
          label={t('form.maritalStatus')}
          values={MARITAL_STATUSES}
        />
        <Field
          id="field-occupation"
          label={t('form.occupation')}
          testKey="occupation"
          hint={t('form.occupationHint')}
          errors={b.errorsFor('occupation')}
          warnings={b.warningsFor('occupation')}
          className="span-2"
        >
          {(aria) => (
            <FilterSelect
              aria={aria}
              testId="field-occupation"
              options={OCCUPATION_OPTIONS}
              value={b.form.occupation}
              placeholder={t('form.choose')}
              onBlur={() => b.touchIfFilled('occupation', b.form.occupation)}
              onChange={(v) => {
                b.update({ occupation: v as FormState['occupation'] }, ['occupation']);
                b.touch('occupation');
              }}
            />
          )}
        </Field>
        <ChoiceField
          b={b}
          field="citizenship"
          label={t('form.citizenship')}
          values={CITIZENSHIPS}
        />
        <div className="field">
          <label htmlFor="field-validUntil" className="field__label">
            {t('form.validUntil')}
          </label>
          <input
            id="field-validUntil"
            data-testid="field-validUntil"
            readOnly
            tabIndex={-1}
            className="readonly"
            value={b.form.citizenship === 'WNI' ? VALID_FOR_LIFE : t('form.validUntilWna')}
          />
        </div>
      </div>
    </fieldset>
  );
}
