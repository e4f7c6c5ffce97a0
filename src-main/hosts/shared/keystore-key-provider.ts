import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { KEY_FILE, fileKeyProvider } from '../../store/key-file';
import type { KeyProvider } from '../../store/key-file';

/** The subset of Electron's `safeStorage` we use; an interface so tests need no Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; 'basic_text' means a hard-coded password, i.e. no protection. */
  getSelectedStorageBackend?(): string;
}

export const KEYSTORE_KEY_FILE = 'station.key.enc';

/**
 * The database key sealed by the OS keystore (DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux): a copy of the data folder alone cannot open the database.
 */
export function keystoreKeyProvider(safeStorage: SafeStorageLike): KeyProvider {
  return {
    source: 'os-keystore',
    getOrCreateKey(dataDir: string): Buffer {
      const file = path.join(dataDir, KEYSTORE_KEY_FILE);
      if (!keystoreUsable(safeStorage)) {
        // Never mint a new key here: the database is sealed with the one in the keystore, and a
        // fresh key would only make it look corrupt. The technician must unlock the keyring.
        throw new Error(
          'OS keystore is not available, so the station key cannot be unsealed (unlock the login keyring and restart)',
        );
      }
      if (existsSync(file)) return unseal(safeStorage, readFileSync(file), file);
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const key = randomBytes(32);
      const sealed = safeStorage.encryptString(key.toString('hex'));
      let fd: number;
      try {
        // 'wx': a second instance racing us must not overwrite the key we are about to use.
        fd = openSync(file, 'wx', 0o600);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        return unseal(safeStorage, readFileSync(file), file);
      }
      try {
        writeSync(fd, sealed);
      } finally {
        closeSync(fd);
      }
      return key;
    },
  };
}

function unseal(safeStorage: SafeStorageLike, sealed: Buffer, file: string): Buffer {
  const hex = safeStorage.decryptString(sealed);
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`Sealed station key ${file} is not a valid key`);
  return Buffer.from(hex, 'hex');
}

export function keystoreUsable(safeStorage: SafeStorageLike): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
}

export interface KeyProviderChoice {
  provider: KeyProvider;
  /** Set when the weaker key file is used although Electron was running: log it. */
  warning?: string;
}

/**
 * Which key source protects this station's database.
 *
 * Trade-off of the fallback: without a usable keystore (typically Linux without a running
 * keyring, where Electron would "encrypt" with a hard-coded password) the key sits in a 0600
 * file beside the database. That still protects against other OS users and keeps recording
 * possible on bare outreach laptops, but anyone who copies the whole folder as this user can
 * open the database. Refusing to start would stop the desk, which the circular forbids; so we
 * fall back and say so in the log and in `station.info` (keySource).
 *
 * Once a database is keyed by one source it stays with it: switching sources would need a
 * re-key, and a wrong guess would make the data unreadable.
 */
export function chooseKeyProvider(
  safeStorage: SafeStorageLike,
  dataDir: string,
): KeyProviderChoice {
  if (existsSync(path.join(dataDir, KEYSTORE_KEY_FILE))) {
    return { provider: keystoreKeyProvider(safeStorage) };
  }
  if (existsSync(path.join(dataDir, KEY_FILE))) {
    return {
      provider: fileKeyProvider,
      warning: 'station key is kept in a key file (created when no OS keystore was available)',
    };
  }
  if (keystoreUsable(safeStorage)) return { provider: keystoreKeyProvider(safeStorage) };
  return {
    provider: fileKeyProvider,
    warning:
      'OS keystore unavailable (no keyring, or basic_text backend): station key falls back to a key file beside the database',
  };
}
