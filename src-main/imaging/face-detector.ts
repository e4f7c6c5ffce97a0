import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Point {
  x: number;
  y: number;
}

/** One face in the pixel space of the image handed to `detect`. */
export interface DetectedFace {
  score: number;
  box: { left: number; top: number; width: number; height: number };
  /** The resident's right and left eye centres (image left and right for a frontal face). */
  rightEye: Point;
  leftEye: Point;
  chin: Point;
  /** Head roll in degrees, positive clockwise in the image. */
  roll: number;
}

export interface FaceDetector {
  readonly name: string;
  /** Packed RGB, width × height × 3. */
  detect(rgb: Uint8Array, width: number, height: number): Promise<DetectedFace[]>;
}

/*
 * Human (@vladmandic/human) with TensorFlow.js on its WebAssembly backend: BlazeFace finds
 * faces, FaceMesh gives the landmarks we need (eyes, chin). Everything loads from files inside
 * node_modules — no network at run time. Loaded on first use only, so start-up never waits.
 */

// Mesh landmark indices (MediaPipe FaceMesh topology).
const MESH = {
  rightEyeOuter: 33,
  rightEyeInner: 133,
  leftEyeInner: 362,
  leftEyeOuter: 263,
  chin: 152,
};

interface HumanFace {
  score: number;
  box: [number, number, number, number];
  mesh: [number, number, number][];
}
interface HumanLike {
  load(): Promise<void>;
  warmup(): Promise<unknown>;
  detect(input: unknown): Promise<{ face: HumanFace[] }>;
  tf: {
    tensor4d(
      data: Int32Array,
      shape: [number, number, number, number],
      dtype: 'int32',
    ): {
      dispose(): void;
    };
    io: {
      registerLoadRouter(router: (url: string | string[]) => unknown): void;
      getModelArtifactsForJSON(
        json: unknown,
        loadWeights: (manifest: { paths: string[] }[]) => Promise<[unknown, ArrayBuffer]>,
      ): Promise<unknown>;
    };
  };
}

const require = createRequire(import.meta.url);

/** Where Human and the WASM kernels live on disk (resolved, so packaging can move them). */
export function humanPaths(): { humanDist: string; models: string; wasmDir: string } {
  // The package's "exports" map cannot be used for its node-wasm build, so resolve the node
  // entry and take its folder.
  const humanDist = dirname(require.resolve('@vladmandic/human'));
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  return { humanDist, models: join(humanDist, '..', 'models'), wasmDir };
}

/** Model files are read with fs: Node's fetch has no file:// support. */
function fileRouter(human: HumanLike) {
  return (url: string | string[]) => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    const path = fileURLToPath(url);
    return {
      load: async () => {
        const json = JSON.parse(await readFile(path, 'utf8')) as unknown;
        return human.tf.io.getModelArtifactsForJSON(json, async (manifest) => {
          const specs = manifest.flatMap((g) => (g as { weights?: unknown[] }).weights ?? []);
          const bufs = await Promise.all(
            manifest.flatMap((g) => g.paths).map((p) => readFile(join(dirname(path), p))),
          );
          const all = Buffer.concat(bufs);
          return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)];
        });
      },
    };
  };
}

export function createHumanFaceDetector(): FaceDetector {
  let ready: Promise<HumanLike> | null = null;

  async function load(): Promise<HumanLike> {
    const paths = humanPaths();
    const mod = require(join(paths.humanDist, 'human.node-wasm.js')) as {
      Human: new (config: unknown) => HumanLike;
    };
    const human = new mod.Human({
      backend: 'wasm',
      wasmPath: pathToFileURL(paths.wasmDir).href + '/',
      modelBasePath: pathToFileURL(paths.models).href + '/',
      debug: false,
      async: true,
      warmup: 'none',
      cacheSensitivity: 0,
      face: {
        enabled: true,
        detector: { rotation: true, maxDetected: 3, minConfidence: 0.5, return: false },
        mesh: { enabled: true },
        iris: { enabled: false },
        description: { enabled: false },
        emotion: { enabled: false },
        antispoof: { enabled: false },
        liveness: { enabled: false },
        attention: { enabled: false },
      },
      body: { enabled: false },
      hand: { enabled: false },
      object: { enabled: false },
      gesture: { enabled: false },
      segmentation: { enabled: false },
      filter: { enabled: false },
    });
    human.tf.io.registerLoadRouter(fileRouter(human));
    await human.load();
    return human;
  }

  return {
    name: 'human-blazeface-facemesh-wasm',
    async detect(rgb, width, height) {
      ready ??= load().catch((e: unknown) => {
        ready = null; // allow a later retry instead of caching the failure forever
        throw e;
      });
      const human = await ready;
      const tensor = human.tf.tensor4d(Int32Array.from(rgb), [1, height, width, 3], 'int32');
      try {
        const res = await human.detect(tensor);
        return res.face.flatMap((f) => toFace(f));
      } finally {
        tensor.dispose();
      }
    },
  };
}

function toFace(f: HumanFace): DetectedFace[] {
  const p = (i: number): Point | null => {
    const m = f.mesh[i];
    return m ? { x: m[0], y: m[1] } : null;
  };
  const ro = p(MESH.rightEyeOuter);
  const ri = p(MESH.rightEyeInner);
  const li = p(MESH.leftEyeInner);
  const lo = p(MESH.leftEyeOuter);
  const chin = p(MESH.chin);
  if (!ro || !ri || !li || !lo || !chin) return [];
  const rightEye = { x: (ro.x + ri.x) / 2, y: (ro.y + ri.y) / 2 };
  const leftEye = { x: (lo.x + li.x) / 2, y: (lo.y + li.y) / 2 };
  // The resident's right eye is on the image's left: the angle of the line right → left eye.
  const roll = (Math.atan2(leftEye.y - rightEye.y, leftEye.x - rightEye.x) * 180) / Math.PI;
  const [left, top, width, height] = f.box;
  return [{ score: f.score, box: { left, top, width, height }, rightEye, leftEye, chin, roll }];
}
