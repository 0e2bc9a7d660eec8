import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays, localDate, mondayOf, type ScheduleWeekView } from '@openiop/core';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo';
import { setDemoIdSalt } from '../../demo/random';
import { buildTestApp, signIn, type Agent } from '../../../test/harness';
import { orgSnapshot } from '../../../test/db-state';

const t = await buildTestApp();

async function demo() {
  const domain = `adhoc-${crypto.randomUUID().slice(0, 8)}.demo.test`;
  setDemoIdSalt(randomInt(1, 2 ** 31));
  const { organizationId } = await seedDemo(t.database.db, { patients: 60, now: t.clock.now(), domain });
  const director = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
  const locations = (await director.get('/api/v1/locations')).json().items as { id: string; name: string }[];
  const portland = locations.find((l) => l.name === 'Riverbend Portland')?.id as string;
  const denver = locations.find((l) => l.name === 'Riverbend Denver')?.id as string;
  const weekStart = addDays(mondayOf(localDate(t.clock.now(), 'America/Los_Angeles')), 7);
  return { organizationId, director, portland, denver, weekStart, url: `/api/v1/locations/${portland}/schedule/${weekStart}` };
}

type Body = Record<string, unknown>;

/** The first slot, over the week's days and hours, where adding `base` breaks nothing (found by dry runs). */
async function freeSlot(agent: Agent, url: string, weekStart: string, base: Body): Promise<Body> {
  for (let d = 0; d < 5; d += 1)
    for (let h = 8; h <= 19; h += 1) {
      const body = { ...base, day: addDays(weekStart, d), startMinute: h * 60, endMinute: h * 60 + 50 };
      const check = await agent.post(`${url}/sessions`, { ...body, dryRun: true });
      expect(check.statusCode, check.body).toBe(200);
      if (check.json().ok) return body;
    }
  throw new Error('no free slot in the week');
}

describe('ad hoc sessions', () => {
  it('adds a checked session to a week, refuses clashes and bad fields writing nothing, and a published week can run it', async () => {
    const { organizationId, director, denver, weekStart, url } = await demo();
    const week = (await director.get(url)).json<ScheduleWeekView>();
    expect(week.status).toBe('not_planned');
    const group = week.occurrences.find((o) => o.kind === 'group' && o.room) as ScheduleWeekView['occurrences'][number];
    const person = week.people.find((p) => p.primaryClinicianId) as ScheduleWeekView['people'][number];

    // Into a template group's room at its time: a dry run says so; saving refuses with the reason; nothing is written.
    const clash = {
      kind: 'group',
      title: 'Make-up group',
      day: group.day,
      startMinute: group.startMinute,
      endMinute: group.endMinute,
      staffId: week.staff.find((s) => s.id !== group.staff?.id)?.id,
      roomId: group.room?.id,
      patientIds: [],
    };
    const check = await director.post(`${url}/sessions`, { ...clash, dryRun: true });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().ok).toBe(false);
    expect(check.json().problems.map((p: { kind: string }) => p.kind)).toContain('room_double_booked');
    const elsewhere = (await director.get(`/api/v1/locations/${denver}/schedule/${weekStart}`)).json<ScheduleWeekView>();
    const before = await orgSnapshot(t.database, organizationId);
    const refused = await director.post(`${url}/sessions`, clash);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('SCHEDULE_CONFLICT');
    for (const [body, path] of [
      [{ ...clash, day: addDays(weekStart, 7) }, 'day'],
      [{ ...clash, endMinute: clash.startMinute }, 'endMinute'],
      [{ ...clash, kind: 'individual' }, 'patientIds'],
      [{ ...clash, roomId: null, staffId: crypto.randomUUID() }, 'staffId'],
    ] as const) {
      const bad = await director.post(`${url}/sessions`, body);
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const otherRoom = elsewhere.occurrences.find((o) => o.room)?.room?.id;
    const wrongRoom = await director.post(`${url}/sessions`, { ...clash, roomId: otherRoom });
    expect(wrongRoom.statusCode, wrongRoom.body).toBe(400);
    expect(wrongRoom.json().errors[0].path).toBe('roomId');
    const stranger = elsewhere.people[0]?.patientId as string;
    const wrongPerson = await director.post(`${url}/sessions`, { ...clash, roomId: null, patientIds: [stranger] });
    expect(wrongPerson.statusCode, wrongPerson.body).toBe(400);
    expect(wrongPerson.json().errors[0].path).toBe('patientIds.0');
    expect(await orgSnapshot(t.database, organizationId)).toEqual(before);

    // A free virtual individual session for one person: saved, and the week (created for it) holds it with its roster.
    const base = {
      kind: 'individual',
      title: 'Extra individual session',
      staffId: person.primaryClinicianId,
      roomId: null,
      patientIds: [person.patientId],
    };
    const slot = await freeSlot(director, url, weekStart, base);
    const added = await director.post(`${url}/sessions`, slot);
    expect(added.statusCode, added.body).toBe(201);
    const occurrenceId = added.json().occurrenceId as string;
    const draft = added.json().week as ScheduleWeekView;
    expect(draft.status).toBe('draft');
    const mine = draft.occurrences.find((o) => o.id === occurrenceId);
    expect(mine).toMatchObject({ kind: 'individual', status: 'draft', title: 'Extra individual session' });
    expect(mine?.attendees.map((a) => a.patientId)).toEqual([person.patientId]);
    expect(draft.problems.filter((p) => p.severity === 'hard')).toEqual([]);

    // Once a week exists, adding needs its ETag: missing → 428, stale → 412.
    const again = await freeSlot(director, url, weekStart, { ...base, title: 'Another' });
    expect((await director.post(`${url}/sessions`, again)).statusCode).toBe(428);
    expect((await director.post(`${url}/sessions`, again, { 'if-match': `"${draft.version - 1}"` })).statusCode).toBe(412);

    // Published: a session added now is scheduled at once and has a run sheet.
    const published = await director.post(`${url}/publish`, {}, { 'if-match': `"${draft.version}"` });
    expect(published.statusCode, published.body).toBe(200);
    const live = await director.post(`${url}/sessions`, again, { 'if-match': `"${published.json().version}"` });
    expect(live.statusCode, live.body).toBe(201);
    const liveId = live.json().occurrenceId as string;
    expect(live.json().week.occurrences.find((o: { id: string }) => o.id === liveId)?.status).toBe('scheduled');
    const sheet = await director.get(`/api/v1/sessions/${liveId}/run-sheet`);
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json().roster.map((r: { patientId: string }) => r.patientId)).toEqual([person.patientId]);
  });
});
