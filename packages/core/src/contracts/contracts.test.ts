import { describe, expect, it } from 'vitest';
import { ageOn, displayName, isoDate, patientCreate, patientSearch, ianaTimeZone } from './index';
import { localDate } from '../time';

describe('isoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['01/02/2026', false],
    ['2026-11-22', true],
  ])('%s → %s', (s, ok) => expect(isoDate.safeParse(s).success).toBe(ok));
});

describe('ageOn', () => {
  it.each([
    ['1990-06-15', '2026-06-14', 35],
    ['1990-06-15', '2026-06-15', 36],
    ['2000-02-29', '2026-02-28', 25],
    ['2000-02-29', '2026-03-01', 26],
    ['2008-12-31', '2026-01-01', 17],
  ])('born %s, on %s → %i', (dob, today, age) => expect(ageOn(dob, today)).toBe(age));
});

describe('patient contracts', () => {
  const base = {
    legalGivenName: 'Ana',
    legalFamilyName: 'Ruiz',
    dateOfBirth: '1990-01-01',
    sexAssignedAtBirth: 'female',
    locationId: '6f1c1a8e-3f5b-4c55-9d43-2b9b2f0c1d11',
  };

  it('accepts a minimal patient and defaults the language', () => {
    const r = patientCreate.parse(base);
    expect(r.preferredLanguage).toBe('en');
  });

  it('rejects unknown fields by name', () => {
    const r = patientCreate.safeParse({ ...base, ssn: '123' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('ssn');
  });

  it.each([
    ['dateOfBirth', '1899-12-31'],
    ['dateOfBirth', '1990-02-30'],
    ['sexAssignedAtBirth', 'other'],
    ['locationId', 'main'],
    ['email', 'not-an-email'],
    ['phone', 'call me'],
    ['mrn', 'has spaces'],
    ['preferredLanguage', 'English'],
  ])('rejects %s = %s', (field, value) => {
    const r = patientCreate.safeParse({ ...base, [field]: value });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([field]);
  });

  it('turns blank optional text into null', () => {
    expect(patientCreate.parse({ ...base, pronouns: '  ' }).pronouns).toBeNull();
  });

  it('search rejects unknown query parameters and bounds the limit', () => {
    expect(patientSearch.safeParse({ q: 'x', sort: 'name' }).success).toBe(false);
    expect(patientSearch.safeParse({ limit: '500' }).success).toBe(false);
    expect(patientSearch.parse({ limit: '20' }).limit).toBe(20);
  });

  it('shows the preferred name first', () => {
    expect(displayName({ preferredName: 'Ro', legalGivenName: 'Rowena', legalFamilyName: 'Quist' })).toBe('Ro Quist');
    expect(displayName({ preferredName: null, legalGivenName: 'Rowena', legalFamilyName: 'Quist' })).toBe('Rowena Quist');
  });

  it.each([
    ['America/Chicago', true],
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['CST', false],
  ])('time zone %s → %s', (tz, ok) => expect(ianaTimeZone.safeParse(tz).success).toBe(ok));
});

describe('localDate', () => {
  it.each([
    ['2026-11-16T07:30:00Z', 'America/Los_Angeles', '2026-11-15'],
    ['2026-11-16T08:30:00Z', 'America/Los_Angeles', '2026-11-16'],
    ['2026-03-08T09:59:00Z', 'America/Denver', '2026-03-08'],
    ['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01'],
    ['2026-11-16T23:30:00Z', 'Pacific/Auckland', '2026-11-17'],
  ])('%s in %s is %s', (at, tz, day) => expect(localDate(new Date(at), tz)).toBe(day));
});
