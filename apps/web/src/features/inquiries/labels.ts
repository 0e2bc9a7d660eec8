import type { InquiryUrgency, PrescreenVerdict } from '@openiop/core';

export const urgencyLabels: Record<InquiryUrgency, string> = { routine: 'Routine', soon: 'Soon', urgent: 'Urgent' };
export const urgencyColors: Record<InquiryUrgency, string> = { routine: 'gray', soon: 'yellow', urgent: 'red' };

export const verdictLabels: Record<PrescreenVerdict, string> = {
  iop_appropriate: 'IOP appropriate',
  needs_review: 'Needs clinical review',
  needs_higher_level: 'Needs a higher level of care',
};
export const verdictColors: Record<PrescreenVerdict, string> = {
  iop_appropriate: 'green',
  needs_review: 'yellow',
  needs_higher_level: 'red',
};

export const relationshipLabels: Record<string, string> = {
  self: 'The person themselves',
  parent: 'Parent',
  partner: 'Partner',
  spouse: 'Spouse',
  child: 'Adult child',
  sibling: 'Sibling',
  other_family: 'Other family',
  friend: 'Friend',
  professional: 'Professional (referrer)',
  other: 'Other',
};

export const channelLabels: Record<string, string> = {
  phone: 'Phone call',
  web_form: 'Web form',
  walk_in: 'Walk-in',
  email: 'E-mail',
  referral_fax: 'Referral (fax)',
};

export const substanceLabels: Record<string, string> = {
  alcohol: 'Alcohol',
  benzodiazepines: 'Benzodiazepines',
  opioids: 'Opioids',
  stimulants: 'Stimulants',
  cannabis: 'Cannabis',
  other: 'Other',
};

/** Money typed as dollars ("1,250.50") to whole cents, or NaN when it is not a number. */
export function dollarsToCents(s: string): number {
  const t = s.replace(/[$,\s]/g, '');
  if (t === '') return Number.NaN;
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export const centsToDollars = (c: number | null | undefined): string => (c === null || c === undefined ? '' : (c / 100).toFixed(2));
