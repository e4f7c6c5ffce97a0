// The packet manifest as a JSON Schema (draft-07), generated from the zod schema that opening a
// packet enforces. What JSON Schema cannot say (each finger once, a part per captured modality,
// NIK rules) is checked in code and written down in docs/packet-format.md.
import { z } from 'zod';
import { manifestSchema } from './manifest';

export function manifestJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(manifestSchema, { target: 'draft-7' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://rekam.dukcapil.example/schemas/packet-manifest-1.json',
    title: 'Rekam packet manifest, schema version 1',
    description:
      'The signed manifest inside an RKMP packet (docs/packet-format.md). Generated from src-main/packets/manifest.ts by `npm run docs:manifest-schema`; do not edit by hand. Objects admit no other keys; optional keys may be absent; nullable keys are present with null.',
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
  };
}
