import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { codeWindow } from '@openiop/core';
import { admitPatient, assignCaseload, missingId } from '../../../test/fixtures';
import { buildTestApp, setupOrg, signIn, type TestOrg } from '../../../test/harness';
import {
  auditEvents,
  checkInWindows,
  sessionAttendance,
  sessionAttendees,
  sessionCheckIns,
  sessionOccurrences,
  tasks,
} from '../../db/schema/index';
import { codeFor } from './check-in-code';
import { sweepHours } from './hours-sweep.job';
import { sweepUnrecordedAttendance } from './unrecorded.job';

// The harness clock starts Monday 2026-11-16 07:00 in Los Angeles (the main clinic, UTC−8).
const t = await buildTestApp();
const START = new Date('2026-11-16T15:00:00Z');
beforeEach(() => t.clock.set(START));

/** A published session at the main clinic: `day` local, `from`/`to` local minutes (UTC−8 in November). */
async function session(
  org: TestOrg,
  day: string,
  from: number,
  to: number,
  roster: string[],
  extra: Partial<typeof sessionOccurrences.$inferInsert> = {},
) {
  const at = (m: number) => new Date(new Date(`${day}T00:00:00Z`).getTime() + (m + 8 * 60) * 60_000);
  const id = randomUUID();
  await t.database.db.insert(sessionOccurrences).values({
    id,
    organizationId: org.id,
    locationId: org.locations.main,
    kind: 'group',
    title: 'Relapse prevention',
    day,
    startMinute: from,
    endMinute: to,
    startsAt: at(from),
    endsAt: at(to),
    modality: 'in_person',
    capacity: 10,
    staffId: org.users.clinician.id,
    status: 'scheduled',
    ...extra,
  });
  if (roster.length)
    await t.database.db
      .insert(sessionAttendees)
      .values(roster.map((patientId) => ({ organizationId: org.id, occurrenceId: id, patientId, source: 'manual' as const })));
  return id;
}

async function world() {
  const org = await setupOrg(t);
  const people = [];
  for (let i = 0; i < 3; i += 1) {
    const p = await org.patient();
    await admitPatient(org, p.id);
    await assignCaseload(org, p.id, org.users.clinician.id);
    people.push(p.id);
  }
  const [p1, p2, p3] = people as [string, string, string];
  // Monday 08:00–11:00, Wednesday 08:00–11:00 and Thursday 18:00–21:00: 9 h, the adult IOP floor.
  const mon = await session(org, '2026-11-16', 8 * 60, 11 * 60, [p1, p2]);
  const wed = await session(org, '2026-11-18', 8 * 60, 11 * 60, [p1, p2]);
  const thu = await session(org, '2026-11-19', 18 * 60, 21 * 60, [p1, p2]);
  return { org, p1, p2, p3, mon, wed, thu };
}

/** A fresh sign-in at the clock's current time (sessions end after 15 idle minutes). */
const fresh = (org: TestOrg, who: keyof TestOrg['users']) => signIn(t.app, org.users[who].email);

const put = (
  agent: Awaited<ReturnType<TestOrg['as']>>,
  occ: string,
  patient: string,
  body: unknown,
  headers: Record<string, string> = {},
) => agent.request({ method: 'PUT', url: `/api/v1/sessions/${occ}/attendance/${patient}`, payload: body as object, headers });

const openTasks = (org: TestOrg, kind: string) =>
  t.database.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.organizationId, org.id), eq(tasks.kind, kind as 'outreach')));

