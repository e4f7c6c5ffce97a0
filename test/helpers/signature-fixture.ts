import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PenPoint } from '../../src-main/api/contract';
import { putSignature } from '../../src-main/store/signatures-repo';

/** A plausible 1.4 s, three-stroke signature: ~280 points at 200 reports/s. */
export function signaturePoints(): PenPoint[] {
  const pts: PenPoint[] = [];
  for (let i = 0; i < 280; i++) {
    const t = i * 5;
    const stroke = Math.floor(i / 95);
    pts.push({
      x: 10 + i * 0.3,
      y: 30 + Math.sin(i / 9) * 8 + stroke,
      p: i % 95 === 94 ? 0 : 0.4 + 0.3 * Math.sin(i / 20) ** 2,
      t,
    });
  }
  return pts;
}

export function insertSignatureFixture(
  db: Database,
  recordingId: string,
  userId: string,
  png: Buffer,
  at: string,
): void {
  const points = signaturePoints();
  putSignature(db, {
    recordingId,
    image: png,
    points,
    pointCount: points.length,
    strokeCount: 3,
    durationMs: points[points.length - 1]!.t,
    exceptionReason: null,
    device: { model: 'STU-540 (simulasi)', simulated: true, vendorId: 0x056a, productId: 0xa8 },
    acceptedAt: at,
    acceptedBy: userId,
  });
}
