import { randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findLeaks, partTexts, sharedTexts, type PartContent, type SharedContent } from '@openiop/core';
import { buildTestApp, setupOrg } from '../../test/harness';
import { noteParts, patients, sessionAttendees, sessionNotes, sessionOccurrences, staffSupervision } from '../db/schema/index';
import { seedNotesDemo } from './demo-notes';
import type { HeldDemoSession as HeldSession } from './demo-sessions';
import { setDemoIdSalt } from './random';

const t = await buildTestApp();
const db = t.database.db;

describe('notes demo', () => {
  it('seeds signed, co-signed, waiting and late notes for held sessions, naming nobody, and the peers’ supervision', async () => {
    setDemoIdSalt(randomInt(1, 2 ** 31));
    const org = await setupOrg(t);
    const people = await Promise.all([1, 2, 3, 4].map(() => org.patient()));
    const now = t.clock.now();
    const held: HeldSession[] = [];
    for (let i = 0; i < 12; i += 1) {
      const endsAt = new Date(now.getTime() - (2 + i * 10) * 3_600_000);
      const kind = i % 3 === 0 ? 'individual' : 'group';
      const staffId = i % 4 === 1 ? org.users.peer.id : org.users.clinician.id;
      const patientIds = kind === 'group' ? people.map((p) => p.id) : [people[i % 4]!.id];
      const id = randomUUID();
      await db.insert(sessionOccurrences).values({
        id,
        organizationId: org.id,
        locationId: org.locations.main,
        kind,
        title: kind === 'group' ? 'Group' : 'Individual session',
        day: endsAt.toISOString().slice(0, 10),
        startMinute: 600,
        endMinute: 690,
        startsAt: new Date(endsAt.getTime() - 90 * 60_000),
        endsAt,
        modality: 'in_person',
        capacity: 12,
        staffId,
        status: 'scheduled',
      });
      await db
        .insert(sessionAttendees)
        .values(patientIds.map((patientId) => ({ organizationId: org.id, occurrenceId: id, patientId, source: 'manual' as const })));
      held.push({
        occurrenceId: id,
        locationId: org.locations.main,
        kind,
        staffId,
        startsAt: new Date(endsAt.getTime() - 90 * 60_000),
        endsAt,
        patientIds,
      });
    }
    const { notes } = await seedNotesDemo(db, { organizationId: org.id, now, seed: 20261122 }, held);
    expect(notes).toBe(12);
    const rows = await db.select().from(sessionNotes).where(eq(sessionNotes.organizationId, org.id));
    const statuses = new Set(rows.map((r) => r.status));
    expect(statuses).toContain('signed');
    expect(statuses).toContain('draft');
    expect(
      rows.filter((r) => r.authorId === org.users.peer.id && r.status !== 'draft').every((r) => r.cosignerId === org.users.director.id),
    ).toBe(true);
    expect(await db.select().from(staffSupervision).where(eq(staffSupervision.organizationId, org.id))).toMatchObject([
      { userId: org.users.peer.id, supervisorId: org.users.director.id, requiresCosign: true },
    ]);

    // The words name nobody: the leak check passes on every note.
    const members = (await db.select().from(patients).where(eq(patients.organizationId, org.id))).map((p) => ({
      patientId: p.id,
      givenName: p.legalGivenName,
      familyName: p.legalFamilyName,
      preferredName: p.preferredName,
      mrn: p.mrn,
    }));
    const parts = await db.select().from(noteParts).where(eq(noteParts.organizationId, org.id));
    for (const n of rows) {
      const fields = [
        ...sharedTexts(n.shared as SharedContent).map((x) => ({ path: x.path, text: x.text, ownerId: null })),
        ...parts
          .filter((p) => p.noteId === n.id)
          .flatMap((p) =>
            partTexts(n.template, p.content as PartContent).map((x) => ({ path: x.path, text: x.text, ownerId: p.patientId })),
          ),
      ];
      expect(findLeaks(fields, members)).toEqual([]);
    }
    // The chart shows the person's signed parts.
    const chart = await (await org.as('clinician')).get(`/api/v1/patients/${people[0]!.id}/notes`);
    expect(chart.statusCode).toBe(200);
    expect(chart.json().items.length).toBeGreaterThan(0);
  });
});
