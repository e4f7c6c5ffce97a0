// Packet uploads over tus: checks at creation, verification and signed verdict at the end.
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import type { Upload } from '@tus/utils';
import type { PacketRejection } from '../../src-main/packets/index';
import type { createHandoverDesk } from './handovers';
import { isHandoverUpload } from './handovers';
import { ID_RE } from './http';
import type { CentralContext } from './http';
import { verdictNow } from './packets-api';
import { verifyPacketBytes } from './verify';

const STATUS_HEADER = 'Rekam-Packet-Status';
const REASON_HEADER = 'Rekam-Packet-Reason';

export interface Uploads {
  /** Hands a /files request to tus. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  /** Hands a PATCH to tus through a body stream that stops after `limit` bytes, then cuts the socket. */
  droppingPatch(req: http.IncomingMessage, res: http.ServerResponse, limit: number): Promise<void>;
  /** Resolves once `n` uploads in total have ended: verified, rejected, or refused at creation. */
  waitFor(n: number, timeoutMs: number): Promise<void>;
}

export function createUploads(
  ctx: CentralContext,
  opts: { uploadDir: string; handovers: ReturnType<typeof createHandoverDesk> },
): Uploads {
  const { store, keys, maxPacketBytes, log } = ctx;
  const { uploadDir, handovers } = opts;
  let finished = 0;
  const finishWaiters = new Set<() => void>();
  const noteFinished = () => {
    finished++;
    for (const w of finishWaiters) w();
  };

  function verify(upload: Upload): {
    status: 'received' | 'duplicate' | 'rejected';
    reason: PacketRejection | null;
    packetId: string | null;
  } {
    const metaPacketId = upload.metadata?.packetId ?? null;
    const metaStationId = upload.metadata?.stationId ?? null;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(uploadDir, upload.id));
    } catch {
      store.reject(upload.id, {
        packetId: metaPacketId,
        stationId: metaStationId,
        reason: 'truncated',
        bytes: 0,
      });
      return { status: 'rejected', reason: 'truncated', packetId: metaPacketId };
    }
    return verifyPacketBytes(bytes, {
      uploadId: upload.id,
      packetId: metaPacketId,
      stationId: metaStationId,
      store,
      centralPrivateKey: keys.privateKeyPem,
      maxPacketBytes,
    });
  }

  const tus = new TusServer({
    path: '/files',
    datastore: new FileStore({ directory: uploadDir }),
    // Hard stop for absurd sizes; the real limit is checked in onUploadCreate so it is recorded.
    maxSize: maxPacketBytes * 4,
    respectForwardedHeaders: false,
    // Location relative to the request: correct for http and https alike (the station refuses
    // an upload URL on another origin).
    relativeLocation: true,
    exposedHeaders: [STATUS_HEADER, REASON_HEADER],
    async onUploadCreate(_req, upload) {
      const packetId = upload.metadata?.packetId ?? '';
      const stationId = upload.metadata?.stationId ?? '';
      if (!ID_RE.test(packetId) || !ID_RE.test(stationId)) {
        throw { status_code: 400, body: 'Upload-Metadata must carry packetId and stationId\n' };
      }
      if (upload.size === undefined) {
        throw { status_code: 400, body: 'Upload-Length is required (no deferred length)\n' };
      }
      if (upload.size > maxPacketBytes) {
        store.reject(upload.id, { packetId, stationId, reason: 'too-large', bytes: upload.size });
        log(`upload refused: ${upload.size} bytes > ${maxPacketBytes} (packet ${packetId})`);
        noteFinished();
        throw {
          status_code: 413,
          body: JSON.stringify({ packetId, status: 'rejected', reason: 'too-large' }),
        };
      }
      if (!store.station(stationId)) {
        // Refused before a byte is sent: an unregistered station would upload in vain.
        store.reject(upload.id, { packetId, stationId, reason: 'unknown-station', bytes: 0 });
        log(`upload refused: station ${stationId} not registered (packet ${packetId})`);
        noteFinished();
        throw {
          status_code: 403,
          body: JSON.stringify({ packetId, status: 'rejected', reason: 'unknown-station' }),
        };
      }
      return {};
    },
    async onUploadFinish(_req, upload) {
      if (isHandoverUpload(upload)) return handovers.finish(upload);
      const r = verify(upload);
      log(
        `upload ${upload.id}: packet ${r.packetId ?? '?'} ${r.status}${r.reason ? ` (${r.reason})` : ''}`,
      );
      noteFinished();
      // 200 even for a rejection: the transfer itself succeeded and must not be retried; the
      // verdict travels in the header and body, signed as /api/packets/:id signs it (so the
      // station needs no extra round trip), and stays readable there.
      const stationId = upload.metadata?.stationId ?? null;
      const verdict =
        r.packetId && stationId && ID_RE.test(r.packetId) && ID_RE.test(stationId)
          ? verdictNow(ctx, {
              stationId,
              packetId: r.packetId,
              status: r.status,
              reason: r.reason,
            })
          : null;
      return {
        status_code: 200,
        headers: {
          [STATUS_HEADER]: r.status,
          ...(r.reason ? { [REASON_HEADER]: r.reason } : {}),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          packetId: r.packetId,
          status: r.status,
          reason: r.reason,
          ...(verdict ? { verdict } : {}),
        }),
      };
    },
  });

  async function droppingPatch(req: http.IncomingMessage, res: http.ServerResponse, limit: number) {
    let seen = 0;
    let cut = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (cut) return;
          const room = limit - seen;
          seen += chunk.length;
          if (chunk.length < room) {
            controller.enqueue(chunk);
            return;
          }
          cut = true;
          if (room > 0) controller.enqueue(chunk.subarray(0, room));
          controller.close();
        });
        req.on('end', () => {
          if (!cut) controller.close();
        });
        req.on('error', (e) => controller.error(e));
      },
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string') headers.set(k, v);
    }
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      method: 'PATCH',
      headers,
      body,
      duplex: 'half',
    } as RequestInit);
    await tus.handleWeb(request);
    log(`fault: connection cut after ${Math.min(seen, limit)} bytes`);
    res.socket?.destroy();
  }

  return {
    handle: (req, res) => tus.handle(req, res),
    droppingPatch,
    waitFor(n, timeoutMs) {
      if (finished >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          finishWaiters.delete(check);
          reject(new Error(`central: ${finished} of ${n} uploads finished after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (finished < n) return;
          clearTimeout(timer);
          finishWaiters.delete(check);
          resolve();
        };
        finishWaiters.add(check);
      });
    },
  };
}
