import { describe, expect, it } from 'vitest';
import { chooseCopy, partsOf, readLocal, sharedOf, toForm, writeLocal, type LocalCopy } from './draft-store';

const form = toForm({ topic: 'Cravings', interventions: ['CBT', 'MI'] }, [
  { patientId: 'a', content: { participation: 'Active', goalProgress: [{ goalId: 'g1', text: 'Three days' }] } },
]);

describe('chooseCopy', () => {
  const local = (baseVersion: number, dirty: boolean): LocalCopy => ({ baseVersion, dirty, form });
  const cases: [string, LocalCopy | null, number, 'server' | 'local'][] = [
    ['no local copy', null, 3, 'server'],
    ['unsaved changes on the version the server still has', local(3, true), 3, 'local'],
    ['someone saved since: the server is newer', local(2, true), 3, 'server'],
    ['a clean local copy', local(3, false), 3, 'server'],
  ];
  it.each(cases)('%s', (_label, copy, version, expected) => {
    expect(chooseCopy(copy, version)).toBe(expected);
  });
});

describe('form round trip', () => {
  it('sends the template fields of present members and goals with words only', () => {
    const next = {
      ...form,
      parts: { ...form.parts, a: { fields: { participation: 'Active', response: 'Warm' }, goals: { g1: 'Three days', g2: ' ' } } },
    };
    expect(partsOf(next, ['a', 'b'], ['participation', 'response'])).toEqual({
      a: { participation: 'Active', response: 'Warm', goalProgress: [{ goalId: 'g1', text: 'Three days' }] },
      b: { participation: '', response: '', goalProgress: [] },
    });
    expect(sharedOf({ ...form, shared: { ...form.shared, interventions: 'CBT\n\n MI ' } })).toEqual({
      topic: 'Cravings',
      curriculumUnit: '',
      interventions: ['CBT', 'MI'],
    });
  });
  it('stores and reads a local copy, ignoring junk', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    writeLocal(storage, 'n1', { baseVersion: 2, dirty: true, form });
    expect(readLocal(storage, 'n1')).toEqual({ baseVersion: 2, dirty: true, form });
    store.set('openiop.note-draft.n2', '{not json');
    expect(readLocal(storage, 'n2')).toBeNull();
  });
});
