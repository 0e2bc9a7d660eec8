import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DomainError, type Role, type UserView, type userCreate, type userUpdate } from '@openiop/core';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { locations, userLocations, users } from '../../db/schema/index';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { hashPassword } from '../auth/passwords';
import { requestPasswordReset } from '../auth/auth.service';

const locationIdsOf = sql<
  string[]
>`coalesce((select array_agg(ul.location_id::text order by ul.location_id) from user_locations ul where ul.user_id = ${users.id}), '{}')`;

async function rows(db: Db, organizationId: string, id?: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      roles: users.roles,
      locationIds: locationIdsOf,
      credentials: users.credentials,
      phone: users.phone,
      active: users.active,
      mfaEnabled: users.mfaEnabled,
      lockedUntil: users.lockedUntil,
      lastSignInAt: users.lastSignInAt,
      version: users.version,
    })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), id ? eq(users.id, id) : undefined))
    .orderBy(asc(users.name), asc(users.id));
}

type Row = Awaited<ReturnType<typeof rows>>[number];
const toView = (r: Row): UserView => ({
  ...r,
  lockedUntil: r.lockedUntil?.toISOString() ?? null,
  lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
});

export async function listUsers(ctx: Ctx): Promise<UserView[]> {
  assertCan(ctx.actor, 'user.read');
  return (await rows(ctx.db, ctx.actor.organizationId)).map(toView);
}

export async function getUser(ctx: Ctx, id: string, db: Db = ctx.db): Promise<UserView> {
  assertCan(ctx.actor, 'user.read');
  const [row] = await rows(db, ctx.actor.organizationId, id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such user');
  return toView(row);
}

/** Names and roles of active staff, which every staff member may see (for pickers and filters). */
export async function listStaff(ctx: Ctx, role?: Role) {
  const list = await ctx.db
    .select({ id: users.id, name: users.name, roles: users.roles })
    .from(users)
    .where(
      and(
        eq(users.organizationId, ctx.actor.organizationId),
        eq(users.active, true),
        role ? sql`${role} = any(${users.roles})` : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
  return list;
}

/** An active staff member of this organization holding one of `roles`, or a field error on `path`. */
export async function getStaffMember(db: Db, ctx: Ctx, id: string, path: string, roles: Role[]) {
  const [row] = await db
    .select({ id: users.id, roles: users.roles, active: users.active })
    .from(users)
    .where(and(eq(users.organizationId, ctx.actor.organizationId), eq(users.id, id)));
  if (!row || !row.active || !row.roles.some((r) => roles.includes(r))) {
    throw new DomainError('VALIDATION_FAILED', undefined, [{ path, message: `must be an active staff member (${roles.join(', ')})` }]);
  }
  return row;
}

async function checkLocations(db: Db, organizationId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = await db
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.organizationId, organizationId), inArray(locations.id, ids)));
  if (found.length !== new Set(ids).size)
    throw new DomainError('VALIDATION_FAILED', undefined, [{ path: 'locationIds', message: 'must list locations of this organization' }]);
}

async function setLocations(db: Db, organizationId: string, userId: string, ids: string[]): Promise<void> {
  await db.delete(userLocations).where(and(eq(userLocations.organizationId, organizationId), eq(userLocations.userId, userId)));
  const unique = [...new Set(ids)];
  if (unique.length) await db.insert(userLocations).values(unique.map((locationId) => ({ organizationId, userId, locationId })));
}

export async function createUser(ctx: Ctx, input: z.infer<typeof userCreate>): Promise<UserView> {
  assertCan(ctx.actor, 'user.manage');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const view = await ctx.db.transaction(async (tx) => {
    const db = tx as Db;
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (taken)
      throw new DomainError('DUPLICATE', 'That e-mail address already has an account', [{ path: 'email', message: 'is already in use' }]);
    await checkLocations(db, ctx.actor.organizationId, input.locationIds);
    const now = ctx.clock.now();
    const [row] = await db
      .insert(users)
      .values({
        organizationId: ctx.actor.organizationId,
        email: input.email,
        name: input.name,
        roles: input.roles,
        credentials: input.credentials,
        phone: input.phone ?? null,
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    if (!row) throw new Error('insert returned nothing');
    await setLocations(db, ctx.actor.organizationId, row.id, input.locationIds);
    await recordAudit(db, ctx, { action: 'user.create', resourceType: 'user', resourceId: row.id, details: { roles: input.roles } });
    return getUser(ctx, row.id, db);
  });
  // A new colleague without a password gets the single-use link to choose their own.
  if (!passwordHash) await requestPasswordReset(ctx, { ip: ctx.ip, userAgent: ctx.userAgent }, input.email);
  return view;
}

export async function updateUser(ctx: Ctx, id: string, version: number, patch: z.infer<typeof userUpdate>): Promise<UserView> {
  assertCan(ctx.actor, 'user.manage');
  if (
    id === ctx.actor.userId &&
    (patch.active === false || (patch.roles && !patch.roles.includes('admin') && ctx.actor.roles.includes('admin')))
  ) {
    throw new DomainError('CONFLICT', 'You cannot deactivate yourself or remove your own admin role');
  }
  return ctx.db.transaction(async (tx) => {
    const db = tx as Db;
    const { locationIds, ...fields } = patch;
    if (locationIds) await checkLocations(db, ctx.actor.organizationId, locationIds);
    const [row] = await db
      .update(users)
      .set({ ...fields, version: version + 1, updatedAt: ctx.clock.now() })
      .where(and(eq(users.organizationId, ctx.actor.organizationId), eq(users.id, id), eq(users.version, version)))
      .returning({ id: users.id });
    if (!row) {
      await getUser(ctx, id, db);
      throw new DomainError('PRECONDITION_FAILED', 'The user was changed by someone else; reload and try again');
    }
    if (locationIds) await setLocations(db, ctx.actor.organizationId, id, locationIds);
    await recordAudit(db, ctx, {
      action: 'user.update',
      resourceType: 'user',
      resourceId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return getUser(ctx, id, db);
  });
}

export async function unlockUser(ctx: Ctx, id: string): Promise<UserView> {
  assertCan(ctx.actor, 'user.manage');
  return ctx.db.transaction(async (tx) => {
    const db = tx as Db;
    const [row] = await db
      .update(users)
      .set({ failedSignIns: 0, lockedUntil: null })
      .where(and(eq(users.organizationId, ctx.actor.organizationId), eq(users.id, id)))
      .returning({ id: users.id });
    if (!row) throw new DomainError('NOT_FOUND', 'No such user');
    await recordAudit(db, ctx, { action: 'user.unlock', resourceType: 'user', resourceId: id });
    return getUser(ctx, id, db);
  });
}
