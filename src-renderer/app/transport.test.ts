import i18next from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import en from '../i18n/en.json';
import id from '../i18n/id.json';
import {
  SECRET_STORAGE_KEY,
  createBrowserTransport,
  reconnectDelay,
  resolveSecret,
  takeSecretFromHash,
} from './transport';
import type { SocketLike } from './transport';

beforeAll(async () => {
  await i18next.init({
    lng: 'id',
    resources: { id: { translation: id }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
});

function memoryStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    map: m,
  };
}

describe('secret from the URL hash', () => {
  it('reads k and keeps other hash parameters', () => {
    expect(takeSecretFromHash('#k=abc_-123')).toEqual({ secret: 'abc_-123', rest: '' });
    expect(takeSecretFromHash('#x=1&k=s3cr3t')).toEqual({ secret: 's3cr3t', rest: '#x=1' });
    expect(takeSecretFromHash('')).toEqual({ secret: null, rest: '' });
    expect(takeSecretFromHash('#k=')).toEqual({ secret: null, rest: '' });
  });

  it('moves the secret into sessionStorage and strips it from the address bar', () => {
    const storage = memoryStorage();
    const replaceState = vi.fn();
    const secret = resolveSecret({
      location: { hash: '#k=TOPSECRET', pathname: '/', search: '' },
      history: { replaceState },
      storage,
    });
    expect(secret).toBe('TOPSECRET');
    expect(storage.map.get(SECRET_STORAGE_KEY)).toBe('TOPSECRET');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('falls back to the stored secret after a reload, and to null without one', () => {
    const replaceState = vi.fn();
    const loc = { hash: '', pathname: '/', search: '' };
    expect(
      resolveSecret({
        location: loc,
        history: { replaceState },
        storage: memoryStorage({ [SECRET_STORAGE_KEY]: 'OLD' }),
      }),
    ).toBe('OLD');
    expect(
      resolveSecret({ location: loc, history: { replaceState }, storage: memoryStorage() }),
    ).toBeNull();
    expect(replaceState).not.toHaveBeenCalled();
  });
});

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: string[] = [];
  constructor(public url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.onclose?.({});
  }
}

function setup(fetchImpl: typeof fetch) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const onReconnect = vi.fn();
  const transport = createBrowserTransport({
    secret: 'SECRET',
    origin: 'http://127.0.0.1:4000',
    fetch: fetchImpl,
    openSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    onReconnect,
  });
  return { transport, sockets, timers, onReconnect };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('browser transport', () => {
  it('POSTs JSON with the secret header and returns the Reply, even on 4xx', async () => {
    const fetchMock = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      json({ ok: false, error: { code: 'FORBIDDEN', message: 'Tidak boleh' } }, 403),
    );
    const { transport } = setup(fetchMock as unknown as typeof fetch);
    const reply = await transport.invoke('users.list', {});
    expect(reply).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Tidak boleh' } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:4000/api/users.list');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-rekam-secret': 'SECRET',
    });
    expect(init?.body).toBe('{}');
    transport.close();
  });

  it('turns a network failure into an INTERNAL reply an operator can read', async () => {
    const { transport } = setup((async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    const reply = await transport.invoke('app.info', {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('INTERNAL');
      expect(reply.error.message).toMatch(/^Tidak dapat terhubung ke layanan stasiun/);
    }
    transport.close();
  });

  it('treats a non-Reply body (an HTML error page) as INTERNAL', async () => {
    const { transport } = setup(
      (async () => new Response('<html>502</html>', { status: 502 })) as unknown as typeof fetch,
    );
    const reply = await transport.invoke('app.info', {});
    expect(reply.ok === false && reply.error.code).toBe('INTERNAL');
    transport.close();
  });

  it('says hello with the secret, delivers events and reconnects with backoff', () => {
    const { transport, sockets, timers, onReconnect } = setup(vi.fn() as unknown as typeof fetch);
    const first = sockets[0]!;
    expect(first.url).toBe('ws://127.0.0.1:4000/events');
    first.onopen?.({});
    expect(JSON.parse(first.sent[0]!)).toEqual({ type: 'hello', secret: 'SECRET' });

    const got: unknown[] = [];
    const off = transport.on('session.changed', (p) => got.push(p));
    first.onmessage?.({
      data: JSON.stringify({ type: 'event', event: 'session.changed', payload: null }),
    });
    first.onmessage?.({ data: 'not json' });
    first.onmessage?.({ data: JSON.stringify({ type: 'event', event: 'status', payload: {} }) });
    expect(got).toEqual([null]);
    off();
    first.onmessage?.({
      data: JSON.stringify({ type: 'event', event: 'session.changed', payload: null }),
    });
    expect(got).toEqual([null]);

    first.onclose?.({});
    expect(timers).toHaveLength(1);
    timers[0]!.fn();
    const second = sockets[1]!;
    second.onclose?.({});
    expect(timers[1]!.ms).toBeGreaterThanOrEqual(timers[0]!.ms / 2);
    timers[1]!.fn();
    sockets[2]!.onopen?.({});
    expect(onReconnect).toHaveBeenCalledTimes(1);

    transport.close();
    const before = timers.length;
    sockets[2]!.onclose?.({});
    expect(timers.length).toBe(before); // no reconnect after close
  });

  it('grows the reconnect delay exponentially up to the cap, with jitter', () => {
    expect(reconnectDelay(0, 500, 10_000, () => 1)).toBe(500);
    expect(reconnectDelay(0, 500, 10_000, () => 0)).toBe(250);
    expect(reconnectDelay(3, 500, 10_000, () => 1)).toBe(4000);
    expect(reconnectDelay(30, 500, 10_000, () => 1)).toBe(10_000);
  });
});
