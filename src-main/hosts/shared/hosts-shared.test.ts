import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KEY_FILE } from '../../store/key-file';
import { createAppUrlMatcher } from './app-url';
import { contentSecurityPolicy } from './csp';
import { checkIpcCall } from './ipc-guard';
import { KEYSTORE_KEY_FILE, chooseKeyProvider, keystoreKeyProvider } from './keystore-key-provider';
import type { SafeStorageLike } from './keystore-key-provider';
import { allowPermission } from './media-permission';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'rekam-hosts-'));

describe('contentSecurityPolicy', () => {
  it('is strict by default and adds WebSocket sources when asked', () => {
    const csp = contentSecurityPolicy({ connect: ['ws://127.0.0.1:9'] });
    expect(csp).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self' ws://127.0.0.1:9; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });
  it('loosens only for the dev server', () => {
    const csp = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain('ws://localhost:5173');
  });
});

describe('createAppUrlMatcher', () => {
  const isApp = createAppUrlMatcher();
  it('accepts our app:// index with any hash or query', () => {
    expect(isApp('app://rekam/index.html')).toBe(true);
    expect(isApp('app://rekam/')).toBe(true);
    expect(isApp('app://rekam/index.html#/operator/record')).toBe(true);
    expect(isApp('app://rekam/index.html?x=1')).toBe(true);
  });
  it('rejects other documents, hosts, schemes and file:// (the old way of loading)', () => {
    expect(isApp('app://rekam/other.html')).toBe(false);
    expect(isApp('app://evil/index.html')).toBe(false);
    expect(isApp('app://user:pw@rekam/index.html')).toBe(false);
    expect(isApp(pathToFileURL(path.join(tmp(), 'index.html')).href)).toBe(false);
    expect(isApp('https://example.com/')).toBe(false);
    expect(isApp('not a url')).toBe(false);
    expect(isApp('')).toBe(false);
  });
  it('in dev, accepts only the dev server origin', () => {
    const dev = createAppUrlMatcher({ devServerUrl: 'http://localhost:5173' });
    expect(dev('http://localhost:5173/#/x')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('app://rekam/index.html')).toBe(false);
  });
});

describe('checkIpcCall', () => {
  const isApp = (u: string) => u === 'app://ok';
  it('refuses a sender that is not our main frame or not our page', () => {
    expect(
      checkIpcCall({ isMainFrameOfAppWindow: false, url: 'app://ok' }, 'app.info', isApp),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      checkIpcCall({ isMainFrameOfAppWindow: true, url: 'https://evil' }, 'app.info', isApp),
    ).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
  });
  it('refuses unknown or non-string methods', () => {
    for (const m of ['nope', 42, null, '__proto__', 'toString', undefined]) {
      expect(
        checkIpcCall({ isMainFrameOfAppWindow: true, url: 'app://ok' }, m, isApp),
      ).toMatchObject({
        error: { code: 'UNKNOWN_METHOD' },
      });
    }
  });
  it('lets a known method from our page through', () => {
    expect(
      checkIpcCall({ isMainFrameOfAppWindow: true, url: 'app://ok' }, 'auth.login', isApp),
    ).toBeNull();
  });
});

describe('allowPermission', () => {
  const isApp = (u: string) => u.startsWith('app://');
  const ask = { permission: 'media', url: 'app://x', mediaTypes: ['video'], fromAppWindow: true };
  it('grants the webcam (video only) to our window', () => {
    expect(allowPermission(ask, isApp)).toBe(true);
  });
  it('denies audio, other permissions, other pages and other windows', () => {
    expect(allowPermission({ ...ask, mediaTypes: ['video', 'audio'] }, isApp)).toBe(false);
    expect(allowPermission({ ...ask, mediaTypes: ['audio'] }, isApp)).toBe(false);
    expect(allowPermission({ ...ask, mediaTypes: [] }, isApp)).toBe(false);
    expect(allowPermission({ ...ask, mediaTypes: undefined }, isApp)).toBe(false);
    expect(allowPermission({ ...ask, permission: 'geolocation' }, isApp)).toBe(false);
    expect(allowPermission({ ...ask, permission: 'notifications' }, isApp)).toBe(false);
    expect(allowPermission({ ...ask, url: 'https://evil' }, isApp)).toBe(false);
    expect(allowPermission({ ...ask, fromAppWindow: false }, isApp)).toBe(false);
  });
});

/** A stand-in keystore: reversible, but the sealed bytes never contain the key's hex. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
  };
}

describe('keystore key provider', () => {
  it('creates a sealed key once and returns the same key after', () => {
    const dir = tmp();
    const p = keystoreKeyProvider(fakeSafeStorage());
    const k1 = p.getOrCreateKey(dir);
    expect(k1).toHaveLength(32);
    const sealed = readFileSync(path.join(dir, KEYSTORE_KEY_FILE));
    expect(sealed.toString('latin1')).not.toContain(k1.toString('hex'));
    if (process.platform !== 'win32') {
      expect(statSync(path.join(dir, KEYSTORE_KEY_FILE)).mode & 0o777).toBe(0o600);
    }
    expect(p.getOrCreateKey(dir).equals(k1)).toBe(true);
    expect(p.source).toBe('os-keystore');
  });
  it('never mints a new key when the keystore is unavailable', () => {
    const dir = tmp();
    keystoreKeyProvider(fakeSafeStorage()).getOrCreateKey(dir);
    expect(() => keystoreKeyProvider(fakeSafeStorage(false)).getOrCreateKey(dir)).toThrow(
      /keystore/,
    );
  });
  it('rejects a sealed file that does not hold a key', () => {
    const dir = tmp();
    const ss = fakeSafeStorage();
    writeFileSync(path.join(dir, KEYSTORE_KEY_FILE), ss.encryptString('garbage'));
    expect(() => keystoreKeyProvider(ss).getOrCreateKey(dir)).toThrow(/not a valid key/);
  });
});

describe('chooseKeyProvider', () => {
  it('uses the keystore on a fresh station when it is usable', () => {
    const c = chooseKeyProvider(fakeSafeStorage(), tmp());
    expect(c.provider.source).toBe('os-keystore');
    expect(c.warning).toBeUndefined();
  });
  it('falls back to the key file with a warning without a keystore or with basic_text', () => {
    for (const ss of [fakeSafeStorage(false), fakeSafeStorage(true, 'basic_text')]) {
      const c = chooseKeyProvider(ss, tmp());
      expect(c.provider.source).toBe('key-file');
      expect(c.warning).toMatch(/key file/);
    }
  });
  it('stays with the source that keyed the database', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, KEY_FILE), Buffer.alloc(32, 1), { mode: 0o600 });
    expect(chooseKeyProvider(fakeSafeStorage(), dir).provider.source).toBe('key-file');
    const dir2 = tmp();
    keystoreKeyProvider(fakeSafeStorage()).getOrCreateKey(dir2);
    expect(chooseKeyProvider(fakeSafeStorage(false), dir2).provider.source).toBe('os-keystore');
  });
});
