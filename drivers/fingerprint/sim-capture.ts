// The simulated module's capture commands: GenImg (no finger, or the finger's image after the
// module's capture time), UpImage and UpChar (data packets out), Img2Tz, Match and RegModel on
// the char buffers, and DownChar / DownImage with the host's data packets they take in.
import {
  CMD,
  IMAGE_BYTES,
  PID,
  TEMPLATE_BYTES,
  buildDataPackets,
  concatBytes,
  packImage4,
  unpackImage4,
} from './codec';
import type { Packet } from './codec';
import { MATCH_THRESHOLD, templateScore } from './sim-finger';
import { DOWN_IMAGE_BUFFER } from './sim-module';
import type { CommandTable, ModuleState, SimContext } from './sim-module';

export const CAPTURE_COMMANDS: CommandTable = {
  [CMD.GEN_IMG]: genImg,
  [CMD.UP_IMAGE]: (ctx) => {
    const { m, ack } = ctx;
    if (!m.image) return ack(0x0f);
    ack(0x00);
    const packets = buildDataPackets(packImage4(m.image.gray), m.packetSize, m.address);
    for (const pk of packets) ctx.reply(pk);
    ctx.stats.imagesSent++;
    // Demo mode: the finger lifts once the image is out; count the pause from then.
    ctx.fingers.imageSent(ctx.sendMs(packets.reduce((n, pk) => n + pk.length, 0)));
  },
  [CMD.IMG2TZ]: ({ m, ack, fingers }, p) => {
    const buffer = p[0] ?? 0;
    if (buffer !== 1 && buffer !== 2) return ack(0x01);
    if (!m.image) return ack(0x15);
    const template = fingers.template(m.image);
    // An image from the host has no finger the simulator knows: no minutiae in it.
    if (!template) return ack(0x07);
    m.charBuffers.set(buffer, template);
    ack(0x00);
  },
  [CMD.MATCH]: ({ m, ack }) => {
    const a = m.charBuffers.get(1);
    const b = m.charBuffers.get(2);
    if (!a || !b) return ack(0x08, [0, 0]);
    const score = templateScore(a, b);
    ack(score >= MATCH_THRESHOLD ? 0x00 : 0x08, [score >> 8, score & 0xff]);
  },
  [CMD.REG_MODEL]: ({ m, ack }) => {
    const a = m.charBuffers.get(1);
    const b = m.charBuffers.get(2);
    if (!a || !b || templateScore(a, b) < MATCH_THRESHOLD) return ack(0x0a);
    m.charBuffers.set(2, a.slice());
    ack(0x00);
  },
  [CMD.UP_CHAR]: ({ m, ack, reply }, p) => {
    const t = m.charBuffers.get(p[0] ?? 0);
    if (!t) return ack(0x0d);
    ack(0x00);
    for (const pk of buildDataPackets(t, m.packetSize, m.address)) reply(pk);
  },
  [CMD.DOWN_CHAR]: ({ m, ack }, p) => {
    const buffer = p[0] ?? 0;
    if (buffer !== 1 && buffer !== 2) return ack(0x01);
    m.download = { buffer, chunks: [], received: 0 };
    ack(0x00);
  },
  [CMD.DOWN_IMAGE]: ({ m, ack }) => {
    m.download = { buffer: DOWN_IMAGE_BUFFER, chunks: [], received: 0 };
    ack(0x00);
  },
};

async function genImg(ctx: SimContext): Promise<void> {
  const f = ctx.fingers.present;
  if (!f) return ctx.ack(0x02);
  const start = performance.now();
  // Painting the synthetic image is the simulator's cost, not the module's: it normally
  // happened in the background while the hand moved; only what is left of it counts.
  const image = await ctx.fingers.capture(f);
  const rest = ctx.m.captureMs - (performance.now() - start);
  if (rest > 0) await new Promise((r) => setTimeout(r, rest));
  ctx.m.image = image;
  ctx.emit('captured', { finger: image.finger, quality: image.quality, gray: image.gray });
  ctx.ack(0x00);
}

/** Host → module bulk data (DownChar, DownImage): collected until the end packet, then kept. */
export function receiveHostData(m: ModuleState, packet: Packet): void {
  const d = m.download;
  if (!d) return;
  d.chunks.push(packet.payload.slice());
  d.received += packet.payload.length;
  if (packet.pid !== PID.END_DATA) return;
  m.download = null;
  const t = concatBytes(d.chunks);
  if (d.buffer === DOWN_IMAGE_BUFFER) {
    // An image from the host: no finger behind it, so Img2Tz finds no minutiae of one.
    if (d.received === IMAGE_BYTES) {
      m.image = { finger: 0, quality: 'clear', gray: unpackImage4(t), pose: null };
    }
    return;
  }
  if (d.received === TEMPLATE_BYTES) m.charBuffers.set(d.buffer, t);
}
