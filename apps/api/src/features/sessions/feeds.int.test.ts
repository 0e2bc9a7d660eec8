import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, setupOrg, type TestOrg } from '../../../test/harness';
import { auditEvents, calendarFeeds, rooms } from '../../db/schema/index';
import { sha256 } from '../../platform/crypto';
import { parseIcsStrict } from './ics-parse';

const t = await buildTestApp();

async function world() {
  const org = await setupOrg(t);
  const p = await org.patient({ legalGivenName: 'Quintessa' });
  const clinician = await org.as('clinician');
  const roomId = randomUUID();
  await t.database.db
    .insert(rooms)
    .values({ id: roomId, organizationId: org.id, locationId: org.locations.main, name: 'Room 2', capacity: 4 });
  return { org, p, clinician, roomId };
}

const fetchFeed = (url: string) => t.app.inject({ method: 'GET', url: url.replace('http://openiop.test', '') });
const feedAudits = (org: TestOrg) =>
  t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, 'calendar_feed.read')));

describe('calendar feeds', () => {
  it('a weekly series across the March DST change: UTC times move, 10:00 local stays, a skipped date is CANCELLED', async () => {
    t.clock.set(new Date('2027-01-10T18:00:00Z'));
    const { org, p, clinician, roomId } = await world();
    const series = await clinician.post(`/api/v1/patients/${p.id}/series`, {
      kind: 'individual',
      staffId: org.users.clinician.id,
      modality: 'in_person',
      roomId,
      rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=12',
      firstDay: '2027-01-12',
      startMinute: 600,
      durationMinutes: 50,
      title: 'Relapse prevention: substance cravings',
    });
    expect(series.statusCode, series.body).toBe(201);
    const skip = await clinician.post(
      `/api/v1/patients/${p.id}/series/${series.json().id}/exceptions`,
      { day: '2027-02-02' },
      { 'if-match': '"1"' },
    );
    expect(skip.statusCode, skip.body).toBe(200);

    const created = await clinician.post(`/api/v1/patients/${p.id}/calendar-feed`);
    expect(created.statusCode, created.body).toBe(201);
    const { url } = created.json();
    expect(url).toMatch(/^http:\/\/openiop\.test\/api\/v1\/public\/calendar\/[\w-]{43}\.ics$/);
    const token = /calendar\/([\w-]+)\.ics$/.exec(url)?.[1] ?? '';
    const [stored] = await t.database.db.select().from(calendarFeeds).where(eq(calendarFeeds.patientId, p.id));
    expect(stored?.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await clinician.get(`/api/v1/patients/${p.id}/calendar-feed`)).json()).toMatchObject({ active: true, lastFetchedAt: null });
    expect((await clinician.get(`/api/v1/patients/${p.id}/calendar-feed`)).json().url).toBeUndefined();

    const res = await fetchFeed(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parseIcsStrict(res.body);
    expect(calendar.get('VERSION')).toBe('2.0');
    expect(events).toHaveLength(12);
    const byStart = new Map(events.map((e) => [e.props.get('DTSTART'), e.props]));
    expect(byStart.get('20270309T180000Z')?.get('DTEND')).toBe('20270309T185000Z'); // PST
    expect(byStart.get('20270316T170000Z')?.get('DTEND')).toBe('20270316T175000Z'); // PDT: still 10:00 local
    expect(byStart.get('20270202T180000Z')?.get('STATUS')).toBe('CANCELLED');
    expect(byStart.get('20270202T180000Z')?.get('SEQUENCE')).toBe('1');
    expect(events.filter((e) => e.props.get('STATUS') === 'CONFIRMED')).toHaveLength(11);
    const first = byStart.get('20270112T180000Z');
    expect(first?.get('SUMMARY')).toBe('Session at Main clinic');
    expect(first?.get('LOCATION')).toBe('Main clinic, Room 2');
    expect(first?.get('DTSTAMP')).toBe('20270110T180000Z');
    expect(new Set(events.map((e) => e.props.get('UID'))).size).toBe(12);
    expect(res.body).not.toMatch(/relapse|addiction|substance|craving|Quintessa/i);

    // The UID is stable across fetches.
    const again = parseIcsStrict((await fetchFeed(url)).body);
    expect(again.events.map((e) => e.props.get('UID'))).toEqual(events.map((e) => e.props.get('UID')));
    const reads = await feedAudits(org);
    expect(reads).toHaveLength(2);
    expect(reads[0]).toMatchObject({ actorUserId: null, patientId: p.id, details: { via: 'calendar-feed', events: 12, owner: 'patient' } });
    expect((await clinician.get(`/api/v1/patients/${p.id}/calendar-feed`)).json().lastFetchedAt).toBe('2027-01-10T18:00:00.000Z');

    // The staff member's own feed has the same sessions.
    const own = await clinician.post('/api/v1/account/calendar-feed');
    expect(own.statusCode).toBe(201);
    const staffFeed = parseIcsStrict((await fetchFeed(own.json().url)).body);
    expect(staffFeed.events).toHaveLength(12);
    expect((await clinician.delete('/api/v1/account/calendar-feed')).statusCode).toBe(204);
    expect((await fetchFeed(own.json().url)).statusCode).toBe(404);
  });

  it('rotating stops the old URL; revoking stops the new one; unknown tokens are 404', async () => {
    const { p, clinician } = await world();
    const first = (await clinician.post(`/api/v1/patients/${p.id}/calendar-feed`)).json().url;
    const second = (await clinician.post(`/api/v1/patients/${p.id}/calendar-feed`)).json().url;
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).statusCode).toBe(404);
    expect((await fetchFeed(second)).statusCode).toBe(200);
    expect((await clinician.delete(`/api/v1/patients/${p.id}/calendar-feed`)).statusCode).toBe(204);
    expect((await fetchFeed(second)).statusCode).toBe(404);
    expect((await clinician.delete(`/api/v1/patients/${p.id}/calendar-feed`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/calendar/${'x'.repeat(43)}.ics` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/calendar/${'x'.repeat(43)}.txt` })).statusCode).toBe(400);
  });

  it("another organization cannot create or revoke a person's feed", async () => {
    const { p } = await world();
    const stranger = await (await setupOrg(t)).as('clinician');
    expect((await stranger.post(`/api/v1/patients/${p.id}/calendar-feed`)).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/patients/${p.id}/calendar-feed`)).statusCode).toBe(404);
  });
});
