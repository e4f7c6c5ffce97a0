// Byte-exact codec for the ZFM / R30x / AS608 UART protocol. Pure: Uint8Array in, Uint8Array out,
// so it runs unchanged in the driver, the simulator, tests and (if ever needed) a browser.
//
// Packet: EF 01 | address u32 BE | PID u8 | LEN u16 BE | payload | SUM u16 BE
// LEN = payload + 2; SUM = low 16 bits of PID + LEN hi + LEN lo + every payload byte.
import { readU16, readU32, u16, u32, writeU16, writeU32 } from './bytes';
import { FingerprintError, errorForConfirmation } from './errors';

export {
  concatBytes,
  fromHex,
  readU16,
  readU32,
  toHex,
  u16,
  u32,
  writeU16,
  writeU32,
} from './bytes';

export const HEADER_0 = 0xef;
export const HEADER_1 = 0x01;
export const DEFAULT_ADDRESS = 0xffffffff;
/** Header (2) + address (4) + PID (1) + LEN (2). */
export const PREFIX_LENGTH = 9;
/** Largest payload the family uses: a 256-byte data packet. Anything larger is noise. */
export const MAX_PAYLOAD = 256;
export const MAX_PACKET_LENGTH = PREFIX_LENGTH + MAX_PAYLOAD + 2;

export const PID = {
  COMMAND: 0x01,
  DATA: 0x02,
  ACK: 0x07,
  END_DATA: 0x08,
} as const;
export type PacketId = (typeof PID)[keyof typeof PID];
const VALID_PIDS: ReadonlySet<number> = new Set(Object.values(PID));

export const CMD = {
  GEN_IMG: 0x01,
  IMG2TZ: 0x02,
  MATCH: 0x03,
  SEARCH: 0x04,
  REG_MODEL: 0x05,
  STORE: 0x06,
  LOAD_CHAR: 0x07,
  UP_CHAR: 0x08,
  DOWN_CHAR: 0x09,
  UP_IMAGE: 0x0a,
  DOWN_IMAGE: 0x0b,
  DELET_CHAR: 0x0c,
  EMPTY: 0x0d,
  SET_SYS_PARA: 0x0e,
  READ_SYS_PARA: 0x0f,
  SET_PWD: 0x12,
  VFY_PWD: 0x13,
  GET_RANDOM_CODE: 0x14,
  SET_ADDER: 0x15,
  HIGH_SPEED_SEARCH: 0x1b,
  TEMPLATE_NUM: 0x1d,
  READ_INDEX_TABLE: 0x1f,
  AURA_LED: 0x35,
} as const;

export const COMMAND_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(CMD).map(([name, code]) => [code, name]),
);

/** SetSysPara register numbers. */
export const REG = { BAUD: 4, SECURITY: 5, PACKET_SIZE: 6 } as const;

/** Templates per ReadIndexTable page: a 32-byte bitmap, one bit per library page. */
export const INDEX_PAGE_TEMPLATES = 256;
export const INDEX_TABLE_BYTES = INDEX_PAGE_TEMPLATES / 8;

export const IMAGE_WIDTH = 256;
export const IMAGE_HEIGHT = 288;
export const IMAGE_PIXELS = IMAGE_WIDTH * IMAGE_HEIGHT;
/** Two 4-bit pixels per byte. */
export const IMAGE_BYTES = IMAGE_PIXELS / 2;
export const TEMPLATE_BYTES = 512;
export const PACKET_SIZES = [32, 64, 128, 256] as const;
export type PacketSize = (typeof PACKET_SIZES)[number];

export interface Packet {
  address: number;
  pid: number;
  payload: Uint8Array;
}

export function checksum(pid: number, payload: Uint8Array): number {
  const len = payload.length + 2;
  let sum = pid + (len >> 8) + (len & 0xff);
  for (const b of payload) sum += b;
  return sum & 0xffff;
}

