import { sql, type SQL } from 'drizzle-orm';
import { patientScopeFor, type PatientScope } from '@openiop/core';
import type { Actor } from '../../platform/context';
import { patients } from '../../db/schema/index';

/**
 * The one SQL predicate that decides which patients an actor sees; every patient query uses it, so a list, a
 * chart and a write can never disagree. `inScope` excludes break-the-glass; `visible` includes it.
 */
export function scopePredicates(actor: Actor, now: Date): { inScope: SQL; brokenGlass: SQL; visible: SQL } {
  const scopes = patientScopeFor(actor, actor.settings);
  const parts = scopes.map((s) => scopeSql(s, actor));
  const inScope = sql`(${sql.join(parts, sql` or `)})`;
  const brokenGlass = sql`exists (select 1 from break_glass_grants g where g.organization_id = ${patients.organizationId} and g.patient_id = ${patients.id} and g.user_id = ${actor.userId} and g.expires_at > ${now})`;
  return { inScope, brokenGlass, visible: sql`(${inScope} or ${brokenGlass})` };
}

function scopeSql(s: PatientScope, actor: Actor): SQL {
  switch (s.kind) {
    case 'organization':
      return sql`true`;
    case 'locations':
      return s.locationIds.length
        ? sql`${patients.locationId} in (${sql.join(
            s.locationIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`false`;
    case 'caseload':
      return sql`exists (select 1 from caseload_assignments c where c.organization_id = ${patients.organizationId} and c.patient_id = ${patients.id} and c.user_id = ${actor.userId} and c.ended_at is null)`;
    case 'preAdmission':
      return sql`${patients.careStatus} = 'pre_admission'`;
    case 'none':
      return sql`false`;
  }
}
