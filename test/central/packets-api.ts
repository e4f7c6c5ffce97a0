// Packet status and signed verdicts: what a station reads back about its own packets.
import { signVerdict, verifyStationRequest } from '../../src-main/packets/index';
import type { SignedVerdict } from '../../src-main/packets/index';
import { sendJson } from './http';
import type { ApiRoute, CentralContext } from './http';
import type { PacketRow } from './store';

/** A packet's status as the API shows it. */
export function publicPacket(p: PacketRow) {
  // Status only: the manifest (personal data) never leaves through this API.
  return {
    packetId: p.packetId,
    stationId: p.stationId,
    recordingId: p.recordingId,
    status: p.status,
    reason: p.reason,
    copies: p.copies,
    bytes: p.bytes,
    firstSeenAt: p.firstSeenAt,
    receivedAt: p.receivedAt,
  };
}

/** A verdict on a packet, signed now with the centre's verdict key. */
export function verdictNow(
  ctx: CentralContext,
  v: Omit<SignedVerdict, 'signature' | 'at'>,
): SignedVerdict {
  return signVerdict(
    {
      stationId: v.stationId,
      packetId: v.packetId,
      status: v.status,
      reason: v.reason,
      at: new Date().toISOString(),
    },
    ctx.verdictKeys.privateKeyPem,
  );
}

/** GET /api/packets and /api/packets/:id, signed by the asking station's key. */
export function packetsApi(ctx: CentralContext): ApiRoute {
  const { store } = ctx;
  return async (req, res, path) => {
    const packetMatch = /^\/api\/packets\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (req.method !== 'GET' || (!packetMatch && path !== '/api/packets')) return false;
    // A station asks only about its own packets, with a request signed by its key.
    const caller = verifyStationRequest(
      'GET',
      path,
      req.headers,
      (id) => store.station(id)?.publicKeyPem ?? null,
    );
    if (!caller) {
      return sendJson(res, 401, {
        error: 'station-auth',
        message:
          'Permintaan harus ditandatangani kunci stasiun. / The request must be signed by the station key.',
      });
    }
    if (!packetMatch) {
      return sendJson(res, 200, { packets: store.packets(caller).map(publicPacket) });
    }
    const p = store.packet(packetMatch[1]!);
    if (!p || p.stationId !== caller) {
      return sendJson(res, 404, { error: 'not-found', packetId: packetMatch[1] });
    }
    return sendJson(res, 200, { ...publicPacket(p), verdict: verdictNow(ctx, p) });
  };
}
