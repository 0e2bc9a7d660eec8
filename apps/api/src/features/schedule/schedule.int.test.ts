import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, localDate, mondayOf, type ScheduleWeekView } from '@openiop/core';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo';
import { setDemoIdSalt } from '../../demo/random';
import { buildTestApp, signIn, type Agent } from '../../../test/harness';

const t = await buildTestApp();

async function demoWeek(weeksAhead = 1) {
  const domain = `schedule-${crypto.randomUUID().slice(0, 8)}.demo.test`;
  setDemoIdSalt(randomInt(1, 2 ** 31));
  await seedDemo(t.database.db, { patients: 60, now: t.clock.now(), domain });
  const director = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
  const locations = (await director.get('/api/v1/locations')).json().items as { id: string; name: string }[];
  const portland = locations.find((l) => l.name === 'Riverbend Portland')?.id as string;
  const denver = locations.find((l) => l.name === 'Riverbend Denver')?.id as string;
  const weekStart = addDays(mondayOf(localDate(t.clock.now(), 'America/Los_Angeles')), 7 * weeksAhead);
  return { domain, director, portland, denver, weekStart, url: `/api/v1/locations/${portland}/schedule/${weekStart}` };
}

async function solved(agent: Agent, url: string): Promise<ScheduleWeekView> {
  const started = await agent.post(`${url}/solve`, { timeLimitSeconds: 10 });
  expect(started.statusCode, started.body).toBe(202);
  const id = started.json().id as string;
  for (let i = 0; i < 200; i += 1) {
    const s = (await agent.get(`/api/v1/schedule/solves/${id}`)).json();
    if (s.status !== 'running') {
      expect(s.status, JSON.stringify(s)).toBe('done');
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return (await agent.get(url)).json();
}

describe('planning a week', () => {
  it('shows the templates, solves in the background, refuses a move into a clash with the reason, and publishes', async () => {
    const { director, url } = await demoWeek();
    const before = await director.get(url);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ status: 'not_planned', version: 0, id: null, locationName: 'Riverbend Portland' });
    expect(before.json().occurrences).toHaveLength(14);
    expect(before.json().occurrences.every((o: { id: string | null }) => o.id === null)).toBe(true);

    const week = await solved(director, url);
    expect(week.status).toBe('draft');
    expect(week.solve).toMatchObject({ status: 'done', progress: { percent: 100 } });
    expect(week.solve?.result?.people).toBe(week.people.length);
    const seated = week.occurrences.flatMap((o) => o.attendees);
    expect(seated.length).toBeGreaterThan(0);
    // Weekly individual sessions placed by the optimiser, each with one person and a clinician.
    const individual = week.occurrences.filter((o) => o.kind === 'individual');
    expect(individual.length).toBeGreaterThan(0);
    expect(individual.every((o) => o.attendees.length === 1 && o.endMinute - o.startMinute === 50)).toBe(true);
    // Nothing the week holds breaks a hard limit.
    expect(week.problems.filter((p) => p.severity === 'hard')).toEqual([]);
    // The demo's person who can only come on Tuesday evenings is short, and the week says why.
    const short = week.people.filter((p) => p.scheduledHours < p.floorHours);
    expect(short.length).toBeGreaterThan(0);
    expect(short.some((p) => p.explanation?.includes('availability'))).toBe(true);

    // Dragging Monday evening's group onto Tuesday morning's in the same room: checked live, then refused.
    // Groups, not the individual sessions the optimiser may have put at the same times.
    const group = (weekday: number, start: number) =>
      week.occurrences.find(
        (o) => o.kind === 'group' && o.weekday === weekday && o.startMinute === start,
      ) as ScheduleWeekView['occurrences'][number];
    const monEvening = group(0, 18 * 60);
    const tueMorning = group(1, 9 * 60);
    expect(monEvening.room?.name).toBe('Group room A');
    expect(tueMorning.room?.name).toBe('Group room A');
    const move = { day: tueMorning.day, startMinute: 9 * 60 };
    const check = await director.post(`/api/v1/schedule/occurrences/${monEvening.id}/move`, { ...move, dryRun: true });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().ok).toBe(false);
    expect(
      check
        .json()
        .problems.map((p: { message: string }) => p.message)
        .join(' '),
    ).toMatch(/Group room A is booked twice/);
    const refused = await director.post(`/api/v1/schedule/occurrences/${monEvening.id}/move`, move, { 'if-match': `"${week.version}"` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('SCHEDULE_CONFLICT');
    expect(refused.json().problems.length).toBeGreaterThan(0);
    const stale = await director.post(
      `/api/v1/schedule/occurrences/${monEvening.id}/move`,
      { day: monEvening.day, startMinute: 18 * 60 + 30 },
      { 'if-match': '"999"' },
    );
    expect(stale.statusCode).toBe(412);
    expect((await director.get(url)).json().version).toBe(week.version);

    const published = await director.post(`${url}/publish`, undefined, { 'if-match': `"${week.version}"` });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().status).toBe('published');
    expect(published.json().occurrences.every((o: { status: string }) => o.status === 'scheduled')).toBe(true);
  });

  it('re-solving an unchanged week moves nobody', async () => {
    const { director, url } = await demoWeek();
    const first = await solved(director, url);
    const again = await solved(director, url);
    const seats = (w: ScheduleWeekView) => w.occurrences.flatMap((o) => o.attendees.map((a) => `${o.id}|${a.patientId}`)).sort();
    expect(again.people.filter((p) => p.scheduledHours >= p.floorHours).length).toBe(
      first.people.filter((p) => p.scheduledHours >= p.floorHours).length,
    );
    // The first solve is the incumbent of the second: nobody moves.
    expect(seats(again)).toEqual(seats(first));
    expect(again.solve?.result?.seatsChanged).toBe(0);
  });

  it('asks for family sessions on the family cadence for those who want them, and a re-solve keeps them', async () => {
    // The harness week is 2026-11-16, on the every-other-week cadence counted from 2024-01-01; two weeks on is too.
    const { director, url, domain } = await demoWeek(2);
    const week = await solved(director, url);
    const familySessions = week.occurrences.filter((o) => o.kind === 'family');
    expect(familySessions.length).toBeGreaterThan(0);
    const wanting = new Set(
      (
        await t.database.query<{ id: string }>(sql`
          select p.patient_id as id from patient_schedule_prefs p join users u on u.organization_id = p.organization_id
          where u.email = ${`director@${domain}`} and p.family_sessions`)
      ).map((r) => r.id),
    );
    for (const o of familySessions) {
      expect(o.attendees).toHaveLength(1);
      expect(o.endMinute - o.startMinute).toBe(50);
      expect(o.room).not.toBeNull();
      expect(wanting.has(o.attendees[0]?.patientId as string)).toBe(true);
    }
    // Nobody who wants one is left without either a family session or the reason why.
    for (const p of week.people.filter((x) => wanting.has(x.patientId)))
      expect(familySessions.some((o) => o.attendees[0]?.patientId === p.patientId) || /No family session/.test(p.explanation ?? '')).toBe(
        true,
      );
    expect(week.problems.filter((p) => p.severity === 'hard')).toEqual([]);
    // The location's drug-test collection windows (Monday, Wednesday, Friday 08:00–09:00 in the demo) came with the
    // week: staffed, with no roster and no seats.
    const collections = week.occurrences.filter((o) => o.kind === 'drug_test');
    expect(collections.map((o) => [o.weekday, o.startMinute, o.endMinute, o.attendees.length, o.capacity])).toEqual([
      [0, 480, 540, 0, 0],
      [2, 480, 540, 0, 0],
      [4, 480, 540, 0, 0],
    ]);
    expect(collections.every((o) => o.title === 'Drug-test collection')).toBe(true);
    const again = await solved(director, url);
    const keys = (w: ScheduleWeekView) =>
      w.occurrences
        .filter((o) => o.kind === 'family')
        .map((o) => `${o.attendees[0]?.patientId}|${o.day}|${o.startMinute}|${o.staff.id}`)
        .sort();
    expect(keys(again)).toEqual(keys(week));
  });

  it('scope, permissions and bad input', async () => {
    const { domain, portland, denver, weekStart, url } = await demoWeek();
    const clinician = await signIn(t.app, `clinician@${domain}`, DEMO_PASSWORD);
    // The demo clinician works in Portland: Denver's week is not theirs.
    expect((await clinician.get(`/api/v1/locations/${denver}/schedule/${weekStart}`)).statusCode).toBe(404);
    expect((await clinician.get(url)).statusCode).toBe(200);
    expect((await clinician.post(`${url}/solve`, {})).statusCode).toBe(403);
    const peer = await signIn(t.app, `peer@${domain}`, DEMO_PASSWORD);
    expect((await peer.get(url)).statusCode).toBe(200);
    const billing = await signIn(t.app, `billing@${domain}`, DEMO_PASSWORD);
    expect((await billing.get(url)).statusCode).toBe(403);
    const tuesday = await clinician.get(`/api/v1/locations/${portland}/schedule/${addDays(weekStart, 1)}`);
    expect(tuesday.statusCode).toBe(400);
    expect(JSON.stringify(tuesday.json().errors)).toMatch(/weekStart/);
    const director = await signIn(t.app, `director@${domain}`, DEMO_PASSWORD);
    expect((await director.post(`${url}/publish`, undefined, { 'if-match': '"0"' })).json().code).toBe('WEEK_NOT_PLANNED');
    const long = await director.post(`${url}/solve`, { timeLimitSeconds: 1000 });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].path).toBe('timeLimitSeconds');
  });
});
