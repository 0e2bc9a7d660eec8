import { noteTemplates, type NoteTemplateId, type PartContent, type SharedContent } from '@openiop/core';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import {
  noteAddenda,
  noteParts,
  sessionAttendance,
  sessionNotes,
  staffSupervision,
  treatmentPlanVersions,
  users,
} from '../db/schema/index';
import type { HeldDemoSession as HeldSession } from './demo-sessions';
import { Rng } from './random';

export interface NotesDemoContext {
  organizationId: string;
  now: Date;
  seed: number;
}

const TOPICS: [string, string][] = [
  ['Coping with cravings', 'Unit 2: Triggers and cravings'],
  ['Building a sober support network', 'Unit 4: Recovery supports'],
  ['Stress and the relapse cycle', 'Unit 3: Relapse prevention'],
  ['Sleep, mood and recovery', 'Unit 5: Health in recovery'],
  ['Handling high-risk situations', 'Unit 3: Relapse prevention'],
];
const INTERVENTIONS = [
  'CBT skills practice',
  'Motivational interviewing',
  'Psychoeducation',
  'Mindfulness exercise',
  'Role play',
  'Peer sharing',
];
const PARTICIPATION = [
  'Active throughout; volunteered to share first',
  'Engaged; contributed when invited',
  'Quiet at first, then took part in the role play',
  'Attentive; shared one example from the week',
];
const RESPONSE = [
  'Identified two personal triggers and a plan for each',
  'Responded well to the skills practice and asked for a handout',
  'Said the topic fit their week; agreed to try the exercise daily',
  'Reflected on a recent high-risk moment and what helped',
];
const INDIVIDUAL: Record<Exclude<NoteTemplateId, 'group'>, Record<string, string[]>> = {
  dap: {
    data: ['Reported four days without use; cravings in the evenings', 'Described conflict at home and one lapse at the weekend'],
    assessment: ['Motivated; coping skills emerging', 'Ambivalent but engaged; risk moderate'],
    plan: ['Practise urge surfing nightly; review next week', 'Attend all groups this week; call the peer mentor after work'],
  },
  birp: {
    behavior: ['Arrived on time, calm, good eye contact', 'Restless; spoke quickly about the week'],
    intervention: ['Motivational interviewing on change talk', 'Reviewed the relapse-prevention plan together'],
    response: ['Named two reasons to stay in treatment', 'Agreed to update the plan with a new coping strategy'],
    plan: ['Follow up on the plan at the next session', 'Check in by phone mid-week'],
  },
  soap: {
    subjective: ['"This week was hard but I did not drink"', '"I am sleeping better"'],
    objective: ['Alert and oriented; affect brighter than last week', 'Tired, but engaged throughout'],
    assessment: ['Progressing toward plan goals', 'Stable; continue current level of care'],
    plan: ['Continue weekly sessions', 'Coordinate with medical staff about sleep'],
  },
};
const PROGRESS = ['Used a coping skill on most evenings this week', 'Some progress; one difficult day', 'Working on it; made a start'];

const ABSENT = new Set(['absent_excused', 'absent_unexcused']);

/**
 * Session notes for the demo's held sessions, each a different moment: most signed by their facilitator within the
 * day, peers' notes co-signed by the director (the newest still waiting in the director's queue), the last day's
 * still in draft, two older drafts that are late, and an addendum here and there. Peers' supervision (the director,
 * co-signature required) is seeded too. The words name nobody. Its own generator keeps other draws stable.
 */
