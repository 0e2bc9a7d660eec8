/**
 * The database's floor: the same SQL the routes run, called in-process through the app's own repo functions and
 * scope predicate — no HTTP, no transaction, no audit. And the service level in between: the feature's service
 * function (transaction + query + audit hash chain), still without HTTP.
 */
import { patientSearch, type PatientSearch } from '@openiop/core';
import { getRow, listRows } from '../apps/api/src/features/patients/patients.repo';
import { scopePredicates } from '../apps/api/src/features/patients/patients.scope';
import { listPatients } from '../apps/api/src/features/patients/patients.service';
import { openChart } from '../apps/api/src/features/patients/chart.service';
import type { Ctx } from '../apps/api/src/platform/context';

export interface FloorOps {
  rawSearch: (i: number) => Promise<unknown>;
  rawChart: (i: number) => Promise<unknown>;
  serviceSearch: (i: number) => Promise<unknown>;
  serviceChart: (i: number) => Promise<unknown>;
}

const at = <T>(list: readonly T[], i: number): T => {
  const v = list[i % list.length];
  if (v === undefined) throw new Error('empty fixture list');
  return v;
};

/** The search filter exactly as the route receives it after validation. */
export const searchFilter = (q: string): PatientSearch => patientSearch.parse({ q, limit: 25 });

export function floorOps(ctx: Ctx, queries: string[], chartIds: string[]): FloorOps {
  const filters = queries.map(searchFilter);
  const org = ctx.actor.organizationId;
  return {
    rawSearch: async (i) => {
      const { visible } = scopePredicates(ctx.actor, ctx.clock.now());
      return listRows(ctx.db, org, visible, at(filters, i), undefined);
    },
    rawChart: async (i) => {
      const { inScope, visible } = scopePredicates(ctx.actor, ctx.clock.now());
      const row = await getRow(ctx.db, org, at(chartIds, i), inScope, visible);
      if (!row) throw new Error('chart row not found');
      return row;
    },
    serviceSearch: (i) => listPatients(ctx, at(filters, i)),
    serviceChart: (i) => openChart(ctx, at(chartIds, i)),
  };
}