describe('run sheet and attendance', () => {
  it('records attendance with minutes, corrects it with If-Match, and audits each write', async () => {
    const { org, p1, p2, mon } = await world();
    t.clock.set(new Date('2026-11-16T16:10:00Z'));
    const clinician = await fresh(org, 'clinician');
    const sheet = await clinician.get(`/api/v1/sessions/${mon}/run-sheet`);
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json()).toMatchObject({
      notHeld: null,
      checkIn: { open: false },
      occurrence: { lengthMinutes: 180, timeZone: 'America/Los_Angeles' },
    });
    expect(sheet.json().roster.map((r: { name: string }) => r.name)).toHaveLength(2);
    expect(sheet.json().roster.every((r: { name: string | null; attendance: unknown }) => r.name && r.attendance === null)).toBe(true);

    const present = await put(clinician, mon, p1, { status: 'present' });
    expect(present.statusCode, present.body).toBe(200);
    expect(present.headers.etag).toBe('"1"');
    expect(present.json()).toMatchObject({ status: 'present', minutesAttended: 180, source: 'staff' });
    // A correction needs the version read.
    expect((await put(clinician, mon, p1, { status: 'late', minutesAttended: 150 })).statusCode).toBe(428);
    expect((await put(clinician, mon, p1, { status: 'late', minutesAttended: 150 }, { 'if-match': '"7"' })).statusCode).toBe(412);
    const late = await put(clinician, mon, p1, { status: 'late', minutesAttended: 150 }, { 'if-match': '"1"' });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ status: 'late', minutesAttended: 150, version: 2 });
    const left = await put(clinician, mon, p2, { status: 'left_early', minutesAttended: 120 });
    expect(left.json().minutesAttended).toBe(120);

    const after = (await clinician.get(`/api/v1/sessions/${mon}/run-sheet`)).json();
    expect(after.roster.map((r: { attendance: { minutesAttended: number } }) => r.attendance.minutesAttended).sort()).toEqual([120, 150]);
    const audits = await t.database.db
      .select({ action: auditEvents.action, patientId: auditEvents.patientId })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.resourceType, 'session_attendance')));
    expect(audits.map((a) => a.action).sort()).toEqual(['attendance.record', 'attendance.record', 'attendance.update']);
    const reads = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'attendance.read')));
    expect(reads.length).toBe(4);
  });

  it('refuses attendance for a session not held, minutes outside it, or someone not on the roster, writing nothing', async () => {
    const { org, p1, p3, mon, wed } = await world();
    const cancelled = await session(org, '2026-11-16', 8 * 60, 9 * 60, [p1], { status: 'cancelled' });
    const draft = await session(org, '2026-11-16', 9 * 60, 10 * 60, [p1], { status: 'draft' });
    t.clock.set(new Date('2026-11-16T16:10:00Z'));
    const clinician = await fresh(org, 'clinician');
    for (const [occ, reason] of [
      [cancelled, /cancelled/],
      [draft, /draft/],
      [wed, /not started/],
    ] as const) {
      const res = await put(clinician, occ, p1, { status: 'present' });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('SESSION_NOT_HELD');
      expect(res.json().detail ?? res.json().title).toMatch(reason);
    }
    for (const body of [
      { status: 'present', minutesAttended: 181 },
      { status: 'late', minutesAttended: -5 },
      { status: 'late', minutesAttended: 180 },
      { status: 'left_early' },
      { status: 'absent_unexcused', minutesAttended: 30 },
    ]) {
      const res = await put(clinician, mon, p1, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['minutesAttended']);
    }
    const stranger = await put(clinician, mon, p3, { status: 'present' });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().code).toBe('NOT_ON_ROSTER');
    const rows = await t.database.db.select().from(sessionAttendance).where(eq(sessionAttendance.organizationId, org.id));
    expect(rows).toEqual([]);
    expect(await openTasks(org, 'outreach')).toEqual([]);
  });

  it('scope and permissions: other locations and tenants answer 404, billing may read but not record', async () => {
    const { org, p1, mon } = await world();
    t.clock.set(new Date('2026-11-16T16:10:00Z'));
    const elsewhere = await fresh(org, 'otherClinician');
    expect((await elsewhere.get(`/api/v1/sessions/${mon}/run-sheet`)).statusCode).toBe(404);
    expect((await put(elsewhere, mon, p1, { status: 'present' })).statusCode).toBe(404);
    const billing = await fresh(org, 'billing');
    expect((await billing.get(`/api/v1/sessions/${mon}/run-sheet`)).statusCode).toBe(200);
    expect((await put(billing, mon, p1, { status: 'present' })).statusCode).toBe(403);
    const other = await setupOrg(t);
    const theirs = await other.as('clinician');
    expect((await theirs.get(`/api/v1/sessions/${mon}/run-sheet`)).statusCode).toBe(404);
    expect((await theirs.get(`/api/v1/patients/${p1}/hours`)).statusCode).toBe(404);
    expect((await theirs.get(`/api/v1/sessions/${missingId()}/run-sheet`)).statusCode).toBe(404);
  });
});

