import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields, err?: unknown): void;
}

export interface LoggerOptions {
  dataDir: string;
  level?: LogLevel;
  /** Rotate when the file would grow past this many bytes. */
  maxBytes?: number;
  /** Rotated files kept (rekam.log.1 … rekam.log.N). */
  keep?: number;
  now?: () => Date;
  /** Also echo to stderr (development). */
  echo?: boolean;
}

export const LOG_FILE = 'rekam.log';

/**
 * Last line of defence against personal data in logs: any run of 16+ digits (a NIK or KK
 * number) is replaced, whatever field or stack trace it hides in.
 */
export function redact(line: string): string {
  return line.replace(/\d{16,}/g, '[REDACTED]');
}

function errorFields(err: unknown): Record<string, string> {
  if (err instanceof Error) {
    return { error: `${err.name}: ${err.message}`, stack: err.stack ?? '' };
  }
  return { error: String(err) };
}

/**
 * JSON lines, written synchronously: a desk logs a few lines a minute, and a line must survive
 * the crash it describes.
 */
export function createLogger(opts: LoggerOptions): Logger {
  const dir = join(opts.dataDir, 'logs');
  const file = join(dir, LOG_FILE);
  const min = ORDER[opts.level ?? 'info'];
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const keep = opts.keep ?? 3;
  const now = opts.now ?? (() => new Date());
  let ready = false;

  function rotate(): void {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    renameSync(file, `${file}.1`);
  }

  function write(level: LogLevel, msg: string, fields?: LogFields, err?: unknown): void {
    if (ORDER[level] < min) return;
    try {
      if (!ready) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        ready = true;
      }
      const record = {
        t: now().toISOString(),
        level,
        msg,
        ...fields,
        ...(err ? errorFields(err) : {}),
      };
      const line = redact(JSON.stringify(record)) + '\n';
      let size = 0;
      try {
        size = statSync(file).size;
      } catch {
        size = 0;
      }
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
      if (opts.echo) process.stderr.write(line);
    } catch {
      // Logging must never take the desk down (disk full, folder removed).
    }
  }

  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f, e) => write('error', m, f, e),
  };
}

/** For tests and tools that need a logger but no file. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
