// Handing the printed card over, at the counter or on a delivery round: find the
// card, show the photo taken at recording, check identity 1:1 on the module (or record a visual
// check, or a proxy from the same KK when the supervisor allows it), the recipient signs, and
// one transaction records the signed handover, moves the card to handed_over, purges what was
// kept for the check and writes the audit entry. Nothing here needs the network: the record
// waits in the store until the sender delivers it.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EventPayloads, MethodInput, MethodOutput } from '../../api/contract';
import type { HandoverCase, HandoverOutputs, ProxyDetails } from '../../api/contract-handover';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { fingerName } from '../../domain/fingers';
import { formatDateTime } from '../../domain/format-date';
import { HANDOVER_FINGER_TRIES, checkProxy, fingerMatches } from '../../domain/handover';
import type { HandoverKind, HandoverVerification } from '../../domain/handover';
import type { Locale } from '../../domain/i18n';
import { t as nikText } from '../../domain/messages';
import { cleanNumber } from '../../domain/nik';
import {
  cardByPacket,
  cardCandidate,
  cardsByName,
  cardsByNik,
  findRetained,
} from '../../store/handover-repo';
import type { CardCandidateRow } from '../../store/handover-repo';
import { getSetting, setSetting } from '../../store/settings-repo';
import type { Actor } from '../common/audit';
import type { FingerprintDevice } from '../devices/fingerprint-device';
import type { SignatureDevice } from '../devices/signature-device';
import type { Logger } from '../common/log';
import { completeHandover, handoverReceipt } from './complete';
import type { CompleteDeps } from './complete';
import { ht } from './counter-messages';
import { createPadSigning } from './signing';
import { matchLiveFinger } from './verify-finger';

export const SETTING_PROXY_ALLOWED = 'handover.proxy_allowed';
const PACKET_ID = /^K[0-9A-HJKMNP-TV-Z]{26}$/;
const FIND_LIMIT = 20;

export interface HandoverDeps extends Omit<CompleteDeps, 'locale'> {
  locale: () => Locale;
  log: Logger;
  fingerprintDevice: () => FingerprintDevice;
  /** A recording's capture holds the scanner. */
  fingerprintsBusy: () => boolean;
  signatureDevice: () => SignatureDevice;
  /** Ends a recording's signing session on the pad before the recipient signs. */
  endRecordingSignature: () => Promise<void>;
  emitPoints: (p: EventPayloads['signature.points']) => void;
  waitFingerMs?: number;
}

type HandoverMethod = keyof HandoverOutputs;
export type HandoverHandlers = {
  [M in HandoverMethod]: (
    input: MethodInput<M>,
    ctx: { actor: Actor | null },
  ) => Reply<MethodOutput<M>> | Promise<Reply<MethodOutput<M>>>;
};

interface Session {
  kind: HandoverKind;
  roundId: string | null;
  verification: HandoverVerification | null;
  triesLeft: number;
  proxy: ProxyDetails | null;
  signaturePng: Buffer | null;
}

export function proxyAllowed(db: Database): boolean {
  return getSetting(db, SETTING_PROXY_ALLOWED) === '1';
}

