import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PacketError } from './errors';
import { decodeHeader } from './format';
import { generateCentralKeys, generateStationKeys } from './keys';
import {
  buildPayload,
  encryptPayload,
  openPacket,
  readPacketHeader,
  sealPacket,
  signManifest,
} from './seal';
import type { SealInput } from './seal';
import { sampleSealInput } from '../../test/helpers/sample-packets';

const station = generateStationKeys();
const otherStation = generateStationKeys();
const central = generateCentralKeys();
const otherCentral = generateCentralKeys();
const registry: Record<string, string> = {
  S01JZTESTSTATION0000000000: station.publicKeyPem,
  SOTHERSTATION: otherStation.publicKeyPem,
};
const openKeys = {
  centralPrivateKey: central.privateKeyPem,
  stationPublicKey: (id: string) => registry[id] ?? null,
};
const sealKeys = {
  stationPrivateKey: station.privateKeyPem,
  centralPublicKey: central.publicKeyPem,
};

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof PacketError) return e.reason;
    throw e;
  }
  return 'accepted';
}

let input: SealInput;
let sealed: ReturnType<typeof sealPacket>;
beforeAll(async () => {
  input = await sampleSealInput();
  sealed = sealPacket(input, sealKeys, { now: new Date('2025-06-10T02:10:00Z') });
});

/** Re-wraps the inner payload of `sealed` (manifest + signature + parts) under other header ids. */
function innerPayload(): { manifestBytes: Buffer; signature: Buffer; parts: Buffer[] } {
  const manifestBytes = Buffer.from(JSON.stringify(sealed.manifest));
  return {
    manifestBytes,
    signature: signManifest(manifestBytes, station.privateKeyPem),
    parts: sealed.manifest.parts.map((p) =>
      Buffer.from(input.parts.find((q) => q.name === p.name)!.bytes),
    ),
  };
}

describe('sealPacket / openPacket', () => {
  it('round-trips manifest and every part byte for byte', () => {
    const opened = openPacket(sealed.bytes, openKeys);
    expect(opened.manifest).toEqual(sealed.manifest);
    expect(opened.manifest.packetId).toBe(sealed.packetId);
    expect(opened.manifest.times.sealedAt).toBe('2025-06-10T02:10:00.000Z');
    expect([...opened.parts.keys()].sort()).toEqual(input.parts.map((p) => p.name).sort());
    for (const p of input.parts) expect(opened.parts.get(p.name)!.equals(p.bytes)).toBe(true);
    expect(opened.header.stationId).toBe(input.stationId);
  });

  it('keeps a given packet id and generates sortable ids otherwise', () => {
    const a = sealPacket({ ...input, packetId: 'KFIXED01' }, sealKeys);
    expect(a.packetId).toBe('KFIXED01');
    expect(readPacketHeader(a.bytes).packetId).toBe('KFIXED01');
    const early = sealPacket(input, sealKeys, { now: new Date('2025-01-01T00:00:00Z') });
    const late = sealPacket(input, sealKeys, { now: new Date('2025-01-02T00:00:00Z') });
    expect(early.packetId < late.packetId).toBe(true);
    expect(early.packetId).toMatch(/^K[0-9A-Z]{26}$/);
  });

  it('carries no plaintext: the NIK and the name are not in the sealed bytes', () => {
    const text = sealed.bytes.toString('latin1');
    expect(text).not.toContain(input.demographics.nik);
    expect(text).not.toContain(input.demographics.name);
    expect(text.startsWith('RKMP')).toBe(true);
  });

  it('seals exceptions without image parts', async () => {
    const ex = await sampleSealInput({ exceptions: [4, 9], signatureException: true });
    const s = sealPacket(ex, sealKeys);
    const names = s.manifest.parts.map((p) => p.name);
    expect(names).not.toContain('finger-04.png');
    expect(names).not.toContain('signature.png');
    expect(openPacket(s.bytes, openKeys).parts.size).toBe(9);
  });

  it('refuses to seal inconsistent input (schema)', () => {
    const noFinger = { ...input, parts: input.parts.filter((p) => p.name !== 'finger-02.png') };
    expect(reasonOf(() => sealPacket(noFinger, sealKeys))).toBe('schema');
    const wrongType = {
      ...input,
      parts: input.parts.map((p) =>
        p.name === 'photo.jpg' ? { ...p, bytes: input.parts[1]!.bytes } : p,
      ),
    };
    expect(reasonOf(() => sealPacket(wrongType, sealKeys))).toBe('schema');
    const badId = { ...input, packetId: 'no spaces allowed' };
    expect(reasonOf(() => sealPacket(badId, sealKeys))).toBe('schema');
    const extra = {
      ...input,
      parts: [...input.parts, { name: 'x.bin', mediaType: 'x', bytes: new Uint8Array(1) }],
    };
    expect(reasonOf(() => sealPacket(extra, sealKeys))).toBe('schema');
  });

  it('refuses an oversized packet when sealing and when opening (too-large)', () => {
    expect(reasonOf(() => sealPacket(input, sealKeys, { maxBytes: 100_000 }))).toBe('too-large');
    expect(reasonOf(() => openPacket(sealed.bytes, openKeys, { maxBytes: 100_000 }))).toBe(
      'too-large',
    );
  });

  it('refuses wrong keys when sealing (bad-key)', () => {
    expect(
      reasonOf(() => sealPacket(input, { ...sealKeys, centralPublicKey: station.publicKeyPem })),
    ).toBe('bad-key');
    expect(
      reasonOf(() => sealPacket(input, { ...sealKeys, stationPrivateKey: central.privateKeyPem })),
    ).toBe('bad-key');
  });
});

