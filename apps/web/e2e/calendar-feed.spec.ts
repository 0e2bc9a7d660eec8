import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '@openiop/core';
import { parseIcsStrict } from '../../api/src/features/sessions/ics-parse';
import { closuresOn } from '../../api/src/features/sessions/sessions.repo';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();

/** A demo person on the clinician's caseload, their location and its zone; a room there for the session. */
async function person(): Promise<{ id: string; locationId: string; organizationId: string; timeZone: string }> {
  const rows = await env().database.query<{ id: string; locationId: string; organizationId: string; timeZone: string }>(sql`
    select p.id, p.location_id as "locationId", p.organization_id as "organizationId", l.time_zone as "timeZone"
    from patients p join episodes e on e.id = p.current_episode_id join users u on u.id = e.primary_clinician_id
    join locations l on l.id = p.location_id
    where u.email = 'clinician@demo.openiop.test' and e.status = 'active' order by p.mrn limit 1`);
  const p = rows[0];
  if (!p) throw new Error('the demo has no active person for the clinician');
  await env().database.query(sql`insert into rooms (id, organization_id, location_id, name, capacity)
    values (${randomUUID()}, ${p.organizationId}, ${p.locationId}, 'Calendar test room', 2) on conflict do nothing`);
  return p;
}

/**
 * The first day from `from` on which six weekly sessions meet no closure of the person's clinic: the demo closes on
 * holidays, and a series over Christmas and New Year's Day would rightly clash (this test is not about closures).
 */
async function firstClearDay(p: { locationId: string; organizationId: string }, from: string): Promise<string> {
  const weekly = (first: string) => Array.from({ length: 6 }, (_, w) => addDays(first, 7 * w));
  // Within six days, so the first two sessions stay inside the person's page's next 14 days.
  for (let d = 0; d < 6; d += 1) {
    const first = addDays(from, d);
    if (!(await closuresOn(env().database.db, p.organizationId, p.locationId, weekly(first))).length) return first;
  }
  throw new Error('every day of the coming six has a closure within six weeks of it');
}

const dateLabel = (day: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

describe('recurring sessions and the calendar feed', () => {
  it('a clinician books a weekly session, skips a date and makes the feed; it parses; the person sees it on a phone', async () => {
    const p = await person();
    const first = await firstClearDay(p, addDays(localDate(env().clock.now(), p.timeZone), 1));
    const staff = await env().page(DESKTOP);
    await signIn(staff, 'clinician@demo.openiop.test');
    await staff.goto(`/patients/${p.id}`);
    const section = staff.getByRole('region', { name: 'Sessions' });
    await section.getByRole('button', { name: 'New recurring session' }).click();
    const dialog = staff.getByRole('dialog', { name: 'New recurring session' });
    // The clinician themself, at an hour the demo program leaves free.
    const [me] = await env().database.query<{ name: string }>(sql`select name from users where email = 'clinician@demo.openiop.test'`);
    await dialog.getByRole('textbox', { name: 'Staff member' }).click();
    await staff.getByRole('option', { name: me?.name ?? '' }).click();
    await dialog.getByRole('textbox', { name: 'Room' }).click();
    await staff.getByRole('option', { name: 'Calendar test room' }).click();
    await dialog.getByLabel('First day').fill(first);
    await dialog.getByLabel('Start time').fill('07:10');
    await dialog.getByLabel('Number of sessions').fill('6');
    await expectAccessible(staff, 'new recurring session dialog');
    await dialog.getByRole('button', { name: 'Create recurring session' }).click();
    await dialog.waitFor({ state: 'hidden' }).catch(async (e: unknown) => {
      throw new Error(`dialog stayed: ${await dialog.textContent()}`, { cause: e });
    });

    const upcoming = section.getByRole('list', { name: 'Upcoming sessions' });
    await upcoming.getByRole('listitem').nth(5).waitFor();
    expect(await upcoming.getByRole('listitem').count()).toBe(6);
    const series = section.getByRole('list', { name: 'Recurring series' });
    await series.getByText(/6 ahead/).waitFor();

    // Skip the third date, by keyboard-reachable controls.
    const skipped = addDays(first, 14);
    await series.getByRole('textbox', { name: 'Skip a date' }).click();
    await staff.getByRole('option', { name: dateLabel(skipped) }).click();
    await series.getByRole('button', { name: 'Skip date' }).click();
    await series.getByText(/5 ahead/).waitFor();
    expect(await upcoming.getByRole('listitem').count()).toBe(5);

    await section.getByRole('button', { name: 'Create calendar feed' }).click();
    const feedUrl = await section.getByLabel('Calendar feed link').inputValue();
    expect(feedUrl).toMatch(/\/api\/v1\/public\/calendar\/[\w-]{43}\.ics$/);
    await expectAccessible(staff, 'chart: sessions with a calendar feed');

    const res = await fetch(`${env().url}${new URL(feedUrl).pathname}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = parseIcsStrict(await res.text());
    const seriesEvents = ics.events.filter((e) => e.props.get('LOCATION')?.endsWith('Calendar test room'));
    expect(seriesEvents).toHaveLength(6);
    expect(seriesEvents.filter((e) => e.props.get('STATUS') === 'CANCELLED')).toHaveLength(1);

    // The person's page on a phone: the next 14 days (the first two sessions; the third was skipped).
    await staff
      .getByRole('region', { name: 'Measurement-based care' })
      .getByRole('button', { name: /measures link/ })
      .click();
    const linkDialog = staff.getByRole('dialog');
    await linkDialog.getByRole('button', { name: 'Create link' }).click();
    const mePath = new URL(await linkDialog.getByLabel('Link').inputValue()).pathname;
    const phone = await env().page(PHONE);
    await phone.goto(mePath);
    const mine = phone.getByRole('list', { name: 'Your upcoming sessions' });
    await mine.getByRole('listitem').nth(1).waitFor();
    expect(await mine.getByRole('listitem').count()).toBe(2);
    expect(await mine.textContent()).toContain('7:10 AM');
    await expectAccessible(phone, "person's page with upcoming sessions (phone)");
  });
});
