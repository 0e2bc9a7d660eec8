import { localDate, mondayOf, needsHoursWarning } from '@openiop/core';
import type { Database } from '../../db/database';
import { locations } from '../../db/schema/index';
import { raiseCareTask, systemWho, taskRaisedFor } from '../tasks/tasks.service';
import * as repo from './attendance.repo';
import * as hoursRepo from './hours.repo';
import { personWeekId } from './follow-up';
import { engagementOf, ledgersFor } from './hours.service';
import { startPeriodic } from '../../platform/periodic';

/**
 * The periodic side of the hours ledger: a week can fall out of reach without anyone recording anything (a
 * session cancelled, a person taken off a roster), and the weeks behind someone only finish at midnight. For every
 * location, each active person's week is checked; a week that can no longer reach its floor raises its hours
 * warning and engagement risk raises its task, each once, as the recording path does. One transaction per location.
 */
export async function sweepHours(database: Database, now: Date): Promise<{ people: number; warnings: number; risks: number }> {
  const all = await database.db
    .select({ id: locations.id, organizationId: locations.organizationId, timeZone: locations.timeZone })
    .from(locations);
  let people = 0;
  let warnings = 0;
  let risks = 0;
  for (const location of all) {
    await database.db.transaction(async (tx) => {
      const org = location.organizationId;
      const who = systemWho(org, now);
      const ids = await hoursRepo.activeAt(tx, org, location.id);
      const week = mondayOf(localDate(now, location.timeZone));
      const ledgers = await ledgersFor(tx, org, ids, week, now);
      const dueAt = new Date(now.getTime() + 86_400_000);
      for (const id of ids) {
        people += 1;
        const person = ledgers.get(id);
        const weekId = personWeekId(id, week);
        if (
          person &&
          needsHoursWarning(person.ledger) &&
          !(await taskRaisedFor(tx, org, 'hours_warning', { type: 'hours_week', id: weekId }))
        ) {
          await raiseCareTask(tx, who, {
            kind: 'hours_warning',
            priority: 'normal',
            patientId: id,
            title: "This week's hours can no longer reach the floor: offer a make-up session",
            details: { weekStart: week, floorMinutes: person.ledger.floorMinutes, possibleMinutes: person.ledger.possibleMinutes },
            source: { type: 'hours_week', id: weekId },
            dueAt,
          });
          warnings += 1;
        }
        const reasons = await engagementOf(tx, org, id, week, now);
        if (reasons.length && !(await repo.openTaskFor(tx, org, 'engagement_risk', id))) {
          await raiseCareTask(tx, who, {
            kind: 'engagement_risk',
            priority: 'normal',
            patientId: id,
            title: reasons.includes('two_misses_in_a_row')
              ? 'Engagement risk: two missed sessions in a row'
              : 'Engagement risk: under the hour floor two weeks running',
            details: { reasons },
            source: { type: 'patient', id },
            dueAt,
          });
          risks += 1;
        }
      }
    });
  }
  return { people, warnings, risks };
}

/** Runs `sweepHours` every `everyMs` (a run still going is not overlapped); returns stop. */
export function startHoursSweep(database: Database, now: () => Date, log?: (m: string) => void, everyMs = 3_600_000): () => Promise<void> {
  return startPeriodic('hours sweep', () => sweepHours(database, now()), everyMs, log);
}
