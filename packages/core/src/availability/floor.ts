import { ageOn, type LevelOfCare } from '../contracts/patients';
import { weeklyHourFloor } from '../scheduling/week';
import { availabilityReach, type WeeklyWindow } from './windows';

export interface FloorFacts {
  /** The current episode's level of care, or null with no episode open (pending or active). */
  levelOfCare: LevelOfCare | null;
  dateOfBirth: string;
  /** Clinic-local today, for the person's age (adolescents have the lower floor). */
  today: string;
  /** Their phase, if one is set: its weekly hours, days per week and whether it is the step-down period. */
  phase: { weeklyHours: number; daysPerWeek: number; stepDown: boolean } | null;
}

export interface FloorWarning {
  hoursPerWeek: number;
  daysAvailable: number;
  floorHours: number | null;
  daysNeeded: number;
  levelOfCare: LevelOfCare | null;
  phaseHours: number | null;
  /** Null when there is no floor to reach (no level of care). */
  reachable: boolean | null;
  shortHours: number;
}

/**
 * Staff's early warning before any week is planned: the hours a person's windows hold and whether they could
 * reach the weekly hour floor of their level of care and phase at all (`weeklyHourFloor`: the phase's hours, never
 * below the level's floor except in step-down), over the phase's days per week.
 */
export function availabilityFloorWarning(windows: readonly WeeklyWindow[], facts: FloorFacts): FloorWarning {
  const daysNeeded = facts.phase?.daysPerWeek ?? 0;
  if (!facts.levelOfCare) {
    const reach = availabilityReach(windows, { floorHours: 0, daysPerWeek: daysNeeded });
    return {
      hoursPerWeek: reach.hours,
      daysAvailable: reach.days,
      floorHours: null,
      daysNeeded,
      levelOfCare: null,
      phaseHours: facts.phase?.weeklyHours ?? null,
      reachable: null,
      shortHours: 0,
    };
  }
  const floorHours = weeklyHourFloor({
    levelOfCare: facts.levelOfCare,
    ageGroup: ageOn(facts.dateOfBirth, facts.today) < 18 ? 'adolescent' : 'adult',
    phaseMinHours: facts.phase?.weeklyHours ?? 0,
    stepDown: facts.phase?.stepDown ?? false,
  });
  const reach = availabilityReach(windows, { floorHours, daysPerWeek: daysNeeded });
  return {
    hoursPerWeek: reach.hours,
    daysAvailable: reach.days,
    floorHours,
    daysNeeded,
    levelOfCare: facts.levelOfCare,
    phaseHours: facts.phase?.weeklyHours ?? null,
    reachable: reach.reachable,
    shortHours: reach.shortHours,
  };
}
