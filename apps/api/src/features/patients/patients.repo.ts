import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Address, CareStatus, EpisodeStatus, LevelOfCare, PatientSearch, PatientView } from '@openiop/core';
import type { Db } from '../../db/database';
import { patients, type EmergencyContact } from '../../db/schema/index';

/** A patient as lists show them. Dates are text (YYYY-MM-DD) on both drivers; instants come back as Date. */
export interface ListRow {
  id: string;
  mrn: string;
  legalGivenName: string;
  legalFamilyName: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string;
  locationId: string;
  locationName: string;
  careStatus: CareStatus;
  levelOfCare: LevelOfCare | null;
  clinicianId: string | null;
  clinicianName: string | null;
}

/** A patient with everything the chart header needs: the clinic's time zone and the current episode. */
export interface FullRow extends ListRow {
  sexAssignedAtBirth: string;
  genderIdentity: string | null;
  preferredLanguage: string;
  phone: string | null;
  email: string | null;
  address: Address | null;
  emergencyContact: EmergencyContact | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  currentEpisodeId: string | null;
  locationTimeZone: string;
  episodeStatus: EpisodeStatus | null;
  episodeAdmittedOn: string | null;
  episodeDischargedOn: string | null;
  episodeLocationName: string | null;
  /** Whether the actor's normal scope covers the patient (false: only break-the-glass lets them see it). */
  inScope: boolean;
  /** When the actor's break-the-glass access ends, if they hold one (looked up for the chart header only). */
  breakGlassExpiresAt: Date | null;
}

// The hot patient queries are written out in SQL rather than built by the query builder on every request: building
// the select cost ~1 ms of CPU per call, several times the database round trip itself (bench/, ADR 0015). The
// table names stay unaliased because the scope predicate (patients.scope.ts) names "patients"."…" columns.
const listSelect = sql`
  "patients"."id", "patients"."mrn", "patients"."legal_given_name" as "legalGivenName",
  "patients"."legal_family_name" as "legalFamilyName", "patients"."preferred_name" as "preferredName",
  "patients"."pronouns", "patients"."date_of_birth"::text as "dateOfBirth", "patients"."location_id" as "locationId",
  "locations"."name" as "locationName", "patients"."care_status" as "careStatus", "episodes"."level_of_care" as "levelOfCare",
  "clinician"."id" as "clinicianId", "clinician"."name" as "clinicianName"`;

const listJoinsAfterPatients = sql`
  join "locations" on "locations"."id" = "patients"."location_id"
  left join "episodes" on "episodes"."id" = "patients"."current_episode_id"
  left join "users" "clinician" on "clinician"."id" = "episodes"."primary_clinician_id"`;
const listJoins = sql`from "patients" ${listJoinsAfterPatients}`;

/** The select of one patient the actor may see, as `auditedRead` and `getRow` run it. */
export function patientRowSql(
  organizationId: string,
  id: string,
  inScope: SQL,
  visible: SQL,
  breakGlassOf: { userId: string; now: Date } | null,
): SQL {
  // Only the chart header shows when a break-the-glass grant ends; other loads skip the lookup.
  const grantEnds = breakGlassOf
    ? sql`(select max(g.expires_at) from break_glass_grants g where g.organization_id = "patients"."organization_id"
        and g.user_id = ${breakGlassOf.userId} and g.patient_id = "patients"."id" and g.expires_at > ${breakGlassOf.now.toISOString()}::timestamptz)`
    : sql`null::timestamptz`;
  return sql`
    select 1 as ord, ${listSelect},
      "patients"."sex_assigned_at_birth" as "sexAssignedAtBirth", "patients"."gender_identity" as "genderIdentity",
      "patients"."preferred_language" as "preferredLanguage", "patients"."phone", "patients"."email", "patients"."address",
      "patients"."emergency_contact" as "emergencyContact", "patients"."version", "patients"."created_at" as "createdAt",
      "patients"."updated_at" as "updatedAt", "patients"."current_episode_id" as "currentEpisodeId",
      "locations"."time_zone" as "locationTimeZone", "episodes"."status" as "episodeStatus",
      "episodes"."admitted_on"::text as "episodeAdmittedOn", "episodes"."discharged_on"::text as "episodeDischargedOn",
      (select el.name from locations el where el.id = "episodes"."location_id") as "episodeLocationName",
      coalesce(${inScope}, false) as "inScope",
      ${grantEnds} as "breakGlassExpiresAt"
    ${listJoins}
    where "patients"."organization_id" = ${organizationId} and "patients"."id" = ${id}::uuid and ${visible}`;
}

