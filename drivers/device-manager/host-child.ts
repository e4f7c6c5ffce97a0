// Entry of the driver host process: `child_process.fork` in the browser host and tests,
// Electron's `utilityProcess.fork` in the desktop app (then messages arrive on parentPort).
import { createHostOps } from './host-ops';
import type { HostHello, HostHidPush, HostPush, HostReply, HostRequest } from './host-protocol';

interface ParentPort {
  on(event: 'message', l: (e: { data: unknown }) => void): void;
  postMessage(m: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (m: HostReply | HostHello | HostPush | HostHidPush) => {
  if (parentPort) parentPort.postMessage(m);
  else process.send?.(m);
};

const handle = createHostOps({ push: send });

async function onRequest(raw: unknown): Promise<void> {
  const req = raw as HostRequest;
  if (!req || typeof req.id !== 'number' || typeof req.op !== 'string') return;
  try {
    const value = await handle(req.op, req.params as never);
    send({ id: req.id, ok: true, value });
  } catch (e) {
    send({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
}

if (parentPort) parentPort.on('message', (e) => void onRequest(e.data));
else {
  process.on('message', (m) => void onRequest(m));
  // The station is gone (or restarted us away): an orphaned driver host must not linger.
  process.on('disconnect', () => process.exit(0));
}
send({ hello: { pid: process.pid } });
