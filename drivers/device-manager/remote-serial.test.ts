// The remote transport against the real host ops run in-process (memory pairs instead of
// serialport), over a fake channel that delivers like IPC: asynchronously and in order.
import { describe, expect, it } from 'vitest';
import { createMemoryPair } from '../transport/byte-transport';
import type { ByteTransport } from '../transport/byte-transport';
import { createHostOps } from './host-ops';
import type { HostRequest } from './host-protocol';
import { DriverHost } from './host-supervisor';
import type { HostChannel } from './host-supervisor';
import { remoteSerialOpener } from './remote-serial';

function inProcessHost() {
  const far: ByteTransport[] = [];
  let exit: ((code: number | null, signal: string | null) => void) | undefined;
  const spawn = (): HostChannel => {
    let listener: ((m: unknown) => void) | undefined;
    let alive = true;
    const deliver = (m: unknown) => setImmediate(() => alive && listener?.(m));
    const ops = createHostOps({
      push: deliver,
      openSerial: async () => {
        const [a, b] = createMemoryPair();
        far.push(b);
        return a;
      },
    });
    deliver({ hello: { pid: 4242 } });
    return {
      pid: 4242,
      send: (req: HostRequest) =>
        void ops(req.op, req.params as never).then(
          (value) => deliver({ id: req.id, ok: true, value }),
          (e: Error) => deliver({ id: req.id, ok: false, error: e.message }),
        ),
      onMessage: (l) => (listener = l),
      onExit: (l) => (exit = l),
      kill: () => {
        alive = false;
        setImmediate(() => exit?.(null, 'SIGKILL'));
      },
    };
  };
  const host = new DriverHost({ spawn, backoff: { initialMs: 10 } }).start();
  return { host, far };
}

describe('remote serial transport', () => {
  it('carries bytes both ways and closes', async () => {
    const { host, far } = inProcessHost();
    const open = remoteSerialOpener(host);
    const t = await open('/dev/x', 57600);
    const got: number[] = [];
    t.on('data', (b) => got.push(...b));
    const seen: number[] = [];
    far[0]!.on('data', (b) => seen.push(...b));
    await t.write(new Uint8Array([1, 2, 3]));
    await far[0]!.write(new Uint8Array([9, 8]));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([1, 2, 3]);
    expect(got).toEqual([9, 8]);
    let closed = 0;
    t.on('close', () => closed++);
    await t.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(t.isOpen).toBe(false);
    expect(closed).toBe(1);
    await expect(t.write(new Uint8Array([1]))).rejects.toThrow();
    await host.close();
  });

  it('emits close on every open port when the child dies, and reopens after restart', async () => {
    const { host, far } = inProcessHost();
    const open = remoteSerialOpener(host);
    const a = await open('/dev/a', 57600);
    const b = await open('/dev/b', 57600);
    const closes: string[] = [];
    a.on('close', () => closes.push('a'));
    b.on('close', () => closes.push('b'));
    const up = new Promise((r) => host.once('up', r));
    (host as unknown as { child: HostChannel }).child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 5));
    expect(closes.sort()).toEqual(['a', 'b']);
    expect(a.isOpen).toBe(false);
    // Opening while the host is restarting waits for it.
    const c = await open('/dev/a', 57600);
    await up;
    expect(c.isOpen).toBe(true);
    const got: number[] = [];
    c.on('data', (x) => got.push(...x));
    await far[2]!.write(new Uint8Array([7]));
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([7]);
    await host.close();
    expect(c.isOpen).toBe(false);
  });
});
