// The stand-alone simulator (`npm run simulate -- fingerprint`) on a socat pty: the resident's
// hand from a --script and from stdin, independent of the host's image downloads, and a baud
// change that really reopens the simulator's end of the line at the new rate (its termios).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FingerprintDriver } from '../../drivers/fingerprint/driver';
import { openSerialTransport } from '../../drivers/transport/serial';
import { openPtyPair } from '../helpers/pty';

const repo = path.resolve(import.meta.dirname, '../..');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** The line speed a tty is set to now, as `stty` reads it from the kernel. */
const ttySpeed = (tty: string) => Number(execFileSync('stty', ['-F', tty, 'speed']).toString());

describe('npm run simulate -- fingerprint', () => {
  it('follows the script and stdin, and reopens its port at the baud the host sets', async () => {
    const pair = await openPtyPair();
    cleanup.push(() => pair.close());
    const dir = mkdtempSync(path.join(tmpdir(), 'rekam-sim-cli-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const script = path.join(dir, 'hand.txt');
    writeFileSync(script, '# the resident\nplace 3\nwait 20\nstatus\n');

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(repo, 'scripts/simulate.ts'),
        'fingerprint',
        '--path',
        pair.b,
        '--speedup',
        '20',
        '--capture-ms',
        '20',
        '--script',
        script,
      ],
      { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    cleanup.push(() => void child.kill('SIGKILL'));
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const printed = async (re: RegExp) => {
      const deadline = Date.now() + 30_000;
      while (!re.test(output)) {
        if (Date.now() > deadline) throw new Error(`no ${re} in:\n${output}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    await printed(/library 0 template\(s\)/);
    expect(output).toMatch(/SIMULASI fingerprint module .* @ 57600 baud/);
    expect(output).toMatch(/finger 3 · library/);

    const driver = new FingerprintDriver({
      transport: await openSerialTransport(pair.a, 57600),
      openAt: (baud) => openSerialTransport(pair.a, baud),
      timeouts: { ackMs: 1000, dataIdleMs: 1000, settleMs: 30 },
    });
    cleanup.push(() => driver.close());
    await driver.handshake();
    expect(ttySpeed(pair.b)).toBe(57600);

    // The host moves the line to 115,200: the simulator reopens its port there.
    expect(await driver.setBaud(115200)).toEqual({ baud: 115200, outcome: 'switched' });
    await printed(/baud now 115200/);
    expect(ttySpeed(pair.b)).toBe(115200);
    expect((await driver.readSysPara()).baud).toBe(115200);

    // The finger the script placed is captured; lifted mid-download, the image still arrives.
    await driver.waitForImage({ pollMs: 10 });
    await printed(/finger 3 \(clear\) on the sensor/);
    const upload = driver.upImage();
    child.stdin.write('lift\n');
    expect((await upload).length).toBe(256 * 288);
    await printed(/resident lifts the finger/);
    await expect(driver.genImg()).rejects.toMatchObject({ code: 'NO_FINGER' });

    child.stdin.write('place 7 dry\n');
    await printed(/resident places finger 7 \(dry\)/);
    await driver.waitForImage({ pollMs: 10 });
    await printed(/finger 7 \(dry\) on the sensor/);
    child.stdin.write('nonsense\n');
    await printed(/\? unknown command "nonsense"/);

    child.stdin.write('quit\n');
    expect(await exited).toBe(0);
  });
});
