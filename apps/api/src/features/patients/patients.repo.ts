import { aliasedTable, and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { PatientSearch, PatientView } from '@openiop/core';
import type { Db } from '../../db/database';
import { episodes, locations, patients, users } from '../../db/schema/index';

const clinician = aliasedTable(users, 'clinician');

const listColumns = {
  id: patients.id,
  mrn: patients.mrn,
  legalGivenName: patients.legalGivenName,
  legalFamilyName: patients.legalFamilyName,
  preferredName: patients.preferredName,
  pronouns: patients.pronouns,
  dateOfBirth: patients.dateOfBirth,
  locationId: patients.locationId,
  locationName: locations.name,
  careStatus: patients.careStatus,
  levelOfCare: episodes.levelOfCare,
  clinicianId: clinician.id,
  clinicianName: clinician.name,
};

const fullColumns = {
  ...listColumns,
  sexAssignedAtBirth: patients.sexAssignedAtBirth,
  genderIdentity: patients.genderIdentity,
  preferredLanguage: patients.preferredLanguage,
  phone: patients.phone,
  email: patients.email,
  address: patients.address,
  emergencyContact: patients.emergencyContact,
  version: patients.version,
  createdAt: patients.createdAt,
  updatedAt: patients.updatedAt,
  currentEpisodeId: patients.currentEpisodeId,
  // The chart header comes from this one query too: the clinic's time zone and the current episode.
  locationTimeZone: locations.timeZone,
  episodeStatus: episodes.status,
  episodeAdmittedOn: episodes.admittedOn,
  episodeDischargedOn: episodes.dischargedOn,
  episodeLocationName: sql<string | null>`(select el.name from locations el where el.id = ${episodes.locationId})`,
};

type ListRow = Omit<Awaited<ReturnType<typeof listRows>>[number], 'sortFamily' | 'sortGiven'>;
export type FullRow = NonNullable<Awaited<ReturnType<typeof getRow>>>;

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
) {
  const family = f.q ? sql<string>`lower(${patients.legalFamilyName})` : sql<string>`${patients.legalFamilyName}`;
  const given = f.q ? sql<string>`lower(${patients.legalGivenName})` : sql<string>`${patients.legalGivenName}`;
  const where: SQL[] = [eq(patients.organizationId, organizationId), visible];
  if (f.q) where.push(searchPredicate(f.q));
  if (f.locationId) where.push(eq(patients.locationId, f.locationId));
  if (f.status) where.push(eq(patients.careStatus, f.status));
  if (f.clinicianId) where.push(eq(episodes.primaryClinicianId, f.clinicianId));
  if (after) where.push(sql`(${family}, ${given}, ${patients.id}) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`);
  return db
    .select({ ...listColumns, sortFamily: family, sortGiven: given })
    .from(patients)
    .innerJoin(locations, eq(locations.id, patients.locationId))
    .leftJoin(episodes, eq(episodes.id, patients.currentEpisodeId))
    .leftJoin(clinician, eq(clinician.id, episodes.primaryClinicianId))
    .where(and(...where))
    .orderBy(family, given, asc(patients.id))
    .limit(f.limit + 1);
}

/** One patient the actor may see, with a flag telling whether only break-the-glass lets them. */
export async function getRow(db: Db, organizationId: string, id: string, inScope: SQL, visible: SQL) {
  const [row] = await db
    .select({ ...fullColumns, inScope: sql<boolean>`${inScope}` })
    .from(patients)
    .innerJoin(locations, eq(locations.id, patients.locationId))
    .leftJoin(episodes, eq(episodes.id, patients.currentEpisodeId))
    .leftJoin(clinician, eq(clinician.id, episodes.primaryClinicianId))
    .where(and(eq(patients.organizationId, organizationId), eq(patients.id, id), visible));
  return row;
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
