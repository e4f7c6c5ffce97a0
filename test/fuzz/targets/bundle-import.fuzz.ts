import * as fc from 'fast-check';
import { zipSync } from 'fflate';
import {
  BundleTooLargeError,
  importBundle,
  readBundleZipStream,
} from '../../central/bundle-import';
import { openCentralStore } from '../../central/store';
import { generateCentralKeys } from '../../../src-main/packets/index';
import { defineFuzzTarget } from '../harness';

const store = openCentralStore(':memory:');
const centralKey = generateCentralKeys().privateKeyPem;
const LIMITS = {
  compressedBytes: 256 * 1024,
  entryBytes: 64 * 1024,
  totalBytes: 128 * 1024,
  entries: 50,
};

const entry = fc.tuple(
  fc.oneof(
    fc.constantFrom(
      'manifest.json',
      'manifest.sig',
      'packets/K01A.rkmp',
      'b/manifest.json',
      '../x',
    ),
    // fflate's zipSync builds its file tree in a plain object, so it cannot write an entry
    // named "__proto__" (it crashes); such a name is the generator's problem, not the import's.
    fc.string({ maxLength: 20 }).filter((name) => name !== '__proto__'),
  ),
  fc.oneof(
    fc.uint8Array({ maxLength: 512 }),
    fc.json({ maxDepth: 3 }).map((j) => new TextEncoder().encode(j)),
    // Highly compressible: what a zip bomb is made of.
    fc.integer({ min: 1, max: 400_000 }).map((n) => new Uint8Array(n)),
  ),
);

/** Zips of random entries (bombs among them), damaged zips and plain garbage, streamed in. */
const zip = fc.oneof(
  fc.array(entry, { maxLength: 6 }).map((es) => zipSync(Object.fromEntries(es))),
  fc
    .tuple(
      fc.array(entry, { minLength: 1, maxLength: 4 }),
      fc.nat(),
      fc.integer({ min: 0, max: 255 }),
    )
    .map(([es, at, v]) => {
      const z = zipSync(Object.fromEntries(es));
      z[at % z.length] = v;
      return z;
    }),
  fc.uint8Array({ maxLength: 2048 }),
);

async function* chunks(z: Uint8Array) {
  for (let i = 0; i < z.length; i += 1000) yield z.subarray(i, i + 1000);
}

export default defineFuzzTarget({
  name: 'bundle-import',
  arbitrary: zip,
  async run(z) {
    const files = await readBundleZipStream(chunks(z), LIMITS);
    let total = 0;
    for (const b of files.values()) total += b.length;
    if (total > LIMITS.totalBytes) throw new Error(`inflated ${total} bytes past the cap`);
    importBundle(files, { store, centralPrivateKey: centralKey, maxPacketBytes: 64 * 1024 });
  },
  isExpectedError: (e) =>
    e instanceof BundleTooLargeError ||
    (e instanceof Error &&
      (typeof (e as { code?: unknown }).code === 'number' || /zip/i.test(e.message))),
  maxMsPerCase: 500,
});
