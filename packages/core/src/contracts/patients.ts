import { z } from 'zod';
import { careStatuses } from '../access/patient-scope';
import { address, email, id, isoDate, optionalText, pageQuery, phone, text } from './common';

export const sexesAssignedAtBirth = ['female', 'male', 'intersex', 'unknown', 'declined'] as const;

export const emergencyContact = z.strictObject({
  name: text(200),
  relationship: text(100),
  phone,
});

const dateOfBirth = isoDate.refine((s) => s >= '1900-01-01', 'must be after 1900-01-01');

const patientFields = {
  mrn: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{3,20}$/, 'must be 3–20 capital letters, digits or dashes'),
  legalGivenName: text(100),
  legalFamilyName: text(100),
  preferredName: optionalText(100),
  pronouns: optionalText(40),
  dateOfBirth,
  sexAssignedAtBirth: z.enum(sexesAssignedAtBirth),
  genderIdentity: optionalText(100),
  preferredLanguage: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or es-MX'),
  phone: phone.nullish(),
  email: email.nullish(),
  address: address.nullish(),
  emergencyContact: emergencyContact.nullish(),
  locationId: id,
};

export const patientCreate = z.strictObject({
  ...patientFields,
  mrn: patientFields.mrn.optional(),
  preferredLanguage: patientFields.preferredLanguage.default('en'),
});
export type PatientCreate = z.infer<typeof patientCreate>;

export const patientUpdate = z.strictObject(patientFields).partial();
export type PatientUpdate = z.infer<typeof patientUpdate>;

export const levelsOfCare = ['1.0', '2.1', '2.5', '3.1', '3.5', '3.7', '4.0'] as const;
export type LevelOfCare = (typeof levelsOfCare)[number];
export const levelOfCareLabels: Record<LevelOfCare, string> = {
  '1.0': 'Outpatient',
  '2.1': 'Intensive outpatient',
  '2.5': 'Partial hospitalization',
  '3.1': 'Clinically managed low-intensity residential',
  '3.5': 'Clinically managed high-intensity residential',
  '3.7': 'Medically monitored intensive inpatient',
  '4.0': 'Medically managed intensive inpatient',
};

export const patientView = z.object({
  id,
  mrn: z.string(),
  legalGivenName: z.string(),
  legalFamilyName: z.string(),
  preferredName: z.string().nullable(),
  pronouns: z.string().nullable(),
  dateOfBirth: z.string(),
  sexAssignedAtBirth: z.enum(sexesAssignedAtBirth),
  genderIdentity: z.string().nullable(),
  preferredLanguage: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: address.nullable(),
  emergencyContact: emergencyContact.nullable(),
  locationId: id,
  locationName: z.string(),
  careStatus: z.enum(careStatuses),
  levelOfCare: z.enum(levelsOfCare).nullable(),
  primaryClinician: z.object({ id, name: z.string() }).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatientView = z.infer<typeof patientView>;

export const patientListItem = patientView.pick({
  id: true,
  mrn: true,
  legalGivenName: true,
  legalFamilyName: true,
  preferredName: true,
  pronouns: true,
  dateOfBirth: true,
  locationId: true,
  locationName: true,
  careStatus: true,
  levelOfCare: true,
  primaryClinician: true,
});
export type PatientListItem = z.infer<typeof patientListItem>;

export const patientSearch = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  locationId: id.optional(),
  status: z.enum(careStatuses).optional(),
  clinicianId: id.optional(),
});
export type PatientSearch = z.infer<typeof patientSearch>;

/** Chart header: what every clinical page shows on top. */
export const chartHeader = z.object({
  patient: patientView,
  age: z.number().int(),
  episode: z
    .object({
      id,
      status: z.enum(['pending', 'active', 'discharged']),
      levelOfCare: z.enum(levelsOfCare),
      admittedOn: z.string().nullable(),
      dischargedOn: z.string().nullable(),
      locationName: z.string(),
      primaryClinician: z.object({ id, name: z.string() }).nullable(),
    })
    .nullable(),
  access: z.object({ breakGlass: z.boolean(), expiresAt: z.string().nullable() }),
});
export type ChartHeader = z.infer<typeof chartHeader>;

/** Whole years between a date of birth and a clinic-local date, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/** How a patient is addressed on screen: preferred name first, legal family name. */
export function displayName(p: { preferredName: string | null; legalGivenName: string; legalFamilyName: string }): string {
  return `${p.preferredName ?? p.legalGivenName} ${p.legalFamilyName}`;
}
