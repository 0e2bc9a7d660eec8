import type { DelivererRole, InterventionCategory } from '../contracts/plans';

export interface DefaultIntervention {
  key: string;
  name: string;
  category: InterventionCategory;
  defaultDelivererRole: DelivererRole;
  defaultFrequency: string;
}

/**
 * The interventions an organization's catalogue starts with (product scope §3). Each organization gets its own copy
 * the first time its catalogue is read, and may rename, add to or retire them; the keys stay so a default can be
 * recognised after a rename.
 */
export const defaultInterventions: readonly DefaultIntervention[] = [
  {
    key: 'cbt',
    name: 'Cognitive behavioural therapy (CBT)',
    category: 'therapy',
    defaultDelivererRole: 'clinician',
    defaultFrequency: 'Weekly',
  },
  { key: 'mi', name: 'Motivational interviewing', category: 'therapy', defaultDelivererRole: 'clinician', defaultFrequency: 'Weekly' },
  { key: 'dbt_skills', name: 'DBT skills group', category: 'skills', defaultDelivererRole: 'clinician', defaultFrequency: 'Twice weekly' },
  {
    key: 'trauma_informed',
    name: 'Trauma-informed care',
    category: 'therapy',
    defaultDelivererRole: 'clinician',
    defaultFrequency: 'Weekly',
  },
  {
    key: 'mindfulness',
    name: 'Mindfulness practice',
    category: 'skills',
    defaultDelivererRole: 'clinician',
    defaultFrequency: 'Three times weekly',
  },
  { key: 'life_budgeting', name: 'Life skills: budgeting', category: 'skills', defaultDelivererRole: 'peer', defaultFrequency: 'Weekly' },
  {
    key: 'life_job_readiness',
    name: 'Life skills: job readiness',
    category: 'skills',
    defaultDelivererRole: 'peer',
    defaultFrequency: 'Weekly',
  },
  {
    key: 'life_communication',
    name: 'Life skills: communication',
    category: 'skills',
    defaultDelivererRole: 'clinician',
    defaultFrequency: 'Weekly',
  },
  {
    key: 'mat',
    name: 'Medication for addiction treatment',
    category: 'medication',
    defaultDelivererRole: 'medical',
    defaultFrequency: 'As prescribed; review every 2 weeks',
  },
  { key: 'peer_mentoring', name: 'Peer mentoring', category: 'support', defaultDelivererRole: 'peer', defaultFrequency: 'Weekly' },
  {
    key: 'family_therapy',
    name: 'Family therapy',
    category: 'therapy',
    defaultDelivererRole: 'clinician',
    defaultFrequency: 'Every 2 weeks',
  },
  {
    key: 'psychoeducation',
    name: 'Psychoeducation group',
    category: 'education',
    defaultDelivererRole: 'clinician',
    defaultFrequency: 'Three times weekly',
  },
];
