import { patientCreate } from '@openiop/core';
import { describe, expect, it } from 'vitest';
import { changedFields, zodFieldErrors } from './form';

function errorsFor(input: Record<string, unknown>) {
  const result = patientCreate.safeParse(input);
  if (result.success) return {};
  return zodFieldErrors(result.error, input);
}

describe('zodFieldErrors', () => {
  const valid = {
    legalGivenName: 'Ana',
    legalFamilyName: 'Rivera',
    dateOfBirth: '1988-04-17',
    sexAssignedAtBirth: 'female',
    locationId: '5f3c1a9e-8b2d-4c7e-9f10-2a3b4c5d6e7f',
  };

  it('keys messages by dotted contract path, as the api does', () => {
    const errors = errorsFor({ ...valid, address: { line1: '1 Main St', city: 'Denver', region: 'CO', postalCode: '!' } });
    expect(errors).toEqual({ 'address.postalCode': 'Must be a postal code' });
  });

  it('says "Required" for an empty choice but keeps the contract wording for empty text', () => {
    const errors = errorsFor({ ...valid, legalGivenName: '', sexAssignedAtBirth: '', locationId: '' });
    expect(errors).toEqual({ legalGivenName: 'Must not be empty', sexAssignedAtBirth: 'Required', locationId: 'Required' });
  });

  it('explains a wrong value in the contract words', () => {
    expect(errorsFor({ ...valid, dateOfBirth: '1988-02-30' })).toEqual({ dateOfBirth: 'Must be a real calendar date' });
  });
});

describe('changedFields', () => {
  it('keeps only what differs, comparing nested values by content', () => {
    const before = { name: 'A', address: { city: 'Denver' }, roles: ['clinician'], phone: null };
    const next = { name: 'A', address: { city: 'Boulder' }, roles: ['clinician'], phone: null };
    expect(changedFields(before, next)).toEqual({ address: { city: 'Boulder' } });
  });
});
