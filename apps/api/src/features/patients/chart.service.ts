import { ageOn, DomainError, localDate, type ChartHeader } from '@openiop/core';
import { sql } from 'drizzle-orm';
import { auditedRead, auditFieldsOf } from '../../platform/audited-read';
import { assertCan, type Ctx } from '../../platform/context';
import { normalizeFullRow, patientRowSql, toView, type FullRow } from './patients.repo';
import { scopePredicates } from './patients.scope';

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

/**
 * What every clinical page shows on top. Opening it is a chart read, audited as one: the read and its audit
 * event are one statement (`auditedRead`), so the header is never shown without its event committed.
 */
export async function openChart(ctx: Ctx, id: string): Promise<ChartHeader> {
  assertCan(ctx.actor, 'patient.read');
  const now = ctx.clock.now();
  const { inScope, visible } = scopePredicates(ctx.actor, now);
  const [found] = await auditedRead<FullRow>(ctx.database, {
    rows: patientRowSql(ctx.actor.organizationId, id, inScope, visible, { userId: ctx.actor.userId, now }),
    event: { ...auditFieldsOf(ctx), action: 'chart.open', resourceType: 'patient', resourceId: id, patientId: id },
    breakGlass: sql`select not "inScope" from target`,
    when: 'found',
  });
  if (!found) throw new DomainError('NOT_FOUND', 'No such patient');
  const row = normalizeFullRow(found);
  return {
    patient: toView(row),
    age: ageOn(row.dateOfBirth, localDate(now, row.locationTimeZone)),
    episode: currentEpisode(row),
    access: { breakGlass: !row.inScope, expiresAt: !row.inScope && row.breakGlassExpiresAt ? row.breakGlassExpiresAt.toISOString() : null },
  };
}
