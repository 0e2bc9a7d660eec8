import { describe, expect, it } from 'vitest';
import { emptyRelapsePlan, relapsePlanContent } from '@openiop/core';
import { fromForm, toForm } from './plan-form';

describe('relapse-plan form values', () => {
  it('an empty plan gets one blank contact row and comes back empty', () => {
    const f = toForm(emptyRelapsePlan());
    expect(f.contacts).toEqual([{ name: '', relationship: '', phone: '' }]);
    expect(fromForm(f)).toEqual(emptyRelapsePlan());
  });

  it.each([
    ['one entry a line, blanks and spaces dropped', 'walk\n\n  call Sam  \n', ['walk', 'call Sam']],
    ['a single line', 'meetings', ['meetings']],
    ['only blanks', '\n \n', []],
  ])('%s', (_n, text, expected) => {
    const f = toForm(emptyRelapsePlan());
    f.lists.copingStrategies = text;
    expect(fromForm(f).copingStrategies).toEqual(expected);
  });

  it('round-trips a full plan through the contract unchanged', () => {
    const plan = relapsePlanContent.parse({
      triggers: { people: ['old friends'], places: ['the bar'], feelings: ['lonely'], times: ['payday'] },
      warningSigns: ['not sleeping'],
      copingStrategies: ['run'],
      contacts: [
        { name: 'Sam', relationship: 'sponsor', phone: '+1 503 555 0142' },
        { name: 'Jo', phone: '503 555 0100' },
      ],
      afterLapse: ['call Sam'],
      reasons: ['my kids'],
    });
    expect(fromForm(toForm(plan))).toEqual(plan);
  });

  it('keeps a contact with only a name (the api then names the missing phone) and drops fully blank rows', () => {
    const f = toForm(emptyRelapsePlan());
    f.contacts = [
      { name: 'Sam', relationship: '', phone: '' },
      { name: ' ', relationship: 'x', phone: '' },
    ];
    expect(fromForm(f).contacts).toEqual([{ name: 'Sam', relationship: null, phone: '' }]);
  });
});
