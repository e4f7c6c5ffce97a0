/**
 * `npm run central -- [--port 8790] [--data-dir ./central-data] [--host 127.0.0.1] [--tls] [--token-for STATION_ID [--rekey]]`
 * `npm run central -- import <bundle-dir> [--data-dir ./central-data]`
 *
 * The second form imports an offline bundle (a folder a station wrote) into the centre's data
 * dir, prints one line per packet and a machine-readable IMPORT_RESULT=<json>, and exits 0 when
 * every packet was taken (received or duplicate), 2 when some were rejected, 1 when refused.
 *
 * Runs the reference central server until Ctrl+C. Prints machine-readable lines for scripts and
 * tests (CENTRAL_URL=…, CENTRAL_KEY_FINGERPRINT=…, CENTRAL_TLS_PIN=…, CENTRAL_TOKEN=…) and the
 * central key bundle to paste into the station's "Server pusat" settings. With --tls it serves
 * HTTPS with a self-signed certificate (made on first start, kept in the data dir) and prints
 * its pin (SPKI SHA-256), which the technician enters next to the key bundle. Tokens are bound to
 * one station id (--token-for); --rekey makes one that may replace that station's key.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importBundle, readBundleDir } from './bundle-import';
import { openCentralStore } from './store';
import { loadOrCreateKeys, startCentral } from './server';
import { DEFAULT_MAX_PACKET_BYTES } from '../../src-main/packets/index';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '8790' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: 'central-data' },
    'token-for': { type: 'string' },
    rekey: { type: 'boolean', default: false },
    tls: { type: 'boolean', default: false },
    'max-packet-bytes': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const dataDir = resolve(values['data-dir']);
mkdirSync(dataDir, { recursive: true });

if (positionals[0] === 'import') {
  const dir = positionals[1];
  if (!dir) {
    console.error('Pemakaian / usage: npm run central -- import <folder-bundel> [--data-dir DIR]');
    process.exit(64);
  }
  let files: Map<string, Buffer>;
  try {
    files = readBundleDir(resolve(dir));
  } catch {
    console.error(`Folder bundel tidak dapat dibaca / cannot read the bundle folder: ${dir}`);
    process.exit(66);
  }
  const store = openCentralStore(resolve(dataDir, 'central.db'));
  const report = importBundle(files, {
    store,
    centralPrivateKey: loadOrCreateKeys(dataDir).privateKeyPem,
    maxPacketBytes: values['max-packet-bytes']
      ? Number(values['max-packet-bytes'])
      : DEFAULT_MAX_PACKET_BYTES,
  });
  store.close();
  console.log(report.message);
  for (const p of report.packets) {
    console.log(`${p.packetId}\t${p.status}${p.reason ? `\t${p.reason}` : ''}`);
  }
  console.log(`IMPORT_RESULT=${JSON.stringify(report)}`);
  process.exit(!report.accepted ? 1 : report.counts.rejected > 0 ? 2 : 0);
} else if (positionals.length > 0) {
  console.error(`Perintah tidak dikenal / unknown command: ${positionals[0]}`);
  process.exit(64);
}

const central = await startCentral({
  dataDir,
  port: Number(values.port),
  host: values.host,
  tls: values.tls,
  ...(values['max-packet-bytes'] ? { maxPacketBytes: Number(values['max-packet-bytes']) } : {}),
  log: values.quiet ? () => {} : (line) => console.log(`[central] ${line}`),
});

const out: string[] = [
  `Rekam — server pusat referensi (reference central server)`,
  `Data: ${dataDir}`,
  '',
  'Bundel kunci server pusat (tempel di Pusat > kunci publik pusat):',
  central.keyBundle.trim(),
  '',
  `CENTRAL_URL=${central.url}`,
  `CENTRAL_KEY_FINGERPRINT=${central.fingerprint}`,
  `CENTRAL_KEY_BUNDLE_B64=${Buffer.from(central.keyBundle).toString('base64')}`,
];
if (central.tlsPin) {
  out.push(`CENTRAL_TLS_PIN=${central.tlsPin}`);
}
const tokenFor = values['token-for'];
if (tokenFor) {
  out.push(`CENTRAL_TOKEN=${central.issueToken(tokenFor, { rekey: values.rekey })}`);
}
out.push(`CENTRAL_ADMIN_SECRET_FILE=${resolve(dataDir, 'admin-secret')}`);
console.log(out.join('\n'));

const stop = () => {
  void central.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
