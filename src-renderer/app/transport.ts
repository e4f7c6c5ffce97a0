import i18next from 'i18next';
import type {
  EventName,
  EventPayloads,
  MethodInput,
  MethodName,
  MethodOutput,
  StationBridge,
} from '../../src-main/api/contract';
import type { Reply } from '../../src-main/api/reply';
import type { Locale } from '../../src-main/domain/i18n';

/** Where the browser transport keeps the per-run secret for the life of the tab. */
export const SECRET_STORAGE_KEY = 'rekam.k';

/**
 * Reads `k` from a location hash like `#k=SECRET`. Returns the secret and the hash to leave in
 * the address bar (without `k`), so the secret is neither shown nor bookmarked.
 */
export function takeSecretFromHash(hash: string): { secret: string | null; rest: string } {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw === '') return { secret: null, rest: '' };
  const params = new URLSearchParams(raw);
  const secret = params.get('k');
  params.delete('k');
  const rest = params.toString();
  return { secret: secret && secret.trim() !== '' ? secret : null, rest: rest ? `#${rest}` : '' };
}

export interface SecretSource {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The secret from the URL (moved into sessionStorage) or from an earlier load of this tab. */
export function resolveSecret(src: SecretSource): string | null {
  const { secret, rest } = takeSecretFromHash(src.location.hash);
  if (secret) {
    try {
      src.storage.setItem(SECRET_STORAGE_KEY, secret);
    } catch {
      // Storage can be disabled; the secret still works for this page load.
    }
    src.history.replaceState(null, '', src.location.pathname + src.location.search + rest);
    return secret;
  }
  try {
    return src.storage.getItem(SECRET_STORAGE_KEY);
  } catch {
    return null;
  }
}

function isReply(v: unknown): v is Reply<unknown> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  const r = v as { ok: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  if (r.ok === false) {
    const e = r.error as { code?: unknown; message?: unknown } | undefined;
    return (
      typeof e === 'object' &&
      e !== null &&
      typeof e.code === 'string' &&
      typeof e.message === 'string'
    );
  }
  return false;
}

/** Minimal WebSocket surface we use, so tests can pass a fake. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface BrowserTransportOptions {
  secret: string;
  /** e.g. http://127.0.0.1:4312 */
  origin: string;
  fetch: typeof fetch;
  openSocket: (url: string) => SocketLike;
  getLocale?: () => Locale;
  /** Backoff for event reconnects; overridable for tests. */
  backoff?: { initialMs: number; maxMs: number };
  setTimer?: (fn: () => void, ms: number) => unknown;
  /** Called after the event socket reconnects: events may have been missed meanwhile. */
  onReconnect?: () => void;
}

export interface BrowserTransport extends StationBridge {
  close(): void;
}

/** Delay before the n-th reconnect attempt (0-based): exponential with jitter, capped. */
export function reconnectDelay(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random = Math.random,
): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  // Jitter spreads reconnects so several tabs do not hammer a restarting host in step.
  return Math.round(base / 2 + random() * (base / 2));
}

export function createBrowserTransport(opts: BrowserTransportOptions): BrowserTransport {
  const locale = () => opts.getLocale?.() ?? 'id';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const backoff = opts.backoff ?? { initialMs: 500, maxMs: 10_000 };
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  let socket: SocketLike | null = null;
  let attempt = 0;
  let closed = false;
  let everOpened = false;

  const wsUrl = opts.origin.replace(/^http/, 'ws') + '/events';

  function connect(): void {
    if (closed) return;
    let s: SocketLike;
    try {
      s = opts.openSocket(wsUrl);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = s;
    s.onopen = () => {
      s.send(JSON.stringify({ type: 'hello', secret: opts.secret }));
      attempt = 0;
      if (everOpened) opts.onReconnect?.();
      everOpened = true;
    };
    s.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg: unknown;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (typeof msg !== 'object' || msg === null) return;
      const m = msg as { type?: unknown; event?: unknown; payload?: unknown };
      if (m.type !== 'event' || typeof m.event !== 'string') return;
      for (const l of listeners.get(m.event) ?? []) {
        try {
          l(m.payload);
        } catch (err) {
          console.error('event listener failed', err);
        }
      }
    };
    s.onerror = () => {
      // onclose follows; reconnect is handled there.
    };
    s.onclose = () => {
      if (socket === s) socket = null;
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closed) return;
    const delay = reconnectDelay(attempt, backoff.initialMs, backoff.maxMs);
    attempt += 1;
    setTimer(connect, delay);
  }

  connect();

  return {
    async invoke<M extends MethodName>(
      method: M,
      input: MethodInput<M>,
    ): Promise<Reply<MethodOutput<M>>> {
      let res: Response;
      try {
        res = await opts.fetch(`${opts.origin}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-rekam-secret': opts.secret },
          body: JSON.stringify(input),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch {
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: i18next.t('transport.unreachable', { lng: locale() }),
          },
        };
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        body = undefined;
      }
      if (isReply(body)) return body as Reply<MethodOutput<M>>;
      return {
        ok: false,
        error: { code: 'INTERNAL', message: i18next.t('transport.badResponse', { lng: locale() }) },
      };
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    close(): void {
      closed = true;
      socket?.close();
      socket = null;
    },
  };
}

export type TransportChoice =
  | { kind: 'electron'; bridge: StationBridge }
  | { kind: 'browser'; bridge: BrowserTransport }
  | { kind: 'no-secret' };

/** Electron's preload wins; otherwise the browser host, which needs the per-run secret. */
export function pickTransport(
  win: Window & { station?: StationBridge },
  opts: { getLocale: () => Locale; onReconnect?: () => void },
): TransportChoice {
  if (win.station) return { kind: 'electron', bridge: win.station };
  const secret = resolveSecret({
    location: win.location,
    history: win.history,
    storage: win.sessionStorage,
  });
  if (!secret) return { kind: 'no-secret' };
  const bridge = createBrowserTransport({
    secret,
    origin: win.location.origin,
    fetch: win.fetch.bind(win),
    openSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    getLocale: opts.getLocale,
    ...(opts.onReconnect ? { onReconnect: opts.onReconnect } : {}),
  });
  return { kind: 'browser', bridge };
}
