import { z } from 'zod';
import { id, pageQuery, text } from './common';

/**
 * Safety tasks come from instrument answers; measure tasks from measurement-based care (a worsening score, a
 * missed measure); check-in alerts from a daily check-in at or above the person's craving threshold or reporting use.
 */
export const taskKinds = [
  'safety',
  'measure_worsening',
  'measure_missed',
  'checkin_alert',
  // Issue 6: outreach after a missed session, engagement risk, hours below the floor mid-week, a late note, a
  // drug-test result to review with the person.
  'outreach',
  'engagement_risk',
  'hours_warning',
  'late_note',
  'drug_test_review',
  // A held session whose attendance nobody recorded a few hours after it ended.
  'attendance_unrecorded',
] as const;
export const taskStatuses = ['open', 'resolved'] as const;
export const taskPriorities = ['urgent', 'normal'] as const;
export type TaskKind = (typeof taskKinds)[number];
export type TaskStatus = (typeof taskStatuses)[number];

/** A task on someone's worklist. Safety tasks come from instrument answers; other kinds will follow. */
export const taskView = z.object({
  id,
  kind: z.enum(taskKinds),
  priority: z.enum(taskPriorities),
  status: z.enum(taskStatuses),
  /** What needs doing, in words that carry no answer text. */
  title: z.string(),
  patient: z.object({ id, name: z.string(), mrn: z.string() }),
  assignee: z.object({ id, name: z.string() }).nullable(),
  source: z.object({ type: z.string(), id }).nullable(),
  dueAt: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.object({ id, name: z.string() }).nullable(),
  resolutionNote: z.string().nullable(),
});
export type TaskView = z.infer<typeof taskView>;

export const taskQuery = pageQuery.extend({
  status: z.enum(taskStatuses).default('open'),
  /** `me` (default): assigned to the caller; `all`: everyone's (directors). */
  assignee: z.enum(['me', 'all']).default('me'),
});
export type TaskQuery = z.infer<typeof taskQuery>;

export const taskResolve = z.strictObject({ note: text(2000) });

export const safetyBanner = z.object({ items: z.array(taskView) });
