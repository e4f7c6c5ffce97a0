import { describe, expect, it } from 'vitest';
import {
  EMPTY_TERMS,
  REMOVED,
  isSecretSetting,
  scrubJson,
  scrubLog,
  scrubValue,
  termMatcher,
} from './scrub';

const terms = {
  numbers: ['3201011205900001', '3201010101150003'],
  words: ['Budi Santoso', 'Jl. Mawar No. 5', 'Ani'],
  dates: ['1990-05-12'],
};

describe('termMatcher', () => {
  const m = termMatcher(terms);

  it('flags NIKs in any grouping, even ones not in the store', () => {
    expect(m.test('nik=3201011205900001')).toBe(true);
    expect(m.test('nik 3201 0112 0590 0001')).toBe(true);
    expect(m.test('3201-0112-0590-0001')).toBe(true);
    expect(m.test('other 3174015505880002 here')).toBe(true);
  });

  it('flags resident names and addresses whatever the case or spacing', () => {
    expect(m.test('{"msg":"saved","who":"BUDI   SANTOSO"}')).toBe(true);
    expect(m.test('alamat jl. mawar no. 5')).toBe(true);
  });

  it('flags birth dates in quoted and day-first forms but not log timestamps of that day', () => {
    expect(m.test('{"birthDate":"1990-05-12"}')).toBe(true);
    expect(m.test('lahir 12-05-1990')).toBe(true);
    expect(m.test('lahir 12/05/1990')).toBe(true);
    expect(m.test('{"t":"1990-05-12T09:00:00.000Z","msg":"station opened"}')).toBe(false);
  });

  it('flags e-mail, phone numbers, PEM keys, password hashes and sensitive JSON keys', () => {
    expect(m.test('contact budi@example.co.id')).toBe(true);
    expect(m.test('hp 081234567890')).toBe(true);
    expect(m.test('hp +6281234567890')).toBe(true);
    expect(m.test('-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect(m.test('$scrypt$ln=15,r=8,p=1$abc$def')).toBe(true);
    expect(m.test('{"kk":"3201********0003"}')).toBe(true);
    expect(m.test('{"token": "abc"}')).toBe(true);
  });

  it('leaves ordinary device and station lines alone (short name fragments do not count)', () => {
    for (const line of [
      '{"t":"2025-06-10T09:00:00.000Z","level":"info","msg":"station opened","schema":5}',
      '{"msg":"finger captured","finger":3,"quality":71,"outcome":"accepted","attempt":1}',
      '{"msg":"fingerprint probe","path":"/dev/pts/4","baud":57600,"error":null}',
      'Animated banner', // "Ani" is too short to be a name match
      '{"msg":"recording saved","nik":"[REDACTED]"}'.replace('"nik":', '"id":'),
    ]) {
      expect(m.test(line), line).toBe(false);
    }
  });
});

describe('scrubLog', () => {
  it('drops personal lines whole and counts them', () => {
    const text = [
      '{"msg":"ok 1"}',
      '{"msg":"draft saved","name":"Budi Santoso"}',
      '',
      '{"msg":"ok 2"}',
      'Error: NIK 3201011205900001 invalid\n    at x (file.ts:1:1)',
    ].join('\n');
    const r = scrubLog(text, termMatcher(terms));
    expect(r.text).toBe('{"msg":"ok 1"}\n{"msg":"ok 2"}\n    at x (file.ts:1:1)\n');
    expect(r).toMatchObject({ kept: 3, dropped: 2 });
  });

  it('returns an empty text when nothing is left', () => {
    expect(scrubLog('', termMatcher(EMPTY_TERMS))).toEqual({ text: '', kept: 0, dropped: 0 });
  });
});

describe('secrets in config', () => {
  it('recognises secret setting names', () => {
    for (const k of [
      'central.token',
      'station.private_key',
      'sync.key',
      'db_key',
      'password_hash',
      'registrationSecret',
    ]) {
      expect(isSecretSetting(k), k).toBe(true);
    }
    for (const k of [
      'locale',
      'idle_lock_minutes',
      'photo.settings',
      'prefs.camera',
      'keySource',
    ]) {
      expect(isSecretSetting(k), k).toBe(false);
    }
  });

  it('blanks key material, images and personal values; drops secret fields', () => {
    const m = termMatcher(terms);
    expect(scrubValue('A'.repeat(60), m)).toBe(REMOVED);
    expect(scrubValue('http://10.0.0.5:8080/', m)).toBe('http://10.0.0.5:8080/');
    expect(scrubValue('Budi Santoso', m)).toBe(REMOVED);
    expect(
      scrubJson(
        {
          url: 'http://central.local/',
          publicKey: 'MCowBQYDK2VuAyEA' + 'x'.repeat(40),
          stationKeyFingerprint: 'AB12 CD34',
          steps: [{ name: 'capture', detail: 'quality 71' }],
          imageDataUrl: 'data:image/png;base64,iVBOR',
          note: 'see data:image/png;base64,iVBORw0KGgo=',
        },
        m,
      ),
    ).toEqual({
      url: 'http://central.local/',
      stationKeyFingerprint: 'AB12 CD34',
      steps: [{ name: 'capture', detail: 'quality 71' }],
      note: `see ${REMOVED}`,
    });
  });
});
