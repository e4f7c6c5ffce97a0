// The office hub's pairing and its refusals, with the hub and a desk as separate processes on
// loopback, plus a desk played by the test itself (its own Ed25519 key) so it can replay, tamper
// and impersonate at the byte level.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStationKeys } from '../../src-main/packets/keys';
import { hubCall } from '../../src-main/services/office/hub-client';
import { pairingMac, signOfficeRequest } from '../../src-main/services/office/office-auth';
import { hubAddress, startOfficeStation } from '../helpers/office-stations';
import type { OfficeStation } from '../helpers/office-stations';

describe('office hub: pairing and authenticated requests', () => {
  let hub: OfficeStation;
  let desk: OfficeStation;
  let hubUrl: string;
  let hubPin: string;
  const fake = { stationId: `FAKE${randomBytes(6).toString('hex')}`, ...generateStationKeys() };

  beforeAll(async () => {
    [hub, desk] = await Promise.all([
      startOfficeStation('Hub Kantor', { hub: true }),
      startOfficeStation('Meja Dua'),
    ]);
    await hub.as('technician');
    hubUrl = await hubAddress(hub);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([hub?.stop(), desk?.stop()]);
  });

  const deskList = () => hub.must('office.desks', {});

  it('refuses a wrong code, then pairs with the right one; both sides show the other', async () => {
    const code = await hub.must('office.pairingCode', {});
    expect(code.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    hubPin = code.tlsPin;
    await desk.as('technician');
    const wrong = await desk.call('office.join', { url: hubUrl, code: 'AAAA-AAAA' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toMatch(/Kode pemasangan ditolak/);
    expect(await deskList()).toEqual([]);

    const joined = await desk.must('office.join', { url: hubUrl, code: code.code.toLowerCase() });
    expect(joined.role).toBe('desk');
    expect(joined.hub?.label).toBe('Meja 2');
    // The fingerprint the desk shows is the one the hub shows next to its code.
    expect(joined.hub?.hubFingerprint).toBe(code.fingerprint);
    const desks = await deskList();
    expect(desks.map((d) => [d.stationName, d.label, d.revokedAt])).toEqual([
      ['Meja Dua', 'Meja 2', null],
    ]);
    // The desk's hello arrives at once: last seen, version and a small skew (same machine).
    await expect
      .poll(async () => (await deskList())[0]?.version, { timeout: 10_000 })
      .toBe('0.1.0');
    const d = (await deskList())[0]!;
    expect(d.lastSeenAt).not.toBeNull();
    expect(d.skewFlagged).toBe(false);
  });

  it('a used code cannot pair again (a replayed pairing request is refused)', async () => {
    const code = await hub.must('office.pairingCode', {});
    const request = {
      stationId: fake.stationId,
      stationName: 'Meja Uji',
      publicKey: fake.publicKeyPem,
      version: '0.1.0',
      at: new Date().toISOString(),
      nonce: randomBytes(16).toString('base64url'),
    };
    const body = { ...request, mac: pairingMac(code.code, 'desk', request) };
    const first = await hubCall({ url: hubUrl, pin: null, path: '/office/v1/pair', body });
    expect(first.status).toBe(200);
    expect(first.seenPin).toBe(hubPin);
    expect((first.body as { deskNo: number }).deskNo).toBe(3);
    const again = await hubCall({ url: hubUrl, pin: null, path: '/office/v1/pair', body });
    expect(again.status).toBe(403);
    expect((await deskList()).length).toBe(2);
  });

  it('a signed request is accepted once; its replay, a tampered copy, an unpaired key and a borrowed id are refused', async () => {
    const path = '/office/v1/hello';
    const body = Buffer.from(
      JSON.stringify({ version: '9.9.9', at: new Date(Date.now() + 120_000).toISOString() }),
    );
    const headers = signOfficeRequest(
      { method: 'POST', path, body },
      fake.stationId,
      fake.privateKeyPem,
    );
    const send = (h: Record<string, string>, b: Buffer = body) =>
      hubCall({ url: hubUrl, pin: hubPin, path, body: null, headers: h, rawBody: b });

    const first = await send(headers);
    expect(first.status).toBe(200);
    const before = await deskList();
    const fakeRow = before.find((d) => d.stationId === fake.stationId)!;
    // Two minutes ahead: flagged for the technician.
    expect(fakeRow.skewFlagged).toBe(true);
    expect(fakeRow.version).toBe('9.9.9');

    const replay = await send(headers);
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual({ error: 'replay' });

    const tampered = Buffer.from(body.toString().replace('9.9.9', '6.6.6'));
    const fresh = signOfficeRequest(
      { method: 'POST', path, body },
      fake.stationId,
      fake.privateKeyPem,
    );
    expect((await send(fresh, tampered)).body).toEqual({ error: 'bad-signature' });

    const stranger = generateStationKeys();
    const unpaired = signOfficeRequest(
      { method: 'POST', path, body },
      'NOBODY1',
      stranger.privateKeyPem,
    );
    expect((await send(unpaired)).body).toEqual({ error: 'unknown-desk' });

    // The fake desk signs with its own key but claims the real desk's id.
    const realId = before.find((d) => d.stationName === 'Meja Dua')!.stationId;
    const borrowed = signOfficeRequest({ method: 'POST', path, body }, realId, fake.privateKeyPem);
    expect((await send(borrowed)).body).toEqual({ error: 'bad-signature' });

    // Nothing changed by the refused requests.
    const after = await deskList();
    expect(after.find((d) => d.stationId === fake.stationId)).toEqual(fakeRow);
    expect(after.find((d) => d.stationId === realId)?.version).toBe('0.1.0');
  });

  it('a desk cannot pair under another desk’s id', async () => {
    const realId = (await deskList()).find((d) => d.stationName === 'Meja Dua')!.stationId;
    const code = await hub.must('office.pairingCode', {});
    const other = generateStationKeys();
    const request = {
      stationId: realId,
      stationName: 'Meja Palsu',
      publicKey: other.publicKeyPem,
      version: '0.1.0',
      at: new Date().toISOString(),
      nonce: randomBytes(16).toString('base64url'),
    };
    const r = await hubCall({
      url: hubUrl,
      pin: null,
      path: '/office/v1/pair',
      body: { ...request, mac: pairingMac(code.code, 'desk', request) },
    });
    expect(r.status).toBe(409);
    expect((await deskList()).find((d) => d.stationId === realId)?.stationName).toBe('Meja Dua');
  });

  it('a desk pinned on the hub refuses a server with another TLS key', async () => {
    const wrongPin = '0'.repeat(64);
    await expect(
      hubCall({ url: hubUrl, pin: wrongPin, path: '/office/v1/hello', body: {} }),
    ).rejects.toThrow(/TLS key/);
  });

  it('unpairing on the hub (audit-logged) refuses the desk from then on', async () => {
    const realId = (await deskList()).find((d) => d.stationName === 'Meja Dua')!.stationId;
    const revoked = await hub.must('office.unpair', { stationId: realId });
    expect(revoked.revokedAt).not.toBeNull();
    await hub.as('supervisor');
    const audit = await hub.must('audit.list', { limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'office.hub',
        'office.paired',
        'office.pair-refused',
        'office.unpaired',
      ]),
    );
    await desk.as('operator');
    const r = await desk.call('queue.callNext', { desk: 'Meja 2' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/tidak \(lagi\) dipasangkan/);
    await desk.as('technician');
    const status = await desk.must('office.status', {});
    expect(status.hub?.connected).toBe(false);
  });
});
