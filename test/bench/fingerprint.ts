// Fingerprint image upload throughput through the paced simulator over a real pty pair.
//   npx tsx test/bench/fingerprint.ts
// Prints achieved wire bytes/s as a ratio of the line rate (baud / 10 bytes/s; target ≥ 0.95)
// and the time from finger-down (GenImg = 00) to image-ready per finger.
import { IMAGE_BYTES } from '../../drivers/fingerprint/codec';
import type { PacketSize } from '../../drivers/fingerprint/codec';
import { FingerprintDriver } from '../../drivers/fingerprint/driver';
import { FingerprintSimulator } from '../../drivers/fingerprint/simulator';
import { openSerialTransport } from '../../drivers/transport/serial';
import { openPtyPair } from '../helpers/pty';

const FINGERS = 3;

async function run(baud: number, packetSize: PacketSize) {
  const pair = await openPtyPair();
  const dev = await openSerialTransport(pair.b, baud);
  const sim = new FingerprintSimulator(dev, { baud, packetSize, pace: true });
  const driver = new FingerprintDriver({ transport: await openSerialTransport(pair.a, baud) });
  try {
    await driver.handshake();
    const ratios: number[] = [];
    const fingerTimes: number[] = [];
    let wireBytes = 0;
    for (let finger = 1; finger <= FINGERS; finger++) {
      sim.placeFinger(finger);
      // Upload alone: from UpImage on the wire to the last data byte in.
      await driver.genImg();
      const before = sim.stats.bytesOut;
      const t0 = performance.now();
      await driver.upImage();
      const seconds = (performance.now() - t0) / 1000;
      wireBytes = sim.stats.bytesOut - before;
      ratios.push(wireBytes / seconds / (baud / 10));
      // Whole capture: finger already down, GenImg + UpImage as the station does it.
      const img = await driver.captureImage({ pollMs: 50 });
      fingerTimes.push(img.imageReadyAt - img.fingerDownAt);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      baud,
      packetSize,
      wireBytes,
      payloadShare: IMAGE_BYTES / wireBytes,
      ratio: mean(ratios),
      minRatio: Math.min(...ratios),
      fingerMs: mean(fingerTimes),
      theoryMs: (wireBytes / (baud / 10)) * 1000,
    };
  } finally {
    await driver.close();
    sim.stop();
    await dev.close();
    await pair.close();
  }
}

const rows = [];
for (const [baud, size] of [
  [57600, 128],
  [57600, 256],
  [115200, 128],
  [115200, 256],
] as const) {
  rows.push(await run(baud, size));
}
console.log(`fingerprint image upload, ${FINGERS} fingers per row, simulator paced at baud/10`);
console.log(
  'baud    packet  wire bytes  payload  bytes/s÷(baud/10)  (min)   finger-down→image-ready  (wire minimum)',
);
for (const r of rows) {
  console.log(
    `${String(r.baud).padEnd(7)} ${String(r.packetSize).padEnd(7)} ${String(r.wireBytes).padEnd(11)} ${(
      r.payloadShare * 100
    )
      .toFixed(1)
      .padStart(
        5,
      )}%   ${r.ratio.toFixed(3).padStart(8)}  ${r.ratio >= 0.95 ? 'ok ' : 'LOW'}      ${r.minRatio.toFixed(3)}   ${r.fingerMs.toFixed(0).padStart(6)} ms               ${r.theoryMs.toFixed(0)} ms`,
  );
}
process.exit(rows.every((r) => r.ratio >= 0.95) ? 0 : 1);
