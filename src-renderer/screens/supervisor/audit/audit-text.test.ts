import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../../src-main/domain/audit-actions';
import en from '../../../i18n/en.json';
import id from '../../../i18n/id.json';
import { auditSentence, auditTargetLabel } from './audit-text';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng: 'id',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
});

describe('audit sentences', () => {
  for (const lng of ['id', 'en'] as const) {
    it(`every audit action has a sentence in ${lng}`, () => {
      const t = i18n.getFixedT(lng);
      const missing = AUDIT_ACTIONS.filter(
        (a) => !i18n.exists(`auditAction.${a}`, { lng }) || auditSentence(t, a) === a,
      );
      expect(missing).toEqual([]);
    });
  }

  it('the two languages say different things (no copy-paste left untranslated)', () => {
    const same = AUDIT_ACTIONS.filter(
      (a) => auditSentence(i18n.getFixedT('id'), a) === auditSentence(i18n.getFixedT('en'), a),
    );
    expect(same).toEqual([]);
  });

  it('an unknown action falls back to its key', () => {
    expect(auditSentence(i18n.getFixedT('en'), 'future.thing')).toBe('future.thing');
  });

  it('id targets are shortened, other targets kept', () => {
    expect(auditTargetLabel('R01HZX3K9Q7M2N4P6R8T0V1W2YZ')).toBe('R…V1W2YZ');
    expect(auditTargetLabel('FA01HZX3K9Q7M2N4P6R8T0V1W2YZ')).toBe('FA…V1W2YZ');
    expect(auditTargetLabel('budi')).toBe('budi');
    expect(auditTargetLabel(null)).toBeNull();
  });
});
