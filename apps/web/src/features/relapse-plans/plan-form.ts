import type { RelapsePlanContent } from '@openiop/core';

export type ListKey = 'warningSigns' | 'copingStrategies' | 'afterLapse' | 'reasons';
export type TriggerKey = keyof RelapsePlanContent['triggers'];

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** The editor keeps each list as text, one entry a line, so it works the same by keyboard and on a phone. */
export interface Form {
  triggers: Record<TriggerKey, string>;
  lists: Record<ListKey, string>;
  contacts: { name: string; relationship: string; phone: string }[];
}

export const toForm = (c: RelapsePlanContent): Form => ({
  triggers: {
    people: c.triggers.people.join('\n'),
    places: c.triggers.places.join('\n'),
    feelings: c.triggers.feelings.join('\n'),
    times: c.triggers.times.join('\n'),
  },
  lists: {
    warningSigns: c.warningSigns.join('\n'),
    copingStrategies: c.copingStrategies.join('\n'),
    afterLapse: c.afterLapse.join('\n'),
    reasons: c.reasons.join('\n'),
  },
  contacts: c.contacts.length
    ? c.contacts.map((p) => ({ ...p, relationship: p.relationship ?? '' }))
    : [{ name: '', relationship: '', phone: '' }],
});

export const fromForm = (f: Form): RelapsePlanContent => ({
  triggers: {
    people: lines(f.triggers.people),
    places: lines(f.triggers.places),
    feelings: lines(f.triggers.feelings),
    times: lines(f.triggers.times),
  },
  warningSigns: lines(f.lists.warningSigns),
  copingStrategies: lines(f.lists.copingStrategies),
  afterLapse: lines(f.lists.afterLapse),
  reasons: lines(f.lists.reasons),
  contacts: f.contacts
    .filter((p) => p.name.trim() || p.phone.trim())
    .map((p) => ({ name: p.name.trim(), relationship: p.relationship.trim() || null, phone: p.phone.trim() })),
});
