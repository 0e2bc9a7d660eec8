import type { FieldProblem } from './medications';

/** The relapse-prevention plan as the person wrote it with their clinician or peer. Lists hold their own words. */
export interface RelapsePlanContent {
  triggers: { people: string[]; places: string[]; feelings: string[]; times: string[] };
  warningSigns: string[];
  copingStrategies: string[];
  contacts: { name: string; relationship: string | null; phone: string }[];
  afterLapse: string[];
  reasons: string[];
}

export const emptyRelapsePlan = (): RelapsePlanContent => ({
  triggers: { people: [], places: [], feelings: [], times: [] },
  warningSigns: [],
  copingStrategies: [],
  contacts: [],
  afterLapse: [],
  reasons: [],
});

/**
 * What a plan needs before it is finalised (and so shown to the person and printed): at least one trigger of any
 * kind, one early warning sign, one coping strategy, one person to call, one step after a lapse, one reason.
 * A draft may be saved with gaps; finalising reports every gap at once.
 */
export function relapsePlanGaps(c: RelapsePlanContent): FieldProblem[] {
  const out: FieldProblem[] = [];
  const t = c.triggers;
  if (!t.people.length && !t.places.length && !t.feelings.length && !t.times.length)
    out.push({ path: 'triggers', message: 'name at least one trigger (people, places, feelings or times)' });
  if (!c.warningSigns.length) out.push({ path: 'warningSigns', message: 'name at least one early warning sign' });
  if (!c.copingStrategies.length) out.push({ path: 'copingStrategies', message: 'name at least one coping strategy' });
  if (!c.contacts.length) out.push({ path: 'contacts', message: 'name at least one person to call' });
  if (!c.afterLapse.length) out.push({ path: 'afterLapse', message: 'say what to do after a lapse' });
  if (!c.reasons.length) out.push({ path: 'reasons', message: 'name at least one reason for recovery' });
  return out;
}
