import type { PatientView, patientCreate, sexesAssignedAtBirth } from '@openiop/core';
import type { z } from 'zod';
import { addressFromForm, addressIsBlank, addressToForm, type AddressFormValues } from '../../lib/address-values';
import { orNull, orUndefined } from '../../lib/form';

/**
 * The patient form as typed: every field a string, keyed by the contract's dotted path so the api's
 * `errors[].path` (`address.postalCode`) lands on the right input without translation.
 */
export type PatientFormValues = {
  mrn: string;
  legalGivenName: string;
  legalFamilyName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  sexAssignedAtBirth: string;
  genderIdentity: string;
  preferredLanguage: string;
  phone: string;
  email: string;
  locationId: string;
  'emergencyContact.name': string;
  'emergencyContact.relationship': string;
  'emergencyContact.phone': string;
} & AddressFormValues;

export const sexLabels: Record<(typeof sexesAssignedAtBirth)[number], string> = {
  female: 'Female',
  male: 'Male',
  intersex: 'Intersex',
  unknown: 'Unknown',
  declined: 'Declined to answer',
};

/** Common languages of US IOP patients, as BCP 47 tags; a patient's other tag is kept as its own option. */
export const languageOptions: Array<{ value: string; label: string }> = [
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Spanish' },
  { value: 'zh', label: 'Chinese' },
  { value: 'vi', label: 'Vietnamese' },
  { value: 'tl', label: 'Tagalog' },
  { value: 'ar', label: 'Arabic' },
  { value: 'fr', label: 'French' },
  { value: 'ht', label: 'Haitian Creole' },
  { value: 'ko', label: 'Korean' },
  { value: 'ru', label: 'Russian' },
  { value: 'pt', label: 'Portuguese' },
  { value: 'de', label: 'German' },
  { value: 'hi', label: 'Hindi' },
  { value: 'pl', label: 'Polish' },
  { value: 'so', label: 'Somali' },
  { value: 'ase', label: 'American Sign Language' },
];

export function valuesFromPatient(p?: PatientView, defaults: { locationId?: string } = {}): PatientFormValues {
  return {
    mrn: p?.mrn ?? '',
    legalGivenName: p?.legalGivenName ?? '',
    legalFamilyName: p?.legalFamilyName ?? '',
    preferredName: p?.preferredName ?? '',
    pronouns: p?.pronouns ?? '',
    dateOfBirth: p?.dateOfBirth ?? '',
    sexAssignedAtBirth: p?.sexAssignedAtBirth ?? '',
    genderIdentity: p?.genderIdentity ?? '',
    preferredLanguage: p?.preferredLanguage ?? 'en',
    phone: p?.phone ?? '',
    email: p?.email ?? '',
    locationId: p?.locationId ?? defaults.locationId ?? '',
    ...addressToForm(p?.address),
    'emergencyContact.name': p?.emergencyContact?.name ?? '',
    'emergencyContact.relationship': p?.emergencyContact?.relationship ?? '',
    'emergencyContact.phone': p?.emergencyContact?.phone ?? '',
  };
}

const blank = (...values: string[]) => values.every((v) => v.trim() === '');

type PatientInput = z.input<typeof patientCreate>;

/**
 * Form values → contract input. Empty optional fields become null (which also clears them on edit); an
 * address or emergency contact left entirely empty is "none", a partly filled one is validated whole.
 */
export function patientInput(v: PatientFormValues, mode: 'create' | 'edit'): PatientInput {
  const address = addressIsBlank(v) ? null : addressFromForm(v);
  const emergencyContact = blank(v['emergencyContact.name'], v['emergencyContact.relationship'], v['emergencyContact.phone'])
    ? null
    : {
        name: v['emergencyContact.name'],
        relationship: v['emergencyContact.relationship'],
        phone: v['emergencyContact.phone'],
      };
  return {
    // On create a blank MRN asks the api to assign the next one; on edit the MRN is required.
    mrn: mode === 'create' ? orUndefined(v.mrn)?.toUpperCase() : v.mrn.toUpperCase(),
    legalGivenName: v.legalGivenName,
    legalFamilyName: v.legalFamilyName,
    preferredName: orNull(v.preferredName),
    pronouns: orNull(v.pronouns),
    dateOfBirth: v.dateOfBirth,
    sexAssignedAtBirth: v.sexAssignedAtBirth as PatientInput['sexAssignedAtBirth'],
    genderIdentity: orNull(v.genderIdentity),
    preferredLanguage: v.preferredLanguage,
    phone: orNull(v.phone),
    email: orNull(v.email),
    address,
    emergencyContact,
    locationId: v.locationId,
  };
}
