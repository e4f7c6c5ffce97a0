// Finding the office hub on the LAN (mDNS / DNS-SD, `_rekam-hub._tcp`): the hub advertises its
// name, port and key fingerprint; a desk's technician lists what answers and picks one, which
// fills in the address. Discovery only saves typing: pairing still needs the code shown on the
// hub, and the desk refuses a hub whose key is not the fingerprint that was picked.
import { isIP } from 'node:net';
import { Bonjour } from 'bonjour-service';
import type { Service } from 'bonjour-service';
import type { DiscoveredHub } from '../../api/contract-office';

export const MDNS_TYPE = 'rekam-hub';

export interface HubAdvert {
  stationId: string;
  stop(): Promise<void>;
}

/** Whether a hub listening on `host` can be advertised (not when only this machine reaches it). */
export const advertisable = (host: string) =>
  !['127.0.0.1', '::1', 'localhost'].includes(host) && !host.startsWith('127.');

/** Advertises the hub until stopped; failures (no multicast on this LAN) are only logged. */
export function advertiseHub(o: {
  name: string;
  stationId: string;
  fingerprint: string;
  port: number;
  /** The one address the hub listens on, when it is not all of them. */
  host: string | null;
  onError: (message: string) => void;
}): HubAdvert {
  const bonjour = new Bonjour({}, (err: Error) => o.onError(err.message));
  bonjour.publish({
    // Unique on the LAN: two offices' hubs may share a station name.
    name: `Rekam ${o.name} ${o.stationId.slice(-6)}`.slice(0, 63),
    type: MDNS_TYPE,
    port: o.port,
    txt: { id: o.stationId, fp: o.fingerprint, ...(o.host ? { addr: o.host } : {}) },
  });
  return {
    stationId: o.stationId,
    stop: () =>
      new Promise<void>((resolve) => {
        bonjour.unpublishAll(() => {
          bonjour.destroy();
          resolve();
        });
      }),
  };
}

const txtText = (v: unknown) =>
  typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString() : '';

/** The hub as a desk sees it: its addresses as https URLs, IPv4 first. */
export function hubFromService(s: Service): DiscoveredHub | null {
  const txt = (s.txt ?? {}) as Record<string, unknown>;
  const stationId = txtText(txt.id);
  const fingerprint = txtText(txt.fp);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(stationId) || !/^[0-9A-F ]{8,64}$/.test(fingerprint)) {
    return null;
  }
  if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535) return null;
  const hinted = txtText(txt.addr);
  const addresses = isIP(hinted) ? [hinted] : (s.addresses ?? []).filter((a) => isIP(a) !== 0);
  const ordered = [
    ...addresses.filter((a) => isIP(a) === 4),
    ...addresses.filter((a) => isIP(a) === 6 && !a.toLowerCase().startsWith('fe80')),
  ];
  if (ordered.length === 0) return null;
  return {
    name: s.name.slice(0, 80),
    stationId,
    fingerprint,
    urls: ordered.map((a) => `https://${isIP(a) === 6 ? `[${a}]` : a}:${s.port}`),
  };
}

/** Listens for hubs for `waitMs`; each hub once (by station id). */
export function discoverHubs(o: {
  waitMs: number;
  onError: (message: string) => void;
}): Promise<DiscoveredHub[]> {
  return new Promise((resolve) => {
    const found = new Map<string, DiscoveredHub>();
    const bonjour = new Bonjour({}, (err: Error) => o.onError(err.message));
    const browser = bonjour.find({ type: MDNS_TYPE }, (s: Service) => {
      const hub = hubFromService(s);
      if (hub && !found.has(hub.stationId)) found.set(hub.stationId, hub);
    });
    setTimeout(() => {
      browser.stop();
      bonjour.destroy();
      resolve([...found.values()].sort((a, b) => a.name.localeCompare(b.name)));
    }, o.waitMs).unref();
  });
}
