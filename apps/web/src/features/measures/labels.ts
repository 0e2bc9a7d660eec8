import type { AssignmentView, CadenceInput, MeasureKind } from '@openiop/core';
import { assignableInstruments, instruments } from '@openiop/core';
import { formatDate } from '../../lib/format';

export const measureOptions: { value: MeasureKind; label: string }[] = [
  ...assignableInstruments.map((id) => ({ value: id, label: `${instruments[id].shortName} — ${instruments[id].description}` })),
  { value: 'daily_checkin', label: 'Daily check-in — mood, craving, sleep, use' },
];

export const cadenceOptions: { value: CadenceInput['kind']; label: string }[] = [
  { value: 'daily', label: 'Every day' },
  { value: 'weekly', label: 'Every week' },
  { value: 'biweekly', label: 'Every two weeks' },
  { value: 'monthly', label: 'Every month' },
  { value: 'every_n_days', label: 'Every N days' },
];

export function cadenceText(c: CadenceInput): string {
  return c.kind === 'every_n_days'
    ? `Every ${c.days} day${c.days === 1 ? '' : 's'}`
    : (cadenceOptions.find((o) => o.value === c.kind)?.label ?? c.kind);
}

export function statusText(s: AssignmentView['status']): string {
  switch (s.state) {
    case 'scheduled':
      return `Starts ${formatDate(s.nextDueDate)}`;
    case 'due':
      return `Due since ${formatDate(s.dueDate)} (until ${formatDate(s.graceUntil)})`;
    case 'missed':
      return `Missed — due ${formatDate(s.dueDate)}`;
    case 'done':
      return s.nextDueDate ? `Done — next ${formatDate(s.nextDueDate)}` : 'Done';
    case 'ended':
      return 'Ended';
  }
}

export const stateColor: Record<AssignmentView['status']['state'], string> = {
  scheduled: 'gray',
  due: 'blue',
  missed: 'red',
  done: 'green',
  ended: 'gray',
};

export const moodLabels: Record<number, string> = { 1: 'Very low', 2: 'Low', 3: 'Okay', 4: 'Good', 5: 'Very good' };
export const sleepQualityLabels: Record<number, string> = { 1: 'Very poor', 2: 'Poor', 3: 'Fair', 4: 'Good', 5: 'Very good' };
