import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * 'K' + 10 chars of millisecond time + 16 random chars (80 bits), Crockford base32: sorts by
 * sealing time, unique without coordination, no personal data (safe in logs and URLs). Same
 * shape as the station's other ids (services/common/ids.ts), kept here so packets/ stays below services/.
 */
export function newPacketId(at: Date = new Date()): string {
  let t = at.getTime();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (const b of randomBytes(16)) rand += CROCKFORD[b & 31];
  return `K${time}${rand}`;
}
