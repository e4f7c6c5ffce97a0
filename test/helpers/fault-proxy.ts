/**
 * A TCP proxy between the station and the central server that misbehaves on purpose: a
 * bandwidth limit shared by all connections (per direction), a one-way delay, connection drops
 * (all at once or at random), and a blackhole (nothing passes, connections stay open — what a
 * dead 3G link or a broken router looks like) until it is lifted.
 */
import net from 'node:net';

export interface FaultProxyOptions {
  /** host:port to forward to. */
  target: { host: string; port: number };
  /** Link rate per direction in bits per second (0 or absent: unlimited). */
  bitsPerSecond?: number;
  /** One-way delay added to every piece of data (ms). */
  delayMs?: number;
  /** Scheme of `url` (TLS passes through untouched: the proxy works at the TCP level). */
  scheme?: 'http' | 'https';
}

export interface FaultProxy {
  url: string;
  port: number;
  /** Destroys every open connection now (a cable pulled for a moment). */
  dropAll(): number;
  /** Drops one random open connection every ~meanMs (exponential); 0 stops it. */
  randomDrops(meanMs: number): void;
  /** While on, no byte passes in either direction and new connections hang. */
  blackhole(on: boolean): void;
  setBandwidth(bitsPerSecond: number): void;
  setDelay(ms: number): void;
  stats(): { connections: number; open: number; upBytes: number; downBytes: number; drops: number };
  close(): Promise<void>;
}

const PIECE = 8 * 1024;
const HIGH_WATER = 64 * 1024;

interface Link {
  /** When the (shared) link finishes sending what is queued on it (ms, performance clock). */
  free: number;
}

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  let bps = opts.bitsPerSecond ?? 0;
  let delay = opts.delayMs ?? 0;
  let holed = false;
  let connections = 0;
  let drops = 0;
  let upBytes = 0;
  let downBytes = 0;
  const up: Link = { free: 0 };
  const down: Link = { free: 0 };
  const pairs = new Set<{ a: net.Socket; b: net.Socket; flush: () => void }>();
  const now = () => performance.now();

  /** Forwards `from` → `to` through the shaped link, with backpressure on `from`. */
  function shape(from: net.Socket, to: net.Socket, link: Link, count: (n: number) => void) {
    const queue: { at: number; data: Buffer }[] = [];
    let queued = 0;
    let timer: NodeJS.Timeout | null = null;

    function pump() {
      timer = null;
      if (holed || to.destroyed) return;
      const t = now();
      while (queue.length > 0 && queue[0]!.at <= t) {
        const piece = queue.shift()!;
        queued -= piece.data.length;
        count(piece.data.length);
        to.write(piece.data);
      }
      if (queued < HIGH_WATER && from.isPaused()) from.resume();
      if (queue.length > 0) timer = setTimeout(pump, Math.max(1, queue[0]!.at - t));
    }

    from.on('data', (chunk: Buffer) => {
      for (let i = 0; i < chunk.length; i += PIECE) {
        const data = chunk.subarray(i, i + PIECE);
        const t = now();
        let at = t + delay;
        if (bps > 0) {
          const start = Math.max(t, link.free);
          link.free = start + (data.length * 8 * 1000) / bps;
          at = link.free + delay;
        }
        queue.push({ at, data });
        queued += data.length;
      }
      if (queued >= HIGH_WATER) from.pause();
      if (!timer) pump();
    });
    from.on('end', () => {
      const finish = () => (queue.length === 0 ? to.end() : setTimeout(finish, 5));
      finish();
    });
    return () => {
      if (!timer && queue.length > 0) pump();
    };
  }

  const server = net.createServer((client) => {
    connections++;
    client.setNoDelay(true);
    const upstream = net.connect(opts.target.port, opts.target.host);
    upstream.setNoDelay(true);
    const flushUp = shape(client, upstream, up, (n) => (upBytes += n));
    const flushDown = shape(upstream, client, down, (n) => (downBytes += n));
    const pair = {
      a: client,
      b: upstream,
      flush: () => {
        flushUp();
        flushDown();
      },
    };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  let dropTimer: NodeJS.Timeout | null = null;

  function dropOne(): void {
    const list = [...pairs];
    const p = list[Math.floor(Math.random() * list.length)];
    if (!p) return;
    drops++;
    p.a.destroy();
    p.b.destroy();
  }

  return {
    url: `${opts.scheme ?? 'http'}://127.0.0.1:${port}`,
    port,
    dropAll() {
      const n = pairs.size;
      for (const p of [...pairs]) {
        p.a.destroy();
        p.b.destroy();
      }
      drops += n;
      return n;
    },
    randomDrops(meanMs) {
      if (dropTimer) clearTimeout(dropTimer);
      dropTimer = null;
      if (meanMs <= 0) return;
      const next = () => {
        dropTimer = setTimeout(
          () => {
            dropOne();
            next();
          },
          -Math.log(1 - Math.random()) * meanMs,
        );
        dropTimer.unref();
      };
      next();
    },
    blackhole(on) {
      holed = on;
      if (!on) for (const p of pairs) p.flush();
    },
    setBandwidth(b) {
      bps = b;
    },
    setDelay(ms) {
      delay = ms;
    },
    stats: () => ({ connections, open: pairs.size, upBytes, downBytes, drops }),
    async close() {
      if (dropTimer) clearTimeout(dropTimer);
      for (const p of [...pairs]) {
        p.a.destroy();
        p.b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