describe('rejections', () => {
  it('truncated at any length', () => {
    for (const n of [0, 3, 5, 20, 60, 100, sealed.bytes.length - 17, sealed.bytes.length - 1]) {
      const r = reasonOf(() => openPacket(sealed.bytes.subarray(0, n), openKeys));
      expect(r, `length ${n}`).toBe('truncated');
    }
  });

  it('bad magic, unsupported version, trailing bytes', () => {
    const b = Buffer.from(sealed.bytes);
    b[0] = 0x58;
    expect(reasonOf(() => openPacket(b, openKeys))).toBe('bad-magic');
    const v = Buffer.from(sealed.bytes);
    v[4] = 2;
    expect(reasonOf(() => openPacket(v, openKeys))).toBe('unsupported-version');
    const t = Buffer.concat([sealed.bytes, Buffer.from([0])]);
    expect(reasonOf(() => openPacket(t, openKeys))).toBe('malformed');
  });

  it('a flipped bit anywhere is refused (never accepted, never a crash)', () => {
    const headerLength = decodeHeader(sealed.bytes).headerLength;
    const allowed = new Set([
      'bad-magic',
      'unsupported-version',
      'malformed',
      'truncated',
      'unknown-station',
      'decrypt-failed',
    ]);
    const check = (pos: number, bit: number) => {
      const b = Buffer.from(sealed.bytes);
      b[pos]! ^= 1 << bit;
      const r = reasonOf(() => openPacket(b, openKeys));
      expect(allowed.has(r), `byte ${pos} bit ${bit}: ${r}`).toBe(true);
      // Past the header nothing parses differently: only the AEAD can notice.
      if (pos >= headerLength) expect(r).toBe('decrypt-failed');
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sealed.bytes.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        check,
      ),
      { numRuns: 150 },
    );
    // Each region at least once: header, ephemeral key/salt/nonce, ciphertext, tag.
    for (const pos of [0, 4, 8, headerLength - 1, headerLength, sealed.bytes.length - 1])
      check(pos, 0);
  });

  it('a packet for another centre cannot be opened (decrypt-failed)', () => {
    const s = sealPacket(input, { ...sealKeys, centralPublicKey: otherCentral.publicKeyPem });
    expect(reasonOf(() => openPacket(s.bytes, openKeys))).toBe('decrypt-failed');
  });

  it('signed with a key other than the registered one (bad-signature)', () => {
    const s = sealPacket(input, { ...sealKeys, stationPrivateKey: otherStation.privateKeyPem });
    expect(reasonOf(() => openPacket(s.bytes, openKeys))).toBe('bad-signature');
  });

  it('an unregistered station (unknown-station)', () => {
    const s = sealPacket({ ...input, stationId: 'SNOBODY' }, sealKeys);
    expect(reasonOf(() => openPacket(s.bytes, openKeys))).toBe('unknown-station');
  });

  it('replayed under another packet id: header edit (decrypt-failed) and re-wrap (id-mismatch)', () => {
    const b = Buffer.from(sealed.bytes);
    b[7] = b[7] === 0x41 ? 0x42 : 0x41; // first character of the packet id in the header
    expect(readPacketHeader(b).packetId).not.toBe(sealed.packetId);
    expect(reasonOf(() => openPacket(b, openKeys))).toBe('decrypt-failed');

    const p = innerPayload();
    const rewrapped = encryptPayload(
      buildPayload(p.manifestBytes, p.signature, p.parts),
      { packetId: 'KREPLAYED', stationId: input.stationId },
      central.publicKeyPem,
    );
    expect(reasonOf(() => openPacket(rewrapped, openKeys))).toBe('id-mismatch');
    // The same payload under its own ids is fine: the failure above is the id, nothing else.
    const honest = encryptPayload(
      buildPayload(p.manifestBytes, p.signature, p.parts),
      { packetId: sealed.packetId, stationId: input.stationId },
      central.publicKeyPem,
    );
    expect(openPacket(honest, openKeys).manifest.packetId).toBe(sealed.packetId);
  });

  it('replayed under another station: its key does not verify (bad-signature), re-signed (id-mismatch)', () => {
    const p = innerPayload();
    const asOther = encryptPayload(
      buildPayload(p.manifestBytes, p.signature, p.parts),
      { packetId: sealed.packetId, stationId: 'SOTHERSTATION' },
      central.publicKeyPem,
    );
    expect(reasonOf(() => openPacket(asOther, openKeys))).toBe('bad-signature');
    // The other station signs the stolen manifest itself: the signed stationId still names the first.
    const resigned = encryptPayload(
      buildPayload(
        p.manifestBytes,
        signManifest(p.manifestBytes, otherStation.privateKeyPem),
        p.parts,
      ),
      { packetId: sealed.packetId, stationId: 'SOTHERSTATION' },
      central.publicKeyPem,
    );
    expect(reasonOf(() => openPacket(resigned, openKeys))).toBe('id-mismatch');
  });

  it('a part swapped after signing (part-hash) and a broken manifest (schema)', () => {
    const p = innerPayload();
    const parts = [...p.parts];
    const last = Buffer.from(parts[parts.length - 1]!);
    last[last.length - 2]! ^= 0xff;
    parts[parts.length - 1] = last;
    const swapped = encryptPayload(
      buildPayload(p.manifestBytes, p.signature, parts),
      { packetId: sealed.packetId, stationId: input.stationId },
      central.publicKeyPem,
    );
    expect(reasonOf(() => openPacket(swapped, openKeys))).toBe('part-hash');

    const short = encryptPayload(
      buildPayload(p.manifestBytes, p.signature, p.parts.slice(0, -1)),
      { packetId: sealed.packetId, stationId: input.stationId },
      central.publicKeyPem,
    );
    expect(reasonOf(() => openPacket(short, openKeys))).toBe('part-hash');

    const bad = Buffer.from(JSON.stringify({ ...sealed.manifest, schemaVersion: 7 }));
    const wrapped = encryptPayload(
      buildPayload(bad, signManifest(bad, station.privateKeyPem), p.parts),
      { packetId: sealed.packetId, stationId: input.stationId },
      central.publicKeyPem,
    );
    expect(reasonOf(() => openPacket(wrapped, openKeys))).toBe('schema');
  });

  it('garbage after a valid header is refused, never thrown raw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400 }), (tail) => {
        const head = sealed.bytes.subarray(0, 30);
        const r = reasonOf(() => openPacket(Buffer.concat([head, tail]), openKeys));
        expect(r).not.toBe('accepted');
      }),
      { numRuns: 100 },
    );
  });
});
