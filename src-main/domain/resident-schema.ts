import { z } from 'zod';
import {
  BLOOD_TYPES,
  CITIZENSHIPS,
  MARITAL_STATUSES,
  OCCUPATIONS,
  RELIGIONS,
  SEXES,
} from './resident';

/**
 * The shape of a resident's data wherever it crosses a boundary (the contract's inputs, a
 * packet's manifest): bounded strings and the allowed values. The KTP-el rules themselves
 * (NIK structure, dates, regions) are in validate-resident.ts.
 */
export const residentSchema = z.strictObject({
  nik: z.string().max(32),
  kk: z.string().max(32),
  name: z.string().max(120),
  birthPlace: z.string().max(80),
  birthDate: z.string().max(10),
  sex: z.enum(SEXES),
  bloodType: z.enum(BLOOD_TYPES),
  address: z.string().max(200),
  rt: z.string().max(3),
  rw: z.string().max(3),
  villageCode: z.string().max(13),
  religion: z.enum(RELIGIONS),
  maritalStatus: z.enum(MARITAL_STATUSES),
  occupation: z.enum(OCCUPATIONS),
  citizenship: z.enum(CITIZENSHIPS),
});
