import { localDate, type Permission } from '@openiop/core';
import type { Db } from '../../db/database';
import { assertCan, type Ctx } from '../../platform/context';
import { loadVisible } from '../patients/patients.service';

export interface PatientTx {
  tx: Db;
  breakGlass: boolean;
  /** The clinic-local date at the patient's location, for date rules. */
  today: string;
  /** The patient's location's time zone, for turning instants into clinic-local dates. */
  timeZone: string;
}

/**
 * One request's transaction on one patient's record: the permission first, then the patient through the single
 * scope predicate (other organization or out of scope → 404), then the work.
 */
export async function withPatient<T>(ctx: Ctx, patientId: string, permission: Permission, work: (p: PatientTx) => Promise<T>): Promise<T> {
  assertCan(ctx.actor, permission);
  return ctx.db.transaction(async (tx) => {
    const { row, breakGlass } = await loadVisible(tx, ctx, patientId);
    return work({ tx, breakGlass, today: localDate(ctx.clock.now(), row.locationTimeZone), timeZone: row.locationTimeZone });
  });
}
