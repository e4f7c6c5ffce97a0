import { describe, expect, it } from 'vitest';
import {
  checkForm,
  districtCodesToCheck,
  emptyForm,
  formFromResident,
  isSendable,
  regionLevels,
  toResident,
  withNik,
} from './resident-form-model';
import type { ResidentForm } from './resident-form-model';

const today = new Date(2025, 5, 1);
const ctx = { today, locale: 'id' as const };

function filled(): ResidentForm {
  return {
    ...emptyForm('32.01.01'),
    nik: '3201015705900001',
    kk: '3201011203150002',
    name: 'Siti Aminah',
    birthPlace: 'Bogor',
    birthDateText: '17-05-1990',
    sex: 'PEREMPUAN',
    address: 'Jl. Mawar 1',
    rt: '1',
    rw: '2',
    villageCode: '32.01.01.2001',
    religion: 'ISLAM',
    maritalStatus: 'KAWIN',
    occupation: 'PETANI/PEKEBUN',
  };
}

describe('resident form model', () => {
  it('starts the region cascade at the station kecamatan', () => {
    const f = emptyForm('32.01.05');
    expect([f.province, f.regency, f.district]).toEqual(['32', '32.01', '32.01.05']);
    expect(regionLevels('')).toEqual({ province: '', regency: '', district: '' });
  });

  it('prefills sex and day-month from a complete NIK, and only when empty', () => {
    const f = withNik(emptyForm(null), '3201015705900001');
    expect(f.sex).toBe('PEREMPUAN');
    expect(f.birthDateText).toBe('17-05-');
    const kept = withNik(
      { ...emptyForm(null), sex: 'LAKI-LAKI', birthDateText: '01-01-1990' },
      '3201015705900001',
    );
    expect(kept.sex).toBe('LAKI-LAKI');
    expect(kept.birthDateText).toBe('01-01-1990');
    expect(withNik(emptyForm(null), '32010157059').sex).toBe('');
  });

  it('turns the form into a ResidentData with an ISO date', () => {
    const r = toResident(filled());
    expect(r.birthDate).toBe('1990-05-17');
    expect(r.occupation).toBe('PETANI/PEKEBUN');
    expect(isSendable(r)).toBe(true);
    expect(isSendable(toResident(emptyForm(null)))).toBe(false);
    expect(formFromResident(r).birthDateText).toBe('17-05-1990');
    expect(formFromResident(r).district).toBe('32.01.01');
  });

  it('has no errors for a consistent resident', () => {
    const errors = checkForm(filled(), ctx).filter((i) => i.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('says a half-typed birth date is incomplete instead of missing', () => {
    const issues = checkForm({ ...filled(), birthDateText: '17-05-19' }, ctx);
    const bd = issues.filter((i) => i.field === 'birthDate');
    expect(bd.map((i) => i.code)).toEqual(['BIRTHDATE_INCOMPLETE']);
    expect(bd[0]?.message).toMatch(/belum lengkap/);
  });

  it('reports empty selects and a NIK/date mismatch through the domain rules', () => {
    const issues = checkForm({ ...filled(), religion: '', birthDateText: '18-05-1990' }, ctx);
    expect(issues.some((i) => i.field === 'religion' && i.severity === 'error')).toBe(true);
    expect(issues.some((i) => i.field === 'birthDate' && i.code === 'NIK_BIRTHDATE_MISMATCH')).toBe(
      true,
    );
  });

  it('asks about the districts of the NIK and the KK', () => {
    expect(districtCodesToCheck(filled()).sort()).toEqual(['32.01.01']);
    expect(districtCodesToCheck({ ...filled(), kk: '3273021203150002' }).sort()).toEqual([
      '32.01.01',
      '32.73.02',
    ]);
    expect(districtCodesToCheck(emptyForm(null))).toEqual([]);
  });
});
