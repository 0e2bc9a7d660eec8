import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, localDate, mondayOf, zonedInstant } from '@openiop/core';
import { sessionAttendees, sessionOccurrences } from '../../api/src/db/schema/index';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();
const TZ = 'America/Los_Angeles';

/** Four weekly-individual-length sessions next week (Monday to Thursday, 10:00–10:50) for one Portland person. */
async function bookNextWeek(): Promise<{ patientId: string; name: string }> {
  const db = env().database;
  const [p] = await db.query<{ patientId: string; name: string; organizationId: string; locationId: string; staffId: string }>(sql`
    select p.id as "patientId", coalesce(p.preferred_name, p.legal_given_name) || ' ' || p.legal_family_name as name,
      p.organization_id as "organizationId", l.id as "locationId", u.id as "staffId"
    from patients p
    join episodes e on e.id = p.current_episode_id and e.status = 'active'
    join locations l on l.id = e.location_id and l.name = 'Riverbend Portland'
    join users u on u.organization_id = p.organization_id and u.email = 'clinician@demo.openiop.test'
    where p.care_status = 'active' and e.level_of_care = '2.1'
      and not exists (select 1 from service_authorizations a where a.patient_id = p.id)
    order by p.legal_family_name, p.id limit 1`);
  if (!p) throw new Error('no active Portland person at 2.1 in the demo');
  const monday = addDays(mondayOf(localDate(env().clock.now(), TZ)), 7);
  for (let d = 0; d < 4; d += 1) {
    const day = addDays(monday, d);
    const [o] = await db.db
      .insert(sessionOccurrences)
      .values({
        organizationId: p.organizationId,
        locationId: p.locationId,
        kind: 'individual',
        title: 'Individual session',
        day,
        startMinute: 600,
        endMinute: 650,
        startsAt: zonedInstant(day, 600, TZ),
        endsAt: zonedInstant(day, 650, TZ),
        modality: 'virtual',
        capacity: 1,
        staffId: p.staffId,
        status: 'scheduled',
      })
      .returning({ id: sessionOccurrences.id });
    await db.db
      .insert(sessionAttendees)
      .values({ organizationId: p.organizationId, occurrenceId: o?.id as string, patientId: p.patientId, source: 'manual' });
  }
  return { patientId: p.patientId, name: p.name };
}

describe('authorizations in the browser', () => {
  it('billing adds an authorization with 2 units left; the chart and the schedule warn with the units left', async () => {
    const { patientId, name } = await bookNextWeek();
    const today = localDate(env().clock.now(), TZ);

    const billing = await env().page(DESKTOP);
    await signIn(billing, 'billing@demo.openiop.test');
    await billing.goto(`/patients/${patientId}`);
    const section = billing.getByRole('region', { name: 'Authorizations' });
    await section.getByText('No authorizations recorded.').waitFor();
    await section.getByRole('button', { name: 'Add authorization' }).click();
    const form = section.getByRole('form', { name: 'Add an authorization' });
    await form.getByLabel('Payer').fill('Cascade Health Plan');
    await form.getByLabel('Authorization number').fill('PA-77120');
    await form.getByLabel('Service codes').fill('90834');
    await form.getByLabel('Units authorized').fill('2');
    // A start after the end is refused, naming the field.
    await form.getByLabel('Starts on').fill(addDays(today, 60));
    await form.getByLabel('Ends on').fill(today);
    await form.getByRole('button', { name: 'Add authorization' }).click();
    await form.getByText('must be on or after the start date').waitFor();
    await form.getByLabel('Starts on').fill(today);
    await form.getByLabel('Ends on').fill(addDays(today, 60));
    await form.getByRole('button', { name: 'Add authorization' }).click();
    const item = section.getByRole('listitem').filter({ hasText: 'PA-77120' });
    await item.getByText('2 of 2 units left · 0 used · 4 scheduled').waitFor();
    await item.getByText('Cascade Health Plan: 2 units left, 4 scheduled').waitFor();
    await expectAccessible(billing, 'chart with an authorization');

    // Editing it (If-Match): two more units and the warning goes.
    await item.getByRole('button', { name: 'Edit authorization PA-77120' }).click();
    const edit = section.getByRole('form', { name: 'Edit authorization PA-77120' });
    await edit.getByLabel('Units authorized').fill('4');
    await edit.getByRole('button', { name: 'Save authorization' }).click();
    await section.getByText('4 of 4 units left · 0 used · 4 scheduled').waitFor();
    expect(await section.getByText(/units left, 4 scheduled/).count()).toBe(0);
    await section.getByRole('button', { name: 'Edit authorization PA-77120' }).click();
    await section.getByRole('form', { name: 'Edit authorization PA-77120' }).getByLabel('Units authorized').fill('2');
    await section.getByRole('button', { name: 'Save authorization' }).click();
    await section.getByText('Cascade Health Plan: 2 units left, 4 scheduled').waitFor();

    // The scheduler sees it on next week's people and on the session's roster.
    const director = await env().page(DESKTOP);
    await signIn(director, 'director@demo.openiop.test');
    await director.goto('/schedule');
    await director.getByRole('heading', { level: 1, name: 'Schedule' }).waitFor();
    await director.getByRole('textbox', { name: 'Location' }).click();
    await director.getByRole('option', { name: 'Riverbend Portland' }).click();
    await director.getByRole('button', { name: 'Next week' }).click();
    const people = director.getByRole('table').filter({ hasText: 'Authorization' });
    const row = people.getByRole('row').filter({ hasText: name });
    await row.getByText('Cascade Health Plan: 2 units left, 4 scheduled').waitFor();
    await expectAccessible(director, 'schedule with an authorization warning');
    await director.getByRole('button', { name: /^Individual session, Monday 10:00 to 10:50/ }).click();
    const drawer = director.getByRole('dialog', { name: 'Individual session' });
    await drawer.getByText('Cascade Health Plan: 2 units left, 4 scheduled').waitFor();
    await expectAccessible(director, 'session drawer with an authorization warning');

    // On a phone the chart section still reads and works.
    const phone = await env().page(PHONE);
    await signIn(phone, 'billing@demo.openiop.test');
    await phone.goto(`/patients/${patientId}`);
    await phone.getByRole('region', { name: 'Authorizations' }).getByText('2 of 2 units left · 0 used · 4 scheduled').waitFor();
    await expectAccessible(phone, 'authorizations on a phone');
  });
});
