import { aliasedTable, and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { EpisodeView } from '@openiop/core';
import type { Db } from '../../db/database';
import { caseloadAssignments, episodes, locations, patients, users } from '../../db/schema/index';

const clinician = aliasedTable(users, 'clinician');

export async function listEpisodes(db: Db, organizationId: string, patientId: string): Promise<EpisodeView[]> {
  const rows = await db
    .select({
      id: episodes.id,
      patientId: episodes.patientId,
      status: episodes.status,
      levelOfCare: episodes.levelOfCare,
      locationId: episodes.locationId,
      locationName: locations.name,
      clinicianId: clinician.id,
      clinicianName: clinician.name,
      admittedOn: episodes.admittedOn,
      dischargedOn: episodes.dischargedOn,
      plannedWeeks: episodes.plannedWeeks,
      track: episodes.track,
      version: episodes.version,
    })
    .from(episodes)
    .innerJoin(locations, eq(locations.id, episodes.locationId))
    .leftJoin(clinician, eq(clinician.id, episodes.primaryClinicianId))
    .where(and(eq(episodes.organizationId, organizationId), eq(episodes.patientId, patientId)))
    .orderBy(desc(episodes.createdAt), desc(episodes.id));
  return rows.map(({ clinicianId, clinicianName, ...r }) => ({
    ...r,
    primaryClinician: clinicianId && clinicianName ? { id: clinicianId, name: clinicianName } : null,
  }));
}

export async function updateEpisode(
  db: Db,
  organizationId: string,
  id: string,
  version: number,
  patch: Partial<typeof episodes.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(episodes)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(episodes.organizationId, organizationId), eq(episodes.id, id), eq(episodes.version, version)))
    .returning({ id: episodes.id });
  return rows.length === 1;
}

export async function locationTimeZone(db: Db, organizationId: string, locationId: string): Promise<string> {
  const [row] = await db
    .select({ timeZone: locations.timeZone })
    .from(locations)
    .where(and(eq(locations.organizationId, organizationId), eq(locations.id, locationId)));
  return row?.timeZone ?? 'UTC';
}

export async function insertEpisode(db: Db, values: typeof episodes.$inferInsert): Promise<string> {
  const [row] = await db.insert(episodes).values(values).returning({ id: episodes.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function setCurrentEpisode(
  db: Db,
  organizationId: string,
  patientId: string,
  patch: Partial<typeof patients.$inferInsert>,
): Promise<void> {
  await db
    .update(patients)
    .set(patch)
    .where(and(eq(patients.organizationId, organizationId), eq(patients.id, patientId)));
}

export async function listCaseload(db: Db, organizationId: string, patientId: string) {
  return db
    .select({ userId: users.id, name: users.name, roles: users.roles, assignedAt: caseloadAssignments.assignedAt })
    .from(caseloadAssignments)
    .innerJoin(users, eq(users.id, caseloadAssignments.userId))
    .where(
      and(
        eq(caseloadAssignments.organizationId, organizationId),
        eq(caseloadAssignments.patientId, patientId),
        isNull(caseloadAssignments.endedAt),
      ),
    );
}

export async function assign(db: Db, organizationId: string, patientId: string, userId: string, at: Date): Promise<void> {
  await db.insert(caseloadAssignments).values({ organizationId, patientId, userId, assignedAt: at });
}

export async function unassign(db: Db, organizationId: string, patientId: string, userIds: string[], at: Date): Promise<number> {
  const rows = await db
    .update(caseloadAssignments)
    .set({ endedAt: at })
    .where(
      and(
        eq(caseloadAssignments.organizationId, organizationId),
        eq(caseloadAssignments.patientId, patientId),
        inArray(caseloadAssignments.userId, userIds),
        isNull(caseloadAssignments.endedAt),
      ),
    )
    .returning({ id: caseloadAssignments.id });
  return rows.length;
}