export function encodePacket(
  pid: number,
  payload: Uint8Array,
  address: number = DEFAULT_ADDRESS,
): Uint8Array {
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`payload too long: ${payload.length}`);
  const len = payload.length + 2;
  const out = new Uint8Array(PREFIX_LENGTH + len);
  out[0] = HEADER_0;
  out[1] = HEADER_1;
  writeU32(out, 2, address);
  out[6] = pid;
  out[7] = len >> 8;
  out[8] = len & 0xff;
  out.set(payload, PREFIX_LENGTH);
  const sum = checksum(pid, payload);
  out[out.length - 2] = sum >> 8;
  out[out.length - 1] = sum & 0xff;
  return out;
}

/** Decodes exactly one packet; throws FingerprintError('MALFORMED_PACKET' | 'CORRUPT_FRAME'). */
export function decodePacket(bytes: Uint8Array): Packet {
  if (bytes.length < PREFIX_LENGTH + 2 || bytes[0] !== HEADER_0 || bytes[1] !== HEADER_1) {
    throw new FingerprintError('MALFORMED_PACKET', { detail: 'bad header or too short' });
  }
  const len = readU16(bytes, 7);
  if (len < 2 || bytes.length !== PREFIX_LENGTH + len) {
    throw new FingerprintError('MALFORMED_PACKET', { detail: 'length mismatch' });
  }
  const pid = bytes[6]!;
  const payload = bytes.slice(PREFIX_LENGTH, PREFIX_LENGTH + len - 2);
  if (readU16(bytes, bytes.length - 2) !== checksum(pid, payload)) {
    throw new FingerprintError('CORRUPT_FRAME', { detail: 'bad checksum' });
  }
  return { address: readU32(bytes, 2), pid, payload };
}

export function isValidPid(pid: number): boolean {
  return VALID_PIDS.has(pid);
}

// ---------------------------------------------------------------------------------------------
// Command builders: each returns the full packet bytes the host sends.

export function command(code: number, params: ArrayLike<number> = [], address?: number) {
  const payload = new Uint8Array(1 + params.length);
  payload[0] = code;
  payload.set(params, 1);
  return encodePacket(PID.COMMAND, payload, address);
}

export const buildVfyPwd = (password = 0, address?: number) =>
  command(CMD.VFY_PWD, u32(password), address);
export const buildReadSysPara = (address?: number) => command(CMD.READ_SYS_PARA, [], address);
export const buildSetSysPara = (register: number, value: number, address?: number) =>
  command(CMD.SET_SYS_PARA, [register & 0xff, value & 0xff], address);
export const buildGenImg = (address?: number) => command(CMD.GEN_IMG, [], address);
export const buildUpImage = (address?: number) => command(CMD.UP_IMAGE, [], address);
export const buildImg2Tz = (buffer: 1 | 2, address?: number) =>
  command(CMD.IMG2TZ, [buffer], address);
export const buildMatch = (address?: number) => command(CMD.MATCH, [], address);
export const buildRegModel = (address?: number) => command(CMD.REG_MODEL, [], address);
export const buildUpChar = (buffer: 1 | 2, address?: number) =>
  command(CMD.UP_CHAR, [buffer], address);
export const buildTemplateNum = (address?: number) => command(CMD.TEMPLATE_NUM, [], address);
/** DownChar: the module acks, then the host sends the 512-byte template as data packets. */
export const buildDownChar = (buffer: 1 | 2, address?: number) =>
  command(CMD.DOWN_CHAR, [buffer], address);

// The template library in the module's flash: pages 0 .. capacity-1.
export const buildStore = (buffer: 1 | 2, page: number, address?: number) =>
  command(CMD.STORE, [buffer, ...u16(page)], address);
export const buildLoadChar = (buffer: 1 | 2, page: number, address?: number) =>
  command(CMD.LOAD_CHAR, [buffer, ...u16(page)], address);
/** Search / HighSpeedSearch: the template in `buffer` against pages start .. start+count-1. */
export const buildSearch = (buffer: 1 | 2, start: number, count: number, address?: number) =>
  command(CMD.SEARCH, [buffer, ...u16(start), ...u16(count)], address);
export const buildHighSpeedSearch = (
  buffer: 1 | 2,
  start: number,
  count: number,
  address?: number,
) => command(CMD.HIGH_SPEED_SEARCH, [buffer, ...u16(start), ...u16(count)], address);
export const buildDeletChar = (page: number, count: number, address?: number) =>
  command(CMD.DELET_CHAR, [...u16(page), ...u16(count)], address);
