// Device simulators on real ports, for running the station without peripherals:
//   npm run simulate -- fingerprint --path /dev/pts/N [--baud 57600] [--script hand.txt] [--auto]
// Make a pty pair first, e.g.: socat -d -d pty,raw,echo=0,link=/tmp/fp-host pty,raw,echo=0,link=/tmp/fp-dev
// then point this at /tmp/fp-dev and the station at /tmp/fp-host.
// The resident's hand: type `place 3`, `place 7 dry`, `lift`, `status`, `quit` on stdin, or
// give them (with `wait MS`) in a --script file; --auto presents fingers 1..10 in turn instead.
// A SetSysPara baud change reopens this end of the line at the new rate, as a real module's
// UART switches after its reply.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PACKET_SIZES } from '../drivers/fingerprint/codec';
import type { PacketSize } from '../drivers/fingerprint/codec';
import { parseSimCommand, runSimCommand, runSimScript } from '../drivers/fingerprint/sim-script';
import type { SimScriptHooks } from '../drivers/fingerprint/sim-script';
import { FingerprintSimulator } from '../drivers/fingerprint/simulator';
import { QUALITIES } from '../drivers/fingerprint/synthetic';
import type { ImageQuality } from '../drivers/fingerprint/synthetic';
import type { ByteTransport } from '../drivers/transport/byte-transport';
import { openSerialTransport } from '../drivers/transport/serial';

const USAGE = `usage: simulate.ts fingerprint --path PORT [--baud 57600] [--quality clear|smudged|partial|dry]
       [--packet-size 32|64|128|256] [--password 0] [--address 0xFFFFFFFF] [--capture-ms 300]
       [--speedup 1] [--person 1] [--script FILE] [--auto [--no-finger-ms 1500]]
stdin / script: place N [quality] · lift · wait MS · status · quit`;

async function fingerprint(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      path: { type: 'string' },
      baud: { type: 'string', default: '57600' },
      quality: { type: 'string', default: 'clear' },
      'packet-size': { type: 'string', default: '128' },
      password: { type: 'string', default: '0' },
      address: { type: 'string', default: '0xFFFFFFFF' },
      'no-finger-ms': { type: 'string', default: '1500' },
      'capture-ms': { type: 'string', default: '300' },
      speedup: { type: 'string', default: '1' },
      person: { type: 'string', default: '1' },
      script: { type: 'string' },
      auto: { type: 'boolean', default: false },
    },
  });
  const baud = Number(values.baud);
  const packetSize = Number(values['packet-size']) as PacketSize;
  const quality = values.quality as ImageQuality;
  const address = Number(values.address);
  const path = values.path;
  if (!path) throw new Error('--path is required');
  if (!(baud % 9600 === 0 && baud >= 9600 && baud <= 115200)) throw new Error('--baud: N × 9600');
  if (!PACKET_SIZES.includes(packetSize)) throw new Error('--packet-size: 32, 64, 128 or 256');
  if (!QUALITIES.includes(quality)) throw new Error(`--quality: ${QUALITIES.join(', ')}`);
  if (!Number.isInteger(address) || address < 0 || address > 0xffffffff) {
    throw new Error('--address: 0 … 0xFFFFFFFF');
  }
  const script = values.script ? await readFile(values.script, 'utf8') : null;

  let port: ByteTransport = await openSerialTransport(path, baud);
  const sim = new FingerprintSimulator(port, {
    baud,
    packetSize,
    address,
    password: Number(values.password),
    captureMs: Number(values['capture-ms']),
    paceSpeedup: Number(values.speedup),
    personSeed: Number(values.person),
    // The port is reopened at the rate the host asked for with SetSysPara register 4.
    openAt: async (b) => (port = await openSerialTransport(path, b)),
    ...(values.auto
      ? { autoFingers: { quality, noFingerMs: Number(values['no-finger-ms']) } }
      : {}),
  });
  const t0 = performance.now();
  const stamp = () => `${((performance.now() - t0) / 1000).toFixed(3).padStart(8)}s`;
  let lastCommand = '';
  sim.on('command', (c: string) => {
    // GenImg polls arrive ten times a second; log only changes.
    if (c !== lastCommand || c !== 'GEN_IMG') console.log(`${stamp()} ← ${c}`);
    lastCommand = c;
  });
  sim.on('captured', (c: { finger: number; quality: string }) =>
    console.log(`${stamp()}   finger ${c.finger} (${c.quality}) on the sensor`),
  );
  sim.on('baud', (b: number) => console.log(`${stamp()}   baud now ${b}`));
  sim.on('address', (a: number) => console.log(`${stamp()}   address now ${hex32(a)}`));
  sim.on('closed', () => {
    console.log(`${stamp()}   port closed`);
    process.exit(0);
  });
  console.log(
    `SIMULASI fingerprint module on ${path} @ ${baud} baud, packet ${packetSize}, ` +
      `address ${hex32(address)}${values.auto ? ', fingers 1..10 in turn' : ''}`,
  );
  const stop = async () => {
    sim.stop();
    await port.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const hand = {
    placeFinger: (finger: number, o: { quality: ImageQuality }) => {
      sim.placeFinger(finger, o);
      console.log(`${stamp()}   resident places finger ${finger} (${o.quality})`);
    },
    liftFinger: () => {
      sim.liftFinger();
      console.log(`${stamp()}   resident lifts the finger`);
    },
  };
  const hooks: SimScriptHooks = {
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    status: () =>
      console.log(
        `${stamp()}   baud ${sim.currentBaud} · address ${hex32(sim.address)} · ` +
          `finger ${sim.fingerOnSensor ?? 'none'} · library ${sim.libraryPages.length} template(s)`,
      ),
    quit: stop,
  };
  if (script !== null) await runSimScript(hand, script, hooks, quality);
  // Then the hand follows what is typed (stdin closed, e.g. in CI: the script was all).
  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => {
    try {
      const c = parseSimCommand(line, quality);
      if (c) void runSimCommand(hand, c, hooks);
    } catch (e) {
      console.log(`? ${(e as Error).message}`);
    }
  });
}

const hex32 = (a: number) => `0x${a.toString(16).toUpperCase().padStart(8, '0')}`;

const [device, ...rest] = process.argv.slice(2);
const devices: Record<string, (a: string[]) => Promise<void>> = { fingerprint };
const run = device ? devices[device] : undefined;
if (!run) {
  console.error(USAGE);
  process.exit(2);
}
run(rest).catch((e: unknown) => {
  console.error((e as Error).message);
  console.error(USAGE);
  process.exit(2);
});
