// A FaceDetector whose work happens in a worker thread (face-worker.ts): main only copies the
// small detection image across and waits. The thread starts on first use, as the model load
// did before, and is restarted after a crash.
import { Worker } from 'node:worker_threads';
import type { DetectedFace, FaceDetector } from './face-detector';

export interface DetectRequest {
  id: number;
  rgb: ArrayBuffer;
  width: number;
  height: number;
}

export type DetectReply = { id: number; faces: DetectedFace[] } | { id: number; error: string };

export interface WorkerFaceDetector extends FaceDetector {
  /** Ends the thread (the station closing); a later detect starts a new one. */
  close(): Promise<void>;
  /** The thread's id while running (for tests: never the main thread). */
  threadId(): number | null;
}

/**
 * The worker's entry: next to this module. Built (out/main/face-worker.js) it is plain
 * JavaScript; from source (tests, tsx) the thread registers tsx before importing it.
 */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = JSON.stringify(new URL('./face-worker.ts', here).href);
    return new Worker(
      `import('tsx/esm/api').then((m) => { m.register(); return import(${entry}); })`,
      { eval: true },
    );
  }
  return new Worker(new URL('./face-worker.js', here));
}

export function createWorkerFaceDetector(): WorkerFaceDetector {
  let worker: Worker | null = null;
  let next = 1;
  const pending = new Map<number, { resolve(f: DetectedFace[]): void; reject(e: Error): void }>();

  function failAll(err: Error) {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  }

  function ensure(): Worker {
    if (worker) return worker;
    const w = spawnWorker();
    w.on('message', (m: DetectReply) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve(m.faces);
      if (pending.size === 0) w.unref();
    });
    w.on('error', (err) => {
      worker = null;
      failAll(err);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`face detector thread ended (${code})`));
    });
    worker = w;
    return w;
  }

  return {
    name: 'human-blazeface-facemesh-wasm (worker thread)',
    detect(rgb, width, height) {
      const w = ensure();
      const id = next++;
      // A copy the thread owns: the caller's buffer stays usable.
      const copy = new Uint8Array(rgb).buffer;
      return new Promise<DetectedFace[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref(); // keep the process alive while an answer is owed
        w.postMessage({ id, rgb: copy, width, height } satisfies DetectRequest, [copy]);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
    threadId: () => worker?.threadId ?? null,
  };
}
