import { describe, expect, it } from 'vitest';
import { createHostOps } from './host-ops';
import { DeviceManager } from './manager';
import type { HostClient, ManagedDevice } from './manager';
import type { RawDevice } from './matching';

const bridge = (path: string): RawDevice => ({
  kind: 'serial',
  path,
  vendorId: 0x10c4,
  productId: 0xea60,
  serial: '0001',
  manufacturer: 'Silicon Labs',
  product: null,
});
const stu: RawDevice = {
  kind: 'hid',
  path: '/dev/hidraw3',
  vendorId: 0x056a,
  productId: 0x00a5,
  serial: 'STU123',
  manufacturer: 'Wacom',
  product: 'STU-530',
  release: 0x0107,
  usagePage: 0xff00,
};
const builtin: RawDevice = { ...bridge('/dev/ttyS0'), vendorId: null, productId: null };

/** A host whose enumeration the test scripts; probes answer as the script says. */
function scriptedHost(answering: Set<string>) {
  let plugged: RawDevice[] = [];
  const probes: string[] = [];
  const client: HostClient = {
    request: (async (op: string, params: { path: string }) => {
      if (op === 'enumerate') return { devices: plugged, errors: [] };
      if (op === 'probe') {
        probes.push(params.path);
        return answering.has(params.path)
          ? {
              answered: true,
              baud: 57600,
              params: { systemId: 9, capacity: 300, securityLevel: 3 } as never,
            }
          : { answered: false, error: 'no answer' };
      }
      throw new Error(op);
    }) as HostClient['request'],
  };
  return { client, probes, plug: (d: RawDevice[]) => (plugged = d) };
}

function nextChange(m: DeviceManager, until: (l: ManagedDevice[]) => boolean) {
  return new Promise<ManagedDevice[]>((resolve) => {
    const on = (l: ManagedDevice[]) => {
      if (!until(l)) return;
      m.off('changed', on);
      resolve(l);
    };
    m.on('changed', on);
  });
}

describe('device manager', () => {
  it('sees devices plugged in and pulled out between polls (hot-plug)', async () => {
    const host = scriptedHost(new Set());
    const m = new DeviceManager({ host: host.client, pollMs: 20, probe: false }).start();
    try {
      host.plug([builtin, stu]);
      const added = await nextChange(m, (l) => l.length === 1);
      expect(added[0]).toMatchObject({
        id: 'hid:/dev/hidraw3',
        match: { modality: 'signature', name: 'Wacom STU-530' },
        serial: 'STU123',
      });
      host.plug([builtin, stu, bridge('/dev/ttyUSB0')]);
      await nextChange(m, (l) => l.length === 2);
      host.plug([builtin]);
      const gone = await nextChange(m, (l) => l.length === 0);
      expect(gone).toEqual([]);
    } finally {
      m.stop();
    }
  });

  it('probes fingerprint candidates once each, and not the port the scanner holds', async () => {
    const host = scriptedHost(new Set(['/dev/ttyUSB1']));
    host.plug([bridge('/dev/ttyUSB0'), bridge('/dev/ttyUSB1'), bridge('/dev/ttyUSB2')]);
    const m = new DeviceManager({
      host: host.client,
      pollMs: 20,
      inUse: () => new Set(['/dev/ttyUSB0']),
    }).start();
    try {
      const done = await nextChange(
        m,
        (l) => l.length === 3 && l.every((d) => d.probe.state !== 'pending'),
      );
      const by = Object.fromEntries(done.map((d) => [d.path, d.probe]));
      expect(by['/dev/ttyUSB0']).toEqual({ state: 'skipped', reason: 'in-use' });
      expect(by['/dev/ttyUSB1']).toMatchObject({ state: 'answered', baud: 57600, capacity: 300 });
      expect(by['/dev/ttyUSB2']).toMatchObject({ state: 'silent' });
      await new Promise((r) => setTimeout(r, 100)); // several more polls
      expect(host.probes.sort()).toEqual(['/dev/ttyUSB1', '/dev/ttyUSB2']);
    } finally {
      m.stop();
    }
  });

  it('keeps the last picture while the host is down and reports it', async () => {
    let down = false;
    const m = new DeviceManager({
      host: {
        request: (async () => {
          if (down) throw new Error('host down');
          return { devices: [stu], errors: ['serial: permission denied'] };
        }) as HostClient['request'],
      },
      pollMs: 10_000,
    }).start();
    try {
      await m.refresh();
      expect(m.list()).toHaveLength(1);
      expect(m.errors()).toEqual(['serial: permission denied']);
      down = true;
      await m.refresh();
      expect(m.hostState).toBe('down');
      expect(m.list()).toHaveLength(1);
    } finally {
      m.stop();
    }
  });

  it('in-process host ops enumerate this machine without throwing', async () => {
    const ops = createHostOps();
    const r = await ops('enumerate', {});
    expect(Array.isArray(r.devices)).toBe(true);
    expect((await ops('ping', {})).pid).toBe(process.pid);
    await expect(ops('nope' as never, {} as never)).rejects.toThrow(/unknown op/);
  });
});
