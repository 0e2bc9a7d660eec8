import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseIcsStrict } from '../../api/src/features/sessions/ics-parse';
import { DESKTOP, PHONE, expectAccessible, signIn, useE2E } from './harness';

const env = useE2E();
/** The calendar's scale: 0.9 px a minute from 07:00. */
const yOf = (minute: number) => (minute - 7 * 60) * 0.9 + 5;

describe('planning a week in the browser', () => {
  it('plans with progress, stops a drag into a clash with the reason, checks a keyboard move live, publishes', async () => {
    const director = await env().page(DESKTOP);
    await signIn(director, 'director@demo.openiop.test');
    await director.goto('/schedule');
    await director.getByRole('heading', { level: 1, name: 'Schedule' }).waitFor();
    await director.getByRole('textbox', { name: 'Location' }).click();
    await director.getByRole('option', { name: 'Riverbend Portland' }).click();
    await director.getByRole('button', { name: 'Next week' }).click();
    await director.getByText('Not planned').waitFor();
    await expectAccessible(director, 'schedule, not planned');

    await director.getByRole('button', { name: 'Plan this week' }).click();
    await director.getByText(/^Planned: \d+ of \d+ people reach their hours/).waitFor({ timeout: 60_000 });
    await director.getByText('Draft', { exact: true }).waitFor();
    // The person who can only come on Tuesday evenings is explained, with what would fix it.
    await director
      .getByText(/h short of \d+ h: their availability holds at most/)
      .first()
      .waitFor();
    await expectAccessible(director, 'schedule, planned draft');

    // A clinician drags Monday evening's group onto Tuesday morning, where Group room A is taken: refused, with why.
    const clinician = await env().page(DESKTOP);
    await signIn(clinician, 'clinician@demo.openiop.test');
    await clinician.goto('/schedule');
    await clinician.getByRole('button', { name: 'Next week' }).click();
    await clinician.getByText('Draft', { exact: true }).waitFor();
    const evening = clinician.getByRole('button', { name: /^Relapse prevention, Monday 18:00 to 21:00/ });
    await evening.dragTo(clinician.getByTestId('day-1'), { targetPosition: { x: 30, y: yOf(9 * 60) } });
    await clinician.getByRole('alert').filter({ hasText: 'Group room A is booked twice' }).first().waitFor();
    await expect.poll(() => clinician.getByRole('button', { name: /^Relapse prevention, Monday 18:00 to 21:00/ }).count()).toBe(1);

    // By the keyboard: the session's drawer checks the new time live and will not save a clash.
    await evening.focus();
    await clinician.keyboard.press('Enter');
    const drawer = clinician.getByRole('dialog', { name: 'Relapse prevention' });
    await drawer.getByRole('heading', { name: /Roster/ }).waitFor();
    await drawer.getByRole('textbox', { name: 'Day' }).click();
    await clinician.getByRole('option', { name: 'Tuesday' }).click();
    await drawer.getByLabel('Starts at').fill('09:00');
    await drawer.getByText(/Group room A is booked twice/).waitFor();
    expect(await drawer.getByRole('button', { name: 'Save move' }).isDisabled()).toBe(true);
    await drawer.getByLabel('Starts at').fill('18:30');
    await drawer.getByRole('textbox', { name: 'Day' }).click();
    await clinician.getByRole('option', { name: 'Monday' }).click();
    await drawer
      .getByText(/This move fits|outside the times|falls below|has .* h this week/)
      .first()
      .waitFor();
    await expectAccessible(clinician, 'session drawer');
    await clinician.keyboard.press('Escape');

    // An ad hoc session is checked the same way before it is saved: Tuesday morning in Group room A clashes.
    await clinician.getByRole('button', { name: 'Add a session' }).click();
    const adding = clinician.getByRole('dialog', { name: 'Add a session' });
    await adding.getByLabel('Day').selectOption({ index: 1 });
    await adding.getByLabel('Starts').selectOption('540');
    await adding.getByLabel('Room').selectOption({ label: 'Group room A (14)' });
    await adding.getByRole('button', { name: 'Check' }).click();
    await adding.getByText('This would break the schedule').waitFor();
    await adding
      .getByText(/Group room A is booked twice/)
      .first()
      .waitFor();
    expect(await adding.getByRole('button', { name: 'Add session' }).isDisabled()).toBe(true);
    await expectAccessible(clinician, 'add a session');
    await clinician.keyboard.press('Escape');

    await director.reload();
    await director.getByText('Draft', { exact: true }).waitFor();
    await director.getByRole('button', { name: 'Publish week' }).click();
    await director.getByText('Published', { exact: true }).waitFor();

    // The published week reaches a person: on their page (phone) and in their calendar feed.
    const [seated] = await env().database.query<{ patientId: string; sessions: number }>(sql`
      select a.patient_id as "patientId", count(*)::int as sessions from session_attendees a
      join session_occurrences o on o.id = a.occurrence_id join schedule_weeks w on w.id = o.week_id
      where w.status = 'published' and o.status = 'scheduled' and a.status = 'scheduled'
      group by a.patient_id order by count(*) desc, a.patient_id limit 1`);
    if (!seated) throw new Error('the published week seats nobody');
    await director.goto(`/patients/${seated.patientId}`);
    await director
      .getByRole('region', { name: 'Measurement-based care' })
      .getByRole('button', { name: /measures link/ })
      .click();
    const linkDialog = director.getByRole('dialog');
    await linkDialog.getByRole('button', { name: 'Create link' }).click();
    const mePath = new URL(await linkDialog.getByLabel('Link').inputValue()).pathname;
    await director.keyboard.press('Escape');
    const sessions = director.getByRole('region', { name: 'Sessions' });
    await sessions.getByRole('button', { name: 'Create calendar feed' }).click();
    const feedUrl = await sessions.getByLabel('Calendar feed link').inputValue();
    const feed = parseIcsStrict(await (await fetch(`${env().url}${new URL(feedUrl).pathname}`)).text());
    expect(feed.events.filter((e) => e.props.get('STATUS') !== 'CANCELLED').length).toBeGreaterThanOrEqual(seated.sessions);
    expect(feed.events.every((e) => /^(Session at Riverbend Portland|Video session)$/.test(e.props.get('SUMMARY') ?? ''))).toBe(true);
    const person = await env().page(PHONE);
    await person.goto(mePath);
    const mine = person.getByRole('list', { name: 'Your upcoming sessions' });
    await mine.getByRole('listitem').first().waitFor();
    expect(await mine.getByRole('listitem').count()).toBeGreaterThanOrEqual(Math.min(seated.sessions, 1));

    const phone = await env().page(PHONE);
    await signIn(phone, 'clinician@demo.openiop.test');
    await phone.goto('/schedule');
    await phone.getByRole('button', { name: 'Next week' }).click();
    await phone.getByText('Published', { exact: true }).waitFor();
    await phone.getByText('Tue', { exact: true }).click();
    await phone
      .getByRole('button', { name: /, Tuesday 09:00 to 12:00/ })
      .first()
      .waitFor();
    await expectAccessible(phone, 'schedule on a phone');
  });
});