/** Both drivers return instants as Date, but a jsonb or text column could come back otherwise on a new driver. */
export function normalizeFullRow(r: FullRow): FullRow {
  return {
    ...r,
    version: Number(r.version),
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    breakGlassExpiresAt: r.breakGlassExpiresAt ? new Date(r.breakGlassExpiresAt) : null,
  };
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A search box accepts a name, an MRN, or a date of birth as YYYY-MM-DD or MM/DD/YYYY. */
export function searchPredicate(q: string): SQL {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(q);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(q);
  const date = iso ? q : us ? `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}` : undefined;
  if (date && !Number.isNaN(new Date(`${date}T00:00:00Z`).getTime()) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)) {
    return sql`${patients.dateOfBirth} = ${date}::date`;
  }
  const terms = q
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 4);
  const termSql = terms.map((t) => {
    const like = `${escapeLike(t)}%`;
    return sql`(lower(${patients.legalFamilyName}) like ${like} or lower(${patients.legalGivenName}) like ${like} or lower(${patients.preferredName}) like ${like})`;
  });
  const name = sql.join(termSql, sql` and `);
  if (/\d/.test(q) && /^[A-Za-z0-9-]+$/.test(q)) {
    return sql`(${patients.mrn} like ${`${escapeLike(q.toUpperCase())}%`} or ${name})`;
  }
  return name;
}

/**
 * One page of the patients the actor may see. Browsing walks the name-ordered index and stops at the page size.
 * Searching orders by lower-cased names instead: no index has that order, so the planner finds the few matches
 * through the name, MRN and birth-date indexes and sorts them, rather than walking the whole name index hoping
 * to meet them early (which costs 20–30 ms for names late in the alphabet; see bench/). The sort keys come back
 * with each row to make the next page's cursor.
 */
export async function listRows(
  db: Db,
  organizationId: string,
  visible: SQL,
  f: PatientSearch,
  after: [string, string, string] | undefined,
): Promise<(ListRow & { sortFamily: string; sortGiven: string })[]> {
  return rowsOf(await db.execute(listRowsSql(organizationId, visible, f, after)));
}

// The patient columns a list row needs, selected by the inner page query under the table's own name.
const pageColumns = sql`"patients"."id", "patients"."organization_id", "patients"."mrn", "patients"."legal_given_name",
  "patients"."legal_family_name", "patients"."preferred_name", "patients"."pronouns", "patients"."date_of_birth",
  "patients"."location_id", "patients"."care_status", "patients"."current_episode_id"`;

/**
 * The select behind `listRows`, also run by the audited search (with `ord` giving the page order). The page is
 * cut from `patients` alone (filters, scope, order and limit) before the joins, so only the page's rows meet
 * `episodes` and `users`: joined first, a search of a few hundred matches hashed the whole episodes table
 * (a sequential scan, 2–6 ms; bench/, ADR 0031). The page keeps the name "patients", so the scope predicate and
 * the select list read the same columns inside and out.
 */