describe('attendance nobody recorded', () => {
  const unrecordedTasks = async (org: TestOrg) =>
    (await openTasks(org, 'attendance_unrecorded')).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  it('raises one task for the facilitator 4 h after a session ends with people unrecorded, and recording them resolves it', async () => {
    const { org, p1, p2, mon } = await world();
    // Monday's group (08:00–11:00 local) ended at 19:00Z; a week-old session, a draft and an empty one are left alone.
    await session(org, '2026-11-09', 8 * 60, 11 * 60, [p1]);
    await session(org, '2026-11-16', 12 * 60, 13 * 60, [p1], { status: 'draft' });
    await session(org, '2026-11-16', 12 * 60, 13 * 60, []);
    t.clock.set(new Date('2026-11-16T22:59:00Z'));
    await sweepUnrecordedAttendance(t.database, t.clock.now());
    expect(await unrecordedTasks(org)).toEqual([]);

    t.clock.set(new Date('2026-11-16T23:00:00Z'));
    await sweepUnrecordedAttendance(t.database, t.clock.now());
    await sweepUnrecordedAttendance(t.database, t.clock.now());
    const [task, ...more] = await unrecordedTasks(org);
    expect(more).toEqual([]);
    expect(task).toMatchObject({
      status: 'open',
      assigneeUserId: org.users.clinician.id,
      title: 'Attendance not recorded 4 h after a session',
      sourceType: 'session_occurrence',
      sourceId: mon,
      details: { occurrenceId: mon, unrecorded: 2 },
      dueAt: new Date('2026-11-17T19:00:00Z'),
    });
    expect([p1, p2]).toContain(task?.patientId);
    const created = await t.database.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'task.create'), eq(auditEvents.resourceId, task?.id as string)),
      );
    expect(created).toHaveLength(1);

    const clinician = await fresh(org, 'clinician');
    const worklist = await clinician.get('/api/v1/worklist');
    expect(worklist.statusCode, worklist.body).toBe(200);
    expect(worklist.json().items).toContainEqual(
      expect.objectContaining({ kind: 'attendance_unrecorded', href: `/sessions/${mon}`, taskId: task?.id }),
    );
    // One of two recorded: still open. The last one settles it, by whoever recorded it.
    expect((await put(clinician, mon, p1, { status: 'present' })).statusCode).toBe(200);
    expect((await unrecordedTasks(org))[0]?.status).toBe('open');
    expect((await put(clinician, mon, p2, { status: 'absent_excused' })).statusCode).toBe(200);
    const [done] = await unrecordedTasks(org);
    expect(done).toMatchObject({ status: 'resolved', resolvedBy: org.users.clinician.id, resolutionNote: 'Attendance recorded' });
    const resolved = await t.database.db
      .select({ actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'task.resolve'), eq(auditEvents.resourceId, done?.id as string)),
      );
    expect(resolved).toEqual([{ actor: org.users.clinician.id }]);
    // Resolved stays resolved: the sweep does not raise it again.
    await sweepUnrecordedAttendance(t.database, t.clock.now());
    expect(await unrecordedTasks(org)).toHaveLength(1);
  });

  it('the sweep resolves a task whose records came another way, or whose session was cancelled', async () => {
    const { org, p1, p2, mon, wed, thu } = await world();
    // Monday's group ended 2026-11-16 19:00Z, Wednesday's 2026-11-18 19:00Z and Thursday's 2026-11-20 05:00Z.
    t.clock.set(new Date('2026-11-20T09:00:00Z'));
    expect(await sweepUnrecordedAttendance(t.database, t.clock.now())).toMatchObject({ raised: expect.any(Number) });
    const raised = await unrecordedTasks(org);
    expect(raised.map((r) => r.sourceId).sort()).toEqual([mon, wed, thu].sort());
    await t.database.db.insert(sessionAttendance).values(
      [p1, p2].map((patientId) => ({
        organizationId: org.id,
        occurrenceId: wed,
        patientId,
        status: 'present' as const,
        minutesAttended: 180,
        source: 'check_in' as const,
      })),
    );
    await t.database.db.update(sessionOccurrences).set({ status: 'cancelled' }).where(eq(sessionOccurrences.id, thu));
    await sweepUnrecordedAttendance(t.database, t.clock.now());
    const after = new Map((await unrecordedTasks(org)).map((r) => [r.sourceId, r]));
    expect(after.get(wed)).toMatchObject({ status: 'resolved', resolvedBy: null, resolutionNote: 'Attendance recorded' });
    expect(after.get(thu)).toMatchObject({ status: 'resolved', resolvedBy: null, resolutionNote: 'Session cancelled' });
    expect(after.get(mon)?.status).toBe('open');
  });
});

