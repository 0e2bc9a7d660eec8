import { countWorklist, sortWorklist, type WorklistCounts, type WorklistItem, type WorklistKind } from '@openiop/core';
import { recordAudit } from '../../platform/audit';
import { assertCan, type Ctx } from '../../platform/context';
import { worklistSources, type WorklistSource } from './sources';

async function collect(ctx: Ctx, sources: readonly WorklistSource[], audit: boolean, kind?: WorklistKind): Promise<WorklistItem[]> {
  assertCan(ctx.actor, 'task.read');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const all: WorklistItem[] = [];
    for (const source of sources) all.push(...(await source(tx, ctx.actor, now)));
    const items = sortWorklist(kind ? all.filter((i) => i.kind === kind) : all);
    if (audit)
      await recordAudit(tx, ctx, {
        action: 'worklist.read',
        resourceType: 'worklist',
        details: { count: items.length, kind: kind ?? null, patientIds: [...new Set(items.map((i) => i.patient.id))] },
      });
    return items;
  });
}

/** Everything due for the signed-in clinician, urgent first, then overdue, then by due time (core `sortWorklist`). */
export async function getWorklist(
  ctx: Ctx,
  kind?: WorklistKind,
  sources: readonly WorklistSource[] = worklistSources,
): Promise<WorklistItem[]> {
  return collect(ctx, sources, true, kind);
}

/**
 * The navigation badge's numbers. Counts name no patient, so the poll (every minute per open tab) writes no audit
 * event; opening the list does (ADR 0017).
 */
export async function getWorklistCounts(ctx: Ctx, sources: readonly WorklistSource[] = worklistSources): Promise<WorklistCounts> {
  return countWorklist(await collect(ctx, sources, false));
}
