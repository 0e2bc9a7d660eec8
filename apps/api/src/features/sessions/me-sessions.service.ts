import type { MeSessionsView } from '@openiop/core';
import { appendAudit } from '../../platform/audit';
import { usableMeLink } from '../measures/me-link';
import { publicWho, type PublicClient } from '../instruments/phone-links.service';
import * as repo from './sessions.repo';
import { occurrenceView } from './sessions.views';

const DAY_MS = 86_400_000;
/** The person's page lists the next 14 days. */
export const ME_AHEAD_DAYS = 14;

/**
 * The person's upcoming sessions and in-app reminders on their `/me/:token` page: when, where, the join link of a
 * video session. The link is the measures feature's; unknown or revoked → 404, expired → 410, as there.
 */
export async function meSessions(c: PublicClient, token: string): Promise<MeSessionsView> {
  return c.database.db.transaction(async (tx) => {
    const now = c.clock.now();
    const link = await usableMeLink(tx, token, now);
    const rows = await repo.listForPatient(
      tx,
      link.organizationId,
      link.patientId,
      { from: now, to: new Date(now.getTime() + ME_AHEAD_DAYS * DAY_MS) },
      false,
    );
    const upcomingIds = new Set(rows.map((r) => r.id));
    const reminders = (await repo.inAppReminders(tx, link.organizationId, link.patientId, new Date(now.getTime() - 2 * DAY_MS))).filter(
      (r) => upcomingIds.has(r.occurrenceId),
    );
    await appendAudit(tx, {
      ...publicWho(c, link.organizationId),
      action: 'sessions.read',
      resourceType: 'measure_link',
      resourceId: link.id,
      patientId: link.patientId,
      details: { via: 'measures-link', linkId: link.id, occurrences: rows.length, reminders: reminders.length },
    });
    return {
      upcoming: rows.map(occurrenceView),
      reminders: reminders.map((r) => ({ ...r, sentAt: r.sentAt.toISOString() })),
    };
  });
}