export async function seedNotesDemo(db: Db, ctx: NotesDemoContext, held: HeldSession[]): Promise<{ notes: number }> {
  const rng = new Rng(ctx.seed + 61);
  const org = ctx.organizationId;
  const staff = await db.select({ id: users.id, roles: users.roles }).from(users).where(eq(users.organizationId, org)).orderBy(users.email);
  const director = staff.find((s) => s.roles.includes('director'));
  const peers = new Set(staff.filter((s) => s.roles.includes('peer')).map((s) => s.id));
  if (director && peers.size)
    await db
      .insert(staffSupervision)
      .values(
        [...peers].map((userId) => ({ id: rng.uuid(), organizationId: org, userId, supervisorId: director.id, requiresCosign: true })),
      )
      .onConflictDoNothing();

  const sessions = held
    .filter((h) => h.kind !== 'drug_test' && h.patientIds.length > 0 && h.endsAt.getTime() <= ctx.now.getTime())
    .sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime())
    .slice(0, 300);
  if (!sessions.length) return { notes: 0 };
  const attendance = await db
    .select({ occurrenceId: sessionAttendance.occurrenceId, patientId: sessionAttendance.patientId, status: sessionAttendance.status })
    .from(sessionAttendance)
    .where(
      and(
        eq(sessionAttendance.organizationId, org),
        inArray(
          sessionAttendance.occurrenceId,
          sessions.map((s) => s.occurrenceId),
        ),
      ),
    );
  const absent = new Set(attendance.filter((a) => ABSENT.has(a.status)).map((a) => `${a.occurrenceId}:${a.patientId}`));
  const patientIds = [...new Set(sessions.flatMap((s) => s.patientIds))];
  const goalRows = await db
    .selectDistinctOn([treatmentPlanVersions.patientId], {
      patientId: treatmentPlanVersions.patientId,
      content: treatmentPlanVersions.content,
    })
    .from(treatmentPlanVersions)
    .where(
      and(
        eq(treatmentPlanVersions.organizationId, org),
        inArray(treatmentPlanVersions.patientId, patientIds),
        ne(treatmentPlanVersions.status, 'superseded'),
      ),
    )
    .orderBy(treatmentPlanVersions.patientId, sql`(${treatmentPlanVersions.status} = 'signed') desc`, treatmentPlanVersions.createdAt);
  const firstGoal = new Map(
    goalRows.flatMap((r) =>
      r.content.problems
        .flatMap((p) => p.goals)
        .slice(0, 1)
        .map((g) => [r.patientId, g.id] as const),
    ),
  );

  let lateDrafts = 0;
  let waiting = 0;
  let notes = 0;
  for (const s of sessions) {
    const ageHours = (ctx.now.getTime() - s.endsAt.getTime()) / 3_600_000;
    const template: NoteTemplateId = s.kind === 'group' ? 'group' : rng.pick(['dap', 'birp', 'soap'] as const);
    const draft = ageHours < 20 || (ageHours > 30 && lateDrafts < 2 && rng.chance(0.15));
    if (draft && ageHours >= 24) lateDrafts += 1;
    const byPeer = peers.has(s.staffId) && director !== undefined;
    const signedAt = draft ? null : new Date(Math.min(ctx.now.getTime(), s.endsAt.getTime() + rng.int(1, 20) * 3_600_000));
    const awaiting = !draft && byPeer && waiting < 2 && ageHours < 96;
    if (awaiting) waiting += 1;
    const [topic, unit] = rng.pick(TOPICS);
    const shared: SharedContent =
      template === 'group'
        ? {
            topic,
            curriculumUnit: unit,
            interventions: [rng.pick(INTERVENTIONS), rng.pick(INTERVENTIONS)].filter((x, i, a) => a.indexOf(x) === i),
          }
        : {};
    const noteId = rng.uuid();
    await db.insert(sessionNotes).values({
      id: noteId,
      organizationId: org,
      occurrenceId: s.occurrenceId,
      kind: s.kind === 'drug_test' ? 'individual' : s.kind,
      template,
      shared: shared as Record<string, unknown>,
      status: draft ? 'draft' : awaiting ? 'awaiting_cosign' : 'signed',
      authorId: s.staffId,
      signedAt,
      signedBy: signedAt ? s.staffId : null,
      cosignerId: byPeer && !draft ? (director?.id ?? null) : null,
      cosignedAt:
        byPeer && !draft && !awaiting && signedAt ? new Date(Math.min(ctx.now.getTime(), signedAt.getTime() + 6 * 3_600_000)) : null,
      createdAt: s.endsAt,
      updatedAt: signedAt ?? s.endsAt,
    });
    const present = s.patientIds.filter((p) => !absent.has(`${s.occurrenceId}:${p}`));
    const parts = present.map((patientId) => {
      const content: PartContent =
        template === 'group'
          ? { participation: rng.pick(PARTICIPATION), response: rng.pick(RESPONSE) }
          : Object.fromEntries(noteTemplates[template].fields.map((f) => [f.key, rng.pick(INDIVIDUAL[template][f.key] ?? ['Reviewed'])]));
      const goalId = firstGoal.get(patientId);
      if (goalId && rng.chance(0.7)) content.goalProgress = [{ goalId, text: rng.pick(PROGRESS) }];
      return {
        id: rng.uuid(),
        organizationId: org,
        noteId,
        patientId,
        content: content,
        createdAt: s.endsAt,
        updatedAt: signedAt ?? s.endsAt,
      };
    });
    if (parts.length) await db.insert(noteParts).values(parts);
    const amended = parts[0];
    if (signedAt && !awaiting && amended && rng.chance(0.08))
      await db.insert(noteAddenda).values({
        id: rng.uuid(),
        organizationId: org,
        noteId,
        patientId: amended.patientId,
        text: 'Phoned the next day to follow up; doing well and attending tomorrow.',
        authorId: s.staffId,
        signedAt: new Date(Math.min(ctx.now.getTime(), signedAt.getTime() + 20 * 3_600_000)),
      });
    notes += 1;
  }
  return { notes };
}
