// Messages between the station (parent) and the driver host (child). Plain JSON: the IPC
// channel of child_process.fork and of Electron's utilityProcess both carry it.
import type { SystemParameters } from '../fingerprint/codec';
import type { RawDevice } from './matching';

export interface HostOps {
  ping: { params: Record<string, never>; result: { pid: number; uptimeMs: number } };
  enumerate: { params: Record<string, never>; result: { devices: RawDevice[]; errors: string[] } };
  /** Handshake + ReadSysPara on one port (all standard bauds unless one is given). */
  probe: {
    params: { path: string; baud?: number };
    result:
      | { answered: true; baud: number; params: SystemParameters }
      | { answered: false; error: string };
  };
}
export type HostOp = keyof HostOps;

export interface HostRequest {
  id: number;
  op: HostOp;
  params: unknown;
}

export type HostReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string };

/** Sent once by the child when it is ready for requests. */
export interface HostHello {
  hello: { pid: number };
}
