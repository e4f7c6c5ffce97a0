// A reader written from the document alone: docs/manifest.schema.json through a generic JSON
// Schema validator (ajv, draft-07), with no knowledge of the station's code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const file = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../docs/manifest.schema.json',
);
export const documentedManifestSchema = JSON.parse(readFileSync(file, 'utf8')) as Record<
  string,
  unknown
>;

// Formats are left to the patterns the schema carries (ajv-formats is not needed for that).
const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(
  documentedManifestSchema,
);

/** Null when the manifest satisfies the documented schema, else ajv's error list. */
export function documentedSchemaErrors(manifest: unknown): string | null {
  return validate(manifest) ? null : JSON.stringify(validate.errors);
}
