import { describe, expect, it } from 'vitest';
import { normalizeName, phoneDigits, scoreDuplicate, type MatchField, type MatchStrength, type PersonKeys } from './duplicates';

const patient: PersonKeys = {
  givenName: 'José',
  familyName: 'García-López',
  otherGivenNames: ['Pepe'],
  dateOfBirth: '1988-03-02',
  phone: '+1 (503) 555-0142',
  email: 'Jose.Garcia@example.test',
};
const blank: PersonKeys = { givenName: null, familyName: null, dateOfBirth: null, phone: null, email: null };

describe('scoreDuplicate', () => {
  const cases: [string, Partial<PersonKeys>, MatchStrength, MatchField[]][] = [
    ['nothing known', {}, 'none', []],
    [
      'same names, dob, accents and case differ',
      { givenName: 'jose', familyName: 'GARCIA LOPEZ', dateOfBirth: '1988-03-02' },
      'strong',
      ['dateOfBirth', 'familyName', 'givenName'],
    ],
    [
      'phone formatted differently plus family name',
      { phone: '503.555.0142', familyName: 'Garcia-Lopez' },
      'strong',
      ['phone', 'familyName'],
    ],
    [
      'e-mail in other case plus preferred name',
      { email: 'jose.garcia@EXAMPLE.test', givenName: 'Pepe' },
      'strong',
      ['email', 'givenName'],
    ],
    ['dob alone is never enough', { dateOfBirth: '1988-03-02' }, 'none', ['dateOfBirth']],
    [
      'dob and family name: worth a look',
      { dateOfBirth: '1988-03-02', familyName: 'garcía lópez' },
      'possible',
      ['dateOfBirth', 'familyName'],
    ],
    ['phone alone: worth a look? no (3)', { phone: '5035550142' }, 'none', ['phone']],
    ['phone and dob without a name', { phone: '15035550142', dateOfBirth: '1988-03-02' }, 'possible', ['dateOfBirth', 'phone']],
    ['different person, same given name', { givenName: 'José', familyName: 'Martínez', dateOfBirth: '1990-01-01' }, 'none', ['givenName']],
    ['short phone ignored', { phone: '0142', familyName: 'Garcia Lopez' }, 'none', ['familyName']],
  ];
  it.each(cases)('%s', (_name, keys, strength, fields) => {
    const r = scoreDuplicate({ ...blank, ...keys }, patient);
    expect(r.strength).toBe(strength);
    expect(r.fields).toEqual(fields);
  });
});

describe('normalizers', () => {
  it.each([
    ['José-Luis O’Brien', 'joseluisobrien'],
    ['  ZOË ', 'zoe'],
    [null, ''],
  ])('normalizeName(%s)', (input, out) => expect(normalizeName(input)).toBe(out));
  it.each([
    ['+1 (503) 555-0142', '5035550142'],
    ['555-0142', '5550142'],
    ['12', ''],
    [null, ''],
  ])('phoneDigits(%s)', (input, out) => expect(phoneDigits(input)).toBe(out));
});
