/**
 * A TCP proxy between the station and the central server that misbehaves on purpose: a
 * bandwidth limit shared by all connections (per direction), a one-way delay, connection drops
 * (all at once or at random), refused connections (a modem that lost its session), and a
 * blackhole (nothing passes, connections stay open — what a dead 3G link or a broken router
 * looks like) until it is lifted. Dropped bytes never held the link, and a blackhole holds it:
 * after either, the link starts free, as a real one would.
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
  /** While on, new connections are reset at once (connection refused). */
  refuse(on: boolean): void;
  setBandwidth(bitsPerSecond: number): void;
  setDelay(ms: number): void;
  stats(): {
    connections: number;
    open: number;
    upBytes: number;
    downBytes: number;
    drops: number;
    /** Connections reset at once while refusing. */
    refused: number;
  };
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
  let refusing = false;
  let refused = 0;
  const pairs = new Set<{ a: net.Socket; b: net.Socket; flush: () => void; drop: () => void }>();
  const now = () => performance.now();
  const airtime = (bytes: number) => (bps > 0 ? (bytes * 8 * 1000) / bps : 0);

  /** Forwards `from` → `to` through the shaped link, with backpressure on `from`. */
  function shape(from: net.Socket, to: net.Socket, link: Link, count: (n: number) => void) {
    const queue: { at: number; data: Buffer }[] = [];
    let queued = 0;
    let timer: NodeJS.Timeout | null = null;

    function pump() {
      timer = null;
      if (to.destroyed) return;
      // Nothing crosses a blackholed link: what is queued is sent when it lifts, from then on.
      if (holed) return;
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
        queue.push({ at: reserve(data.length), data });
        queued += data.length;
      }
      if (queued >= HIGH_WATER) from.pause();
      if (!timer) pump();
    });
    /** When a piece of `bytes` queued now arrives at the far end (reserving the link for it). */
    function reserve(bytes: number): number {
      const t = now();
      if (bps <= 0) return t + delay;
      link.free = Math.max(t, link.free) + airtime(bytes);
      return link.free + delay;
    }

    from.on('end', () => {
      const finish = () => (queue.length === 0 ? to.end() : setTimeout(finish, 5));
      finish();
    });
    return {
      /** After a blackhole: the held pieces are (re)sent from now on. */
      flush() {
        for (const piece of queue) piece.at = reserve(piece.data.length);
        if (timer) clearTimeout(timer);
        timer = null;
        if (queue.length > 0) pump();
      },
      /** The connection is gone: its unsent pieces give their link time back. */
      drop() {
        if (timer) clearTimeout(timer);
        timer = null;
        const unsent = queue.reduce((n, piece) => n + piece.data.length, 0);
        link.free = Math.max(now(), link.free - airtime(unsent));
        queue.length = 0;
        queued = 0;
      },
    };
  }

  const server = net.createServer((client) => {
    if (refusing) {
      refused++;
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    connections++;
    client.setNoDelay(true);
    const upstream = net.connect(opts.target.port, opts.target.host);
    upstream.setNoDelay(true);
    const upLink = shape(client, upstream, up, (n) => (upBytes += n));
    const downLink = shape(upstream, client, down, (n) => (downBytes += n));
    let dropped = false;
    const pair = {
      a: client,
      b: upstream,
      flush: () => {
        upLink.flush();
        downLink.flush();
      },
      drop: () => {
        if (dropped) return;
        dropped = true;
        upLink.drop();
        downLink.drop();
      },
    };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      pair.drop();
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
    p.drop();
    p.a.destroy();
    p.b.destroy();
  }

  return {
    url: `${opts.scheme ?? 'http'}://127.0.0.1:${port}`,
    port,
    dropAll() {
      const n = pairs.size;
      for (const p of [...pairs]) {
        p.drop();
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
      if (on) return;
      up.free = now();
      down.free = now();
      for (const p of pairs) p.flush();
    },
    refuse(on) {
      refusing = on;
    },
    setBandwidth(b) {
      bps = b;
    },
    setDelay(ms) {
      delay = ms;
    },
    stats: () => ({ connections, open: pairs.size, upBytes, downBytes, drops, refused }),
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
