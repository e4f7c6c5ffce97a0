import { createPrivateKey, createPublicKey } from 'node:crypto';
import * as fc from 'fast-check';
import { PacketError } from '../../../src-main/packets/errors';
import { generateCentralKeys, generateStationKeys } from '../../../src-main/packets/keys';
import {
  buildPayload,
  encryptPayload,
  openPacket,
  sealPacket,
  signManifest,
} from '../../../src-main/packets/seal';
import { sampleSealInput } from '../../helpers/sample-packets';
import { defineFuzzTarget } from '../harness';

const station = generateStationKeys();
const central = generateCentralKeys();
const stationPrivate = createPrivateKey(station.privateKeyPem);
const centralPublic = createPublicKey(central.publicKeyPem);
const keys = {
  centralPrivateKey: createPrivateKey(central.privateKeyPem),
  stationPublicKey: (id: string) => (id === STATION ? createPublicKey(station.publicKeyPem) : null),
};
const STATION = 'S01JZFUZZSTATION0000000000';

// One real packet: its bytes are mutated as they are, or its manifest and parts are mutated and
// then signed and encrypted properly, so the fuzzer reaches every check after decryption.
// Parts are cut to their sniffed headers plus a few bytes: openPacket checks lengths, hashes and
// magic numbers, not pixels, and small parts keep a case (decrypt + hash) well under a millisecond.
const input = await sampleSealInput({ stationId: STATION });
const tiny = (bytes: Uint8Array, mediaType: string) =>
  mediaType === 'application/json' ? bytes : bytes.subarray(0, 24);
const sealed = sealPacket(
  { ...input, parts: input.parts.map((p) => ({ ...p, bytes: tiny(p.bytes, p.mediaType) })) },
  { stationPrivateKey: stationPrivate, centralPublicKey: centralPublic },
);
const base = openPacket(sealed.bytes, keys);
const baseParts = base.manifest.parts.map((p) => base.parts.get(p.name)!);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
function leafPaths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [at];
  const keysOf = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keysOf.flatMap((k) => leafPaths((v as Record<string, Json>)[k]!, [...at, k]))];
}
const PATHS = leafPaths(base.manifest as unknown as Json).filter((p) => p.length > 0);

function setPath(root: Json, path: (string | number)[], value: Json | undefined): Json {
  const copy = structuredClone(root) as Record<string | number, Json>;
  let node = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const rawMutation = fc
  .tuple(
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean()), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([flips, cut]) => {
    const out = Buffer.from(sealed.bytes);
    // Half the flips land in the cleartext header, where the parser reads before decrypting.
    for (const [at, v, head] of flips) out[at % (head ? 160 : out.length)] = v;
    return {
      kind: 'raw' as const,
      bytes: cut === undefined ? out : out.subarray(0, cut % out.length),
    };
  });

const payloadMutation = fc
  .record({
    path: fc.constantFrom(...PATHS),
    value: fc.option(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { nil: undefined }),
    parts: fc.constantFrom('same', 'drop-last', 'extra-byte', 'flip-byte', 'reverse'),
    lengthDelta: fc.option(fc.integer({ min: -70, max: 70 }), { nil: undefined }),
    manifestCut: fc.option(fc.nat(), { nil: undefined }),
  })
  .map((m) => ({ kind: 'payload' as const, ...m }));

function buildMutated(m: PayloadCase): Buffer {
  const manifest = setPath(base.manifest as unknown as Json, m.path, m.value);
  let manifestBytes = Buffer.from(JSON.stringify(manifest) ?? '', 'utf8');
  if (m.manifestCut !== undefined) {
    manifestBytes = manifestBytes.subarray(0, m.manifestCut % (manifestBytes.length + 1));
  }
  let parts = baseParts.map((p) => Buffer.from(p));
  if (m.parts === 'drop-last') parts = parts.slice(0, -1);
  if (m.parts === 'extra-byte') parts.push(Buffer.of(0));
  if (m.parts === 'flip-byte') parts[0]![parts[0]!.length - 1]! ^= 1;
  if (m.parts === 'reverse') parts.reverse();
  const payload = buildPayload(manifestBytes, signManifest(manifestBytes, stationPrivate), parts);
  if (m.lengthDelta !== undefined) {
    payload.writeUInt32BE(Math.max(0, manifestBytes.length + m.lengthDelta), 0);
  }
  return encryptPayload(
    payload,
    { packetId: base.header.packetId, stationId: STATION },
    centralPublic,
  );
}
type PayloadCase = {
  path: (string | number)[];
  value: Json | undefined;
  parts: string;
  lengthDelta: number | undefined;
  manifestCut: number | undefined;
};

/** openPacket refuses with a PacketError or returns a packet whose ids and parts agree. */
export default defineFuzzTarget({
  name: 'packet-open',
  arbitrary: fc.oneof(
    rawMutation,
    payloadMutation,
    fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'raw' as const, bytes })),
  ),
  run(c) {
    const bytes = c.kind === 'raw' ? c.bytes : buildMutated(c);
    const opened = openPacket(bytes, keys);
    if (opened.manifest.packetId !== opened.header.packetId) throw new Error('id mismatch kept');
    if (opened.parts.size !== opened.manifest.parts.length) throw new Error('parts mismatch kept');
  },
  isExpectedError: (e) => e instanceof PacketError,
  maxMsPerCase: 500,
});
