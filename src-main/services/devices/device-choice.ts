// Which scanner and pad the technician chose, kept where the hosts can read it before the
// encrypted store is open, and how a chosen id reads as the hosts' `--fingerprint` argument.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SIM_FINGERPRINT_ID = 'sim:fingerprint';
export const SIM_SIGNATURE_ID = 'sim:signature';
/**
 * The choice is also kept in a small plain file next to the database: the hosts create the
 * scanner before the (encrypted) store is open, and a port path is no secret.
 */
export const CHOICE_FILE = 'device-choice.json';

export interface DeviceChoice {
  fingerprint?: string;
  signature?: string;
}

export function readDeviceChoice(dataDir: string): DeviceChoice {
  try {
    const v = JSON.parse(readFileSync(path.join(dataDir, CHOICE_FILE), 'utf8')) as unknown;
    if (!v || typeof v !== 'object') return {};
    const o = v as Record<string, unknown>;
    const pick = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    const out: DeviceChoice = {};
    const f = pick('fingerprint');
    const s = pick('signature');
    if (f) out.fingerprint = f;
    if (s) out.signature = s;
    return out;
  } catch {
    return {};
  }
}

export function writeDeviceChoice(dataDir: string, choice: DeviceChoice): void {
  const file = path.join(dataDir, CHOICE_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(choice), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** A chosen device id as the hosts' `--fingerprint` understands it (path, 'simulated'). */

export function fingerprintArgFromChoice(id: string | undefined): string | undefined {
  if (!id) return undefined;
  if (id === SIM_FINGERPRINT_ID) return 'simulated';
  return id.startsWith('serial:') ? id.slice('serial:'.length) : undefined;
}
