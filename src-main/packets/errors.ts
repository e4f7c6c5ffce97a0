import { defineMessages, type Locale, type Message } from '../domain/i18n';
import rejectionMessagesText from './rejection-messages.json' with { type: 'json' };
import keyFormatMessagesText from './key-format-messages.json' with { type: 'json' };

/**
 * Why a packet was refused. Stable strings: they cross the wire (central → station), land in the
 * central's database and in the station's outbox, so never rename one.
 */
export const PACKET_REJECTIONS = [
  'too-large',
  'truncated',
  'bad-magic',
  'unsupported-version',
  'malformed',
  'unknown-station',
  'decrypt-failed',
  'bad-signature',
  'schema',
  'id-mismatch',
  'part-hash',
  'bad-key',
] as const;
export type PacketRejection = (typeof PACKET_REJECTIONS)[number];

const MESSAGES: Record<PacketRejection, Message> = defineMessages(
  'packets/rejections',
  rejectionMessagesText,
);

/** Operator-facing text for a rejection; Bahasa Indonesia unless the UI is in English. */
export function packetRejectionMessage(reason: PacketRejection, locale: Locale = 'id'): string {
  return MESSAGES[reason][locale];
}

export function isPacketRejection(value: unknown): value is PacketRejection {
  return typeof value === 'string' && (PACKET_REJECTIONS as readonly string[]).includes(value);
}

/**
 * Thrown by sealing and opening. `detail` is for logs and the central's records: it names a
 * field or a part, never a value from the manifest (no NIK, names or dates).
 */
export class PacketError extends Error {
  readonly reason: PacketRejection;
  readonly detail: string | null;

  constructor(reason: PacketRejection, detail?: string) {
    super(detail ? `${MESSAGES[reason].en} (${detail})` : MESSAGES[reason].en);
    this.name = 'PacketError';
    this.reason = reason;
    this.detail = detail ?? null;
  }
}

/** Why a key text was refused by `parsePublicKey`. */
export type KeyFormatProblem =
  | 'empty'
  | 'unreadable'
  | 'wrong-length'
  | 'wrong-type'
  | 'incomplete-bundle';

const KEY_MESSAGES: Record<KeyFormatProblem, Message> = defineMessages(
  'packets/key-format',
  keyFormatMessagesText,
);

export class KeyFormatError extends Error {
  readonly problem: KeyFormatProblem;
  /** Bahasa Indonesia, for the operator. `message` is English for logs. */
  readonly messageId: string;

  constructor(problem: KeyFormatProblem, detail?: string) {
    super(detail ? `${KEY_MESSAGES[problem].en} (${detail})` : KEY_MESSAGES[problem].en);
    this.name = 'KeyFormatError';
    this.problem = problem;
    this.messageId = KEY_MESSAGES[problem].id;
  }

  localized(locale: Locale): string {
    return KEY_MESSAGES[this.problem][locale];
  }
}