export const buildEmpty = (address?: number) => command(CMD.EMPTY, [], address);
/** ReadIndexTable (ReadConList): which pages of index page `indexPage` (256 each) hold a template. */
export const buildReadIndexTable = (indexPage: number, address?: number) =>
  command(CMD.READ_INDEX_TABLE, [indexPage & 0xff], address);
export const buildGetRandomCode = (address?: number) => command(CMD.GET_RANDOM_CODE, [], address);
/** SetAdder: sent to the current address; the ack already comes from `newAddress`. */
export const buildSetAdder = (newAddress: number, address?: number) =>
  command(CMD.SET_ADDER, u32(newAddress), address);
export const buildSetPwd = (password: number, address?: number) =>
  command(CMD.SET_PWD, u32(password), address);
/** DownImage: the module acks, then the host sends the 4-bit image as data packets. */
export const buildDownImage = (address?: number) => command(CMD.DOWN_IMAGE, [], address);

export interface AuraLedOptions {
  /** 1 breathing, 2 flashing, 3 always on, 4 always off, 5 gradually on, 6 gradually off. */
  control: number;
  speed: number;
  /** 1 red, 2 blue, 3 purple (R503). */
  colour: number;
  /** Flash count, 0 = forever. */
  count: number;
}
export const buildAuraLed = (o: AuraLedOptions, address?: number) =>
  command(CMD.AURA_LED, [o.control, o.speed, o.colour, o.count], address);

/** Packet size in bytes → the SetSysPara register-6 code (0..3). */
export function packetSizeCode(size: PacketSize): number {
  const code = PACKET_SIZES.indexOf(size);
  if (code < 0) throw new RangeError(`packet size must be one of ${PACKET_SIZES.join('/')}`);
  return code;
}

// ---------------------------------------------------------------------------------------------
// Reply parsers.

export interface Ack {
  confirmation: number;
  data: Uint8Array;
}

export function parseAck(packet: Packet): Ack {
  if (packet.pid !== PID.ACK || packet.payload.length < 1) {
    throw new FingerprintError('MALFORMED_PACKET', {
      detail: `expected ack, got pid ${packet.pid}`,
    });
  }
  return { confirmation: packet.payload[0]!, data: packet.payload.subarray(1) };
}

/** Throws the typed error for a non-zero confirmation code. */
export function expectOk(ack: Ack, command?: string): Ack {
  if (ack.confirmation !== 0) throw errorForConfirmation(ack.confirmation, command);
  return ack;
}

export interface SystemParameters {
  status: number;
  systemId: number;
  capacity: number;
  securityLevel: number;
  address: number;
  packetSizeCode: number;
  packetSize: PacketSize;
  baudMultiplier: number;
  baud: number;
}

export const SYS_PARA_BYTES = 16;

export function parseSysPara(ack: Ack): SystemParameters {
  const d = ack.data;
  if (d.length < SYS_PARA_BYTES) {
    throw new FingerprintError('MALFORMED_PACKET', { detail: 'short ReadSysPara reply' });
  }
  const code = readU16(d, 12);
  const packetSize = PACKET_SIZES[code];
  if (packetSize === undefined) {
    throw new FingerprintError('MALFORMED_PACKET', { detail: `packet size code ${code}` });
  }
  const n = readU16(d, 14);
  return {
    status: readU16(d, 0),
    systemId: readU16(d, 2),
    capacity: readU16(d, 4),
    securityLevel: readU16(d, 6),
    address: readU32(d, 8),
    packetSizeCode: code,
    packetSize,
    baudMultiplier: n,
    baud: n * 9600,
  };
}

export function encodeSysPara(p: Omit<SystemParameters, 'packetSize' | 'baud'>): Uint8Array {
  const d = new Uint8Array(SYS_PARA_BYTES);
  writeU16(d, 0, p.status);
  writeU16(d, 2, p.systemId);
  writeU16(d, 4, p.capacity);
  writeU16(d, 6, p.securityLevel);
  writeU32(d, 8, p.address);
  writeU16(d, 12, p.packetSizeCode);
  writeU16(d, 14, p.baudMultiplier);
  return d;
}

