import { describe, expect, it } from 'vitest';
import {
  documentedManifestSchema,
  documentedSchemaErrors,
} from '../../test/helpers/manifest-schema';
import { generateCentralKeys, generateStationKeys } from './keys';
import { manifestJsonSchema } from './manifest-json-schema';
import { openPacket, sealPacket } from './seal';
import { sampleSealInput } from '../../test/helpers/sample-packets';
import type { SampleOptions } from '../../test/helpers/sample-packets';

const station = generateStationKeys();
const centre = generateCentralKeys();

async function realManifest(
  opts: SampleOptions,
  edit?: (i: Awaited<ReturnType<typeof sampleSealInput>>) => void,
) {
  const input = await sampleSealInput(opts);
  edit?.(input);
  const p = sealPacket(input, {
    stationPrivateKey: station.privateKeyPem,
    centralPublicKey: centre.publicKeyPem,
  });
  return openPacket(p.bytes, {
    centralPrivateKey: centre.privateKeyPem,
    stationPublicKey: () => station.publicKeyPem,
  }).manifest as unknown as Record<string, unknown>;
}

describe('docs/manifest.schema.json', () => {
  it('is the schema the packet code enforces (run `npm run docs:manifest-schema` if not)', () => {
    expect(documentedManifestSchema).toEqual(manifestJsonSchema());
  });

  it('accepts every shape of real packet: devices with and without ids, nulls, exceptions', async () => {
    const variants = [
      await realManifest({}),
      await realManifest({ exceptions: [4, 7], signatureException: true }),
      await realManifest({}, (i) => {
        i.capture.fingerDevice = null;
        i.capture.signatureDevice = {
          model: null,
          simulated: false,
          vendorId: null,
          productId: null,
          serial: null,
          firmware: null,
        };
        i.capture.photo.width = 480;
        i.capture.photo.height = 640;
      }),
    ];
    for (const m of variants) expect(documentedSchemaErrors(m)).toBeNull();
  });

  it('refuses what a real packet never has: unknown keys, missing keys, wrong enums', async () => {
    const m = await realManifest({});
    expect(documentedSchemaErrors({ ...m, data: {} })).toMatch(/additionalProperties/);
    const { parts: _parts, ...noParts } = m;
    expect(documentedSchemaErrors(noParts)).toMatch(/required/);
    expect(
      documentedSchemaErrors({
        ...m,
        demographics: { ...(m.demographics as object), sex: 'X' },
      }),
    ).toMatch(/enum/);
    expect(documentedSchemaErrors({ ...m, schemaVersion: 2 })).toMatch(/const/);
  });
});
