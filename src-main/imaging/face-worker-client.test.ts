import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { makeFrame } from '../../test/helpers/photo-fixtures';
import { createWorkerFaceDetector } from './face-worker-client';

const detector = createWorkerFaceDetector();
afterAll(() => detector.close());

describe('face detector in a worker thread', () => {
  it('finds the face of a good frame on its own thread, not on main', async () => {
    const frame = await makeFrame('good');
    const small = await sharp(frame.rgb, {
      raw: { width: frame.width, height: frame.height, channels: 3 },
    })
      .resize(640)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const faces = await detector.detect(small.data, small.info.width, small.info.height);
    expect(faces).toHaveLength(1);
    expect(faces[0]!.score).toBeGreaterThan(0.5);
    const worker = detector.threadId();
    expect(worker).not.toBeNull();
    expect(worker).not.toBe(threadId);
    // The caller's buffer is copied, not taken: it is still whole after the call.
    expect(small.data.length).toBe(small.info.width * small.info.height * 3);
  }, 120_000);

  it('reports a failure in the thread as a rejected detect, and starts again after close', async () => {
    await expect(detector.detect(new Uint8Array(12), 4, 4)).rejects.toThrow();
    await detector.close();
    expect(detector.threadId()).toBeNull();
    const faces = await detector.detect(new Uint8Array(64 * 64 * 3), 64, 64);
    expect(faces).toEqual([]);
  }, 120_000);
});
