/**
 * `npm run central -- [--port 8790] [--data-dir ./central-data] [--host 127.0.0.1] [--issue-token]`
 *
 * Runs the reference central server until Ctrl+C. Prints machine-readable lines for scripts and
 * tests (CENTRAL_URL=…, CENTRAL_KEY_FINGERPRINT=…, CENTRAL_TOKEN=…) and the public key to paste
 * into the station's "Server pusat" settings.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startCentral } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8790' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: 'central-data' },
    'issue-token': { type: 'boolean', default: false },
    'no-token': { type: 'boolean', default: false },
    'max-packet-bytes': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const dataDir = resolve(values['data-dir']);
mkdirSync(dataDir, { recursive: true });
const central = await startCentral({
  dataDir,
  port: Number(values.port),
  host: values.host,
  ...(values['max-packet-bytes'] ? { maxPacketBytes: Number(values['max-packet-bytes']) } : {}),
  log: values.quiet ? () => {} : (line) => console.log(`[central] ${line}`),
});

const out: string[] = [
  `Rekam — server pusat referensi (reference central server)`,
  `Data: ${dataDir}`,
  '',
  'Kunci publik server pusat (tempel di Pengaturan > Server pusat):',
  central.publicKeyPem.trim(),
  '',
  `CENTRAL_URL=${central.url}`,
  `CENTRAL_KEY_FINGERPRINT=${central.fingerprint}`,
  `CENTRAL_PUBLIC_KEY_B64=${Buffer.from(central.publicKeyPem).toString('base64')}`,
];
// A token on every start unless told otherwise: the demo needs one, and tokens are one-time.
if (values['issue-token'] || !values['no-token']) out.push(`CENTRAL_TOKEN=${central.issueToken()}`);
out.push(`CENTRAL_ADMIN_SECRET_FILE=${resolve(dataDir, 'admin-secret')}`);
console.log(out.join('\n'));

const stop = () => {
  void central.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