describe('self check-in', () => {
  it('a person checks in from their phone link with the room’s rotating code, once', async () => {
    const { org, p1, p2, mon, wed } = await world();
    t.clock.set(new Date('2026-11-16T15:45:00Z'));
    const clinician = await fresh(org, 'clinician');
    const link = await clinician.post(`/api/v1/patients/${p1}/measures-link`, {});
    expect(link.statusCode, link.body).toBe(201);
    const token = (link.json().url as string).split('/me/')[1] as string;
    const checkIn = (code: string) => t.app.inject({ method: 'POST', url: `/api/v1/me/${token}/check-in`, payload: { code } });

    // Not open yet.
    expect((await checkIn('123456')).json().code).toBe('CHECK_IN_CLOSED');
    expect((await clinician.get(`/api/v1/sessions/${mon}/check-in/code`)).json().code).toBe('CHECK_IN_CLOSED');
    // Not on the day of Wednesday's session.
    expect((await clinician.post(`/api/v1/sessions/${wed}/check-in/open`, {})).json().code).toBe('CHECK_IN_CLOSED');
    const opened = await clinician.post(`/api/v1/sessions/${mon}/check-in/open`, {});
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().open).toBe(true);
    const shown = await clinician.get(`/api/v1/sessions/${mon}/check-in/code`);
    expect(shown.statusCode, shown.body).toBe(200);
    const { code, qrDataUrl, url } = shown.json();
    expect(code).toMatch(/^\d{6}$/);
    expect(url).toBe(`http://openiop.test/check-in?code=${code}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // The code is the secret's HMAC of this minute.
    const [w] = await t.database.db.select().from(checkInWindows).where(eq(checkInWindows.occurrenceId, mon));
    expect(code).toBe(codeFor(w!.secret, codeWindow(t.clock.now())));

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const bad = await checkIn(wrong);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'CODE_INVALID', errors: [{ path: 'code' }] });
    const junk = await checkIn('12ab');
    expect(junk.statusCode).toBe(400);
    expect(junk.json().errors[0].path).toBe('code');

    // A minute later the code shown a minute ago still works; twice counts once.
    t.clock.set(new Date('2026-11-16T15:46:10Z'));
    const first = await checkIn(code);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ title: 'Relapse prevention', already: false });
    const again = await checkIn(code);
    expect(again.json().already).toBe(true);
    expect(again.json().checkedInAt).toBe(first.json().checkedInAt);
    const rows = await t.database.db.select().from(sessionCheckIns).where(eq(sessionCheckIns.occurrenceId, mon));
    expect(rows).toHaveLength(1);
    // Two minutes on, it has expired.
    t.clock.set(new Date('2026-11-16T15:48:10Z'));
    const link2 = await clinician.post(`/api/v1/patients/${p2}/measures-link`, {});
    const token2 = (link2.json().url as string).split('/me/')[1] as string;
    const stale = await t.app.inject({ method: 'POST', url: `/api/v1/me/${token2}/check-in`, payload: { code } });
    expect(stale.json().code).toBe('CODE_INVALID');

    const sheet = (await clinician.get(`/api/v1/sessions/${mon}/run-sheet`)).json();
    const mine = sheet.roster.find((r: { patientId: string }) => r.patientId === p1);
    expect(mine.checkedInAt).toBe(first.json().checkedInAt);
    expect(mine.attendance).toMatchObject({ status: 'present', minutesAttended: 180, source: 'check_in' });
    // Closing stops check-in.
    expect((await clinician.post(`/api/v1/sessions/${mon}/check-in/close`, {})).json().open).toBe(false);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/me/${token2}/check-in`, payload: { code } })).json().code).toBe(
      'CHECK_IN_CLOSED',
    );
    const audits = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'check_in.record')));
    expect(audits.map((a) => a.patientId)).toEqual([p1]);
  });
});

