import { ageOn, type ChartHeader } from '@openiop/core';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { breakGlassGrants, locations } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { findEpisode } from '../episodes/episodes.service';
import { loadVisible } from './patients.service';
import { toView } from './patients.repo';

/** Clinic-local calendar date of an instant, for ages and due dates. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** What every clinical page shows on top; opening it is a chart read and is audited as one. */
export async function openChart(ctx: Ctx, id: string): Promise<ChartHeader> {
  assertCan(ctx.actor, 'patient.read');
  return ctx.db.transaction(async (tx) => {
    const db = tx as Db;
    const { row, breakGlass } = await loadVisible(db, ctx, id);
    const now = ctx.clock.now();
    const [loc] = await db.select({ timeZone: locations.timeZone }).from(locations).where(eq(locations.id, row.locationId));
    const episode = row.currentEpisodeId ? await findEpisode(db, ctx, id, row.currentEpisodeId) : undefined;
    let expiresAt: string | null = null;
    if (breakGlass) {
      const [grant] = await db
        .select({ expiresAt: breakGlassGrants.expiresAt })
        .from(breakGlassGrants)
        .where(and(eq(breakGlassGrants.organizationId, ctx.actor.organizationId), eq(breakGlassGrants.patientId, id), eq(breakGlassGrants.userId, ctx.actor.userId), gt(breakGlassGrants.expiresAt, now)))
        .orderBy(desc(breakGlassGrants.expiresAt))
        .limit(1);
      expiresAt = grant?.expiresAt.toISOString() ?? null;
    }
    await recordAudit(db, ctx, { action: 'chart.open', resourceType: 'patient', resourceId: id, patientId: id, breakGlass });
    return {
      patient: toView(row),
      age: ageOn(row.dateOfBirth, localDate(now, loc?.timeZone ?? 'UTC')),
      episode: episode
        ? {
            id: episode.id,
            status: episode.status,
            levelOfCare: episode.levelOfCare,
            admittedOn: episode.admittedOn,
            dischargedOn: episode.dischargedOn,
            locationName: episode.locationName,
            primaryClinician: episode.primaryClinician,
          }
        : null,
      access: { breakGlass, expiresAt },
    };
  });
}
