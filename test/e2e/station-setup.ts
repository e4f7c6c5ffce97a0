import { expect, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import type { RunningHost } from '../helpers/browser-host';

/**
 * Shared e2e steps: talk to a running browser host straight over its HTTP API (as the page
 * does, with the per-run secret), set up a station with an operator, and log in through the UI.
 * The foundation journey does all of this through the UI; later journeys start from here.
 */
export async function api<M extends MethodName>(
  host: RunningHost,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const res = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rekam-secret': host.secret },
    body: JSON.stringify(input),
  });
  const reply = (await res.json()) as
    | { ok: true; value: MethodOutput<M> }
    | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

export interface Operator {
  username: string;
  password: string;
  fullName: string;
}

export const OPERATOR: Operator = {
  username: 'budi',
  password: 'operator-budi-1',
  fullName: 'Budi Santoso',
};

/** A station in Kec. Sukasari (Kota Bandung), its supervisor and one operator; nobody signed in. */
export async function setUpStation(host: RunningHost, operator = OPERATOR): Promise<void> {
  await api(host, 'setup.create', {
    stationName: 'Meja 1 Kecamatan Sukasari',
    kecamatanCode: '32.73.01',
    supervisor: { username: 'kepala', fullName: 'Dewi Lestari', password: 'rahasia-kepala-1' },
  });
  await api(host, 'users.create', { ...operator, role: 'operator' });
  await api(host, 'auth.logout', {});
}

export async function loginUi(page: Page, operator = OPERATOR): Promise<void> {
  await expect(page.getByTestId('login-username')).toBeVisible();
  await page.getByTestId('login-username').fill(operator.username);
  await page.getByTestId('login-password').fill(operator.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('status-bar')).toBeVisible();
}
