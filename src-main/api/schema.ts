import { z } from 'zod';
import type { Role } from '../domain/roles';

/**
 * Building blocks shared by the contract files (contract.ts and its per-area parts), so every
 * part validates names, ids and binary payloads the same way.
 */

export { ROLES } from '../domain/roles';
export type { Role } from '../domain/roles';

/** `public`: no session needed. `any`: any unlocked session. Otherwise the listed roles. */
export type Access = 'public' | 'any' | readonly Role[];

export const text = (max: number) => z.string().trim().min(1).max(max);
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/);
export const password = z.string().min(1).max(256);
export const regionCode = z.string().regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/);
export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** Binary payloads cross JSON transports as base64; the bound is on the decoded size. */
export const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/);
/** One method of the contract: who may call it and what its input must be. */
export interface MethodSpec {
  access: Access;
  input: z.ZodType;
  /** Raises the JSON transports' request body limit (frames, imports). */
  maxBodyBytes?: number;
}
