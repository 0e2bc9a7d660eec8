import { instruments, pointsFor, scoreResponse, type Answers, type InstrumentDefinition, type InstrumentId } from '@openiop/core';
import type { Db } from '../db/database';
import { instrumentAdministrations, instrumentAnswers, tasks } from '../db/schema/index';
import { Rng } from './random';

export interface DemoPatient {
  id: string;
  episodeId: string;
  clinicianId: string;
  sex: string;
  admittedAt: Date;
}

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/** Answers around a severity (0 = none … 3 = nearly every day), item 9 of the PHQ-9 kept at 0 unless asked. */
function answersAround(def: InstrumentDefinition, rng: Rng, level: number): Answers {
  const answers: Answers = {};
  for (const item of def.items) {
    if (item.askWhen) continue;
    const values = item.options.map((o) => o.value);
    const index = Math.max(0, Math.min(values.length - 1, Math.round(level + (rng.next() - 0.5) * 2)));
    answers[item.id] = values[index] ?? 0;
  }
  if (def.id === 'phq9') answers.q9 = 0;
  return answers;
}

/**
 * Measures for the demo program: PHQ-9, GAD-7 and AUDIT at admission and a PHQ-9 two weeks in (mostly better),
 * for the first active patients; the sign-in clinician's first patient has a PHQ-9 with item 9 above 0 and its
 * open urgent safety task. Scored by the real core function. A separate generator keeps the rest of the demo
 * unchanged.
 */
export async function seedInstrumentDemo(
  tx: Db,
  organizationId: string,
  opts: { seed: number; now: Date; patients: DemoPatient[]; flagFor: string | null },
) {
  const { patients, flagFor, now } = opts;
  const rng = new Rng(opts.seed + 3);
  const admRows: (typeof instrumentAdministrations.$inferInsert)[] = [];
  const ansRows: (typeof instrumentAnswers.$inferInsert)[] = [];
  const taskRows: (typeof tasks.$inferInsert)[] = [];
  const flagged = patients.find((p) => p.clinicianId === flagFor);
  const give = (p: DemoPatient, instrumentId: InstrumentId, at: Date, answers: Answers) => {
    const def = instruments[instrumentId];
    const score = scoreResponse(def, answers, { sexAssignedAtBirth: p.sex });
    if ('errors' in score) throw new Error(`demo answers for ${instrumentId} are invalid`);
    const id = rng.uuid();
    admRows.push({
      id,
      organizationId,
      patientId: p.id,
      episodeId: p.episodeId,
      instrumentId,
      definitionVersion: def.version,
      status: 'completed',
      source: 'staff',
      administeredBy: p.clinicianId,
      total: score.total ?? null,
      bandCode: score.band?.code ?? null,
      bandLabel: score.band?.label ?? null,
      bandSetUsed: score.band?.bandSet ?? null,
      subscales: score.subscales ?? null,
      positive: score.positive ?? null,
      safetyFlags: score.safetyFlags,
      missingItems: [],
      notes: score.notes,
      submittedAt: at,
      createdAt: at,
      updatedAt: at,
    });
    for (const [itemId, value] of Object.entries(answers)) {
      const item = def.items.find((i) => i.id === itemId);
      ansRows.push({ organizationId, administrationId: id, itemId, value, points: item ? pointsFor(item, value) : 0, answeredAt: at });
    }
    return { id, score };
  };
  for (const p of patients.slice(0, 40)) {
    const level = rng.int(0, 2) + rng.next();
    const intake = addDays(p.admittedAt, 0);
    give(p, 'phq9', intake, answersAround(instruments.phq9, rng, level));
    give(p, 'gad7', intake, answersAround(instruments.gad7, rng, level * 0.8));
    give(p, 'audit', intake, answersAround(instruments.audit, rng, rng.int(0, 2)));
    const later = addDays(p.admittedAt, 14);
    if (later <= now && p !== flagged) give(p, 'phq9', later, answersAround(instruments.phq9, rng, Math.max(0, level - 1)));
  }
  if (flagged) {
    const at = new Date(Math.min(addDays(flagged.admittedAt, 1).getTime(), now.getTime()));
    const { id, score } = give(flagged, 'phq9', at, { ...answersAround(instruments.phq9, rng, 2), q9: 1 });
    taskRows.push({
      organizationId,
      kind: 'safety',
      priority: 'urgent',
      patientId: flagged.id,
      assigneeUserId: flagged.clinicianId,
      title: score.safetyFlags.map((f) => f.summary).join('; '),
      details: { flags: score.safetyFlags.map((f) => ({ kind: f.kind, acuity: f.acuity ?? null })) },
      sourceType: 'administration',
      sourceId: id,
      dueAt: at,
      createdAt: at,
    });
  }
  for (let i = 0; i < admRows.length; i += 200) await tx.insert(instrumentAdministrations).values(admRows.slice(i, i + 200));
  for (let i = 0; i < ansRows.length; i += 1000) await tx.insert(instrumentAnswers).values(ansRows.slice(i, i + 1000));
  if (taskRows.length) await tx.insert(tasks).values(taskRows);
  return { administrations: admRows.length, tasks: taskRows.length };
}