export function listRowsSql(organizationId: string, visible: SQL, f: PatientSearch, after: [string, string, string] | undefined): SQL {
  const family = f.q ? sql`lower("patients"."legal_family_name")` : sql`"patients"."legal_family_name"`;
  const given = f.q ? sql`lower("patients"."legal_given_name")` : sql`"patients"."legal_given_name"`;
  const where: SQL[] = [sql`"patients"."organization_id" = ${organizationId}`, visible];
  if (f.q) where.push(searchPredicate(f.q));
  if (f.locationId) where.push(sql`"patients"."location_id" = ${f.locationId}`);
  if (f.status) where.push(sql`"patients"."care_status" = ${f.status}`);
  if (f.clinicianId) {
    where.push(sql`exists (select 1 from "episodes" ce where ce."id" = "patients"."current_episode_id"
      and ce."organization_id" = "patients"."organization_id" and ce."primary_clinician_id" = ${f.clinicianId})`);
  }
  if (after) where.push(sql`(${family}, ${given}, "patients"."id") > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`);
  const order = sql`${family}, ${given}, "patients"."id"`;
  return sql`
    select row_number() over (order by ${order})::int as ord, ${listSelect},
      ${family} as "sortFamily", ${given} as "sortGiven"
    from (
      select ${pageColumns} from "patients"
      where ${sql.join(where, sql` and `)}
      order by ${order}
      limit ${f.limit + 1}
    ) "patients"
    ${listJoinsAfterPatients}
    order by ${order}`;
}

/** One patient the actor may see, with whether only break-the-glass lets them. */
export async function getRow(db: Db, organizationId: string, id: string, inScope: SQL, visible: SQL) {
  const [row] = rowsOf<FullRow>(await db.execute(patientRowSql(organizationId, id, inScope, visible, null)));
  return row ? normalizeFullRow(row) : undefined;
}

export async function findByMrn(db: Db, organizationId: string, mrn: string) {
  const [row] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.organizationId, organizationId), eq(patients.mrn, mrn.toUpperCase())));
  return row;
}

export async function insertPatient(db: Db, values: typeof patients.$inferInsert): Promise<string> {
  const [row] = await db.insert(patients).values(values).returning({ id: patients.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Compare-and-set on version: returns false when someone else changed the record first. */
export async function updatePatient(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<typeof patients.$inferInsert>,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(patients)
    .set({ ...patch, version: version + 1, updatedAt: now })
    .where(and(eq(patients.organizationId, organizationId), eq(patients.id, id), eq(patients.version, version)))
    .returning({ id: patients.id });
  return rows.length === 1;
}

export async function nextMrn(db: Db, organizationId: string): Promise<string> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(nullif(regexp_replace(${patients.mrn}, '[^0-9]', '', 'g'), '')::bigint), 100000)::bigint + 1` })
    .from(patients)
    .where(and(eq(patients.organizationId, organizationId), sql`${patients.mrn} ~ '^IOP-[0-9]+$'`));
  return `IOP-${String(row?.n ?? 100001)}`;
}

const clinicianOf = (r: { clinicianId: string | null; clinicianName: string | null }) =>
  r.clinicianId && r.clinicianName ? { id: r.clinicianId, name: r.clinicianName } : null;

export const toListItem = (r: ListRow) => ({
  id: r.id,
  mrn: r.mrn,
  legalGivenName: r.legalGivenName,
  legalFamilyName: r.legalFamilyName,
  preferredName: r.preferredName,
  pronouns: r.pronouns,
  dateOfBirth: r.dateOfBirth,
  locationId: r.locationId,
  locationName: r.locationName,
  careStatus: r.careStatus,
  levelOfCare: r.levelOfCare,
  primaryClinician: clinicianOf(r),
});

export const toView = (r: FullRow): PatientView => ({
  ...toListItem(r),
  sexAssignedAtBirth: r.sexAssignedAtBirth as PatientView['sexAssignedAtBirth'],
  genderIdentity: r.genderIdentity,
  preferredLanguage: r.preferredLanguage,
  phone: r.phone,
  email: r.email,
  address: r.address,
  emergencyContact: r.emergencyContact,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
