import { z } from 'zod';

// The photo settings a supervisor may change and the verdict of each photo check: shared by the
// pipeline (main), the store and the contract.

const rgb = z.tuple([
  z.number().int().min(0).max(255),
  z.number().int().min(0).max(255),
  z.number().int().min(0).max(255),
]);

export const photoSettingsSchema = z.strictObject({
  width: z.number().int().min(240).max(1200),
  height: z.number().int().min(320).max(1600),
  jpegQuality: z.number().int().min(50).max(95),
  thumbWidth: z.number().int().min(60).max(300),
  /** Reference background colours (sRGB) and the allowed distance (CIE76 ΔE). */
  redReference: rgb,
  blueReference: rgb,
  backgroundTolerance: z.number().min(5).max(80),
});

export type PhotoSettings = z.infer<typeof photoSettingsSchema>;
export type CheckResult = 'pass' | 'warn' | 'fail';
export type PhotoCheckId = 'face' | 'exposure' | 'sharpness' | 'background' | 'glasses';

export interface PhotoCheck {
  id: PhotoCheckId;
  result: CheckResult;
  /** What the operator should do, in the UI language. */
  message: string;
  /** The measured figure behind the verdict, for the supervisor and the technician. */
  value?: number;
}
