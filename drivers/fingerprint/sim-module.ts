// The simulated module's state, as its flash and RAM hold it: address, password, line and
// packet settings, the image buffer, the two char buffers and the template library; and what a
// command handler gets to act on it (the state, the finger, the reply line).
import { DEFAULT_ADDRESS } from './codec';
import type { PacketSize } from './codec';
import type { AutoFingers, FingerModel, SensorImage } from './sim-finger';
import { mulberry32 } from './synthetic';
import type { ByteTransport } from '../transport/byte-transport';

export interface SimulatorOptions {
  address?: number;
  password?: number;
  baud?: number;
  packetSize?: PacketSize;
  securityLevel?: number;
  capacity?: number;
  systemId?: number;
  /** Distinguishes "residents": the same finger of two seeds gives different ridges. */
  personSeed?: number;
  /** Pace output at baud/10 bytes per second (default true). */
  pace?: boolean;
  /** Multiplies the paced rate; tests use it to keep realistic code paths but finish faster. */
  paceSpeedup?: number;
  /** How often the pacer releases a chunk (ms). */
  paceIntervalMs?: number;
  /** Time the module spends on GenImg with a finger present (real ones: 100–500 ms). */
  captureMs?: number;
  /**
   * Demo mode for the CLI: fingers 1..10 are presented in turn; after each image upload the
   * finger is lifted for `noFingerMs` before the next one lands.
   */
  autoFingers?: AutoFingers;
  /**
   * Reopens the module's side of the line at a new rate after SetSysPara register 4 (a pty
   * end is reopened like a real port would be reprogrammed). Without it only the pacing
   * follows the new rate (in-memory pairs have no rate).
   */
  openAt?: (baud: number) => Promise<ByteTransport>;
  /** The highest N (× 9600) register 4 accepts; real R30x / AS608 modules take 12. */
  maxBaudMultiplier?: number;
  /** Acks register 4 but keeps its rate (seen on clones): the host must fall back. */
  ignoresBaudChange?: boolean;
}

/** The data packets of a DownImage go to the image buffer, not a char buffer. */
export const DOWN_IMAGE_BUFFER = 0;

export interface ModuleState {
  address: number;
  password: number;
  verified: boolean;
  baud: number;
  packetSize: PacketSize;
  securityLevel: number;
  readonly capacity: number;
  readonly systemId: number;
  readonly captureMs: number;
  readonly maxBaudMultiplier: number;
  readonly ignoresBaudChange: boolean;
  /** What the last GenImg or DownImage left in the image buffer. */
  image: SensorImage | null;
  readonly charBuffers: Map<number, Uint8Array>;
  /** The template library in flash: page → template. */
  readonly library: Map<number, Uint8Array>;
  /** A DownChar / DownImage in progress: data packets from the host go into this buffer. */
  download: { buffer: number; chunks: Uint8Array[]; received: number } | null;
  readonly random: () => number;
}

export function createModuleState(opts: SimulatorOptions): ModuleState {
  const personSeed = opts.personSeed ?? 1;
  return {
    address: opts.address ?? DEFAULT_ADDRESS,
    password: opts.password ?? 0,
    verified: false,
    baud: opts.baud ?? 57600,
    packetSize: opts.packetSize ?? 128,
    securityLevel: opts.securityLevel ?? 3,
    capacity: opts.capacity ?? 300,
    systemId: opts.systemId ?? 0,
    captureMs: opts.captureMs ?? 0,
    maxBaudMultiplier: opts.maxBaudMultiplier ?? 12,
    ignoresBaudChange: opts.ignoresBaudChange ?? false,
    image: null,
    charBuffers: new Map(),
    library: new Map(),
    download: null,
    random: mulberry32(0x5eed ^ personSeed),
  };
}

/** What a command handler acts on and answers through. */
export interface SimContext {
  readonly m: ModuleState;
  readonly fingers: FingerModel;
  /** Queues the ack packet, from the module's address now. */
  ack(confirmation: number, data?: ArrayLike<number>): void;
  /** Queues a data packet. */
  reply(packet: Uint8Array): void;
  emit(event: string, ...args: unknown[]): boolean;
  /** How long `bytes` take on the wire at the module's rate. */
  sendMs(bytes: number): number;
  /** Moves the line to `m.baud` once the queued replies have left at the old rate. */
  switchLine(): Promise<void>;
  readonly stats: { imagesSent: number };
}

/** One command's handler: `params` is the payload after the command code. */
export type CommandHandler = (ctx: SimContext, params: Uint8Array) => void | Promise<void>;
export type CommandTable = Readonly<Record<number, CommandHandler>>;
