// The face detector's own thread: TensorFlow.js (WASM) runs here, never on the main event
// loop, so screens, devices and the sync runner keep answering while a photo is analysed.
import { parentPort } from 'node:worker_threads';
import { createHumanFaceDetector } from './face-detector';
import type { DetectRequest, DetectReply } from './face-worker-client';

const detector = createHumanFaceDetector();
const port = parentPort;
if (!port) throw new Error('face-worker must run as a worker thread');

port.on('message', (m: DetectRequest) => {
  detector.detect(new Uint8Array(m.rgb), m.width, m.height).then(
    (faces) => port.postMessage({ id: m.id, faces } satisfies DetectReply),
    (err: unknown) =>
      port.postMessage({
        id: m.id,
        error: err instanceof Error ? err.message : String(err),
      } satisfies DetectReply),
  );
});
