import { describe, expect, it } from 'vitest';
import { availabilityFloorWarning, type FloorFacts } from './floor';
import type { WeeklyWindow } from './windows';

const evenings = (days: number[], hours: number): WeeklyWindow[] =>
  days.map((d) => ({ weekday: d as WeeklyWindow['weekday'], start: 18 * 60, end: 18 * 60 + hours * 60 }));
const adult = { dateOfBirth: '1990-04-12', today: '2026-11-16' };
const teen = { dateOfBirth: '2010-01-01', today: '2026-11-16' };
const phase1 = { weeklyHours: 12, daysPerWeek: 4, stepDown: false };
const phase3 = { weeklyHours: 6, daysPerWeek: 2, stepDown: true };

describe('availabilityFloorWarning', () => {
  it.each<
    [string, WeeklyWindow[], FloorFacts, { floorHours: number | null; reachable: boolean | null; shortHours: number; hoursPerWeek: number }]
  >([
    [
      'no episode: no floor, hours still shown',
      evenings([0, 2], 3),
      { ...adult, levelOfCare: null, phase: null },
      { floorHours: null, reachable: null, shortHours: 0, hoursPerWeek: 6 },
    ],
    [
      'adult IOP, no phase: 9 h floor met by three 3 h evenings',
      evenings([0, 2, 4], 3),
      { ...adult, levelOfCare: '2.1', phase: null },
      { floorHours: 9, reachable: true, shortHours: 0, hoursPerWeek: 9 },
    ],
    [
      'adult IOP, two evenings: short 3 h',
      evenings([0, 2], 3),
      { ...adult, levelOfCare: '2.1', phase: null },
      { floorHours: 9, reachable: false, shortHours: 3, hoursPerWeek: 6 },
    ],
    [
      'adolescent IOP: 6 h floor',
      evenings([0, 2], 3),
      { ...teen, levelOfCare: '2.1', phase: null },
      { floorHours: 6, reachable: true, shortHours: 0, hoursPerWeek: 6 },
    ],
    [
      'phase 1 asks 12 h over 4 days; three 4 h evenings lack a day',
      evenings([0, 1, 2], 4),
      { ...adult, levelOfCare: '2.1', phase: phase1 },
      { floorHours: 12, reachable: false, shortHours: 0, hoursPerWeek: 12 },
    ],
    [
      'phase 1 met over four days',
      evenings([0, 1, 2, 3], 3),
      { ...adult, levelOfCare: '2.1', phase: phase1 },
      { floorHours: 12, reachable: true, shortHours: 0, hoursPerWeek: 12 },
    ],
    [
      'step-down phase 3: 6 h counts, not the 9 h floor',
      evenings([0, 2], 3),
      { ...adult, levelOfCare: '2.1', phase: phase3 },
      { floorHours: 6, reachable: true, shortHours: 0, hoursPerWeek: 6 },
    ],
    [
      'PHP: 20 h',
      evenings([0, 1, 2, 3], 4),
      { ...adult, levelOfCare: '2.5', phase: null },
      { floorHours: 20, reachable: false, shortHours: 4, hoursPerWeek: 16 },
    ],
  ])('%s', (_name, windows, facts, expected) => expect(availabilityFloorWarning(windows, facts)).toMatchObject(expected));
});
