import { ageOn, localDate, type ChartHeader } from '@openiop/core';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { breakGlassGrants } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { loadVisible } from './patients.service';
import { toView, type FullRow } from './patients.repo';

function currentEpisode(row: FullRow): ChartHeader['episode'] {
  if (!row.currentEpisodeId || !row.episodeStatus || !row.levelOfCare) return null;
  return {
    id: row.currentEpisodeId,
    status: row.episodeStatus,
    levelOfCare: row.levelOfCare,
    admittedOn: row.episodeAdmittedOn,
    dischargedOn: row.episodeDischargedOn,
    locationName: row.episodeLocationName ?? row.locationName,
    primaryClinician: row.clinicianId && row.clinicianName ? { id: row.clinicianId, name: row.clinicianName } : null,
  };
}

/** What every clinical page shows on top; opening it is a chart read and is audited as one. */
export async function openChart(ctx: Ctx, id: string): Promise<ChartHeader> {
  assertCan(ctx.actor, 'patient.read');
  return ctx.db.transaction(async (tx) => {
    const db = tx as Db;
    const { row, breakGlass } = await loadVisible(db, ctx, id);
    const now = ctx.clock.now();
    let expiresAt: string | null = null;
    if (breakGlass) {
      const [grant] = await db
        .select({ expiresAt: breakGlassGrants.expiresAt })
        .from(breakGlassGrants)
        .where(
          and(
            eq(breakGlassGrants.organizationId, ctx.actor.organizationId),
            eq(breakGlassGrants.patientId, id),
            eq(breakGlassGrants.userId, ctx.actor.userId),
            gt(breakGlassGrants.expiresAt, now),
          ),
        )
        .orderBy(desc(breakGlassGrants.expiresAt))
        .limit(1);
      expiresAt = grant?.expiresAt.toISOString() ?? null;
    }
    await recordAudit(db, ctx, { action: 'chart.open', resourceType: 'patient', resourceId: id, patientId: id, breakGlass });
    return {
      patient: toView(row),
      age: ageOn(row.dateOfBirth, localDate(now, row.locationTimeZone)),
      episode: currentEpisode(row),
      access: { breakGlass, expiresAt },
    };
  });
}
