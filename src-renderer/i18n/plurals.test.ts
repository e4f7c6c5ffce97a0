import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from './en.json';
import id from './id.json';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng: 'en',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
});

function leaves(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[prefix + k, v]] : leaves(v as object, `${prefix}${k}.`),
  );
}

describe('plurals', () => {
  it('every English _one key has its _other, and no "(s)" stands in for a plural', () => {
    const keys = new Set(leaves(en).map(([k]) => k));
    const unpaired = [...keys].filter(
      (k) =>
        (k.endsWith('_one') && !keys.has(k.replace(/_one$/, '_other'))) ||
        (k.endsWith('_other') && !keys.has(k.replace(/_other$/, '_one'))),
    );
    expect(unpaired).toEqual([]);
    expect(leaves(en).filter(([, v]) => v.includes('(s)'))).toEqual([]);
  });

  it('every Indonesian plural key has an _other form', () => {
    const keys = new Set(leaves(id).map(([k]) => k));
    expect(
      [...keys].filter((k) => k.endsWith('_one') && !keys.has(k.replace(/_one$/, '_other'))),
    ).toEqual([]);
  });

  it('one exception, two exceptions', () => {
    const t = i18n.getFixedT('en');
    expect(t('counts.exception', { count: 1 })).toBe('1 exception');
    expect(t('counts.exception', { count: 2 })).toBe('2 exceptions');
    expect(t('counts.attempt', { count: 1 })).toBe('1 attempt');
    expect(i18n.getFixedT('id')('counts.exception', { count: 1 })).toBe('1 pengecualian');
  });
});
