import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, redact } from './log';
import { tempDir } from '../../../test/helpers/station';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('logger', () => {
  it('writes JSON lines with level and time, skipping levels below the minimum', () => {
    const log = createLogger({
      dataDir: dir,
      level: 'info',
      now: () => new Date('2025-06-10T02:00:00Z'),
    });
    log.debug('hidden');
    log.info('opened', { host: 'browser' });
    log.error('failed', { method: 'x' }, new Error('kaboom'));
    const lines = readFileSync(join(dir, 'logs', 'rekam.log'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    const [a, b] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a).toEqual({
      t: '2025-06-10T02:00:00.000Z',
      level: 'info',
      msg: 'opened',
      host: 'browser',
    });
    expect(b?.level).toBe('error');
    expect(b?.error).toBe('Error: kaboom');
    expect(String(b?.stack)).toContain('log.test.ts');
  });

  it('redacts any 16-digit number, even inside error messages', () => {
    expect(redact('nik 3201011205900001 ok')).toBe('nik [REDACTED] ok');
    expect(redact('t 1733900000000')).toBe('t 1733900000000');
    const log = createLogger({ dataDir: dir });
    log.error('bad', { note: 'x3201011205900001y' }, new Error('NIK 3201014512900002 rejected'));
    const text = readFileSync(join(dir, 'logs', 'rekam.log'), 'utf8');
    expect(text).not.toMatch(/\d{16}/);
    expect(text).toContain('[REDACTED]');
  });

  it('rotates at the size limit and keeps the newest files only', () => {
    const log = createLogger({ dataDir: dir, maxBytes: 400, keep: 3 });
    for (let i = 0; i < 60; i++) log.info('line', { i, pad: 'x'.repeat(40) });
    const files = readdirSync(join(dir, 'logs')).sort();
    expect(files).toEqual(['rekam.log', 'rekam.log.1', 'rekam.log.2', 'rekam.log.3']);
    for (const f of files) {
      expect(readFileSync(join(dir, 'logs', f)).length).toBeLessThanOrEqual(400);
    }
    const last = readFileSync(join(dir, 'logs', 'rekam.log'), 'utf8')
      .trim()
      .split('\n')
      .pop()!;
    expect(JSON.parse(last).i).toBe(59);
  });
});
