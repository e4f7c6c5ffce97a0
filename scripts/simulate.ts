// Device simulators on real ports, for running the station without peripherals:
//   npx tsx scripts/simulate.ts fingerprint --path /dev/pts/N --baud 57600 [--quality clear]
// Make a pty pair first, e.g.: socat -d -d pty,raw,echo=0,link=/tmp/fp-host pty,raw,echo=0,link=/tmp/fp-dev
// then point this at /tmp/fp-dev and the station at /tmp/fp-host.
import { parseArgs } from 'node:util';
import { PACKET_SIZES } from '../drivers/fingerprint/codec';
import type { PacketSize } from '../drivers/fingerprint/codec';
import { FingerprintSimulator } from '../drivers/fingerprint/simulator';
import { QUALITIES } from '../drivers/fingerprint/synthetic';
import type { ImageQuality } from '../drivers/fingerprint/synthetic';
import { openSerialTransport } from '../drivers/transport/serial';

const USAGE = `usage: simulate.ts fingerprint --path PORT [--baud 57600] [--quality clear|smudged|partial|dry]
       [--packet-size 32|64|128|256] [--password 0] [--no-finger-ms 1500] [--capture-ms 300]
       [--speedup 1] [--person 1]`;

async function fingerprint(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      path: { type: 'string' },
      baud: { type: 'string', default: '57600' },
      quality: { type: 'string', default: 'clear' },
      'packet-size': { type: 'string', default: '128' },
      password: { type: 'string', default: '0' },
      'no-finger-ms': { type: 'string', default: '1500' },
      'capture-ms': { type: 'string', default: '300' },
      speedup: { type: 'string', default: '1' },
      person: { type: 'string', default: '1' },
    },
  });
  const baud = Number(values.baud);
  const packetSize = Number(values['packet-size']) as PacketSize;
  const quality = values.quality as ImageQuality;
  if (!values.path) throw new Error('--path is required');
  if (!(baud % 9600 === 0 && baud >= 9600 && baud <= 115200)) throw new Error('--baud: N × 9600');
  if (!PACKET_SIZES.includes(packetSize)) throw new Error('--packet-size: 32, 64, 128 or 256');
  if (!QUALITIES.includes(quality)) throw new Error(`--quality: ${QUALITIES.join(', ')}`);

  const port = await openSerialTransport(values.path, baud);
  const sim = new FingerprintSimulator(port, {
    baud,
    packetSize,
    password: Number(values.password),
    captureMs: Number(values['capture-ms']),
    paceSpeedup: Number(values.speedup),
    personSeed: Number(values.person),
    autoFingers: { quality, noFingerMs: Number(values['no-finger-ms']) },
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
  sim.on('closed', () => {
    console.log(`${stamp()}   port closed`);
    process.exit(0);
  });
  console.log(
    `SIMULASI fingerprint module on ${values.path} @ ${baud} baud, packet ${packetSize}, ${quality}`,
  );
  const stop = async () => {
    sim.stop();
    await port.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

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
