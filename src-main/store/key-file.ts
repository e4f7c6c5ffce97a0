import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './errors';

/** Where the 32-byte database key comes from. Electron implements it with safeStorage. */
export interface KeyProvider {
  source: 'os-keystore' | 'key-file';
  getOrCreateKey(dataDir: string): Buffer;
}

export const KEY_FILE = 'station.key';

/**
 * Key kept next to the database, readable only by the owner. Weaker than an OS keystore
 * (anyone who copies the whole folder as this user gets both), used where no keystore exists:
 * the browser host, tests, headless machines.
 */
export const fileKeyProvider: KeyProvider = {
  source: 'key-file',
  getOrCreateKey(dataDir: string): Buffer {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const path = join(dataDir, KEY_FILE);
    const fresh = randomBytes(32);
    let fd: number;
    try {
      // 'wx' fails if the file exists, so two processes never overwrite each other's key.
      fd = openSync(path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return readKeyFile(path);
    }
    try {
      writeSync(fd, fresh);
    } finally {
      closeSync(fd);
    }
    return fresh;
  },
};

function readKeyFile(path: string): Buffer {
  if (process.platform !== 'win32') {
    const mode = statSync(path).mode;
    if ((mode & 0o077) !== 0) {
      throw new StoreError(
        'KEY_FILE_UNSAFE',
        `Key file ${path} is readable by group or others (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`,
      );
    }
  }
  const key = readFileSync(path);
  if (key.length !== 32) {
    throw new StoreError('KEY_FILE_INVALID', `Key file ${path} must hold exactly 32 bytes`);
  }
  return key;
}
