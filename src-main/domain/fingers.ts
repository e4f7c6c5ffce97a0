// Finger positions as ISO/IEC 19794-4 and ANSI/NIST-ITL number them, and the words an operator
// says to a resident. Pure: shared by the service (progress texts) and the renderer.

import type { Locale } from './i18n';

export const FINGER_POSITIONS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type FingerPosition = (typeof FINGER_POSITIONS)[number];

/** Why a finger has no image: recorded instead of a capture. */
export const FINGER_EXCEPTIONS = ['missing', 'amputated', 'bandaged', 'unusable'] as const;
export type FingerException = (typeof FINGER_EXCEPTIONS)[number];

/** Capture order at the desk: right thumb → right little, then left thumb → left little. */
export const CAPTURE_ORDER: readonly FingerPosition[] = FINGER_POSITIONS;

export type Hand = 'right' | 'left';
export type Digit = 'thumb' | 'index' | 'middle' | 'ring' | 'little';
const DIGITS: readonly Digit[] = ['thumb', 'index', 'middle', 'ring', 'little'];

export function handOf(finger: number): Hand {
  return finger <= 5 ? 'right' : 'left';
}

export function digitOf(finger: number): Digit {
  return DIGITS[(finger - 1) % 5]!;
}

/** The finger the quality of the chip depends on: both index fingers go on the card. */
export const CHIP_FINGERS: readonly FingerPosition[] = [2, 7];

const NAMES_ID: Record<Digit, string> = {
  thumb: 'JEMPOL',
  index: 'JARI TELUNJUK',
  middle: 'JARI TENGAH',
  ring: 'JARI MANIS',
  little: 'JARI KELINGKING',
};
const NAMES_EN: Record<Digit, string> = {
  thumb: 'THUMB',
  index: 'INDEX FINGER',
  middle: 'MIDDLE FINGER',
  ring: 'RING FINGER',
  little: 'LITTLE FINGER',
};

/** "JARI TELUNJUK KANAN" / "RIGHT INDEX FINGER" — upper case, as operators read it aloud. */
export function fingerName(finger: number, locale: Locale): string {
  const hand = handOf(finger);
  const digit = digitOf(finger);
  return locale === 'en'
    ? `${hand === 'right' ? 'RIGHT' : 'LEFT'} ${NAMES_EN[digit]}`
    : `${NAMES_ID[digit]} ${hand === 'right' ? 'KANAN' : 'KIRI'}`;
}
