// The recipient's signature at handover on the same pad as at recording, with the recording
// signature's own rules (inkStats, tooShortDetail, the card-sized PNG). One session at a time,
// keyed by the recording whose card is handed over; points stream to the screen as the
// recording step's do (`signature.points`), so the screen's canvas is reused as it is.
import type { EventPayloads, PenPoint } from '../../api/contract';
import type { PadSample, PadSession } from '../../../drivers/signature-pad/driver';
import type { SignatureDevice } from '../devices/signature-device';
import { inkStats, renderSignaturePng, tooShortDetail } from '../recording/signature-ink';
import type { Locale } from '../../domain/i18n';

const FLUSH_MS = 30;
const MAX_POINTS = 20_000;

export type SignOutcome =
  | { ok: true; png: Buffer }
  | { ok: false; problem: 'no-session' | 'empty' | 'too-short' | 'not-ready'; detail?: string };

export interface PadSigning {
  start(key: string): Promise<SignOutcome | null>;
  clear(key: string): Promise<void>;
  accept(key: string, locale: Locale): Promise<SignOutcome>;
  end(): Promise<void>;
}

export function createPadSigning(deps: {
  device: () => SignatureDevice;
  emitPoints: (p: EventPayloads['signature.points']) => void;
}): PadSigning {
  let live: {
    key: string;
    pad: PadSession;
    points: PenPoint[];
    pending: PenPoint[];
    cleared: boolean;
    t0: number | null;
    inStroke: boolean;
  } | null = null;
  let timer: NodeJS.Timeout | null = null;
  const listening = new WeakSet<object>();

  function flush(): void {
    timer = null;
    const l = live;
    if (!l || (l.pending.length === 0 && !l.cleared)) return;
    deps.emitPoints({
      recordingId: l.key,
      points: l.pending,
      ...(l.cleared ? { cleared: true } : {}),
    });
    l.pending = [];
    l.cleared = false;
  }
  function push(pt: PenPoint): void {
    if (!live || live.points.length >= MAX_POINTS) return;
    live.points.push(pt);
    live.pending.push(pt);
    timer ??= setTimeout(flush, FLUSH_MS);
  }
  function onSample(s: PadSample): void {
    const l = live;
    if (!l) return;
    if (s.tip && s.p > 0) {
      l.t0 ??= s.t;
      push({ x: s.x, y: s.y, p: s.p, t: s.t - l.t0 });
      l.inStroke = true;
    } else if (l.inStroke) {
      push({ x: s.x, y: s.y, p: 0, t: s.t - (l.t0 ?? s.t) });
      l.inStroke = false;
    }
  }

  async function end(): Promise<void> {
    const l = live;
    live = null;
    if (timer) clearTimeout(timer);
    timer = null;
    if (l) await l.pad.end().catch(() => undefined);
  }

  return {
    async start(key) {
      const device = deps.device();
      const s = device.state();
      const d = device.driver();
      if (!d || (s !== 'connected' && s !== 'simulated'))
        return { ok: false, problem: 'not-ready' };
      await end();
      if (!listening.has(d)) {
        listening.add(d);
        d.on('sample', onSample);
      }
      const pad = await d.beginSession();
      live = { key, pad, points: [], pending: [], cleared: true, t0: null, inStroke: false };
      timer ??= setTimeout(flush, FLUSH_MS);
      return null;
    },
    async clear(key) {
      const l = live;
      if (!l || l.key !== key) return;
      Object.assign(l, { points: [], pending: [], cleared: true, t0: null, inStroke: false });
      timer ??= setTimeout(flush, FLUSH_MS);
      await l.pad.clear();
    },
    async accept(key, locale) {
      const l = live;
      if (!l || l.key !== key) return { ok: false, problem: 'no-session' };
      const stats = inkStats(l.points);
      if (stats.pointCount === 0) return { ok: false, problem: 'empty' };
      const detail = tooShortDetail(stats, locale);
      if (detail) return { ok: false, problem: 'too-short', detail };
      const png = await renderSignaturePng(l.points);
      if (live === l) await end();
      return { ok: true, png };
    },
    end,
  };
}
