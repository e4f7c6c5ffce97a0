// Stations of one office for tests: each a real browser host process with its own data folder
// and ports (0), set up with a supervisor, a technician and an operator, driven over its API.
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import type { Reply } from '../../src-main/api/reply';
import { SUPERVISOR, addUser, loginAs, must as mustOn, tempDir } from './station';
import { startBrowserHost } from './browser-host';
import { OPERATOR, OPERATOR_PASSWORD, makeDrafts, prepareStation } from './sync-station';
import type { CentralLike } from './sync-station';
import type { RunningHost } from './browser-host';

export const PASSWORD = 'kata-sandi-kantor-42';
const ROLE_USERS = { supervisor: 'spv', technician: 'tek', operator: 'ops' } as const;
export type OfficeRole = keyof typeof ROLE_USERS;

export interface OfficeStation {
  host: RunningHost;
  name: string;
  /** Raw reply of one API call as whoever is signed in. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Reply<MethodOutput<M>>>;
  /** The value of a call that must succeed. */
  must<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Signs in as the station's user of that role (ending the current session). */
  as(role: OfficeRole): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startOfficeStation(
  name: string,
  opts: { hub?: boolean; dataDir?: string; hubPort?: number; helloSeconds?: number } = {},
): Promise<OfficeStation> {
  const host = await startBrowserHost({
    // Four stations start one after the other on a machine that may be busy.
    startTimeoutMs: 90_000,
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    extraArgs: [
      '--fingerprint',
      'none',
      '--signature',
      'none',
      '--hub-port',
      String(opts.hubPort ?? 0),
      '--hub-host',
      '127.0.0.1',
      ...(opts.hub ? ['--hub'] : []),
      ...(opts.helloSeconds ? ['--hub-hello', String(opts.helloSeconds)] : []),
    ],
  });
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const res = await fetch(`${host.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rekam-secret': host.secret },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Reply<MethodOutput<M>>;
  };
  const must = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const r = await call(method, input);
    if (!r.ok) throw new Error(`${name} ${method}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const station: OfficeStation = {
    host,
    name,
    call,
    must,
    async as(role) {
      await call('auth.logout', {});
      await must('auth.login', { username: ROLE_USERS[role], password: PASSWORD });
    },
    stop: (signal) => host.stop(signal),
  };
  if (!opts.dataDir) {
    await must('setup.create', {
      stationName: name,
      kecamatanCode: '32.73.01',
      supervisor: {
        username: ROLE_USERS.supervisor,
        fullName: 'Supervisor Kantor',
        password: PASSWORD,
      },
    });
    for (const role of ['technician', 'operator'] as const) {
      await must('users.create', {
        username: ROLE_USERS[role],
        fullName: `${role === 'technician' ? 'Teknisi' : 'Operator'} ${name}`,
        role,
        password: PASSWORD,
      });
    }
  }
  return station;
}

/** The hub's loopback address, as its technician's screen lists it. */
export async function hubAddress(hub: OfficeStation): Promise<string> {
  const s = await hub.must('office.status', {});
  const url = s.service?.urls.find((u) => u.includes('127.0.0.1'));
  if (!url) throw new Error('hub is not listening');
  return url;
}

/** Pairs `desk` with `hub` the way technicians do: a code on the hub, typed at the desk. */
export async function pairDesk(hub: OfficeStation, desk: OfficeStation): Promise<void> {
  await hub.as('technician');
  const code = await hub.must('office.pairingCode', {});
  await desk.as('technician');
  await desk.must('office.join', { url: await hubAddress(hub), code: code.code });
}

/**
 * A desk's data folder prepared in the test process: registered with `central`, approval before
 * upload on, `n` sealed recordings awaiting approval (or complete drafts, `seal: false`), and
 * the office helpers' technician and supervisor, so a desk process (or a reopened station) can
 * run on it.
 */
export async function sealedDeskStore(
  central: CentralLike,
  n: number,
  opts: { seal?: boolean } = {},
): Promise<{ dir: string; cleanup: () => void; ids: string[]; packets: string[] }> {
  const { dir, cleanup } = tempDir('rekam-office-desk-');
  const { station, operatorId } = await prepareStation(dir, central);
  await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
  await mustOn(station, 'supervisor.setSettings', { approvalRequiredForUpload: true });
  await addUser(station, ROLE_USERS.technician, 'technician', PASSWORD);
  await addUser(station, ROLE_USERS.supervisor, 'supervisor', PASSWORD);
  await loginAs(station, OPERATOR);
  const ids = await makeDrafts(station, dir, operatorId, n);
  const packets: string[] = [];
  // Unsealed: complete drafts (photo, fingerprints, signature) the desk's operator seals.
  for (const id of opts.seal === false ? [] : ids) {
    const r = await mustOn(station, 'recordings.finish', { id, password: OPERATOR_PASSWORD });
    packets.push(r.packetId);
  }
  await station.close();
  return { dir, cleanup, ids, packets };
}
