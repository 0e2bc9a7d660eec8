import { z } from 'zod';
import { id } from './common';

/**
 * Everything due for a clinician, on one page (issue 4). Task rows (safety, measure and check-in tasks) and
 * computed items (plan reviews due or overdue, unsigned plans, measures due) share this one shape.
 */
export const worklistKinds = [
  'safety',
  'measure_worsening',
  'measure_missed',
  'checkin_alert',
  'measure_due',
  'plan_review_due',
  'plan_review_overdue',
  'plan_unsigned',
  'outreach',
  'engagement_risk',
  'hours_warning',
  'late_note',
  'drug_test_review',
  // A held session whose attendance nobody recorded a few hours after it ended.
  'attendance_unrecorded',
] as const;
export type WorklistKind = (typeof worklistKinds)[number];

export const worklistItem = z.object({
  kind: z.enum(worklistKinds),
  priority: z.enum(['urgent', 'normal']),
  patient: z.object({ id, name: z.string(), mrn: z.string() }),
  /** What needs doing, in words that carry no answer text. */
  title: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  /** Where in the web app the work is done, e.g. `/patients/:id/plans/:planId`. */
  href: z.string(),
  /** The task row behind it, when there is one (computed items have none). */
  taskId: id.nullable(),
});
export type WorklistItem = z.infer<typeof worklistItem>;

export const worklistView = z.object({ items: z.array(worklistItem) });
export const worklistCounts = z.object({ total: z.number().int(), urgent: z.number().int(), overdue: z.number().int() });
export type WorklistCounts = z.infer<typeof worklistCounts>;

/** `GET /api/v1/worklist?kind=`: one kind, or everything. */
export const worklistQuery = z.strictObject({ kind: z.enum(worklistKinds).optional() });
