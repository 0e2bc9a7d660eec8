import { describe, expect, it } from 'vitest';
import { isLate, lateAt, signProblems } from './note-rules';
import { foreignKeys, partTexts, templatesFor } from './templates';

describe('signProblems', () => {
  const full = { participation: 'Active', response: 'Engaged', goalProgress: [{ goalId: 'g1', text: 'Used a coping skill' }] };
  const cases: [string, Parameters<typeof signProblems>, string[]][] = [
    ['complete group note', ['group', { topic: 'Cravings', interventions: ['CBT'] }, [{ patientId: 'a', content: full }]], []],
    [
      'group without topic or interventions',
      ['group', { topic: ' ', interventions: [' '] }, [{ patientId: 'a', content: full }]],
      ['shared.topic', 'shared.interventions'],
    ],
    [
      'a member part missing its response and a goal without words',
      [
        'group',
        { topic: 'x', interventions: ['y'] },
        [{ patientId: 'a', content: { participation: 'ok', goalProgress: [{ goalId: 'g', text: '' }] } }],
      ],
      ['parts.a.response', 'parts.a.goalProgress.0.text'],
    ],
    ['nobody attended', ['group', { topic: 'x', interventions: ['y'] }, []], ['parts']],
    [
      'DAP needs data, assessment and plan; the shared part does not apply',
      ['dap', {}, [{ patientId: 'b', content: { data: 'said things' } }]],
      ['parts.b.assessment', 'parts.b.plan'],
    ],
    ['BIRP', ['birp', {}, [{ patientId: 'b', content: { behavior: 'x', intervention: 'y', response: 'z', plan: 'w' } }]], []],
    [
      'SOAP, empty',
      ['soap', {}, [{ patientId: 'b', content: {} }]],
      ['parts.b.subjective', 'parts.b.objective', 'parts.b.assessment', 'parts.b.plan'],
    ],
  ];
  it.each(cases)('%s', (_label, args, paths) => {
    expect(signProblems(...args).map((p) => p.path)).toEqual(paths);
  });
});

describe('templates', () => {
  it('a group uses the group template; individual and family notes choose DAP, BIRP or SOAP', () => {
    expect(templatesFor('group')).toEqual(['group']);
    expect(templatesFor('family')).toEqual(['dap', 'birp', 'soap']);
  });
  it("finds keys a template does not have, and a part's texts with their paths", () => {
    expect(foreignKeys('dap', { data: 'x', participation: 'y' })).toEqual(['participation']);
    expect(partTexts('group', { participation: 'p', goalProgress: [{ goalId: 'g', text: 't' }] })).toEqual([
      { path: 'participation', text: 'p' },
      { path: 'response', text: '' },
      { path: 'goalProgress.0.text', text: 't' },
    ]);
  });
});

describe('late notes', () => {
  const ends = new Date('2026-11-16T19:00:00Z');
  const cases: [string, Parameters<typeof isLate>[0]['status'], string, number | undefined, boolean][] = [
    ['a draft one minute before 24 h', 'draft', '2026-11-17T18:59:00Z', undefined, false],
    ['a draft at 24 h', 'draft', '2026-11-17T19:00:00Z', undefined, true],
    ['no note yet, after 24 h', null, '2026-11-18T00:00:00Z', undefined, true],
    ['signed by the author, waiting for a co-signature', 'awaiting_cosign', '2026-11-20T00:00:00Z', undefined, false],
    ['signed', 'signed', '2026-11-20T00:00:00Z', undefined, false],
    ['configured to 48 h: not yet', 'draft', '2026-11-17T19:00:00Z', 48, false],
    ['configured to 48 h: late', 'draft', '2026-11-18T19:00:00Z', 48, true],
  ];
  it.each(cases)('%s', (_label, status, now, hours, expected) => {
    expect(isLate({ sessionEndsAt: ends, status }, new Date(now), hours)).toBe(expected);
  });
  it('is late a whole number of hours after the end, whatever the clock change (instants, not local times)', () => {
    // 1 Nov 2026: Los Angeles falls back; 24 h after a session ending at 01:30 PDT is 00:30 PST the next day.
    expect(lateAt(new Date('2026-11-01T08:30:00Z')).toISOString()).toBe('2026-11-02T08:30:00.000Z');
  });
});
