/**
 * `npm run docs:manifest-schema` writes docs/manifest.schema.json (then `npx prettier --write` it) from the manifest's zod schema
 * (the code that opens packets), so the document cannot drift from what is enforced; the unit
 * test src-main/packets/manifest-schema.test.ts fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestJsonSchema } from '../src-main/packets/manifest-json-schema';

const out = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../docs/manifest.schema.json',
);
writeFileSync(out, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
