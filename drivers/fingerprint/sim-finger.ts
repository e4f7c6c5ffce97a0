// The simulated module's view of the finger: which finger is on the sensor and since when (or,
// in demo mode, fingers 1..10 in turn), its synthetic image (painted ahead in the background,
// then posed differently on every capture), the minutiae template Img2Tz makes of a capture,
// and the score the module's matcher gives two templates.
import {
  applyPose,
  captureMinutiae,
  decodeTemplate,
  encodeTemplate,
  matchMinutiae,
  randomPose,
} from './minutiae';
import type { Pose } from './minutiae';
import {
  fingerGeometry,
  mulberry32,
  syntheticFingerprint,
  syntheticFingerprintAsync,
} from './synthetic';
import type { ImageQuality } from './synthetic';

/** Lowest score Match, RegModel and Search accept as the same finger. */
export const MATCH_THRESHOLD = 50;

export interface FingerOnSensor {
  finger: number;
  quality: ImageQuality;
  presentAt: number;
}

/** What is in the module's image buffer. */
export interface SensorImage {
  finger: number;
  quality: ImageQuality;
  gray: Uint8Array;
  /** How the finger landed; null for an image sent down by the host (no finger behind it). */
  pose: Pose | null;
}

/** Demo mode: fingers 1..10 in turn, each lifted for `noFingerMs` after its image is out. */
export interface AutoFingers {
  quality: ImageQuality;
  noFingerMs: number;
}

export class FingerModel {
  private finger: FingerOnSensor | null = null;
  private autoIndex = 1;
  private captureCount = 0;
  private templateCount = 0;
  private readonly imageCache = new Map<string, Uint8Array>();
  /** Images being painted in the background for fingers on their way to the sensor. */
  private readonly painting = new Map<string, Promise<Uint8Array>>();
  private readonly geometry = new Map<number, ReturnType<typeof fingerGeometry>>();

  constructor(
    private readonly personSeed: number,
    private readonly autoFingers: AutoFingers | undefined,
  ) {
    if (autoFingers) {
      this.finger = { finger: 1, quality: autoFingers.quality, presentAt: Date.now() };
    }
  }

  /** The finger on the sensor now (null when none, or while it is still on its way). */
  get present(): FingerOnSensor | null {
    return this.finger && Date.now() >= this.finger.presentAt ? this.finger : null;
  }

  /** Puts `finger` (1..10) on the sensor; GenImg answers "no finger" until `afterMs` elapse. */
  place(finger: number, opts: { quality?: ImageQuality; afterMs?: number } = {}): void {
    this.finger = {
      finger,
      quality: opts.quality ?? 'clear',
      presentAt: Date.now() + (opts.afterMs ?? 0),
    };
    this.prepare(this.finger);
  }

  lift(): void {
    this.finger = null;
  }

  /** Demo mode: the finger lifts once its image is out (`sendMs`); the next lands after. */
  imageSent(sendMs: number): void {
    if (!this.autoFingers) return;
    this.autoIndex = (this.autoIndex % 10) + 1;
    this.finger = {
      finger: this.autoIndex,
      quality: this.autoFingers.quality,
      presentAt: Date.now() + sendMs + this.autoFingers.noFingerMs,
    };
  }

  /** One capture of `f`: its image as this landing placed it (position, rotation, noise). */
  async capture(f: FingerOnSensor): Promise<SensorImage> {
    const finger = await (this.painting.get(imageKey(f)) ?? this.imageFor(f));
    // Every capture lands a little differently: position, rotation, pressure, sensor noise.
    const rand = mulberry32(0xc0ffee + ++this.captureCount + this.personSeed * 7919);
    const pose = randomPose(rand);
    return { finger: f.finger, quality: f.quality, gray: applyPose(finger, pose, rand), pose };
  }

  /**
   * Img2Tz: the minutiae of the finger in the image buffer as this capture placed them (some
   * missed, a few spurious, by quality), or null for an image without a known finger.
   */
  template(img: SensorImage): Uint8Array | null {
    if (!img.pose || img.finger < 1) return null;
    let geo = this.geometry.get(img.finger);
    if (!geo) {
      geo = fingerGeometry(img.finger, this.personSeed);
      this.geometry.set(img.finger, geo);
    }
    const rand = mulberry32(0x7e3a + ++this.templateCount + this.personSeed * 104729);
    const touched = img.quality === 'partial' ? geo.touched : undefined;
    return encodeTemplate(captureMinutiae(geo.minutiae, img.pose, img.quality, rand, touched));
  }

  /** Starts painting the image of a finger about to be placed, without blocking the line. */
  private prepare(f: FingerOnSensor): void {
    const key = imageKey(f);
    if (this.imageCache.has(key) || this.painting.has(key)) return;
    const p = syntheticFingerprintAsync(f.finger, f.quality, this.personSeed).then((img) => {
      this.imageCache.set(key, img);
      this.painting.delete(key);
      return img;
    });
    this.painting.set(key, p);
  }

  private imageFor(f: FingerOnSensor): Uint8Array {
    const key = imageKey(f);
    let img = this.imageCache.get(key);
    if (!img) {
      img = syntheticFingerprint(f.finger, f.quality, this.personSeed);
      this.imageCache.set(key, img);
    }
    return img;
  }
}

const imageKey = (f: { finger: number; quality: ImageQuality }) => `${f.finger}:${f.quality}`;

/** Match score 0..300 like real modules: the two templates' minutiae, aligned and paired. */
export function templateScore(a: Uint8Array, b: Uint8Array): number {
  const ma = decodeTemplate(a);
  const mb = decodeTemplate(b);
  return ma && mb ? matchMinutiae(ma, mb) : 0;
}
