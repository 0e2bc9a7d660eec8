import { and, asc, eq } from 'drizzle-orm';
import { DomainError, patientScopeFor, type LocationView } from '@openiop/core';
import type { z } from 'zod';
import type { locationInput, locationUpdate } from '@openiop/core';
import type { Db } from '../../db/database';
import { locations } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';

type Row = typeof locations.$inferSelect;
const toView = (r: Row): LocationView => ({
  id: r.id,
  name: r.name,
  timeZone: r.timeZone,
  address: r.address,
  phone: r.phone,
  active: r.active,
  version: r.version,
});

export async function listLocations(ctx: Ctx): Promise<LocationView[]> {
  const rows = await ctx.db
    .select()
    .from(locations)
    .where(eq(locations.organizationId, ctx.actor.organizationId))
    .orderBy(asc(locations.name));
  return rows.map(toView);
}

async function getRow(db: Db, organizationId: string, id: string): Promise<Row | undefined> {
  const [row] = await db
    .select()
    .from(locations)
    .where(and(eq(locations.organizationId, organizationId), eq(locations.id, id)));
  return row;
}

/**
 * A location a record may be placed at: it must exist in the organization, be open, and — for staff who see
 * patients by location — be one of theirs, or they would lose sight of the record they just wrote.
 */
export async function getLocationForActor(db: Db, ctx: Ctx, id: string, path: string): Promise<LocationView> {
  const row = await getRow(db, ctx.actor.organizationId, id);
  if (!row || !row.active)
    throw new DomainError('VALIDATION_FAILED', undefined, [{ path, message: 'is not an open location of this organization' }]);
  const scopes = patientScopeFor(ctx.actor, ctx.actor.settings);
  const limited = scopes.every((s) => s.kind === 'locations');
  if (limited && !ctx.actor.locationIds.includes(id)) {
    throw new DomainError('VALIDATION_FAILED', undefined, [{ path, message: 'is not one of your locations' }]);
  }
  return toView(row);
}

export async function createLocation(ctx: Ctx, input: z.infer<typeof locationInput>): Promise<LocationView> {
  assertCan(ctx.actor, 'location.manage');
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(locations)
      .values({ ...input, organizationId: ctx.actor.organizationId, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx, { action: 'location.create', resourceType: 'location', resourceId: row.id });
    return toView(row);
  });
}

export async function getLocation(ctx: Ctx, id: string): Promise<LocationView> {
  const row = await getRow(ctx.db, ctx.actor.organizationId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such location');
  return toView(row);
}

export async function updateLocation(ctx: Ctx, id: string, version: number, patch: z.infer<typeof locationUpdate>): Promise<LocationView> {
  assertCan(ctx.actor, 'location.manage');
  return ctx.db.transaction(async (tx) => {
    const current = await getRow(tx, ctx.actor.organizationId, id);
    if (!current) throw new DomainError('NOT_FOUND', 'No such location');
    const [row] = await tx
      .update(locations)
      .set({ ...patch, version: version + 1, updatedAt: ctx.clock.now() })
      .where(and(eq(locations.organizationId, ctx.actor.organizationId), eq(locations.id, id), eq(locations.version, version)))
      .returning();
    if (!row) throw new DomainError('PRECONDITION_FAILED', 'The location was changed by someone else; reload and try again');
    await recordAudit(tx, ctx, {
      action: 'location.update',
      resourceType: 'location',
      resourceId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return toView(row);
  });
}
