import * as fc from 'fast-check';
import { generateStationKeys } from '../../../src-main/packets/keys';
import {
  OFFICE_HEADERS,
  signOfficeRequest,
  verifyOfficeRequest,
} from '../../../src-main/services/office/office-auth';
import { defineFuzzTarget } from '../harness';

const keys = generateStationKeys();
const at = new Date('2026-12-07T03:00:00.000Z');
const path = '/office/v1/queue';
const body = Buffer.from(JSON.stringify({ method: 'queue.callNext', input: { desk: 'Meja 2' } }));
const genuine = signOfficeRequest(
  { method: 'POST', path, body },
  'S01DESK',
  keys.privateKeyPem,
  at,
);
const headerNames = Object.values(OFFICE_HEADERS);

type Case = { headers: Record<string, unknown>; body: Buffer; path: string };

/** The genuine request with a header replaced, dropped or doubled, its body or path changed. */
const request: fc.Arbitrary<Case> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...headerNames),
      fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        fc.constant(undefined),
      ),
    )
    .map(([k, v]) => ({ headers: { ...genuine, [k]: v }, body, path })),
  fc
    .uint8Array({ maxLength: 256 })
    .map((b) => ({ headers: { ...genuine }, body: Buffer.from(b), path })),
  fc.string({ maxLength: 40 }).map((p) => ({ headers: { ...genuine }, body, path: p })),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 60 })).map((h) => ({
    headers: h,
    body,
    path,
  })),
);

/** A hub reads every desk request through verifyOfficeRequest: it never throws, and only the
 * untouched genuine request verifies. */
export default defineFuzzTarget({
  name: 'office-request',
  arbitrary: request,
  run(c) {
    const r = verifyOfficeRequest(
      { method: 'POST', path: c.path, body: c.body },
      c.headers as Record<string, string>,
      (id) => (id === 'S01DESK' ? keys.publicKeyPem : null),
      at,
    );
    const untouched =
      c.path === path &&
      c.body.equals(body) &&
      headerNames.every((h) => c.headers[h] === genuine[h]);
    if (r.ok && !untouched) throw new Error('an altered desk request verified');
  },
  isExpectedError: () => false,
});
