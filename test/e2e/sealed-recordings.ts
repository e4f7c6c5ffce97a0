import { openStore, seedCaptures } from '../helpers/sync-fixtures';
import type { RunningHost } from '../helpers/browser-host';
import { api } from './station-setup';

// Three residents sealed through the API and the store (captures seeded, no devices), for the
// journeys that start once recordings exist: exports, cards arriving from the print office.

export const RESIDENTS = ['ASEP SUNANDAR', 'BUDI HARTONO', 'CECEP GUNAWAN'];
export const nikOf = (i: number) => `327301120590000${i + 1}`;

/** With the operator signed in: one sealed recording per resident; returns the packet ids. */
export async function sealResidents(host: RunningHost, password: string): Promise<string[]> {
  const session = await api(host, 'auth.session', {});
  const ids: string[] = [];
  for (const [i, name] of RESIDENTS.entries()) {
    const rec = await api(host, 'recordings.saveDraft', {
      resident: {
        nik: nikOf(i),
        kk: '3273011203150007',
        name,
        birthPlace: 'Bandung',
        birthDate: '1990-05-12',
        sex: 'LAKI-LAKI',
        bloodType: 'O',
        address: 'Jl. Sukasari No. 1',
        rt: '1',
        rw: '2',
        villageCode: '32.73.01.1001',
        religion: 'ISLAM',
        maritalStatus: 'KAWIN',
        occupation: 'WIRASWASTA',
        citizenship: 'WNI',
      },
    });
    ids.push(rec.id);
  }
  const db = openStore(host.dataDir);
  try {
    for (const id of ids) await seedCaptures(db, id, session!.user.id);
  } finally {
    db.close();
  }
  const packetIds: string[] = [];
  for (const id of ids) {
    packetIds.push((await api(host, 'recordings.finish', { id, password })).packetId);
  }
  return packetIds;
}
