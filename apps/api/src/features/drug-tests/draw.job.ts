import { DomainError, localDate, weekdayOf } from '@openiop/core';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../platform/errors';
import { drawAt } from './drug-test-draws.service';
import * as repo from './drug-tests.repo';
import { startPeriodic } from '../../platform/periodic';

export interface DrawJobDeps {
  database: Database;
  /** Failures are logged by kind only: no ids, no names. */
  log?: (msg: string) => void;
}

/** The clinic day starts at 06:00 local time: the automatic draw runs at or after it, once per day and location. */
export const DRAW_FROM_MINUTES = 6 * 60;

const minutesOfDay = (at: Date, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return n('hour') * 60 + n('minute');
};

/**
 * Draws today's selection at every location whose clinic day has begun, that collects today and has not been drawn,
 * so no person chooses who is tested. Each location's draw is its own transaction; a director's draw made first (or
 * another server's) is left alone. Returns how many locations were drawn.
 */
export async function drawDueSelections(deps: DrawJobDeps, now: Date): Promise<{ drawn: number; failed: number }> {
  const done = { drawn: 0, failed: 0 };
  for (const { s, timeZone } of await repo.allSettings(deps.database.db)) {
    const day = localDate(now, timeZone);
    if (!s.collectionWeekdays.includes(weekdayOf(day)) || minutesOfDay(now, timeZone) < DRAW_FROM_MINUTES) continue;
    if (await repo.findDraw(deps.database.db, s.organizationId, s.locationId, day)) continue;
    try {
      await deps.database.db.transaction((tx) =>
        drawAt(
          tx,
          { organizationId: s.organizationId, actorUserId: null, actorTokenId: null, occurredAt: now, ip: null, userAgent: null },
          { id: s.locationId },
          s,
          day,
        ),
      );
      done.drawn += 1;
    } catch (e) {
      if (isUniqueViolation(e) || (e instanceof DomainError && e.code === 'ALREADY_DRAWN')) continue;
      done.failed += 1;
      deps.log?.('automatic drug-test draw failed; it will be retried');
    }
  }
  return done;
}

/** Runs `drawDueSelections` every `everyMs` (a run still going is not overlapped); returns stop. */
export function startDrawJob(deps: DrawJobDeps, now: () => Date, everyMs = 5 * 60_000): () => Promise<void> {
  return startPeriodic('automatic drug-test draw', () => drawDueSelections(deps, now()), everyMs, deps.log);
}
