import { CONFIRMATION_CODES, FINGERPRINT_MESSAGES } from './messages';
import type { FingerprintErrorCode } from './messages';

export type { FingerprintErrorCode } from './messages';

/** Failures that a retry of the same command may cure (line noise, a busy module). */
const RETRYABLE: ReadonlySet<FingerprintErrorCode> = new Set([
  'RECEIVE_ERROR',
  'MALFORMED_PACKET',
  'CORRUPT_FRAME',
  'TIMEOUT',
  'IMAGE_INCOMPLETE',
  'IMAGE_UPLOAD_FAILED',
  'TEMPLATE_UPLOAD_FAILED',
]);

export class FingerprintError extends Error {
  override readonly name = 'FingerprintError';
  readonly code: FingerprintErrorCode;
  /** The module's confirmation byte when the error came from an ack. */
  readonly confirmation: number | undefined;
  readonly messageId: string;
  readonly messageEn: string;

  constructor(code: FingerprintErrorCode, opts: { confirmation?: number; detail?: string } = {}) {
    const text = FINGERPRINT_MESSAGES[code];
    // The technical message (English + detail) is for logs; operators see messageId/messageEn.
    super(opts.detail ? `${code}: ${opts.detail}` : code);
    this.code = code;
    this.confirmation = opts.confirmation;
    this.messageId = text.id;
    this.messageEn = text.en;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }

  localized(locale: 'id' | 'en'): string {
    return locale === 'en' ? this.messageEn : this.messageId;
  }
}

export function errorForConfirmation(confirmation: number, command?: string): FingerprintError {
  const code = CONFIRMATION_CODES[confirmation] ?? 'UNKNOWN_CONFIRMATION';
  const hex = confirmation.toString(16).padStart(2, '0');
  return new FingerprintError(code, {
    confirmation,
    detail: command ? `${command} → 0x${hex}` : `0x${hex}`,
  });
}

export function isFingerprintError(e: unknown, code?: FingerprintErrorCode): e is FingerprintError {
  return e instanceof FingerprintError && (code === undefined || e.code === code);
}
