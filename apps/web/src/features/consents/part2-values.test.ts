import { describe, expect, it } from 'vitest';
import { part2Fields } from '@openiop/core';
import { emptyPart2, part2FieldOf, part2Input, part2Values } from './part2-values';

describe('Part 2 form values', () => {
  it('an empty form is a valid draft with nothing filled in', () => {
    const input = part2Input(emptyPart2());
    expect(part2Fields.safeParse(input).success).toBe(true);
    expect(input).toMatchObject({ discloser: null, expiration: null, recipients: [] });
  });

  it.each([
    [
      { expirationKind: 'date', expirationDate: '2027-01-01' },
      { kind: 'date', date: '2027-01-01' },
    ],
    [{ expirationKind: 'date', expirationDate: '' }, null],
    [
      { expirationKind: 'event', expirationEvent: 'other', expirationDescription: 'case closes' },
      { kind: 'event', event: 'other', description: 'case closes' },
    ],
    [{ expirationKind: 'none' }, { kind: 'none' }],
  ] as const)('expiration %j', (change, expected) => {
    expect(part2Input({ ...emptyPart2(), ...change }).expiration).toEqual(expected);
  });

  it('round-trips through the contract shape', () => {
    const v = {
      ...emptyPart2('Riverbend'),
      informationCategories: ['drug_test_results' as const],
      informationDescription: 'Results',
      recipients: [{ kind: 'class' as const, class: 'health_plans' as const }],
      purposes: ['payment' as const],
      expirationKind: 'none' as const,
    };
    expect(part2Values(part2Input(v))).toEqual(v);
  });

  it.each([
    ['part2.information', 'informationDescription'],
    ['part2.informationCategories.0', 'informationCategories'],
    ['part2.recipients.1.name', 'recipients'],
    ['part2.purposes', 'purposes'],
    ['part2.purposeDetail', 'purposeDetail'],
    ['part2.expiration', 'expirationKind'],
    ['statements.revocation', null],
  ])('maps %s to %s', (path, field) => expect(part2FieldOf(path)).toBe(field));
});
