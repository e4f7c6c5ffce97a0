import { SIGNATURE_PAD_MESSAGES } from './messages';
import type { SignaturePadErrorCode } from './messages';

export type { SignaturePadErrorCode } from './messages';

export class SignaturePadError extends Error {
  override readonly name = 'SignaturePadError';
  readonly code: SignaturePadErrorCode;
  readonly messageId: string;
  readonly messageEn: string;

  constructor(code: SignaturePadErrorCode, detail?: string) {
    // The technical message (code + detail) is for logs; operators see messageId/messageEn.
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
    this.messageId = SIGNATURE_PAD_MESSAGES[code].id;
    this.messageEn = SIGNATURE_PAD_MESSAGES[code].en;
  }

  localized(locale: 'id' | 'en'): string {
    return locale === 'en' ? this.messageEn : this.messageId;
  }
}

export function isSignaturePadError(
  e: unknown,
  code?: SignaturePadErrorCode,
): e is SignaturePadError {
  return e instanceof SignaturePadError && (code === undefined || e.code === code);
}
