// What the driver host does for each request. Kept apart from the IPC entry (host-child.ts)
// so tests can run the very same operations in-process against a pty simulator.
import { discoverFingerprint } from '../fingerprint/discovery';
import { enumerateDevices } from './enumerate';
import type { HostOp, HostOps } from './host-protocol';
import type { RawDevice } from './matching';

export interface HostOpsOptions {
  enumerate?: () => Promise<{ devices: RawDevice[]; errors: string[] }>;
  probeTimeoutMs?: number;
}

export type HostHandler = <O extends HostOp>(
  op: O,
  params: HostOps[O]['params'],
) => Promise<HostOps[O]['result']>;

export function createHostOps(opts: HostOpsOptions = {}): HostHandler {
  const started = Date.now();
  const enumerate = opts.enumerate ?? enumerateDevices;
  const ops: { [O in HostOp]: (p: HostOps[O]['params']) => Promise<HostOps[O]['result']> } = {
    ping: async () => ({ pid: process.pid, uptimeMs: Date.now() - started }),
    enumerate: () => enumerate(),
    probe: async ({ path, baud }) => {
      try {
        const found = await discoverFingerprint({
          path,
          ...(baud ? { baud } : {}),
          probeTimeoutMs: opts.probeTimeoutMs ?? 300,
        });
        // The probe only answers "is a module there?"; the station's own driver opens it.
        await found.driver.close();
        return { answered: true, baud: found.baud, params: found.params };
      } catch (e) {
        return { answered: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
  return (op, params) => {
    const fn = ops[op] as ((p: unknown) => Promise<unknown>) | undefined;
    if (!fn) return Promise.reject(new Error(`unknown op ${String(op)}`));
    return fn(params) as Promise<never>;
  };
}
