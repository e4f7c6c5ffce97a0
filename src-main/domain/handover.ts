// Rules of handing the printed card over: which fingers the station keeps for the
// 1:1 check, how a match score is read, who may collect a card for someone else, and which card
// states allow a handover. Pure: shared by the service, the contract and the renderer.
import { CHIP_FINGERS } from './fingers';
import { cleanNumber, parseNik } from './nik';
import type { NikErrorCode } from './nik';

/**
 * The module's Match score (0–300) from which a live finger counts as the stored one. The
 * module's matcher gives the same finger ≥ 100 and another finger < 50 (DOMAIN.md, minutiae
 * tests); 75 sits in the middle of that gap, so neither a worn genuine finger just under 100
 * nor a lucky impostor just over 50 is decided by a hair. An identity check at handover is a
 * stricter question than "the module would say match" (its own threshold is 50).
 */
export const HANDOVER_MATCH_THRESHOLD = 75;

export const fingerMatches = (score: number): boolean => score >= HANDOVER_MATCH_THRESHOLD;

/** Tries of the live finger before the clerk is pointed at the visual check. */
export const HANDOVER_FINGER_TRIES = 3;

/**
 * How long the retained photo and two templates may wait for the card, from sealing. Cards come
 * back from printing in weeks, sometimes months when blank cards run out; after a year nobody
 * keeps a resident's biometrics for a card never collected (UU 27/2022). A card collected later
 * is handed over with the visual check.
 */
export const RETAINED_MAX_DAYS = 365;

export interface FingerCandidate {
  finger: number;
  quality: number | null;
  hasTemplate: boolean;
}

/**
 * The two fingers kept for the check: the right and left index (the chip's fingers) when both
 * have a template, else the best two by quality (index fingers first on a tie).
 */
export function chooseRetainedFingers(fingers: readonly FingerCandidate[]): number[] {
  const usable = fingers.filter((f) => f.hasTemplate);
  const chip = CHIP_FINGERS.filter((c) => usable.some((f) => f.finger === c));
  if (chip.length === 2) return [...chip];
  const isChip = (f: number) => (CHIP_FINGERS as readonly number[]).includes(f);
  return [...usable]
    .sort(
      (a, b) =>
        (b.quality ?? -1) - (a.quality ?? -1) ||
        Number(isChip(b.finger)) - Number(isChip(a.finger)) ||
        a.finger - b.finger,
    )
    .slice(0, 2)
    .map((f) => f.finger)
    .sort((a, b) => a - b);
}

/** Relations within one family card (KK) that may collect a card for a family member. */
export const PROXY_RELATIONS = [
  'suami-istri',
  'anak',
  'orang-tua',
  'saudara',
  'lainnya-kk',
] as const;
export type ProxyRelation = (typeof PROXY_RELATIONS)[number];

export interface ProxyInput {
  name: string;
  nik: string;
  relation: ProxyRelation;
  /** The KK number as typed from the family card the proxy shows. */
  kk: string;
}

export type ProxyProblem =
  | { code: 'PROXY_NOT_ALLOWED' }
  | { code: 'PROXY_NAME' }
  | { code: 'PROXY_NIK'; nik: NikErrorCode }
  | { code: 'PROXY_IS_RESIDENT' }
  | { code: 'PROXY_KK_UNKNOWN' }
  | { code: 'PROXY_KK_MISMATCH' };

/**
 * Whether this proxy may collect the card: the supervisor's policy allows proxies at all, the
 * proxy's NIK is a valid NIK and not the resident's own, and the family card shown is the one
 * recorded for the resident (the same KK).
 */
export function checkProxy(
  proxy: ProxyInput,
  resident: { nik: string; kk: string },
  policy: { proxyAllowed: boolean },
): ProxyProblem | null {
  if (!policy.proxyAllowed) return { code: 'PROXY_NOT_ALLOWED' };
  if (proxy.name.trim().length < 2) return { code: 'PROXY_NAME' };
  const nik = parseNik(proxy.nik);
  if (!nik.ok) return { code: 'PROXY_NIK', nik: nik.code };
  if (cleanNumber(proxy.nik) === resident.nik) return { code: 'PROXY_IS_RESIDENT' };
  const recorded = cleanNumber(resident.kk);
  if (!/^\d{16}$/.test(recorded)) return { code: 'PROXY_KK_UNKNOWN' };
  if (cleanNumber(proxy.kk) !== recorded) return { code: 'PROXY_KK_MISMATCH' };
  return null;
}

export type HandoverKind = 'counter' | 'round';

/**
 * Card states (card stock) from which a handover may happen: at the counter
 * a card that arrived at the office; on a delivery round a card taken out on that round.
 */
export function handoverAllowedFrom(cardState: string, kind: HandoverKind): boolean {
  return kind === 'counter' ? cardState === 'at_office' : cardState === 'on_round';
}

export type HandoverVerification =
  | { method: 'fingerprint'; finger: number; score: number }
  | { method: 'visual'; reason: string };
