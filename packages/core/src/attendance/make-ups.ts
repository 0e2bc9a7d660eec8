import type { WeeklyWindow } from '../availability/windows';
import type { Weekday } from '../scheduling/week';

export interface MakeUpCandidate {
  id: string;
  kind: 'group' | 'individual' | 'family' | 'drug_test';
  weekday: Weekday;
  startMinute: number;
  endMinute: number;
  startsAt: Date;
  capacity: number;
  seated: number;
  /** Whether the person is already on its roster. */
  onRoster: boolean;
}

/**
 * Make-up sessions to offer someone short of hours: groups later this week (not yet started) with an open seat,
 * inside one of the person's availability windows, not clashing with a session they already have. Earliest first.
 */
export function makeUpOptions(input: {
  candidates: readonly MakeUpCandidate[];
  availability: readonly WeeklyWindow[];
  booked: readonly { weekday: Weekday; startMinute: number; endMinute: number }[];
  now: Date;
}): MakeUpCandidate[] {
  return input.candidates
    .filter(
      (c) =>
        c.kind === 'group' &&
        !c.onRoster &&
        c.seated < c.capacity &&
        c.startsAt.getTime() > input.now.getTime() &&
        input.availability.some((w) => w.weekday === c.weekday && w.start <= c.startMinute && c.endMinute <= w.end) &&
        !input.booked.some((b) => b.weekday === c.weekday && b.startMinute < c.endMinute && c.startMinute < b.endMinute),
    )
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
