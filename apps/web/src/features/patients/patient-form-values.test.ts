import { patientCreate, patientUpdate, type PatientView } from '@openiop/core';
import { describe, expect, it } from 'vitest';
import { patientInput, valuesFromPatient } from './patient-form-values';

const LOCATION = '5f3c1a9e-8b2d-4c7e-9f10-2a3b4c5d6e7f';

const patient: PatientView = {
  id: '0b7c9a52-1d3e-4f5a-8b6c-7d8e9f0a1b2c',
  mrn: 'IOP-100001',
  legalGivenName: 'Rowena',
  legalFamilyName: 'Quist',
  preferredName: 'Ro',
  pronouns: 'she/her',
  dateOfBirth: '1991-05-14',
  sexAssignedAtBirth: 'female',
  genderIdentity: null,
  preferredLanguage: 'es-MX',
  phone: '+1 555 010 2020',
  email: null,
  address: { line1: '1 Main St', line2: null, city: 'Denver', region: 'CO', postalCode: '80205', country: 'US' },
  emergencyContact: null,
  locationId: LOCATION,
  locationName: 'Riverbend Denver',
  careStatus: 'active',
  levelOfCare: '2.1',
  primaryClinician: null,
  version: 4,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('patient form values', () => {
  it('round-trips a patient through the form unchanged', () => {
    const input = patientInput(valuesFromPatient(patient), 'edit');
    const parsed = patientUpdate.parse(input);
    expect(parsed).toMatchObject({
      mrn: 'IOP-100001',
      preferredName: 'Ro',
      genderIdentity: null,
      preferredLanguage: 'es-MX',
      address: patient.address,
      emergencyContact: null,
    });
  });

  it('treats an untouched address and emergency contact as none, and a blank MRN as "assign one"', () => {
    const values = { ...valuesFromPatient(undefined, { locationId: LOCATION }), legalGivenName: 'A', legalFamilyName: 'B' };
    const input = patientInput({ ...values, dateOfBirth: '1990-01-01', sexAssignedAtBirth: 'male' }, 'create');
    expect(input.address).toBeNull();
    expect(input.emergencyContact).toBeNull();
    expect(input.mrn).toBeUndefined();
    expect(patientCreate.safeParse(input).success).toBe(true);
  });

  it('validates a partly filled address as a whole', () => {
    const values = { ...valuesFromPatient(patient), 'address.line1': '', 'address.city': 'Denver' };
    const result = patientUpdate.safeParse(patientInput(values, 'edit'));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['address.line1']);
  });

  it('requires the MRN on edit and upper-cases it', () => {
    expect(patientInput({ ...valuesFromPatient(patient), mrn: 'iop-7' }, 'edit').mrn).toBe('IOP-7');
    expect(patientUpdate.safeParse(patientInput({ ...valuesFromPatient(patient), mrn: '' }, 'edit')).success).toBe(false);
  });
});
