import { defineMessages, type Locale, type Message } from '../domain/i18n';

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

const MESSAGES: Record<PacketRejection, Message> = defineMessages('packets/rejections', {
  'too-large': {
    id: 'Paket melebihi batas ukuran.',
    en: 'The packet exceeds the size limit.',
  },
  truncated: {
    id: 'Paket terpotong (tidak lengkap).',
    en: 'The packet is truncated (incomplete).',
  },
  'bad-magic': {
    id: 'Berkas ini bukan paket Rekam.',
    en: 'This file is not a Rekam packet.',
  },
  'unsupported-version': {
    id: 'Versi format paket tidak didukung.',
    en: 'Unsupported packet format version.',
  },
  malformed: {
    id: 'Struktur paket rusak.',
    en: 'The packet structure is damaged.',
  },
  'unknown-station': {
    id: 'Stasiun pengirim belum terdaftar di server pusat.',
    en: 'The sending station is not registered with the central server.',
  },
  'decrypt-failed': {
    id: 'Paket tidak dapat didekripsi (rusak atau bukan untuk server ini).',
    en: 'The packet cannot be decrypted (damaged or not for this server).',
  },
  'bad-signature': {
    id: 'Tanda tangan digital stasiun tidak sah.',
    en: "The station's digital signature is invalid.",
  },
  schema: {
    id: 'Isi manifes paket tidak sesuai skema.',
    en: 'The packet manifest does not match the schema.',
  },
  'id-mismatch': {
    id: 'ID paket atau ID stasiun tidak cocok dengan isi yang ditandatangani.',
    en: 'The packet id or station id does not match the signed contents.',
  },
  'part-hash': {
    id: 'Isi berkas dalam paket tidak cocok dengan sidik SHA-256 di manifes.',
    en: 'A part of the packet does not match its SHA-256 in the manifest.',
  },
  'bad-key': {
    id: 'Kunci kriptografi tidak sah.',
    en: 'Invalid cryptographic key.',
  },
});

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

const KEY_MESSAGES: Record<KeyFormatProblem, Message> = defineMessages('packets/key-format', {
  empty: { id: 'Kunci publik kosong.', en: 'The public key is empty.' },
  unreadable: {
    id: 'Kunci publik tidak terbaca: tempel blok PEM "BEGIN PUBLIC KEY" atau 32 bita dalam base64.',
    en: 'The public key cannot be read: paste the "BEGIN PUBLIC KEY" PEM block or 32 bytes in base64.',
  },
  'wrong-length': {
    id: 'Panjang kunci publik salah: base64 harus berisi tepat 32 bita (44 karakter).',
    en: 'Wrong public key length: the base64 must hold exactly 32 bytes (44 characters).',
  },
  'wrong-type': {
    id: 'Jenis kunci salah (misalnya kunci tanda tangan Ed25519 di tempat kunci enkripsi X25519).',
    en: 'Wrong key type (e.g. an Ed25519 signing key where an X25519 encryption key is expected).',
  },
  'incomplete-bundle': {
    id: 'Bundel kunci pusat tidak lengkap: perlu dua blok PUBLIC KEY (enkripsi X25519 dan tanda tangan putusan Ed25519). Tempel seluruh isi berkas bundel kunci dari admin pusat.',
    en: 'The central key bundle is incomplete: it needs two PUBLIC KEY blocks (X25519 encryption and Ed25519 verdict signing). Paste the whole key bundle file from the central admin.',
  },
});

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
