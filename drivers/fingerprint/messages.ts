// Operator-facing texts for fingerprint device problems. They live here, not in the renderer's
// i18n files, because drivers/ never imports src-main/ and the texts must travel with the error.
import type { OperatorMessage } from '../../shared/operator-message';
import messagesText from './messages.json' with { type: 'json' };

export type FingerprintErrorCode =
  | 'RECEIVE_ERROR'
  | 'NO_FINGER'
  | 'CAPTURE_FAILED'
  | 'IMAGE_MESSY'
  | 'TOO_FEW_FEATURES'
  | 'NO_MATCH'
  | 'NOT_FOUND'
  | 'MERGE_FAILED'
  | 'PAGE_OUT_OF_RANGE'
  | 'BAD_TEMPLATE'
  | 'TEMPLATE_UPLOAD_FAILED'
  | 'CANNOT_RECEIVE'
  | 'IMAGE_UPLOAD_FAILED'
  | 'DELETE_FAILED'
  | 'CLEAR_FAILED'
  | 'WRONG_PASSWORD'
  | 'PASSWORD_REQUIRED'
  | 'NO_VALID_IMAGE'
  | 'FLASH_ERROR'
  | 'BAD_REGISTER'
  | 'UNKNOWN_CONFIRMATION'
  | 'MALFORMED_PACKET'
  | 'CORRUPT_FRAME'
  | 'TIMEOUT'
  | 'IMAGE_INCOMPLETE'
  | 'DISCONNECTED'
  | 'CANCELLED'
  | 'DEVICE_NOT_FOUND'
  | 'CLOSED';

export const FINGERPRINT_MESSAGES: Record<FingerprintErrorCode, OperatorMessage> = messagesText;

/** Confirmation code (first ack payload byte) → error code, per the ZFM/R30x datasheet. */
export const CONFIRMATION_CODES: Readonly<Record<number, FingerprintErrorCode>> = {
  0x01: 'RECEIVE_ERROR',
  0x02: 'NO_FINGER',
  0x03: 'CAPTURE_FAILED',
  0x06: 'IMAGE_MESSY',
  0x07: 'TOO_FEW_FEATURES',
  0x08: 'NO_MATCH',
  0x09: 'NOT_FOUND',
  0x0a: 'MERGE_FAILED',
  0x0b: 'PAGE_OUT_OF_RANGE',
  0x0c: 'BAD_TEMPLATE',
  0x0d: 'TEMPLATE_UPLOAD_FAILED',
  0x0e: 'CANNOT_RECEIVE',
  0x0f: 'IMAGE_UPLOAD_FAILED',
  0x10: 'DELETE_FAILED',
  0x11: 'CLEAR_FAILED',
  0x13: 'WRONG_PASSWORD',
  0x15: 'NO_VALID_IMAGE',
  0x18: 'FLASH_ERROR',
  0x1a: 'BAD_REGISTER',
  /** Commands other than VfyPwd before the (non-default) password has been verified. */
  0x21: 'PASSWORD_REQUIRED',
};