export function createHandover(deps: HandoverDeps) {
  const { db, audit, log } = deps;
  const sessions = new Map<string, Session>();
  const signing = createPadSigning({ device: deps.signatureDevice, emitPoints: deps.emitPoints });
  let checking: AbortController | null = null;
  const waitFingerMs = deps.waitFingerMs ?? 30_000;

  const toCandidate = (c: CardCandidateRow) => ({
    recordingId: c.recordingId,
    name: c.name,
    nik: c.nik,
    cardState: c.cardState,
    recordedAt: c.recordedAt,
    villageCode: c.villageCode,
    handedOverAt: c.handedOverAt,
  });

  /** Why this card cannot be handed over in this way, or null. */
  function refusal(L: Locale, c: CardCandidateRow, kind: HandoverKind, roundId: string | null) {
    if (c.cardState === 'handed_over') {
      const date = c.handedOverAt ? formatDateTime(new Date(c.handedOverAt)) : '';
      return fail('CONFLICT', ht(L, 'alreadyHandedOver', { date }));
    }
    if (c.cardState === 'missing') return fail('CONFLICT', ht(L, 'cardMissing'));
    if (kind === 'counter' && c.cardState === 'on_round') {
      return fail('CONFLICT', ht(L, 'onRound'));
    }
    if (kind === 'round' && c.cardState !== 'on_round') {
      return fail('CONFLICT', ht(L, c.cardState === 'at_office' ? 'notOnRound' : 'notArrived'));
    }
    if (kind === 'round' && roundId !== null && c.roundId !== roundId) {
      return fail('CONFLICT', ht(L, 'notOnRound'));
    }
    if (kind === 'counter' && c.cardState !== 'at_office') {
      return fail('CONFLICT', ht(L, 'notArrived'));
    }
    return null;
  }

  function scannerState(): HandoverCase['scanner'] {
    const s = deps.fingerprintDevice().state();
    return s === 'simulated' ? 'simulated' : s === 'connected' ? 'connected' : 'unavailable';
  }

  function caseOf(recordingId: string, s: Session): Reply<HandoverCase> {
    const c = cardCandidate(db, recordingId);
    if (!c) return fail('NOT_FOUND', ht(deps.locale(), 'noSession'));
    const kept = findRetained(db, recordingId);
    const v = s.verification;
    return ok({
      candidate: toCandidate(c),
      kind: s.kind,
      roundId: s.roundId,
      photoDataUrl: kept?.photoJpeg
        ? `data:image/jpeg;base64,${kept.photoJpeg.toString('base64')}`
        : null,
      fingers: kept?.templates.map((t) => t.finger) ?? [],
      verified: v
        ? {
            method: v.method,
            finger: v.method === 'fingerprint' ? v.finger : null,
            score: v.method === 'fingerprint' ? v.score : null,
          }
        : null,
      fingerTriesLeft: s.triesLeft,
      proxy: s.proxy,
      proxyAllowed: proxyAllowed(db),
      signed: s.signaturePng
        ? { imageDataUrl: `data:image/png;base64,${s.signaturePng.toString('base64')}` }
        : null,
      scanner: scannerState(),
    });
  }

  function session(recordingId: string): Reply<Session> {
    const s = sessions.get(recordingId);
    return s ? ok(s) : fail('CONFLICT', ht(deps.locale(), 'noSession'));
  }

  function find(query: string): Reply<ReturnType<typeof toCandidate>[]> {
    const L = deps.locale();
    const q = query.trim();
    const digits = cleanNumber(q);
    const rows = /^\d{16}$/.test(digits)
      ? cardsByNik(db, digits, FIND_LIMIT)
      : PACKET_ID.test(q.toUpperCase())
        ? [cardByPacket(db, q.toUpperCase())].filter((r): r is CardCandidateRow => r !== null)
        : cardsByName(db, q, FIND_LIMIT);
    if (rows.length === 0) return fail('NOT_FOUND', ht(L, 'notFound', { query: q.slice(0, 40) }));
    return ok(rows.map(toCandidate));
  }

  function scan(code: string) {
    const L = deps.locale();
    const text = code.trim().toUpperCase();
    const row = PACKET_ID.test(text) ? cardByPacket(db, text) : null;
    return row ? ok(toCandidate(row)) : fail('NOT_FOUND', ht(L, 'qrUnknown'));
  }

  function open(recordingId: string, kind: HandoverKind, roundId: string | null) {
    const L = deps.locale();
    const c = cardCandidate(db, recordingId);
    if (!c) return fail('NOT_FOUND', ht(L, 'notArrived'));
    const no = refusal(L, c, kind, roundId);
    if (no) return no;
    let s = sessions.get(recordingId);
    if (!s || s.kind !== kind || s.roundId !== roundId) {
      s = {
        kind,
        roundId,
        verification: null,
        triesLeft: HANDOVER_FINGER_TRIES,
        proxy: null,
        signaturePng: null,
      };
      sessions.set(recordingId, s);
    }
    return caseOf(recordingId, s);
  }

  async function verifyFinger(actor: Actor, recordingId: string, finger: number) {
    const L = deps.locale();
    const got = session(recordingId);
    if (!got.ok) return got;
    const s = got.value;
    const kept = findRetained(db, recordingId)?.templates ?? [];
    if (kept.length === 0) return fail('VALIDATION', ht(L, 'noTemplates'));
    const template = kept.find((t) => t.finger === finger);
    if (!template) {
      const fingers = kept.map((t) => fingerName(t.finger, L)).join(' / ');
      return fail('VALIDATION', ht(L, 'fingerNotKept', { fingers }));
    }
    if (s.triesLeft <= 0) return fail('CONFLICT', ht(L, 'noTries'));
    const device = deps.fingerprintDevice();
    const driver = device.driver();
    if (!driver || scannerState() === 'unavailable') {
      return fail('DEVICE', ht(L, 'scannerNotReady'));
    }
    if (checking || deps.fingerprintsBusy()) return fail('CONFLICT', ht(L, 'scannerBusy'));
    checking = new AbortController();
    try {
      const r = await matchLiveFinger(device, driver, finger, new Uint8Array(template.template), {
        signal: checking.signal,
        waitMs: waitFingerMs,
      });
      if (r.kind === 'bad-image') return fail('DEVICE', ht(L, 'badImage'));
      if (r.kind === 'no-finger') {
        return fail('DEVICE', ht(L, 'noFinger', { seconds: Math.round(waitFingerMs / 1000) }));
      }
      if (r.kind === 'cancelled') return fail('CANCELLED', ht(L, 'cancelled'));
      const matched = fingerMatches(r.score);
      if (matched) {
        s.verification = { method: 'fingerprint', finger, score: r.score };
      } else {
        s.triesLeft -= 1;
        audit.record(actor, 'handover.finger-refused', `${recordingId}#${finger}`);
      }
      log.info('handover finger check', { matched, score: r.score, triesLeft: s.triesLeft });
      const fingerText = fingerName(finger, L);
      return ok({
        matched,
        score: r.score,
        finger,
        triesLeft: s.triesLeft,
        message: matched
          ? ht(L, 'fingerMatched', { score: r.score })
          : ht(L, s.triesLeft > 0 ? 'fingerRefused' : 'fingerRefusedLast', {
              score: r.score,
              finger: fingerText,
              left: s.triesLeft,
            }),
      });
    } finally {
      checking = null;
    }
  }

  function setProxy(actor: Actor, recordingId: string, proxy: ProxyDetails | null) {
    const L = deps.locale();
    const got = session(recordingId);
    if (!got.ok) return got;
    if (proxy === null) {
      got.value.proxy = null;
      return caseOf(recordingId, got.value);
    }
    const c = cardCandidate(db, recordingId)!;
    const kk = (JSON.parse(c.residentJson) as { kk?: string }).kk ?? '';
    const problem = checkProxy(proxy, { nik: c.nik, kk }, { proxyAllowed: proxyAllowed(db) });
    if (problem) {
      audit.record(actor, 'handover.proxy-refused', `${recordingId}:${problem.code}`);
      const text =
        problem.code === 'PROXY_NOT_ALLOWED'
          ? ht(L, 'proxyNotAllowed')
          : problem.code === 'PROXY_NAME'
            ? ht(L, 'proxyName')
            : problem.code === 'PROXY_NIK'
              ? ht(L, 'proxyNik', { detail: nikText(problem.nik, L) })
              : problem.code === 'PROXY_IS_RESIDENT'
                ? ht(L, 'proxyIsResident')
                : problem.code === 'PROXY_KK_UNKNOWN'
                  ? ht(L, 'proxyKkUnknown')
                  : ht(L, 'proxyKkMismatch');
      const field =
        problem.code === 'PROXY_NIK' || problem.code === 'PROXY_IS_RESIDENT'
          ? 'nik'
          : problem.code === 'PROXY_NAME'
            ? 'name'
            : 'kk';
      return fail('VALIDATION', text, { [field]: text });
    }
    got.value.proxy = {
      ...proxy,
      name: proxy.name.trim(),
      nik: cleanNumber(proxy.nik),
      kk: cleanNumber(proxy.kk),
    };
    return caseOf(recordingId, got.value);
  }

  async function signAccept(recordingId: string) {
    const L = deps.locale();
    const got = session(recordingId);
    if (!got.ok) return got;
    const r = await signing.accept(recordingId, L);
    if (!r.ok) {
      if (r.problem === 'too-short') {
        return fail('VALIDATION', ht(L, 'signTooShort', { detail: r.detail ?? '' }));
      }
      return fail('VALIDATION', ht(L, r.problem === 'empty' ? 'signEmpty' : 'signNoSession'));
    }
    got.value.signaturePng = r.png;
    return caseOf(recordingId, got.value);
  }

  async function complete(actor: Actor, recordingId: string) {
    const L = deps.locale();
    const got = session(recordingId);
    if (!got.ok) return got;
    const s = got.value;
    const verification: HandoverVerification | null = s.proxy
      ? { method: 'visual', reason: ht('id', 'proxyChecked') }
      : s.verification;
    if (!verification) return fail('VALIDATION', ht(L, 'notVerified'));
    if (!s.signaturePng) return fail('VALIDATION', ht(L, 'notSigned'));
    const c = cardCandidate(db, recordingId);
    const no = c ? refusal(L, c, s.kind, s.roundId) : fail('NOT_FOUND', ht(L, 'notArrived'));
    if (no) return no;
    const done = await completeHandover(
      { ...deps, locale: L },
      actor,
      { recordingId, kind: s.kind, roundId: s.roundId, verification, proxy: s.proxy },
      s.signaturePng,
    );
    if (done.ok) sessions.delete(recordingId);
    return done;
  }

  const handlers: HandoverHandlers = {
    'handover.find': (input) => find(input.query),
    'handover.scan': (input) => scan(input.code),
    'handover.open': (input) => open(input.recordingId, input.kind, input.roundId ?? null),
    'handover.verifyFinger': (input, { actor }) =>
      verifyFinger(actor!, input.recordingId, input.finger),
    'handover.cancelFinger': () => {
      checking?.abort();
      return ok(null);
    },
    'handover.visualCheck': (input) => {
      const got = session(input.recordingId);
      if (!got.ok) return got;
      got.value.verification = { method: 'visual', reason: input.reason };
      return caseOf(input.recordingId, got.value);
    },
    'handover.setProxy': (input, { actor }) => setProxy(actor!, input.recordingId, input.proxy),
    'handover.signStart': async (input) => {
      const L = deps.locale();
      const got = session(input.recordingId);
      if (!got.ok) return got;
      await deps.endRecordingSignature();
      const r = await signing.start(input.recordingId);
      return r ? fail('DEVICE', ht(L, 'padNotReady')) : ok(null);
    },
    'handover.signClear': async (input) => {
      const got = session(input.recordingId);
      if (!got.ok) return got;
      got.value.signaturePng = null;
      await signing.clear(input.recordingId);
      return ok(null);
    },
    'handover.signAccept': (input) => signAccept(input.recordingId),
    'handover.complete': (input, { actor }) => complete(actor!, input.recordingId),
    'handover.receipt': async (input) => {
      const r = await handoverReceipt({ ...deps, locale: deps.locale() }, input.recordingId);
      return r.ok ? ok({ pdfBase64: r.value.toString('base64') }) : r;
    },
    'handover.simulateFinger': (input) => {
      const sim = deps.fingerprintDevice().sim;
      if (!sim) return fail('CONFLICT', ht(deps.locale(), 'notSimulated'));
      sim.presentInstead(input.finger);
      return ok(null);
    },
    'handover.policy': () => ok({ proxyAllowed: proxyAllowed(db) }),
    'handover.setPolicy': (input, { actor }) => {
      db.transaction(() => {
        setSetting(db, SETTING_PROXY_ALLOWED, input.proxyAllowed ? '1' : '0');
        audit.record(
          actor,
          'handover.policy',
          input.proxyAllowed ? 'proxy-allowed' : 'proxy-refused',
        );
      })();
      return ok({ proxyAllowed: input.proxyAllowed });
    },
  };

  return {
    handlers,
    async close() {
      checking?.abort();
      await signing.end();
    },
  };
}