export function parseMatchScore(ack: Ack): number {
  if (ack.data.length < 2) throw new FingerprintError('MALFORMED_PACKET', { detail: 'Match' });
  return readU16(ack.data, 0);
}

export function parseTemplateNum(ack: Ack): number {
  if (ack.data.length < 2) {
    throw new FingerprintError('MALFORMED_PACKET', { detail: 'TemplateNum' });
  }
  return readU16(ack.data, 0);
}

export interface SearchResult {
  page: number;
  score: number;
}

/** Search / HighSpeedSearch ack data: page u16, score u16. */
export function parseSearchResult(ack: Ack): SearchResult {
  if (ack.data.length < 4) throw new FingerprintError('MALFORMED_PACKET', { detail: 'Search' });
  return { page: readU16(ack.data, 0), score: readU16(ack.data, 2) };
}

export function parseRandomCode(ack: Ack): number {
  if (ack.data.length < 4) {
    throw new FingerprintError('MALFORMED_PACKET', { detail: 'GetRandomCode' });
  }
  return readU32(ack.data, 0);
}

/**
 * ReadIndexTable ack data: 32 bytes, bit n of byte k (least significant first) set when page
 * indexPage × 256 + 8k + n holds a template. Returns the used pages in ascending order.
 */
export function parseIndexTable(ack: Ack, indexPage: number): number[] {
  if (ack.data.length < INDEX_TABLE_BYTES) {
    throw new FingerprintError('MALFORMED_PACKET', { detail: 'ReadIndexTable' });
  }
  const pages: number[] = [];
  for (let k = 0; k < INDEX_TABLE_BYTES; k++) {
    for (let n = 0; n < 8; n++) {
      if ((ack.data[k]! >> n) & 1) pages.push(indexPage * INDEX_PAGE_TEMPLATES + 8 * k + n);
    }
  }
  return pages;
}

/** Device side: the ReadIndexTable bitmap of `indexPage` for the set of used pages. */
export function encodeIndexTable(used: Iterable<number>, indexPage: number): Uint8Array {
  const out = new Uint8Array(INDEX_TABLE_BYTES);
  const first = indexPage * INDEX_PAGE_TEMPLATES;
  for (const page of used) {
    const i = page - first;
    if (i >= 0 && i < INDEX_PAGE_TEMPLATES) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

/** Device side: an ack packet with confirmation and optional data. */
export function buildAck(confirmation: number, data: ArrayLike<number> = [], address?: number) {
  const payload = new Uint8Array(1 + data.length);
  payload[0] = confirmation;
  payload.set(data, 1);
  return encodePacket(PID.ACK, payload, address);
}

/** Splits a bulk transfer into data packets of `packetSize`, the last one with PID 08. */
export function buildDataPackets(
  data: Uint8Array,
  packetSize: number,
  address?: number,
): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let off = 0; off < data.length || out.length === 0; off += packetSize) {
    const chunk = data.subarray(off, Math.min(off + packetSize, data.length));
    const last = off + packetSize >= data.length;
    out.push(encodePacket(last ? PID.END_DATA : PID.DATA, chunk, address));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Image packing: 4 bits per pixel, high nibble first; ×17 maps 0..15 onto 0..255 exactly.

export function unpackImage4(packed: Uint8Array): Uint8Array {
  const out = new Uint8Array(packed.length * 2);
  for (let i = 0; i < packed.length; i++) {
    const b = packed[i]!;
    out[2 * i] = (b >> 4) * 17;
    out[2 * i + 1] = (b & 0x0f) * 17;
  }
  return out;
}

export function packImage4(gray: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(gray.length / 2));
  for (let i = 0; i < out.length; i++) {
    // Round to the nearest of the 16 levels rather than truncating.
    const hi = Math.round((gray[2 * i] ?? 0) / 17);
    const lo = Math.round((gray[2 * i + 1] ?? 0) / 17);
    out[i] = (hi << 4) | lo;
  }
  return out;
}
