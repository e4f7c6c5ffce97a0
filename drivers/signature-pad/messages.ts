// Operator-facing texts for signature pad problems. They live with the driver (drivers/ never
// imports src-main/) so a typed error carries its own Bahasa Indonesia and English text.
import type { OperatorMessage } from '../../shared/operator-message';
import messagesText from './messages.json' with { type: 'json' };

export type SignaturePadErrorCode =
  | 'DEVICE_NOT_FOUND'
  | 'OPEN_FAILED'
  | 'DISCONNECTED'
  | 'BAD_REPORT'
  | 'BAD_DESCRIPTOR'
  | 'NO_PEN_REPORT'
  | 'UNKNOWN_MODEL'
  | 'BUSY'
  | 'NOT_SIMULATED'
  | 'CLOSED';

export const SIGNATURE_PAD_MESSAGES: Record<SignaturePadErrorCode, OperatorMessage> = messagesText;
