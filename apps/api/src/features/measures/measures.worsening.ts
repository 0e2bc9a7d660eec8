import { and, asc, eq, ne } from 'drizzle-orm';
import { instruments, worsening, type InstrumentId } from '@openiop/core';
import type { Db } from '../../db/database';
import { instrumentAdministrations as adm } from '../../db/schema/index';
import { raiseCareTask, type AuditWho } from '../tasks/tasks.service';
import { bandsOf } from './measures.views';

/**
 * Called by the instrument submission paths (staff and phone links) inside their transaction, after the new
 * score is stored: when it is worse than the previous one (core `worsening`), a `measure_worsening` task goes
 * to the care team with its audit event, so the answers and the task commit together. Returns the task id.
 */
export async function raiseWorseningIfAny(
  tx: Db,
  who: AuditWho,
  a: { administrationId: string; patientId: string; instrumentId: InstrumentId; total: number | undefined },
): Promise<string | null> {
  if (a.total === undefined) return null;
  const earlier = await tx
    .select({ total: adm.total })
    .from(adm)
    .where(
      and(
        eq(adm.organizationId, who.organizationId),
        eq(adm.patientId, a.patientId),
        eq(adm.instrumentId, a.instrumentId),
        eq(adm.status, 'completed'),
        ne(adm.id, a.administrationId),
      ),
    )
    .orderBy(asc(adm.submittedAt), asc(adm.id));
  const totals = earlier.map((e) => e.total).filter((t): t is number => t !== null);
  const reasons = worsening(a.instrumentId, bandsOf(a.instrumentId), {
    baseline: totals[0] ?? null,
    previous: totals.at(-1) ?? null,
    current: a.total,
  });
  if (!reasons.length) return null;
  const name = instruments[a.instrumentId].shortName;
  return raiseCareTask(tx, who, {
    kind: 'measure_worsening',
    priority: 'normal',
    patientId: a.patientId,
    title: `${name} score worsened`,
    details: { instrumentId: a.instrumentId, reasons },
    source: { type: 'administration', id: a.administrationId },
    dueAt: who.occurredAt,
  });
}
