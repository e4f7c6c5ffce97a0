// One verify path for every way a packet reaches the centre (tus upload, offline bundle): open
// and check the packet, make sure the ids the carrier announced agree with the signed ones, and
// record it exactly once.
import { PacketError, openPacket, readPacketHeader } from '../../src-main/packets/index';
import type { PacketRejection } from '../../src-main/packets/index';
import type { CentralStore } from './store';

export interface VerifyInput {
  uploadId: string;
  /** What the carrier (tus metadata, bundle manifest) says the packet is. */
  packetId: string | null;
  stationId: string | null;
  store: CentralStore;
  centralPrivateKey: string;
  maxPacketBytes: number;
}

export interface VerifyOutcome {
  status: 'received' | 'duplicate' | 'rejected';
  reason: PacketRejection | null;
  packetId: string | null;
}

export function verifyPacketBytes(bytes: Buffer, v: VerifyInput): VerifyOutcome {
  let headerIds: { packetId: string; stationId: string } | null = null;
  try {
    const h = readPacketHeader(bytes);
    headerIds = { packetId: h.packetId, stationId: h.stationId };
  } catch {
    // Unreadable header: the rejection is filed under the id the carrier announced.
  }
  try {
    const { manifest } = openPacket(
      bytes,
      {
        centralPrivateKey: v.centralPrivateKey,
        stationPublicKey: (id) => v.store.station(id)?.publicKeyPem ?? null,
      },
      { maxBytes: v.maxPacketBytes },
    );
    // The carrier's ids are not signed; they must agree with what is.
    if (manifest.packetId !== v.packetId || manifest.stationId !== v.stationId) {
      throw new PacketError('id-mismatch', 'carrier metadata');
    }
    const status = v.store.accept(v.uploadId, {
      packetId: manifest.packetId,
      stationId: manifest.stationId,
      recordingId: manifest.recordingId,
      blob: bytes,
    });
    return { status, reason: null, packetId: manifest.packetId };
  } catch (e) {
    if (!(e instanceof PacketError)) throw e;
    const packetId = v.packetId ?? headerIds?.packetId ?? null;
    v.store.reject(v.uploadId, {
      packetId,
      stationId: v.stationId ?? headerIds?.stationId ?? null,
      reason: e.reason,
      bytes: bytes.length,
    });
    return { status: 'rejected', reason: e.reason, packetId };
  }
}
