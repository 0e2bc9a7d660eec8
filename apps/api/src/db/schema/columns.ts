import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every mutable, tenant-owned table carries. */
export const tenantId = () => uuid('organization_id').notNull();
export const pk = () =>
  uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`);
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const versioned = () => ({
  version: integer('version').notNull().default(1),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});
