import type { ConsentRecipient, DisclosurePurpose, InformationCategory, Part2Fields } from '@openiop/core';

/** The Part 2 fields as the form holds them: strings as typed, the expiration split into its parts. */
export interface Part2Values {
  discloser: string;
  informationCategories: InformationCategory[];
  informationDescription: string;
  recipients: ConsentRecipient[];
  purposes: DisclosurePurpose[];
  purposeDetail: string;
  expirationKind: '' | 'date' | 'event' | 'none';
  expirationDate: string;
  expirationEvent: 'end_of_treatment' | 'other';
  expirationDescription: string;
}

export const emptyPart2 = (discloser = ''): Part2Values => ({
  discloser,
  informationCategories: [],
  informationDescription: '',
  recipients: [],
  purposes: [],
  purposeDetail: '',
  expirationKind: '',
  expirationDate: '',
  expirationEvent: 'end_of_treatment',
  expirationDescription: '',
});

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Form values → the contract's Part 2 fields (empty strings become null, so the api can say what is missing). */
export function part2Input(v: Part2Values): Part2Fields {
  return {
    discloser: orNull(v.discloser),
    informationCategories: v.informationCategories,
    informationDescription: orNull(v.informationDescription),
    recipients: v.recipients,
    purposes: v.purposes,
    purposeDetail: v.purposes.includes('other') ? orNull(v.purposeDetail) : null,
    expiration:
      v.expirationKind === 'date'
        ? v.expirationDate
          ? { kind: 'date', date: v.expirationDate }
          : null
        : v.expirationKind === 'event'
          ? { kind: 'event', event: v.expirationEvent, description: orNull(v.expirationDescription) }
          : v.expirationKind === 'none'
            ? { kind: 'none' }
            : null,
  };
}

export function part2Values(p: Part2Fields | null): Part2Values {
  if (!p) return emptyPart2();
  const x = p.expiration;
  return {
    discloser: p.discloser ?? '',
    informationCategories: p.informationCategories,
    informationDescription: p.informationDescription ?? '',
    recipients: p.recipients,
    purposes: p.purposes,
    purposeDetail: p.purposeDetail ?? '',
    expirationKind: x?.kind ?? '',
    expirationDate: x?.kind === 'date' ? x.date : '',
    expirationEvent: x?.kind === 'event' ? x.event : 'end_of_treatment',
    expirationDescription: x?.kind === 'event' ? (x.description ?? '') : '',
  };
}

/** Which form field an api path such as `part2.information` or `part2.recipients.0.name` belongs to. */
export function part2FieldOf(path: string): keyof Part2Values | null {
  const p = path.replace(/^part2\./, '');
  if (p.startsWith('information')) return p.startsWith('informationCategories') ? 'informationCategories' : 'informationDescription';
  if (p.startsWith('recipients')) return 'recipients';
  if (p.startsWith('purposeDetail')) return 'purposeDetail';
  if (p.startsWith('purposes')) return 'purposes';
  if (p.startsWith('expiration')) return 'expirationKind';
  if (p.startsWith('discloser')) return 'discloser';
  return null;
}