describe('missed sessions and the hours ledger', () => {
  it('a miss raises outreach within a day; two in a row raise engagement risk; the week that cannot reach the floor warns', async () => {
    const { org, p1, p2, mon, wed, thu } = await world();
    t.clock.set(new Date('2026-11-16T19:30:00Z'));
    const clinician = await fresh(org, 'clinician');
    expect((await put(clinician, mon, p1, { status: 'absent_unexcused' })).statusCode).toBe(200);
    const miss = await put(clinician, mon, p2, { status: 'present' });
    expect(miss.statusCode).toBe(200);
    const outreach = await openTasks(org, 'outreach');
    expect(outreach).toHaveLength(1);
    expect(outreach[0]).toMatchObject({ patientId: p1, assigneeUserId: org.users.clinician.id, sourceType: 'session_attendance' });
    expect(outreach[0]!.dueAt.getTime() - t.clock.now().getTime()).toBe(24 * 3_600_000);
    // Correcting the absence to excused does not raise it again.
    expect((await put(clinician, mon, p1, { status: 'absent_excused' }, { 'if-match': '"1"' })).statusCode).toBe(200);
    expect(await openTasks(org, 'outreach')).toHaveLength(1);
    // 6 h possible of 9: the week warns, once.
    const warnings = await openTasks(org, 'hours_warning');
    expect(warnings.map((w) => w.patientId)).toEqual([p1]);
    expect(await openTasks(org, 'engagement_risk')).toEqual([]);

    const hours = await clinician.get(`/api/v1/patients/${p1}/hours`);
    expect(hours.statusCode, hours.body).toBe(200);
    expect(hours.json()).toMatchObject({
      weekStart: '2026-11-16',
      floorMinutes: 540,
      scheduledMinutes: 540,
      attendedMinutes: 0,
      possibleMinutes: 360,
      status: 'below_floor',
      engagementRisk: [],
    });
    expect(hours.json().days.map((d: { day: string }) => d.day)).toEqual(['2026-11-16', '2026-11-18', '2026-11-19']);

    t.clock.set(new Date('2026-11-18T19:30:00Z'));
    const clinicianLater = await signIn(t.app, org.users.clinician.email);
    expect((await put(clinicianLater, wed, p1, { status: 'absent_unexcused' })).statusCode).toBe(200);
    expect((await openTasks(org, 'outreach')).length).toBe(2);
    const risk = await openTasks(org, 'engagement_risk');
    expect(risk.map((r) => [r.patientId, r.title])).toEqual([[p1, 'Engagement risk: two missed sessions in a row']]);
    expect((await openTasks(org, 'hours_warning')).length).toBe(1);
    const flagged = (await clinicianLater.get(`/api/v1/patients/${p1}/hours`)).json();
    expect(flagged.engagementRisk).toEqual(['two_misses_in_a_row']);
    // The worklist carries them.
    const worklist = (await clinicianLater.get('/api/v1/worklist')).json().items as { kind: string; patient: { id: string } }[];
    expect(
      worklist
        .filter((i) => i.patient.id === p1)
        .map((i) => i.kind)
        .sort(),
    ).toEqual(['engagement_risk', 'hours_warning', 'outreach', 'outreach']);
    // p2 attended Monday in full; Thursday is still ahead.
    const p2Hours = (await clinicianLater.get(`/api/v1/patients/${p2}/hours`)).json();
    expect(p2Hours).toMatchObject({ attendedMinutes: 180, possibleMinutes: 540, unrecordedMinutes: 180, status: 'at_risk' });
    void thu;
  });

  it('offers make-up groups with open seats that fit, and shows the director the location’s week', async () => {
    const { org, p1, p2, p3, mon } = await world();
    // p1's availability: Tuesday evenings. A Tuesday evening group with a seat, one that is full, one on Friday.
    const db = t.database.db;
    const { patientAvailability } = await import('../../db/schema/index');
    await db
      .insert(patientAvailability)
      .values({ organizationId: org.id, patientId: p1, weekday: 1, startMinute: 17 * 60, endMinute: 22 * 60 });
    const { scheduleWeeks } = await import('../../db/schema/index');
    const [week] = await db
      .insert(scheduleWeeks)
      .values({ organizationId: org.id, locationId: org.locations.main, weekStart: '2026-11-16', status: 'published' })
      .returning();
    const tue = await session(org, '2026-11-17', 18 * 60, 21 * 60, [p3], { title: 'Tuesday evening group', weekId: week?.id });
    await session(org, '2026-11-17', 18 * 60, 20 * 60, [p3], { title: 'Full group', capacity: 1 });
    await session(org, '2026-11-20', 18 * 60, 21 * 60, [], { title: 'Friday group' });
    t.clock.set(new Date('2026-11-16T19:30:00Z'));
    const clinician = await fresh(org, 'clinician');
    await put(clinician, mon, p1, { status: 'absent_unexcused' });
    await put(clinician, mon, p2, { status: 'present' });
    const hours = (await clinician.get(`/api/v1/patients/${p1}/hours`)).json();
    expect(hours.makeUps).toEqual([
      {
        occurrenceId: tue,
        locationId: org.locations.main,
        weekStart: '2026-11-16',
        title: 'Tuesday evening group',
        day: '2026-11-17',
        startMinute: 1080,
        endMinute: 1260,
        openSeats: 9,
      },
    ]);
    // Taking the offer: the schedule's checked roster change seats them, and the offer is gone.
    const weekRead = await clinician.get(`/api/v1/locations/${org.locations.main}/schedule/2026-11-16`);
    expect(weekRead.statusCode, weekRead.body).toBe(200);
    const seat = await clinician.post(
      `/api/v1/schedule/occurrences/${tue}/attendees`,
      { patientId: p1 },
      { 'if-match': weekRead.headers.etag as string },
    );
    expect(seat.statusCode, seat.body).toBe(200);
    const after = (await clinician.get(`/api/v1/patients/${p1}/hours`)).json();
    expect(after.makeUps).toEqual([]);
    expect(after.scheduledMinutes).toBe(hours.scheduledMinutes + 180);
    // Someone on track is offered none.
    expect((await clinician.get(`/api/v1/patients/${p2}/hours`)).json().makeUps).toEqual([]);
    const bad = await clinician.get(`/api/v1/patients/${p1}/hours?week=2026-11-17`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('week');

    const director = await fresh(org, 'director');
    const table = await director.get(`/api/v1/locations/${org.locations.main}/hours`);
    expect(table.statusCode, table.body).toBe(200);
    const people = table.json().people as { patientId: string; status: string; attendedMinutes: number }[];
    expect(people.map((p) => p.patientId)).toHaveLength(3);
    // Furthest behind first.
    expect(people[0]?.status).toBe('below_floor');
    expect(people.map((p) => p.patientId)).toContain(p1);
    expect(people.find((p) => p.patientId === p2)).toMatchObject({ attendedMinutes: 180 });
    expect((await (await fresh(org, 'otherClinician')).get(`/api/v1/locations/${org.locations.main}/hours`)).statusCode).toBe(404);
    expect((await (await fresh(org, 'billing')).get(`/api/v1/patients/${p1}/hours`)).statusCode).toBe(200);
  });

  it("lists the facilitator's sessions today", async () => {
    const { org, mon } = await world();
    t.clock.set(new Date('2026-11-16T16:00:00Z'));
    const today = await (await fresh(org, 'clinician')).get('/api/v1/sessions/today');
    expect(today.statusCode, today.body).toBe(200);
    expect(today.json()).toMatchObject({ day: '2026-11-16', items: [{ id: mon, rosterCount: 2, recordedCount: 0 }] });
    expect((await (await fresh(org, 'peer')).get('/api/v1/sessions/today')).json().items).toEqual([]);
    expect((await (await fresh(org, 'director')).get('/api/v1/sessions/today')).json().items.map((i: { id: string }) => i.id)).toEqual([
      mon,
    ]);
  });

  it('the sweep warns for a week that fell out of reach without any attendance written, and two weeks under the floor flag risk', async () => {
    const { org, p1, p2, p3, wed } = await world();
    // Last week p1 came to one group of three; this week Wednesday is cancelled before anyone records anything.
    const lastMon = await session(org, '2026-11-09', 8 * 60, 11 * 60, [p1]);
    await session(org, '2026-11-11', 8 * 60, 11 * 60, [p1]);
    await t.database.db.insert(sessionAttendance).values({
      organizationId: org.id,
      occurrenceId: lastMon,
      patientId: p1,
      status: 'present',
      minutesAttended: 180,
      source: 'staff',
    });
    await t.database.db.update(sessionOccurrences).set({ status: 'cancelled' }).where(eq(sessionOccurrences.id, wed));
    t.clock.set(new Date('2026-11-16T17:00:00Z'));
    await sweepHours(t.database, t.clock.now());
    // p3 has nothing scheduled at all this week: warned too.
    const warned = (await openTasks(org, 'hours_warning')).map((w) => w.patientId).sort();
    expect(warned).toEqual([p1, p2, p3].sort());
    // Once per person and week.
    await sweepHours(t.database, t.clock.now());
    expect(await openTasks(org, 'hours_warning')).toHaveLength(3);
    // Two finished weeks under the floor: last week 3 h of 9, and the week before with nothing held says nothing.
    expect(await openTasks(org, 'engagement_risk')).toEqual([]);
    const twoBack = await session(org, '2026-11-02', 8 * 60, 11 * 60, [p1]);
    await t.database.db.insert(sessionAttendance).values({
      organizationId: org.id,
      occurrenceId: twoBack,
      patientId: p1,
      status: 'late',
      minutesAttended: 120,
      source: 'staff',
    });
    await sweepHours(t.database, t.clock.now());
    const risk = await openTasks(org, 'engagement_risk');
    expect(risk.map((r) => [r.patientId, r.title])).toEqual([[p1, 'Engagement risk: under the hour floor two weeks running']]);
  });
});
