// The centre operator's endpoints (loopback and admin secret): tokens, print-ready, uploads.
import { ID_RE, isLoopback, readJson, sendJson } from './http';
import type { ApiRoute, CentralContext } from './http';
import { publicPacket } from './packets-api';

export function adminApi(ctx: CentralContext): ApiRoute {
  const { store } = ctx;
  return async (req, res, path) => {
    if (!path.startsWith('/api/admin/')) return false;
    if (!isLoopback(req.socket.remoteAddress) || !ctx.operatorAllowed(req)) {
      return sendJson(res, 403, { error: 'forbidden' });
    }
    if (req.method === 'POST' && path === '/api/admin/tokens') {
      let body: { stationId?: unknown; rekey?: unknown; ttlHours?: unknown };
      try {
        body = (await readJson(req)) as typeof body;
      } catch {
        return sendJson(res, 400, { error: 'bad-request' });
      }
      if (typeof body.stationId !== 'string' || !ID_RE.test(body.stationId)) {
        return sendJson(res, 400, {
          error: 'bad-request',
          message: 'stationId wajib: token selalu untuk satu stasiun. / stationId is required.',
        });
      }
      const ttlHours = typeof body.ttlHours === 'number' && body.ttlHours > 0 ? body.ttlHours : 72;
      const token = store.issueToken(body.stationId, {
        rekey: body.rekey === true,
        ttlMs: Math.min(ttlHours, 24 * 30) * 3600_000,
      });
      return sendJson(res, 200, { token, stationId: body.stationId });
    }
    const m = /^\/api\/admin\/packets\/([A-Za-z0-9_-]{1,64})\/print-ready$/.exec(path);
    if (req.method === 'POST' && m) {
      if (!store.setPrintReady(m[1]!)) return sendJson(res, 409, { error: 'not-received' });
      return sendJson(res, 200, publicPacket(store.packet(m[1]!)!));
    }
    if (req.method === 'GET' && path === '/api/admin/uploads') {
      return sendJson(res, 200, { uploads: store.uploads() });
    }
    return sendJson(res, 404, { error: 'not-found' });
  };
}
