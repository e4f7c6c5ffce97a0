import * as fc from 'fast-check';
import { generateVerdictKeys, signVerdict } from '../../../src-main/packets/index';
import { checkVerdict } from '../../../src-main/packets/verdict';
import { ReplyShapeError, parseReply } from '../../../src-main/sync/central-http';
import {
  packetStatusReplySchema,
  registerErrorSchema,
  registerReplySchema,
} from '../../../src-main/sync/central-replies';
import { defineFuzzTarget } from '../harness';

const keys = generateVerdictKeys();
const genuine = signVerdict(
  {
    stationId: 'S01FUZZ',
    packetId: 'K01FUZZ',
    status: 'received',
    reason: null,
    at: '2026-12-07T10:00:00.000Z',
  },
  keys.privateKeyPem,
);
const valid = JSON.stringify({ packetId: 'K01FUZZ', verdict: genuine });

/** Reply bodies: random bytes, random JSON, and the genuine reply with one field replaced. */
const body = fc.oneof(
  fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
  fc.json({ maxDepth: 4 }).map((j) => Buffer.from(j)),
  fc
    .tuple(fc.constantFrom(...Object.keys(genuine)), fc.jsonValue({ maxDepth: 2 }))
    .map(([k, v]) =>
      Buffer.from(JSON.stringify({ packetId: 'K01FUZZ', verdict: { ...genuine, [k]: v } })),
    ),
  fc.nat({ max: valid.length }).map((n) => Buffer.from(valid.slice(0, n))),
);

/** Every central JSON reply goes through parseReply + zod; a verdict that passes is verified. */
export default defineFuzzTarget({
  name: 'central-replies',
  arbitrary: body,
  run(b) {
    const reply = { status: 200, headers: {}, body: b };
    for (const parse of [
      () => parseReply(reply, registerReplySchema),
      () => parseReply(reply, registerErrorSchema),
    ]) {
      try {
        parse();
      } catch (e) {
        if (!(e instanceof ReplyShapeError)) throw e;
      }
    }
    const r = parseReply(reply, packetStatusReplySchema);
    const check = checkVerdict(
      r.verdict,
      { stationId: 'S01FUZZ', packetId: 'K01FUZZ' },
      keys.publicKeyPem,
    );
    // Only the untouched genuine verdict may verify.
    if (check === 'ok' && JSON.stringify(r.verdict) !== JSON.stringify(genuine)) {
      throw new Error('an altered verdict verified');
    }
  },
  isExpectedError: (e) => e instanceof ReplyShapeError,
});
