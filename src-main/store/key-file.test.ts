import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/station';
import { StoreError } from './errors';
import { KEY_FILE, fileKeyProvider } from './key-file';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('fileKeyProvider', () => {
  it('creates a 32-byte key readable only by the owner and returns the same key later', () => {
    const key = fileKeyProvider.getOrCreateKey(dir);
    expect(key).toHaveLength(32);
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    }
    expect(fileKeyProvider.getOrCreateKey(dir).equals(key)).toBe(true);
    expect(fileKeyProvider.source).toBe('key-file');
  });

  it.skipIf(process.platform === 'win32')('refuses a key file readable by group or others', () => {
    fileKeyProvider.getOrCreateKey(dir);
    chmodSync(join(dir, KEY_FILE), 0o644);
    expect(() => fileKeyProvider.getOrCreateKey(dir)).toThrow(StoreError);
    expect(() => fileKeyProvider.getOrCreateKey(dir)).toThrow(/chmod 600/);
  });

  it('refuses a key file of the wrong length', () => {
    writeFileSync(join(dir, KEY_FILE), 'short', { mode: 0o600 });
    expect(() => fileKeyProvider.getOrCreateKey(dir)).toThrow(/32 bytes/);
  });
});
