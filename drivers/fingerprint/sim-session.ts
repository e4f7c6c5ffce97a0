// The simulated module's session commands: VfyPwd and SetPwd, ReadSysPara and SetSysPara (baud,
// security level, packet size), SetAdder, GetRandomCode and the LED ring (AuraLedConfig).
import { CMD, PACKET_SIZES, REG, encodeSysPara, readU32, u32 } from './codec';
import type { CommandTable, SimContext } from './sim-module';

export const SESSION_COMMANDS: CommandTable = {
  [CMD.VFY_PWD]: ({ m, ack }, p) => {
    const ok = p.length >= 4 && readU32(p, 0) === m.password;
    m.verified = ok;
    ack(ok ? 0x00 : 0x13);
  },
  [CMD.SET_PWD]: ({ m, ack }, p) => {
    if (p.length < 4) return ack(0x01);
    m.password = readU32(p, 0);
    ack(0x00);
  },
  [CMD.READ_SYS_PARA]: ({ m, ack }) => {
    const status = (m.verified ? 0x04 : 0) | (m.image ? 0x08 : 0);
    ack(
      0x00,
      encodeSysPara({
        status,
        systemId: m.systemId,
        capacity: m.capacity,
        securityLevel: m.securityLevel,
        address: m.address,
        packetSizeCode: PACKET_SIZES.indexOf(m.packetSize),
        baudMultiplier: m.baud / 9600,
      }),
    );
  },
  [CMD.SET_SYS_PARA]: (ctx, p) => setSysPara(ctx, p[0] ?? 0, p[1] ?? 0),
  [CMD.SET_ADDER]: ({ m, ack, emit }, p) => {
    if (p.length < 4) return ack(0x01);
    // The new address is in force at once: the ack already carries it.
    m.address = readU32(p, 0);
    emit('address', m.address);
    ack(0x00);
  },
  [CMD.GET_RANDOM_CODE]: ({ m, ack }) => ack(0x00, u32(Math.floor(m.random() * 0x100000000))),
  [CMD.AURA_LED]: ({ ack, emit }, p) => {
    if (p.length < 4) return ack(0x01);
    emit('led', { control: p[0], speed: p[1], colour: p[2], count: p[3] });
    ack(0x00);
  },
};

async function setSysPara(ctx: SimContext, register: number, value: number): Promise<void> {
  const { m, ack } = ctx;
  if (register === REG.BAUD && value >= 1 && value <= m.maxBaudMultiplier) {
    ack(0x00);
    if (m.ignoresBaudChange) return;
    // The new rate is in flash at once (a power cycle keeps it); the line itself switches
    // after the reply has left at the old rate.
    m.baud = value * 9600;
    await ctx.switchLine();
    ctx.emit('baud', m.baud);
  } else if (register === REG.SECURITY && value >= 1 && value <= 5) {
    m.securityLevel = value;
    ack(0x00);
  } else if (register === REG.PACKET_SIZE && value <= 3) {
    m.packetSize = PACKET_SIZES[value]!;
    ack(0x00);
  } else {
    ack(0x1a);
  }
}
